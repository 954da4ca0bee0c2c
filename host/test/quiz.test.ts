/** The quiz service against the real app: HTTP, sessions, group commit and SQLite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Quiz } from '../../quiz/src/attempt.js';
import type { LiveSettings } from '../../quiz/src/live.js';
import type { QuizState } from '../../quiz/src/protocol.js';
import type { Results } from '../../quiz/src/trainer-protocol.js';
import { DEMO_COURSE } from '../src/server/seed.js';
import { bridge, key, login, startApp, withDb } from './helpers.js';
import type { BridgeResponse, TestApp } from './helpers.js';

let app: TestApp;
let lucas: string;
let emma: string;
let hugo: string;
let trainer: string;

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

/** A bank whose every secret carries a marker: a trainee's answers must never contain one before the reveal. */
const SECRET = 'SECRET';
const QUIZ: Quiz = {
  settings: { behaviour: 'deferred', shuffleAnswers: false, attemptsAllowed: 2, maxGrade: 10, passGrade: 5 },
  slots: [
    {
      question: {
        type: 'single',
        text: 'Capitale de la France ?',
        textFormat: 'plain',
        answers: [
          { text: 'Lyon', fraction: 0, feedback: `${SECRET} non` },
          { text: 'Paris', fraction: 100, feedback: `${SECRET} oui` },
        ],
        generalFeedback: `${SECRET} général`,
      },
    },
    {
      question: {
        type: 'shortanswer',
        text: 'Le service qui certifie les compétences numériques ?',
        textFormat: 'plain',
        caseSensitive: false,
        answers: [{ text: `Pix`, fraction: 100, feedback: `${SECRET} bien` }],
      },
    },
  ],
};

