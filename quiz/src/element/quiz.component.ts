import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { MagElement } from '../../../activities/src/base/mag-element.js';
import { BridgeError, type RequestDef } from '../../../activities/src/bridge/protocol.js';
import { formatNumber, translate } from '../../../activities/src/i18n/localize.js';
import { TRAINEE_REFRESH_MS, TRAINER_REFRESH_MS, refreshDelay } from '../../../wordcloud/src/refresh.js';
import {
  ACTIVITY_TYPE,
  act,
  answer,
  getState,
  join,
  start,
  updated,
  type QuizState,
  type ShownResponse,
} from '../protocol.js';
import { quizStrings } from '../strings.js';
import type * as AttemptViews from './attempt-view.js';
import type * as LiveViews from './live-view.js';
import { quizElementStrings } from './quiz.strings.js';
import { quizStyles } from './quiz.styles.js';
import type { QuizViewHost } from './view-host.js';

type Key = keyof typeof quizElementStrings.fr;
type CodeKey = keyof typeof quizStrings.fr;

/** Saves wait this long after the last change, so that typing sends one request, not one per key. */
const SAVE_DELAY_MS = 800;
const RETRYABLE = new Set(['timeout', 'closed', 'internal', 'rate_limited']);

/** What the trainer's panel (loaded only for trainers) may do through its element. */
export interface QuizTrainerApi {
  call<P, R>(def: RequestDef<P, R>, payload: P): Promise<R>;
  accept(state: QuizState): void;
  project(): void;
  say(text: string, error?: boolean): void;
}

/**
 * A quiz for hybrid training: self-paced attempts (deferred, immediate or interactive feedback, as Moodle's
 * behaviours) and live sessions that a trainer runs during an in-person session (lobby, timed questions, results
 * revealed, leaderboard). The host's server grades; this element shows what it is given and never holds an
 * answer key before the behaviour or the reveal allows it.
 *
 * @summary Self-paced and live quiz.
 * @tagname mag-quiz
 * @event mag-quiz-finished - A self-paced attempt was finished. `detail: { attempt, grade, passed }`.
 * @csspart status - The connection status message.
 */
export class MagQuiz extends MagElement {
  static override styles = [...MagElement.styles, quizStyles];
  static override activityType = ACTIVITY_TYPE;

  /** Large type for a projector: the live question and its results only. */
  @property({ type: Boolean, reflect: true }) projection = false;

  @state() private current: QuizState | null = null;
  @state() private page = 0;
  @state() private drafts = new Map<number, ShownResponse | null>();
  @state() private saving: 'idle' | 'saving' | 'saved' | 'failed' = 'idle';
  @state() private confirmingFinish = false;
  @state() private reviewing = false;
  @state() private message: { text: string; error: boolean } | null = null;
  @state() private announcement = '';
  @state() private liveDraft: ShownResponse | null = null;
  @state() private now = Date.now();
  @state() private trainerReady = false;

  private dirty = new Set<number>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;
  /** The attempt's deadline on this device's clock (from the server's "time left"). */
  private deadline: number | null = null;
  private warned = new Set<number>();
  private liveStep = '';
  private liveShownAt = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing = false;
  private refreshAgain = false;
  private lastRefresh = 0;

  constructor() {
    super();
    this.bridge.on(updated, ({ version }) => {
      if (!this.current || version > this.current.version) this.scheduleRefresh();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => this.tick(), 1_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    clearTimeout(this.saveTimer);
    clearTimeout(this.refreshTimer);
  }

  protected override bridgeConnected(): void {
    if (this.bridge.context?.role === 'trainer' && !this.trainerReady) {
      void import('./quiz-trainer-panel.js').then(() => (this.trainerReady = true));
    }
    void this.refresh();
  }

  private t(key: Key, params?: Record<string, string | number>): string {
    return translate(quizElementStrings, this.locale, key, params);
  }

  private code(code: string, params?: Record<string, string | number>): string {
    return code in quizStrings.fr ? translate(quizStrings, this.locale, code as CodeKey, params) : code;
  }

  private number(value: number): string {
    return formatNumber(this.locale, Math.round(value * 100) / 100);
  }

  // ---- State ----

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
    try {
      this.accept(await this.bridge.request(getState, {}));
    } catch (error) {
      if (!(error instanceof BridgeError && RETRYABLE.has(error.code))) this.fail(error);
    } finally {
      this.refreshing = false;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        this.scheduleRefresh();
      }
    }
  }

