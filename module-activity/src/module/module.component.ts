import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { MagElement } from '../../../activities/src/base/mag-element.js';
import { BridgeError, type EventDef, type RequestDef } from '../../../activities/src/bridge/protocol.js';
import { translate, type Locale } from '../../../activities/src/i18n/localize.js';
import { formatDate, formatMinutes, moduleStrings, type ModuleKey } from './module.strings.js';
import { moduleStyles, sharedStyles } from './module.styles.js';
import { ACTIVITY_TYPE, getState, reported, updated, type ModuleState, type StepView } from './protocol.js';

/** What the lazily loaded views (the player, the trainer's tools) may do through `<mag-module>`. */
export interface ModuleApi {
  readonly locale: Locale;
  readonly role: 'trainer' | 'trainee' | null;
  /** The user the host says is signed in. */
  readonly user: { id: string; name: string } | null;
  call<P, R>(def: RequestDef<P, R>, payload: P, options?: { timeoutMs?: number }): Promise<R>;
  /** Listens to one of the element's bridge events; returns what stops listening. */
  listen<D>(def: EventDef<D>, listener: (data: D) => void): () => void;
  /** A newer state (after an add or an update). */
  accept(state: ModuleState): void;
  /** Opens a step in the player (a trainer's preview). */
  play(stepId: string): void;
  /** Says something in the element's message area. */
  say(text: string, error?: boolean): void;
}

/**
 * The distance modules of a hybrid training, linked from an open-access catalog and never copied. Trainees see the
 * module steps of the course's programme with their progress and play them here, item after item (pages, captioned
 * videos, H5P content in a sandboxed frame). Trainers browse the catalog (full-text search, facets, preview), add a
 * module to the programme in one click, update a step when the catalog publishes a newer version, preview modules,
 * and follow each trainee's progress, time and scores (CSV export).
 *
 * The element never fetches a catalog: everything comes through the bridge from the host, which reads the catalogs
 * its administrator allowed. The player and the trainers' tools load on demand.
 *
 * @summary Distance modules from a catalog: browser, one-click add, versions, player, report.
 * @tagname mag-module
 * @csspart status - The connection status message.
 */
export class MagModule extends MagElement {
  static override styles = [...MagElement.styles, sharedStyles, moduleStyles];
  static override activityType = ACTIVITY_TYPE;

  /** A step to open in the player as soon as the element is connected (a link from the programme). */
  @property() step = '';

  @state() private current: ModuleState | null = null;
  @state() private playing: string | null = null;
  @state() private message: { text: string; error: boolean } | null = null;
  @state() private playerReady = false;
  @state() private trainerReady = false;
  @state() private reportVersion = 0;

  private refreshing = false;
  private refreshAgain = false;
  private openedFromAttribute = false;

  constructor() {
    super();
    this.bridge.on(updated, ({ version }) => {
      if (!this.current || version > this.current.version) void this.refresh();
    });
    // Trainers' reports fetch again when a trainee's figures change.
    this.bridge.on(reported, ({ version }) => {
      if (version > this.reportVersion) this.reportVersion = version;
    });
  }

  protected override bridgeConnected(): void {
    if (this.userRole === 'trainer' && !this.trainerReady) {
      void import('./module-trainer.js').then(
        () => (this.trainerReady = true),
        (error: unknown) => this.fail(error),
      );
    }
    void this.refresh();
  }

  private t(key: ModuleKey, params?: Record<string, string | number>): string {
    return translate(moduleStrings, this.locale, key, params);
  }

