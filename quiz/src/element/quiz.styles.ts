import { css } from 'lit';

export const quizStyles = css`
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
    margin: 0 0 0.5rem;
    font-size: 1.1rem;
  }
  p {
    margin: 0.25rem 0;
  }
  .facts {
    margin: 0 0 var(--mag-space);
    padding-left: 1.25rem;
  }
  .muted {
    color: var(--mag-color-muted);
  }
  .actions,
  .confirm {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin: var(--mag-space) 0;
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
    min-width: 44px;
    min-height: 36px;
    padding: 0.1rem 0.5rem;
  }
  button.big {
    min-height: 56px;
    font-size: 1.15rem;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0 0 var(--mag-space);
    padding: 0;
    list-style: none;
  }
  .nav button.answered {
    background: var(--mag-color-surface-alt);
    font-weight: 700;
  }
  .nav button[aria-current='step'] {
    outline: 3px solid var(--mag-color-focus);
  }
  .question {
    margin: 0 0 var(--mag-space);
    padding: var(--mag-space);
    border: 1px solid var(--mag-color-border);
    border-radius: var(--mag-radius);
  }
  .qtext {
    margin: 0 0 var(--mag-space);
    overflow-wrap: break-word;
  }
  .qtext img {
    max-width: 100%;
    height: auto;
  }
  .choices {
    display: grid;
    gap: 0.4rem;
  }
  .choice {
    display: flex;
    gap: 0.6rem;
    align-items: flex-start;
    padding: 0.5rem 0.6rem;
    border: 1px solid var(--mag-color-border);
    border-radius: var(--mag-radius);
    cursor: pointer;
  }
  .choice.chosen {
    border: 2px solid var(--mag-color-primary);
  }
  .choice input {
    width: 1.25rem;
    height: 1.25rem;
    margin-top: 0.15rem;
    flex: none;
  }
  .label {
    flex: 1 1 auto;
    min-width: 0;
  }
  .label > :first-child,
  .qtext > :first-child {
    margin-top: 0;
  }
  .part {
    flex: none;
    font-weight: 700;
  }
  .part.right {
    color: #18753c;
  }
  .part.wrong,
  .part.partial {
    color: var(--mag-color-error);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  label {
    font-weight: 700;
  }
  .choice,
  .choice .label {
    font-weight: 400;
  }
  input[type='text'],
  textarea,
  select {
    min-height: 44px;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--mag-color-border);
    border-bottom: 2px solid var(--mag-color-text);
    border-radius: var(--mag-radius) var(--mag-radius) 0 0;
    background: var(--mag-color-surface-alt);
    color: var(--mag-color-text);
    font: inherit;
  }
  .matching .stem {
    margin: 0 0 0.6rem;
  }
  .ordering {
    display: grid;
    gap: 0.4rem;
    padding-left: 1.5rem;
  }
  .ordering li {
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--mag-color-border);
    border-radius: var(--mag-radius);
  }
  .ordering li,
  .moves {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  .feedback,
  .hint {
    margin: var(--mag-space) 0 0;
    padding: 0.6rem var(--mag-space);
    border-left: 4px solid var(--mag-color-primary);
    background: var(--mag-color-surface-alt);
  }
  .feedback.right {
    border-color: #18753c;
  }
  .feedback.wrong,
  .feedback.partial {
    border-color: var(--mag-color-error);
  }
  .timer {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .message.error {
    color: var(--mag-color-error);
  }
  .result,
  .grade {
    font-size: 1.1rem;
  }
  .bars {
    display: grid;
    gap: 0.4rem;
    margin: var(--mag-space) 0;
    padding: 0;
    list-style: none;
  }
  .bars li {
    display: grid;
    grid-template-columns: minmax(6rem, 2fr) 3fr auto;
    gap: 0.5rem;
    align-items: center;
  }
  .bars li.right .bar-label {
    font-weight: 700;
  }
  .bar {
    height: 1.25rem;
    border-radius: var(--mag-radius);
    background: var(--mag-color-surface-alt);
  }
  .fill {
    display: block;
    width: calc(var(--share, 0) * 100%);
    height: 100%;
    border-radius: var(--mag-radius);
    background: var(--mag-color-muted);
  }
  .bars li.right .fill {
    background: var(--mag-color-primary);
  }
  .bar-count {
    font-variant-numeric: tabular-nums;
  }
  table {
    border-collapse: collapse;
  }
  caption {
    text-align: start;
    font-weight: 700;
  }
  th,
  td {
    padding: 0.2rem 0.5rem;
    border-bottom: 1px solid var(--mag-color-border);
    text-align: start;
  }
  td.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .outcome.right {
    color: #18753c;
  }
  .outcome.wrong {
    color: var(--mag-color-error);
  }
  /* Projection: large type for a projector. */
  .projection {
    position: fixed;
    inset: 0;
    z-index: 2147483000;
    overflow: auto;
    padding: 3vmin 4vmin;
    border: 0;
    border-radius: 0;
    font-size: clamp(1.1rem, 2.6vmin, 2.4rem);
  }
  :host([projection]) .card {
    position: static;
    min-height: 100%;
  }
  .projection h3 {
    font-size: 1.2em;
  }
  @media (forced-colors: active) {
    .fill {
      background: CanvasText;
    }
    .choice.chosen {
      border-color: Highlight;
    }
  }
`;
