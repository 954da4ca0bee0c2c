import { html, nothing, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import * as v from 'valibot';
import { MagElement } from '../../../activities/src/base/mag-element.js';
import { download, fileName } from '../../../activities/src/util/download.js';
import { BridgeError, describeIssues } from '../../../activities/src/bridge/protocol.js';
import { translate } from '../../../activities/src/i18n/localize.js';
import { programmeToIcs } from './ics.js';
import { Step, moveStep, runningTotals, timing, totals, wallClock, type StepTiming, type Totals } from './model.js';
import type { Step as StepType } from './model.js';
import { programmeStrings } from './programme.strings.js';
import { programmeStyles } from './programme.styles.js';
import {
  ACTIVITY_TYPE,
  catalogChoices,
  getState,
  save,
  updated,
  type CatalogChoice,
  type ProgrammeState,
  type StepProgress,
} from './protocol.js';

type Key = keyof typeof programmeStrings.fr;
type Draft = { kind: 'inperson' | 'synchronous' | 'module'; index: number | null; step: Partial<StepType> };

/** Accent- and case-insensitive text, for the module picker's filter. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');

/**
 * The hybrid programme of a training, in order: in-person sessions, live online sessions and distance modules from
 * the catalog. Trainers plan it (add, edit, reorder with the keyboard or the pointer, remove; running totals of
 * in-person and distance time); trainees see the same steps as a timeline with where each stands, their progress
 * in the modules and what comes next. Everyone can add it to their calendar (.ics).
 *
 * @summary Hybrid training programme: planner and timeline.
 * @tagname mag-programme
 * @csspart status - The connection status message.
 * @csspart steps - The list of steps.
 */
export class MagProgramme extends MagElement {
  static override styles = [...MagElement.styles, programmeStyles];
  static override activityType = ACTIVITY_TYPE;

  @state() private current: ProgrammeState | null = null;
  @state() private message: { text: string; error: boolean } | null = null;
  @state() private announcement = '';
  @state() private draft: Draft | null = null;
  @state() private draftError = '';
  @state() private choices: CatalogChoice[] | null = null;
  @state() private filter = '';
  @state() private dragging: { from: number; over: number } | null = null;
  @state() private busy = false;

  @query('dialog.edit') private editDialog!: HTMLDialogElement | null;
  @query('dialog.catalog') private catalogDialog!: HTMLDialogElement | null;

  private refreshing = false;
  private refreshAgain = false;

  constructor() {
    super();
    this.bridge.on(updated, ({ version }) => {
      if (!this.current || version > this.current.version) void this.refresh();
    });
  }

  protected override bridgeConnected(): void {
    void this.refresh();
  }

  private t(key: Key, params?: Record<string, string | number>): string {
    return translate(programmeStrings, this.locale, key, params);
  }

  private get trainer(): boolean {
    return this.userRole === 'trainer';
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      this.accept(await this.bridge.request(getState, {}));
    } catch (error) {
      this.fail(error);
    } finally {
      this.refreshing = false;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        void this.refresh();
      }
    }
  }

  private accept(next: ProgrammeState): void {
    if (this.current && next.version < this.current.version) return;
    this.current = next;
  }

  private fail(error: unknown): void {
    const message = error instanceof BridgeError || error instanceof Error ? error.message : String(error);
    this.message = { text: this.t('failed', { message }), error: true };
  }

  /** Saves new steps, from the version on screen; on a conflict, shows the newest version and says so. */
  private async persist(steps: StepType[], done: string): Promise<boolean> {
    const current = this.current;
    if (!current) return false;
    this.busy = true;
    // Shown at once; put back by the answer.
    this.current = { ...current, steps };
    try {
      const answer = await this.bridge.request(save, { baseVersion: current.version, steps });
      this.current = answer.state;
      this.message = answer.saved ? { text: done, error: false } : { text: this.t('conflict'), error: true };
      return answer.saved;
    } catch (error) {
      this.current = current;
      this.fail(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  // ---- Formatting ----

  private duration(minutes: number): string {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours === 0) return this.t('minutes', { minutes: rest });
    if (rest === 0) return this.t('hours', { hours });
    return this.t('hoursMinutes', { hours, minutes: String(rest).padStart(2, '0') });
  }

  private date(date: string): string {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return new Intl.DateTimeFormat(this.locale === 'fr' ? 'fr-FR' : 'en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, month - 1, day)));
  }

  private time(time: string, plusMinutes = 0): string {
    const [hours, minutes] = time.split(':').map(Number) as [number, number];
    const total = (hours * 60 + minutes + plusMinutes) % (24 * 60);
    const h = Math.floor(total / 60);
    const m = String(total % 60).padStart(2, '0');
    return this.locale === 'fr' ? `${h}\u00a0h\u00a0${m}` : `${String(h).padStart(2, '0')}:${m}`;
  }

  private totalsText(value: Totals, key: 'totals' | 'running'): string {
    return this.t(key, {
      inperson: this.duration(value.inPersonMinutes),
      distance: this.duration(value.distanceMinutes),
      synchronous: this.duration(value.synchronousMinutes),
    });
  }

  // ---- Trainer actions ----

  private async move(index: number, to: number, focus: 'up' | 'down' | null): Promise<void> {
    const steps = this.current?.steps ?? [];
    if (to < 0 || to >= steps.length || to === index) return;
    const step = steps[index]!;
    const moved = moveStep(steps, index, to);
    this.announcement = this.t('moved', { title: step.title, position: to + 1, count: steps.length });
    await this.persist(moved, this.t('saved'));
    if (focus) {
      await this.updateComplete;
      const item = this.renderRoot.querySelector<HTMLElement>(`[data-step="${CSS.escape(step.id)}"]`);
      const button = item?.querySelector<HTMLButtonElement>(`[data-action="${focus}"]:not(:disabled)`);
      (button ?? item?.querySelector<HTMLButtonElement>('[data-action="edit"]'))?.focus();
    }
  }

  private async removeStep(index: number): Promise<void> {
    const steps = this.current?.steps ?? [];
    const step = steps[index];
    if (!step) return;
    await this.persist(
      steps.filter((_, i) => i !== index),
      this.t('removed', { title: step.title }),
    );
  }

  private openDraft(kind: Draft['kind'], index: number | null): void {
    const existing = index === null ? null : this.current?.steps[index];
    const today = wallClock(new Date()).slice(0, 10);
    const fresh: Partial<StepType> =
      kind === 'inperson'
        ? { kind, title: this.t('newInPerson'), date: today, start: '09:00', durationMinutes: 180, place: '' }
        : { kind, title: this.t('newSynchronous'), date: today, start: '17:30', durationMinutes: 60 };
    this.draft = { kind, index, step: existing ? { ...existing } : fresh };
    this.draftError = '';
    void this.updateComplete.then(() => {
      this.editDialog?.showModal();
      this.editDialog?.querySelector<HTMLInputElement>('input')?.focus();
    });
  }

  private closeDraft(): void {
    this.editDialog?.close();
    this.draft = null;
  }

  private async submitDraft(form: HTMLFormElement): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const optional = (name: string) => text(name) || undefined;
    const base = draft.step as StepType;
    const id = base.id ?? `step-${crypto.randomUUID().slice(0, 8)}`;
    const notes = optional('notes');
    let candidate: unknown;
    if (draft.kind === 'module' && base.kind === 'module') {
      candidate = {
        ...base,
        title: text('title'),
        opens: optional('opens'),
        closes: optional('closes'),
        durationMinutes: Number(text('durationMinutes')),
        notes,
      };
    } else {
      candidate = {
        kind: draft.kind,
        id,
        title: text('title'),
        date: text('date'),
        start: text('start'),
        durationMinutes: Number(text('durationMinutes')),
        ...(draft.kind === 'inperson' ? { place: text('place') } : { link: optional('link') }),
        notes,
      };
    }
    const parsed = v.safeParse(Step, candidate);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const field = issue.path?.map((part) => String(part.key)).join('.') ?? '';
      this.draftError = field
        ? this.t('invalid', { field: this.fieldLabel(field), message: issue.message })
        : describeIssues(parsed.issues);
      return;
    }
    const steps = [...(this.current?.steps ?? [])];
    if (draft.index === null) steps.push(parsed.output);
    else steps[draft.index] = parsed.output;
    this.closeDraft();
    await this.persist(steps, this.t('saved'));
  }

  private fieldLabel(field: string): string {
    const keys: Record<string, Key> = {
      title: 'fieldTitle',
      date: 'fieldDate',
      start: 'fieldStart',
      durationMinutes: 'fieldDuration',
      place: 'fieldPlace',
      link: 'fieldLink',
      opens: 'fieldOpens',
      closes: 'fieldCloses',
      notes: 'fieldNotes',
    };
    return keys[field] ? this.t(keys[field]) : field;
  }

  private async openCatalog(): Promise<void> {
    this.filter = '';
    this.choices = null;
    await this.updateComplete;
    this.catalogDialog?.showModal();
    try {
      this.choices = (await this.bridge.request(catalogChoices, {})).modules;
    } catch (error) {
      this.catalogDialog?.close();
      this.fail(error);
    }
  }

  private async addModule(choice: CatalogChoice): Promise<void> {
    const steps = [...(this.current?.steps ?? [])];
    const today = wallClock(new Date()).slice(0, 10);
    steps.push({
      kind: 'module',
      id: `module-${crypto.randomUUID().slice(0, 8)}`,
      title: choice.title,
      catalog: choice.catalog,
      opens: today,
      durationMinutes: Math.max(5, choice.durationMinutes || 60),
    });
    this.catalogDialog?.close();
    await this.persist(steps, this.t('added', { title: choice.title }));
  }

  private exportIcs(): void {
    const state = this.current;
    if (!state) return;
    const ics = programmeToIcs(state.steps, {
      programmeId: this.instance,
      calendarName: state.title || this.t('defaultTitle'),
      locale: this.locale,
      now: new Date(),
      ...(location.protocol.startsWith('http') ? { url: location.href } : {}),
    });
    download(new Blob([ics], { type: 'text/calendar;charset=utf-8' }), fileName(state.title, 'ics', 'programme'));
  }

  // ---- Pointer reordering: the handle drags a step; the keyboard has its own buttons. ----

  private onHandleDown(event: PointerEvent, index: number): void {
    if (event.button !== 0) return;
    const handle = event.currentTarget as HTMLElement;
    handle.setPointerCapture(event.pointerId);
    this.dragging = { from: index, over: index };
    event.preventDefault();
  }

  private onHandleMove(event: PointerEvent): void {
    if (!this.dragging) return;
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('li[data-step]')];
    let over = items.length - 1;
    for (const [i, item] of items.entries()) {
      const box = item.getBoundingClientRect();
      if (event.clientY < box.top + box.height / 2) {
        over = i;
        break;
      }
    }
    if (over !== this.dragging.over) this.dragging = { ...this.dragging, over };
  }

  private onHandleUp(): void {
    const dragging = this.dragging;
    this.dragging = null;
    if (dragging && dragging.over !== dragging.from) void this.move(dragging.from, dragging.over, null);
  }

  // ---- Rendering ----

  override render(): TemplateResult {
    const state = this.current;
    const title = this.activityTitle || state?.title || this.t('defaultTitle');
    return html`<section class="card" aria-labelledby="title" lang=${this.locale}>
      <h2 id="title">${title}</h2>
      ${this.renderStatus()}
      ${
        state
          ? html`<p class="totals" data-info="totals">${this.totalsText(totals(state.steps), 'totals')}</p>
              ${this.trainer ? this.renderPlanner(state) : this.renderTimeline(state)}
              <p class="export">
                <button type="button" data-action="ics" @click=${() => this.exportIcs()}>${this.t('exportIcs')}</button>
              </p>`
          : nothing
      }
      ${
        this.message
          ? html`<p
              class="message ${this.message.error ? 'error' : ''}"
              role=${this.message.error ? 'alert' : 'status'}
            >
              ${this.message.text}
            </p>`
          : nothing
      }
      <p class="mag-visually-hidden" aria-live="polite">${this.announcement}</p>
      ${this.trainer ? html`${this.renderEditDialog()} ${this.renderCatalogDialog()}` : nothing}
    </section>`;
  }

  private renderWhen(step: StepType): TemplateResult {
    if (step.kind === 'module') {
      const range =
        step.opens && step.closes
          ? this.t('opens', { from: this.date(step.opens), to: this.date(step.closes) })
          : step.opens
            ? this.t('opensFrom', { from: this.date(step.opens) })
            : step.closes
              ? this.t('opensUntil', { to: this.date(step.closes) })
              : '';
      return html`${range ? html`<p class="when">${range}</p>` : nothing}
        <p class="detail">${this.t('expected', { duration: this.duration(step.durationMinutes) })}</p>`;
    }
    return html`<p class="when">
        ${this.date(step.date)}, ${this.time(step.start)} – ${this.time(step.start, step.durationMinutes)}
        (${this.duration(step.durationMinutes)})
      </p>
      ${
        step.kind === 'inperson' && step.place
          ? html`<p class="detail">${this.t('place', { place: step.place })}</p>`
          : nothing
      }`;
  }

  private renderStepBody(step: StepType): TemplateResult {
    return html`<p class="kind">${this.t(`kind_${step.kind}`)}</p>
      <h3>${step.title}</h3>
      ${this.renderWhen(step)} ${step.notes ? html`<p class="notes">${step.notes}</p>` : nothing}`;
  }

  private renderTimeline(state: ProgrammeState): TemplateResult {
    if (state.steps.length === 0) return html`<p class="empty">${this.t('empty')}</p>`;
    const now = wallClock(new Date());
    const timings = state.steps.map((step) => timing(step, now));
    const nextIndex = state.steps.findIndex(
      (step, i) =>
        (timings[i] === 'current' || timings[i] === 'upcoming') &&
        !(step.kind === 'module' && state.progress?.[step.id]?.completed),
    );
    const next = state.steps[nextIndex];
    return html`${next ? html`<p class="next" data-info="next">${this.t('next', { title: next.title })}</p>` : nothing}
      <ol class="timeline" part="steps">
        ${repeat(
          state.steps,
          (step) => step.id,
          (step, i) => this.renderTimelineStep(step, timings[i]!, i === nextIndex, state),
        )}
      </ol>`;
  }

  private renderTimelineStep(step: StepType, when: StepTiming, isNext: boolean, state: ProgrammeState): TemplateResult {
    const progress = step.kind === 'module' ? state.progress?.[step.id] : undefined;
    return html`<li
      class="step"
      data-step=${step.id}
      data-kind=${step.kind}
      data-timing=${when}
      aria-current=${isNext ? 'step' : nothing}
    >
      <div class="body">
        ${this.renderStepBody(step)}
        <p class="timing">${this.t(`timing_${when}`)}</p>
        ${
          step.kind === 'module'
            ? progress?.completed
              ? html`<p class="done">${this.t('completed')}</p>`
              : html`<p class="progress">
                  <label>
                    ${this.t('progress', { percent: Math.round(progress?.percent ?? 0) })}
                    <progress max="100" .value=${progress?.percent ?? 0}></progress>
                  </label>
                </p>`
            : nothing
        }
        ${step.kind === 'module' ? this.renderPlayLink(step, when, progress, state) : nothing}
        ${
          step.kind === 'synchronous' && step.link && when !== 'past'
            ? html`<p>
                <a
                  href=${step.link}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label=${this.t('joinLabel', { title: step.title })}
                  >${this.t('join')}</a
                >
              </p>`
            : nothing
        }
      </div>
    </li>`;
  }

  /**
   * A module step that is open (or over, to look back) links to the host's player page with the step: a plain link,
   * so that keyboards, screen readers and "open in a new tab" work as for any link.
   */
  private renderPlayLink(
    step: StepType,
    when: StepTiming,
    progress: StepProgress | undefined,
    state: ProgrammeState,
  ): TemplateResult | typeof nothing {
    if (!state.player || when === 'upcoming') return nothing;
    const href = playerHref(state.player, step.id);
    if (!href) return nothing;
    const action =
      progress?.completed || when === 'past' ? 'review' : (progress?.percent ?? 0) > 0 ? 'continue' : 'start';
    return html`<p class="play">
      <a class="play" href=${href} data-action="play" aria-label=${this.t(`playLabel_${action}`, { title: step.title })}
        >${this.t(`play_${action}`)}</a
      >
    </p>`;
  }

  private renderPlanner(state: ProgrammeState): TemplateResult {
    const steps = state.steps;
    const running = runningTotals(steps);
    return html`${steps.length === 0 ? html`<p class="empty">${this.t('emptyTrainer')}</p>` : nothing}
      <ol class="planner" part="steps" aria-busy=${this.busy ? 'true' : 'false'}>
        ${repeat(
          steps,
          (step) => step.id,
          (step, index) =>
            html`<li
              class="step ${this.dragging?.from === index ? 'dragging' : ''} ${
                this.dragging && this.dragging.over === index && this.dragging.from !== index ? 'drop-target' : ''
              }"
              data-step=${step.id}
              data-kind=${step.kind}
            >
              <span
                class="handle"
                title=${this.t('drag')}
                aria-hidden="true"
                @pointerdown=${(event: PointerEvent) => this.onHandleDown(event, index)}
                @pointermove=${(event: PointerEvent) => this.onHandleMove(event)}
                @pointerup=${() => this.onHandleUp()}
                @pointercancel=${() => (this.dragging = null)}
                >⠿</span
              >
              <div class="body">
                ${this.renderStepBody(step)}
                <p class="running">${this.totalsText(running[index]!, 'running')}</p>
              </div>
              <div class="actions">
                <button
                  type="button"
                  class="small"
                  data-action="up"
                  ?disabled=${index === 0 || this.busy}
                  aria-label=${this.t('moveUpLabel', { title: step.title })}
                  @click=${() => void this.move(index, index - 1, 'up')}
                >
                  ↑ ${this.t('moveUp')}
                </button>
                <button
                  type="button"
                  class="small"
                  data-action="down"
                  ?disabled=${index === steps.length - 1 || this.busy}
                  aria-label=${this.t('moveDownLabel', { title: step.title })}
                  @click=${() => void this.move(index, index + 1, 'down')}
                >
                  ↓ ${this.t('moveDown')}
                </button>
                <button
                  type="button"
                  class="small"
                  data-action="edit"
                  aria-label=${this.t('editLabel', { title: step.title })}
                  @click=${() => this.openDraft(step.kind, index)}
                >
                  ${this.t('edit')}
                </button>
                <button
                  type="button"
                  class="small"
                  data-action="remove"
                  aria-label=${this.t('removeLabel', { title: step.title })}
                  @click=${() => void this.removeStep(index)}
                >
                  ${this.t('remove')}
                </button>
              </div>
            </li>`,
        )}
      </ol>
      <p class="add">
        <button type="button" data-action="add-inperson" @click=${() => this.openDraft('inperson', null)}>
          + ${this.t('addInPerson')}
        </button>
        <button type="button" data-action="add-synchronous" @click=${() => this.openDraft('synchronous', null)}>
          + ${this.t('addSynchronous')}
        </button>
        <button type="button" data-action="add-module" @click=${() => void this.openCatalog()}>
          + ${this.t('addModule')}
        </button>
      </p>`;
  }

  private renderEditDialog(): TemplateResult {
    const draft = this.draft;
    const step = (draft?.step ?? {}) as Partial<StepType> & Record<string, unknown>;
    const value = (name: string) => (step[name] === undefined ? '' : String(step[name]));
    const field = (name: string, label: Key, type = 'text', attrs: { required?: boolean; min?: number } = {}) =>
      html`<p class="field">
        <label for="f-${name}">${this.t(label)}</label>
        <input
          id="f-${name}"
          name=${name}
          type=${type}
          .value=${value(name)}
          ?required=${attrs.required ?? false}
          min=${attrs.min ?? nothing}
        />
      </p>`;
    const kind = draft?.kind;
    return html`<dialog class="edit" aria-labelledby="edit-title" @close=${() => (this.draft = null)}>
      ${
        draft
          ? html`<form
              method="dialog"
              novalidate
              @submit=${(event: SubmitEvent) => {
                event.preventDefault();
                void this.submitDraft(event.target as HTMLFormElement);
              }}
            >
              <h3 id="edit-title">${this.t(`kind_${kind!}`)}</h3>
              ${field('title', 'fieldTitle', 'text', { required: true })}
              ${
                kind === 'module'
                  ? html`${field('opens', 'fieldOpens', 'date')} ${field('closes', 'fieldCloses', 'date')}`
                  : html`${field('date', 'fieldDate', 'date', { required: true })}
                    ${field('start', 'fieldStart', 'time', { required: true })}`
              }
              ${field('durationMinutes', 'fieldDuration', 'number', { required: true, min: 5 })}
              ${kind === 'inperson' ? field('place', 'fieldPlace') : nothing}
              ${kind === 'synchronous' ? field('link', 'fieldLink', 'url') : nothing}
              <p class="field">
                <label for="f-notes">${this.t('fieldNotes')}</label>
                <textarea id="f-notes" name="notes" rows="2" .value=${value('notes')}></textarea>
              </p>
              ${this.draftError ? html`<p class="message error" role="alert">${this.draftError}</p>` : nothing}
              <p class="add">
                <button type="submit" class="primary">${this.t('save')}</button>
                <button type="button" @click=${() => this.closeDraft()}>${this.t('cancel')}</button>
              </p>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  private renderCatalogDialog(): TemplateResult {
    const wanted = fold(this.filter.trim());
    const shown = (this.choices ?? []).filter(
      (choice) => !wanted || fold(`${choice.title} ${choice.summary ?? ''}`).includes(wanted),
    );
    return html`<dialog class="catalog" aria-labelledby="catalog-title">
      <h3 id="catalog-title">${this.t('catalog')}</h3>
      <p class="field">
        <label for="catalog-search">${this.t('catalogSearch')}</label>
        <input
          id="catalog-search"
          type="search"
          .value=${this.filter}
          @input=${(event: InputEvent) => (this.filter = (event.target as HTMLInputElement).value)}
        />
      </p>
      ${
        this.choices === null
          ? nothing
          : this.choices.length === 0
            ? html`<p>${this.t('catalogNone')}</p>`
            : shown.length === 0
              ? html`<p>${this.t('catalogEmpty')}</p>`
              : html`<ul class="choices">
                  ${shown.slice(0, 50).map(
                    (choice) =>
                      html`<li data-choice=${choice.catalog.entryId}>
                        <div>
                          <strong>${choice.title}</strong>
                          ${choice.summary ? html`<p class="detail">${choice.summary}</p>` : nothing}
                          <p class="detail">
                            ${this.t('expected', { duration: this.duration(choice.durationMinutes) })}
                          </p>
                        </div>
                        <button
                          type="button"
                          class="small primary"
                          aria-label=${this.t('addLabel', { title: choice.title })}
                          @click=${() => void this.addModule(choice)}
                        >
                          ${this.t('add')}
                        </button>
                      </li>`,
                  )}
                </ul>`
      }
      <p class="add"><button type="button" @click=${() => this.catalogDialog?.close()}>${this.t('cancel')}</button></p>
    </dialog>`;
  }
}

/** The player page with `step` added (and the page's explicit `lang`, on the same site); null if unusable. */
export function playerHref(player: string, stepId: string, here: string = location.href): string | null {
  let url: URL;
  try {
    url = new URL(player, here);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.searchParams.set('step', stepId);
  const current = new URL(here);
  const lang = current.searchParams.get('lang');
  if (lang && url.origin === current.origin && !url.searchParams.has('lang')) url.searchParams.set('lang', lang);
  return url.href;
}
