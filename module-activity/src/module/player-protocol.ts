/**
 * The module player's subjects: a step's outline, its items' content (cut in parts, since a page may be larger than
 * a bridge message), progress and time spent, xAPI statements from H5P content, and H5P states. The host's server
 * accepts writes only from trainees and only for items they can reach (progress.ts); a trainer plays in preview and
 * nothing is stored. Loaded with the player.
 */
import * as v from 'valibot';
import { defineEvent, defineRequest } from '../../../activities/src/bridge/protocol.js';
import { WebLink } from '../programme/model.js';
import { CatalogProblem, Count, Percent } from './protocol.js';
import { MAX_REPORTED_SECONDS, StatementResult } from './progress.js';

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const StepId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));
const ItemId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/));
const Key = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/));

/** Characters of an item's JSON text per `module.item` answer: well under the bridge's 64 KiB once escaped. */
export const PART_CHARS = 24_000;
/** The largest H5P state kept (JSON text). */
export const MAX_H5P_STATE_CHARS = 48_000;

const ItemState = v.object({
  completed: v.boolean(),
  seconds: Count,
  /** Best attempt (H5P). */
  best: v.nullable(v.object({ raw: v.number(), max: v.number(), scaled: v.number() })),
  attempts: Count,
});
export type ItemState = v.InferOutput<typeof ItemState>;

const StepProgress = v.object({ percent: Percent, completed: v.boolean(), seconds: Count });
export type StepProgress = v.InferOutput<typeof StepProgress>;

export const Outline = v.object({
  stepId: StepId,
  title: Text(300),
  version: Text(64),
  /** A trainer's preview: nothing is recorded. */
  preview: v.boolean(),
  reach: v.picklist(['open', 'upcoming', 'closed']),
  items: v.pipe(
    v.array(
      v.object({
        id: ItemId,
        kind: v.picklist(['page', 'video', 'h5p', 'quiz', 'wordcloud']),
        title: Text(300),
        duration: Count,
        /** How many `module.item` parts its content takes. */
        parts: Count,
        state: ItemState,
      }),
    ),
    v.maxLength(100),
  ),
  progress: StepProgress,
  /** Where H5P items play: the sandboxed player page, on the host's frame origin. */
  h5pPlayer: v.optional(WebLink),
  /**
   * The host plays quiz and word-cloud items (`module.activity_call`). Absent or false: they are shown, not played,
   * and do not count in progress (progress.ts `HostPlays`).
   */
  activities: v.optional(v.boolean()),
});
export type Outline = v.InferOutput<typeof Outline>;

/** A step's outline; `problem` when its catalog cannot be read now. */
export const play = defineRequest(
  'module.play',
  v.object({ stepId: StepId }),
  v.variant('ok', [
    v.object({ ok: v.literal(true), outline: Outline }),
    v.object({ ok: v.literal(false), problem: CatalogProblem }),
  ]),
);

/** One part of an item's content (a `PlayableItem` as JSON text, see player-items.ts). */
export const item = defineRequest(
  'module.item',
  v.object({ stepId: StepId, itemId: ItemId, part: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000)) }),
  v.object({ part: Count, parts: Count, text: Text(PART_CHARS) }),
);

const Written = v.object({ recorded: v.boolean(), item: ItemState, progress: StepProgress });
export type Written = v.InferOutput<typeof Written>;

/** Time spent on an item since the last report, and whether the trainee finished it (pages and videos). */
export const progress = defineRequest(
  'module.progress',
  v.object({
    stepId: StepId,
    itemId: ItemId,
    seconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_REPORTED_SECONDS)),
    completed: v.optional(v.boolean()),
  }),
  Written,
);

/**
 * An xAPI statement of an H5P item, as the player relays it: the verb, whether it is about the content itself (not
 * a sub-content), its result. `session` is one load of the player, `key` makes a retry count once.
 */
export const xapi = defineRequest(
  'module.xapi',
  v.object({
    stepId: StepId,
    itemId: ItemId,
    session: Key,
    key: Key,
    verb: v.picklist(['answered', 'completed']),
    root: v.boolean(),
    result: StatementResult,
  }),
  Written,
);

/** Saves an H5P item's state (its `getCurrentState()` as JSON text); `null` forgets it. */
export const saveH5PState = defineRequest(
  'module.h5p_save',
  v.object({ stepId: StepId, itemId: ItemId, state: v.nullable(Text(MAX_H5P_STATE_CHARS)) }),
  v.object({ saved: v.boolean() }),
);

/** The saved state of an H5P item, to resume it. */
export const loadH5PState = defineRequest(
  'module.h5p_load',
  v.object({ stepId: StepId, itemId: ItemId }),
  v.object({ state: v.nullable(Text(MAX_H5P_STATE_CHARS)) }),
);

/**
 * Our own activities in a module (quiz and word-cloud items). The host gives each item of a step an instance of
 * its own (one per programme step and item, shared by the programme's trainees, kept across catalog updates that
 * keep the item), whose settings come from the catalog item of the version in use. The player connects `<mag-quiz>`
 * or `<mag-wordcloud>` to a host of its own and relays every request through `module.activity_call`: the host's
 * server checks the trainee's reach first, then answers with the activity's own service (grading, limits,
 * moderation), and counts the item's progress and score from its own records, never from what the page says.
 */
const Subject = v.pipe(v.string(), v.regex(/^(quiz|wordcloud)\.[a-z_.]{1,60}$/));

/**
 * A request of an item's activity, relayed: the host answers `{ result }` (or the activity's own error) and, after a
 * trainee's write, the item's state and the step's progress as its records now give them.
 */
export const activityCall = defineRequest(
  'module.activity_call',
  v.object({ stepId: StepId, itemId: ItemId, subject: Subject, payload: v.optional(v.unknown()) }),
  v.object({ result: v.unknown(), written: v.optional(Written) }),
);

/**
 * Our activities' events carry only a version (`quiz.updated`, `wordcloud.updated`). When one of a programme's items
 * changes, its players get the versions of all of the programme's quiz and word-cloud items: a host that keeps only the
 * newest event per instance and subject (the reference host's writer does, per batch) then loses nothing, and an
 * element fetches again only when its own version moved.
 */
export const activityEvent = defineEvent(
  'module.activity_event',
  v.object({
    items: v.pipe(
      v.array(v.object({ stepId: StepId, itemId: ItemId, subject: Subject, version: Count })),
      v.maxLength(1_000),
    ),
  }),
);
