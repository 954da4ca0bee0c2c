/**
 * The attempt state machine: starting (shuffles, deadlines, limits), the three behaviours, time, grades,
 * and resuming from stored JSON.
 */
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  attemptGrade,
  canStart,
  closeIfOverdue,
  gradeManually,
  parseAttemptState,
  quizGrade,
  startAttempt,
  toDisplayed,
  withExtraTime,
} from '../src/index.js';
import type { AttemptResult, AttemptState, Question, Quiz, QuizSettings } from '../src/index.js';

const capital: Question = {
  type: 'single',
  text: 'Capitale de la France ?',
  textFormat: 'moodle',
  hints: [{ text: 'Sur la Seine.' }, { text: 'Commence par P.' }],
  penalty: 25,
  answers: [
    { text: 'Paris', fraction: 100, feedback: 'Oui.' },
    { text: 'Lyon', fraction: 0, feedback: 'Non.' },
    { text: 'Marseille', fraction: 0 },
    { text: 'Lille', fraction: 0 },
  ],
};
const primes: Question = {
  type: 'multiple',
  text: 'Nombres premiers ?',
  textFormat: 'moodle',
  hints: [{ text: 'Un nombre premier a deux diviseurs.', clearWrong: true, showNumCorrect: true }],
  answers: [
    { text: '2', fraction: 50 },
    { text: '3', fraction: 50 },
    { text: '4', fraction: -100 },
  ],
};
const pi: Question = {
  type: 'numerical',
  text: 'π à 0,01 près',
  textFormat: 'moodle',
  defaultMark: 2,
  answers: [{ kind: 'exact', value: 3.14, tolerance: 0.01, fraction: 100 }],
};
const intro: Question = { type: 'description', text: 'Partie 2', textFormat: 'moodle' };
const essay: Question = { type: 'essay', text: 'Votre avis ?', textFormat: 'moodle' };
const order: Question = {
  type: 'ordering',
  text: 'Dans l’ordre',
  textFormat: 'moodle',
  items: ['un', 'deux', 'trois', 'quatre'],
  grading: 'absolutePosition',
};
const match: Question = {
  type: 'matching',
  text: 'Pays et capitales',
  textFormat: 'moodle',
  pairs: [
    { left: 'France', right: 'Paris' },
    { left: 'Italie', right: 'Rome' },
    { left: 'Espagne', right: 'Madrid' },
    { left: '', right: 'Lyon' },
  ],
};

function quizOf(settings: Partial<QuizSettings>, questions: Question[] = [capital, primes, pi]): Quiz {
  return { settings: { behaviour: 'deferred', ...settings }, slots: questions.map((question) => ({ question })) };
}

const T0 = Date.UTC(2025, 8, 1, 8, 0, 0);

function ok(result: AttemptResult): AttemptState {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.state;
}

function start(quiz: Quiz, seed = 'seed-1', extra: Partial<Parameters<typeof startAttempt>[1]> = {}): AttemptState {
  return ok(startAttempt(quiz, { seed, now: T0, ...extra }));
}

/** The position on screen of the model's answer `answer` in slot `position`. */
function shownAt(state: AttemptState, position: number, answer: number): number {
  return (state.slots[position]?.order ?? []).indexOf(answer);
}

/** The screen position of the slot showing quiz question `index`. */
function slotOf(state: AttemptState, index: number): number {
  return state.slots.findIndex((s) => s.index === index);
}

