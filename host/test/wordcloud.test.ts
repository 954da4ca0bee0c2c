/** The word-cloud service against the real app: HTTP, sessions, group commit and SQLite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainerState as WordcloudState, WordcloudSettings } from '../../wordcloud/src/trainer-protocol.js';
import { DEMO_COURSE } from '../src/server/seed.js';
import { bridge, key, login, openEvents, startApp, withDb } from './helpers.js';
import type { BridgeResponse, TestApp } from './helpers.js';

let app: TestApp;
let lucas: string; // trainee Lucas Bernard
let emma: string; // trainee Emma Petit
let hugo: string; // trainee Hugo Dubois
let trainer: string; // Claire Martin

const TRAINEE_NAMES = ['Lucas Bernard', 'Emma Petit', 'Hugo Dubois'];

beforeAll(async () => {
  app = await startApp();
  [lucas, emma, hugo, trainer] = await Promise.all([
    login(app, 'lucas.bernard'),
    login(app, 'emma.petit'),
    login(app, 'hugo.dubois'),
    login(app, 'claire.martin'),
  ]);
});
afterAll(() => app.close());

let counter = 0;
/** A fresh word-cloud instance, created the way an author would: a row with its settings. */
function instance(settings: Partial<WordcloudSettings> = {}): string {
  const id = `wordcloud-test-${++counter}`;
  withDb(app.dataDir, (db) =>
    db
      .prepare(
        'INSERT INTO activity_instances (id, course_id, type, title, position, settings) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, DEMO_COURSE.id, 'wordcloud', `Nuage ${counter}`, 100 + counter, JSON.stringify(settings)),
  );
  return id;
}

async function call(cookie: string, id: string, subject: string, payload: unknown = {}): Promise<BridgeResponse> {
  return bridge(app, cookie, id, subject, payload);
}

async function ok<T = WordcloudState>(cookie: string, id: string, subject: string, payload: unknown = {}): Promise<T> {
  const response = await call(cookie, id, subject, payload);
  expect(response.body.error).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.result as T;
}

interface SubmitAnswer {
  accepted: boolean;
  entry?: { id: number; text: string; status: string };
  error?: string;
}

const submit = (cookie: string, id: string, text: string, idem = key()) =>
  ok<SubmitAnswer>(cookie, id, 'wordcloud.submit', { text, key: idem });
const state = (cookie: string, id: string) => ok(cookie, id, 'wordcloud.state');
const words = (s: WordcloudState) => s.cloud?.words.map(({ text, weight }) => [text, weight]);

const storedRows = (id: string) =>
  withDb(app.dataDir, (db) =>
    db
      .prepare<[string], { text: string; status: string; user_id: number }>(
        'SELECT text, status, user_id FROM wordcloud_entries WHERE instance_id = ? ORDER BY id',
      )
      .all(id),
  );

describe('submitting', () => {
  it('accepts, refuses duplicates, enforces the limit, and withdraws', async () => {
    const id = instance({ maxPerPerson: 2 });
    const first = await submit(lucas, id, '  Jeu  sérieux ');
    expect(first).toEqual({
      accepted: true,
      entry: { id: expect.any(Number), text: 'Jeu sérieux', status: 'visible' },
    });
    // Same person, same key (case and spaces do not matter): a duplicate.
    expect(await submit(lucas, id, 'jeu SÉRIEUX')).toEqual({ accepted: false, error: 'duplicate' });
    // Another person may write the same word.
    expect((await submit(emma, id, 'jeu sérieux')).accepted).toBe(true);
    expect((await submit(lucas, id, 'Classe inversée')).accepted).toBe(true);
    expect(await submit(lucas, id, 'Tableau')).toEqual({ accepted: false, error: 'limit_reached' });

    const mine = await state(lucas, id);
    expect(mine.mine.map((entry) => entry.text)).toEqual(['Jeu sérieux', 'Classe inversée']);
    expect(words(mine)).toEqual([
      ['Jeu sérieux', 2],
      ['Classe inversée', 1],
    ]);

    // Withdrawing frees a place; only one's own entries.
    const own = mine.mine[1]!.id;
    expect(await ok(emma, id, 'wordcloud.withdraw', { id: own })).toEqual({ withdrawn: false, error: 'not_found' });
    expect(await ok(lucas, id, 'wordcloud.withdraw', { id: own })).toEqual({ withdrawn: true });
    expect(await ok(lucas, id, 'wordcloud.withdraw', { id: own })).toEqual({ withdrawn: false, error: 'not_found' });
    expect((await submit(lucas, id, 'Tableau')).accepted).toBe(true);
    expect(words(await state(lucas, id))).toEqual([
      ['Jeu sérieux', 2],
      ['Tableau', 1],
    ]);
  });

  it('refuses submissions and withdrawals while closed', async () => {
    const id = instance();
    const { entry } = await submit(lucas, id, 'avant');
    await ok(trainer, id, 'wordcloud.close');
    expect(await submit(emma, id, 'après')).toEqual({ accepted: false, error: 'closed' });
    expect(await ok(lucas, id, 'wordcloud.withdraw', { id: entry!.id })).toEqual({ withdrawn: false, error: 'closed' });
    expect((await state(emma, id)).open).toBe(false);
    await ok(trainer, id, 'wordcloud.open');
    expect((await submit(emma, id, 'après')).accepted).toBe(true);
    expect(storedRows(id).map((row) => row.text)).toEqual(['avant', 'après']);
  });

  it('stores a retried submission (same idempotency key) once, even when both arrive together', async () => {
    const id = instance();
    const idem = key();
    const [a, b] = await Promise.all([submit(lucas, id, 'numérique', idem), submit(lucas, id, 'numérique', idem)]);
    const again = await submit(lucas, id, 'numérique', idem);
    expect(a).toEqual(b);
    expect(again).toEqual(a);
    expect(a.accepted).toBe(true);
    expect(storedRows(id)).toHaveLength(1);
    expect(words(await state(emma, id))).toEqual([['numérique', 1]]);
  });
});

describe('hostile input', () => {
  it('keeps markup as text, refuses a 10,000-character paste, strips control characters', async () => {
    const id = instance({ maxLength: 40, maxPerPerson: 10 });
    const markup = await submit(lucas, id, '<img src=x onerror=alert(1)>');
    expect(markup.entry?.text).toBe('<img src=x onerror=alert(1)>');

    const before = storedRows(id).length;
    expect(await submit(lucas, id, 'a'.repeat(10_000))).toEqual({ accepted: false, error: 'too_long' });
    expect(await submit(lucas, id, 'b'.repeat(41))).toEqual({ accepted: false, error: 'too_long' });
    expect(await submit(lucas, id, ' \u200B\u0007 ')).toEqual({ accepted: false, error: 'empty' });
    expect(await submit(lucas, id, 'x\uD800y')).toEqual({ accepted: false, error: 'invalid' });
    expect(storedRows(id).length).toBe(before);

    const control = await submit(lucas, id, 'bon\u0000\u0008jour\u200B\u202E !');
    expect(control.entry?.text).toBe('bonjour !');
    expect(storedRows(id).map((row) => row.text)).toEqual(['<img src=x onerror=alert(1)>', 'bonjour !']);
  });

  it('refuses a payload beyond the schema with bad_request', async () => {
    const id = instance();
    const response = await call(lucas, id, 'wordcloud.submit', { text: 'ok', key: 'short' });
    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe('bad_request');
    expect(storedRows(id)).toHaveLength(0);
  });

  it('refuses every trainer-only subject to a trainee with 403, and nothing changes', async () => {
    const id = instance({ approval: true });
    await submit(lucas, id, 'attente');
    const pendingId = (await state(lucas, id)).mine[0]!.id;
    const before = await state(trainer, id);
    const rows = storedRows(id);
    const calls: [string, unknown][] = [
      ['wordcloud.configure', { visibility: 'never' }],
      ['wordcloud.open', {}],
      ['wordcloud.close', {}],
      ['wordcloud.reset', {}],
      ['wordcloud.hide', { word: 'attente' }],
      ['wordcloud.unhide', { word: 'attente' }],
      ['wordcloud.merge', { target: 'attente', members: ['attentes'] }],
      ['wordcloud.unmerge', { target: 'attente' }],
      ['wordcloud.approve', { id: pendingId }],
      ['wordcloud.reject', { id: pendingId }],
      ['wordcloud.export', {}],
    ];
    for (const [subject, payload] of calls) {
      const response = await call(emma, id, subject, payload);
      expect(response.status, subject).toBe(403);
      expect(response.body.error?.code).toBe('unauthorized');
    }
    expect(await state(trainer, id)).toEqual(before);
    expect(storedRows(id)).toEqual(rows);
  });
});

describe('identity', () => {
  const responsesOf = async (id: string): Promise<string[]> => [
    JSON.stringify(await state(trainer, id)),
    JSON.stringify(await state(lucas, id)),
    JSON.stringify(await state(emma, id)),
    JSON.stringify(await ok(trainer, id, 'wordcloud.hide', { word: 'zzz' })),
  ];

  it('exports every word to the trainer, with authors only in named mode', async () => {
    const anonymous = instance({ identity: 'anonymous' });
    await submit(lucas, anonymous, 'partage');
    await submit(emma, anonymous, 'Partage');
    await submit(hugo, anonymous, '=cmd|calc');
    const plain = await ok<{ words: unknown[]; entries?: unknown[]; truncated: boolean }>(
      trainer,
      anonymous,
      'wordcloud.export',
    );
    expect(plain).toEqual({
      words: [
        { text: 'partage', weight: 2, rank: 1 },
        { text: '=cmd|calc', weight: 1, rank: 2 },
      ],
      truncated: false,
    });
    for (const name of TRAINEE_NAMES) expect(JSON.stringify(plain)).not.toContain(name);

    const named = instance({ identity: 'named' });
    await submit(lucas, named, 'écoute');
    await submit(emma, named, 'insulte');
    await ok(trainer, named, 'wordcloud.hide', { word: 'insulte' });
    const withNames = await ok<{ entries?: { text: string; author: string }[] }>(trainer, named, 'wordcloud.export');
    // Hidden words stay out of the export too.
    expect(withNames.entries).toEqual([{ text: 'écoute', author: 'Lucas Bernard' }]);
  });

  it('counts the people who have an answer in the cloud', async () => {
    const id = instance();
    await submit(lucas, id, 'un');
    await submit(lucas, id, 'deux');
    await submit(emma, id, 'un');
    expect((await state(hugo, id)).participants).toBe(2);
  });

  it('anonymous: no name in any answer, to the trainer or a trainee', async () => {
    const id = instance({ identity: 'anonymous', approval: true });
    const answers = [
      JSON.stringify(await submit(lucas, id, 'collaboration')),
      JSON.stringify(await submit(emma, id, 'autonomie')),
    ];
    await ok(trainer, id, 'wordcloud.approve', { id: (await state(lucas, id)).mine[0]!.id });
    answers.push(...(await responsesOf(id)));
    const trainerState = await state(trainer, id);
    expect(trainerState.moderation?.pending).toEqual([{ id: expect.any(Number), text: 'autonomie' }]);
    expect(trainerState.moderation?.entries).toEqual([{ text: 'collaboration' }]);
    for (const answer of answers) {
      for (const name of TRAINEE_NAMES) expect(answer).not.toContain(name);
      expect(answer).not.toContain('author');
    }
  });

  it('named: the trainer sees authors, a trainee never sees anybody’s name', async () => {
    const id = instance({ identity: 'named', approval: true });
    await submit(lucas, id, 'collaboration');
    await submit(emma, id, 'autonomie');
    await ok(trainer, id, 'wordcloud.approve', { id: (await state(lucas, id)).mine[0]!.id });
    const trainerState = await state(trainer, id);
    expect(trainerState.moderation?.pending).toEqual([
      { id: expect.any(Number), text: 'autonomie', author: 'Emma Petit' },
    ]);
    expect(trainerState.moderation?.entries).toEqual([{ text: 'collaboration', author: 'Lucas Bernard' }]);
    for (const cookie of [lucas, emma, hugo]) {
      const answer = JSON.stringify(await state(cookie, id));
      for (const name of TRAINEE_NAMES) expect(answer).not.toContain(name);
      expect(answer).not.toContain('moderation');
      expect(answer).not.toContain('settings');
    }
  });
});

describe('visibility', () => {
  it('never: trainees never get the cloud; the trainer does', async () => {
    const id = instance({ visibility: 'never' });
    await submit(lucas, id, 'motivation');
    const trainee = await state(lucas, id);
    expect(trainee.cloud).toBeNull();
    expect(trainee.mine).toEqual([{ id: expect.any(Number), text: 'motivation', status: 'visible' }]);
    expect(words(await state(trainer, id))).toEqual([['motivation', 1]]);
  });

  it('after_answer: a trainee gets the cloud once they wrote minPerPerson entries', async () => {
    const id = instance({ visibility: 'after_answer', minPerPerson: 2 });
    await submit(emma, id, 'curiosité');
    expect((await state(lucas, id)).cloud).toBeNull();
    await submit(lucas, id, 'écoute');
    expect((await state(lucas, id)).cloud).toBeNull();
    await submit(lucas, id, 'patience');
    expect(words(await state(lucas, id))).toEqual([
      ['curiosité', 1],
      ['écoute', 1],
      ['patience', 1],
    ]);
    expect((await state(hugo, id)).cloud).toBeNull();
  });
});

describe('moderation', () => {
  it('weighs a merged word by distinct people; unmerge restores', async () => {
    const id = instance({ maxPerPerson: 5 });
    await submit(lucas, id, 'jeu');
    await submit(lucas, id, 'jeux');
    await submit(emma, id, 'jeux');
    await submit(hugo, id, 'outil');
    const before = await state(trainer, id);
    expect(words(before)).toEqual([
      ['jeux', 2],
      ['jeu', 1],
      ['outil', 1],
    ]);
    expect(before.moderation?.suggestions).toEqual([{ target: 'jeux', members: ['jeu'], reason: ['plural'] }]);

    const merged = await ok(trainer, id, 'wordcloud.merge', { target: 'jeu', members: ['jeux'] });
    expect(words(merged)).toEqual([
      ['jeu', 2],
      ['outil', 1],
    ]);
    expect(merged.moderation?.merges).toEqual([{ target: 'jeu', members: ['jeux'] }]);
    expect(words(await state(hugo, id))).toEqual(words(merged));

    const unmerged = await ok(trainer, id, 'wordcloud.unmerge', { target: 'jeu' });
    expect(words(unmerged)).toEqual(words(before));
    expect(unmerged.version).toBeGreaterThan(merged.version);
  });

  it('hides and unhides a word; the author sees their entry as hidden', async () => {
    const id = instance();
    await submit(lucas, id, 'Pédagogie');
    await submit(emma, id, 'pédagogie');
    const hidden = await ok(trainer, id, 'wordcloud.hide', { word: 'PÉDAGOGIE' });
    expect(hidden.cloud).toEqual({ words: [], hiddenCount: 1 });
    expect(hidden.moderation?.hidden).toEqual(['PÉDAGOGIE']);
    expect((await state(lucas, id)).mine[0]?.status).toBe('hidden');
    const shown = await ok(trainer, id, 'wordcloud.unhide', { word: 'pédagogie' });
    expect(words(shown)).toEqual([['Pédagogie', 2]]);
    expect((await state(lucas, id)).mine[0]?.status).toBe('visible');
  });

  it('leaves offensive words out unless the filter is off', async () => {
    const id = instance();
    await submit(lucas, id, 'connard');
    expect(await state(emma, id)).toMatchObject({ cloud: { words: [], hiddenCount: 1 } });
    await ok(trainer, id, 'wordcloud.configure', { offensiveFilter: false });
    expect(words(await state(emma, id))).toEqual([['connard', 1]]);
  });

  it('approval: pending entries stay out of the cloud until approved', async () => {
    const id = instance({ approval: true });
    const { entry } = await submit(lucas, id, 'entraide');
    expect(entry?.status).toBe('pending');
    expect((await state(emma, id)).cloud).toEqual({ words: [], hiddenCount: 0 });
    expect((await state(trainer, id)).cloud?.words).toEqual([]);
    const approved = await ok(trainer, id, 'wordcloud.approve', { id: entry!.id });
    expect(approved.moderation?.pending).toEqual([]);
    expect(words(approved)).toEqual([['entraide', 1]]);
    expect(words(await state(emma, id))).toEqual([['entraide', 1]]);
    expect((await state(lucas, id)).mine).toEqual([{ id: entry!.id, text: 'entraide', status: 'visible' }]);
  });

  it('approval: a rejected entry never reaches the cloud, its author sees it hidden and may withdraw it', async () => {
    const id = instance({ approval: true, maxPerPerson: 1 });
    const { entry } = await submit(lucas, id, 'nul');
    const rejected = await ok(trainer, id, 'wordcloud.reject', { id: entry!.id });
    expect(rejected.moderation?.pending).toEqual([]);
    expect(rejected.cloud).toEqual({ words: [], hiddenCount: 0 });
    expect((await state(lucas, id)).mine).toEqual([{ id: entry!.id, text: 'nul', status: 'hidden' }]);
    // Approving it afterwards does nothing: only pending entries can be decided.
    expect(words(await ok(trainer, id, 'wordcloud.approve', { id: entry!.id }))).toEqual([]);
    expect((await submit(lucas, id, 'autre')).error).toBe('limit_reached');
    expect((await ok<{ withdrawn: boolean }>(lucas, id, 'wordcloud.withdraw', { id: entry!.id })).withdrawn).toBe(true);
    expect((await submit(lucas, id, 'autre')).entry?.status).toBe('pending');
  });

  it('says to everybody whether the cloud is drawn with rotated words', async () => {
    const id = instance();
    expect((await state(lucas, id)).display).toEqual({ rotate: false });
    await ok(trainer, id, 'wordcloud.configure', { rotate: true });
    expect((await state(lucas, id)).display).toEqual({ rotate: true });
  });

  it('configure checks its settings; reset clears entries, merges and hidden words', async () => {
    const id = instance();
    const refused = await call(trainer, id, 'wordcloud.configure', { minPerPerson: 5, maxPerPerson: 2 });
    expect(refused.status).toBe(400);
    const configured = await ok(trainer, id, 'wordcloud.configure', { question: 'Un mot ?', maxPerPerson: 4 });
    expect(configured).toMatchObject({ question: 'Un mot ?', limits: { maxPerPerson: 4 } });
    await submit(lucas, id, 'jeu');
    await ok(trainer, id, 'wordcloud.hide', { word: 'autre' });
    await ok(trainer, id, 'wordcloud.merge', { target: 'jeu', members: ['jeux'] });
    const cleared = await ok(trainer, id, 'wordcloud.reset');
    expect(cleared.cloud).toEqual({ words: [], hiddenCount: 0 });
    expect(cleared.moderation).toMatchObject({ hidden: [], merges: [], pending: [] });
    expect(cleared.question).toBe('Un mot ?');
    expect(storedRows(id)).toHaveLength(0);
  });
});

describe('events and durability', () => {
  it('wordcloud.updated carries only { version }', async () => {
    const id = instance({ identity: 'named' });
    const stream = openEvents(app, emma, id);
    try {
      await stream.opened;
      await submit(lucas, id, 'secret de Lucas');
      const { version } = await state(emma, id);
      await stream.waitFor((s) => s.events.some((event) => (event.data as { version: number }).version === version));
      const ours = stream.events.filter((event) => event.instance === id);
      expect(ours.length).toBeGreaterThan(0);
      for (const event of ours) {
        expect(event.subject).toBe('wordcloud.updated');
        expect(Object.keys(event.data as object)).toEqual(['version']);
      }
      const logged = withDb(app.dataDir, (db) =>
        db.prepare<[string], string>('SELECT data FROM event_log WHERE instance_id = ?').pluck().all(id),
      );
      expect(logged.length).toBeGreaterThan(0);
      for (const data of logged) expect(Object.keys(JSON.parse(data) as object)).toEqual(['version']);
    } finally {
      stream.close();
    }
  });

  it('keeps entries, settings and moderation across a restart', async () => {
    const id = instance({ maxPerPerson: 4 });
    await submit(lucas, id, 'jeu');
    await submit(emma, id, 'jeux');
    await submit(emma, id, 'cachez-moi');
    await ok(trainer, id, 'wordcloud.merge', { target: 'jeu', members: ['jeux'] });
    await ok(trainer, id, 'wordcloud.hide', { word: 'cachez-moi' });
    await ok(trainer, id, 'wordcloud.configure', { question: 'Persistant ?', visibility: 'after_answer' });
    const before = { trainer: await state(trainer, id), emma: await state(emma, id), hugo: await state(hugo, id) };
    expect(before.hugo.cloud).toBeNull();

    await app.close();
    app = await startApp({}, app.dataDir);
    expect(await state(trainer, id)).toEqual(before.trainer);
    expect(await state(emma, id)).toEqual(before.emma);
    expect(await state(hugo, id)).toEqual(before.hugo);
    expect(words(before.trainer)).toEqual([['jeu', 2]]);
  });
});
