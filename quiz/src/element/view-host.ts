/**
 * What the view modules (attempt-view.ts, live-view.ts, loaded on demand) may read and do through `<mag-quiz>`:
 * the element keeps the state and the logic, the views draw them.
 */
import type { Locale } from '../../../activities/src/i18n/localize.js';
import type { ShownResponse } from '../protocol.js';

export interface QuizViewHost {
  readonly locale: Locale;
  readonly role: 'trainer' | 'trainee' | null;
  /** A code of the trusted logic (grade states, refusals) in the user's language (../strings.ts). */
  code(code: string, params?: Record<string, string | number>): string;
  number(value: number): string;
  /** Self-paced. */
  readonly drafts: ReadonlyMap<number, ShownResponse | null>;
  readonly page: number;
  readonly timeLeft: number | null;
  readonly saving: 'idle' | 'saving' | 'saved' | 'failed';
  confirmingFinish: boolean;
  goTo(page: number): void;
  setDraft(slot: number, response: ShownResponse | null): void;
  perform(type: 'check' | 'tryAgain', slot: number): void;
  finish(): void;
  saveDirty(): void;
  /** Live. */
  liveDraft: ShownResponse | null;
  joinLive(): void;
  sendLive(step: number): void;
  /** Told to screen readers. */
  announce(text: string): void;
}
