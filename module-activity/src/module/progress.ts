/**
 * The module player's trusted rules, pure and shared: the reference host's server applies them (the Moodle plugin
 * will port them), the element only shows what they give.
 *
 * - **Reach**: a trainee may write progress, scores and H5P states only for an item of the version in use of a
 *   module step that is open now (between its opening and closing dates, or undated).
 * - **xAPI to attempts**, in the shape of Moodle's `mod_h5pactivity` (`h5pactivity_attempts`: raw score, max score,
 *   scaled, duration, completion, success). Only statements about the H5P content itself (not its sub-contents) and
 *   with the verbs `answered` or `completed` count, as in Moodle. H5P often sends both for one answer (our
 *   `H5P.MagChoice` does): a statement joins the latest attempt of the same player session when that attempt has
 *   not seen its verb yet, otherwise it opens a new attempt.
 * - **Progress** of a module step: the share of its items (pages, videos, H5P content, quizzes, word clouds) that the
 *   trainee completed, counted on the items of the version in use only, so that progress on items that still exist
 *   is kept across an update and items that disappeared stop counting. A quiz item is completed by a finished
 *   attempt, a word-cloud item by an entry of the trainee's in its cloud (both read from the host's own records).
 * - **Score** of a module step: the mean of the best scaled score of each of its scored items (H5P content: the best
 *   attempt; quiz: the quiz's grade over its maximum; an item not attempted counts 0), or none when no scored item
 *   was attempted. A programme's score is the mean of its module steps' scores.
 */
import * as v from 'valibot';
import type { ItemKind } from '../catalog/schema.js';
import { timing, wallClock, type ModuleStep, type StepTiming } from '../programme/model.js';

/** Item kinds the player plays and counts in progress. */
export const PLAYABLE_KINDS: readonly ItemKind[] = ['page', 'video', 'h5p', 'quiz', 'wordcloud'];

/**
 * What a host plays. A host without the relay of our own activities (`module.activity_call`: Moodle's
 * `mod_magmodule` today) shows quiz and word-cloud items in the outline but does not play them, and they do not
 * count in progress or scores there; the outline says which (`Outline.activities`).
 */
export interface HostPlays {
  activities: boolean;
}

const ALL: HostPlays = { activities: true };

export const isPlayable = (kind: ItemKind, plays: HostPlays = ALL): boolean =>
  PLAYABLE_KINDS.includes(kind) && (plays.activities || !isActivity(kind));

/** Item kinds with a score: H5P content (its xAPI attempts) and quizzes (their grade). */
export const SCORED_KINDS: readonly ItemKind[] = ['h5p', 'quiz'];

export const isScored = (kind: ItemKind): boolean => SCORED_KINDS.includes(kind);

/** Item kinds that our own activities play: the host gives each such item an instance of its own. */
export const ACTIVITY_KINDS = ['quiz', 'wordcloud'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const isActivity = (kind: ItemKind): kind is ActivityKind =>
  (ACTIVITY_KINDS as readonly string[]).includes(kind);

// ---- Reach ----

export type Reach = 'open' | 'upcoming' | 'closed';

/** Whether a module step is open at `now` (wall-clock time of the training, Europe/Paris by default). */
export function reachOf(step: ModuleStep, now: string | Date = new Date()): Reach {
  const clock = typeof now === 'string' ? now : wallClock(now);
  const when: StepTiming = timing(step, clock);
  if (when === 'upcoming') return 'upcoming';
  if (when === 'past') return 'closed';
  return 'open';
}

// ---- xAPI ----

export const XAPI_VERBS = {
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
} as const;
export type CountedVerb = keyof typeof XAPI_VERBS;

/** The most an H5P content may claim as a maximum score, and the longest duration kept (24 h). */
export const MAX_SCORE = 10_000;
export const MAX_DURATION_SECONDS = 24 * 60 * 60;

/**
 * ISO 8601 durations as H5P writes them (`PT12.34S`, `PT1M5S`, `P1DT2H`), in seconds, capped at 24 h; null when
 * the text is not a duration.
 */
export function parseDuration(text: string): number | null {
  const match = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    text,
  );
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
  ];
  const total = days * 86_400 + hours * 3_600 + minutes * 60 + seconds;
  return Math.min(MAX_DURATION_SECONDS, Math.round(total * 100) / 100);
}

const Finite = v.pipe(v.number(), v.finite());

/** What the player relays of an xAPI statement: checked before anything is stored. */
export const StatementResult = v.pipe(
  v.object({
    score: v.optional(
      v.pipe(
        v.object({
          raw: Finite,
          min: v.optional(v.pipe(Finite, v.minValue(-MAX_SCORE), v.maxValue(0))),
          max: v.pipe(Finite, v.minValue(0), v.maxValue(MAX_SCORE)),
          scaled: v.optional(v.pipe(Finite, v.minValue(-1), v.maxValue(1))),
        }),
        v.check((score) => score.raw >= (score.min ?? 0) && score.raw <= score.max, 'a raw score between min and max'),
      ),
    ),
    completion: v.optional(v.boolean()),
    success: v.optional(v.boolean()),
    /** ISO 8601, e.g. `PT12.5S`. */
    duration: v.optional(
      v.pipe(
        v.string(),
        v.maxLength(40),
        v.check((text) => parseDuration(text) !== null, 'an ISO 8601 duration such as PT12S'),
      ),
    ),
  }),
);
export type StatementResult = v.InferOutput<typeof StatementResult>;

