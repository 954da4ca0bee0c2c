/**
 * Trust: what a trainee's browser may receive. Every secret of the question bank carries a marker (SECRET…
 * in texts, 271828 in numbers) and every view is searched, keys and values, at every step of every
 * behaviour; then what feedback shows, when it shows it.
 */
import { describe, expect, it } from 'vitest';
import { applyAction, gradeManually, liveOrder, liveQuestionView, startAttempt, traineeView } from '../src/index.js';
import type {
  AttemptResult,
  AttemptState,
  AttemptView,
  Behaviour,
  Question,
  Quiz,
  QuizSettings,
  Response,
} from '../src/index.js';

const combined = {
  correctFeedback: 'SECRET-combined-right',
  partiallyCorrectFeedback: 'SECRET-combined-partial',
  incorrectFeedback: 'SECRET-combined-wrong',
};
const common = {
  textFormat: 'html' as const,
  id: 'SECRET-idnumber',
  name: 'SECRET-name',
  category: '$course$/top/SECRET-category',
  tags: ['SECRET-tag'],
  generalFeedback: 'SECRET-general',
  penalty: 27.1828,
  hints: [{ text: 'HINT-ONE', showNumCorrect: true }, { text: 'HINT-TWO' }],
};

const bank: Question[] = [
  {
    type: 'single',
    text: 'Quelle couleur ?',
    ...common,
    ...combined,
    answers: [
      { text: 'jaune', fraction: 100, feedback: 'SECRET-fb-jaune' },
      { text: 'rouge', fraction: 27.1828, feedback: 'SECRET-fb-rouge' },
      { text: 'vert', fraction: 0, feedback: 'SECRET-fb-vert' },
    ],
  },
  {
    type: 'multiple',
    text: 'Lesquels ?',
    ...common,
    ...combined,
    answers: [
      { text: 'un', fraction: 50, feedback: 'SECRET-fb-un' },
      { text: 'deux', fraction: 50, feedback: 'SECRET-fb-deux' },
      { text: 'trois', fraction: -100, feedback: 'SECRET-fb-trois' },
    ],
  },
  {
    type: 'truefalse',
    text: 'Vrai ?',
    ...common,
    correct: true,
    feedbackTrue: 'SECRET-fb-true',
    feedbackFalse: 'SECRET-fb-false',
  },
  {
    type: 'shortanswer',
    text: 'Mot ?',
    ...common,
    caseSensitive: false,
    answers: [
      { text: 'SECRETWORD', fraction: 100, feedback: 'SECRET-fb-word' },
      { text: 'SECRETWO*', fraction: 50 },
    ],
  },
  {
    type: 'numerical',
    text: 'Nombre ?',
    ...common,
    answers: [
      { kind: 'exact', value: 271828, tolerance: 0.271828, fraction: 100, feedback: 'SECRET-fb-num' },
      { kind: 'range', min: 271820, max: 271830, fraction: 50 },
      { kind: 'any', fraction: 0, feedback: 'SECRET-fb-any' },
    ],
  },
  {
    type: 'matching',
    text: 'Associez',
    ...common,
    ...combined,
    pairs: [
      { left: 'chat', right: 'miaou' },
      { left: 'chien', right: 'ouaf' },
      { left: 'vache', right: 'meuh' },
      { left: '', right: 'cocorico' },
    ],
  },
  {
    type: 'ordering',
    text: 'Rangez',
    ...common,
    ...combined,
    items: ['premier', 'deuxième', 'troisième', 'quatrième'],
    grading: 'absolutePosition',
  },
  { type: 'essay', text: 'Avis ?', ...common, graderInfo: 'SECRET-grader' },
  { type: 'description', text: 'Lisez bien.', ...common },
];

