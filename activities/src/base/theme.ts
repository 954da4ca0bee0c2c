import { css } from 'lit';

/**
 * Theme tokens, declared on :host with defaults (colours from the French State design system, DSFR).
 * A host maps them onto its own theme (Moodle's brand colour, say) through the bridge context.
 * Every text/background pair here passes WCAG 2.1 AA (4.5:1).
 */
export const themeTokens = css`
  :host {
    --mag-color-primary: #000091;
    --mag-color-on-primary: #ffffff;
    --mag-color-text: #161616;
    --mag-color-muted: #3a3a3a;
    --mag-color-surface: #ffffff;
    --mag-color-surface-alt: #f6f6f6;
    --mag-color-border: #929292;
    --mag-color-error: #ce0500;
    --mag-color-focus: #0a76f6;
    --mag-radius: 0.25rem;
    --mag-space: 0.75rem;
    --mag-font-family: inherit;
    display: block;
    color: var(--mag-color-text);
    font-family: var(--mag-font-family);
  }
  :host([hidden]) {
    display: none;
  }
  :focus-visible {
    outline: 3px solid var(--mag-color-focus);
    outline-offset: 2px;
  }
  .mag-status {
    margin: 0 0 var(--mag-space);
    padding: 0.5rem var(--mag-space);
    border-left: 4px solid var(--mag-color-primary);
    background: var(--mag-color-surface-alt);
  }
  .mag-status[data-status='incompatible'] {
    border-color: var(--mag-color-error);
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
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
    .mag-status {
      border-color: CanvasText;
    }
  }
`;
