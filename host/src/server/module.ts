/**
 * Server side of `<mag-module>`: the catalog browser, "Ajouter à ma formation", version updates, the module player's
 * progress, scores and H5P states, and the trainers' report.
 *
 * A module instance shows the module steps of a programme of its course (`settings.programme`, else the course's
 * first programme): adding or updating a module writes the programme's steps, the storage `<mag-programme>` reads.
 * Everything the element shows of a catalog comes from the catalogs the administrator allowed, read here through the
 * catalog client (catalogs.ts).
 *
 * Trust (module-activity/src/module/progress.ts): progress, xAPI statements and H5P states are accepted only from
 * trainees (a trainer plays in preview, nothing is stored) and only for an item of the version in use of a module
 * step open now. Storage (migration 5) is keyed by the programme instance, the step and the item id, so that progress
 * on the items that still exist is kept across an update; `programme_progress` holds each step's summary.
 *
 * Quiz and word-cloud items (migration 6): each item of a step gets an activity instance of its own, one per
 * (programme, step, item) and shared by the programme's trainees (`module_item_instances`), whose settings come from
 * the catalog item of the version in use (refreshed when the step's version changes: a catalog update that keeps the
 * item keeps its attempts, grades and words). Its type (`module-quiz`, `module-wordcloud`) has no service of its own,
 * so it cannot be called directly: the player relays the element's requests through `module.activity_call`, which
 * checks the reach first and then runs the quiz's or word cloud's own service (grading, limits, moderation). The
 * item's completion and score are read from those services' records (a finished attempt and the quiz's grade; an
 * entry in the cloud), never from what the page reports; the activity's events reach the step's players as
 * `module.activity_event`.
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { BridgeError, parseOrThrow, type EventDef } from '../../../activities/src/bridge/protocol.js';
import { CatalogError } from '../../../module-activity/src/catalog/client.js';
import type { Item, ModuleEntry, ModulePackage } from '../../../module-activity/src/catalog/schema.js';
import { compareSemver, isMajorChange, parseSemver } from '../../../module-activity/src/catalog/semver.js';
import { FACETS, type FacetName } from '../../../module-activity/src/catalog/search.js';
import {
  MAX_H5P_STATE_CHARS,
  PART_CHARS,
  activityCall,
  activityEvent,
  item as itemRequest,
  loadH5PState,
  play,
  progress as progressRequest,
  saveH5PState,
  xapi,
  type ItemState,
  type Outline,
  type Written,
} from '../../../module-activity/src/module/player-protocol.js';
import { splitParts, toPlayable } from '../../../module-activity/src/module/player-items.js';
import {
  applyStatement,
  completesItem,
  isScored,
  programmeFigures,
  reachOf,
  stepFigures,
  type ActivityKind,
  type Attempt,
  type CountedVerb,
  type ItemRecord,
  type StepFigures,
} from '../../../module-activity/src/module/progress.js';
import {
  ACTIVITY_TYPE,
  getState,
  reported,
  updated,
  type ModuleState,
  type StepView,
  type UpdateOffer,
} from '../../../module-activity/src/module/protocol.js';
import {
  REPORT_PAGE_SIZE,
  SEARCH_PAGE_SIZE,
  add,
  preview,
  report,
  search,
  update,
  type CatalogCard,
} from '../../../module-activity/src/module/trainer-protocol.js';
import {
  PROGRAMME_LIMITS,
  wallClock,
  type ModuleStep,
  type Step,
} from '../../../module-activity/src/programme/model.js';
import { updated as programmeUpdated } from '../../../module-activity/src/programme/protocol.js';
import type { CatalogChoice } from '../../../module-activity/src/programme/protocol.js';
import type { Quiz } from '../../../quiz/src/attempt.js';
import type { ActivityInstance, ActivityType, HandlerContext, RequestHandler } from './activities.js';
import { defineHandler } from './activities.js';
import { H5P_PLAYER_PATH, problemOf, type Catalogs, type LoadedPackage } from './catalogs.js';
import type { Db } from './db.js';
import { HttpError } from './http.js';
import { stepsOf, versionOf } from './programme.js';
import { quizActivity } from './quiz.js';
import { wordcloudActivity } from './wordcloud.js';
import type { Tx, Writer } from './writer.js';

export interface ModuleServices {
  catalogs: Catalogs;
  /** The origin of activity frames: H5P content plays in a sandboxed page there. */
  frameOrigin: string;
  /** The clock (tests set it); wall-clock time in Europe/Paris is derived from it. */
  now?: () => Date;
}

const services = new WeakMap<Db, ModuleServices>();

/** Gives the module activity of the app using `db` its catalogs and frame origin. */
export function configureModules(db: Db, value: ModuleServices): void {
  services.set(db, value);
}

function servicesOf(ctx: HandlerContext): ModuleServices {
  const found = services.get(ctx.db);
  if (!found) throw new BridgeError('internal', 'The module activity is not configured.');
  return found;
}

// ---- The programme behind a module instance ----

interface InstanceRow {
  id: string;
  course_id: string;
  type: string;
  title: string;
  position: number;
  settings: string;
}

function toInstance(row: InstanceRow): ActivityInstance {
  let settings: unknown = {};
  try {
    settings = JSON.parse(row.settings) as unknown;
  } catch {
    // Settings are checked JSON in the database; an unreadable value is no settings.
  }
  return { id: row.id, courseId: row.course_id, type: row.type, title: row.title, position: row.position, settings };
}

/** The programme whose module steps this module instance shows. */
export function linkedProgramme(db: Db, instance: ActivityInstance): ActivityInstance | null {
  const wanted = (instance.settings as { programme?: unknown } | null)?.programme;
  const select = 'SELECT id, course_id, type, title, position, settings FROM activity_instances';
  const row =
    typeof wanted === 'string'
      ? db
          .prepare<[string, string], InstanceRow>(`${select} WHERE id = ? AND course_id = ? AND type = 'programme'`)
          .get(wanted, instance.courseId)
      : db
          .prepare<[string], InstanceRow>(`${select} WHERE course_id = ? AND type = 'programme' ORDER BY position, id`)
          .get(instance.courseId);
  return row ? toInstance(row) : null;
}

