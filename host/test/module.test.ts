/**
 * The module service against the real app: the sample catalog served on the frame origin, the catalog browser,
 * "add to my training", version updates, the player's progress, xAPI attempts and H5P states, what trainees may not
 * do, the report, and a catalog that serves garbage.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { PlayableItem } from '../../module-activity/src/module/player-items.js';
import type { Outline, Written } from '../../module-activity/src/module/player-protocol.js';
import type { ModuleState } from '../../module-activity/src/module/protocol.js';
import type { Preview, Report, SearchResult } from '../../module-activity/src/module/trainer-protocol.js';
import type { Step } from '../../module-activity/src/programme/model.js';
import type { ProgrammeState } from '../../module-activity/src/programme/protocol.js';
import { bridge, key, login, openEvents, rawGet, startApp, withDb } from './helpers.js';
import type { TestApp } from './helpers.js';

let app: TestApp;
let lucas: string;
let emma: string;
let trainer: string;

const MODULES = 'modules-1';
const PROGRAMME = 'programme-1';

beforeAll(async () => {
  app = await startApp();
  [lucas, emma, trainer] = await Promise.all([
    login(app, 'lucas.bernard'),
    login(app, 'emma.petit'),
    login(app, 'claire.martin'),
  ]);
});
afterAll(() => app.close());

const frameHost = () => new URL(app.frameUrl).host;
const publicHost = () => new URL(app.url).host;
const frameGet = (path: string) => rawGet(`${app.url}${path}`, { host: frameHost() });

async function ok<T>(cookie: string, subject: string, payload: unknown, instance = MODULES): Promise<T> {
  const response = await bridge(app, cookie, instance, subject, payload);
  if (response.status !== 200) throw new Error(`${subject}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.result as T;
}

const state = (cookie: string) => ok<ModuleState>(cookie, 'module.state', {});
const session = () => `s-${crypto.randomUUID()}`;

async function itemOf(cookie: string, stepId: string, itemId: string): Promise<PlayableItem> {
  let text = '';
  let parts = 1;
  for (let part = 0; part < parts; part++) {
    const answer = await ok<{ parts: number; text: string }>(cookie, 'module.item', { stepId, itemId, part });
    parts = answer.parts;
    text += answer.text;
  }
  return v.parse(PlayableItem, JSON.parse(text));
}

describe('the sample catalog and the H5P player, on the frame origin only', () => {
  it('serves the built sample with the right types, caching and CORS, and nothing on the public origin', async () => {
    const index = await frameGet('/catalog/sample/index.json');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/^application\/json/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['access-control-allow-origin']).toBe('*');
    expect((JSON.parse(index.body) as { modules: unknown[] }).modules).toHaveLength(6);

    const base = '/catalog/sample/modules/climat-scolaire-phare/1.0.0';
    const captions = await frameGet(`${base}/media/phare-reperes.fr.vtt`);
    expect(captions.headers['content-type']).toMatch(/^text\/vtt/);
    expect(captions.headers['cache-control']).toContain('immutable');
    expect((await frameGet(`${base}/media/phare-reperes.webm`)).headers['content-type']).toBe('video/webm');
    const svg = await frameGet(`${base}/thumbnail.svg`);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['content-security-policy']).toContain('sandbox');
    const library = await frameGet('/catalog/sample/h5p-libraries/H5P.MagChoice-1.0/magchoice.js');
    expect(library.headers['content-type']).toMatch(/^(text|application)\/javascript/);

    expect((await rawGet(`${app.url}/catalog/sample/index.json`, { host: publicHost() })).status).toBe(404);
    expect((await frameGet('/catalog/sample/../../package.json')).status).toBe(404);
    expect((await frameGet('/catalog/sample/modules/nothing.json')).status).toBe(404);
  });

  it('serves the sandboxed player page, embeddable only by the course pages, and h5p-standalone', async () => {
    const page = await frameGet('/h5p/player');
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`frame-ancestors ${app.publicOrigin}`);
    expect(csp).toContain(`script-src ${app.frameUrl}`);
    expect(csp).not.toContain('unsafe-eval');
    expect(page.body).toContain(`<meta name="mag-h5p-parent-origins" content="${app.publicOrigin}" />`);
    expect(page.body).toContain('/assets/mag-h5p-frame.js');
    const player = await frameGet('/h5p/standalone/main.bundle.js');
    expect(player.status).toBe(200);
    expect(player.headers['access-control-allow-origin']).toBe('*');
    expect((await rawGet(`${app.url}/h5p/player`, { host: publicHost() })).status).toBe(404);
  });

  it('lets the module page load frames, images and videos of the frame origin, and nothing else does', async () => {
    const page = await fetch(`${app.url}/course/activity/${MODULES}`, { headers: { cookie: trainer } });
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain(`frame-src ${app.frameUrl}`);
    expect(csp).toContain(`media-src https: ${app.frameUrl}`);
    expect(await page.text()).toContain(`<mag-module instance="${MODULES}"`);
    const other = await fetch(`${app.url}/course/activity/quiz-1`, { headers: { cookie: trainer } });
    expect(other.headers.get('content-security-policy')).toContain("frame-src 'none'");
  });
});

describe('module steps, the catalog browser and "add to my training"', () => {
  it('shows trainees the programme’s module steps with their reach and own progress', async () => {
    const seen = await state(lucas);
    expect(seen.programme).toEqual({ id: PROGRAMME, title: 'Programme de la formation' });
    expect(seen.steps.map((step) => [step.stepId, step.reach, step.catalog.version])).toEqual([
      ['module-1', 'open', '1.0.0'],
      ['module-2', 'upcoming', '1.0.0'],
    ]);
    expect(seen.steps[0]!.progress).toEqual({ percent: 0, completed: false, seconds: 0 });
    expect(seen.steps[0]!.update).toBeUndefined();
  });

  it('offers trainers a newer version with its release notes', async () => {
    const seen = await state(trainer);
    const offer = seen.steps.find((step) => step.stepId === 'module-1')!.update!;
    expect(offer).toMatchObject({ version: '1.1.0', more: 0, major: false });
    expect(offer.notes[0]!.releaseNotes).toContain('plan de travail');
    expect(seen.steps.find((step) => step.stepId === 'module-2')!.update).toBeUndefined();
    expect(seen.steps[0]!.progress).toBeUndefined();
  });

  it('searches the catalog without accents, with facet counts, and refuses trainees', async () => {
    const found = await ok<SearchResult>(trainer, 'module.catalog_search', { text: 'ecole inclusive' });
    expect(found.hits.map((hit) => hit.id)).toEqual(['ecole-inclusive']);
    expect(found.hits[0]!.thumbnail).toBe(`${app.frameUrl}/catalog/sample/modules/ecole-inclusive/1.0.0/vignette.svg`);
    expect(found.catalogs).toEqual([{ base: `${app.frameUrl}/catalog/sample/`, title: expect.any(String) }]);

    const all = await ok<SearchResult>(trainer, 'module.catalog_search', {});
    expect(all.total).toBe(6);
    expect(
      all.hits
        .filter((hit) => hit.inProgramme)
        .map((hit) => hit.id)
        .sort(),
    ).toEqual(['differencier-numerique', 'emi-verifier-information']);
    const primary = all.facets.public!.find((facet) => facet.value === 'primary')!.count;
    const filtered = await ok<SearchResult>(trainer, 'module.catalog_search', { filters: { public: ['primary'] } });
    expect(filtered.total).toBe(primary);
    expect(filtered.total).toBeLessThan(6);

    const refused = await bridge(app, lucas, MODULES, 'module.catalog_search', {});
    expect(refused.status).toBe(403);
  });

  it('previews a module: objectives, items and versions', async () => {
    const base = `${app.frameUrl}/catalog/sample/`;
    const answer = await ok<{ ok: true; preview: Preview }>(trainer, 'module.catalog_preview', {
      base,
      entryId: 'differencier-numerique',
    });
    expect(answer.preview.items.map((item) => item.kind)).toEqual(['page', 'page', 'page', 'h5p', 'quiz', 'wordcloud']);
    expect(answer.preview.versions.map((version) => version.version)).toEqual(['1.1.0', '1.0.0']);
    const unknown = await ok<{ ok: false; problem: { code: string } }>(trainer, 'module.catalog_preview', {
      base,
      entryId: 'nothing-here',
    });
    expect(unknown).toEqual({ ok: false, problem: { code: 'unknown_module' } });
  });

  it('adds a module in one click to the programme that <mag-programme> reads, and tells both elements', async () => {
    const base = `${app.frameUrl}/catalog/sample/`;
    const before = await ok<ProgrammeState>(trainer, 'programme.state', {}, PROGRAMME);
    const programmeEvents = openEvents(app, lucas, PROGRAMME);
    const moduleEvents = openEvents(app, lucas, MODULES);
    await Promise.all([programmeEvents.opened, moduleEvents.opened]);
    const answer = await ok<{ ok: true; stepId: string; state: ModuleState }>(trainer, 'module.add', {
      base,
      entryId: 'ecole-inclusive',
      version: '1.0.0',
    });
    expect(answer.state.steps.at(-1)).toMatchObject({
      stepId: answer.stepId,
      title: expect.stringMatching(/^École inclusive\s:\sadapter sans stigmatiser$/u),
      catalog: { base, entryId: 'ecole-inclusive', version: '1.0.0' },
      reach: 'open',
    });
    const after = await ok<ProgrammeState>(lucas, 'programme.state', {}, PROGRAMME);
    expect(after.version).toBe(before.version + 1);
    expect(after.steps.at(-1)).toMatchObject({ kind: 'module', id: answer.stepId, durationMinutes: 45 });
    await programmeEvents.waitFor((stream) => stream.events.some((event) => event.subject === 'programme.updated'));
    await moduleEvents.waitFor((stream) => stream.events.some((event) => event.subject === 'module.updated'));
    programmeEvents.close();
    moduleEvents.close();

    // What a forged or stale request may ask for is refused, with nothing written.
    const other = await ok<{ ok: false; problem: { code: string } }>(trainer, 'module.add', {
      base: 'https://catalogue.example.org/',
      entryId: 'ecole-inclusive',
      version: '1.0.0',
    });
    expect(other.problem.code).toBe('not_allowed');
    const version = await ok<{ ok: false; problem: { code: string } }>(trainer, 'module.add', {
      base,
      entryId: 'ecole-inclusive',
      version: '9.0.0',
    });
    expect(version.problem.code).toBe('unknown_version');
    expect(
      (await bridge(app, emma, MODULES, 'module.add', { base, entryId: 'ecole-inclusive', version: '1.0.0' })).status,
    ).toBe(403);
    expect((await ok<ProgrammeState>(trainer, 'programme.state', {}, PROGRAMME)).version).toBe(after.version);
  });

  it('lists the catalog’s modules, newest versions, in <mag-programme>’s picker', async () => {
    const choices = await ok<{ modules: { catalog: { entryId: string; version: string } }[] }>(
      trainer,
      'programme.catalog',
      {},
      PROGRAMME,
    );
    expect(choices.modules).toHaveLength(6);
    expect(choices.modules.find((choice) => choice.catalog.entryId === 'differencier-numerique')!.catalog.version).toBe(
      '1.1.0',
    );
  });
});

describe('the player: content, progress, xAPI attempts, H5P states', () => {
  it('gives the outline and each item with absolute addresses', async () => {
    const answer = await ok<{ ok: true; outline: Outline }>(lucas, 'module.play', { stepId: 'module-1' });
    const outline = answer.outline;
    expect(outline).toMatchObject({ stepId: 'module-1', version: '1.0.0', preview: false, reach: 'open' });
    expect(outline.items.map((item) => item.id)).toEqual([
      'intro',
      'leviers',
      'choix-outil',
      'quiz-bilan',
      'nuage-freins',
    ]);
    expect(outline.h5pPlayer).toBe(`${app.frameUrl}/h5p/player`);

    const h5p = await itemOf(lucas, 'module-1', 'choix-outil');
    expect(h5p).toMatchObject({
      kind: 'h5p',
      h5pJsonPath: `${app.frameUrl}/catalog/sample/modules/differencier-numerique/1.0.0/h5p/choix-outil`,
      librariesPath: `${app.frameUrl}/catalog/sample/h5p-libraries`,
    });
    const page = await itemOf(lucas, 'module-1', 'leviers');
    expect(page.kind).toBe('page');
    expect((page as { html: string }).html).toContain(
      `src="${app.frameUrl}/catalog/sample/modules/differencier-numerique/1.0.0/images/leviers.svg"`,
    );
    const trainerView = await ok<{ ok: true; outline: Outline }>(trainer, 'module.play', { stepId: 'module-2' });
    expect(trainerView.outline).toMatchObject({ preview: true, reach: 'upcoming' });
  });

  it('records pages, then an H5P answer as one attempt in mod_h5pactivity’s shape, and the step’s progress', async () => {
    const done = await ok<Written>(lucas, 'module.progress', {
      stepId: 'module-1',
      itemId: 'intro',
      seconds: 95,
      completed: true,
    });
    expect(done).toMatchObject({ recorded: true, item: { completed: true, seconds: 95 } });
    // One of five items: two pages, the H5P content, the quiz and the word cloud.
    expect(done.progress.percent).toBe(20);

    const player = session();
    const result = {
      score: { min: 0, max: 1, raw: 1, scaled: 1 },
      completion: true,
      success: true,
      duration: 'PT7.5S',
    };
    const answered = await ok<Written>(lucas, 'module.xapi', {
      stepId: 'module-1',
      itemId: 'choix-outil',
      session: player,
      key: key(),
      verb: 'answered',
      root: true,
      result,
    });
    expect(answered.item).toMatchObject({ completed: true, attempts: 1, best: { raw: 1, max: 1, scaled: 1 } });
    const completedKey = key();
    const completed = {
      stepId: 'module-1',
      itemId: 'choix-outil',
      session: player,
      key: completedKey,
      verb: 'completed',
      root: true,
      result,
    };
    await ok<Written>(lucas, 'module.xapi', completed);
    // The same statement again (a retry) changes nothing; a sub-content's statement neither.
    expect((await ok<Written>(lucas, 'module.xapi', completed)).recorded).toBe(false);
    expect((await ok<Written>(lucas, 'module.xapi', { ...completed, key: key(), root: false })).recorded).toBe(false);

    const attempts = withDb(app.dataDir, (db) =>
      db
        .prepare(
          `SELECT attempt, verbs, raw_score, max_score, scaled, duration, completion, success FROM module_attempts
           WHERE step_id = 'module-1' AND item_id = 'choix-outil' ORDER BY attempt`,
        )
        .all(),
    );
    expect(attempts).toEqual([
      {
        attempt: 1,
        verbs: 'answered,completed',
        raw_score: 1,
        max_score: 1,
        scaled: 1,
        duration: 7.5,
        completion: 1,
        success: 1,
      },
    ]);
    // A new player session (the trainee came back and answered again) is a new attempt.
    const again = await ok<Written>(lucas, 'module.xapi', {
      ...completed,
      session: session(),
      key: key(),
      verb: 'answered',
      result: { score: { max: 1, raw: 0 }, completion: true, success: false },
    });
    expect(again.item).toMatchObject({ attempts: 2, best: { scaled: 1 } });

    const programme = await ok<ProgrammeState>(lucas, 'programme.state', {}, PROGRAMME);
    expect(programme.progress!['module-1']).toEqual({ percent: 40, completed: false });
    expect((await ok<ProgrammeState>(emma, 'programme.state', {}, PROGRAMME)).progress).toEqual({});
  });

  it('saves and resumes an H5P state, for the trainee only', async () => {
    const saved = JSON.stringify({ selected: 0, checked: true });
    const where = { stepId: 'module-1', itemId: 'choix-outil' };
    expect(await ok(lucas, 'module.h5p_save', { ...where, state: saved })).toEqual({ saved: true });
    expect(await ok(lucas, 'module.h5p_load', where)).toEqual({ state: saved });
    expect(await ok(emma, 'module.h5p_load', where)).toEqual({ state: null });
    expect(await ok(trainer, 'module.h5p_save', { ...where, state: '{}' })).toEqual({ saved: false });
    expect(await ok(lucas, 'module.h5p_save', { ...where, state: null })).toEqual({ saved: true });
    expect(await ok(lucas, 'module.h5p_load', where)).toEqual({ state: null });
  });

  it('refuses what a trainee cannot reach, forged scores and wrong kinds, and stores nothing', async () => {
    const count = () =>
      withDb(app.dataDir, (db) => db.prepare('SELECT COUNT(*) AS n FROM module_attempts').get() as { n: number }).n;
    const before = count();
    const statement = {
      stepId: 'module-2',
      itemId: 'source-fiable',
      session: session(),
      key: key(),
      verb: 'completed',
      root: true,
      result: { score: { raw: 1, max: 1 } },
    };
    const upcoming = await bridge(app, lucas, MODULES, 'module.xapi', statement);
    expect(upcoming.status).toBe(403);
    expect(upcoming.body.error).toEqual({ code: 'unauthorized', message: 'The module step module-2 is not open yet.' });
    const notInVersion = await bridge(app, lucas, MODULES, 'module.xapi', {
      ...statement,
      stepId: 'module-1',
      itemId: 'plan-de-travail',
    });
    expect(notInVersion.status).toBe(403);
    expect(notInVersion.body.error!.message).toContain('No item plan-de-travail in version 1.0.0');
    const unknownStep = await bridge(app, lucas, MODULES, 'module.xapi', { ...statement, stepId: 'seance-1' });
    expect(unknownStep.status).toBe(404);
    const page = await bridge(app, lucas, MODULES, 'module.xapi', {
      ...statement,
      stepId: 'module-1',
      itemId: 'intro',
    });
    expect(page.status).toBe(400);
    for (const result of [
      { score: { raw: 5, max: 1 } },
      { score: { raw: 1, max: 1e9 } },
      { score: { raw: 1, max: 1, scaled: 7 } },
      { duration: 'soon' },
    ]) {
      const forged = await bridge(app, lucas, MODULES, 'module.xapi', {
        ...statement,
        stepId: 'module-1',
        itemId: 'choix-outil',
        result,
      });
      expect(forged.status, JSON.stringify(result)).toBe(400);
    }
    const notByPlayer = await bridge(app, lucas, MODULES, 'module.progress', {
      stepId: 'module-1',
      itemId: 'choix-outil',
      seconds: 0,
      completed: true,
    });
    expect(notByPlayer.status).toBe(400);
    // Reports faster than time goes do not pile up time.
    const before95 = await ok<Written>(lucas, 'module.progress', { stepId: 'module-1', itemId: 'intro', seconds: 0 });
    const piled = await ok<Written>(lucas, 'module.progress', { stepId: 'module-1', itemId: 'intro', seconds: 300 });
    expect(piled.item.seconds - before95.item.seconds).toBeLessThanOrEqual(6);
    const tooLong = await bridge(app, lucas, MODULES, 'module.progress', {
      stepId: 'module-1',
      itemId: 'intro',
      seconds: 100_000,
    });
    expect(tooLong.status).toBe(400);
    // Content of a module not open yet stays closed; a trainer's preview is never stored.
    expect(
      (await bridge(app, lucas, MODULES, 'module.item', { stepId: 'module-2', itemId: 'source-fiable', part: 0 }))
        .status,
    ).toBe(403);
    expect(
      await ok<Written>(trainer, 'module.xapi', { ...statement, stepId: 'module-1', itemId: 'choix-outil' }),
    ).toMatchObject({ recorded: false });
    expect(count()).toBe(before);
  });

  it('refuses writes to a closed module step, and accepts them again for an undated one', async () => {
    const current = await ok<ProgrammeState>(trainer, 'programme.state', {}, PROGRAMME);
    const closed = current.steps.map((step): Step =>
      step.id === 'module-1' && step.kind === 'module' ? { ...step, opens: '2020-01-01', closes: '2020-02-01' } : step,
    );
    const events = openEvents(app, lucas, MODULES);
    await events.opened;
    await ok(trainer, 'programme.save', { baseVersion: current.version, steps: closed }, PROGRAMME);
    // The planner's save tells the module players too: they list the programme's module steps.
    await events.waitFor((stream) =>
      stream.events.some(
        (event) =>
          event.subject === 'module.updated' && (event.data as { version: number }).version === current.version + 1,
      ),
    );
    events.close();
    expect((await state(lucas)).steps.find((step) => step.stepId === 'module-1')!.reach).toBe('closed');
    const write = await bridge(app, lucas, MODULES, 'module.progress', {
      stepId: 'module-1',
      itemId: 'leviers',
      seconds: 10,
    });
    expect(write.status).toBe(403);
    expect(write.body.error!.message).toContain('closed');
    // Reading stays possible: a trainee may look back at a closed module.
    expect(
      (await bridge(app, lucas, MODULES, 'module.item', { stepId: 'module-1', itemId: 'leviers', part: 0 })).status,
    ).toBe(200);
    const after = await ok<ProgrammeState>(trainer, 'programme.state', {}, PROGRAMME);
    const undated = after.steps.map((step): Step => {
      if (step.id !== 'module-1' || step.kind !== 'module') return step;
      const { opens: _opens, closes: _closes, ...rest } = step;
      return rest;
    });
    await ok(trainer, 'programme.save', { baseVersion: after.version, steps: undated }, PROGRAMME);
    expect(
      (await bridge(app, lucas, MODULES, 'module.progress', { stepId: 'module-1', itemId: 'leviers', seconds: 10 }))
        .status,
    ).toBe(200);
  });
});

describe('quiz and word-cloud items: the activities’ own services, through the module', () => {
  const call = (cookie: string, itemId: string, subject: string, payload: unknown = {}, stepId = 'module-1') =>
    bridge(app, cookie, MODULES, 'module.activity_call', { stepId, itemId, subject, payload });
  async function relayed<T>(cookie: string, itemId: string, subject: string, payload: unknown = {}): Promise<T> {
    const response = await call(cookie, itemId, subject, payload);
    if (response.status !== 200) throw new Error(`${subject}: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body.result as { result: T }).result;
  }
  interface QuizView {
    selfPaced: {
      attempt: {
        number: number;
        status: string;
        questions: unknown[];
        result?: { grade: number; maxGrade: number };
      } | null;
    };
  }

  it('grades a trainee’s quiz item on the server, with no key before the end, and counts it', async () => {
    const started = await relayed<QuizView>(lucas, 'quiz-bilan', 'quiz.start', { key: key() });
    expect(started.selfPaced.attempt).toMatchObject({ number: 1, status: 'inProgress' });
    // Deferred feedback: neither the fractions nor the feedback of a wrong choice before the attempt is finished.
    expect(JSON.stringify(started)).not.toContain('fraction');
    expect(JSON.stringify(started)).not.toContain('rightAnswer');
    const act = (action: unknown) =>
      relayed<{ error?: unknown; state: QuizView }>(lucas, 'quiz-bilan', 'quiz.act', {
        attempt: 1,
        action,
        key: key(),
      });
    // The third question (true or false) answered right; the others left blank: 1 mark of 4.
    expect((await act({ type: 'save', slot: 2, response: { value: true } })).error).toBeUndefined();
    const finished = await act({ type: 'finish' });
    expect(finished.state.selfPaced.attempt).toMatchObject({
      status: 'finished',
      result: { grade: 2.5, maxGrade: 10 },
    });
    expect(finished.state.selfPaced.attempt!.questions[2]).toMatchObject({ feedback: { state: 'right', mark: 1 } });
    expect(JSON.stringify(finished.state)).toContain('rightAnswer');

    const outline = (await ok<{ ok: true; outline: Outline }>(lucas, 'module.play', { stepId: 'module-1' })).outline;
    expect(outline.items.find((item) => item.id === 'quiz-bilan')!.state).toEqual({
      completed: true,
      seconds: 0,
      best: { raw: 2.5, max: 10, scaled: 0.25 },
      attempts: 1,
    });
    // Two pages done of five items before (intro, choix-outil), three now.
    expect(outline.progress.percent).toBe(60);
    // The grade is the quiz's own gradebook, in the item's instance (one per programme, step and item).
    const grades = withDb(app.dataDir, (db) =>
      db
        .prepare(
          `SELECT m.item_id, m.version, g.grade FROM module_item_instances m
           JOIN quiz_grades g ON g.instance_id = m.instance_id`,
        )
        .all(),
    );
    expect(grades).toEqual([{ item_id: 'quiz-bilan', version: '1.0.0', grade: 2.5 }]);
  });

  it('shares a step’s word cloud among trainees, relays its events, and lets the trainer moderate it', async () => {
    const events = openEvents(app, emma, MODULES);
    await events.opened;
    const submitted = await relayed<{ accepted: boolean }>(lucas, 'nuage-freins', 'wordcloud.submit', {
      text: 'Le temps',
      key: key(),
    });
    expect(submitted).toMatchObject({ accepted: true });
    // The versions of all the programme's quiz and word-cloud items: the cloud's moved.
    await events.waitFor((stream) =>
      stream.events.some(
        (event) =>
          event.subject === 'module.activity_event' &&
          (event.data as { items: { itemId: string; subject: string; version: number }[] }).items.some(
            (item) => item.itemId === 'nuage-freins' && item.subject === 'wordcloud.updated' && item.version > 0,
          ),
      ),
    );
    events.close();
    const seen = await relayed<{ question: string; cloud: { words: { text: string }[] } | null }>(
      emma,
      'nuage-freins',
      'wordcloud.state',
    );
    // The question and limits come from the catalog item; Lucas's words are in the cloud Emma sees.
    expect(seen.question).toContain('principal frein');
    expect(seen.cloud!.words.map((word) => word.text.toLowerCase())).toContain('le temps');
    const outline = (await ok<{ ok: true; outline: Outline }>(lucas, 'module.play', { stepId: 'module-1' })).outline;
    expect(outline.items.find((item) => item.id === 'nuage-freins')!.state).toMatchObject({ completed: true });
    expect(outline.progress.percent).toBe(80);
    // Trainers' subjects stay the trainers': a trainee is refused, the trainer moderates from the module.
    expect((await call(lucas, 'nuage-freins', 'wordcloud.hide', { word: 'le temps' })).status).toBe(403);
    const hidden = await call(trainer, 'nuage-freins', 'wordcloud.hide', { word: seen.cloud!.words[0]!.text });
    expect(hidden.status).toBe(200);
  });

  it('refuses what a trainee cannot reach, and the item’s instance cannot be called around the module', async () => {
    const upcoming = await call(lucas, 'quiz-emi', 'quiz.start', { key: key() }, 'module-2');
    expect(upcoming.status).toBe(403);
    expect(upcoming.body.error!.message).toContain('not open yet');
    const notInVersion = await call(lucas, 'nope', 'quiz.state');
    expect(notInVersion.status).toBe(403);
    const notAnActivity = await call(lucas, 'intro', 'quiz.state');
    expect(notAnActivity.status).toBe(400);
    const wrongService = await call(lucas, 'quiz-bilan', 'wordcloud.state');
    expect(wrongService.status).toBe(404);
    const forgedPayload = await call(lucas, 'quiz-bilan', 'quiz.act', { attempt: 1, action: { type: 'drop' } });
    expect(forgedPayload.status).toBe(400);
    const instanceId = withDb(app.dataDir, (db) =>
      db.prepare("SELECT instance_id FROM module_item_instances WHERE item_id = 'quiz-bilan'").pluck().get(),
    ) as string;
    // Its type has no service: the module's relay, with its checks, is the only way in.
    const direct = await bridge(app, lucas, instanceId, 'quiz.start', { key: key() });
    expect(direct.status).toBe(404);
    // Not an activity of the course page either.
    const page = await fetch(`${app.url}/course/activity/${instanceId}`, { headers: { cookie: lucas } });
    expect(page.status).toBe(404);

    // A closed step: the trainee may look back at the quiz, not start another attempt nor add a word.
    const current = await ok<ProgrammeState>(trainer, 'programme.state', {}, PROGRAMME);
    const closed = current.steps.map((step): Step =>
      step.id === 'module-1' && step.kind === 'module' ? { ...step, opens: '2020-01-01', closes: '2020-02-01' } : step,
    );
    await ok(trainer, 'programme.save', { baseVersion: current.version, steps: closed }, PROGRAMME);
    expect((await call(lucas, 'quiz-bilan', 'quiz.state')).status).toBe(200);
    const start = await call(lucas, 'quiz-bilan', 'quiz.start', { key: key() });
    expect(start.status).toBe(403);
    expect(start.body.error!.message).toContain('closed');
    expect((await call(lucas, 'nuage-freins', 'wordcloud.submit', { text: 'trop tard', key: key() })).status).toBe(403);
    await ok(trainer, 'programme.save', { baseVersion: current.version + 1, steps: current.steps }, PROGRAMME);
    const attempts = withDb(app.dataDir, (db) =>
      db
        .prepare(
          "SELECT COUNT(*) FROM quiz_attempts WHERE user_id = (SELECT id FROM users WHERE username = 'lucas.bernard')",
        )
        .pluck()
        .get(),
    );
    expect(attempts).toBe(1);
  });
});

describe('from the programme’s timeline to the player', () => {
  it('gives the timeline the page of the module activity, which opens the step named in its address', async () => {
    const programme = await ok<ProgrammeState>(lucas, 'programme.state', {}, PROGRAMME);
    expect(programme.player).toBe(`/course/activity/${MODULES}`);
    const page = await fetch(`${app.url}/course/activity/${MODULES}?step=module-1`, { headers: { cookie: lucas } });
    expect(await page.text()).toContain(
      `<mag-module instance="${MODULES}" activity-title="Modules à distance de la formation" step="module-1"`,
    );
    for (const step of ['"><script>', 'a'.repeat(65)]) {
      const refused = await fetch(`${app.url}/course/activity/${MODULES}?step=${encodeURIComponent(step)}`, {
        headers: { cookie: lucas },
      });
      expect(await refused.text()).not.toContain('step=');
    }
    // Only module pages take a step.
    const quiz = await fetch(`${app.url}/course/activity/quiz-1?step=module-1`, { headers: { cookie: lucas } });
    expect(await quiz.text()).not.toContain('step="module-1"');
  });
});

describe('the trainers’ report and version updates', () => {
  it('shows each trainee’s progress, time and score per module and for the programme', async () => {
    const events = openEvents(app, trainer, MODULES);
    await events.opened;
    await ok(lucas, 'module.progress', { stepId: 'module-1', itemId: 'leviers', seconds: 5 });
    await events.waitFor((stream) => stream.events.some((event) => event.subject === 'module.reported'));
    events.close();
    const shown = await ok<Report>(trainer, 'module.report', {});
    expect(shown.total).toBe(20);
    expect(shown.rows).toHaveLength(20);
    expect(shown.steps.find((step) => step.stepId === 'module-1')).toMatchObject({ version: '1.0.0', scored: true });
    const row = shown.rows.find((candidate) => candidate.name === 'Lucas Bernard')!;
    // Four items of five; the score is the mean of the H5P item's best (100) and the quiz's grade (25).
    expect(row.steps['module-1']).toMatchObject({ percent: 80, completed: false, score: 62.5 });
    // 95 s on the first page, 10 and 5 on the second, and at most a few seconds of the test of piled-up reports.
    expect(row.steps['module-1']!.seconds).toBeGreaterThanOrEqual(110);
    expect(row.steps['module-1']!.seconds).toBeLessThanOrEqual(116);
    expect(row.programme.score).toBe(62.5);
    expect(row.programme.seconds).toBe(row.steps['module-1']!.seconds);
    const emmaRow = shown.rows.find((candidate) => candidate.name === 'Emma Petit')!;
    expect(emmaRow.steps['module-1']).toEqual({ percent: 0, completed: false, seconds: 0, score: null });
    expect((await bridge(app, lucas, MODULES, 'module.report', {})).status).toBe(403);
  });

  it('updates a step to a newer version in one click, keeping progress on the items that still exist', async () => {
    const answer = await ok<{ ok: true; state: ModuleState }>(trainer, 'module.update', {
      stepId: 'module-1',
      version: '1.1.0',
    });
    const step = answer.state.steps.find((candidate) => candidate.stepId === 'module-1')!;
    expect(step.catalog.version).toBe('1.1.0');
    expect(step.update).toBeUndefined();
    // 1.1.0 adds a page: the page, the H5P item, the quiz and the word cloud done before are still done.
    const programme = await ok<ProgrammeState>(lucas, 'programme.state', {}, PROGRAMME);
    expect(programme.progress!['module-1']).toEqual({ percent: 66.7, completed: false });
    const outline = (await ok<{ ok: true; outline: Outline }>(lucas, 'module.play', { stepId: 'module-1' })).outline;
    expect(outline.version).toBe('1.1.0');
    expect(outline.items.find((item) => item.id === 'choix-outil')!.state).toMatchObject({
      completed: true,
      attempts: 2,
    });
    expect(outline.items.find((item) => item.id === 'plan-de-travail')!.state.completed).toBe(false);
    // The quiz item keeps its instance, its attempt and its grade; its settings follow the new version.
    expect(outline.items.find((item) => item.id === 'quiz-bilan')!.state).toMatchObject({
      completed: true,
      best: { scaled: 0.25 },
    });
    const state = await ok<{ result: { selfPaced: { attempts: unknown[] } } }>(lucas, 'module.activity_call', {
      stepId: 'module-1',
      itemId: 'quiz-bilan',
      subject: 'quiz.state',
    });
    expect(state.result.selfPaced.attempts).toHaveLength(1);
    const versions = withDb(app.dataDir, (db) =>
      db.prepare('SELECT item_id, version FROM module_item_instances ORDER BY item_id').all(),
    );
    expect(versions).toEqual([
      { item_id: 'nuage-freins', version: '1.0.0' },
      { item_id: 'quiz-bilan', version: '1.1.0' },
    ]);
    const older = await bridge(app, trainer, MODULES, 'module.update', { stepId: 'module-1', version: '1.0.0' });
    expect(older.status).toBe(409);
  });
});

describe('a catalog that serves garbage', () => {
  let bad: http.Server;
  let other: TestApp;

  beforeAll(async () => {
    bad = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"format": "mag-catalog", "modules": [');
    });
    await new Promise<void>((resolve) => bad.listen(0, '127.0.0.1', resolve));
    const port = (bad.address() as AddressInfo).port;
    other = await startApp({ MAG_CATALOGS: `http://127.0.0.1:${port}/catalogue/ sample` });
  });
  afterAll(async () => {
    await other.close();
    await new Promise((resolve) => bad.close(resolve));
  });

  it('says which catalog failed and why, and keeps the others', async () => {
    const cookie = await login(other, 'claire.martin');
    const response = await bridge(other, cookie, MODULES, 'module.catalog_search', {});
    const result = response.body.result as SearchResult;
    expect(result.total).toBe(6);
    expect(result.catalogs[0]).toEqual({
      base: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/catalogue\/$/),
      problem: { code: 'invalid_json', url: expect.stringContaining('/catalogue/index.json') },
    });
    expect(result.catalogs[1]!.problem).toBeUndefined();
  });

  it('starts, and says so, when its own sample cannot be a catalog (a plain-http frame origin)', async () => {
    const plain = await startApp({ MAG_FRAME_ORIGIN: 'http://activites.example.org' });
    try {
      const cookie = await login(plain, 'claire.martin');
      const result = (await bridge(plain, cookie, MODULES, 'module.catalog_search', {})).body.result as SearchResult;
      expect(result.total).toBe(0);
      expect(result.catalogs).toEqual([
        { base: 'http://activites.example.org/catalog/sample/', problem: { code: 'bad_url', url: expect.any(String) } },
      ]);
    } finally {
      await plain.close();
    }
  });
});
