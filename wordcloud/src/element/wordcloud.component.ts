import { adoptStyles, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { MagElement } from '../../../activities/src/base/mag-element.js';
import { BridgeError, type RequestDef } from '../../../activities/src/bridge/protocol.js';
import { translate } from '../../../activities/src/i18n/localize.js';
import type { LayoutResult } from '../layout/layout.js';
import { LayoutClient } from '../layout/layout-client.js';
import { FONT_FAMILY } from '../layout/font.js';
import {
  ACTIVITY_TYPE,
  getState,
  submit,
  updated,
  withdraw,
  type MyEntry,
  type SubmitError,
  type WordcloudState,
} from '../protocol.js';
import { TRAINEE_REFRESH_MS, TRAINER_REFRESH_MS, refreshDelay } from '../refresh.js';
import { Outbox, type OutgoingAnswer } from './outbox.js';
import { place } from './place.js';
import type * as ProjectionModule from './projection.js';
import { LIGHT_PALETTE, colourOf } from './palette.js';
import { wordcloudStrings } from './wordcloud.strings.js';
import { wordcloudStyles } from './wordcloud.styles.js';

type Key = keyof typeof wordcloudStrings.fr;

/** Screen readers hear about new answers at most this often, however fast they come. */
const ANNOUNCE_EVERY_MS = 10_000;
/** Retry of answers that could not be sent, and of state requests that failed: from 2 s, doubling, to 30 s. */
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;
/** Layout units across the board; its height follows the shape of the screen (see `boardFor`). */
const BOARD_WIDTH = 960;

const SUBMIT_ERROR_KEYS: Record<SubmitError, Key> = {
  empty: 'errorEmpty',
  too_long: 'errorTooLong',
  invalid: 'errorInvalid',
  duplicate: 'errorDuplicate',
  limit_reached: 'errorLimit',
  closed: 'errorClosed',
};

/** Answers that failed for a reason that may pass: they stay in the outbox and are sent again. */
const RETRYABLE = new Set(['timeout', 'closed', 'internal', 'rate_limited']);

export interface WordcloudSubmittedDetail {
  text: string;
  entry: MyEntry;
}

/** What the trainer's panel (loaded only for trainers) may do through its element. */
export interface TrainerApi {
  request<P>(def: RequestDef<P, WordcloudState>, payload: P): Promise<void>;
  call<P, R>(def: RequestDef<P, R>, payload: P): Promise<R>;
  project(): void;
  cloudSvg(): SVGSVGElement | null;
  say(text: string, error?: boolean): void;
}

let segmenter: Intl.Segmenter | undefined;
function graphemes(text: string): number {
  segmenter ??= new Intl.Segmenter('fr', { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/**
 * A live word cloud for hybrid sessions: trainees answer a question from their phones, the cloud grows on
 * everyone's screen and on the projector; distance trainees answer later and the same cloud keeps growing.
 *
 * Everything that matters is decided by the host's server (normalization, duplicates, limits, moderation,
 * counting, who sees what); the element shows the state it is given. The picture is decorative for
 * assistive technology: the table of words (rank, word, people) says the same and is always there.
 * Trainers get their tools (moderation, settings, exports) from a module loaded only for them.
 *
 * @summary Live word cloud.
 * @tagname mag-wordcloud
 * @event mag-wordcloud-submitted - An answer was accepted by the host. `detail: { text, entry }`.
 * @csspart status - The connection status message.
 * @csspart cloud - The SVG picture of the cloud.
 * @csspart table - The table of words.
 * @cssproperty --mag-wordcloud-background - Background of the cloud (its palette is checked against white).
 * @cssproperty --mag-wordcloud-projection-background - Background of the projection (palette checked on black).
 * @cssproperty --mag-wordcloud-projection-text - Text colour of the projection.
 */
export class MagWordcloud extends MagElement {
  static override styles = [...MagElement.styles, wordcloudStyles];
  static override activityType = ACTIVITY_TYPE;

  /** Shows only the question and the cloud, in large type on black: for a projector or a second screen. */
  @property({ type: Boolean, reflect: true }) projection = false;

  @state() private current: WordcloudState | null = null;
  @state() private layout: LayoutResult | null = null;
  @state() private draft = '';
  @state() private message: { text: string; error: boolean } | null = null;
  @state() private invalid = false;
  @state() private outgoing: readonly OutgoingAnswer[] = [];
  @state() private announcement = '';
  /** The trainer's full-screen projection of this element. */
  @state() private projecting = false;
  @state() private trainerReady = false;
  @state() private projectionModule: typeof ProjectionModule | null = null;
  private projectionLoading = false;
  @state() private board = { width: BOARD_WIDTH, height: 540 };
  /** The table's rows are built only while it is open: 500 hidden rows would cost every update. */
  @state() private tableOpen = false;

  @query('svg.cloud') private svgElement!: SVGSVGElement | null;

  private readonly outbox = new Outbox();
  private readonly layoutClient = new LayoutClient((result) => (this.layout = result));
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing = false;
  private refreshAgain = false;
  private lastRefresh = 0;
  /** The wait before asking again for a state whose request failed for a reason that may pass. */
  private refreshRetryDelay = RETRY_MIN_MS;
  private flushing = false;
  private flushAgain = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = RETRY_MIN_MS;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private lastAnnounced = 0;
  private unannounced = 0;
  private lastTotal: number | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private wasOnline = true;

  constructor() {
    super();
    this.bridge.on(updated, ({ version }) => {
      if (!this.current || version > this.current.version) this.scheduleRefresh();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onNetworkBack);
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
    window.addEventListener('keydown', this.onKeydown);
    this.resizeObserver = new ResizeObserver(() => this.measureBoard());
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onNetworkBack);
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
    window.removeEventListener('keydown', this.onKeydown);
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    for (const timer of [this.refreshTimer, this.retryTimer, this.announceTimer]) clearTimeout(timer);
    this.refreshTimer = this.retryTimer = this.announceTimer = undefined;
    this.layoutClient.close();
  }

  protected override bridgeConnected(): void {
    const user = this.bridge.context?.user;
    if (user) {
      this.outbox.open(this.instance, user.id);
      this.outgoing = this.outbox.items;
    }
    if (this.bridge.context?.role === 'trainer' && !this.trainerReady) {
      void import('./trainer-panel.js').then(() => (this.trainerReady = true));
    }
    void this.refresh();
    void this.flush();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The host's own server came back: send what waits.
    const online = this.bridge.status === 'connected' && this.bridge.hostOnline;
    if (online && !this.wasOnline) {
      void this.refresh();
      void this.flush();
    }
    this.wasOnline = online;
  }

  private t(key: Key, params?: Record<string, string | number>): string {
    return translate(wordcloudStrings, this.locale, key, params);
  }

  // ---- State from the host ----

  /** Refreshes at most once per interval (faster for the trainer's projection), folding events together. */
  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    const interval = this.userRole === 'trainer' ? TRAINER_REFRESH_MS : TRAINEE_REFRESH_MS;
    this.refreshTimer = setTimeout(
      () => {
        this.refreshTimer = undefined;
        void this.refresh();
      },
      refreshDelay(this.lastRefresh, Date.now(), interval),
    );
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    this.lastRefresh = Date.now();
    let retry = false;
    try {
      this.accept(await this.bridge.request(getState, {}));
      this.refreshRetryDelay = RETRY_MIN_MS;
    } catch (error) {
      // A slow or unreachable server: the event that asked for this state will not come again (the version it
      // announced is already known to the host), so ask again later rather than keep the old state until the next
      // change, which may never come once the room has stopped answering.
      if (error instanceof BridgeError && RETRYABLE.has(error.code)) retry = true;
      else this.showError(error);
    } finally {
      this.refreshing = false;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        this.scheduleRefresh();
      } else if (retry && this.refreshTimer === undefined && this.isConnected) {
        const delay = this.refreshRetryDelay;
        this.refreshRetryDelay = Math.min(RETRY_MAX_MS, this.refreshRetryDelay * 2);
        this.refreshTimer = setTimeout(() => {
          this.refreshTimer = undefined;
          void this.refresh();
        }, delay);
      }
    }
  }

  /** Keeps the newest state only: answers and events may arrive in any order. */
  private accept(next: WordcloudState): void {
    if (this.current && next.version < this.current.version) return;
    this.current = next;
    this.requestLayout();
    const total = next.cloud ? next.cloud.words.reduce((sum, word) => sum + word.weight, 0) : null;
    if (total !== null && this.lastTotal !== null && total > this.lastTotal) {
      this.unannounced += total - this.lastTotal;
      this.scheduleAnnouncement();
    }
    this.lastTotal = total;
  }

  private requestLayout(): void {
    const cloud = this.current?.cloud;
    if (!cloud) {
      this.layout = null;
      return;
    }
    this.layoutClient.layout(
      cloud.words.map(({ text, weight }) => ({ text, weight })),
      { ...this.board, rotate: this.current?.display.rotate ?? false },
    );
  }

  private scheduleAnnouncement(): void {
    if (this.announceTimer !== undefined) return;
    const wait = Math.max(0, this.lastAnnounced + ANNOUNCE_EVERY_MS - Date.now());
    this.announceTimer = setTimeout(() => {
      this.announceTimer = undefined;
      this.lastAnnounced = Date.now();
      this.announcement = this.t('newAnswers', { count: this.unannounced });
      this.unannounced = 0;
    }, wait);
  }

  /** The board's height follows the shape of the screen, in a few steps, so that like screens get like pictures. */
  private measureBoard(): void {
    const projected = this.projection || this.projecting;
    let height: number;
    if (projected) {
      const ratio = (window.innerHeight * 0.78) / Math.max(1, window.innerWidth);
      height = Math.min(960, Math.max(420, Math.round((BOARD_WIDTH * ratio) / 60) * 60));
    } else {
      const width = this.getBoundingClientRect().width;
      height = width < 480 ? 960 : width < 800 ? 720 : 540;
    }
    if (height !== this.board.height) {
      this.board = { width: BOARD_WIDTH, height };
      this.requestLayout();
    }
  }

  // ---- Answers ----

  private get remaining(): number {
    const state = this.current;
    if (!state) return 0;
    return Math.max(0, state.limits.maxPerPerson - state.mine.length - this.outgoing.length);
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    const state = this.current;
    if (!state) return;
    const text = this.draft.replace(/\s+/gu, ' ').trim();
    const fail = (key: Key): void => {
      this.invalid = true;
      this.message = { text: this.t(key, { max: state.limits.maxLength }), error: true };
    };
    if (text === '') return fail('errorEmpty');
    if (graphemes(text) > state.limits.maxLength) return fail('errorTooLong');
    const same = (other: string) => other.toLocaleLowerCase('fr') === text.toLocaleLowerCase('fr');
    if (state.mine.some((entry) => same(entry.text)) || this.outgoing.some((item) => same(item.text))) {
      return fail('errorDuplicate');
    }
    if (this.remaining === 0) return fail('errorLimit');
    this.invalid = false;
    this.message = null;
    this.outbox.add(text);
    this.outgoing = this.outbox.items;
    this.draft = '';
    void this.flush();
  }

  /** Sends the answers that wait, oldest first, each with its own idempotency key. */
  private async flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    let accepted = false;
    try {
      for (const item of [...this.outbox.items]) {
        if (this.bridge.status !== 'connected' || !this.bridge.hostOnline) {
          this.scheduleRetry(item);
          break;
        }
        try {
          const answer = await this.bridge.request(submit, { text: item.text, key: item.key });
          this.outbox.remove(item.key);
          this.retryDelay = RETRY_MIN_MS;
          if (answer.accepted && answer.entry) {
            accepted = true;
            this.message = { text: this.t('sent', { text: answer.entry.text }), error: false };
            this.dispatchEvent(
              new CustomEvent<WordcloudSubmittedDetail>('mag-wordcloud-submitted', {
                bubbles: true,
                composed: true,
                detail: { text: item.text, entry: answer.entry },
              }),
            );
          } else if (answer.error) {
            this.message = {
              text: this.t(SUBMIT_ERROR_KEYS[answer.error], { max: this.current?.limits.maxLength ?? 0 }),
              error: true,
            };
          }
        } catch (error) {
          if (error instanceof BridgeError && RETRYABLE.has(error.code)) {
            this.scheduleRetry(item);
            break;
          }
          this.outbox.remove(item.key);
          this.showError(error);
        }
      }
    } finally {
      this.flushing = false;
      this.outgoing = this.outbox.items;
    }
    if (accepted) void this.refresh();
    if (this.flushAgain) {
      this.flushAgain = false;
      void this.flush();
    }
  }

  private scheduleRetry(item: OutgoingAnswer): void {
    this.message = { text: this.t('queued', { text: item.text }), error: false };
    if (this.retryTimer !== undefined) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, delay);
  }

  private readonly onNetworkBack = (): void => {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryDelay = RETRY_MIN_MS;
    void this.flush();
  };

  private cancelQueued(item: OutgoingAnswer): void {
    this.outbox.remove(item.key);
    this.outgoing = this.outbox.items;
  }

  private async withdrawEntry(entry: MyEntry): Promise<void> {
    try {
      const answer = await this.bridge.request(withdraw, { id: entry.id });
      this.message = answer.withdrawn
        ? { text: this.t('withdrawn', { text: entry.text }), error: false }
        : { text: this.t(answer.error === 'closed' ? 'errorClosed' : 'errorInvalid'), error: true };
      await this.refresh();
    } catch (error) {
      this.showError(error);
    }
  }

  private showError(error: unknown): void {
    const text =
      error instanceof BridgeError && error.code === 'rate_limited'
        ? this.t('errorRateLimited')
        : this.t('errorFailed', { message: error instanceof Error ? error.message : String(error) });
    this.message = { text, error: true };
  }

  // ---- Projection ----

  /** Shows the projection full screen (or over the page where full screen is not allowed). */
  project(): void {
    this.projecting = true;
    this.measureBoard();
    this.requestFullscreen?.().catch(() => undefined);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-action="exit"]')?.focus());
  }

  private exitProjection(): void {
    this.projecting = false;
    if (document.fullscreenElement === this) void document.exitFullscreen().catch(() => undefined);
    this.measureBoard();
  }

  private readonly onFullscreenChange = (): void => {
    if (this.projecting && document.fullscreenElement !== this) {
      this.projecting = false;
      this.measureBoard();
    }
  };

  private async loadProjection(): Promise<void> {
    if (this.projectionLoading) return;
    this.projectionLoading = true;
    const module = await import('./projection.js');
    const root = this.renderRoot;
    if (root instanceof ShadowRoot) {
      const styles = (this.constructor as typeof MagWordcloud).elementStyles;
      adoptStyles(root, [...styles, module.projectionStyles]);
    }
    this.projectionModule = module;
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.projecting) this.exitProjection();
  };

  private readonly trainerApi: TrainerApi = {
    request: async (def, payload) => {
      this.accept(await this.bridge.request(def, payload));
    },
    call: (def, payload) => this.bridge.request(def, payload),
    project: () => this.project(),
    cloudSvg: () => this.svgElement,
    say: (text, error = false) => (this.message = { text, error }),
  };

  // ---- Rendering ----

  override render(): TemplateResult {
    const state = this.current;
    const projected = this.projection || this.projecting;
    const title = this.activityTitle || this.t('defaultTitle');
    if (projected) {
      const projection = this.projectionModule;
      if (!projection) {
        void this.loadProjection();
        return html``;
      }
      return projection.renderProjection({
        state,
        title,
        locale: this.locale,
        projecting: this.projecting,
        announcement: this.announcement,
        t: (key, params) => this.t(key, params),
        status: () => this.renderStatus(),
        picture: (next, palette) => this.renderPicture(next, palette),
        table: (next) => this.renderTable(next),
        exit: () => this.exitProjection(),
      });
    }
    return html`
      <section class="card" aria-labelledby="title" lang=${this.locale}>
        <h2 id="title">${title}</h2>
        ${this.renderStatus()}
        ${
          state
            ? html`${state.question ? html`<p class="question" id="question">${state.question}</p>` : nothing}
              ${this.renderForm(state)} ${this.renderMessage()} ${this.renderMine(state)} ${this.renderCloud(state)}
              ${
                this.userRole === 'trainer' && this.trainerReady
                  ? html`<mag-wordcloud-trainer
                      .state=${state}
                      .locale=${this.locale}
                      .api=${this.trainerApi}
                    ></mag-wordcloud-trainer>`
                  : nothing
              }`
            : this.renderMessage()
        }
        <p class="mag-visually-hidden" aria-live="polite">${this.announcement}</p>
      </section>
    `;
  }

  private renderMessage(): TemplateResult | typeof nothing {
    if (!this.message) return nothing;
    return html`<p class="message ${this.message.error ? 'error' : ''}" role=${this.message.error ? 'alert' : 'status'}>
      ${this.message.text}
    </p>`;
  }

  private renderForm(state: WordcloudState): TemplateResult {
    const { limits } = state;
    if (!state.open) return html`<p class="info" data-info="closed">${this.t('closed')}</p>`;
    const remaining = this.remaining;
    const count = graphemes(this.draft.trim());
    const disabled = this.bridge.status !== 'connected' || remaining === 0;
    return html`
      <form @submit=${(event: Event) => this.onSubmit(event)} novalidate>
        <div class="field">
          <label for="answer">${this.t('answerLabel')}</label>
          <input
            id="answer"
            name="answer"
            type="text"
            autocomplete="off"
            enterkeyhint="send"
            .value=${this.draft}
            ?disabled=${disabled}
            aria-invalid=${this.invalid ? 'true' : 'false'}
            aria-describedby="answer-hint answer-counter"
            @input=${(event: InputEvent) => {
              this.draft = (event.target as HTMLInputElement).value;
              this.invalid = false;
            }}
          />
          <p class="hint" id="answer-hint">
            ${this.t('answerHint', { max: limits.maxLength })}
            ${
              remaining === 0
                ? this.t('limitReached')
                : state.mine.length < limits.minPerPerson
                  ? this.t('atLeast', { count: limits.minPerPerson })
                  : this.t('remaining', { count: remaining })
            }
          </p>
          <p class="counter" id="answer-counter">${this.t('characters', { count, max: limits.maxLength })}</p>
        </div>
        <button class="primary" type="submit" ?disabled=${disabled}>${this.t('send')}</button>
      </form>
    `;
  }

  private renderMine(state: WordcloudState): TemplateResult | typeof nothing {
    if (state.mine.length === 0 && this.outgoing.length === 0) return nothing;
    const statusKey: Record<MyEntry['status'], Key> = {
      visible: 'statusVisible',
      pending: 'statusPending',
      hidden: 'statusHidden',
    };
    return html`
      <div class="mine">
        <h3 id="mine-heading">${this.t('mine')}</h3>
        <ul aria-labelledby="mine-heading">
          ${state.mine.map(
            (entry) =>
              html`<li data-entry=${entry.id}>
                <span class="text">${entry.text}</span>
                <span class="status">(${this.t(statusKey[entry.status])})</span>
                ${
                  state.open
                    ? html`<button
                        type="button"
                        class="small"
                        aria-label=${this.t('withdrawLabel', { text: entry.text })}
                        @click=${() => void this.withdrawEntry(entry)}
                      >
                        ${this.t('withdraw')}
                      </button>`
                    : nothing
                }
              </li>`,
          )}
          ${this.outgoing.map(
            (item) =>
              html`<li data-queued=${item.key}>
                <span class="text">${item.text}</span>
                <span class="status">(${this.t('statusQueued')})</span>
                <button
                  type="button"
                  class="small"
                  aria-label=${this.t('cancelQueuedLabel', { text: item.text })}
                  @click=${() => this.cancelQueued(item)}
                >
                  ${this.t('cancelQueued')}
                </button>
              </li>`,
          )}
        </ul>
      </div>
    `;
  }

  private renderCloud(state: WordcloudState): TemplateResult {
    if (!state.cloud) {
      const key = state.visibility === 'after_answer' ? 'cloudAfterAnswer' : 'cloudNever';
      return html`<p class="info" data-info="hidden-cloud">${this.t(key)}</p>`;
    }
    return html`
      <div class="cloud-box">${this.renderPicture(state, LIGHT_PALETTE)}</div>
      ${
        this.layout && this.layout.unplaced.length > 0
          ? html`<p class="info" data-info="unplaced">
              ${this.t('onlyInTable', { count: this.layout.unplaced.length })}
            </p>`
          : nothing
      }
      ${this.renderTable(state)}
    `;
  }

  /** The picture: hidden from assistive technology, which gets the table instead. */
  private renderPicture(state: WordcloudState, palette: readonly string[]): TemplateResult {
    const words = state.cloud?.words ?? [];
    if (words.length === 0) return html`<p class="empty">${this.t('cloudEmpty')}</p>`;
    const placed = this.layout?.words ?? [];
    const { width, height } = this.board;
    return html`<svg
      class="cloud"
      part="cloud"
      viewBox="0 0 ${width} ${height}"
      role="presentation"
      aria-hidden="true"
      focusable="false"
      font-family=${FONT_FAMILY}
    >
      ${repeat(
        placed,
        (word) => word.text,
        (word) =>
          svg`<text class="word" data-word=${word.text} fill=${colourOf(word.text, palette)} ${place(
            word.x,
            word.y,
            word.rotate,
            word.size,
          )}>${word.text}</text>`,
      )}
    </svg>`;
  }

  private renderTable(state: WordcloudState): TemplateResult {
    const words = state.cloud?.words ?? [];
    return html`
      <details
        class="table"
        part="table"
        .open=${this.tableOpen}
        @toggle=${(event: Event) => (this.tableOpen = (event.target as HTMLDetailsElement).open)}
      >
        <summary>${this.t('table', { count: words.length })}</summary>
        ${this.tableOpen ? this.renderRows(words) : nothing}
      </details>
    `;
  }

  private renderRows(words: NonNullable<WordcloudState['cloud']>['words']): TemplateResult {
    return html`
      <table>
        <caption>
          ${this.t('tableCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="number">${this.t('rank')}</th>
            <th scope="col">${this.t('word')}</th>
            <th scope="col" class="number">${this.t('people')}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            words,
            (word) => word.text,
            (word) =>
              html`<tr data-row=${word.text}>
                <td class="number">${word.rank}</td>
                <th scope="row">${word.text}</th>
                <td class="number">${word.weight}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}
