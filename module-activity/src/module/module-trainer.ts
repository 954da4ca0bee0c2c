/**
 * `<mag-module-trainer>`, the trainers' tools of `<mag-module>`, loaded only for trainers: the programme's module
 * steps with the updates their catalog offers, the catalog browser (accent-insensitive full-text search, facets with
 * counts, pages, a preview, "Ajouter à ma formation"), and the report on trainees with its CSV export. Everything
 * goes through the element's bridge; the host's server refuses these subjects to trainees.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { defineElement } from '../../../activities/src/base/define.js';
import { BridgeError } from '../../../activities/src/bridge/protocol.js';
import { translate } from '../../../activities/src/i18n/localize.js';
import { download, fileName } from '../../../activities/src/util/download.js';
import { FACETS, type FacetName } from '../catalog/search.js';
import { DOMAIN_LABELS, DURATION_BANDS, MODALITY_LABELS, NATURE_LABELS, PUBLIC_LABELS } from '../catalog/vocabulary.js';
import type { ModuleApi } from './module.component.js';
import { formatDate } from './module.strings.js';
import { sharedStyles } from './module.styles.js';
import type { CatalogProblem, ModuleState, StepView } from './protocol.js';
import { reportCsv } from './report.js';
import {
  add,
  preview as previewRequest,
  report as reportRequest,
  search as searchRequest,
  update as updateRequest,
  type CatalogCard,
  type Preview,
  type Report,
  type SearchRequest,
  type SearchResult,
} from './trainer-protocol.js';
import { trainerStrings, type TrainerKey } from './trainer.strings.js';

type Tab = 'steps' | 'catalog' | 'report';
const TABS: readonly Tab[] = ['steps', 'catalog', 'report'];
/** Typing waits this long before searching; results of an older query are dropped. */
const SEARCH_DELAY_MS = 200;
/** Reports fetch again at most this often while trainees play. */
const REPORT_REFRESH_MS = 1_000;

const FACET_LABELS: Record<FacetName, Record<string, { fr: string; en: string }>> = {
  duration: Object.fromEntries(DURATION_BANDS.map((band) => [band.code, band.label])),
  public: PUBLIC_LABELS,
  domain: DOMAIN_LABELS,
  nature: NATURE_LABELS,
  modality: MODALITY_LABELS,
};

