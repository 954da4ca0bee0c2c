/**
 * The hybrid programme of a training: its steps in order, in person and at a distance. Pure data and rules, shared by
 * `<mag-programme>`, the reference host's server and (ported) the Moodle plugin.
 *
 * - `inperson`: a session in a room (date, start time, duration, place).
 * - `synchronous`: a distance session at a set time (date, start time, duration, a link to the virtual classroom).
 * - `module`: an asynchronous module from the catalog, linked, not copied (`catalog`: the entry and the version in
 *   use), open between two dates, with the expected duration.
 *
 * Dates are calendar dates (`YYYY-MM-DD`) and times wall-clock times (`HH:MM`) in the training's time zone (French
 * trainings: Europe/Paris, the default); a session is what the trainees' calendars say, not an instant.
 */
import * as v from 'valibot';

export const STEP_KINDS = ['inperson', 'synchronous', 'module'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const PROGRAMME_LIMITS = {
  steps: 100,
  title: 200,
  place: 200,
  notes: 2_000,
  link: 2_000,
  /** A step lasts from 5 minutes to 12 hours; a module's expected work up to 40 hours. */
  minMinutes: 5,
  maxSessionMinutes: 12 * 60,
  maxModuleMinutes: 40 * 60,
} as const;

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A real calendar date (`2026-02-30` is refused). */
export function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DateText = v.pipe(v.string(), v.check(isDate, 'a date YYYY-MM-DD'));
const TimeText = v.pipe(v.string(), v.regex(TIME, 'a time HH:MM'));
const Title = v.pipe(v.string(), v.regex(/\S/u, 'a title'), v.maxLength(PROGRAMME_LIMITS.title));
const StepId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));
const Minutes = (max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(PROGRAMME_LIMITS.minMinutes), v.maxValue(max));
/** Only web links: a `javascript:` or `data:` link in a trainee's programme would be an attack. */
export const WebLink = v.pipe(
  v.string(),
  v.maxLength(PROGRAMME_LIMITS.link),
  // The URL parser drops tabs and line breaks; a stored link must not hold them (a calendar line would break).
  // eslint-disable-next-line no-control-regex -- control characters are what is refused.
  v.regex(/^[^\s\u0000-\u001f\u007f]+$/u, 'a web address without spaces'),
  v.check((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'a web address (https://…)'),
);
const Notes = v.optional(v.pipe(v.string(), v.maxLength(PROGRAMME_LIMITS.notes)));

export const InPersonStep = v.object({
  kind: v.literal('inperson'),
  id: StepId,
  title: Title,
  date: DateText,
  start: TimeText,
  durationMinutes: Minutes(PROGRAMME_LIMITS.maxSessionMinutes),
  place: v.pipe(v.string(), v.maxLength(PROGRAMME_LIMITS.place)),
  notes: Notes,
});

export const SynchronousStep = v.object({
  kind: v.literal('synchronous'),
  id: StepId,
  title: Title,
  date: DateText,
  start: TimeText,
  durationMinutes: Minutes(PROGRAMME_LIMITS.maxSessionMinutes),
  link: v.optional(WebLink),
  notes: Notes,
});

export const CatalogRef = v.object({
  /**
   * The catalog's base URL (the folder of its `index.json`), among those the host's administrator allowed. Absent in
   * references made before hosts had several catalogs: the host then looks the entry up in its allowed catalogs, in
   * order.
   */
  base: v.optional(WebLink),
  /** The catalog entry's id (see docs/catalog.md). */
  entryId: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,99}$/)),
  /** The version in use: it changes only when the trainer updates. */
  version: v.pipe(v.string(), v.regex(/^\d+\.\d+\.\d+$/)),
});
export type CatalogRef = v.InferOutput<typeof CatalogRef>;

