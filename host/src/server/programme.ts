/**
 * Server side of the "programme" activity: the steps of a hybrid training, which trainers edit and everybody reads,
 * and each trainee's own progress in its module steps.
 *
 * Storage (migration 3): `programme_instances` holds the steps once a trainer saved them (before that, the
 * instance's `settings.steps`); `programme_progress` one row per trainee and module step; the version is
 * `activity_instances.version`. A save names the version it was made from and is refused when another save came
 * first: two trainers never overwrite each other without knowing.
 */
import * as v from 'valibot';
import { Steps, type Step } from '../../../module-activity/src/programme/model.js';
import {
  ACTIVITY_TYPE,
  catalogChoices,
  getState,
  save,
  updated,
  type CatalogChoice,
  type ProgrammeState,
  type StepProgress,
} from '../../../module-activity/src/programme/protocol.js';
import { updated as moduleUpdated } from '../../../module-activity/src/module/protocol.js';
import type { ActivityInstance, ActivityType } from './activities.js';
import { defineHandler } from './activities.js';
import type { Db } from './db.js';

function parseSteps(text: string | undefined): Step[] {
  if (text === undefined) return [];
  try {
    const parsed = v.safeParse(Steps, JSON.parse(text));
    return parsed.success ? parsed.output : [];
  } catch {
    return [];
  }
}

/** Steps of an instance: saved ones, else those it was created with. */
export function stepsOf(db: Db, instance: ActivityInstance): Step[] {
  const saved = db
    .prepare<[string], string>('SELECT steps FROM programme_instances WHERE instance_id = ?')
    .pluck()
    .get(instance.id);
  if (saved !== undefined) return parseSteps(saved);
  const initial = (instance.settings as { steps?: unknown } | null)?.steps;
  const parsed = v.safeParse(Steps, initial ?? []);
  return parsed.success ? parsed.output : [];
}

export function versionOf(db: Db, instanceId: string): number {
  return (
    db.prepare<[string], number>('SELECT version FROM activity_instances WHERE id = ?').pluck().get(instanceId) ?? 0
  );
}

function progressOf(db: Db, instanceId: string, userId: number): Record<string, StepProgress> {
  const rows = db
    .prepare<[string, number], { step_id: string; percent: number; completed: number }>(
      'SELECT step_id, percent, completed FROM programme_progress WHERE instance_id = ? AND user_id = ?',
    )
    .all(instanceId, userId);
  return Object.fromEntries(rows.map((row) => [row.step_id, { percent: row.percent, completed: row.completed === 1 }]));
}

/** Where the host plays a programme's module steps (a page of its site), set by the app for its database. */
type PlayerPage = (programme: ActivityInstance) => string | undefined;
const playerPages = new WeakMap<Db, PlayerPage>();
export function setModulePlayerPage(page: PlayerPage, db: Db): void {
  playerPages.set(db, page);
}

export function programmeState(db: Db, instance: ActivityInstance, userId: number): ProgrammeState {
  // The version first: a change landing in between makes the steps newer than the version, never older.
  const version = versionOf(db, instance.id);
  const player = playerPages.get(db)?.(instance);
  return {
    version,
    title: instance.title,
    steps: stepsOf(db, instance),
    progress: progressOf(db, instance.id, userId),
    ...(player ? { player } : {}),
  };
}

/**
 * The modules a trainer may add. The reference host offers those of its catalog provider (set by the app, for its
 * database; without `db`, for every app that set none); none until one is set.
 */
type CatalogProvider = () => CatalogChoice[] | Promise<CatalogChoice[]>;
let catalogProvider: CatalogProvider = () => [];
const catalogProviders = new WeakMap<Db, CatalogProvider>();
export function setProgrammeCatalog(provider: CatalogProvider, db?: Db): void {
  if (db) catalogProviders.set(db, provider);
  else catalogProvider = provider;
}

export const programmeActivity: ActivityType = {
  type: ACTIVITY_TYPE,
  requests: [
    defineHandler(getState, (_payload, ctx) => programmeState(ctx.db, ctx.instance, ctx.user.id)),

    defineHandler(save, async ({ baseVersion, steps }, ctx) => {
      const saved = await ctx.writer.run((tx) => {
        if (versionOf(tx.db, ctx.instance.id) !== baseVersion) return false;
        tx.db
          .prepare<[string, string]>(
            `INSERT INTO programme_instances (instance_id, steps) VALUES (?, ?)
             ON CONFLICT (instance_id) DO UPDATE SET steps = excluded.steps`,
          )
          .run(ctx.instance.id, JSON.stringify(steps));
        const version = tx.db
          .prepare<[string], number>(
            'UPDATE activity_instances SET version = version + 1 WHERE id = ? RETURNING version',
          )
          .pluck()
          .get(ctx.instance.id)!;
        tx.emit(updated, ctx.instance.id, { version });
        // The course's module players list the programme's module steps: they ask for their state again.
        for (const moduleId of tx.db
          .prepare<[string], string>("SELECT id FROM activity_instances WHERE course_id = ? AND type = 'module'")
          .pluck()
          .all(ctx.instance.courseId)) {
          tx.emit(moduleUpdated, moduleId, { version });
        }
        return true;
      });
      return { saved, state: programmeState(ctx.db, ctx.instance, ctx.user.id) };
    }),

    defineHandler(catalogChoices, async (_payload, ctx) => ({
      modules: await (catalogProviders.get(ctx.db) ?? catalogProvider)(),
    })),
  ],
};
