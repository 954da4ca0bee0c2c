/**
 * Bridge subjects of `<mag-programme>`, the hybrid programme. Checked by the element, the host SDK and the host's
 * server (see docs/bridge.md).
 *
 * As for the word cloud, the only event, `programme.updated`, carries `{ version }`: each client then asks for its
 * own state (a trainee's progress is theirs alone).
 */
import * as v from 'valibot';
import { defineEvent, defineRequest } from '../../../activities/src/bridge/protocol.js';
import { CatalogRef, Steps } from './model.js';

export const ACTIVITY_TYPE = 'programme';

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Percent = v.pipe(v.number(), v.minValue(0), v.maxValue(100));

/** A trainee's progress in one module step (from the module player, through the host). */
export const StepProgress = v.object({
  percent: Percent,
  completed: v.boolean(),
});
export type StepProgress = v.InferOutput<typeof StepProgress>;

export const ProgrammeState = v.object({
  /** Bumped on every change; a client ignores states older than the one it has. */
  version: Count,
  /** The training's name (the calendar's name in exports). */
  title: v.pipe(v.string(), v.maxLength(300)),
  steps: Steps,
  /** The caller's own progress, by step id (module steps). */
  progress: v.optional(v.record(v.string(), StepProgress)),
  /**
   * Where the host plays this programme's module steps (the course page with its `<mag-module>`): an http(s) address
   * or a path of the host's site. The timeline links each module step there with `step=<id>` added.
   */
  player: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(2_000),
      v.check((text) => /^(https?:\/\/|\/(?![/\\]))[^\s]*$/.test(text), 'an http(s) address or a path of the site'),
    ),
  ),
});
export type ProgrammeState = v.InferOutput<typeof ProgrammeState>;

/** A module the trainer may add: an entry of an allowed catalog, in its newest version. */
export const CatalogChoice = v.object({
  catalog: CatalogRef,
  title: v.pipe(v.string(), v.maxLength(300)),
  summary: v.optional(v.pipe(v.string(), v.maxLength(2_000))),
  durationMinutes: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type CatalogChoice = v.InferOutput<typeof CatalogChoice>;

export const getState = defineRequest('programme.state', v.object({}), ProgrammeState);

/**
 * Replaces the steps, if nobody changed them since `baseVersion` (the trainer's view): `saved: false` otherwise,
 * with the current state, so that two trainers editing at once never overwrite each other silently.
 */
export const save = defineRequest(
  'programme.save',
  v.object({ baseVersion: Count, steps: Steps }),
  v.object({ saved: v.boolean(), state: ProgrammeState }),
  ['trainer'],
);

/** Modules the trainer may add (newest versions of the allowed catalogs). */
export const catalogChoices = defineRequest(
  'programme.catalog',
  v.object({}),
  v.object({ modules: v.pipe(v.array(CatalogChoice), v.maxLength(5_000)) }),
  ['trainer'],
);

export const updated = defineEvent('programme.updated', v.strictObject({ version: Count }));