let counter = 0;
function instance(quiz: Quiz = QUIZ, live: LiveSettings = { speedPoints: false, leaderboard: 'top5' }): string {
  const id = `quiz-test-${++counter}`;
  withDb(app.dataDir, (db) =>
    db
      .prepare(
        'INSERT INTO activity_instances (id, course_id, type, title, position, settings) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, DEMO_COURSE.id, 'quiz', `Quiz ${counter}`, 200 + counter, JSON.stringify({ quiz, live })),
  );
  return id;
}

const call = (cookie: string, id: string, subject: string, payload: unknown = {}): Promise<BridgeResponse> =>
  bridge(app, cookie, id, subject, payload);

async function ok<T = QuizState>(cookie: string, id: string, subject: string, payload: unknown = {}): Promise<T> {
  const response = await call(cookie, id, subject, payload);
  expect(response.body.error, JSON.stringify(response.body.error)).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.result as T;
}

const state = (cookie: string, id: string) => ok(cookie, id, 'quiz.state');
type Acted = { error?: { code: string }; state: QuizState };
const act = (cookie: string, id: string, attempt: number, action: unknown, k = key()) =>
  ok<Acted>(cookie, id, 'quiz.act', { attempt, action, key: k });

describe('self-paced', () => {
  it('starts once per key, grades on the server, writes the gradebook, and reveals nothing before the end', async () => {
    const id = instance();
    const k = key();
    const started = await ok(lucas, id, 'quiz.start', { key: k });
    expect(await ok(lucas, id, 'quiz.start', { key: k })).toMatchObject({ selfPaced: { attempts: [{ number: 1 }] } });
    expect(started.selfPaced.attempt?.status).toBe('inProgress');
    expect(JSON.stringify(started)).not.toContain(SECRET);
    expect(JSON.stringify(started)).not.toContain('fraction');
    // Choices are named by their place on screen: Paris is shown second (no shuffling in this quiz).
    await act(lucas, id, 1, { type: 'save', slot: 0, response: { choice: 1 } });
    const saved = await act(lucas, id, 1, { type: 'save', slot: 1, response: { text: 'pix' } });
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    const finish = key();
    const finished = await act(lucas, id, 1, { type: 'finish' }, finish);
    // A retried finish (same key) is applied once, and does not fail.
    expect((await act(lucas, id, 1, { type: 'finish' }, finish)).error).toBeUndefined();
    expect(finished.state.selfPaced.attempt?.result).toMatchObject({ grade: 10, maxGrade: 10, passed: true });
    expect(JSON.stringify(finished.state)).toContain(`${SECRET} oui`);
    const book = withDb(app.dataDir, (db) =>
      db.prepare('SELECT grade, passed FROM quiz_grades WHERE instance_id = ?').all(id),
    );
    expect(book).toEqual([{ grade: 10, passed: 1 }]);
  });

  it('refuses hostile actions with a clear code and keeps the attempt', async () => {
    const id = instance();
    await ok(emma, id, 'quiz.start', { key: key() });
    for (const [action, code] of [
      [{ type: 'save', slot: 9, response: { choice: 0 } }, 'no_such_slot'],
      [{ type: 'save', slot: 0, response: { choice: 7 } }, 'out_of_range'],
      [{ type: 'save', slot: 1, response: { text: 'x'.repeat(19_000) } }, 'too_long'],
      [{ type: 'save', slot: 0, response: '<script>' }, 'wrong_shape'],
    ] as const) {
      const answer = await act(emma, id, 1, action);
      expect(answer.error?.code).toBe(code);
    }
    expect((await state(emma, id)).selfPaced.attempt?.status).toBe('inProgress');
    expect((await call(emma, id, 'quiz.act', { attempt: 1, action: { type: 'drop' }, key: key() })).status).toBe(400);
    // Another trainee cannot act on it: attempts are per person.
    expect((await act(hugo, id, 1, { type: 'finish' })).error?.code).toBe('no_such_attempt');
  });

  it('stops at the attempts allowed', async () => {
    const id = instance();
    for (const number of [1, 2]) {
      await ok(hugo, id, 'quiz.start', { key: key() });
      await act(hugo, id, number, { type: 'finish' });
    }
    const after = await state(hugo, id);
    expect(after.selfPaced).toMatchObject({ canStart: false, reason: 'no_attempts_left' });
    expect((await call(hugo, id, 'quiz.start', { key: key() })).status).toBe(400);
  });
});

describe('live', () => {
  it('runs lobby → question → reveal with no key before the reveal, and fair points', async () => {
    const id = instance();
    const lobby = await ok(trainer, id, 'quiz.live.control', {
      action: 'open',
      settings: { speedPoints: false, leaderboard: 'top5' },
    });
    expect(lobby.live?.phase).toBe('lobby');
    expect((await ok(lucas, id, 'quiz.live.join')).live?.me.joined).toBe(true);
    await ok(emma, id, 'quiz.live.join');
    expect((await state(trainer, id)).live?.joined).toBe(2);
    // A trainee cannot drive the session.
    expect((await call(lucas, id, 'quiz.live.control', { action: 'start' })).status).toBe(403);
    await ok(trainer, id, 'quiz.live.control', { action: 'start' });
    const open = await state(lucas, id);
    expect(open.live?.step?.question.phase).toBe('open');
    // Choices are shuffled for the room (the same order for everyone): find Paris on screen.
    const paris = open.live!.step!.question.choices!.find((choice) => choice.text === 'Paris')!.id;
    const lyon = 1 - paris;
    expect(JSON.stringify(open)).not.toContain(SECRET);
    expect(JSON.stringify(open)).not.toMatch(/"right"|rightAnswer|results/);
    const right = await ok<{ accepted: boolean; state: QuizState }>(lucas, id, 'quiz.live.answer', {
      step: 0,
      response: { choice: paris },
      key: key(),
    });
    expect(right.accepted).toBe(true);
    expect(JSON.stringify(right.state)).not.toMatch(/"right"|rightAnswer|results|SECRET/);
    // One answer per person: the second is refused; a hostile one too.
    const again = await ok<{ accepted: boolean; error?: { code: string } }>(lucas, id, 'quiz.live.answer', {
      step: 0,
      response: { choice: lyon },
      key: key(),
    });
    expect(again).toMatchObject({ accepted: false, error: { code: 'already_answered' } });
    const hostile = await ok<{ accepted: boolean; error?: { code: string } }>(emma, id, 'quiz.live.answer', {
      step: 0,
      response: { choice: -1 },
      key: key(),
    });
    expect(hostile).toMatchObject({ accepted: false, error: { code: 'wrong_shape' } });
    await ok(emma, id, 'quiz.live.answer', { step: 0, response: { choice: lyon }, key: key() });
    // Hugo never joined.
    expect(
      (
        await ok<{ error?: { code: string } }>(hugo, id, 'quiz.live.answer', {
          step: 0,
          response: { choice: 1 },
          key: key(),
        })
      ).error?.code,
    ).toBe('not_joined');
    expect((await state(trainer, id)).live?.step?.question.responses).toBe(2);
    // Points say who was right: before the reveal, neither Lucas's own nor the leaderboard's count this question.
    const before = await state(lucas, id);
    expect(before.live?.me.points).toBe(0);
    expect(before.live?.leaderboard).toEqual({
      kind: 'top5',
      rows: [
        { rank: 1, name: 'Lucas Bernard', points: 0 },
        { rank: 1, name: 'Emma Petit', points: 0 },
      ],
    });
    expect((await state(trainer, id)).live?.leaderboard).toEqual(before.live?.leaderboard);

    const revealed = await ok(trainer, id, 'quiz.live.control', { action: 'reveal' });
    expect(revealed.live?.step?.question.results?.choices).toEqual(
      [
        { id: paris, count: 1, right: true },
        { id: lyon, count: 1, right: false },
      ].sort((a, b) => a.id - b.id),
    );
    const lucasSees = await state(lucas, id);
    expect(lucasSees.live?.step?.mine).toEqual({
      answered: true,
      response: { choice: paris },
      outcome: { state: 'right', points: 1000 },
    });
    // Other trainees' answers are counted, never shown; names appear only because the trainer chose a top five.
    expect(lucasSees.live?.step?.question.results?.choices?.map((c) => c.count)).toEqual([1, 1]);
    expect(lucasSees.live?.me.points).toBe(1000);
    expect(lucasSees.live?.leaderboard).toEqual({
      kind: 'top5',
      rows: [
        { rank: 1, name: 'Lucas Bernard', points: 1000 },
        { rank: 2, name: 'Emma Petit', points: 0 },
      ],
    });
    // After the reveal, no more answers.
    expect(
      (
        await ok<{ error?: { code: string } }>(emma, id, 'quiz.live.answer', {
          step: 0,
          response: { choice: 1 },
          key: key(),
        })
      ).error?.code,
    ).toMatch(/already_answered|closed/);
  });

  it('closes a timed question by itself, even across a restart', async () => {
    const id = instance(QUIZ, { timerSeconds: 5, speedPoints: true, leaderboard: 'progress' });
    await ok(trainer, id, 'quiz.live.control', {
      action: 'open',
      settings: { timerSeconds: 5, speedPoints: true, leaderboard: 'progress' },
    });
    await ok(lucas, id, 'quiz.live.join');
    await ok(trainer, id, 'quiz.live.control', { action: 'start' });
    const open = await state(lucas, id);
    expect(open.live?.step?.timeLeftMs).toBeGreaterThan(4_000);
    // The question's deadline is in its stored state: move it into the past, as if the server had been down.
    withDb(app.dataDir, (db) => {
      const row = db.prepare<[string], { state: string }>('SELECT state FROM quiz_live WHERE instance_id = ?').get(id)!;
      const session = JSON.parse(row.state) as { closesAt: number };
      session.closesAt = Date.now() - 1;
      db.prepare('UPDATE quiz_live SET state = ? WHERE instance_id = ?').run(JSON.stringify(session), id);
    });
    await app.close();
    app = await startApp({}, app.dataDir);
    lucas = await login(app, 'lucas.bernard');
    trainer = await login(app, 'claire.martin');
    const closed = await state(lucas, id);
    expect(closed.live?.step?.question.phase).toBe('closed');
    const late = await ok<{ accepted: boolean; error?: { code: string } }>(lucas, id, 'quiz.live.answer', {
      step: 0,
      response: { choice: 1 },
      key: key(),
    });
    expect(late).toMatchObject({ accepted: false, error: { code: 'closed' } });
    expect((await state(lucas, id)).live?.leaderboard).toEqual({ kind: 'progress', me: { points: 0, rank: 1, of: 1 } });
  });
});

describe('results', () => {
  it('gives trainers per-question figures and per-trainee answers, and nothing to trainees', async () => {
    const id = instance();
    for (const [cookie, choice] of [
      [lucas, 1],
      [emma, 0],
    ] as const) {
      await ok(cookie, id, 'quiz.start', { key: key() });
      await act(cookie, id, 1, { type: 'save', slot: 0, response: { choice } });
      await act(cookie, id, 1, { type: 'finish' });
    }
    const results = await ok<Results>(trainer, id, 'quiz.results');
    expect(results.questions[0]).toMatchObject({ number: 1, attempts: 2, facility: 0.5 });
    expect(results.questions[0]?.distribution?.choices).toEqual([
      { id: 0, count: 1, right: false },
      { id: 1, count: 1, right: true },
    ]);
    expect(results.trainees.map((t) => [t.name, t.grade])).toEqual([
      ['Emma Petit', 0],
      ['Lucas Bernard', 5],
    ]);
    expect((await call(lucas, id, 'quiz.results')).status).toBe(403);
    expect((await state(trainer, id)).trainer).toEqual({ participants: 2, finishedAttempts: 2, needsGrading: 0 });
  });
});

describe('open answers', () => {
  it('lets a trainer grade an essay; the gradebook follows, a trainee may not grade', async () => {
    const quiz: Quiz = {
      settings: { behaviour: 'deferred', maxGrade: 10, passGrade: 5 },
      slots: [{ question: { type: 'essay', text: 'Votre avis ?', textFormat: 'plain', defaultMark: 2 } }],
    };
    const id = instance(quiz);
    await ok(lucas, id, 'quiz.start', { key: key() });
    await act(lucas, id, 1, { type: 'save', slot: 0, response: { text: 'Le travail en îlots.' } });
    await act(lucas, id, 1, { type: 'finish' });
    expect((await state(lucas, id)).selfPaced.grade).toBeNull();
    const before = await ok<Results>(trainer, id, 'quiz.results');
    expect(before.essays).toEqual([
      expect.objectContaining({ name: 'Lucas Bernard', response: 'Le travail en îlots.', maxMark: 2, mark: null }),
    ]);
    const essay = before.essays![0]!;
    expect((await call(lucas, id, 'quiz.grade', { attempt: essay.attempt, position: 0, mark: 2 })).status).toBe(403);
    const tooMuch = await ok<{ error?: { code: string } }>(trainer, id, 'quiz.grade', {
      attempt: essay.attempt,
      position: 0,
      mark: 3,
    });
    expect(tooMuch.error?.code).toBe('out_of_range');
    const graded = await ok<{ results: Results }>(trainer, id, 'quiz.grade', {
      attempt: essay.attempt,
      position: 0,
      mark: 1.5,
      comment: 'Précis et justifié.',
    });
    expect(graded.results.essays![0]).toMatchObject({ mark: 1.5, comment: 'Précis et justifié.' });
    const after = await state(lucas, id);
    expect(after.selfPaced.grade).toBe(7.5);
    expect(JSON.stringify(after)).toContain('Précis et justifié.');
    const book = withDb(app.dataDir, (db) =>
      db.prepare('SELECT grade, passed FROM quiz_grades WHERE instance_id = ?').all(id),
    );
    expect(book).toEqual([{ grade: 7.5, passed: 1 }]);
  });
});

describe('accommodations', () => {
  type People = { error?: { code: string }; people: { user: string; name: string; extraTimeSeconds: number }[] };
  const TIMED: Quiz = { ...QUIZ, settings: { ...QUIZ.settings, timeLimitSeconds: 60, submitGraceSeconds: 0 } };
  const userId = (username: string): string =>
    String(
      withDb(app.dataDir, (db) =>
        db.prepare<[string], number>('SELECT id FROM users WHERE username = ?').pluck().get(username),
      ),
    );
  /** As if the attempt had started `seconds` earlier: its start and deadline move back (the clock is the server's). */
  const age = (id: string, username: string, seconds: number): void =>
    withDb(app.dataDir, (db) => {
      const row = db
        .prepare<[string, string], { id: number; state: string }>(
          `SELECT a.id, a.state FROM quiz_attempts a JOIN users u ON u.id = a.user_id
           WHERE a.instance_id = ? AND u.username = ? AND a.status = 'inProgress'`,
        )
        .get(id, username)!;
      const state = JSON.parse(row.state) as { startedAt: number; deadline: number };
      state.startedAt -= seconds * 1000;
      state.deadline -= seconds * 1000;
      db.prepare('UPDATE quiz_attempts SET state = ? WHERE id = ?').run(JSON.stringify(state), row.id);
    });

  it('lists the trainees for trainers only, and refuses bad input and unknown people', async () => {
    const id = instance(TIMED);
    const listed = await ok<People>(trainer, id, 'quiz.accommodations');
    expect(listed.people.length).toBeGreaterThanOrEqual(20);
    expect(listed.people).toContainEqual({ user: userId('lucas.bernard'), name: 'Lucas Bernard', extraTimeSeconds: 0 });
    expect(listed.people.some((person) => person.name === 'Claire Martin')).toBe(false);
    const refused = await call(lucas, id, 'quiz.accommodations', {
      set: { user: userId('lucas.bernard'), extraTimeSeconds: 3_600 },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('unauthorized');
    for (const set of [
      { user: userId('lucas.bernard'), extraTimeSeconds: -60 },
      { user: userId('lucas.bernard'), extraTimeSeconds: 1.5 },
      { user: userId('lucas.bernard'), extraTimeSeconds: '600' },
      { user: userId('lucas.bernard'), extraTimeSeconds: 8 * 24 * 3600 },
      { user: '', extraTimeSeconds: 60 },
      { extraTimeSeconds: 60 },
    ]) {
      const bad = await call(trainer, id, 'quiz.accommodations', { set });
      expect(bad.status, JSON.stringify(set)).toBe(400);
      expect(bad.body.error?.code).toBe('bad_request');
    }
    for (const user of ['999999', 'lucas.bernard', '01', userId('claire.martin')]) {
      const unknown = await ok<People>(trainer, id, 'quiz.accommodations', { set: { user, extraTimeSeconds: 60 } });
      expect(unknown.error?.code, user).toBe('not_found');
    }
    // Nothing was stored by the refused calls.
    expect((await ok<People>(trainer, id, 'quiz.accommodations')).people).toEqual(listed.people);
    expect(
      withDb(app.dataDir, (db) => db.prepare('SELECT * FROM quiz_extra_time WHERE instance_id = ?').all(id)),
    ).toEqual([]);
  });

  it('moves the deadline of the attempt in progress: closed at the limit plus the extra time, not before', async () => {
    const id = instance(TIMED);
    await ok(lucas, id, 'quiz.start', { key: key() });
    expect((await state(lucas, id)).selfPaced.attempt?.timeLeft).toBeLessThanOrEqual(60_000);
    const before = (await state(lucas, id)).version;
    const set = await ok<People>(trainer, id, 'quiz.accommodations', {
      set: { user: userId('lucas.bernard'), extraTimeSeconds: 120 },
    });
    expect(set.error).toBeUndefined();
    expect(set.people.find((person) => person.name === 'Lucas Bernard')?.extraTimeSeconds).toBe(120);
    // The trainee's page learns it (the version moves) and shows the new remaining time.
    const moved = await state(lucas, id);
    expect(moved.version).toBeGreaterThan(before);
    expect(moved.selfPaced.attempt?.timeLeft).toBeGreaterThan(170_000);
    expect(moved.selfPaced.attempt?.timeLeft).toBeLessThanOrEqual(180_000);
    // 90 s later: past the plain limit, the attempt is still open and saves.
    age(id, 'lucas.bernard', 90);
    const later = await state(lucas, id);
    expect(later.selfPaced.attempt?.status).toBe('inProgress');
    expect((await act(lucas, id, 1, { type: 'save', slot: 0, response: { choice: 1 } })).error).toBeUndefined();
    // 100 s more: past the limit plus the extra time, it is closed with what was saved in time.
    age(id, 'lucas.bernard', 100);
    const closed = await state(lucas, id);
    expect(closed.selfPaced.attempt?.status).toBe('finished');
    expect(closed.selfPaced.attempt?.result).toMatchObject({ grade: 5 });
    expect((await act(lucas, id, 1, { type: 'save', slot: 1, response: { text: 'Pix' } })).error?.code).toBe(
      'time_over',
    );
    const stored = withDb(app.dataDir, (db) =>
      db.prepare('SELECT status, grade FROM quiz_attempts WHERE instance_id = ?').all(id),
    );
    expect(stored).toEqual([{ status: 'finished', grade: 5 }]);
  });

  it('gives the extra time to new attempts; 0 removes it, and the deadline moves back', async () => {
    const id = instance(TIMED);
    const emmaId = userId('emma.petit');
    await ok(trainer, id, 'quiz.accommodations', { set: { user: emmaId, extraTimeSeconds: 600 } });
    await ok(emma, id, 'quiz.start', { key: key() });
    expect((await state(emma, id)).selfPaced.attempt?.timeLeft).toBeGreaterThan(650_000);
    // Another trainee's attempt is not touched.
    await ok(hugo, id, 'quiz.start', { key: key() });
    expect((await state(hugo, id)).selfPaced.attempt?.timeLeft).toBeLessThanOrEqual(60_000);
    const removed = await ok<People>(trainer, id, 'quiz.accommodations', {
      set: { user: emmaId, extraTimeSeconds: 0 },
    });
    expect(removed.people.find((person) => person.user === emmaId)?.extraTimeSeconds).toBe(0);
    expect(
      withDb(app.dataDir, (db) => db.prepare('SELECT * FROM quiz_extra_time WHERE instance_id = ?').all(id)),
    ).toEqual([]);
    expect((await state(emma, id)).selfPaced.attempt?.timeLeft).toBeLessThanOrEqual(60_000);
    // Taking the extra time back from an attempt already past the plain limit ends it at once.
    await ok(trainer, id, 'quiz.accommodations', { set: { user: emmaId, extraTimeSeconds: 600 } });
    age(id, 'emma.petit', 120);
    expect((await state(emma, id)).selfPaced.attempt?.status).toBe('inProgress');
    await ok(trainer, id, 'quiz.accommodations', { set: { user: emmaId, extraTimeSeconds: 0 } });
    expect((await state(emma, id)).selfPaced.attempt?.status).toBe('finished');
  });
});