  /** Keeps the newest state; answers of private actions carry the same version, and are newer within it. */
  accept(next: QuizState): void {
    if (this.current && next.version < this.current.version) return;
    const before = this.current?.selfPaced.attempt;
    this.current = next;
    const attempt = next.selfPaced.attempt;
    if (attempt) {
      const sameAttempt = before?.number === attempt.number && before.status === attempt.status;
      const drafts = new Map(sameAttempt ? this.drafts : []);
      if (!sameAttempt) {
        this.dirty.clear();
        this.page = 0;
      }
      for (const question of attempt.questions) {
        if (!this.dirty.has(question.slot) || question.status === 'done') drafts.set(question.slot, question.response);
      }
      this.drafts = drafts;
      const deadline = attempt.timeLeft === null ? null : Date.now() + attempt.timeLeft;
      // A deadline moved later (a trainer gave extra time): the warnings given no longer hold; they come again in time.
      if (sameAttempt && deadline !== null && this.deadline !== null && deadline - this.deadline > 2_000) {
        for (const minutes of this.warned) if (deadline - Date.now() > minutes * 60_000) this.warned.delete(minutes);
        this.announcement = '';
      }
      this.deadline = deadline;
    } else {
      this.deadline = null;
    }
    const step = next.live?.step;
    const stepKey = step ? `${next.live!.session}:${step.index}` : '';
    if (stepKey !== this.liveStep) {
      this.liveStep = stepKey;
      this.liveDraft = null;
      this.liveShownAt = performance.now();
    }
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.message = { text: this.t('failed', { message }), error: true };
  }

  private tick(): void {
    this.now = Date.now();
    if (this.deadline === null || this.current?.selfPaced.attempt?.status !== 'inProgress') return;
    const left = this.deadline - this.now;
    for (const minutes of [5, 1]) {
      if (left <= minutes * 60_000 && left > (minutes - 1) * 60_000 && !this.warned.has(minutes)) {
        this.warned.add(minutes);
        this.announcement = this.t('timeWarning', { minutes });
      }
    }
    // Time is up: send what is on screen; the server takes it within its grace period.
    if (left <= 0 && !this.warned.has(0)) {
      this.warned.add(0);
      void this.finish();
    }
  }

  // ---- Self-paced ----

  private async startAttempt(): Promise<void> {
    this.message = null;
    this.warned.clear();
    try {
      this.accept(await this.bridge.request(start, { key: crypto.randomUUID() }));
      this.reviewing = false;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.question h3')?.focus();
    } catch (error) {
      this.fail(error);
    }
  }

