/** The programme service against the real app: HTTP, sessions, group commit and SQLite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../../module-activity/src/programme/model.js';
import type { ProgrammeState } from '../../module-activity/src/programme/protocol.js';
import { bridge, login, openEvents, startApp, withDb } from './helpers.js';
import type { TestApp } from './helpers.js';

let app: TestApp;
let lucas: string;
let emma: string;
let trainer: string;

beforeAll(async () => {
  app = await startApp();
  [lucas, emma, trainer] = await Promise.all([
    login(app, 'lucas.bernard'),
    login(app, 'emma.petit'),
    login(app, 'claire.martin'),
  ]);
});
afterAll(() => app.close());

const ID = 'programme-1';
const state = async (cookie: string) =>
  (await bridge(app, cookie, ID, 'programme.state', {})).body.result as ProgrammeState;

const session: Step = {
  kind: 'inperson',
  id: 'nouvelle-seance',
  title: 'Séance de bilan',
  date: '2027-03-02',
  start: '14:00',
  durationMinutes: 120,
  place: 'Collège Jean-Moulin',
};

describe('programme', () => {
  it('gives everybody the seeded steps: sessions and two catalog modules', async () => {
    const seen = await state(lucas);
    expect(seen.steps.map((step) => step.kind)).toEqual(['inperson', 'module', 'synchronous', 'module', 'inperson']);
    expect(seen.title).toBe('Programme de la formation');
    expect(await state(trainer)).toMatchObject({ steps: seen.steps, version: seen.version });
  });

  it('saves a trainer’s steps from the version they saw, and refuses a stale save', async () => {
    const before = await state(trainer);
    const events = openEvents(app, lucas, ID);
    await events.opened;
    const saved = await bridge(app, trainer, ID, 'programme.save', {
      baseVersion: before.version,
      steps: [...before.steps, session],
    });
    expect(saved.status).toBe(200);
    const answer = saved.body.result as { saved: boolean; state: ProgrammeState };
    expect(answer.saved).toBe(true);
    expect(answer.state.version).toBe(before.version + 1);
    expect(answer.state.steps.at(-1)).toEqual(session);
    // Only the version travels: each client then asks for what it may see.
    await events.waitFor((stream) => stream.events.some((event) => event.subject === 'programme.updated'));
    expect(events.events.find((event) => event.subject === 'programme.updated')!.data).toEqual({
      version: before.version + 1,
    });
    events.close();

    // A second trainer's window still shows the old version: its save is refused, nothing is lost.
    const stale = await bridge(app, trainer, ID, 'programme.save', { baseVersion: before.version, steps: [] });
    expect((stale.body.result as { saved: boolean }).saved).toBe(false);
    expect((await state(lucas)).steps).toHaveLength(before.steps.length + 1);
  });

  it('refuses saves to trainees, and malformed or hostile steps to anyone', async () => {
    const current = await state(trainer);
    const refused = await bridge(app, emma, ID, 'programme.save', { baseVersion: current.version, steps: [] });
    expect(refused.status).toBe(403);
    for (const steps of [
      [{ ...session, date: '2027-02-30' }],
      [{ ...session, kind: 'synchronous', link: 'javascript:alert(1)' }],
      [session, session],
      [{ ...session, title: 'x'.repeat(10_000) }],
    ]) {
      const response = await bridge(app, trainer, ID, 'programme.save', { baseVersion: current.version, steps });
      expect(response.status).toBe(400);
      expect(response.body.error?.code).toBe('bad_request');
    }
    expect((await state(trainer)).version).toBe(current.version);
  });

  it('gives each trainee their own progress only', async () => {
    withDb(app.dataDir, (db) =>
      db
        .prepare(
          `INSERT INTO programme_progress (instance_id, user_id, step_id, percent, completed, updated_at)
           SELECT ?, id, 'module-1', 50, 0, 0 FROM users WHERE username = 'lucas.bernard'`,
        )
        .run(ID),
    );
    expect((await state(lucas)).progress).toEqual({ 'module-1': { percent: 50, completed: false } });
    expect((await state(emma)).progress).toEqual({});
  });

  it('keeps the steps across a restart', async () => {
    const before = await state(trainer);
    await app.close();
    app = await startApp({}, app.dataDir);
    trainer = await login(app, 'claire.martin');
    expect((await state(trainer)).steps).toEqual(before.steps);
  });
});
