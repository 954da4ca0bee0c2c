/**
 * `<mag-module-player>`, the module player, loaded by `<mag-module>` when a step opens: plays the step's items in
 * order (pages sanitised, videos with captions and a transcript, H5P content in a sandboxed frame, quizzes and word
 * clouds in `<mag-quiz>` and `<mag-wordcloud>` connected to a host of its own, item-activity.ts), reports time spent
 * and completions, relays H5P's xAPI statements and saves its states, all through the element's bridge. The host's
 * server decides what counts; the player shows what it answers.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import * as v from 'valibot';
import { defineElement } from '../../../activities/src/base/define.js';
import { BridgeError } from '../../../activities/src/bridge/protocol.js';
import { translate } from '../../../activities/src/i18n/localize.js';
import { richText } from '../../../activities/src/util/rich-text.js';
import type { ItemActivities } from './item-activity.js';
import type { ModuleApi } from './module.component.js';
import { sharedStyles } from './module.styles.js';
import { H5PEmbed } from './h5p-host.js';
import { PlayableItem } from './player-items.js';
import {
  item as itemRequest,
  loadH5PState,
  play,
  progress as progressRequest,
  saveH5PState,
  xapi,
  type Outline,
  type Written,
} from './player-protocol.js';
import { MAX_REPORTED_SECONDS, isActivity, isPlayable, type HostPlays } from './progress.js';
import { playerStrings, type PlayerKey } from './player.strings.js';
import type { CatalogProblem } from './protocol.js';

/** Time on an item is reported at least this often while it is shown. */
const REPORT_EVERY_MS = 60_000;
/** H5P states are saved at most this often. */
const STATE_DELAY_MS = 3_000;

type OutlineItem = Outline['items'][number];