  private setDraft(slot: number, response: ShownResponse | null): void {
    this.drafts = new Map(this.drafts).set(slot, response);
    this.dirty.add(slot);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveDirty(), SAVE_DELAY_MS);
  }

  /** Sends the changed responses, one `save` each, with keys: a retry is applied once. */
  private async saveDirty(): Promise<void> {
    clearTimeout(this.saveTimer);
    const attempt = this.current?.selfPaced.attempt;
    if (!attempt || attempt.status !== 'inProgress') return;
    for (const slot of [...this.dirty]) {
      const response = this.drafts.get(slot) ?? null;
      if (response === null) {
        this.dirty.delete(slot);
        continue;
      }
      this.saving = 'saving';
      try {
        const result = await this.bridge.request(act, {
          attempt: attempt.number,
          action: { type: 'save', slot, response },
          key: crypto.randomUUID(),
        });
        this.dirty.delete(slot);
        if (result.error) this.message = { text: this.code(result.error.code), error: true };
        this.accept(result.state);
        this.saving = 'saved';
      } catch (error) {
        this.saving = 'failed';
        if (!(error instanceof BridgeError && RETRYABLE.has(error.code))) this.fail(error);
        this.saveTimer = setTimeout(() => void this.saveDirty(), 5_000);
        return;
      }
    }
  }

  private async perform(type: 'check' | 'tryAgain', slot: number): Promise<void> {
    const attempt = this.current?.selfPaced.attempt;
    if (!attempt) return;
    this.message = null;
    const response = this.drafts.get(slot);
    try {
      const result = await this.bridge.request(act, {
        attempt: attempt.number,
        action: type === 'check' && response ? { type, slot, response } : { type, slot },
        key: crypto.randomUUID(),
      });
      this.dirty.delete(slot);
      if (result.error) this.message = { text: this.code(result.error.code), error: true };
      this.accept(result.state);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.feedback, .hint')?.focus();
    } catch (error) {
      this.fail(error);
    }
  }

  private async finish(): Promise<void> {
    const attempt = this.current?.selfPaced.attempt;
    if (!attempt || attempt.status !== 'inProgress') return;
    clearTimeout(this.saveTimer);
    this.confirmingFinish = false;
    const responses = [...this.dirty].flatMap((slot) => {
      const response = this.drafts.get(slot);
      return response ? [{ slot, response }] : [];
    });
    try {
      const result = await this.bridge.request(act, {
        attempt: attempt.number,
        action: { type: 'finish', responses },
        key: crypto.randomUUID(),
      });
      this.dirty.clear();
      if (result.error) this.message = { text: this.code(result.error.code), error: true };
      this.accept(result.state);
      const done = result.state.selfPaced.attempt;
      if (done?.status === 'finished') {
        this.reviewing = true;
        this.dispatchEvent(
          new CustomEvent('mag-quiz-finished', {
            bubbles: true,
            composed: true,
            detail: { attempt: done.number, grade: done.result?.grade ?? null, passed: done.result?.passed ?? null },
          }),
        );
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('.result')?.focus();
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private async goTo(page: number): Promise<void> {
    await this.saveDirty();
    this.page = page;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.question h3')?.focus();
  }

  // ---- Live ----

  private async joinLive(): Promise<void> {
    try {
      this.accept(await this.bridge.request(join, {}));
    } catch (error) {
      this.fail(error);
    }
  }

  private async sendLive(step: number): Promise<void> {
    if (!this.liveDraft) return;
    try {
      const result = await this.bridge.request(answer, {
        step,
        response: this.liveDraft,
        elapsedMs: Math.round(performance.now() - this.liveShownAt),
        key: crypto.randomUUID(),
      });
      if (!result.accepted && result.error) this.message = { text: this.code(result.error.code), error: true };
      this.accept(result.state);
    } catch (error) {
      this.fail(error);
    }
  }

  /** The trainer's projection: the element full screen (or over the page where full screen is refused). */
  project(): void {
    this.projection = true;
    this.requestFullscreen?.().catch(() => undefined);
    const leave = (): void => {
      if (document.fullscreenElement !== this) {
        this.projection = false;
        document.removeEventListener('fullscreenchange', leave);
      }
    };
    document.addEventListener('fullscreenchange', leave);
  }

  /** The attempt and live views load on demand: a trainee's first paint carries neither. */
  private views: { attempt?: typeof AttemptViews; live?: typeof LiveViews } = {};
  @state() private viewsLoaded = 0;

  private view(
    which: 'attempt' | 'live',
    draw: (views: { attempt: typeof AttemptViews; live: typeof LiveViews }) => TemplateResult,
  ): TemplateResult {
    const module = this.views[which];
    if (!module) {
      const load = which === 'attempt' ? import('./attempt-view.js') : import('./live-view.js');
      void load.then(
        (loaded) => {
          (this.views as Record<string, unknown>)[which] = loaded;
          this.viewsLoaded++;
        },
        (error: unknown) => this.fail(error),
      );
      return html``;
    }
    return draw(this.views as { attempt: typeof AttemptViews; live: typeof LiveViews });
  }

  private readonly viewHost: QuizViewHost = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the views read the element's live state.
    const element = this;
    return {
      get locale() {
        return element.locale;
      },
      get role() {
        return element.userRole;
      },
      code: (code, params) => element.code(code, params),
      number: (value) => element.number(value),
      get drafts() {
        return element.drafts;
      },
      get page() {
        return element.page;
      },
      get timeLeft() {
        return element.deadline === null ? null : Math.max(0, element.deadline - element.now);
      },
      get saving() {
        return element.saving;
      },
      get confirmingFinish() {
        return element.confirmingFinish;
      },
      set confirmingFinish(value: boolean) {
        element.confirmingFinish = value;
      },
      goTo: (page) => void element.goTo(page),
      setDraft: (slot, response) => element.setDraft(slot, response),
      perform: (type, slot) => void element.perform(type, slot),
      finish: () => void element.finish(),
      saveDirty: () => void element.saveDirty(),
      get liveDraft() {
        return element.liveDraft;
      },
      set liveDraft(value: ShownResponse | null) {
        element.liveDraft = value;
      },
      joinLive: () => void element.joinLive(),
      sendLive: (step) => void element.sendLive(step),
      announce: (text) => (element.announcement = text),
    };
  })();

  private readonly trainerApi: QuizTrainerApi = {
    call: (def, payload) => this.bridge.request(def, payload),
    accept: (next) => this.accept(next),
    project: () => this.project(),
    say: (text, error = false) => (this.message = { text, error }),
  };

  // ---- Rendering ----

  override render(): TemplateResult {
    const state = this.current;
    const title = this.activityTitle || state?.title || this.t('defaultTitle');
    const live = state?.live && state.live.phase !== 'ended' ? state.live : null;
    return html`<section
      class="card ${this.projection ? 'projection' : ''}"
      aria-labelledby="title"
      lang=${this.locale}
    >
      <h2 id="title">${title}</h2>
      ${this.renderStatus()}
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
      ${
        state
          ? live || this.projection
            ? this.view('live', (views) => views.live.renderLive(this.viewHost, state.live))
            : html`${
                state.live?.phase === 'ended'
                  ? this.view('live', (views) => views.live.renderLiveEnd(this.viewHost, state.live!))
                  : nothing
              }
              ${this.renderSelfPaced(state)}`
          : nothing
      }
      ${
        this.userRole === 'trainer' && this.trainerReady && state && !this.projection
          ? html`<mag-quiz-trainer .state=${state} .locale=${this.locale} .api=${this.trainerApi}></mag-quiz-trainer>`
          : nothing
      }
      <p class="mag-visually-hidden" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private renderSelfPaced(state: QuizState): TemplateResult {
    const attempt = state.selfPaced.attempt;
    if (attempt?.status === 'inProgress' && !this.reviewing) {
      return this.view('attempt', (views) => views.attempt.renderAttempt(this.viewHost, attempt));
    }
    return html`${this.renderIntro(state)}
    ${
      attempt && this.reviewing
        ? this.view('attempt', (views) => views.attempt.renderReview(this.viewHost, attempt))
        : nothing
    }`;
  }

  private renderIntro(state: QuizState): TemplateResult {
    const { intro, selfPaced } = state;
    const used = selfPaced.attempts.length;
    const last = selfPaced.attempt;
    return html`<div class="intro">
      <ul class="facts">
        <li>${this.t('questions', { count: intro.questions })}</li>
        <li>${this.t(`behaviour_${intro.behaviour}`)}</li>
        ${
          intro.timeLimitSeconds
            ? html`<li>${this.t('timeLimit', { minutes: Math.ceil(intro.timeLimitSeconds / 60) })}</li>`
            : nothing
        }
        <li>
          ${
            intro.attemptsAllowed
              ? this.t('attempts', { used, allowed: intro.attemptsAllowed })
              : this.t('attemptsUnlimited', { used })
          }
        </li>
        ${
          intro.passGrade !== undefined
            ? html`<li>
                ${this.t('passGrade', { pass: this.number(intro.passGrade), max: this.number(intro.maxGrade) })}
              </li>`
            : nothing
        }
      </ul>
      ${
        selfPaced.grade !== null
          ? html`<p class="grade" data-info="grade">
              ${this.t('yourGrade', { grade: this.number(selfPaced.grade), max: this.number(intro.maxGrade) })}
              ${selfPaced.passed === null ? nothing : html`— <strong>${this.t(selfPaced.passed ? 'passed' : 'notPassed')}</strong>`}
            </p>`
          : nothing
      }
      <p class="actions">
        ${
          selfPaced.canStart
            ? html`<button type="button" class="primary" data-action="start" @click=${() => void this.startAttempt()}>
                ${this.t(used === 0 ? 'start' : 'startAgain')}
              </button>`
            : selfPaced.reason
              ? html`<span class="muted">${this.code(selfPaced.reason)}</span>`
              : nothing
        }
        ${
          last?.status === 'inProgress'
            ? html`<button
                type="button"
                class="primary"
                data-action="continue"
                @click=${() => (this.reviewing = false)}
              >
                ${this.t('continue')}
              </button>`
            : nothing
        }
        ${
          last?.status === 'finished' && !this.reviewing
            ? html`<button type="button" data-action="review" @click=${() => (this.reviewing = true)}>
                ${this.t('review', { number: last.number })}
              </button>`
            : nothing
        }
      </p>
    </div>`;
  }
}
