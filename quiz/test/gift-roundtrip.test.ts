/**
 * Export then import keeps the meaning: GIFT → model → GIFT → model gives the same model, for every vector
 * and for hand-made models with the awkward cases (escapes, line breaks, texts that look like syntax).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportGift, giftUnsupported, parseGift } from '../src/index.js';
import type { GiftImport, Question } from '../src/index.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/quiz-gift-import.json', import.meta.url), 'utf8'),
) as { cases: { name: string; gift: string; expected: GiftImport }[] };

function roundTrip(questions: Question[]): GiftImport {
  return parseGift(exportGift(questions));
}

describe('GIFT round trips', () => {
  for (const c of vectors.cases) {
    if (c.expected.questions.length === 0) continue;
    it(`keeps the meaning of: ${c.name}`, () => {
      const first = parseGift(c.gift).questions;
      expect(roundTrip(first)).toStrictEqual({ questions: first, errors: [] });
    });
  }

  const awkward: Question[] = [
    {
      type: 'single',
      id: 'q1',
      name: 'Name: with {braces} ~ = # and \\',
      category: 'top/Maths',
      text: 'Line one\nline two, with a blank line:\n\nand 2\\n is not a break',
      textFormat: 'moodle',
      generalFeedback: 'General #### feedback',
      tags: ['a b', 'c'],
      answers: [
        { text: '=right', fraction: 100, feedback: 'yes ~ #' },
        { text: '~half', fraction: 50 },
        { text: 'a -> b', fraction: -33.33333, feedback: 'no' },
      ],
    },
    {
      type: 'multiple',
      category: 'top/Maths',
      text: '// not a comment',
      textFormat: 'moodle',
      answers: [
        { text: 'one', fraction: 50 },
        { text: 'two', fraction: 50 },
        { text: 'three', fraction: -100 },
        { text: 'four', fraction: 0 },
      ],
    },
    { type: 'truefalse', category: 'other', text: '[html] is not a format here', textFormat: 'moodle', correct: false },
    {
      type: 'truefalse',
      category: 'other',
      text: 'With feedback',
      textFormat: 'plain',
      correct: true,
      feedbackTrue: 'Right',
      feedbackFalse: 'Wrong',
    },
    {
      type: 'truefalse',
      category: 'other',
      text: 'Wrong only',
      textFormat: 'plain',
      correct: true,
      feedbackFalse: 'No',
    },
    {
      type: 'shortanswer',
      category: 'other',
      text: 'Two plus',
      textAfter: 'equals {four}.',
      textFormat: 'markdown',
      caseSensitive: false,
      answers: [
        { text: 'two', fraction: 100 },
        { text: 'deu*', fraction: 50, feedback: 'In French' },
      ],
    },
    {
      type: 'numerical',
      category: 'other',
      text: 'Numbers',
      textFormat: 'html',
      answers: [
        { kind: 'exact', value: -1.5e-7, tolerance: 1e-9, fraction: 100, feedback: 'Tiny' },
        { kind: 'range', min: -10, max: -0.25, fraction: 25 },
        { kind: 'exact', value: 1e21, tolerance: 0, fraction: -50 },
      ],
    },
    {
      type: 'matching',
      category: 'other',
      text: 'Match',
      textFormat: 'moodle',
      pairs: [
        { left: 'a = b', right: 'c -> d' },
        { left: 'e: f', right: 'g#h' },
        { left: '', right: 'distractor' },
      ],
    },
    { type: 'essay', category: 'other', text: 'Essay', textFormat: 'moodle', generalFeedback: 'Thanks' },
    { type: 'description', category: 'other', text: 'Just text {not answers}', textFormat: 'html' },
    {
      type: 'single',
      category: 'other',
      text: '',
      textAfter: 'after only',
      textFormat: 'moodle',
      answers: [
        { text: 'x', fraction: 100 },
        { text: 'y', fraction: 0 },
      ],
    },
  ];

  it('keeps the meaning of awkward models', () => {
    const back = roundTrip(awkward);
    expect(back.errors).toEqual([]);
    expect(back.questions).toStrictEqual(awkward);
  });

  it('loses only what GIFT cannot say', () => {
    // GIFT tells single choice from short answer by the presence of a ~ answer, so a single-choice question
    // whose answers are all equally right reads back as short answer; case sensitivity is not written at all.
    const lossy: Question[] = [
      { type: 'single', text: 'A', textFormat: 'moodle', answers: [{ text: 'x', fraction: 100 }] },
      {
        type: 'single',
        text: 'B',
        textFormat: 'moodle',
        answers: [
          { text: 'x', fraction: 50 },
          { text: 'y', fraction: 50 },
        ],
      },
      {
        type: 'shortanswer',
        text: 'C',
        textFormat: 'moodle',
        caseSensitive: true,
        answers: [{ text: 'x', fraction: 100 }],
      },
    ];
    expect(roundTrip(lossy).questions.map((q) => q.type)).toEqual(['shortanswer', 'shortanswer', 'shortanswer']);
    expect(roundTrip(lossy).questions[2]).toMatchObject({ caseSensitive: false });
  });

  it('skips ordering questions, which GIFT cannot say, and says why', () => {
    const ordering: Question = {
      type: 'ordering',
      text: 'Order',
      textFormat: 'moodle',
      items: ['a', 'b', 'c'],
      grading: 'absolutePosition',
    };
    const tf: Question = { type: 'truefalse', text: 'T', textFormat: 'moodle', correct: true };
    expect(exportGift([ordering, tf])).toBe('T {TRUE}\n');
    expect(giftUnsupported(ordering)).toMatch(/ordering/);
    expect(giftUnsupported(tf)).toBeUndefined();
  });

  it('drops what only Moodle XML says: marks, penalties, hints, combined feedback, "any" answers', () => {
    const rich: Question[] = [
      {
        type: 'single',
        text: 'Q',
        textFormat: 'moodle',
        defaultMark: 2,
        penalty: 10,
        hints: [{ text: 'Think', showNumCorrect: true }],
        shuffleAnswers: false,
        correctFeedback: 'Well done',
        answers: [
          { text: 'x', fraction: 100 },
          { text: 'y', fraction: 0 },
        ],
      },
      {
        type: 'numerical',
        text: 'N',
        textFormat: 'moodle',
        answers: [
          { kind: 'exact', value: 2, tolerance: 0, fraction: 100 },
          { kind: 'any', fraction: 0, feedback: 'No' },
        ],
      },
    ];
    expect(roundTrip(rich)).toStrictEqual({
      questions: [
        {
          type: 'single',
          text: 'Q',
          textFormat: 'moodle',
          answers: [
            { text: 'x', fraction: 100 },
            { text: 'y', fraction: 0 },
          ],
        },
        {
          type: 'numerical',
          text: 'N',
          textFormat: 'moodle',
          answers: [{ kind: 'exact', value: 2, tolerance: 0, fraction: 100 }],
        },
      ],
      errors: [],
    });
  });

  it('is stable: exporting the re-imported questions gives the same GIFT', () => {
    const gift = exportGift(awkward);
    expect(exportGift(parseGift(gift).questions)).toBe(gift);
  });

  it('writes readable GIFT', () => {
    expect(
      exportGift([
        { type: 'truefalse', name: 'Q1', text: '1+1=2', textFormat: 'moodle', correct: true },
        {
          type: 'single',
          text: 'Colour?',
          textFormat: 'moodle',
          answers: [
            { text: 'yellow', fraction: 100, feedback: 'good' },
            { text: 'red', fraction: 0 },
          ],
        },
      ]),
    ).toBe('::Q1::1+1\\=2 {TRUE}\n\nColour? {=yellow#good ~red}\n');
    expect(exportGift([])).toBe('');
  });
});
