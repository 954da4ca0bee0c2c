import { css } from 'lit';

export const wordcloudStyles = css`
  :host {
    --mag-wordcloud-background: #ffffff;
    --mag-wordcloud-projection-background: #000000;
    --mag-wordcloud-projection-text: #ffffff;
  }
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
  .question {
    margin: 0 0 var(--mag-space);
    font-size: 1.125rem;
    font-weight: 700;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
    margin: 0 0 var(--mag-space);
  }
  .field {
    display: flex;
    flex: 1 1 14rem;
    flex-direction: column;
    gap: 0.25rem;
  }
  label {
    font-weight: 700;
  }
  .hint,
  .counter {
    margin: 0;
    color: var(--mag-color-muted);
    font-size: 0.875rem;
  }
  input {
    min-height: 44px;
    padding: 0 0.5rem;
    border: 1px solid var(--mag-color-border);
    border-bottom: 2px solid var(--mag-color-text);
    border-radius: var(--mag-radius) var(--mag-radius) 0 0;
    background: var(--mag-color-surface-alt);
    color: var(--mag-color-text);
    font: inherit;
  }
  input[aria-invalid='true'] {
    border-bottom-color: var(--mag-color-error);
  }
  button {
    min-height: 44px;
    padding: 0.4rem 0.9rem;
    border: 2px solid var(--mag-color-primary);
    border-radius: var(--mag-radius);
    background: var(--mag-color-surface);
    color: var(--mag-color-primary);
    font: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--mag-color-primary);
    color: var(--mag-color-on-primary);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button.small {
    min-height: 32px;
    padding: 0.1rem 0.5rem;
    font-size: 0.875rem;
  }
  .info {
    margin: 0 0 var(--mag-space);
  }
  .message {
    margin: 0 0 var(--mag-space);
  }
  .message.error {
    color: var(--mag-color-error);
  }
  .mine ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0 0 var(--mag-space);
    padding: 0;
    list-style: none;
  }
  .mine li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    padding: 0.25rem 0.25rem 0.25rem 0.6rem;
    border: 1px solid var(--mag-color-border);
    border-radius: 1rem;
    background: var(--mag-color-surface-alt);
    overflow-wrap: break-word;
  }
  .mine .text {
    min-width: 0;
    max-width: 100%;
    font-weight: 700;
  }
  .mine button {
    white-space: nowrap;
  }
  .mine .status {
    color: var(--mag-color-muted);
    font-size: 0.875rem;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
  .cloud-box {
    position: relative;
    margin: 0 0 var(--mag-space);
    border-radius: var(--mag-radius);
    background: var(--mag-wordcloud-background);
  }
  svg.cloud {
    display: block;
    width: 100%;
    height: auto;
  }
  .word {
    font-weight: 700;
    text-anchor: middle;
  }
  .empty {
    margin: 0;
    padding: 2rem var(--mag-space);
    color: var(--mag-color-muted);
    text-align: center;
  }
  details {
    margin: 0 0 var(--mag-space);
  }
  summary {
    min-height: 32px;
    cursor: pointer;
    font-weight: 700;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    padding: 0.25rem 0;
    text-align: start;
    color: var(--mag-color-muted);
  }
  th,
  td {
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--mag-color-border);
    text-align: start;
    overflow-wrap: anywhere;
  }
  td.number,
  th.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  @media (prefers-reduced-motion: no-preference) {
    .word {
      transition:
        transform 0.6s ease-in-out,
        font-size 0.6s ease-in-out;
      animation: appear 0.5s ease-out;
    }
    @keyframes appear {
      from {
        opacity: 0;
      }
    }
  }
  @media (forced-colors: active) {
    .word {
      fill: CanvasText;
    }
    input,
    button {
      border-color: ButtonText;
    }
  }
`;