/** Keys that only feedback may carry, and keys that must never reach a trainee at all. */
const FEEDBACK_KEYS = ['feedback', 'rightAnswer', 'hint', 'numCorrect', 'result'];
const NEVER_KEYS = [
  'fraction',
  'correct',
  'answers',
  'pairs',
  'hints',
  'penalty',
  'graderInfo',
  'generalFeedback',
  'tags',
  'category',
  'name',
  'id_number',
  'caseSensitive',
  'tolerance_',
  'grading',
  'seed',
  'index',
  'order',
  'choiceOrder',
  'outcome',
];

/**
 * The only keys a view may hold before feedback: anything new must be added here on purpose (a new field is
 * a new way to leak, such as a flag on the bank's first answer).
 */
const ALLOWED_KEYS = new Set([
  // The attempt.
  'number',
  'status',
  'behaviour',
  'deadline',
  'timeLeft',
  'questions',
  // A question.
  'slot',
  'type',
  'text',
  'textAfter',
  'textFormat',
  'maxMark',
  'choices',
  'stems',
  'items',
  'id',
  'response',
  'invalid',
  'triesLeft',
  // Responses, in the terms of the screen.
  'choice',
  'value',
  'order',
  // A live question: its phase and how many answered.
  'phase',
  'responses',
]);

/** Every key and every string or number value in `value`, depth first. */
function leaves(value: unknown, path = '$', out: { path: string; key?: string; value?: unknown }[] = []) {
  if (Array.isArray(value)) value.forEach((item, i) => leaves(item, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push({ path: `${path}.${key}`, key });
      leaves(item, `${path}.${key}`, out);
    }
  } else out.push({ path, value });
  return out;
}

/** The secrets found in a view: markers, the numerical key, keys that must not be there. */
function secretsIn(view: unknown, allowFeedback = false): string[] {
  const found: string[] = [];
  for (const leaf of leaves(view)) {
    if (leaf.key !== undefined) {
      // `order` is also the name of an ordering response and of its right answer, in the terms of the screen.
      const ownOrder = /\.(response|rightAnswer)\.order$/.test(leaf.path);
      if (NEVER_KEYS.includes(leaf.key) && !ownOrder) found.push(`${leaf.path} (key)`);
      if (!allowFeedback && FEEDBACK_KEYS.includes(leaf.key)) found.push(`${leaf.path} (key)`);
      if (!allowFeedback && !ALLOWED_KEYS.has(leaf.key)) found.push(`${leaf.path} (unexpected key)`);
    } else if (typeof leaf.value === 'string' && /SECRET|HINT/.test(leaf.value))
      found.push(`${leaf.path}: ${leaf.value}`);
    else if (typeof leaf.value === 'number' && String(leaf.value).includes('27182'))
      found.push(`${leaf.path}: ${leaf.value}`);
  }
  const text = JSON.stringify(view);
  if (!allowFeedback && /SECRET|HINT|27182/.test(text)) found.push('somewhere in the JSON');
  return found;
}

function quizOf(behaviour: Behaviour, settings: Partial<QuizSettings> = {}): Quiz {
  return {
    settings: { behaviour, shuffleQuestions: true, ...settings },
    slots: bank.map((question) => ({ question })),
  };
}

const T0 = Date.UTC(2025, 8, 1);

function ok(result: AttemptResult): AttemptState {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.state;
}

/** A wrong response for each type, as the screen names things (any position is fine for most). */
function wrongResponse(state: AttemptState, position: number): unknown {
  const slot = state.slots[position];
  const question = bank[slot?.index ?? -1] as Question;
  const shown = (i: number): number => (slot?.order ?? []).indexOf(i);
  switch (question.type) {
    case 'single':
      return { choice: shown(2) };
    case 'multiple':
      return { choices: [shown(0), shown(2)] };
    case 'truefalse':
      return { value: false };
    case 'shortanswer':
      return { text: 'nope' };
    case 'numerical':
      return { text: '12' };
    case 'matching':
      return { choices: [0, 0, 0] };
    case 'ordering':
      return { order: [3, 2, 1, 0].map((i) => shown(i)) };
    case 'essay':
      return { text: 'Mon avis' };
    case 'description':
      return undefined;
  }
}

