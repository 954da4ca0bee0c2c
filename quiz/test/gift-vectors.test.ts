/**
 * The shared GIFT vectors (test/vectors/quiz-gift-import.json), which the Moodle plugin's PHP port is to
 * pass too, played through parseGift; every imported question must also fit the model's schema.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Question, parseGift } from '../src/index.js';
import type { GiftImport } from '../src/index.js';

interface VectorFile {
  description: string;
  cases: { name: string; gift: string; expected: GiftImport }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/quiz-gift-import.json', import.meta.url), 'utf8'),
) as VectorFile;

describe('GIFT import vectors', () => {
  it('has distinct case names', () => {
    const names = vectors.cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const c of vectors.cases) {
    it(c.name, () => {
      expect(parseGift(c.gift)).toStrictEqual(c.expected);
    });
  }

  it('gives questions that fit the model schema', () => {
    for (const c of vectors.cases) {
      for (const q of c.expected.questions) expect(v.safeParse(Question, q).issues, c.name).toBeUndefined();
    }
  });

  it('covers every question type and a malformed case of each kind', () => {
    const types = new Set(vectors.cases.flatMap((c) => c.expected.questions.map((q) => q.type)));
    expect([...types].sort()).toEqual(
      ['description', 'essay', 'matching', 'multiple', 'numerical', 'shortanswer', 'single', 'truefalse'].sort(),
    );
    const messages = new Set(vectors.cases.flatMap((c) => c.expected.errors.map((e) => e.message.split(':')[0])));
    expect(messages.size).toBeGreaterThanOrEqual(15);
  });
});