  private duration(minutes: number): string {
    return formatMinutes((key, params) => this.t(key, params), minutes);
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      this.accept(await this.bridge.request(getState, {}));
      if (this.step && !this.openedFromAttribute && this.current?.steps.some((step) => step.stepId === this.step)) {
        this.openedFromAttribute = true;
        this.open(this.step);
      }
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

  private accept(next: ModuleState): void {
    if (this.current && next.version < this.current.version) return;
    this.current = next;
  }

  private fail(error: unknown): void {
    const message = error instanceof BridgeError || error instanceof Error ? error.message : String(error);
    this.message = { text: this.t('failed', { message }), error: true };
  }

  /** Opens a step in the player, loading the player first. */
  private open(stepId: string): void {
    this.message = null;
    this.playing = stepId;
    if (!this.playerReady) {
      void import('./module-player.js').then(
        () => (this.playerReady = true),
        (error: unknown) => this.fail(error),
      );
    }
  }

  private async close(): Promise<void> {
    const stepId = this.playing;
    this.playing = null;
    await this.refresh();
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(`[data-step="${CSS.escape(stepId ?? '')}"] button`);
    (target ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }

  private readonly api: ModuleApi = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the views read the element's live state.
    const element = this;
    return {
      get locale() {
        return element.locale;
      },
      get role() {
        return element.userRole;
      },
      get user() {
        return element.bridge.context?.user ?? null;
      },
      call: (def, payload, options) => element.bridge.request(def, payload, options),
      listen: (def, listener) => element.bridge.on(def, listener),
      accept: (next) => element.accept(next),
      play: (stepId) => element.open(stepId),
      say: (text, error = false) => (element.message = { text, error }),
    };
  })();

  // ---- Rendering ----

  override render(): TemplateResult {
    const title = this.activityTitle || this.t('defaultTitle');
    return html`<section class="card" aria-labelledby="title" lang=${this.locale}>
      <h2 id="title" tabindex="-1">${title}</h2>
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
      ${this.renderBody()}
    </section>`;
  }

  private renderBody(): TemplateResult | typeof nothing {
    const state = this.current;
    if (this.playing) {
      return this.playerReady
        ? html`<mag-module-player
            .api=${this.api}
            .stepId=${this.playing}
            @mag-module-close=${() => void this.close()}
          ></mag-module-player>`
        : html`<p class="muted">${this.t('loading')}</p>`;
    }
    if (!state) return nothing;
    if (this.userRole === 'trainer') {
      return this.trainerReady
        ? html`<mag-module-trainer
            .api=${this.api}
            .state=${state}
            .reportVersion=${this.reportVersion}
          ></mag-module-trainer>`
        : html`<p class="muted">${this.t('loading')}</p>`;
    }
    if (!state.programme) return html`<p>${this.t('noProgramme')}</p>`;
    if (state.steps.length === 0) return html`<p>${this.t('empty')}</p>`;
    return html`<ol class="steps">
      ${state.steps.map((step) => this.renderStep(step))}
    </ol>`;
  }

  private when(step: StepView): string {
    const locale = this.locale;
    if (step.opens && step.closes) {
      return this.t('opens', { from: formatDate(locale, step.opens), to: formatDate(locale, step.closes) });
    }
    if (step.opens) return this.t('opensFrom', { from: formatDate(locale, step.opens) });
    if (step.closes) return this.t('opensUntil', { to: formatDate(locale, step.closes) });
    return '';
  }

  private renderStep(step: StepView): TemplateResult {
    const progress = step.progress;
    const started = (progress?.percent ?? 0) > 0 || (progress?.seconds ?? 0) > 0;
    const action = progress?.completed || step.reach === 'closed' ? 'review' : started ? 'continue' : 'start';
    const when = this.when(step);
    return html`<li class="step" data-step=${step.stepId} data-reach=${step.reach}>
      <h3>${step.title}</h3>
      ${when ? html`<p class="detail">${when}</p>` : nothing}
      <p class="detail">
        ${this.t(`reach_${step.reach}`)} · ${this.t('expected', { duration: this.duration(step.durationMinutes) })}
      </p>
      ${
        progress?.completed
          ? html`<p class="done">${this.t('completed')}</p>`
          : html`<p>
              <label>
                ${this.t('progress', { percent: Math.round(progress?.percent ?? 0) })}
                <progress max="100" .value=${progress?.percent ?? 0}></progress>
              </label>
            </p>`
      }
      ${
        progress && progress.seconds > 0
          ? html`<p class="detail">${this.t('timeSpent', { duration: this.duration(progress.seconds / 60) })}</p>`
          : nothing
      }
      ${step.problem ? html`<p class="message error">${this.t('problem')}</p>` : nothing}
      ${
        step.reach === 'upcoming'
          ? nothing
          : html`<p class="actions">
              <button
                type="button"
                class=${action === 'review' ? '' : 'primary'}
                data-action="play"
                aria-label=${this.t(`${action}Label`, { title: step.title })}
                @click=${() => this.open(step.stepId)}
              >
                ${this.t(action)}
              </button>
            </p>`
      }
    </li>`;
  }
}
