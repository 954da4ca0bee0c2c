import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { MagElement } from '../base/mag-element.js';
import { BridgeError } from '../bridge/protocol.js';
import { formatNumber, translate } from '../i18n/localize.js';
import {
  ACTIVITY_TYPE,
  REACTIONS,
  getState,
  react,
  reset,
  updated,
  type Reaction,
  type ReactionsState,
} from './protocol.js';
import { reactionStrings } from './reactions.strings.js';
import { reactionStyles } from './reactions.styles.js';

const EMOJI: Record<Reaction, string> = { understood: '👍', question: '✋', lost: '😕', slower: '🐢' };
/** Screen readers hear the total at most this often, however fast reactions come. */
const ANNOUNCE_EVERY_MS = 5_000;

export interface ReactionSentDetail {
  reaction: Reaction;
  accepted: boolean;
}

/**
 * A live reaction counter for in-person sessions: trainees tap where they are ("J'ai compris",
 * "Plus lentement"…), everyone sees the counts grow live, the trainer resets them. The demo activity
 * that proves the whole path: element, bridge, host page, server, database, live event back.
 *
 * @summary Live session barometer.
 * @tagname mag-reactions
 * @event mag-reaction-sent - A reaction was acknowledged by the host. `detail: { reaction, accepted }`.
 * @csspart status - The connection status message.
 */
export class MagReactions extends MagElement {
  static override styles = [...MagElement.styles, reactionStyles];
  static override activityType = ACTIVITY_TYPE;

  @state() private current: ReactionsState | null = null;
  /** Reactions on their way: a second tap on one of them is the same tap, not a new one. */
  @state() private pending = new Set<Reaction>();
  @state() private message: { text: string; error: boolean } | null = null;
  @state() private confirmingReset = false;
  @state() private announcement = '';
  private lastAnnounced = 0;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.bridge.on(updated, (next) => this.accept(next));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
  }

  protected override bridgeConnected(): void {
    this.bridge.request(getState, {}).then(
      (next) => this.accept(next),
      (error: unknown) => this.showError(error),
    );
  }

  private t(key: keyof typeof reactionStrings.fr, params?: Record<string, string | number>): string {
    return translate(reactionStrings, this.locale, key, params);
  }

  /** Keeps the newest state only: events and answers may arrive in any order. */
  private accept(next: ReactionsState): void {
    if (this.current && next.version < this.current.version) return;
    this.current = next;
    this.scheduleAnnouncement();
  }

  private scheduleAnnouncement(): void {
    if (this.announceTimer !== undefined) return;
    const wait = Math.max(0, this.lastAnnounced + ANNOUNCE_EVERY_MS - Date.now());
    this.announceTimer = setTimeout(() => {
      this.announceTimer = undefined;
      this.lastAnnounced = Date.now();
      this.announcement = this.t('total', { count: this.total });
    }, wait);
  }

  private get total(): number {
    const counts = this.current?.counts;
    return counts ? REACTIONS.reduce((sum, reaction) => sum + counts[reaction], 0) : 0;
  }

  private async send(reaction: Reaction): Promise<void> {
    if (this.pending.has(reaction)) return;
    this.pending = new Set(this.pending).add(reaction);
    this.message = null;
    // One key per tap: a retry after a timeout reuses it, so the host counts the tap once.
    const key = crypto.randomUUID();
    try {
      let answer;
      for (let attempt = 0; ; attempt++) {
        try {
          answer = await this.bridge.request(react, { reaction, key });
          break;
        } catch (error) {
          if (!(error instanceof BridgeError && error.code === 'timeout') || attempt >= 2) throw error;
        }
      }
      this.accept(answer.state);
      this.message = {
        text: answer.accepted ? this.t('sent', { label: this.t(reaction) }) : this.t('duplicate'),
        error: false,
      };
      this.dispatchEvent(
        new CustomEvent<ReactionSentDetail>('mag-reaction-sent', {
          bubbles: true,
          composed: true,
          detail: { reaction, accepted: answer.accepted },
        }),
      );
    } catch (error) {
      this.showError(error);
    } finally {
      const rest = new Set(this.pending);
      rest.delete(reaction);
      this.pending = rest;
    }
  }

  private async resetAll(): Promise<void> {
    this.confirmingReset = false;
    try {
      this.accept(await this.bridge.request(reset, {}));
      this.message = { text: this.t('resetDone'), error: false };
    } catch (error) {
      this.showError(error);
    }
  }

  private showError(error: unknown): void {
    const text =
      error instanceof BridgeError && error.code === 'rate_limited'
        ? this.t('rateLimited')
        : this.t('failed', { message: error instanceof Error ? error.message : String(error) });
    this.message = { text, error: true };
  }

  override render() {
    const counts = this.current?.counts;
    const disabled = this.bridge.status !== 'connected' || counts === undefined;
    const titleId = 'title';
    return html`
      <section class="card" aria-labelledby=${titleId} lang=${this.locale}>
        <h2 id=${titleId}>${this.activityTitle || this.t('defaultTitle')}</h2>
        ${this.renderStatus()}
        <p class="intro">${this.t('intro')}</p>
        <ul>
          ${REACTIONS.map(
            (reaction) => html`
              <li>
                <button
                  class="reaction"
                  part="reaction"
                  data-reaction=${reaction}
                  ?disabled=${disabled}
                  aria-busy=${this.pending.has(reaction) ? 'true' : 'false'}
                  @click=${() => void this.send(reaction)}
                >
                  <span class="emoji" aria-hidden="true">${EMOJI[reaction]}</span>
                  <span class="label">${this.t(reaction)}</span>
                  <span class="count" data-count=${reaction} aria-hidden="true"
                    >${counts ? formatNumber(this.locale, counts[reaction]) : '–'}</span
                  >
                  <span class="mag-visually-hidden">, ${this.t('count', { count: counts?.[reaction] ?? 0 })}</span>
                </button>
              </li>
            `,
          )}
        </ul>
        <div class="footer">
          <p class="total" data-total=${this.total}>${this.t('total', { count: this.total })}</p>
          ${this.userRole === 'trainer' ? this.renderTrainerTools() : nothing}
        </div>
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
      </section>
    `;
  }

  private renderTrainerTools() {
    if (!this.confirmingReset) {
      return html`<div class="trainer">
        <button data-action="reset" @click=${() => (this.confirmingReset = true)}>${this.t('reset')}</button>
      </div>`;
    }
    return html`<div class="trainer" role="group" aria-label=${this.t('resetConfirm')}>
      <span>${this.t('resetConfirm')}</span>
      <button class="primary" data-action="confirm-reset" @click=${() => void this.resetAll()}>
        ${this.t('confirm')}
      </button>
      <button data-action="cancel-reset" @click=${() => (this.confirmingReset = false)}>${this.t('cancel')}</button>
    </div>`;
  }
}
