/**
 * Bridge subjects of `<mag-wordcloud>`, the live word cloud. Checked by the element, the host SDK and the
 * reference host's server (see docs/bridge.md).
 *
 * Privacy rule: the only event, `wordcloud.updated`, carries `{ version }` and nothing else. Every client then
 * asks `wordcloud.state`, and the server answers with what the caller's role may see: a trainee gets the cloud
 * (or `null` when the visibility setting hides it), their own entries and never anybody's name; a trainer also
 * gets the moderation view, with authors' names only when the activity is `named`.
 */
import * as v from 'valibot';
import { defineEvent, defineRequest } from '../../activities/src/bridge/protocol.js';

export const ACTIVITY_TYPE = 'wordcloud';

export const VISIBILITIES = ['always', 'after_answer', 'never'] as const;
export const IDENTITIES = ['named', 'anonymous'] as const;
export const ENTRY_STATUSES = ['visible', 'pending', 'hidden'] as const;
export const SUBMIT_ERRORS = ['empty', 'too_long', 'invalid', 'duplicate', 'limit_reached', 'closed'] as const;
export type SubmitError = (typeof SUBMIT_ERRORS)[number];

/** Bounds of the settings, also the server's limits. */
export const LIMITS = {
  question: 500,
  perPerson: 20,
  maxLength: 100,
  stopList: 200,
  /** UTF-16 code units of a word or entry: `maxLength` grapheme clusters may take several units each. */
  word: 1000,
  mergeMembers: 50,
  /**
   * Raw submitted text, in UTF-16 code units. Far above any `maxLength` on purpose: a long paste must be
   * answered `too_long` by the normalization (which refuses it cheaply), not `bad_request`.
   */
  rawText: 20_000,
  cloudWords: 500,
  moderationList: 300,
} as const;

export const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Version = Count;
export const EntryId = v.pipe(v.number(), v.integer(), v.minValue(1));
export const Word = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.word));
export const ShortText = v.pipe(v.string(), v.maxLength(LIMITS.word));
export const AuthorName = v.pipe(v.string(), v.maxLength(200));

/** An idempotency key: the same key sent twice by the same person is stored once. */
export const IdempotencyKey = v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/));

export const MyEntry = v.object({
  id: EntryId,
  text: ShortText,
  /**
   * `hidden`: the trainer hid its word or rejected the entry, or the stop-list or the offensive filter left it
   * out. A hidden entry still counts towards the person's maximum until they withdraw it.
   */
  status: v.picklist(ENTRY_STATUSES),
});
export type MyEntry = v.InferOutput<typeof MyEntry>;

export const Cloud = v.object({
  words: v.pipe(
    v.array(v.object({ text: ShortText, weight: Count, rank: v.pipe(Count, v.minValue(1)) })),
    v.maxLength(LIMITS.cloudWords),
  ),
  hiddenCount: Count,
});
export type Cloud = v.InferOutput<typeof Cloud>;

export const WordcloudState = v.object({
  /** Bumped on every change; a client ignores states older than the one it has. */
  version: Version,
  open: v.boolean(),
  question: v.pipe(v.string(), v.maxLength(LIMITS.question)),
  limits: v.object({
    minPerPerson: Count,
    maxPerPerson: Count,
    maxLength: Count,
  }),
  visibility: v.picklist(VISIBILITIES),
  /** How the cloud is drawn, for everybody who sees it. */
  display: v.object({ rotate: v.boolean() }),
  mine: v.pipe(v.array(MyEntry), v.maxLength(LIMITS.perPerson)),
  /** How many people have an entry in the cloud (for the projection). Absent from older hosts. */
  participants: v.optional(Count),
  /** `null` when the caller may not see the cloud (yet). */
  cloud: v.nullable(Cloud),
  /**
   * Trainers only: the settings and the moderation lists. Their shapes live in trainer-protocol.ts, with the
   * trainers' subjects, so that a trainee's bundle does not carry them; the trainer's tools check them there.
   */
  settings: v.optional(v.unknown()),
  moderation: v.optional(v.unknown()),
});
/** A state as every client checks it; `TrainerState` (trainer-protocol.ts) types its trainer-only parts. */
export type WordcloudState = v.InferOutput<typeof WordcloudState>;

export const getState = defineRequest('wordcloud.state', v.object({}), WordcloudState);

export const submit = defineRequest(
  'wordcloud.submit',
  v.object({ text: v.pipe(v.string(), v.maxLength(LIMITS.rawText)), key: IdempotencyKey }),
  v.object({ accepted: v.boolean(), entry: v.optional(MyEntry), error: v.optional(v.picklist(SUBMIT_ERRORS)) }),
);

export const withdraw = defineRequest(
  'wordcloud.withdraw',
  v.object({ id: EntryId }),
  v.object({ withdrawn: v.boolean(), error: v.optional(v.picklist(['not_found', 'closed'])) }),
);

/** Only the version: clients ask `wordcloud.state`, which the server filters by role. */
export const updated = defineEvent('wordcloud.updated', v.strictObject({ version: Version }));

/** The subjects every user may send (the trainer's are in trainer-protocol.ts). */
export const wordcloudTraineeSubjects = [getState, submit, withdraw] as const;
