import { css } from 'lit';

export const programmeStyles = css`
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
  h3 {
    margin: 0.1rem 0;
    font-size: 1.05rem;
  }
  p {
    margin: 0.15rem 0;
  }
  .totals,
  .next {
    margin: 0 0 var(--mag-space);
    font-weight: 700;
  }
  ol {
    margin: 0 0 var(--mag-space);
    padding: 0;
    list-style: none;
  }
  .step {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    margin: 0 0 0.5rem;
    padding: 0.6rem 0.75rem;
    border: 1px solid var(--mag-color-border);
    border-left: 6px solid var(--mag-color-primary);
    border-radius: var(--mag-radius);
    background: var(--mag-color-surface);
  }
  .step[data-kind='synchronous'] {
    border-left-color: #18753c;
  }
  .step[data-kind='module'] {
    border-left-color: #b34000;
  }
  .step[data-timing='past'] {
    background: var(--mag-color-surface-alt);
  }
  .step[aria-current='step'] {
    outline: 3px solid var(--mag-color-primary);
  }
  .step.dragging {
    opacity: 0.6;
  }
  .step.drop-target {
    box-shadow: 0 -4px 0 var(--mag-color-focus);
  }
  .body {
    flex: 1 1 auto;
    min-width: 0;
    overflow-wrap: break-word;
  }
  .kind,
  .timing,
  .running,
  .detail {
    color: var(--mag-color-muted);
    font-size: 0.875rem;
  }
  .kind {
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .handle {
    align-self: center;
    padding: 0.25rem;
    cursor: grab;
    touch-action: none;
    user-select: none;
    font-size: 1.25rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    justify-content: flex-end;
    max-width: 14rem;
  }
  .add {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0 0 var(--mag-space);
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
  button.small {
    min-height: 32px;
    padding: 0.1rem 0.5rem;
    font-size: 0.875rem;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  a {
    color: var(--mag-color-primary);
    font-weight: 700;
  }
  /* The timeline's way into the player: a link (it goes to another page), sized as a button. */
  a.play {
    display: inline-block;
    min-height: 44px;
    box-sizing: border-box;
    padding: 0.55rem 0.9rem;
    border: 2px solid var(--mag-color-primary);
    border-radius: var(--mag-radius);
    text-decoration: none;
  }
  progress {
    display: block;
    width: 100%;
    max-width: 20rem;
  }
  dialog {
    width: min(32rem, calc(100vw - 2rem));
    border: 1px solid var(--mag-color-border);
    border-radius: var(--mag-radius);
    color: var(--mag-color-text);
    background: var(--mag-color-surface);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    margin: 0 0 0.6rem;
  }
  label {
    font-weight: 700;
  }
  input,
  textarea {
    min-height: 40px;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--mag-color-border);
    border-bottom: 2px solid var(--mag-color-text);
    border-radius: var(--mag-radius) var(--mag-radius) 0 0;
    background: var(--mag-color-surface-alt);
    color: var(--mag-color-text);
    font: inherit;
  }
  .choices {
    max-height: 50vh;
    margin: 0 0 var(--mag-space);
    padding: 0;
    overflow: auto;
    list-style: none;
  }
  .choices li {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.4rem 0;
    border-bottom: 1px solid var(--mag-color-border);
  }
  .message.error {
    color: var(--mag-color-error);
  }
  @media (forced-colors: active) {
    .step {
      border-left-color: CanvasText;
    }
  }
`;