export const ModuleStep = v.pipe(
  v.object({
    kind: v.literal('module'),
    id: StepId,
    title: Title,
    catalog: CatalogRef,
    opens: v.optional(DateText),
    closes: v.optional(DateText),
    durationMinutes: Minutes(PROGRAMME_LIMITS.maxModuleMinutes),
    notes: Notes,
  }),
  v.check((step) => !step.opens || !step.closes || step.opens <= step.closes, 'closes before it opens'),
);

export const Step = v.variant('kind', [InPersonStep, SynchronousStep, ModuleStep]);
export type Step = v.InferOutput<typeof Step>;
export type InPersonStep = v.InferOutput<typeof InPersonStep>;
export type SynchronousStep = v.InferOutput<typeof SynchronousStep>;
export type ModuleStep = v.InferOutput<typeof ModuleStep>;

export const Steps = v.pipe(
  v.array(Step),
  v.maxLength(PROGRAMME_LIMITS.steps),
  v.check((steps) => new Set(steps.map((step) => step.id)).size === steps.length, 'step ids must be unique'),
);

export interface Totals {
  inPersonMinutes: number;
  /** Synchronous sessions and modules. */
  distanceMinutes: number;
  synchronousMinutes: number;
  asynchronousMinutes: number;
}

export function totals(steps: readonly Step[]): Totals {
  const sum = (kind: StepKind) =>
    steps.filter((step) => step.kind === kind).reduce((total, step) => total + step.durationMinutes, 0);
  const synchronousMinutes = sum('synchronous');
  const asynchronousMinutes = sum('module');
  return {
    inPersonMinutes: sum('inperson'),
    distanceMinutes: synchronousMinutes + asynchronousMinutes,
    synchronousMinutes,
    asynchronousMinutes,
  };
}

/** Running totals after each step, in order: what the planner shows beside each step. */
export function runningTotals(steps: readonly Step[]): Totals[] {
  return steps.map((_, index) => totals(steps.slice(0, index + 1)));
}

/** Moves the step at `from` to `to` (both clamped); returns a new list. */
export function moveStep<T>(steps: readonly T[], from: number, to: number): T[] {
  const next = [...steps];
  if (from < 0 || from >= next.length) return next;
  const [step] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, step!);
  return next;
}

/**
 * When a step takes place, in minutes since the epoch of its wall-clock time, to compare steps and find "what is
 * next": sessions from their date and time, modules from their opening date (or their closing date).
 */
function startKey(step: Step): string | null {
  if (step.kind === 'module') return step.opens ?? step.closes ?? null;
  return `${step.date}T${step.start}`;
}

function endKey(step: Step): string | null {
  if (step.kind === 'module') return step.closes ?? null;
  const [hours, minutes] = step.start.split(':').map(Number) as [number, number];
  const end = new Date(Date.UTC(2000, 0, 1, hours, minutes + step.durationMinutes));
  const days = Math.floor((end.getTime() - Date.UTC(2000, 0, 1)) / 86_400_000);
  const date = days === 0 ? step.date : addDays(step.date, days);
  return `${date}T${end.toISOString().slice(11, 16)}`;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export type StepTiming = 'past' | 'current' | 'upcoming' | 'undated';

/**
 * Where a step stands at `now` (a wall-clock `YYYY-MM-DDTHH:MM` in the training's time zone): over, under way
 * (a session now, a module open now), to come, or without dates. A module without a closing date is current once
 * open, until the trainee finished it.
 */
export function timing(step: Step, now: string): StepTiming {
  const start = startKey(step);
  const end = endKey(step);
  if (!start && !end) return 'undated';
  const day = now.slice(0, 10);
  if (step.kind === 'module') {
    if (step.opens && day < step.opens) return 'upcoming';
    if (step.closes && day > step.closes) return 'past';
    return 'current';
  }
  if (now < start!) return 'upcoming';
  if (end && now >= end) return 'past';
  return 'current';
}

/** The wall-clock time now in a time zone, as `YYYY-MM-DDTHH:MM`. */
export function wallClock(date: Date, timeZone = 'Europe/Paris'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
}