/** One attempt at an H5P item, as stored (the columns of Moodle's `h5pactivity_attempts` that matter here). */
export interface Attempt {
  attempt: number;
  session: string;
  rawScore: number | null;
  maxScore: number | null;
  scaled: number | null;
  /** Seconds. */
  duration: number | null;
  completion: boolean | null;
  success: boolean | null;
  /** Verbs already merged into this attempt. */
  verbs: CountedVerb[];
}

export type AttemptChange = { kind: 'insert'; attempt: Attempt } | { kind: 'update'; attempt: Attempt };

/**
 * What a counted statement does to a trainee's attempts at one item: `latest` is their newest attempt (or null).
 * Scores are clamped into range and `scaled` computed when H5P leaves it out.
 */
export function applyStatement(
  latest: Attempt | null,
  verb: CountedVerb,
  result: StatementResult,
  session: string,
): AttemptChange {
  const score = result.score;
  const scaled =
    score === undefined
      ? null
      : (score.scaled ?? (score.max > 0 ? Math.max(-1, Math.min(1, score.raw / score.max)) : null));
  const fields = {
    rawScore: score?.raw ?? null,
    maxScore: score?.max ?? null,
    scaled,
    duration: result.duration === undefined ? null : parseDuration(result.duration),
    completion: result.completion ?? (verb === 'completed' ? true : null),
    success: result.success ?? null,
  };
  if (latest && latest.session === session && !latest.verbs.includes(verb)) {
    const pick = <T>(next: T | null, previous: T | null): T | null => (next === null ? previous : next);
    return {
      kind: 'update',
      attempt: {
        ...latest,
        rawScore: pick(fields.rawScore, latest.rawScore),
        maxScore: pick(fields.maxScore, latest.maxScore),
        scaled: pick(fields.scaled, latest.scaled),
        duration: pick(fields.duration, latest.duration),
        completion:
          latest.completion === true || fields.completion === true ? true : pick(fields.completion, latest.completion),
        success: pick(fields.success, latest.success),
        verbs: [...latest.verbs, verb],
      },
    };
  }
  return { kind: 'insert', attempt: { attempt: (latest?.attempt ?? 0) + 1, session, ...fields, verbs: [verb] } };
}

/** Whether a counted statement completes its item. */
export function completesItem(verb: CountedVerb, result: StatementResult): boolean {
  return verb === 'completed' || result.completion === true;
}

// ---- Progress and scores ----

export interface OutlineItem {
  id: string;
  kind: ItemKind;
}

export interface ItemRecord {
  completed: boolean;
  seconds: number;
  /** Best scaled score of the item (H5P: its best attempt; quiz: its grade), 0 to 1; null without attempt. */
  bestScaled: number | null;
}

export interface StepFigures {
  /** 0 to 100, one decimal. */
  percent: number;
  completed: boolean;
  seconds: number;
  /** 0 to 100, one decimal; null when no scored item was attempted (or the module has none). */
  score: number | null;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** A trainee's figures for a module step, counted on the items of the version in use only. */
export function stepFigures(
  items: readonly OutlineItem[],
  records: ReadonlyMap<string, ItemRecord>,
  plays: HostPlays = ALL,
): StepFigures {
  const playable = items.filter((item) => isPlayable(item.kind, plays));
  const done = playable.filter((item) => records.get(item.id)?.completed).length;
  const seconds = items.reduce((sum, item) => sum + (records.get(item.id)?.seconds ?? 0), 0);
  const scored = items.filter((item) => isScored(item.kind) && isPlayable(item.kind, plays));
  const attempted = scored.filter((item) => (records.get(item.id)?.bestScaled ?? null) !== null);
  const score =
    attempted.length === 0
      ? null
      : oneDecimal(
          (100 * scored.reduce((sum, item) => sum + Math.max(0, records.get(item.id)?.bestScaled ?? 0), 0)) /
            scored.length,
        );
  return {
    percent: playable.length === 0 ? 0 : oneDecimal((100 * done) / playable.length),
    completed: playable.length > 0 && done === playable.length,
    seconds,
    score,
  };
}

/** A trainee's figures for the whole programme: the mean progress and score of its module steps, total time. */
export function programmeFigures(steps: readonly StepFigures[]): StepFigures {
  const scores = steps.map((step) => step.score).filter((score): score is number => score !== null);
  return {
    percent: steps.length === 0 ? 0 : oneDecimal(steps.reduce((sum, step) => sum + step.percent, 0) / steps.length),
    completed: steps.length > 0 && steps.every((step) => step.completed),
    seconds: steps.reduce((sum, step) => sum + step.seconds, 0),
    score: scores.length === 0 ? null : oneDecimal(scores.reduce((sum, score) => sum + score, 0) / scores.length),
  };
}

/** Seconds a single progress report may add: the player reports at least every minute while an item is shown. */
export const MAX_REPORTED_SECONDS = 300;