function requireProgramme(ctx: HandlerContext): ActivityInstance {
  const programme = linkedProgramme(ctx.db, ctx.instance);
  if (!programme) throw new HttpError(404, 'bad_request', 'This course has no programme.');
  return programme;
}

function moduleSteps(steps: readonly Step[]): ModuleStep[] {
  return steps.filter((step): step is ModuleStep => step.kind === 'module');
}

function findStep(db: Db, programme: ActivityInstance, stepId: string): ModuleStep {
  const step = moduleSteps(stepsOf(db, programme)).find((candidate) => candidate.id === stepId);
  if (!step) throw new HttpError(404, 'bad_request', `No module step ${stepId} in this programme.`);
  return step;
}

const clock = (ctx: HandlerContext) => wallClock(servicesOf(ctx).now?.() ?? new Date());

// ---- Catalog helpers ----

async function packageOf(ctx: HandlerContext, step: ModuleStep): Promise<LoadedPackage> {
  return servicesOf(ctx).catalogs.package(step.catalog.entryId, step.catalog.version, step.catalog.base);
}

function itemsOf(pkg: ModulePackage): { id: string; kind: Item['kind'] }[] {
  return pkg.items.map((item) => ({ id: item.id, kind: item.kind }));
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Versions newer than `current` up to the entry's latest, newest first. */
function updateOffer(entry: ModuleEntry, current: string): UpdateOffer | undefined {
  if (!parseSemver(current) || compareSemver(entry.latest, current) <= 0) return undefined;
  const newer = entry.versions
    .filter(
      (version) =>
        compareSemver(version.version, current) > 0 &&
        compareSemver(version.version, entry.latest) <= 0 &&
        !version.version.includes('-'),
    )
    .sort((a, b) => compareSemver(b.version, a.version));
  return {
    version: entry.latest,
    notes: newer.slice(0, 3).map((version) => ({
      version: version.version,
      date: version.date,
      releaseNotes: cut(version.releaseNotes, 1_500),
    })),
    more: Math.max(0, newer.length - 3),
    major: isMajorChange(current, entry.latest),
  };
}

function cardOf(entry: ModuleEntry, base: string, catalogs: Catalogs, inProgramme: Set<string>): CatalogCard {
  const latest = entry.versions.find((version) => version.version === entry.latest);
  return {
    base,
    id: entry.id,
    title: entry.title,
    summary: entry.summary,
    nature: entry.nature,
    domain: entry.domain,
    publics: [...entry.publics],
    durations: { ...entry.durations },
    latest: entry.latest,
    date: latest?.date ?? '1970-01-01',
    thumbnail: catalogs.resolve(base, entry.thumbnail),
    inProgramme: inProgramme.has(entry.id),
  };
}

// ---- Trainees' records ----

interface ProgressRow {
  item_id: string;
  completed: number;
  seconds: number;
}

interface AttemptRow {
  id: number;
  item_id: string;
  attempt: number;
  session: string;
  verbs: string;
  raw_score: number | null;
  max_score: number | null;
  scaled: number | null;
  duration: number | null;
  completion: number | null;
  success: number | null;
}

function toAttempt(row: AttemptRow): Attempt {
  const flag = (value: number | null) => (value === null ? null : value === 1);
  return {
    attempt: row.attempt,
    session: row.session,
    rawScore: row.raw_score,
    maxScore: row.max_score,
    scaled: row.scaled,
    duration: row.duration,
    completion: flag(row.completion),
    success: flag(row.success),
    verbs: row.verbs.split(',').filter((verb): verb is CountedVerb => verb === 'answered' || verb === 'completed'),
  };
}

/** A trainee's records of one step, by item id. */
function itemStates(db: Db, programmeId: string, stepId: string, userId: number): Map<string, ItemState> {
  const states = new Map<string, ItemState>();
  const state = (itemId: string) => {
    let found = states.get(itemId);
    if (!found) states.set(itemId, (found = { completed: false, seconds: 0, best: null, attempts: 0 }));
    return found;
  };
  for (const row of db
    .prepare<[string, string, number], ProgressRow>(
      'SELECT item_id, completed, seconds FROM module_item_progress WHERE instance_id = ? AND step_id = ? AND user_id = ?',
    )
    .all(programmeId, stepId, userId)) {
    Object.assign(state(row.item_id), { completed: row.completed === 1, seconds: row.seconds });
  }
  for (const row of db
    .prepare<[string, string, number], AttemptRow>(
      `SELECT id, item_id, attempt, session, verbs, raw_score, max_score, scaled, duration, completion, success
       FROM module_attempts WHERE instance_id = ? AND step_id = ? AND user_id = ? ORDER BY attempt`,
    )
    .all(programmeId, stepId, userId)) {
    const target = state(row.item_id);
    target.attempts++;
    if (row.scaled !== null && (target.best === null || row.scaled > target.best.scaled)) {
      target.best = { raw: row.raw_score ?? 0, max: row.max_score ?? 0, scaled: row.scaled };
    }
  }
  // Quiz items: completed by a finished attempt, scored by the quiz's own grade (quiz.ts writes both).
  for (const row of db
    .prepare<[number, number, string, string], QuizItemRow>(
      `SELECT m.item_id, g.grade, g.max_grade,
         (SELECT COUNT(*) FROM quiz_attempts a
          WHERE a.instance_id = m.instance_id AND a.user_id = ? AND a.status = 'finished') AS finished
       FROM module_item_instances m
       LEFT JOIN quiz_grades g ON g.instance_id = m.instance_id AND g.user_id = ?
       WHERE m.programme_id = ? AND m.step_id = ? AND m.kind = 'quiz'`,
    )
    .all(userId, userId, programmeId, stepId)) {
    if (row.finished === 0) continue;
    const target = state(row.item_id);
    target.completed = true;
    target.attempts = row.finished;
    if (row.grade !== null && row.max_grade !== null) {
      const scaled = row.max_grade > 0 ? Math.max(0, Math.min(1, row.grade / row.max_grade)) : 0;
      target.best = { raw: row.grade, max: row.max_grade, scaled };
    }
  }
  // Word-cloud items: completed by an entry of the trainee's that counts (accepted, or waiting for approval).
  for (const row of db
    .prepare<[number, string, string], { item_id: string; entries: number }>(
      `SELECT m.item_id, COUNT(*) AS entries FROM module_item_instances m
       JOIN wordcloud_entries e ON e.instance_id = m.instance_id AND e.user_id = ?
         AND e.status IN ('accepted', 'pending')
       WHERE m.programme_id = ? AND m.step_id = ? AND m.kind = 'wordcloud' GROUP BY m.item_id`,
    )
    .all(userId, programmeId, stepId)) {
    const target = state(row.item_id);
    target.completed = true;
    target.attempts = row.entries;
  }
  return states;
}

interface QuizItemRow {
  item_id: string;
  grade: number | null;
  max_grade: number | null;
  finished: number;
}

function recordsOf(states: Map<string, ItemState>): Map<string, ItemRecord> {
  return new Map(
    [...states].map(([id, state]) => [
      id,
      { completed: state.completed, seconds: state.seconds, bestScaled: state.best?.scaled ?? null },
    ]),
  );
}

const EMPTY_ITEM: ItemState = { completed: false, seconds: 0, best: null, attempts: 0 };

/** Recomputes a trainee's summary of a step from their records, on the items of `pkg`, into programme_progress. */
function saveFigures(tx: Tx, programmeId: string, stepId: string, userId: number, pkg: ModulePackage): StepFigures {
  const figures = stepFigures(itemsOf(pkg), recordsOf(itemStates(tx.db, programmeId, stepId, userId)));
  tx.db
    .prepare<[string, number, string, number, number, number, number | null, number]>(
      `INSERT INTO programme_progress (instance_id, user_id, step_id, percent, completed, seconds, score, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (instance_id, user_id, step_id) DO UPDATE SET percent = excluded.percent,
         completed = excluded.completed, seconds = excluded.seconds, score = excluded.score,
         updated_at = excluded.updated_at`,
    )
    .run(
      programmeId,
      userId,
      stepId,
      figures.percent,
      figures.completed ? 1 : 0,
      figures.seconds,
      figures.score,
      tx.now,
    );
  return figures;
}

/** Tells trainers' reports that a trainee's figures changed (events of one batch are coalesced by the writer). */
function bumpReport(tx: Tx, instanceId: string): void {
  const version = tx.db
    .prepare<[string], number>('UPDATE activity_instances SET version = version + 1 WHERE id = ? RETURNING version')
    .pluck()
    .get(instanceId)!;
  tx.emit(reported, instanceId, { version });
}

interface StepSummaryRow {
  step_id: string;
  percent: number;
  completed: number;
  seconds: number;
  score: number | null;
}

// ---- State ----

async function moduleState(ctx: HandlerContext): Promise<ModuleState> {
  const programme = linkedProgramme(ctx.db, ctx.instance);
  if (!programme) return { version: 0, programme: null, steps: [] };
  const version = versionOf(ctx.db, programme.id);
  const steps = moduleSteps(stepsOf(ctx.db, programme));
  const now = clock(ctx);
  const trainer = ctx.user.role === 'trainer';
  const summaries = new Map(
    ctx.db
      .prepare<[string, number], StepSummaryRow>(
        'SELECT step_id, percent, completed, seconds, score FROM programme_progress WHERE instance_id = ? AND user_id = ?',
      )
      .all(programme.id, ctx.user.id)
      .map((row) => [row.step_id, row]),
  );
  const views = await Promise.all(
    steps.map(async (step): Promise<StepView> => {
      const view: StepView = {
        stepId: step.id,
        title: step.title,
        catalog: step.catalog,
        ...(step.opens ? { opens: step.opens } : {}),
        ...(step.closes ? { closes: step.closes } : {}),
        durationMinutes: step.durationMinutes,
        reach: reachOf(step, now),
      };
      if (!trainer) {
        const summary = summaries.get(step.id);
        view.progress = {
          percent: summary?.percent ?? 0,
          completed: summary?.completed === 1,
          seconds: summary?.seconds ?? 0,
        };
        return view;
      }
      try {
        const { entry } = await servicesOf(ctx).catalogs.entry(step.catalog.entryId, step.catalog.base);
        const offer = updateOffer(entry, step.catalog.version);
        if (offer) view.update = offer;
      } catch (error) {
        view.problem = problemOf(error);
      }
      return view;
    }),
  );
  return { version, programme: { id: programme.id, title: programme.title }, steps: views };
}

// ---- Writing the programme's steps ----

/** Changes the programme's steps in one unit: bumps its version and tells both elements. */
function writeSteps(tx: Tx, programme: ActivityInstance, moduleInstanceId: string, steps: Step[]): void {
  tx.db
    .prepare<[string, string]>(
      `INSERT INTO programme_instances (instance_id, steps) VALUES (?, ?)
       ON CONFLICT (instance_id) DO UPDATE SET steps = excluded.steps`,
    )
    .run(programme.id, JSON.stringify(steps));
  const version = tx.db
    .prepare<[string], number>('UPDATE activity_instances SET version = version + 1 WHERE id = ? RETURNING version')
    .pluck()
    .get(programme.id)!;
  tx.emit(programmeUpdated, programme.id, { version });
  tx.emit(updated, moduleInstanceId, { version });
}

// ---- The player's checks ----

interface Reached {
  programme: ActivityInstance;
  step: ModuleStep;
  loaded: LoadedPackage;
  item: Item;
}

/**
 * The item a trainee writes about, if they may: the step exists and is open now, the item exists in the version in
 * use. Anything else is refused with a clear reason and nothing is stored.
 */
async function reachItem(ctx: HandlerContext, stepId: string, itemId: string, forWriting: boolean): Promise<Reached> {
  const programme = requireProgramme(ctx);
  const step = findStep(ctx.db, programme, stepId);
  if (ctx.user.role === 'trainee') {
    const reach = reachOf(step, clock(ctx));
    if (reach === 'upcoming') {
      throw new HttpError(403, 'unauthorized', `The module step ${stepId} is not open yet.`);
    }
    if (reach === 'closed' && forWriting) {
      throw new HttpError(403, 'unauthorized', `The module step ${stepId} is closed: nothing more is recorded.`);
    }
  }
  let loaded: LoadedPackage;
  try {
    loaded = await packageOf(ctx, step);
  } catch (error) {
    if (error instanceof CatalogError) {
      throw new HttpError(502, 'internal', `The catalog of this module cannot be read now (${error.code}).`);
    }
    throw error;
  }
  const item = loaded.pkg.items.find((candidate) => candidate.id === itemId);
  if (!item) {
    throw new HttpError(
      403,
      'unauthorized',
      `No item ${itemId} in version ${step.catalog.version} of this module: it cannot be reached.`,
    );
  }
  return { programme, step, loaded, item };
}

function written(states: Map<string, ItemState>, itemId: string, figures: StepFigures, recorded: boolean): Written {
  return {
    recorded,
    item: states.get(itemId) ?? EMPTY_ITEM,
    progress: { percent: figures.percent, completed: figures.completed, seconds: figures.seconds },
  };
}

/** Seconds a time report may exceed the wall-clock time since the item's previous one. */
const TIME_SLACK_S = 5;

const PREVIEW: Written = {
  recorded: false,
  item: EMPTY_ITEM,
  progress: { percent: 0, completed: false, seconds: 0 },
};

// ---- The handlers ----

const SearchFilters = v.record(v.picklist(FACETS), v.array(v.string()));

export const moduleActivity: ActivityType = {
  type: ACTIVITY_TYPE,
  requests: [
    defineHandler(getState, (_payload, ctx) => moduleState(ctx)),

    // ---- Trainers: the catalog ----

    defineHandler(search, async (query, ctx) => {
      const { catalogs } = servicesOf(ctx);
      const programme = linkedProgramme(ctx.db, ctx.instance);
      const inProgramme = new Set(
        programme ? moduleSteps(stepsOf(ctx.db, programme)).map((step) => step.catalog.entryId) : [],
      );
      const found = await catalogs.search();
      const filters = v.parse(SearchFilters, query.filters ?? {}) as Partial<Record<FacetName, string[]>>;
      const result = found.search.search({
        ...(query.text !== undefined ? { text: query.text } : {}),
        filters,
        ...(query.sort ? { sort: query.sort } : {}),
        page: query.page ?? 1,
        pageSize: SEARCH_PAGE_SIZE,
      });
      return {
        total: result.total,
        page: result.page,
        pages: result.pages,
        hits: result.hits.map((hit) => cardOf(hit.entry, found.baseOf.get(hit.entry)!, catalogs, inProgramme)),
        facets: result.facets,
        catalogs: found.catalogs.map((catalog) => ({
          base: catalog.base,
          ...(catalog.index ? { title: catalog.index.title } : {}),
          ...(catalog.problem ? { problem: catalog.problem } : {}),
        })),
      };
    }),

    defineHandler(preview, async ({ base, entryId }, ctx) => {
      const { catalogs } = servicesOf(ctx);
      try {
        const { entry } = await catalogs.entry(entryId, base);
        const loaded = await catalogs.package(entryId, entry.latest, base);
        const programme = linkedProgramme(ctx.db, ctx.instance);
        const inProgramme = new Set(
          programme ? moduleSteps(stepsOf(ctx.db, programme)).map((step) => step.catalog.entryId) : [],
        );
        return {
          ok: true as const,
          preview: {
            card: cardOf(entry, base, catalogs, inProgramme),
            objectives: [...entry.objectives],
            rhythm: entry.rhythm,
            authors: entry.authors.map((author) => ({ ...author })),
            ...(entry.license ? { license: entry.license } : {}),
            items: loaded.pkg.items.map((item) => ({
              id: item.id,
              kind: item.kind,
              title: item.title,
              duration: item.duration,
            })),
            versions: [...entry.versions]
              .sort((a, b) => compareSemver(b.version, a.version))
              .slice(0, 5)
              .map((version) => ({
                version: version.version,
                date: version.date,
                releaseNotes: cut(version.releaseNotes, 1_500),
              })),
          },
        };
      } catch (error) {
        if (error instanceof CatalogError) return { ok: false as const, problem: problemOf(error) };
        throw error;
      }
    }),

    defineHandler(add, async ({ base, entryId, version }, ctx) => {
      const { catalogs } = servicesOf(ctx);
      const programme = requireProgramme(ctx);
      let entry: ModuleEntry;
      try {
        entry = (await catalogs.entry(entryId, base)).entry;
      } catch (error) {
        if (error instanceof CatalogError) return { ok: false as const, problem: problemOf(error) };
        throw error;
      }
      if (!entry.versions.some((candidate) => candidate.version === version)) {
        return { ok: false as const, problem: { code: 'unknown_version' as const, url: base } };
      }
      const stepId = `module-${crypto.randomUUID().slice(0, 8)}`;
      const today = clock(ctx).slice(0, 10);
      const minutes = entry.durations.distance || entry.durations.inPerson;
      const step: ModuleStep = {
        kind: 'module',
        id: stepId,
        title: cut(entry.title, PROGRAMME_LIMITS.title),
        catalog: { base, entryId, version },
        opens: today,
        durationMinutes: Math.min(PROGRAMME_LIMITS.maxModuleMinutes, Math.max(PROGRAMME_LIMITS.minMinutes, minutes)),
      };
      await ctx.writer.run((tx) => {
        const steps = stepsOf(tx.db, programme);
        if (steps.length >= PROGRAMME_LIMITS.steps) {
          throw new HttpError(409, 'bad_request', `The programme already has ${PROGRAMME_LIMITS.steps} steps.`);
        }
        writeSteps(tx, programme, ctx.instance.id, [...steps, step]);
      });
      return { ok: true as const, stepId, state: await moduleState(ctx) };
    }),

    defineHandler(update, async ({ stepId, version }, ctx) => {
      const { catalogs } = servicesOf(ctx);
      const programme = requireProgramme(ctx);
      const step = findStep(ctx.db, programme, stepId);
      if (compareSemver(version, step.catalog.version) <= 0) {
        throw new HttpError(409, 'bad_request', `Version ${version} is not newer than ${step.catalog.version}.`);
      }
      let loaded: LoadedPackage;
      try {
        loaded = await catalogs.package(step.catalog.entryId, version, step.catalog.base);
      } catch (error) {
        if (error instanceof CatalogError) return { ok: false as const, problem: problemOf(error) };
        throw error;
      }
      await ctx.writer.run((tx) => {
        const steps = stepsOf(tx.db, programme);
        const index = steps.findIndex((candidate) => candidate.id === stepId && candidate.kind === 'module');
        const current = steps[index];
        if (current?.kind !== 'module') throw new HttpError(404, 'bad_request', `No module step ${stepId}.`);
        steps[index] = { ...current, catalog: { ...current.catalog, version } };
        writeSteps(tx, programme, ctx.instance.id, steps);
        // Every trainee's summary, counted again on the new version's items: progress on kept items stays.
        const users = tx.db
          .prepare<[string, string, string, string, string, string, string, string], number>(
            `SELECT user_id FROM module_item_progress WHERE instance_id = ? AND step_id = ?
             UNION SELECT user_id FROM module_attempts WHERE instance_id = ? AND step_id = ?
             UNION SELECT g.user_id FROM module_item_instances m JOIN quiz_grades g ON g.instance_id = m.instance_id
               JOIN users u ON u.id = g.user_id AND u.role = 'trainee' WHERE m.programme_id = ? AND m.step_id = ?
             UNION SELECT e.user_id FROM module_item_instances m
               JOIN wordcloud_entries e ON e.instance_id = m.instance_id
               JOIN users u ON u.id = e.user_id AND u.role = 'trainee' WHERE m.programme_id = ? AND m.step_id = ?`,
          )
          .pluck()
          .all(programme.id, stepId, programme.id, stepId, programme.id, stepId, programme.id, stepId);
        for (const userId of users) saveFigures(tx, programme.id, stepId, userId, loaded.pkg);
        if (users.length > 0) bumpReport(tx, ctx.instance.id);
      });
      return { ok: true as const, state: await moduleState(ctx) };
    }),

    defineHandler(report, async ({ page = 1 }, ctx) => {
      const programme = requireProgramme(ctx);
      const steps = moduleSteps(stepsOf(ctx.db, programme));
      const scored = await Promise.all(
        steps.map((step) =>
          packageOf(ctx, step).then(
            (loaded) => loaded.pkg.items.some((item) => isScored(item.kind)),
            () => false,
          ),
        ),
      );
      const total = ctx.db.prepare<[], number>("SELECT COUNT(*) FROM users WHERE role = 'trainee'").pluck().get() ?? 0;
      const pages = Math.max(1, Math.ceil(total / REPORT_PAGE_SIZE));
      const current = Math.min(pages, page);
      const trainees = ctx.db
        .prepare<[number, number], { id: number; display_name: string }>(
          `SELECT id, display_name FROM users WHERE role = 'trainee'
           ORDER BY display_name COLLATE NOCASE, id LIMIT ? OFFSET ?`,
        )
        .all(REPORT_PAGE_SIZE, (current - 1) * REPORT_PAGE_SIZE);
      const rowsOf = ctx.db.prepare<[string, number], StepSummaryRow>(
        'SELECT step_id, percent, completed, seconds, score FROM programme_progress WHERE instance_id = ? AND user_id = ?',
      );
      const ids = new Set(steps.map((step) => step.id));
      return {
        page: current,
        pages,
        total,
        steps: steps.map((step, i) => ({
          stepId: step.id,
          title: step.title,
          version: step.catalog.version,
          scored: scored[i]!,
        })),
        rows: trainees.map((trainee) => {
          const byStep = new Map(
            rowsOf
              .all(programme.id, trainee.id)
              .filter((row) => ids.has(row.step_id))
              .map((row) => [row.step_id, row]),
          );
          const figures = steps.map((step): StepFigures => {
            const row = byStep.get(step.id);
            return {
              percent: row?.percent ?? 0,
              completed: row?.completed === 1,
              seconds: row?.seconds ?? 0,
              score: row?.score ?? null,
            };
          });
          return {
            userId: String(trainee.id),
            name: trainee.display_name,
            steps: Object.fromEntries(steps.map((step, i) => [step.id, figures[i]!])),
            programme: programmeFigures(figures),
          };
        }),
      };
    }),

    // ---- The player ----

    defineHandler(play, async ({ stepId }, ctx) => {
      const programme = requireProgramme(ctx);
      const step = findStep(ctx.db, programme, stepId);
      let loaded: LoadedPackage;
      try {
        loaded = await packageOf(ctx, step);
      } catch (error) {
        if (error instanceof CatalogError) return { ok: false as const, problem: problemOf(error) };
        throw error;
      }
      const preview = ctx.user.role !== 'trainee';
      const states = preview ? new Map<string, ItemState>() : itemStates(ctx.db, programme.id, step.id, ctx.user.id);
      const figures = stepFigures(itemsOf(loaded.pkg), recordsOf(states));
      const context = { packageUrl: loaded.packageUrl, librariesUrl: loaded.librariesUrl };
      const outline: Outline = {
        stepId: step.id,
        title: step.title,
        version: step.catalog.version,
        preview,
        reach: reachOf(step, clock(ctx)),
        items: loaded.pkg.items.map((item) => ({
          id: item.id,
          kind: item.kind,
          title: item.title,
          duration: item.duration,
          parts: splitParts(JSON.stringify(toPlayable(item, context)), PART_CHARS).length,
          state: states.get(item.id) ?? EMPTY_ITEM,
        })),
        progress: { percent: figures.percent, completed: figures.completed, seconds: figures.seconds },
        // Quiz and word-cloud items play here, relayed to the host's own quiz and word cloud (module.activity_call).
        activities: true,
        ...(loaded.pkg.items.some((item) => item.kind === 'h5p')
          ? { h5pPlayer: `${servicesOf(ctx).frameOrigin}${H5P_PLAYER_PATH}` }
          : {}),
      };
      return { ok: true as const, outline };
    }),

    defineHandler(itemRequest, async ({ stepId, itemId, part }, ctx) => {
      const { item, loaded } = await reachItem(ctx, stepId, itemId, false);
      const text = JSON.stringify(
        toPlayable(item, { packageUrl: loaded.packageUrl, librariesUrl: loaded.librariesUrl }),
      );
      const parts = splitParts(text, PART_CHARS);
      if (part >= parts.length) throw new HttpError(400, 'bad_request', `This item has ${parts.length} part(s).`);
      return { part, parts: parts.length, text: parts[part]! };
    }),

    defineHandler(progressRequest, async ({ stepId, itemId, seconds, completed }, ctx) => {
      if (ctx.user.role !== 'trainee') return PREVIEW;
      const { programme, item, loaded } = await reachItem(ctx, stepId, itemId, true);
      if (completed && item.kind !== 'page' && item.kind !== 'video') {
        throw new HttpError(
          400,
          'bad_request',
          `A ${item.kind} item is completed by its own activity, not by the player.`,
        );
      }
      return ctx.writer.run((tx) => {
        // Time spent cannot exceed the time since this item's last report (and a little slack): a client that
        // sends reports faster than time goes does not pile up hours.
        const last = tx.db
          .prepare<[string, string, number, string], number>(
            `SELECT updated_at FROM module_item_progress
             WHERE instance_id = ? AND step_id = ? AND user_id = ? AND item_id = ?`,
          )
          .pluck()
          .get(programme.id, stepId, ctx.user.id, itemId);
        const counted =
          last === undefined
            ? seconds
            : Math.min(seconds, Math.max(0, Math.floor((tx.now - last) / 1000)) + TIME_SLACK_S);
        tx.db
          .prepare<[string, string, number, string, number, number, number]>(
            `INSERT INTO module_item_progress (instance_id, step_id, user_id, item_id, completed, seconds, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (instance_id, step_id, user_id, item_id) DO UPDATE SET
               completed = MAX(completed, excluded.completed), seconds = seconds + excluded.seconds,
               updated_at = excluded.updated_at`,
          )
          .run(programme.id, stepId, ctx.user.id, itemId, completed ? 1 : 0, counted, tx.now);
        const figures = saveFigures(tx, programme.id, stepId, ctx.user.id, loaded.pkg);
        bumpReport(tx, ctx.instance.id);
        return written(itemStates(tx.db, programme.id, stepId, ctx.user.id), itemId, figures, true);
      });
    }),

    defineHandler(xapi, async ({ stepId, itemId, session, key, verb, root, result }, ctx) => {
      if (ctx.user.role !== 'trainee') return PREVIEW;
      const { programme, item, loaded } = await reachItem(ctx, stepId, itemId, true);
      if (item.kind !== 'h5p') {
        throw new HttpError(
          400,
          'bad_request',
          `Item ${itemId} is a ${item.kind}, not H5P content: no xAPI statement.`,
        );
      }
      return ctx.writer.run((tx) => {
        const statesNow = () => itemStates(tx.db, programme.id, stepId, ctx.user.id);
        const seen =
          tx.db
            .prepare<[string, number, string, number]>(
              'INSERT OR IGNORE INTO module_statement_keys (instance_id, user_id, key, created_at) VALUES (?, ?, ?, ?)',
            )
            .run(programme.id, ctx.user.id, key, tx.now).changes === 0;
        // A statement about a sub-content, or one already applied, changes nothing (as in Moodle).
        if (seen || !root) {
          const figures = stepFigures(itemsOf(loaded.pkg), recordsOf(statesNow()));
          return written(statesNow(), itemId, figures, false);
        }
        const latestRow = tx.db
          .prepare<[string, string, number, string], AttemptRow>(
            `SELECT id, item_id, attempt, session, verbs, raw_score, max_score, scaled, duration, completion, success
             FROM module_attempts WHERE instance_id = ? AND step_id = ? AND user_id = ? AND item_id = ?
             ORDER BY attempt DESC LIMIT 1`,
          )
          .get(programme.id, stepId, ctx.user.id, itemId);
        const change = applyStatement(latestRow ? toAttempt(latestRow) : null, verb, result, session);
        const a = change.attempt;
        const flag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);
        if (change.kind === 'insert') {
          tx.db
            .prepare(
              `INSERT INTO module_attempts (instance_id, step_id, user_id, item_id, attempt, session, verbs, raw_score,
                 max_score, scaled, duration, completion, success, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              programme.id,
              stepId,
              ctx.user.id,
              itemId,
              a.attempt,
              a.session,
              a.verbs.join(','),
              a.rawScore,
              a.maxScore,
              a.scaled,
              a.duration,
              flag(a.completion),
              flag(a.success),
              tx.now,
              tx.now,
            );
        } else {
          tx.db
            .prepare(
              `UPDATE module_attempts SET verbs = ?, raw_score = ?, max_score = ?, scaled = ?, duration = ?,
                 completion = ?, success = ?, updated_at = ? WHERE id = ?`,
            )
            .run(
              a.verbs.join(','),
              a.rawScore,
              a.maxScore,
              a.scaled,
              a.duration,
              flag(a.completion),
              flag(a.success),
              tx.now,
              latestRow!.id,
            );
        }
        if (completesItem(verb, result)) {
          tx.db
            .prepare(
              `INSERT INTO module_item_progress (instance_id, step_id, user_id, item_id, completed, seconds, updated_at)
               VALUES (?, ?, ?, ?, 1, 0, ?)
               ON CONFLICT (instance_id, step_id, user_id, item_id) DO UPDATE SET completed = 1,
                 updated_at = excluded.updated_at`,
            )
            .run(programme.id, stepId, ctx.user.id, itemId, tx.now);
        }
        const figures = saveFigures(tx, programme.id, stepId, ctx.user.id, loaded.pkg);
        bumpReport(tx, ctx.instance.id);
        return written(statesNow(), itemId, figures, true);
      });
    }),

    defineHandler(saveH5PState, async ({ stepId, itemId, state }, ctx) => {
      if (ctx.user.role !== 'trainee') return { saved: false };
      const { programme, item } = await reachItem(ctx, stepId, itemId, true);
      if (item.kind !== 'h5p') throw new HttpError(400, 'bad_request', `Item ${itemId} is not H5P content.`);
      if (state !== null && state.length > MAX_H5P_STATE_CHARS) {
        throw new HttpError(413, 'too_large', `An H5P state may hold ${MAX_H5P_STATE_CHARS} characters.`);
      }
      await ctx.writer.run((tx) => {
        if (state === null) {
          tx.db
            .prepare(
              'DELETE FROM module_h5p_states WHERE instance_id = ? AND step_id = ? AND user_id = ? AND item_id = ?',
            )
            .run(programme.id, stepId, ctx.user.id, itemId);
          return;
        }
        tx.db
          .prepare(
            `INSERT INTO module_h5p_states (instance_id, step_id, user_id, item_id, state, updated_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (instance_id, step_id, user_id, item_id) DO UPDATE SET state = excluded.state,
               updated_at = excluded.updated_at`,
          )
          .run(programme.id, stepId, ctx.user.id, itemId, state, tx.now);
      });
      return { saved: true };
    }),

    defineHandler(loadH5PState, async ({ stepId, itemId }, ctx) => {
      if (ctx.user.role !== 'trainee') return { state: null };
      const { programme } = await reachItem(ctx, stepId, itemId, false);
      const state = ctx.db
        .prepare<[string, string, number, string], string>(
          'SELECT state FROM module_h5p_states WHERE instance_id = ? AND step_id = ? AND user_id = ? AND item_id = ?',
        )
        .pluck()
        .get(programme.id, stepId, ctx.user.id, itemId);
      return { state: state ?? null };
    }),

    // ---- Our own activities (quiz and word-cloud items) ----

    defineHandler(activityCall, async ({ stepId, itemId, subject, payload }, ctx) => {
      const reads = READ_SUBJECTS.has(subject);
      const { programme, step, item } = await reachItem(ctx, stepId, itemId, !reads);
      if (item.kind !== 'quiz' && item.kind !== 'wordcloud') {
        throw new HttpError(400, 'bad_request', `Item ${itemId} is a ${item.kind}: it has no activity of its own.`);
      }
      const handler = ITEM_SERVICES[item.kind].get(subject);
      if (!handler) throw new HttpError(404, 'unsupported_subject', `A ${item.kind} item does not answer ${subject}.`);
      if (handler.def.roles && !handler.def.roles.includes(ctx.user.role)) {
        throw new HttpError(403, 'unauthorized', `Your role may not call ${subject}.`);
      }
      const checked = parseOrThrow(handler.def.payload, payload ?? {}, 'payload');
      const instance = await itemInstance(ctx, programme, step, item);
      const moduleIds = moduleInstancesOf(ctx.db, programme);
      const result = await handler.handle(checked, {
        ...ctx,
        instance,
        writer: relayingWriter(ctx.writer, instance.id, programme.id, moduleIds),
      });
      const answer = v.safeParse(handler.def.result, result);
      if (!answer.success) throw new HttpError(500, 'internal', 'The host produced an invalid result.');
      const written = reads ? undefined : await recount(ctx, programme, step, instance.id, itemId);
      return { result: answer.output, ...(written ? { written } : {}) };
    }),
  ],
};

// ---- Quiz and word-cloud items ----

/** Subjects that only read: a trainee may call them in a closed step (as they may review its other items). */
const READ_SUBJECTS = new Set(['quiz.state', 'wordcloud.state']);

const servicesByKind = (activity: ActivityType) =>
  new Map<string, RequestHandler>(activity.requests.map((handler) => [handler.def.subject, handler]));
const ITEM_SERVICES: Record<ActivityKind, Map<string, RequestHandler>> = {
  quiz: servicesByKind(quizActivity),
  wordcloud: servicesByKind(wordcloudActivity),
};

/** The id of an item's instance: one per (programme, step, item), the same across versions. */
export function itemInstanceId(programmeId: string, stepId: string, itemId: string): string {
  const digest = createHash('sha256').update(`${programmeId}\u0000${stepId}\u0000${itemId}`).digest('hex');
  return `mi-${digest.slice(0, 24)}`;
}

/** An item's activity settings, from the catalog item of the version in use. */
function itemSettings(item: Extract<Item, { kind: ActivityKind }>): Record<string, unknown> {
  if (item.kind === 'wordcloud') return { ...item.settings, question: item.question };
  const maxGrade = 10;
  const quiz: Quiz = {
    // Deferred feedback: nothing of the key before the attempt is finished.
    settings: {
      behaviour: 'deferred',
      maxGrade,
      ...(item.passPercent !== undefined ? { passGrade: (maxGrade * item.passPercent) / 100 } : {}),
      ...(item.shuffleAnswers !== undefined ? { shuffleAnswers: item.shuffleAnswers } : {}),
    },
    slots: item.questions.map((question) => ({ question })),
  };
  return { quiz };
}

/**
 * Instances as the services see them, one object per app, instance and version (the quiz caches its definition by
 * the object).
 */
const itemInstances = new WeakMap<Db, Map<string, ActivityInstance>>();

/**
 * The instance of a quiz or word-cloud item, created on first use and its settings brought to the version in use: a
 * catalog update that keeps the item keeps the instance and its records.
 */
async function itemInstance(
  ctx: HandlerContext,
  programme: ActivityInstance,
  step: ModuleStep,
  item: Extract<Item, { kind: ActivityKind }>,
): Promise<ActivityInstance> {
  const id = itemInstanceId(programme.id, step.id, item.id);
  const version = step.catalog.version;
  const settings = itemSettings(item);
  const known = () =>
    ctx.db
      .prepare<[string], { kind: string; version: string }>(
        'SELECT kind, version FROM module_item_instances WHERE instance_id = ?',
      )
      .get(id);
  let row = known();
  if (row?.version !== version) {
    // New settings bump the instance's version: what the services keep per version (the cloud's snapshot) is redone.
    await ctx.writer.run((tx) => {
      const title = cut(item.title, 300);
      tx.db
        .prepare<[string, string, string, string, string]>(
          `INSERT INTO activity_instances (id, course_id, type, title, position, settings) VALUES (?, ?, ?, ?, 0, ?)
           ON CONFLICT (id) DO UPDATE SET title = excluded.title, settings = excluded.settings,
             version = version + 1`,
        )
        .run(id, programme.courseId, `module-${item.kind}`, title, JSON.stringify(settings));
      tx.db
        .prepare<[string, string, string, string, string, string]>(
          `INSERT INTO module_item_instances (instance_id, programme_id, step_id, item_id, kind, version)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (instance_id) DO UPDATE SET version = excluded.version`,
        )
        .run(id, programme.id, step.id, item.id, item.kind, version);
    });
    row = known();
  }
  if (row?.kind !== item.kind) {
    throw new HttpError(
      409,
      'bad_request',
      `Item ${item.id} was a ${row?.kind ?? '?'}: it cannot become a ${item.kind}.`,
    );
  }
  const key = `${id}\u0000${version}`;
  let cache = itemInstances.get(ctx.db);
  if (!cache) itemInstances.set(ctx.db, (cache = new Map()));
  let instance = cache.get(key);
  if (!instance) {
    instance = { id, courseId: programme.courseId, type: item.kind, title: item.title, position: 0, settings };
    if (cache.size > 1_000) cache.clear();
    cache.set(key, instance);
  }
  return instance;
}

/** The course's module instances that show this programme's steps: where an item's events go, what plays them. */
export function moduleInstancesOf(db: Db, programme: ActivityInstance): string[] {
  return db
    .prepare<[string], InstanceRow>(
      "SELECT id, course_id, type, title, position, settings FROM activity_instances WHERE course_id = ? AND type = 'module'",
    )
    .all(programme.courseId)
    .map(toInstance)
    .filter((instance) => linkedProgramme(db, instance)?.id === programme.id)
    .map((instance) => instance.id);
}

/**
 * The writer an item's service uses: the same units, whose events about the item's instance also reach the players
 * of the step, through the module instances (the page listens to those, not to the item's instance).
 */
function relayingWriter(writer: Writer, instanceId: string, programmeId: string, moduleIds: readonly string[]): Writer {
  const relay = (tx: Tx): Tx => ({
    db: tx.db,
    now: tx.now,
    beforeCommit: (key, fn) => tx.beforeCommit(key, fn),
    onRollback: (fn) => tx.onRollback(fn),
    emit<D>(def: EventDef<D>, target: string, data: D) {
      tx.emit(def, target, data);
      if (target !== instanceId || moduleIds.length === 0) return;
      // Every item's version, not only this one's: the writer keeps the newest event per instance and subject in a
      // batch, so the last one of the batch must say everything (see activityEvent).
      const items = tx.db
        .prepare<[string], { stepId: string; itemId: string; kind: ActivityKind; version: number }>(
          `SELECT m.step_id AS stepId, m.item_id AS itemId, m.kind, a.version FROM module_item_instances m
           JOIN activity_instances a ON a.id = m.instance_id WHERE m.programme_id = ? ORDER BY m.step_id, m.item_id
           LIMIT 1000`,
        )
        .all(programmeId)
        .map(({ stepId, itemId, kind, version }) => ({ stepId, itemId, subject: `${kind}.updated`, version }));
      for (const moduleId of moduleIds) tx.emit(activityEvent, moduleId, { items });
    },
  });
  // The services only call `run` (checked by the types of what is used here).
  const relaying: Pick<Writer, 'run'> = { run: (unit) => writer.run((tx) => unit(relay(tx))) };
  return relaying as Writer;
}

/**
 * Counts again, from the records, the figures of those an item's change may concern: the trainee who called, or
 * (a trainer grading an essay, moderating the cloud) every trainee with records in the item.
 */
async function recount(
  ctx: HandlerContext,
  programme: ActivityInstance,
  step: ModuleStep,
  instanceId: string,
  itemId: string,
): Promise<Written | undefined> {
  let pkg: ModulePackage;
  try {
    pkg = (await packageOf(ctx, step)).pkg;
  } catch {
    return undefined; // read a moment ago; if the catalog fails now, the next write counts again
  }
  return ctx.writer.run((tx) => {
    const users =
      ctx.user.role === 'trainee'
        ? [ctx.user.id]
        : tx.db
            .prepare<[string, string], number>(
              `SELECT user_id FROM quiz_grades WHERE instance_id = ?
               UNION SELECT user_id FROM wordcloud_entries WHERE instance_id = ?`,
            )
            .pluck()
            .all(instanceId, instanceId)
            .filter((userId) => isTrainee(tx.db, userId));
    let mine: StepFigures | undefined;
    for (const userId of users) {
      const figures = saveFigures(tx, programme.id, step.id, userId, pkg);
      if (userId === ctx.user.id) mine = figures;
    }
    if (users.length > 0) bumpReport(tx, ctx.instance.id);
    return mine && written(itemStates(tx.db, programme.id, step.id, ctx.user.id), itemId, mine, true);
  });
}

function isTrainee(db: Db, userId: number): boolean {
  return db.prepare<[number], string>('SELECT role FROM users WHERE id = ?').pluck().get(userId) === 'trainee';
}

/** What `<mag-programme>`'s "add a module" lists: every module of the allowed catalogs, in its newest version. */
export async function catalogChoices(catalogs: Catalogs): Promise<CatalogChoice[]> {
  const views = await catalogs.all();
  const choices: CatalogChoice[] = [];
  for (const view of views) {
    for (const entry of view.index?.modules ?? []) {
      if (choices.length >= 5_000) return choices;
      choices.push({
        catalog: { base: view.base, entryId: entry.id, version: entry.latest },
        title: cut(entry.title, 300),
        summary: entry.summary,
        durationMinutes: entry.durations.distance + entry.durations.inPerson,
      });
    }
  }
  return choices;
}
