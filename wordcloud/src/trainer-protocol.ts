/**
 * The trainer's bridge subjects of `<mag-wordcloud>`: kept apart from protocol.ts so that a trainee's phone
 * never downloads them (the trainer's tools load them with the trainer panel). The host's server refuses them
 * to anyone but a trainer: `roles` is checked by the host SDK and again by the server.
 */
import * as v from 'valibot';
import { defineRequest } from '../../activities/src/bridge/protocol.js';
import {
  AuthorName,
  Count,
  EntryId,
  IDENTITIES,
  LIMITS,
  ShortText,
  VISIBILITIES,
  Word,
  WordcloudState,
  getState,
  submit,
  withdraw,
} from './protocol.js';

export const WordcloudSettings = v.object({
  question: v.pipe(v.string(), v.maxLength(LIMITS.question)),
  minPerPerson: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(LIMITS.perPerson)),
  maxPerPerson: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.perPerson)),
  maxLength: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.maxLength)),
  visibility: v.picklist(VISIBILITIES),
  identity: v.picklist(IDENTITIES),
  approval: v.boolean(),
  accentsMerge: v.boolean(),
  stopList: v.pipe(v.array(Word), v.maxLength(LIMITS.stopList)),
  offensiveFilter: v.boolean(),
  /** Some words drawn vertically; off by default (horizontal words read best, on a phone and projected). */
  rotate: v.boolean(),
  open: v.boolean(),
});
export type WordcloudSettings = v.InferOutput<typeof WordcloudSettings>;

export const DEFAULT_SETTINGS: Readonly<WordcloudSettings> = Object.freeze({
  question: '',
  minPerPerson: 1,
  maxPerPerson: 3,
  maxLength: 40,
  visibility: 'always',
  identity: 'anonymous',
  approval: false,
  accentsMerge: false,
  stopList: [],
  offensiveFilter: true,
  rotate: false,
  open: true,
});

export const Merge = v.object({
  target: Word,
  members: v.pipe(v.array(Word), v.minLength(1), v.maxLength(LIMITS.mergeMembers)),
});

const ModerationEntry = v.object({
  id: EntryId,
  text: ShortText,
  /** Only when the activity is `named`. */
  author: v.optional(AuthorName),
});

export const Moderation = v.object({
  /** Entries waiting for approval (when `approval` is on), oldest first. */
  pending: v.pipe(v.array(ModerationEntry), v.maxLength(LIMITS.moderationList)),
  /** Words the trainer hid. */
  hidden: v.pipe(v.array(Word), v.maxLength(LIMITS.moderationList)),
  merges: v.pipe(v.array(Merge), v.maxLength(LIMITS.moderationList)),
  suggestions: v.pipe(
    v.array(
      v.object({
        target: Word,
        members: v.pipe(v.array(Word), v.maxLength(LIMITS.cloudWords)),
        reason: v.pipe(v.array(v.string()), v.maxLength(10)),
      }),
    ),
    v.maxLength(LIMITS.cloudWords),
  ),
  /** The newest approved entries, newest first (at most `LIMITS.moderationList`). */
  entries: v.optional(
    v.pipe(v.array(v.object({ text: ShortText, author: v.optional(AuthorName) })), v.maxLength(LIMITS.moderationList)),
  ),
});
export type Moderation = v.InferOutput<typeof Moderation>;

/** The state a trainer gets: its trainer-only parts typed. */
export type TrainerState = Omit<WordcloudState, 'settings' | 'moderation'> & {
  settings?: WordcloudSettings;
  moderation?: Moderation;
};

/** Reads the trainer-only parts of a state, checking them (they travel unchecked in every client's schema). */
export function trainerParts(state: WordcloudState): { settings: WordcloudSettings; moderation: Moderation } | null {
  const settings = v.safeParse(WordcloudSettings, state.settings);
  const moderation = v.safeParse(Moderation, state.moderation);
  return settings.success && moderation.success ? { settings: settings.output, moderation: moderation.output } : null;
}

const TRAINER = ['trainer'] as const;

export const configure = defineRequest('wordcloud.configure', v.partial(WordcloudSettings), WordcloudState, TRAINER);
export const open = defineRequest('wordcloud.open', v.object({}), WordcloudState, TRAINER);
export const close = defineRequest('wordcloud.close', v.object({}), WordcloudState, TRAINER);
export const reset = defineRequest('wordcloud.reset', v.object({}), WordcloudState, TRAINER);
export const hide = defineRequest('wordcloud.hide', v.object({ word: Word }), WordcloudState, TRAINER);
export const unhide = defineRequest('wordcloud.unhide', v.object({ word: Word }), WordcloudState, TRAINER);
export const merge = defineRequest('wordcloud.merge', Merge, WordcloudState, TRAINER);
export const unmerge = defineRequest('wordcloud.unmerge', v.object({ target: Word }), WordcloudState, TRAINER);
export const approve = defineRequest('wordcloud.approve', v.object({ id: EntryId }), WordcloudState, TRAINER);
/** Refuses a pending entry: it never enters the cloud, and its author sees it `hidden`. */
export const reject = defineRequest('wordcloud.reject', v.object({ id: EntryId }), WordcloudState, TRAINER);

/** Rows of an export, at most this many (a whole session of twenty people fits many times over). */
export const EXPORT_ROWS = 2_000;

/**
 * What a trainer exports: every word of the cloud with its weight and rank, and, only when the activity is
 * `named`, every entry in the cloud with its author (oldest first). The element writes the CSV (csv.ts).
 */
export const exportData = defineRequest(
  'wordcloud.export',
  v.object({}),
  v.object({
    words: v.pipe(
      v.array(v.object({ text: ShortText, weight: Count, rank: v.pipe(Count, v.minValue(1)) })),
      v.maxLength(EXPORT_ROWS),
    ),
    entries: v.optional(v.pipe(v.array(v.object({ text: ShortText, author: AuthorName })), v.maxLength(EXPORT_ROWS))),
    truncated: v.boolean(),
  }),
  TRAINER,
);

/** Every subject of the word cloud, for hosts that implement them all. */
export const wordcloudSubjects = [
  getState,
  submit,
  withdraw,
  configure,
  open,
  close,
  reset,
  hide,
  unhide,
  merge,
  unmerge,
  approve,
  reject,
  exportData,
] as const;
