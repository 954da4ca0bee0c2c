/**
 * The shared behaviour vectors (test/vectors/quiz-behaviours.json): attempts played step by step, with what the
 * trainee's view holds and lacks at each step. A future PHP port of attempt.ts and view.ts is to pass them too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyAction, attemptGrade, closeIfOverdue, startAttempt, traineeView } from '../src/index.js';
import type { AttemptState, Quiz, StartOptions } from '../src/index.js';

interface Step {
  at: number;
  action: unknown;
  expect: {
    ok: boolean;
    code?: string;
    status?: string;
    finishedAt?: number;
    slots?: { status: string; tries: number; fraction: number | null; state: string | null; invalid?: string }[];
    state?: unknown;
    grade?: Record<string, unknown>;
    view?: unknown;
    viewLacks?: string[];
  };
}

interface BehaviourFile {
  description: string;
  cases: {
    name: string;
    quiz: Quiz;
    start: StartOptions;
    orders?: { order?: number[]; choiceOrder?: number[] }[];
    steps: Step[];
  }[];
  startCases: { name: string; quiz: Quiz; start: StartOptions; expected: AttemptState }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/quiz-behaviours.json', import.meta.url), 'utf8'),
) as BehaviourFile;

/** `actual` holds `expected`: objects key by key (more keys allowed), arrays element by element, same length. */
function holds(actual: unknown, expected: unknown, path = '$'): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: ${JSON.stringify(actual)}`];
    return expected.flatMap((item, i) => holds(actual[i], item, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      holds((actual as Record<string, unknown>)[key], value, `${path}.${key}`),
    );
  }
  return Object.is(actual, expected) || actual === expected
    ? []
    : [`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
}

function keysIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysIn(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.add(key);
      keysIn(item, out);
    }
  }
  return out;
}

describe('behaviour vectors', () => {
  it('has distinct case names', () => {
    expect(new Set(vectors.cases.map((c) => c.name)).size).toBe(vectors.cases.length);
    expect(new Set(vectors.startCases.map((c) => c.name)).size).toBe(vectors.startCases.length);
  });

  for (const c of vectors.startCases) {
    it(`start: ${c.name}`, () => {
      expect(startAttempt(c.quiz, c.start)).toStrictEqual({ ok: true, state: c.expected });
    });
  }

  for (const c of vectors.cases) {
    it(c.name, () => {
      const started = startAttempt(c.quiz, c.start);
      if (!started.ok) throw new Error(started.error.code);
      let state: AttemptState = started.state;
      c.orders?.forEach((o, i) => {
        const slot = state.slots[i];
        if (!slot) return;
        if (o.order) slot.order = o.order;
        if (o.choiceOrder) slot.choiceOrder = o.choiceOrder;
        if (o.order && c.quiz.slots[slot.index]?.question.type === 'ordering') slot.response = { order: [...o.order] };
      });
      c.steps.forEach((step, n) => {
        const where = `step ${n + 1}`;
        const before = JSON.stringify(state);
        if (step.action === 'closeIfOverdue') state = closeIfOverdue(c.quiz, state, step.at);
        else {
          const result = applyAction(c.quiz, state, step.action, step.at);
          expect(result.ok, where).toBe(step.expect.ok);
          if (!result.ok) {
            expect(result.error.code, where).toBe(step.expect.code);
            expect(JSON.stringify(state), where).toBe(before);
            return;
          }
          state = result.state;
        }
        const e = step.expect;
        if (e.status !== undefined) expect(state.status, where).toBe(e.status);
        if (e.finishedAt !== undefined) expect(state.finishedAt, where).toBe(e.finishedAt);
        if (e.slots !== undefined) {
          expect(
            state.slots.map((s) => ({
              status: s.status,
              tries: s.tries,
              fraction: s.fraction,
              state: s.outcome?.state ?? null,
              ...(s.invalid !== undefined && { invalid: s.invalid }),
            })),
            where,
          ).toStrictEqual(e.slots);
        }
        if (e.state !== undefined) expect(holds(state, e.state), where).toEqual([]);
        if (e.grade !== undefined) {
          const { slots: _slots, status: _status, ...grade } = attemptGrade(c.quiz, state);
          expect(grade, where).toStrictEqual(e.grade);
        }
        const view = traineeView(c.quiz, state, step.at);
        if (e.view !== undefined) expect(holds(view, e.view), where).toEqual([]);
        const keys = keysIn(view);
        for (const key of e.viewLacks ?? []) expect(keys.has(key), `${where}: ${key}`).toBe(false);
      });
    });
  }
});
