/**
 * Subjects of the demo activity, `<mag-reactions>`: a live reaction counter for in-person sessions.
 * Trainees tap how they feel about the pace ("J'ai compris", "Plus lentement"…); everyone sees the
 * counts grow live; the trainer resets them between two parts of a session.
 */
import * as v from 'valibot';
import { defineEvent, defineRequest } from '../bridge/protocol.js';

export const ACTIVITY_TYPE = 'reactions';
export const REACTIONS = ['understood', 'question', 'lost', 'slower'] as const;
export type Reaction = (typeof REACTIONS)[number];

const Counts = v.object({
  understood: v.pipe(v.number(), v.integer(), v.minValue(0)),
  question: v.pipe(v.number(), v.integer(), v.minValue(0)),
  lost: v.pipe(v.number(), v.integer(), v.minValue(0)),
  slower: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type Counts = v.InferOutput<typeof Counts>;

export const ReactionsState = v.object({
  counts: Counts,
  /** Bumped on every change; a client ignores states older than the one it has. */
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type ReactionsState = v.InferOutput<typeof ReactionsState>;

/** An idempotency key: the same key sent twice is counted once. */
export const IdempotencyKey = v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/));

export const getState = defineRequest('reactions.state', v.object({}), ReactionsState);

export const react = defineRequest(
  'reactions.react',
  v.object({ reaction: v.picklist(REACTIONS), key: IdempotencyKey }),
  v.object({ accepted: v.boolean(), state: ReactionsState }),
);

export const reset = defineRequest('reactions.reset', v.object({}), ReactionsState, ['trainer']);

export const updated = defineEvent('reactions.updated', ReactionsState);

export const reactionSubjects = [getState, react, reset] as const;