export class MagModulePlayer extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: baseline;
        justify-content: space-between;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(12rem, 16rem) 1fr;
        gap: var(--mag-space);
        margin-top: var(--mag-space);
      }
      @media (max-width: 40rem) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      nav ol {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      nav li {
        margin: 0 0 0.25rem;
      }
      nav button {
        width: 100%;
        text-align: left;
        border-color: var(--mag-color-border);
        color: var(--mag-color-text);
      }
      nav button[aria-current='step'] {
        border: 2px solid var(--mag-color-primary);
        font-weight: 700;
      }
      .tick {
        color: #18753c;
        font-weight: 700;
      }
      .content {
        min-width: 0;
        overflow-wrap: break-word;
      }
      .page img,
      video {
        max-width: 100%;
        height: auto;
      }
      .page table {
        border-collapse: collapse;
      }
      .page td,
      .page th {
        padding: 0.25rem 0.5rem;
        border: 1px solid var(--mag-color-border);
      }
      iframe.h5p {
        display: block;
        width: 100%;
        min-height: 8rem;
        border: 1px solid var(--mag-color-border);
        border-radius: var(--mag-radius);
      }
      details {
        margin: 0.5rem 0;
      }
      summary {
        cursor: pointer;
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) api!: ModuleApi;
  @property() stepId = '';

  @state() private outline: Outline | null = null;
  @state() private problem: CatalogProblem | null = null;
  @state() private index = 0;
  @state() private loaded: PlayableItem | null = null;
  @state() private itemFailed = '';
  @state() private h5p: { status: 'loading' | 'ready' | 'failed'; height: number; message: string } | null = null;
  @state() private announcement = '';
  @state() private finished = false;

  @query('iframe.h5p') private frame!: HTMLIFrameElement | null;

  private readonly items = new Map<string, PlayableItem>();
  private embed: H5PEmbed | null = null;
  private h5pState: string | null = null;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingState: { itemId: string; state: string } | null = null;
  private reportTimer: ReturnType<typeof setInterval> | undefined;
  private shownAt: number | null = null;
  private seconds = 0;
  private loading = 0;
  /** The host of this step's quiz and word-cloud items, loaded with the first of them. */
  private activities: ItemActivities | null = null;

  private t(key: PlayerKey, params?: Record<string, string | number>): string {
    return translate(playerStrings, this.api.locale, key, params);
  }

  /** Whether what the trainee does here is recorded (not in a preview, not in a closed module). */
  private get recording(): boolean {
    return this.outline !== null && !this.outline.preview && this.outline.reach === 'open';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.reportTimer = setInterval(() => void this.reportTime(false), REPORT_EVERY_MS);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    clearInterval(this.reportTimer);
    void this.reportTime(false);
    void this.flushState();
    this.closeEmbed();
    this.activities?.close();
    this.activities = null;
  }

  private fail(error: unknown): void {
    const message = error instanceof BridgeError || error instanceof Error ? error.message : String(error);
    this.api.say(this.t('failed', { message }), true);
  }

  private async start(): Promise<void> {
    try {
      const answer = await this.api.call(play, { stepId: this.stepId });
      if (!answer.ok) {
        this.problem = answer.problem;
        return;
      }
      this.outline = answer.outline;
      if (answer.outline.reach === 'upcoming' && !answer.outline.preview) return;
      const firstOpen = answer.outline.items.findIndex(
        (item) => !item.state.completed && playable(item, answer.outline),
      );
      await this.show(firstOpen < 0 ? 0 : firstOpen, false);
    } catch (error) {
      this.fail(error);
    }
  }

  // ---- Items ----

  private async fetchItem(item: OutlineItem): Promise<PlayableItem> {
    const cached = this.items.get(item.id);
    if (cached) return cached;
    let text = '';
    for (let part = 0; part < Math.max(1, item.parts); part++) {
      const answer = await this.api.call(itemRequest, { stepId: this.stepId, itemId: item.id, part });
      text += answer.text;
    }
    const parsed = v.safeParse(PlayableItem, JSON.parse(text));
    if (!parsed.success || parsed.output.id !== item.id) throw new Error(this.t('invalidItem'));
    this.items.set(item.id, parsed.output);
    return parsed.output;
  }

  /** Shows the item at `index`; `focus` moves the focus to its title (keyboard users follow the change). */
  private async show(index: number, focus: boolean): Promise<void> {
    const outline = this.outline;
    const item = outline?.items[index];
    if (!outline || !item) return;
    const ticket = ++this.loading;
    this.closeEmbed();
    this.index = index;
    this.finished = false;
    this.loaded = null;
    this.itemFailed = '';
    this.h5p = null;
    this.h5pState = null;
    try {
      const loaded = await this.fetchItem(item);
      if (loaded.kind === 'h5p' && this.recording) {
        this.h5pState = (await this.api.call(loadH5PState, { stepId: this.stepId, itemId: item.id })).state;
      }
      if (isActivity(loaded.kind) && isPlayable(loaded.kind, playsOf(this.outline))) {
        await this.prepareActivity(item.id, loaded.kind);
      }
      if (ticket !== this.loading) return;
      this.loaded = loaded;
      if (loaded.kind === 'h5p') this.h5p = { status: 'loading', height: 0, message: '' };
      this.startClock();
    } catch (error) {
      if (ticket !== this.loading) return;
      this.itemFailed = error instanceof Error ? error.message : String(error);
    }
    if (focus) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.content h4')?.focus();
    }
  }

  /** Loads the host of the step's own activities and the item's element, before the element is shown. */
  private async prepareActivity(itemId: string, kind: 'quiz' | 'wordcloud'): Promise<void> {
    if (!this.activities) {
      const { ItemActivities } = await import('./item-activity.js');
      this.activities ??= new ItemActivities({
        api: this.api,
        stepId: this.stepId,
        root: this.renderRoot as ShadowRoot,
        written: (id, written) => {
          const before = this.outline?.items.find((candidate) => candidate.id === id)?.state.completed;
          this.apply(id, written);
          if (written.recorded && written.item.completed && !before) this.announcement = this.t('activityDone');
        },
      });
    }
    await this.activities.prepare(itemId, kind);
  }

  private async go(to: number, completeCurrent: boolean): Promise<void> {
    await this.reportTime(completeCurrent);
    await this.flushState();
    const outline = this.outline;
    if (!outline) return;
    if (to >= outline.items.length) {
      this.closeEmbed();
      this.stopClock();
      this.loaded = null;
      this.finished = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.finished')?.focus();
      return;
    }
    await this.show(to, true);
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('mag-module-close', { bubbles: true, composed: true }));
  }

  // ---- Time and completion ----

  private startClock(): void {
    this.seconds = 0;
    this.shownAt = document.visibilityState === 'visible' ? performance.now() : null;
  }

  private stopClock(): void {
    if (this.shownAt !== null) this.seconds += (performance.now() - this.shownAt) / 1000;
    this.shownAt = null;
  }

  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'hidden') {
      void this.reportTime(false);
      this.stopClock();
    } else if (this.loaded) {
      this.shownAt = performance.now();
    }
  };

  /** Sends the time spent on the shown item since the last report, and its completion (pages, videos). */
  private async reportTime(completed: boolean): Promise<void> {
    const item = this.outline?.items[this.index];
    if (!item || !this.loaded || !this.recording) return;
    const visible = this.shownAt !== null;
    this.stopClock();
    if (visible) this.shownAt = performance.now();
    const whole = Math.min(MAX_REPORTED_SECONDS, Math.floor(this.seconds));
    const complete = completed && (item.kind === 'page' || item.kind === 'video') && !item.state.completed;
    if (whole === 0 && !complete) return;
    this.seconds -= whole;
    try {
      this.apply(
        item.id,
        await this.api.call(progressRequest, {
          stepId: this.stepId,
          itemId: item.id,
          seconds: whole,
          ...(complete ? { completed: true } : {}),
        }),
      );
    } catch (error) {
      this.seconds += whole; // sent again with the next report
      this.fail(error);
    }
  }

  /** Takes the server's word for an item's state and the step's progress. */
  private apply(itemId: string, written: Written): void {
    const outline = this.outline;
    if (!outline || !written.recorded) return;
    this.outline = {
      ...outline,
      progress: written.progress,
      items: outline.items.map((item) => (item.id === itemId ? { ...item, state: written.item } : item)),
    };
  }

  // ---- H5P ----

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const frame = this.frame;
    const item = this.loaded;
    if (frame && item?.kind === 'h5p' && !this.embed) this.openEmbed(frame, item);
    // Through the CSSOM: pages' policies refuse style attributes.
    if (frame && this.h5p && this.h5p.height > 0) frame.style.height = `${this.h5p.height}px`;
  }

  private openEmbed(frame: HTMLIFrameElement, item: Extract<PlayableItem, { kind: 'h5p' }>): void {
    const itemId = item.id;
    this.embed = new H5PEmbed(
      frame,
      () => ({
        contentId: `${this.stepId}-${itemId}`,
        h5pJsonPath: item.h5pJsonPath,
        librariesPath: item.librariesPath,
        state: this.h5pState,
        locale: this.api.locale,
      }),
      {
        loaded: () => (this.h5p = { status: 'ready', height: this.h5p?.height ?? 0, message: '' }),
        resize: (height) => this.h5p && (this.h5p = { ...this.h5p, height }),
        error: (message) => (this.h5p = { status: 'failed', height: this.h5p?.height ?? 0, message }),
        statement: (statement) => void this.relay(itemId, statement),
        state: (text) => this.queueState(itemId, text),
      },
    );
  }

  private closeEmbed(): void {
    this.embed?.close();
    this.embed = null;
  }

  private async relay(
    itemId: string,
    statement: Parameters<ConstructorParameters<typeof H5PEmbed>[2]['statement']>[0],
  ): Promise<void> {
    if (!this.recording) return;
    try {
      const written = await this.api.call(xapi, {
        stepId: this.stepId,
        itemId,
        key: `x-${crypto.randomUUID()}`,
        ...statement,
      });
      this.apply(itemId, written);
      if (written.recorded) this.announcement = this.t('answerSaved');
    } catch (error) {
      this.fail(error);
    }
  }

  private queueState(itemId: string, text: string): void {
    if (!this.recording) return;
    this.pendingState = { itemId, state: text };
    clearTimeout(this.stateTimer);
    this.stateTimer = setTimeout(() => void this.flushState(), STATE_DELAY_MS);
  }

  private async flushState(): Promise<void> {
    clearTimeout(this.stateTimer);
    const pending = this.pendingState;
    this.pendingState = null;
    if (!pending) return;
    try {
      await this.api.call(saveH5PState, { stepId: this.stepId, itemId: pending.itemId, state: pending.state });
    } catch (error) {
      // A state too large or refused: the content still plays, it only will not resume.
      if (!(error instanceof BridgeError && error.code === 'too_large')) this.fail(error);
    }
  }

  // ---- Rendering ----

  override render(): TemplateResult {
    const outline = this.outline;
    if (this.problem) {
      return html`<p class="message error" role="alert">${this.t('problem')}</p>
        ${this.renderBack()}`;
    }
    if (!outline) return html`<p class="muted">${this.t('loading')}</p>`;
    const notice = outline.preview
      ? 'preview'
      : outline.reach === 'closed'
        ? 'closed'
        : outline.reach === 'upcoming'
          ? 'upcoming'
          : null;
    return html`<div class="head">
        <h3>${outline.title}</h3>
        <p class="detail">${this.t('version', { version: outline.version })}</p>
      </div>
      ${notice ? html`<p class="message" data-notice=${notice}>${this.t(notice)}</p>` : nothing}
      ${
        outline.preview
          ? nothing
          : html`<p>
              <label>
                ${this.t('progress', { percent: Math.round(outline.progress.percent) })}
                <progress max="100" .value=${outline.progress.percent}></progress>
              </label>
            </p>`
      }
      ${
        notice === 'upcoming'
          ? this.renderBack()
          : html`<div class="layout">
              ${this.renderOutline(outline)}
              <div class="content">${this.finished ? this.renderFinished(outline) : this.renderItem(outline)}</div>
            </div>`
      }
      <p class="mag-visually-hidden" aria-live="polite">${this.announcement}</p>`;
  }

  private renderBack(): TemplateResult {
    return html`<p class="actions">
      <button type="button" data-action="back" @click=${() => this.close()}>${this.t('back')}</button>
    </p>`;
  }

  private renderOutline(outline: Outline): TemplateResult {
    return html`<nav aria-label=${this.t('outline')}>
      <ol>
        ${outline.items.map(
          (item, i) =>
            html`<li>
              <button
                type="button"
                class="small"
                data-item=${item.id}
                aria-current=${i === this.index && !this.finished ? 'step' : nothing}
                @click=${() => void this.go(i, false)}
              >
                ${item.state.completed ? html`<span class="tick" aria-hidden="true">✓</span>` : nothing} ${item.title}
                <span class="mag-visually-hidden"
                  >(${this.t(`kind_${item.kind}`)}${item.state.completed ? `, ${this.t('itemDone')}` : ''})</span
                >
              </button>
            </li>`,
        )}
      </ol>
    </nav>`;
  }

  private renderItem(outline: Outline): TemplateResult {
    const item = outline.items[this.index];
    if (!item) return html``;
    const count = outline.items.length;
    const last = this.index === count - 1;
    return html`<p class="detail">
        ${this.t('position', { position: this.index + 1, count })} · ${this.t(`kind_${item.kind}`)} ·
        ${this.t('minutes', { minutes: item.duration })}
      </p>
      <h4 tabindex="-1" data-item-title=${item.id}>${item.title}</h4>
      ${
        this.itemFailed
          ? html`<p class="message error" role="alert">${this.itemFailed}</p>`
          : this.loaded
            ? this.renderContent(this.loaded)
            : html`<p class="muted">${this.t('loading')}</p>`
      }
      <p class="actions">
        <button
          type="button"
          data-action="previous"
          ?disabled=${this.index === 0}
          @click=${() => void this.go(this.index - 1, false)}
        >
          ${this.t('previous')}
        </button>
        <button type="button" class="primary" data-action="next" @click=${() => void this.go(this.index + 1, true)}>
          ${last ? this.t('finish') : this.t('next')}
        </button>
        <button type="button" data-action="back" @click=${() => this.close()}>${this.t('back')}</button>
      </p>`;
  }

  private renderContent(item: PlayableItem): TemplateResult {
    switch (item.kind) {
      case 'page':
        return html`<div class="page">${unsafeHTML(richText(item.html, 'html'))}</div>`;
      case 'video':
        return html`<video
            controls
            preload="metadata"
            crossorigin="anonymous"
            src=${item.src}
            poster=${item.poster ?? nothing}
            @ended=${() => void this.reportTime(true)}
          >
            ${item.captions.map(
              (track, i) =>
                html`<track
                  kind="captions"
                  src=${track.src}
                  srclang=${track.lang}
                  label=${track.label}
                  ?default=${i === 0}
                />`,
            )}
          </video>
          <details>
            <summary>${this.t('transcript')}</summary>
            ${item.transcript
              .split(/\n\s*\n/)
              .filter((paragraph) => paragraph.trim() !== '')
              .map((paragraph) => html`<p>${paragraph.trim()}</p>`)}
          </details>`;
      case 'h5p': {
        const h5p = this.h5p;
        return html`${
            h5p?.status === 'loading' ? html`<p class="muted" role="status">${this.t('h5pLoading')}</p>` : nothing
          }
          ${
            h5p?.status === 'failed'
              ? html`<p class="message error" role="alert">${this.t('h5pFailed', { message: h5p.message })}</p>`
              : nothing
          }
          <iframe
            class="h5p"
            sandbox="allow-scripts"
            src=${this.outline?.h5pPlayer ?? 'about:blank'}
            title=${this.t('h5pFrame', { title: item.title })}
          ></iframe>
          ${this.recording ? html`<p class="detail">${this.t('h5pHint')}</p>` : nothing}`;
      }
      // The item's element talks to the player's own host (item-activity.ts), never to the page's; a host that does
      // not relay our own activities (Outline.activities) shows what the item is, and it does not count.
      case 'quiz':
        return isPlayable(item.kind, playsOf(this.outline))
          ? html`<mag-quiz instance=${`item-${item.id}`} activity-title=${item.title}></mag-quiz>`
          : html`<p class="message">${this.t('notPlayable_quiz', { count: item.questions })}</p>`;
      case 'wordcloud':
        return isPlayable(item.kind, playsOf(this.outline))
          ? html`<mag-wordcloud instance=${`item-${item.id}`} activity-title=${item.title}></mag-wordcloud>`
          : html`<p class="message">${this.t('notPlayable_wordcloud', { question: item.question })}</p>`;
    }
  }

  private renderFinished(outline: Outline): TemplateResult {
    const all = outline.items.filter((item) => playable(item, outline)).every((item) => item.state.completed);
    return html`<p class="finished message" tabindex="-1">
        ${outline.preview || all ? this.t('finished') : this.t('finishedPartly')}
      </p>
      ${this.renderBack()}`;
  }
}

/** What the host of `outline` plays: quiz and word-cloud items only where it says it relays them. */
function playsOf(outline: Outline | null): HostPlays {
  return { activities: outline?.activities === true };
}

function playable(item: OutlineItem, outline: Outline): boolean {
  return isPlayable(item.kind, playsOf(outline));
}

defineElement('mag-module-player', MagModulePlayer);

declare global {
  interface HTMLElementTagNameMap {
    'mag-module-player': MagModulePlayer;
  }
  interface GlobalEventHandlersEventMap {
    'mag-module-close': CustomEvent<undefined>;
  }
}