describe('trainee view: nothing secret before the behaviour allows it', () => {
  for (const behaviour of ['deferred', 'immediate', 'interactive'] as const) {
    it(`${behaviour}: at the start, with every question answered, and after a refused check`, () => {
      for (let k = 0; k < 20; k++) {
        const quiz = quizOf(behaviour);
        let state = ok(startAttempt(quiz, { seed: `trust-${k}`, now: T0 }));
        expect(secretsIn(traineeView(quiz, state, T0))).toEqual([]);
        state.slots.forEach((_, position) => {
          const response = wrongResponse(state, position);
          if (response !== undefined)
            state = ok(applyAction(quiz, state, { type: 'save', slot: position, response }, T0 + 1));
        });
        const view = traineeView(quiz, state, T0 + 2);
        expect(secretsIn(view)).toEqual([]);
        expect(JSON.parse(JSON.stringify(view))).toStrictEqual(view);
      }
    });
  }

  it('interactive: a wrong try shows its feedback and the first hint only, never the key', () => {
    const quiz = quizOf('interactive');
    let state = ok(startAttempt(quiz, { seed: 'tries', now: T0 }));
    const checkable = state.slots
      .map((slot, position) => ({ slot, position }))
      .filter(({ slot }) => !['essay', 'description'].includes(bank[slot.index]?.type ?? ''));
    for (const { position } of checkable) {
      state = ok(
        applyAction(quiz, state, { type: 'check', slot: position, response: wrongResponse(state, position) }, T0 + 1),
      );
    }
    const view = traineeView(quiz, state, T0 + 2);
    for (const question of view.questions.filter((q) => q.status === 'tryAgain')) {
      expect(question.hint).toBe('HINT-ONE');
      expect(question.feedback?.rightAnswer).toBeUndefined();
      expect(question.feedback?.general).toBeUndefined();
      expect(question.feedback?.mark).toBeUndefined();
      expect(question.feedback?.parts).toBeUndefined();
      const { feedback: _feedback, hint: _hint, numCorrect: _numCorrect, ...rest } = question;
      expect(secretsIn(rest), `slot ${question.slot}`).toEqual([]);
      expect(JSON.stringify(question.feedback ?? {})).not.toMatch(/general|HINT-TWO|27182/);
    }
    expect(view.questions.filter((q) => q.status === 'tryAgain').length).toBe(7);
    expect(JSON.stringify(view)).not.toContain('HINT-TWO');
    // The multiple-response hint says how many are right.
    const multiple = view.questions.find((q) => q.type === 'multiple');
    expect(multiple?.numCorrect).toEqual({ right: 1, total: 2 });
  });

  it('immediate: a checked question shows its feedback, the others stay closed', () => {
    const quiz = quizOf('immediate', { shuffleQuestions: false });
    let state = ok(startAttempt(quiz, { seed: 'imm', now: T0 }));
    state = ok(applyAction(quiz, state, { type: 'check', slot: 0, response: wrongResponse(state, 0) }, T0 + 1));
    const view = traineeView(quiz, state, T0 + 2);
    expect(view.questions[0]?.feedback).toMatchObject({
      state: 'wrong',
      specific: ['SECRET-fb-vert', 'SECRET-combined-wrong'],
      general: 'SECRET-general',
      mark: 0,
    });
    expect(secretsIn({ ...view, questions: view.questions.slice(1) })).toEqual([]);
  });

  it('deferred: after the finish, what the review options allow, and no more', () => {
    const closed = {
      correctness: false,
      marks: false,
      specificFeedback: false,
      generalFeedback: false,
      rightAnswer: false,
    };
    const quiz = quizOf('deferred', { reviewAfter: closed });
    let state = ok(startAttempt(quiz, { seed: 'def', now: T0 }));
    state = ok(applyAction(quiz, state, { type: 'finish' }, T0 + 1));
    const view = traineeView(quiz, state, T0 + 2);
    for (const question of view.questions) expect(question.feedback).toEqual({});
    const { questions, ...rest } = view;
    expect(secretsIn({ ...rest, questions: questions.map(({ feedback: _f, ...q }) => q) })).toEqual([]);
    expect(view.result).toBeUndefined();
  });

  it('never shows the bank order: the right choice is anywhere on screen, evenly', () => {
    const quiz: Quiz = {
      settings: { behaviour: 'deferred' },
      slots: [{ question: bank[0] as Question }, { question: bank[5] as Question }],
    };
    const single = [0, 0, 0];
    const matching = [0, 0, 0, 0];
    for (let k = 0; k < 3000; k++) {
      const state = ok(startAttempt(quiz, { seed: `even-${k}`, now: T0 }));
      const view = traineeView(quiz, state, T0);
      single[view.questions[0]?.choices?.findIndex((c) => c.text === 'jaune') ?? -1]! += 1;
      const cat = view.questions[1]?.stems?.find((s) => s.text === 'chat');
      expect(cat).toBeDefined();
      matching[view.questions[1]?.choices?.findIndex((c) => c.text === 'miaou') ?? -1]! += 1;
    }
    for (const count of single) expect(count).toBeGreaterThan(850);
    for (const count of matching) expect(count).toBeGreaterThan(600);
  });
});