describe('starting an attempt', () => {
  it('draws the same shuffles from the same seed, and others from another', () => {
    const quiz = quizOf({ shuffleQuestions: true });
    expect(start(quiz, 'a')).toStrictEqual(start(quiz, 'a'));
    const orders = new Set(
      Array.from({ length: 30 }, (_, i) => JSON.stringify(start(quiz, `s${i}`).slots.map((s) => [s.index, s.order]))),
    );
    expect(orders.size).toBeGreaterThan(20);
  });

  it('keeps the order when shuffling is off, for the quiz or for one question', () => {
    expect(start(quizOf({ shuffleAnswers: false })).slots[0]?.order).toEqual([0, 1, 2, 3]);
    const own = quizOf({}, [{ ...capital, shuffleAnswers: false }]);
    expect(start(own).slots[0]?.order).toEqual([0, 1, 2, 3]);
    expect(start(quizOf({})).slots.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it('puts the right answer anywhere, evenly (the screen position says nothing)', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const state = start(quizOf({}, [capital]), `even-${i}`);
      counts[shownAt(state, 0, 0)]! += 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan(850);
  });

  it('shuffles questions around descriptions, which keep their place', () => {
    const quiz = quizOf({ shuffleQuestions: true }, [capital, primes, intro, pi, essay]);
    for (let i = 0; i < 20; i++) expect(start(quiz, `d${i}`).slots[2]?.index).toBe(2);
  });

  it('never shows an ordering already in order, and takes the order shown as the response', () => {
    const quiz = quizOf({}, [{ ...order, items: ['a', 'b'] }]);
    for (let i = 0; i < 50; i++) {
      const slot = start(quiz, `o${i}`).slots[0];
      expect(slot?.order).toEqual([1, 0]);
      expect(slot?.response).toEqual({ order: [1, 0] });
    }
  });

  it('always shuffles matching choices, even when stems stay in place', () => {
    const quiz = quizOf({ shuffleAnswers: false }, [match]);
    const orders = new Set(
      Array.from({ length: 30 }, (_, i) => JSON.stringify(start(quiz, `m${i}`).slots[0]?.choiceOrder)),
    );
    expect(orders.size).toBeGreaterThan(5);
    expect(start(quiz).slots[0]?.order).toEqual([0, 1, 2]);
  });

  it('sets the deadline from the time limit, the extra time and the closing date', () => {
    expect(start(quizOf({})).deadline).toBeNull();
    expect(start(quizOf({ timeLimitSeconds: 600 })).deadline).toBe(T0 + 600_000);
    expect(start(quizOf({ timeLimitSeconds: 600 }), 's', { extraTimeSeconds: 200 }).deadline).toBe(T0 + 800_000);
    expect(start(quizOf({ timeLimitSeconds: 600, closesAt: T0 + 300_000 })).deadline).toBe(T0 + 300_000);
    expect(start(quizOf({ closesAt: T0 + 300_000 })).deadline).toBe(T0 + 300_000);
  });

  it('moves the deadline of an attempt in progress when the extra time changes, and no other', () => {
    const quiz = quizOf({ timeLimitSeconds: 600, submitGraceSeconds: 0 });
    const first = start(quiz, 's', { extraTimeSeconds: 200 });
    expect(withExtraTime(quiz, first, 300, T0 + 1000).deadline).toBe(T0 + 900_000);
    // 0 removes it; the given state is not changed; the same deadline gives the same object.
    expect(withExtraTime(quiz, first, 0, T0 + 1000).deadline).toBe(T0 + 600_000);
    expect(first.deadline).toBe(T0 + 800_000);
    expect(withExtraTime(quiz, first, 200, T0 + 1000)).toBe(first);
    // Never after the quiz closes.
    const closing = quizOf({ timeLimitSeconds: 600, closesAt: T0 + 700_000 });
    expect(withExtraTime(closing, start(closing), 3_600, T0).deadline).toBe(T0 + 700_000);
    // An attempt already overdue stays as it is (the host closes it), and a finished one too.
    expect(withExtraTime(quiz, first, 3_600, T0 + 801_000)).toBe(first);
    const done = ok(applyAction(quiz, first, { type: 'finish' }, T0 + 1000));
    expect(withExtraTime(quiz, done, 3_600, T0 + 2000)).toBe(done);
    // Without a time limit there is nothing to move.
    expect(withExtraTime(quizOf({}), start(quizOf({})), 600, T0).deadline).toBeNull();
  });

  it('refuses a new attempt when the quiz is closed, one is in progress, or none is left', () => {
    const quiz = quizOf({ attemptsAllowed: 2, closesAt: T0 + 3_600_000 });
    const first = start(quiz);
    expect(startAttempt(quiz, { seed: 'x', now: T0, previous: [first] })).toMatchObject({
      ok: false,
      error: { code: 'attempt_in_progress' },
    });
    const done = ok(applyAction(quiz, first, { type: 'finish' }, T0 + 1000));
    const second = ok(startAttempt(quiz, { seed: 'y', now: T0 + 2000, previous: [done] }));
    expect(second.number).toBe(2);
    const done2 = ok(applyAction(quiz, second, { type: 'finish' }, T0 + 3000));
    expect(canStart(quiz, [done, done2], T0 + 4000)).toMatchObject({ ok: false, error: { code: 'no_attempts_left' } });
    expect(canStart(quiz, [], T0 + 3_600_000)).toMatchObject({ ok: false, error: { code: 'closed' } });
  });
});

describe('deferred feedback', () => {
  const quiz = quizOf({ passGrade: 5 }, [capital, primes, pi, essay, intro]);

  it('saves responses as shown on screen, in the question’s terms, and grades only at the finish', () => {
    let state = start(quiz);
    state = ok(applyAction(quiz, state, { type: 'save', slot: 0, response: { choice: shownAt(state, 0, 0) } }, T0 + 1));
    expect(state.slots[0]?.response).toEqual({ choice: 0 });
    expect(toDisplayed(capital, state.slots[0]!, state.slots[0]!.response)).toEqual({ choice: shownAt(state, 0, 0) });
    expect(state.slots[0]?.outcome).toBeNull();
    expect(applyAction(quiz, state, { type: 'check', slot: 0 }, T0 + 2)).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
    state = ok(
      applyAction(
        quiz,
        state,
        { type: 'save', slot: 1, response: { choices: [shownAt(state, 1, 0), shownAt(state, 1, 2)] } },
        T0 + 3,
      ),
    );
    expect(state.slots[1]?.response).toEqual({ choices: [0, 2] });
    state = ok(applyAction(quiz, state, { type: 'save', slot: 2, response: { text: '3,14' } }, T0 + 4));
    state = ok(applyAction(quiz, state, { type: 'save', slot: 3, response: { text: 'Très bien.' } }, T0 + 5));
    state = ok(applyAction(quiz, state, { type: 'finish' }, T0 + 6));
    expect(state.status).toBe('finished');
    expect(state.finishedAt).toBe(T0 + 6);
    expect(state.slots.map((s) => s.outcome?.state)).toEqual(['right', 'wrong', 'right', 'needsGrading', 'noMark']);
    expect(state.slots.map((s) => s.fraction)).toEqual([1, 0, 1, null, null]);

    const pending = attemptGrade(quiz, state);
    expect(pending).toMatchObject({ marks: null, grade: null, passed: null, needsGrading: 1, maxMarks: 5 });
    const graded = ok(gradeManually(quiz, state, 3, 0.5, 'Argumentez.'));
    expect(graded.slots[3]).toMatchObject({ fraction: 0.5, manual: { fraction: 0.5, comment: 'Argumentez.' } });
    // 1 + 0 + 2 + 0.5 = 3.5 out of 5 → 7 out of 10, passed (5).
    expect(attemptGrade(quiz, graded)).toMatchObject({ marks: 3.5, grade: 7, passed: true, needsGrading: 0 });
  });

  it('counts unanswered questions as 0 and refuses any action once finished', () => {
    const state = ok(applyAction(quiz, start(quiz), { type: 'finish' }, T0 + 1));
    expect(state.slots.map((s) => s.outcome?.state)).toEqual([
      'unanswered',
      'unanswered',
      'unanswered',
      'unanswered',
      'noMark',
    ]);
    expect(attemptGrade(quiz, state)).toMatchObject({ marks: 0, grade: 0, passed: false });
    expect(applyAction(quiz, state, { type: 'save', slot: 0, response: { choice: 0 } }, T0 + 2)).toMatchObject({
      ok: false,
      error: { code: 'finished' },
    });
  });

  it('refuses bad actions and responses without changing anything', () => {
    const state = start(quiz);
    const frozen = JSON.stringify(state);
    for (const action of [
      null,
      'finish',
      { type: 'explode' },
      { type: 'save', slot: -1, response: {} },
      { type: 'save', slot: 99, response: { choice: 0 } },
      { type: 'save', slot: 0, response: { choice: 4 } },
      { type: 'save', slot: 1, response: { choices: [0, 0] } },
      { type: 'save', slot: 4, response: {} },
      { type: 'finish', responses: [{ slot: 0, response: { choice: 'x' } }] },
    ]) {
      const result = applyAction(quiz, state, action, T0 + 1);
      expect(result.ok, JSON.stringify(action)).toBe(false);
    }
    expect(JSON.stringify(state)).toBe(frozen);
  });

  it('saves the responses sent with the finish', () => {
    const state = ok(
      applyAction(quiz, start(quiz), { type: 'finish', responses: [{ slot: 2, response: { text: '3.14' } }] }, T0 + 1),
    );
    expect(state.slots[2]?.fraction).toBe(1);
  });

  it('grades an untouched ordering as shown, as Moodle does', () => {
    const q = quizOf({}, [order]);
    const state = start(q);
    const finished = ok(applyAction(q, state, { type: 'finish' }, T0 + 1));
    expect(finished.slots[0]?.outcome?.state).not.toBe('unanswered');
  });
});

describe('immediate feedback', () => {
  const quiz = quizOf({ behaviour: 'immediate' }, [capital, pi, essay]);

  it('grades a checked question once, then keeps it read-only', () => {
    let state = start(quiz);
    const wrong = shownAt(state, 0, 1);
    state = ok(applyAction(quiz, state, { type: 'check', slot: 0, response: { choice: wrong } }, T0 + 1));
    expect(state.slots[0]).toMatchObject({
      status: 'done',
      fraction: 0,
      outcome: { state: 'wrong', feedback: ['Non.'] },
    });
    for (const action of [
      { type: 'save', slot: 0, response: { choice: shownAt(state, 0, 0) } },
      { type: 'check', slot: 0, response: { choice: shownAt(state, 0, 0) } },
      { type: 'check', slot: 0 },
    ]) {
      expect(applyAction(quiz, state, action, T0 + 2)).toMatchObject({ ok: false, error: { code: 'read_only' } });
    }
  });

  it('does not count a check of an incomplete response, and says why', () => {
    let state = start(quiz);
    state = ok(applyAction(quiz, state, { type: 'check', slot: 1, response: { text: 'trois' } }, T0 + 1));
    expect(state.slots[1]).toMatchObject({ status: 'todo', invalid: 'not_a_number', response: { text: 'trois' } });
    state = ok(applyAction(quiz, state, { type: 'check', slot: 1, response: { text: '3,14' } }, T0 + 2));
    expect(state.slots[1]).toMatchObject({ status: 'done', fraction: 1 });
    expect(state.slots[1]?.invalid).toBeUndefined();
    expect(applyAction(quiz, state, { type: 'check', slot: 2, response: { text: 'x' } }, T0 + 3)).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
  });
});

describe('interactive with several tries', () => {
  const quiz = quizOf({ behaviour: 'interactive' }, [capital, primes, pi]);

  it('gives as many tries as hints + 1, with the penalty per wrong try', () => {
    let state = start(quiz);
    const lyon = shownAt(state, 0, 1);
    const paris = shownAt(state, 0, 0);
    state = ok(applyAction(quiz, state, { type: 'check', slot: 0, response: { choice: lyon } }, T0 + 1));
    expect(state.slots[0]).toMatchObject({ status: 'tryAgain', tries: 1, fraction: null, outcome: { state: 'wrong' } });
    expect(applyAction(quiz, state, { type: 'save', slot: 0, response: { choice: paris } }, T0 + 2)).toMatchObject({
      ok: false,
      error: { code: 'read_only' },
    });
    state = ok(applyAction(quiz, state, { type: 'tryAgain', slot: 0 }, T0 + 3));
    expect(state.slots[0]?.status).toBe('todo');
    expect(state.slots[0]?.response).toEqual({ choice: 1 });
    state = ok(applyAction(quiz, state, { type: 'check', slot: 0, response: { choice: paris } }, T0 + 4));
    // Right at the second try: 1 - 25 %.
    expect(state.slots[0]).toMatchObject({ status: 'done', tries: 1, fraction: 0.75, outcome: { state: 'right' } });
  });

  it('ends with the last try, penalties applied, at least 0', () => {
    let state = start(quiz);
    const lyon = shownAt(state, 0, 1);
    for (let i = 0; i < 2; i++) {
      state = ok(applyAction(quiz, state, { type: 'check', slot: 0, response: { choice: lyon } }, T0 + 1));
      state = ok(applyAction(quiz, state, { type: 'tryAgain', slot: 0 }, T0 + 2));
    }
    state = ok(applyAction(quiz, state, { type: 'check', slot: 0 }, T0 + 3));
    expect(state.slots[0]).toMatchObject({ status: 'done', tries: 2, fraction: 0, outcome: { state: 'wrong' } });
    expect(applyAction(quiz, state, { type: 'tryAgain', slot: 0 }, T0 + 4)).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
  });

  it('checks a question without hints once, like immediate feedback', () => {
    let state = start(quiz);
    state = ok(applyAction(quiz, state, { type: 'check', slot: 2, response: { text: '3' } }, T0 + 1));
    expect(state.slots[2]).toMatchObject({ status: 'done', fraction: 0 });
  });

  it('counts a partly right try as wrong, and clears wrong choices when the hint says so', () => {
    let state = start(quiz);
    const two = shownAt(state, 1, 0);
    const four = shownAt(state, 1, 2);
    state = ok(applyAction(quiz, state, { type: 'check', slot: 1, response: { choices: [two, four] } }, T0 + 1));
    expect(state.slots[1]).toMatchObject({
      status: 'tryAgain',
      outcome: { state: 'wrong', parts: { right: 1, total: 2 } },
    });
    state = ok(applyAction(quiz, state, { type: 'tryAgain', slot: 1 }, T0 + 2));
    expect(state.slots[1]?.response).toEqual({ choices: [0] });
  });

  it('grades an unfinished question at the finish with the penalties of its wrong tries', () => {
    let state = start(quiz);
    const paris = shownAt(state, 0, 0);
    state = ok(
      applyAction(quiz, state, { type: 'check', slot: 0, response: { choice: shownAt(state, 0, 2) } }, T0 + 1),
    );
    state = ok(applyAction(quiz, state, { type: 'tryAgain', slot: 0 }, T0 + 2));
    state = ok(applyAction(quiz, state, { type: 'save', slot: 0, response: { choice: paris } }, T0 + 3));
    state = ok(applyAction(quiz, state, { type: 'finish' }, T0 + 4));
    expect(state.slots[0]).toMatchObject({ fraction: 0.75, outcome: { state: 'right' } });
    // Default penalty: 33.33333 %, but nothing was tried on the others.
    expect(state.slots.map((s) => s.outcome?.state)).toEqual(['right', 'unanswered', 'unanswered']);
  });
});

describe('time limit', () => {
  const quiz = quizOf({ timeLimitSeconds: 60, submitGraceSeconds: 30 }, [capital, pi]);

  it('refuses saves after the deadline, accepts a finish with responses within the grace period', () => {
    const state = start(quiz, 's', { extraTimeSeconds: 30 });
    expect(state.deadline).toBe(T0 + 90_000);
    expect(applyAction(quiz, state, { type: 'save', slot: 1, response: { text: '3.14' } }, T0 + 89_000).ok).toBe(true);
    expect(applyAction(quiz, state, { type: 'save', slot: 1, response: { text: '3.14' } }, T0 + 90_001)).toMatchObject({
      ok: false,
      error: { code: 'time_over' },
    });
    const late = ok(
      applyAction(quiz, state, { type: 'finish', responses: [{ slot: 1, response: { text: '3.14' } }] }, T0 + 110_000),
    );
    expect(late).toMatchObject({ status: 'finished', finishedAt: T0 + 90_000 });
    expect(late.slots[1]?.fraction).toBe(1);
    expect(applyAction(quiz, state, { type: 'finish' }, T0 + 120_001)).toMatchObject({
      ok: false,
      error: { code: 'time_over' },
    });
  });

  it('closes an overdue attempt with what was saved in time', () => {
    let state = start(quiz);
    state = ok(applyAction(quiz, state, { type: 'save', slot: 1, response: { text: '3.14' } }, T0 + 10_000));
    expect(closeIfOverdue(quiz, state, T0 + 90_000)).toBe(state);
    const closed = closeIfOverdue(quiz, state, T0 + 90_001);
    expect(closed).toMatchObject({ status: 'finished', finishedAt: T0 + 60_000 });
    expect(closed.slots[1]?.fraction).toBe(1);
    expect(state.status).toBe('inProgress');
  });
});

describe('grades over attempts', () => {
  it('follows the grading method', () => {
    const finishWith = (quiz: Quiz, number: number, text: string): AttemptState => {
      let state = ok(startAttempt(quiz, { seed: `g${number}`, now: T0 }));
      state = { ...state, number };
      return ok(applyAction(quiz, state, { type: 'finish', responses: [{ slot: 0, response: { text } }] }, T0 + 1));
    };
    const grades = (method: QuizSettings['gradingMethod']): number | null => {
      const quiz = quizOf({ gradingMethod: method, maxGrade: 20 }, [pi]);
      return quizGrade(quiz, [finishWith(quiz, 2, '3.14'), finishWith(quiz, 1, '0'), finishWith(quiz, 3, '0')]);
    };
    expect(grades('highest')).toBe(20);
    expect(grades('average')).toBe(6.66667);
    expect(grades('first')).toBe(0);
    expect(grades('last')).toBe(0);
    expect(quizGrade(quizOf({}), [])).toBeNull();
  });

  it('never goes below 0 with negative marks', () => {
    const quiz = quizOf({}, [
      capital,
      {
        ...capital,
        answers: [
          { text: 'x', fraction: 100 },
          { text: 'y', fraction: -100 },
        ],
      },
    ]);
    let state = start(quiz);
    const second = slotOf(state, 1);
    state = ok(
      applyAction(quiz, state, { type: 'save', slot: second, response: { choice: shownAt(state, second, 1) } }, T0),
    );
    state = ok(applyAction(quiz, state, { type: 'finish' }, T0 + 1));
    expect(attemptGrade(quiz, state)).toMatchObject({ marks: -1, grade: 0 });
  });
});

describe('resuming', () => {
  const quiz = quizOf({ behaviour: 'interactive', shuffleQuestions: true }, [capital, primes, pi, match, order]);

  it('continues the same from stored JSON, on another device', () => {
    let state = start(quiz);
    state = ok(applyAction(quiz, state, { type: 'check', slot: slotOf(state, 0), response: { choice: 1 } }, T0 + 1));
    const matching = slotOf(state, 3);
    state = ok(applyAction(quiz, state, { type: 'save', slot: matching, response: { choices: [0, 1, null] } }, T0 + 2));
    const stored = JSON.parse(JSON.stringify(state)) as unknown;
    const resumed = parseAttemptState(quiz, stored);
    expect(resumed).toStrictEqual(state);
    const next = (s: AttemptState): AttemptState => ok(applyAction(quiz, s, { type: 'finish' }, T0 + 3));
    expect(next(resumed as AttemptState)).toStrictEqual(next(state));
  });

  it('refuses a stored state that is not one, or does not fit the quiz', () => {
    const state = start(quiz);
    expect(parseAttemptState(quiz, null)).toBeNull();
    expect(parseAttemptState(quiz, { ...state, version: 2 })).toBeNull();
    expect(parseAttemptState(quiz, { ...state, slots: [{ ...state.slots[0], index: 99 }] })).toBeNull();
    const position = slotOf(state, 0);
    const tampered = structuredClone(state);
    tampered.slots[position]!.response = { choice: 42 };
    expect(parseAttemptState(quiz, tampered)).toBeNull();
    const reordered = structuredClone(state);
    reordered.slots[position]!.order = [0, 0, 1, 2];
    expect(parseAttemptState(quiz, reordered)).toBeNull();
    const shortened = structuredClone(state);
    shortened.slots[slotOf(state, 3)]!.choiceOrder = [0, 1];
    expect(parseAttemptState(quiz, shortened)).toBeNull();
  });
});
