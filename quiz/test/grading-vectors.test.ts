/**
 * The shared grading vectors (test/vectors/quiz-grading.json), which the Moodle plugin's PHP port passes too
 * (moodle-plugin-stubs/tests-pure/QuizGradingTest.php), played through the TypeScript functions.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { grade, parseNumber, parseResponse } from '../src/index.js';
import { QUESTION_TYPES, Question } from '../src/model.js';
import type { GradeResult, Response, ResponseErrorCode } from '../src/index.js';

interface GradingFile {
  description: string;
  cases: { name: string; question: Question; response: Response | null; expected: GradeResult }[];
  responseCases: {
    name: string;
    question: Question;
    input: unknown;
    expected: { ok: true; response: Response } | { ok: false; code: ResponseErrorCode };
  }[];
  numberCases: { text: string; expected: number | null }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/quiz-grading.json', import.meta.url), 'utf8'),
) as GradingFile;

describe('grading vectors', () => {
  it('has distinct case names and valid questions', () => {
    for (const list of [vectors.cases, vectors.responseCases]) {
      expect(new Set(list.map((c) => c.name)).size).toBe(list.length);
      for (const c of list) expect(v.safeParse(Question, c.question).issues, c.name).toBeUndefined();
    }
  });

  it('covers every question type and every state', () => {
    const types = new Set(vectors.cases.map((c) => c.question.type));
    expect(types.size).toBe(QUESTION_TYPES.length);
    expect(new Set(vectors.cases.map((c) => c.expected.state)).size).toBe(6);
    for (const type of types) {
      if (type === 'description') continue;
      expect(vectors.cases.filter((c) => c.question.type === type).length, type).toBeGreaterThanOrEqual(3);
    }
  });

  for (const c of vectors.cases) {
    it(c.name, () => {
      // Every response in the vectors is one that parseResponse accepts as it is (up to sorting).
      if (c.response !== null) expect(parseResponse(c.question, c.response)).toMatchObject({ ok: true });
      expect(grade(c.question, c.response)).toStrictEqual(c.expected);
    });
  }

  for (const c of vectors.responseCases) {
    it(`response ${c.name}`, () => {
      const parsed = parseResponse(c.question, c.input);
      if (c.expected.ok) expect(parsed).toStrictEqual({ ok: true, response: c.expected.response });
      else expect(parsed).toMatchObject({ ok: false, error: { code: c.expected.code } });
    });
  }

  it('reads numbers as the vectors say', () => {
    for (const c of vectors.numberCases) expect(parseNumber(c.text), JSON.stringify(c.text)).toBe(c.expected);
  });
});
