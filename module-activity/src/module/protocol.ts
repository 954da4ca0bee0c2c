/**
 * Bridge subjects of `<mag-module>` that every user needs: the module steps of the course's programme, with the
 * caller's own progress (trainees) or the updates their catalog offers (trainers). Checked by the element, the host
 * SDK and the host's server (see docs/bridge.md). The player's subjects are in player-protocol.ts, the trainers'
 * tools (catalog browser, updates, report) in trainer-protocol.ts: each loads with the code that uses it.
 *
 * The element never fetches a catalog: the host reads its allowed catalogs through the catalog client and answers
 * with what the element shows. As for the programme, the events carry `{ version }` only.
 */
import * as v from 'valibot';
import { defineEvent, defineRequest } from '../../../activities/src/bridge/protocol.js';
import { CatalogRef } from '../programme/model.js';

export const ACTIVITY_TYPE = 'module';

export const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
export const Percent = v.pipe(v.number(), v.minValue(0), v.maxValue(100));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const DateText = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));

/** Why a catalog could not be read (the codes of the catalog client, `unknown` for anything else). */
export const CatalogProblem = v.object({
  code: v.picklist([
    'bad_url',
    'not_allowed',
    'network',
    'http',
    'too_large',
    'invalid_json',
    'invalid',
    'unsupported_format',
    'unknown_module',
    'unknown_version',
    'mismatch',
    'unknown',
  ]),
  url: v.optional(Text(2_000)),
});
export type CatalogProblem = v.InferOutput<typeof CatalogProblem>;

/** A newer version of a step's module, for trainers: the newest, and the notes of every version since the one in use. */
export const UpdateOffer = v.object({
  version: Text(64),
  /** Newest first, at most 3, each note cut at 1,500 characters. */
  notes: v.pipe(v.array(v.object({ version: Text(64), date: DateText, releaseNotes: Text(1_500) })), v.maxLength(3)),
  /** Versions in between whose notes were left out. */
  more: Count,
  /** A new major version: items may have been removed, and progress on them lost. */
  major: v.boolean(),
});
export type UpdateOffer = v.InferOutput<typeof UpdateOffer>;

export const StepView = v.object({
  stepId: Text(64),
  title: Text(300),
  catalog: CatalogRef,
  opens: v.optional(DateText),
  closes: v.optional(DateText),
  durationMinutes: Count,
  /** `open`: trainees may play it now; `upcoming`: not yet; `closed`: over (read only). */
  reach: v.picklist(['open', 'upcoming', 'closed']),
  /** The caller's own progress (trainees). */
  progress: v.optional(v.object({ percent: Percent, completed: v.boolean(), seconds: Count })),
  /** For trainers, when the catalog has a newer version. */
  update: v.optional(UpdateOffer),
  /** The step's catalog could not be read. */
  problem: v.optional(CatalogProblem),
});
export type StepView = v.InferOutput<typeof StepView>;

export const ModuleState = v.object({
  /** Bumped when the programme's module steps change; a client ignores states older than the one it has. */
  version: Count,
  /** The programme the steps belong to (null: the course has none). */
  programme: v.nullable(v.object({ id: Text(100), title: Text(300) })),
  steps: v.pipe(v.array(StepView), v.maxLength(100)),
});
export type ModuleState = v.InferOutput<typeof ModuleState>;

export const getState = defineRequest('module.state', v.object({}), ModuleState);

/** The programme's module steps changed (added, updated): every client asks for its state again. */
export const updated = defineEvent('module.updated', v.strictObject({ version: Count }));

/** A trainee's progress changed: trainers' reports fetch again (trainees ignore it). */
export const reported = defineEvent('module.reported', v.strictObject({ version: Count }));
