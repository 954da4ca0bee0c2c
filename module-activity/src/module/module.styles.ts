import { css } from 'lit';

/**
 * What `<mag-module>` and its lazily loaded views (player, trainer's tools) share: they live in its shadow root and
 * inherit its theme tokens (custom properties), so they do not declare them again.
 */
export const sharedStyles = css`
  :host {
    display: block;
  }
  :focus-visible {
    outline: 3px solid var(--mag-color-focus);
    outline-offset: 2px;
  }
  .mag-visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.25rem;
  }
  h3 {
    margin: 0.1rem 0;
    font-size: 1.1rem;
  }
  h4 {
    margin: 0.1rem 0;
    font-size: 1rem;
  }
  p {
    margin: 0.2rem 0;
  }
  ul,
  ol {
    margin: 0.25rem 0 0.5rem;
  }
  button {
    min-height: 2.5rem;
    padding: 0.4rem 0.9rem;
    border: 1px solid var(--mag-color-primary);
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
  button.small {
    min-height: 2rem;
    padding: 0.2rem 0.6rem;
    font-size: 0.9rem;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .muted,
  .detail {
    color: var(--mag-color-muted);
    font-size: 0.9rem;
  }
  .message {
    margin: 0.5rem 0;
    padding: 0.5rem var(--mag-space);
    border-left: 4px solid var(--mag-color-primary);
    background: var(--mag-color-surface-alt);
  }
  .message.error {
    border-color: var(--mag-color-error);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.5rem 0;
  }
  progress {
    width: 12rem;
    max-width: 100%;
    vertical-align: middle;
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
    button {
      border-color: ButtonText;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;

export const moduleStyles = css`
  .card {
    padding: var(--mag-space);
    border: 1px solid var(--mag-color-border);
    border-radius: var(--mag-radius);
    background: var(--mag-color-surface);
  }
  .steps {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .step {
    margin: 0 0 0.5rem;
    padding: 0.6rem 0.75rem;
    border: 1px solid var(--mag-color-border);
    border-left: 6px solid #b34000;
    border-radius: var(--mag-radius);
    overflow-wrap: break-word;
  }
  .step[data-reach='closed'],
  .step[data-reach='upcoming'] {
    background: var(--mag-color-surface-alt);
  }
  .done {
    font-weight: 700;
  }
`;