export class MagModuleTrainer extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        margin: 0 0 var(--mag-space);
        border-bottom: 2px solid var(--mag-color-primary);
      }
      [role='tab'] {
        border-bottom: none;
        border-radius: var(--mag-radius) var(--mag-radius) 0 0;
      }
      [role='tab'][aria-selected='true'] {
        background: var(--mag-color-primary);
        color: var(--mag-color-on-primary);
      }
      .list {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .list > li {
        margin: 0 0 0.6rem;
        padding: 0.6rem 0.75rem;
        border: 1px solid var(--mag-color-border);
        border-radius: var(--mag-radius);
        overflow-wrap: break-word;
      }
      .offer {
        margin: 0.5rem 0;
        padding: 0.5rem 0.75rem;
        border-left: 4px solid #18753c;
        background: var(--mag-color-surface-alt);
      }
      .offer h5 {
        margin: 0;
        font-size: 1rem;
      }
      .browser {
        display: grid;
        grid-template-columns: minmax(12rem, 15rem) 1fr;
        gap: var(--mag-space);
      }
      @media (max-width: 42rem) {
        .browser {
          grid-template-columns: 1fr;
        }
      }
      .search {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
        margin: 0 0 var(--mag-space);
      }
      .search label {
        display: block;
        font-weight: 700;
      }
      input[type='search'],
      select {
        min-height: 2.5rem;
        padding: 0.3rem 0.5rem;
        border: 1px solid var(--mag-color-border);
        border-radius: var(--mag-radius);
        font: inherit;
      }
      input[type='search'] {
        width: min(28rem, 100%);
      }
      fieldset {
        margin: 0 0 0.5rem;
        padding: 0.25rem 0.5rem 0.5rem;
        border: 1px solid var(--mag-color-border);
        border-radius: var(--mag-radius);
      }
      legend {
        font-weight: 700;
      }
      fieldset label {
        display: block;
        padding: 0.15rem 0;
      }
      .card-row {
        display: flex;
        gap: 0.75rem;
        align-items: flex-start;
      }
      .card-row img {
        flex: 0 0 auto;
        width: 8rem;
        aspect-ratio: 16 / 9;
        object-fit: cover;
        border-radius: var(--mag-radius);
      }
      .badge {
        display: inline-block;
        padding: 0 0.4rem;
        border: 1px solid #18753c;
        border-radius: var(--mag-radius);
        color: #18753c;
        font-size: 0.85rem;
        font-weight: 700;
      }
      dialog {
        max-width: min(48rem, 95vw);
        border: 1px solid var(--mag-color-border);
        border-radius: var(--mag-radius);
        color: var(--mag-color-text);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 45%);
      }
      .table {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        min-width: 100%;
      }
      caption {
        text-align: left;
        font-weight: 700;
        padding: 0 0 0.25rem;
      }
      th,
      td {
        padding: 0.3rem 0.5rem;
        border: 1px solid var(--mag-color-border);
        text-align: left;
        vertical-align: top;
      }
      thead th {
        background: var(--mag-color-surface-alt);
      }
    `,
  ];

  @property({ attribute: false }) api!: ModuleApi;
  @property({ attribute: false }) state!: ModuleState;
  /** Bumped by `<mag-module>` when a trainee's figures changed. */
  @property({ attribute: false }) reportVersion = 0;

  @state() private tab: Tab = 'steps';
  @state() private query: Required<Pick<SearchRequest, 'text' | 'sort' | 'page'>> & {
    filters: Partial<Record<FacetName, string[]>>;
  } = { text: '', sort: 'relevance', page: 1, filters: {} };
  @state() private results: SearchResult | null = null;
  @state() private previewing: Preview | null = null;
  @state() private report: Report | null = null;
  @state() private busy = new Set<string>();
  @state() private announcement = '';

  @query('dialog.preview') private dialog!: HTMLDialogElement | null;

  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private searchTicket = 0;
  private reportPage = 1;
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private lastReport = 0;

  private t(key: TrainerKey, params?: Record<string, string | number>): string {
    return translate(trainerStrings, this.api.locale, key, params);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    clearTimeout(this.reportTimer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('reportVersion') && this.tab === 'report' && this.report) this.scheduleReport();
  }

  private fail(error: unknown): void {
    const message = error instanceof BridgeError || error instanceof Error ? error.message : String(error);
    this.api.say(this.t('failed', { message }), true);
  }

  private reason(problem: CatalogProblem): string {
    return this.t(`reason_${problem.code}`);
  }

  private duration(minutes: number): string {
    const hours = Math.floor(minutes / 60);
    const rest = Math.round(minutes % 60);
    if (hours === 0) return this.t('minutes', { minutes: rest });
    if (rest === 0) return this.t('hours', { hours });
    return this.t('hoursMinutes', { hours, minutes: String(rest).padStart(2, '0') });
  }

  private label(facet: FacetName, value: string): string {
    return FACET_LABELS[facet][value]?.[this.api.locale] ?? value;
  }

  // ---- Tabs ----

  private select(tab: Tab, focus = false): void {
    this.tab = tab;
    if (tab === 'catalog' && !this.results) void this.search();
    if (tab === 'report' && !this.report) void this.loadReport(this.reportPage);
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  private onTabKey(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.tab);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index + TABS.length - 1) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.select(TABS[next]!, true);
  }

  // ---- Catalog ----

  private setQuery(change: Partial<typeof this.query>, delay = 0): void {
    this.query = { ...this.query, page: 1, ...change };
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.search(), delay);
  }

  private toggleFilter(facet: FacetName, value: string, on: boolean): void {
    const current = new Set(this.query.filters[facet] ?? []);
    if (on) current.add(value);
    else current.delete(value);
    this.setQuery({ filters: { ...this.query.filters, [facet]: [...current] } });
  }

  private async search(): Promise<void> {
    const ticket = ++this.searchTicket;
    const filters = Object.fromEntries(
      Object.entries(this.query.filters).filter(([, values]) => values.length > 0),
    ) as SearchRequest['filters'];
    try {
      const result = await this.api.call(searchRequest, {
        text: this.query.text.slice(0, 200),
        sort: this.query.sort,
        page: this.query.page,
        ...(filters && Object.keys(filters).length > 0 ? { filters } : {}),
      });
      if (ticket !== this.searchTicket) return; // an older query answering late
      this.results = result;
      this.announcement = this.t('results', { count: result.total });
    } catch (error) {
      if (ticket === this.searchTicket) this.fail(error);
    }
  }

  private async goToPage(page: number): Promise<void> {
    this.query = { ...this.query, page };
    await this.search();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.results [data-info="total"]')?.focus();
  }

  private async openPreview(card: CatalogCard): Promise<void> {
    try {
      const answer = await this.api.call(previewRequest, { base: card.base, entryId: card.id });
      if (!answer.ok) {
        this.api.say(this.t('problem_generic', { reason: this.reason(answer.problem) }), true);
        return;
      }
      this.previewing = answer.preview;
      await this.updateComplete;
      this.dialog?.showModal();
    } catch (error) {
      this.fail(error);
    }
  }

  private async addModule(card: CatalogCard): Promise<void> {
    const key = `add:${card.base}${card.id}`;
    if (this.busy.has(key)) return;
    this.busy = new Set(this.busy).add(key);
    try {
      const answer = await this.api.call(add, { base: card.base, entryId: card.id, version: card.latest });
      if (!answer.ok) {
        this.api.say(this.t('problem_generic', { reason: this.reason(answer.problem) }), true);
        return;
      }
      this.api.accept(answer.state);
      this.api.say(this.t('added', { title: card.title }));
      this.dialog?.close();
      if (this.results) {
        this.results = {
          ...this.results,
          hits: this.results.hits.map((hit) => (hit.id === card.id ? { ...hit, inProgramme: true } : hit)),
        };
      }
    } catch (error) {
      this.fail(error);
    } finally {
      const next = new Set(this.busy);
      next.delete(key);
      this.busy = next;
    }
  }

  // ---- Updates ----

  private async updateStep(step: StepView, version: string): Promise<void> {
    const key = `update:${step.stepId}`;
    if (this.busy.has(key)) return;
    this.busy = new Set(this.busy).add(key);
    try {
      const answer = await this.api.call(updateRequest, { stepId: step.stepId, version });
      if (!answer.ok) {
        this.api.say(this.t('problem_generic', { reason: this.reason(answer.problem) }), true);
        return;
      }
      this.api.accept(answer.state);
      this.api.say(this.t('updated', { title: step.title, version }));
      this.report = null;
    } catch (error) {
      this.fail(error);
    } finally {
      const next = new Set(this.busy);
      next.delete(key);
      this.busy = next;
    }
  }

  // ---- Report ----

  private scheduleReport(): void {
    if (this.reportTimer !== undefined) return;
    const wait = Math.max(0, this.lastReport + REPORT_REFRESH_MS - Date.now());
    this.reportTimer = setTimeout(() => {
      this.reportTimer = undefined;
      void this.loadReport(this.reportPage);
    }, wait);
  }

  private async loadReport(page: number): Promise<void> {
    this.lastReport = Date.now();
    try {
      this.report = await this.api.call(reportRequest, { page });
      this.reportPage = this.report.page;
    } catch (error) {
      this.fail(error);
    }
  }

  private async exportCsv(): Promise<void> {
    try {
      const first = await this.api.call(reportRequest, { page: 1 });
      const rows = [...first.rows];
      for (let page = 2; page <= first.pages; page++) {
        rows.push(...(await this.api.call(reportRequest, { page })).rows);
      }
      const csv = reportCsv(
        first.steps,
        rows,
        {
          trainee: this.t('csvTrainee'),
          programme: this.t('csvProgramme'),
          progress: (title) => this.t('csvProgress', { title }),
          time: (title) => this.t('csvTime', { title }),
          score: (title) => this.t('csvScore', { title }),
        },
        this.api.locale,
      );
      const title = this.state.programme?.title ?? 'modules';
      download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName(title, 'csv', 'modules'));
    } catch (error) {
      this.fail(error);
    }
  }

  // ---- Rendering ----

  override render(): TemplateResult {
    if (!this.state.programme) return html`<p>${this.t('noProgramme')}</p>`;
    const count = this.state.steps.length;
    const label = (tab: Tab) => (tab === 'steps' ? this.t('tab_steps', { count }) : this.t(`tab_${tab}`));
    return html`<div
        role="tablist"
        aria-label=${this.t('tabs')}
        @keydown=${(event: KeyboardEvent) => this.onTabKey(event)}
      >
        ${TABS.map(
          (tab) =>
            html`<button
              type="button"
              role="tab"
              id="tab-${tab}"
              aria-selected=${this.tab === tab ? 'true' : 'false'}
              aria-controls="panel-${tab}"
              tabindex=${this.tab === tab ? '0' : '-1'}
              @click=${() => this.select(tab)}
            >
              ${label(tab)}
            </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel-${this.tab}" aria-labelledby="tab-${this.tab}" tabindex="0">
        ${this.tab === 'steps' ? this.renderSteps() : this.tab === 'catalog' ? this.renderCatalog() : this.renderReport()}
      </div>
      ${this.renderPreview()}
      <p class="mag-visually-hidden" aria-live="polite">${this.announcement}</p>`;
  }

  private renderSteps(): TemplateResult {
    const steps = this.state.steps;
    if (steps.length === 0) return html`<p>${this.t('empty')}</p>`;
    return html`<ol class="list">
      ${steps.map((step) => {
        const when = [step.opens, step.closes].filter(Boolean).map((date) => formatDate(this.api.locale, date!));
        return html`<li data-step=${step.stepId}>
          <h3>${step.title}</h3>
          <p class="detail">
            ${this.t('inUse', { version: step.catalog.version })} · ${this.t(`reach_${step.reach}`)}
            ${when.length > 0 ? html` · ${when.join(' – ')}` : nothing}
          </p>
          ${
            step.problem
              ? html`<p class="message error">${this.t('problem_generic', { reason: this.reason(step.problem) })}</p>`
              : nothing
          }
          ${step.update ? this.renderOffer(step) : nothing}
          <p class="actions">
            <button
              type="button"
              class="small"
              data-action="preview-step"
              aria-label=${this.t('previewStepLabel', { title: step.title })}
              @click=${() => this.api.play(step.stepId)}
            >
              ${this.t('previewStep')}
            </button>
          </p>
        </li>`;
      })}
    </ol>`;
  }

  private renderOffer(step: StepView): TemplateResult {
    const offer = step.update!;
    const busy = this.busy.has(`update:${step.stepId}`);
    return html`<div class="offer" data-offer=${offer.version}>
      <h4>${this.t('updateAvailable', { version: offer.version })}</h4>
      ${offer.major ? html`<p><strong>${this.t('updateMajor')}</strong></p>` : nothing}
      ${offer.notes.map(
        (note) =>
          html`<p class="detail">
              ${this.t('notesOf', { version: note.version, date: formatDate(this.api.locale, note.date) })}
            </p>
            <p>${note.releaseNotes}</p>`,
      )}
      ${offer.more > 0 ? html`<p class="detail">${this.t('updateMore', { count: offer.more })}</p>` : nothing}
      <p class="actions">
        <button
          type="button"
          class="primary small"
          data-action="update"
          ?disabled=${busy}
          aria-label=${this.t('updateLabel', { title: step.title, version: offer.version })}
          @click=${() => void this.updateStep(step, offer.version)}
        >
          ${this.t('updateButton', { version: offer.version })}
        </button>
      </p>
    </div>`;
  }

  private renderCatalog(): TemplateResult {
    const results = this.results;
    return html`<form class="search" role="search" @submit=${(event: Event) => event.preventDefault()}>
        <p>
          <label for="catalog-search">${this.t('search')}</label>
          <input
            id="catalog-search"
            type="search"
            maxlength="200"
            aria-describedby="search-hint"
            .value=${this.query.text}
            @input=${(event: InputEvent) =>
              this.setQuery({ text: (event.target as HTMLInputElement).value }, SEARCH_DELAY_MS)}
          />
          <span id="search-hint" class="detail">${this.t('searchHint')}</span>
        </p>
        <p>
          <label for="catalog-sort">${this.t('sort')}</label>
          <select
            id="catalog-sort"
            @change=${(event: Event) =>
              this.setQuery({ sort: (event.target as HTMLSelectElement).value as 'relevance' | 'title' | 'recent' })}
          >
            ${(['relevance', 'title', 'recent'] as const).map(
              (sort) =>
                html`<option value=${sort} ?selected=${this.query.sort === sort}>${this.t(`sort_${sort}`)}</option>`,
            )}
          </select>
        </p>
      </form>
      ${(results?.catalogs ?? [])
        .filter((catalog) => catalog.problem)
        .map(
          (catalog) =>
            html`<p class="message error" data-catalog-problem=${catalog.problem!.code}>
              ${this.t('catalogUnavailable', { url: catalog.base, reason: this.reason(catalog.problem!) })}
            </p>`,
        )}
      ${
        results
          ? html`<div class="browser">
              <div class="facets">
                ${FACETS.map((facet) => this.renderFacet(facet, results))}
                ${
                  Object.values(this.query.filters).some((values) => values.length > 0)
                    ? html`<button type="button" class="small" @click=${() => this.setQuery({ filters: {} })}>
                        ${this.t('clearFilters')}
                      </button>`
                    : nothing
                }
              </div>
              <div class="results">
                <p class="detail" data-info="total" tabindex="-1">${this.t('results', { count: results.total })}</p>
                ${
                  results.hits.length === 0
                    ? html`<p>${this.t('noResults')}</p>`
                    : html`<ol class="list">
                        ${results.hits.map((card) => this.renderCard(card))}
                      </ol>`
                }
                ${this.renderPages(results)}
              </div>
            </div>`
          : html`<p class="muted">${this.t('loading')}</p>`
      }`;
  }

  private renderFacet(facet: FacetName, results: SearchResult): TemplateResult | typeof nothing {
    const values = (results.facets[facet] ?? []).filter(
      (value) => value.count > 0 || this.query.filters[facet]?.includes(value.value),
    );
    if (values.length === 0) return nothing;
    return html`<fieldset data-facet=${facet}>
      <legend>${this.t(`facet_${facet}`)}</legend>
      ${values.map(
        (value) =>
          html`<label>
            <input
              type="checkbox"
              value=${value.value}
              .checked=${this.query.filters[facet]?.includes(value.value) ?? false}
              @change=${(event: Event) =>
                this.toggleFilter(facet, value.value, (event.target as HTMLInputElement).checked)}
            />
            ${this.t('facetValue', { label: this.label(facet, value.value), count: value.count })}
          </label>`,
      )}
    </fieldset>`;
  }

  private durations(card: CatalogCard): string {
    const distance = this.duration(card.durations.distance);
    const inperson = this.duration(card.durations.inPerson);
    if (card.durations.inPerson === 0) return this.t('durations', { distance });
    if (card.durations.distance === 0) return this.t('durationsInPerson', { inperson });
    return this.t('durationsHybrid', { distance, inperson });
  }

  private renderCard(card: CatalogCard): TemplateResult {
    const busy = this.busy.has(`add:${card.base}${card.id}`);
    return html`<li data-entry=${card.id}>
      <div class="card-row">
        <img src=${card.thumbnail} alt="" loading="lazy" />
        <div>
          <h3>${card.title}</h3>
          <p class="detail">
            ${this.durations(card)} · ${card.publics.map((code) => this.label('public', code)).join(', ')} ·
            ${this.label('domain', card.domain)} · ${this.label('nature', card.nature)}
          </p>
          <p>${card.summary}</p>
          <p class="detail">${this.t('updatedOn', { date: formatDate(this.api.locale, card.date) })}</p>
          ${card.inProgramme ? html`<p><span class="badge">${this.t('inProgramme')}</span></p>` : nothing}
          <p class="actions">
            <button
              type="button"
              class="small"
              data-action="preview"
              aria-label=${this.t('previewLabel', { title: card.title })}
              @click=${() => void this.openPreview(card)}
            >
              ${this.t('preview')}
            </button>
            <button
              type="button"
              class="small primary"
              data-action="add"
              ?disabled=${busy}
              aria-label=${this.t('addLabel', { title: card.title })}
              @click=${() => void this.addModule(card)}
            >
              ${this.t('add')}
            </button>
          </p>
        </div>
      </div>
    </li>`;
  }

  private renderPages(results: SearchResult): TemplateResult | typeof nothing {
    if (results.pages <= 1) return nothing;
    return html`<nav aria-label=${this.t('pages')} class="actions">
      <button
        type="button"
        class="small"
        data-action="previous-page"
        ?disabled=${results.page <= 1}
        @click=${() => void this.goToPage(results.page - 1)}
      >
        ${this.t('previous')}
      </button>
      <span>${this.t('page', { page: results.page, pages: results.pages })}</span>
      <button
        type="button"
        class="small"
        data-action="next-page"
        ?disabled=${results.page >= results.pages}
        @click=${() => void this.goToPage(results.page + 1)}
      >
        ${this.t('next')}
      </button>
    </nav>`;
  }

  private renderPreview(): TemplateResult {
    const shown = this.previewing;
    return html`<dialog class="preview" aria-labelledby="preview-title" @close=${() => (this.previewing = null)}>
      ${
        shown
          ? html`<h3 id="preview-title">${shown.card.title}</h3>
              <p class="detail">${this.durations(shown.card)} · ${shown.card.latest}</p>
              <p>${shown.card.summary}</p>
              <h4>${this.t('objectives')}</h4>
              <ul>
                ${shown.objectives.map((objective) => html`<li>${objective}</li>`)}
              </ul>
              <h4>${this.t('items')}</h4>
              <ol>
                ${shown.items.map(
                  (item) =>
                    html`<li>
                      ${this.t('itemLine', {
                        kind: this.t(`kind_${item.kind as 'page'}`),
                        title: item.title,
                        minutes: item.duration,
                      })}
                    </li>`,
                )}
              </ol>
              <p>${this.t('rhythm', { rhythm: shown.rhythm })}</p>
              <p>
                ${this.t('authors', {
                  authors: shown.authors
                    .map((author) => [author.name, author.role, author.organisation].filter(Boolean).join(', '))
                    .join(' ; '),
                })}
              </p>
              ${shown.license ? html`<p>${this.t('license', { license: shown.license })}</p>` : nothing}
              <h4>${this.t('versions')}</h4>
              ${shown.versions.map(
                (version) =>
                  html`<p class="detail">
                      ${this.t('notesOf', { version: version.version, date: formatDate(this.api.locale, version.date) })}
                    </p>
                    <p>${version.releaseNotes}</p>`,
              )}
              <p class="actions">
                <button
                  type="button"
                  class="primary"
                  data-action="add"
                  ?disabled=${this.busy.has(`add:${shown.card.base}${shown.card.id}`)}
                  @click=${() => void this.addModule(shown.card)}
                >
                  ${this.t('add')}
                </button>
                <button type="button" data-action="close" @click=${() => this.dialog?.close()}>
                  ${this.t('close')}
                </button>
              </p>`
          : nothing
      }
    </dialog>`;
  }

  private cell(figures: Report['rows'][number]['programme'] | undefined): string {
    if (!figures) return '';
    const time = this.duration(figures.seconds / 60);
    const percent = Math.round(figures.percent);
    return figures.score === null
      ? this.t('cell', { percent, time })
      : this.t('cellScore', { percent, time, score: Math.round(figures.score) });
  }

  private renderReport(): TemplateResult {
    const report = this.report;
    if (!report) return html`<p class="muted">${this.t('loading')}</p>`;
    if (report.total === 0) return html`<p>${this.t('reportEmpty')}</p>`;
    return html`<p class="actions">
        <button type="button" data-action="csv" @click=${() => void this.exportCsv()}>${this.t('exportCsv')}</button>
      </p>
      <div class="table">
        <table>
          <caption>
            ${this.t('reportCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${this.t('trainee')}</th>
              ${report.steps.map((step) => html`<th scope="col">${step.title} (${step.version})</th>`)}
              <th scope="col">${this.t('programmeColumn')}</th>
            </tr>
          </thead>
          <tbody>
            ${report.rows.map(
              (row) =>
                html`<tr data-trainee=${row.userId}>
                  <th scope="row">${row.name}</th>
                  ${report.steps.map(
                    (step) =>
                      html`<td data-step=${step.stepId}>
                        ${this.cell(row.steps[step.stepId])}${row.steps[step.stepId]?.completed ? html` · ${this.t('cellDone')}` : nothing}
                      </td>`,
                  )}
                  <td data-step="programme">${this.cell(row.programme)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        report.pages > 1
          ? html`<nav aria-label=${this.t('pages')} class="actions">
              <button
                type="button"
                class="small"
                ?disabled=${report.page <= 1}
                @click=${() => void this.loadReport(report.page - 1)}
              >
                ${this.t('previous')}
              </button>
              <span>${this.t('page', { page: report.page, pages: report.pages })}</span>
              <button
                type="button"
                class="small"
                ?disabled=${report.page >= report.pages}
                @click=${() => void this.loadReport(report.page + 1)}
              >
                ${this.t('next')}
              </button>
            </nav>`
          : nothing
      }`;
  }
}

defineElement('mag-module-trainer', MagModuleTrainer);

declare global {
  interface HTMLElementTagNameMap {
    'mag-module-trainer': MagModuleTrainer;
  }
}
