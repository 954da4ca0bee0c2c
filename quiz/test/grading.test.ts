/**
 * Grading beyond the shared vectors: hostile input never throws, grades stay in range, and what a check
 * needs before it counts as a try.
 */
import { describe, expect, it } from 'vitest';
import { grade, incompleteReason, parseResponse } from '../src/index.js';
import type { Question } from '../src/index.js';

const questions: Question[] = [
  {
    type: 'single',
    text: 'S',
    textFormat: 'moodle',
    answers: [
      { text: 'a', fraction: 100 },
      { text: 'b', fraction: -100 },
    ],
  },
  {
    type: 'multiple',
    text: 'M',
    textFormat: 'moodle',
    answers: [
      { text: 'a', fraction: 50 },
      { text: 'b', fraction: 50 },
      { text: 'c', fraction: -100 },
    ],
  },
  { type: 'truefalse', text: 'T', textFormat: 'moodle', correct: true },
  {
    type: 'shortanswer',
    text: 'SA',
    textFormat: 'moodle',
    caseSensitive: false,
    answers: [{ text: 'a*', fraction: 100 }],
  },
  {
    type: 'numerical',
    text: 'N',
    textFormat: 'moodle',
    answers: [{ kind: 'exact', value: 1, tolerance: 0.5, fraction: 100 }],
  },
  {
    type: 'matching',
    text: 'Ma',
    textFormat: 'moodle',
    pairs: [
      { left: 'a', right: '1' },
      { left: 'b', right: '2' },
      { left: '', right: '3' },
    ],
  },
  { type: 'ordering', text: 'O', textFormat: 'moodle', items: ['x', 'y', 'z'], grading: 'relativeAllPreviousAndNext' },
  { type: 'essay', text: 'E', textFormat: 'moodle' },
  { type: 'description', text: 'D', textFormat: 'moodle' },
];

function byType(type: Question['type']): Question {
  const question = questions.find((q) => q.type === type);
  if (!question) throw new Error(type);
  return question;
}

const nasty: unknown[] = [
  undefined,
  null,
  0,
  NaN,
  Infinity,
  -Infinity,
  '',
  'x'.repeat(1_000_000),
  [],
  {},
  { choice: NaN },
  { choice: Infinity },
  { choice: 1e300 },
  { choice: -0 },
  { choices: [NaN] },
  { choices: new Array(1_000_000).fill(0) },
  { choices: [0, 0] },
  { choices: [null, null] },
  { choices: ['0', 1] },
  { value: null },
  { text: null },
  { text: 'a'.repeat(200_000) },
  { text: '\uD800' },
  { text: 'ok', extra: { deep: [1, 2, 3] } },
  { order: [2, 1, 0] },
  { order: [0, 1, 1] },
  { order: [0, 1, 2, 3] },
  JSON.parse('{"__proto__": {"choice": 0}, "choice": 0}'),
  Object.create(null),
  () => 1,
  Symbol('s'),
  new Date(0),
];

describe('grading robustness', () => {
  it('never throws on hostile input, and grades only what it accepts, within range', () => {
    for (const question of questions) {
      for (const input of nasty) {
        const parsed = parseResponse(question, input);
        if (!parsed.ok) {
          expect(typeof parsed.error.code).toBe('string');
          expect(parsed.error.message.length).toBeGreaterThan(0);
          continue;
        }
        const result = grade(question, parsed.response);
        if (result.fraction !== null) {
          expect(result.fraction).toBeGreaterThanOrEqual(question.type === 'single' ? -1 : 0);
          expect(result.fraction).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('refuses a million-element array by its length, without reading its elements', () => {
    // Counted, not timed (timings belong in npm run bench): the refusal must not depend on the array's content.
    let reads = 0;
    const huge = new Proxy(new Array<number>(1_000_000).fill(0), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const parsed = parseResponse(byType('multiple'), { choices: huge });
    expect(parsed).toMatchObject({ ok: false, error: { code: 'too_long' } });
    expect(reads).toBe(0);
  });

  it('says why a response cannot be checked yet', () => {
    expect(incompleteReason(byType('single'), null)).toBe('answer_required');
    expect(incompleteReason(byType('single'), { choice: 1 })).toBeUndefined();
    expect(incompleteReason(byType('numerical'), { text: 'un' })).toBe('not_a_number');
    expect(incompleteReason(byType('numerical'), { text: '1,5' })).toBeUndefined();
    expect(incompleteReason(byType('matching'), { choices: [0, null] })).toBe('all_parts_required');
    expect(incompleteReason(byType('matching'), { choices: [0, 2] })).toBeUndefined();
    expect(incompleteReason(byType('ordering'), { order: [0, 1, 2] })).toBeUndefined();
    expect(incompleteReason(byType('essay'), { text: '  ' })).toBe('answer_required');
    expect(incompleteReason(byType('description'), null)).toBeUndefined();
  });
});