describe('trainee view: feedback when it comes', () => {
  it('after a deferred attempt: states, marks, feedback, right answers in the terms of the screen', () => {
    const quiz = quizOf('deferred', { shuffleQuestions: false });
    let state = ok(startAttempt(quiz, { seed: 'review', now: T0 }));
    const yellow = (state.slots[0]?.order ?? []).indexOf(0);
    state = ok(applyAction(quiz, state, { type: 'save', slot: 0, response: { choice: yellow } }, T0 + 1));
    state = ok(applyAction(quiz, state, { type: 'save', slot: 4, response: { text: '271 828,1' } }, T0 + 2));
    state = ok(applyAction(quiz, state, { type: 'save', slot: 7, response: { text: 'Mon avis' } }, T0 + 3));
    state = ok(applyAction(quiz, state, { type: 'finish' }, T0 + 4));
    state = ok(gradeManually(quiz, state, 7, 1, 'Bien argumenté.'));
    const view: AttemptView = traineeView(quiz, state, T0 + 5);
    expect(view.questions[0]?.feedback).toEqual({
      state: 'right',
      parts: [{ id: yellow, state: 'right' }],
      mark: 1,
      specific: ['SECRET-fb-jaune', 'SECRET-combined-right'],
      general: 'SECRET-general',
      rightAnswer: { choices: [yellow] },
    });
    expect(view.questions[4]?.feedback?.rightAnswer).toEqual({ number: 271828, tolerance: 0.271828 });
    expect(view.questions[3]?.feedback?.rightAnswer).toEqual({ text: 'SECRETWORD' });
    expect(view.questions[7]?.feedback).toMatchObject({ state: 'right', mark: 1, comment: 'Bien argumenté.' });
    expect(JSON.stringify(view)).not.toContain('SECRET-grader');
    const matching = view.questions[5];
    const right = matching?.feedback?.rightAnswer as { matches: number[] };
    matching?.stems?.forEach((stem, i) => {
      const expected = { chat: 'miaou', chien: 'ouaf', vache: 'meuh' }[stem.text];
      expect(matching.choices?.[right.matches[i] as number]?.text).toBe(expected);
    });
    const ordering = view.questions[6];
    const order = (ordering?.feedback?.rightAnswer as { order: number[] }).order;
    const byId = new Map(ordering?.items?.map((item) => [item.id, item.text]));
    expect(order.map((id) => byId.get(id))).toEqual(['premier', 'deuxième', 'troisième', 'quatrième']);
    expect(view.result).toMatchObject({ maxMarks: 8, passed: null });
  });

  it('shows an ordering in the trainee’s current order', () => {
    const quiz = quizOf('deferred', { shuffleQuestions: false });
    let state = ok(startAttempt(quiz, { seed: 'ord', now: T0 }));
    const first = traineeView(quiz, state, T0).questions[6];
    const ids = first?.items?.map((i) => i.id) ?? [];
    expect(ids).toEqual([0, 1, 2, 3]);
    state = ok(applyAction(quiz, state, { type: 'save', slot: 6, response: { order: [3, 2, 1, 0] } }, T0 + 1));
    const moved = traineeView(quiz, state, T0 + 2).questions[6];
    expect(moved?.items?.map((i) => i.id)).toEqual([3, 2, 1, 0]);
    expect(moved?.items?.map((i) => i.text)).toEqual([...(first?.items ?? [])].reverse().map((i) => i.text));
  });

  it('counts the time left on the server’s clock', () => {
    const quiz = quizOf('deferred', { timeLimitSeconds: 60 });
    const state = ok(startAttempt(quiz, { seed: 't', now: T0, extraTimeSeconds: 30 }));
    expect(traineeView(quiz, state, T0 + 10_000).timeLeft).toBe(80_000);
    expect(traineeView(quiz, state, T0 + 100_000).timeLeft).toBe(0);
  });
});

