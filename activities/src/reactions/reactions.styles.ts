import { css } from 'lit';

export const reactionStyles = css`
  .card {
    padding: var(--mag-space);
    border: 1px solid var(--mag-color-border);
    border-radius: var(--mag-radius);
    background: var(--mag-color-surface);
  }
  h2 {
    margin: 0 0 0.25rem;
    font-size: 1.25rem;
  }
  .intro {
    margin: 0 0 var(--mag-space);
    color: var(--mag-color-muted);
  }
  ul {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  button {
    font: inherit;
    min-height: 44px;
    border-radius: var(--mag-radius);
    cursor: pointer;
  }
  .reaction {
    display: flex;
    flex-direction: column;
    align-items: center;
    width: 100%;
    padding: 0.5rem;
    border: 2px solid var(--mag-color-primary);
    background: var(--mag-color-surface);
    color: var(--mag-color-text);
  }
  .reaction:hover {
    background: var(--mag-color-surface-alt);
  }
  .reaction[aria-busy='true'] {
    opacity: 0.7;
  }
  .emoji {
    font-size: 1.75rem;
    line-height: 1;
  }
  .count {
    font-size: 1.5rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-top: var(--mag-space);
  }
  .trainer button {
    padding: 0.4rem 0.8rem;
    border: 2px solid var(--mag-color-primary);
    background: var(--mag-color-surface);
    color: var(--mag-color-primary);
  }
  .trainer button.primary {
    background: var(--mag-color-primary);
    color: var(--mag-color-on-primary);
  }
  .message {
    margin: var(--mag-space) 0 0;
  }
  .message.error {
    color: var(--mag-color-error);
  }
  @media (prefers-reduced-motion: no-preference) {
    .count {
      transition: color 0.2s;
    }
  }
  @media (forced-colors: active) {
    .reaction {
      border-color: ButtonText;
    }
  }
`;
