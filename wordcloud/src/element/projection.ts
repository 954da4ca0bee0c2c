/**
 * The projection view of `<mag-wordcloud>`: question and cloud only, large type on black, for a projector or a
 * second screen. Loaded when it is first shown (the trainer projects, or the element has `projection`), so that a
 * trainee's phone does not download it.
 */
import { css, html, nothing, type CSSResult, type TemplateResult } from 'lit';
import type { WordcloudState } from '../protocol.js';
import { DARK_PALETTE } from './palette.js';

export interface ProjectionView {
  state: WordcloudState | null;
  title: string;
  locale: string;
  /** Shown by the trainer from the page (full screen, with a way back), not a dedicated screen. */
  projecting: boolean;
  announcement: string;
  t(key: 'participants' | 'projectionHint' | 'exitProjection', params?: Record<string, number>): string;
  status(): TemplateResult | typeof nothing;
  picture(state: WordcloudState, palette: readonly string[]): TemplateResult;
  table(state: WordcloudState): TemplateResult;
  exit(): void;
}

export function renderProjection(view: ProjectionView): TemplateResult {
  const { state, t } = view;
  const participants = state?.participants;
  return html`
    <section class="card projection" aria-label=${view.title} lang=${view.locale}>
      ${view.status()}
      <p class="question">${state?.question || view.title}</p>
      <div class="cloud-box">${state ? view.picture(state, DARK_PALETTE) : nothing}</div>
      <div class="projection-bar">
        <span>${participants === undefined ? nothing : t('participants', { count: participants })}</span>
        <span>${t('projectionHint')}</span>
        ${
          view.projecting
            ? html`<button type="button" data-action="exit" @click=${() => view.exit()}>${t('exitProjection')}</button>`
            : nothing
        }
      </div>
      ${state?.cloud ? view.table(state) : nothing}
      <p class="mag-visually-hidden" aria-live="polite">${view.announcement}</p>
    </section>
  `;
}

export const projectionStyles: CSSResult = css`
  :host([projection]) .card,
  .card.projection {
    position: fixed;
    inset: 0;
    z-index: 2147483000;
    display: flex;
    flex-direction: column;
    overflow: auto;
    padding: 2vmin 3vmin;
    border: 0;
    border-radius: 0;
    background: var(--mag-wordcloud-projection-background);
    color: var(--mag-wordcloud-projection-text);
  }
  :host([projection]) .card {
    position: static;
    min-height: 100%;
  }
  .projection .question {
    margin: 0 0 1vmin;
    font-size: clamp(1.5rem, 4.5vmin, 4rem);
    line-height: 1.15;
  }
  .projection .cloud-box {
    display: flex;
    flex: 1 1 auto;
    align-items: center;
    justify-content: center;
    min-height: 0;
    margin: 0;
    background: var(--mag-wordcloud-projection-background);
  }
  .projection svg.cloud {
    width: auto;
    max-width: 100%;
    max-height: 100%;
  }
  .projection .empty {
    color: var(--mag-wordcloud-projection-text);
    font-size: clamp(1.25rem, 3vmin, 2.5rem);
  }
  .projection-bar {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    align-items: center;
    justify-content: space-between;
    font-size: clamp(1rem, 2.5vmin, 2rem);
  }
  .projection-bar button {
    border-color: var(--mag-wordcloud-projection-text);
    background: var(--mag-wordcloud-projection-background);
    color: var(--mag-wordcloud-projection-text);
  }
  .projection :focus-visible {
    outline-color: #ffffff;
  }
`;