describe('live view', () => {
  it('shows the question without its key while open or closed, the results only once revealed', () => {
    for (const question of bank) {
      const order = liveOrder(question, 'session-1');
      const responses: Response[] = [];
      for (const phase of ['open', 'closed'] as const) {
        const view = liveQuestionView(question, order, phase, responses);
        expect(secretsIn(view), `${question.type} ${phase}`).toEqual([]);
      }
    }
  });

  it('counts answers per choice, as shown, after the reveal', () => {
    const question = bank[0] as Question;
    const order = liveOrder(question, 'session-2');
    const shown = (i: number): number => (order.order ?? []).indexOf(i);
    const responses: Response[] = [{ choice: 0 }, { choice: 0 }, { choice: 2 }];
    expect(liveQuestionView(question, order, 'closed', responses)).not.toHaveProperty('results');
    expect(liveQuestionView(question, order, 'closed', responses).responses).toBe(3);
    const results = liveQuestionView(question, order, 'revealed', responses).results;
    expect(results?.states).toEqual({ right: 2, partial: 0, wrong: 1 });
    expect(results?.choices?.find((c) => c.id === shown(0))).toEqual({ id: shown(0), count: 2, right: true });
    expect(results?.choices?.find((c) => c.id === shown(2))).toEqual({ id: shown(2), count: 1, right: false });
    expect(results?.rightAnswer).toEqual({ choices: [shown(0)] });
  });

  it('counts short answers per accepted answer, and the others together', () => {
    const question = bank[3] as Question;
    const results = liveQuestionView(question, liveOrder(question, 's'), 'revealed', [
      { text: 'secretword' },
      { text: 'SecretWombat' },
      { text: 'autre' },
      { text: '' },
    ]).results;
    expect(results?.answers).toEqual([
      { label: 'SECRETWORD', count: 1, state: 'right' },
      { label: 'SECRETWO', count: 1, state: 'partial' },
    ]);
    expect(results?.other).toBe(1);
  });

  it('counts matching choices per stem', () => {
    const question = bank[5] as Question;
    const order = liveOrder(question, 's');
    const results = liveQuestionView(question, order, 'revealed', [
      { choices: [0, 1, 2] },
      { choices: [3, 1, null] },
    ]).results;
    const chatShown = (order.order ?? []).indexOf(0);
    const stem = results?.stems?.[chatShown];
    expect(stem?.counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(stem?.counts[(order.choiceOrder ?? []).indexOf(0)]).toBe(1);
    expect(stem?.right).toBe((order.choiceOrder ?? []).indexOf(0));
  });
});
