/**
 * Moodle XML: a file laid out as Moodle 4.x exports it, round trips (XML → model → XML, GIFT → model → XML →
 * model), malformed input with errors at their line and column, and hostile input.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Question, exportMoodleXml, grade, parseGift, parseMoodleXml } from '../src/index.js';
import type { GiftImport } from '../src/index.js';

const fixture = readFileSync(new URL('./fixtures/moodle-export.xml', import.meta.url), 'utf8');
const giftVectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/quiz-gift-import.json', import.meta.url), 'utf8'),
) as { cases: { name: string; gift: string; expected: GiftImport }[] };

const xmlOf = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${body}\n</quiz>\n`;
const tf = (name: string): string =>
  `<question type="truefalse"><name><text>${name}</text></name><questiontext format="html"><text>${name}?</text></questiontext>` +
  '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>';

describe('Moodle XML import', () => {
  it('reads a Moodle export: every type, categories, formats, hints, tags, combined feedback', () => {
    const { questions, errors } = parseMoodleXml(fixture);
    expect(errors).toEqual([]);
    expect(questions.map((q) => q.type)).toEqual([
      'single',
      'multiple',
      'truefalse',
      'shortanswer',
      'numerical',
      'matching',
      'ordering',
      'essay',
      'description',
    ]);
    for (const q of questions) expect(v.safeParse(Question, q).issues, q.name).toBeUndefined();
    expect(questions[0]).toStrictEqual({
      type: 'single',
      id: 'couleur-1',
      name: 'Couleur',
      category: '$course$/top/Formation/Chapitre 1',
      text: "<p>Entre l'orange et le vert&nbsp;?</p>",
      textFormat: 'html',
      generalFeedback: '<p>Le spectre : rouge, orange, <b>jaune</b>…</p>',
      tags: ['couleurs', 'niveau 1'],
      defaultMark: 2,
      hints: [
        { text: 'Pensez au soleil.', showNumCorrect: true },
        { text: 'Une couleur primaire.', clearWrong: true },
      ],
      answers: [
        { text: 'jaune', fraction: 100, feedback: 'Bien.' },
        { text: 'rouge', fraction: 0 },
        { text: '<i>bleu</i>', fraction: -33.33333, feedback: 'Non & non.' },
      ],
      correctFeedback: 'Votre réponse est correcte.',
      partiallyCorrectFeedback: 'Votre réponse est partiellement correcte.',
      incorrectFeedback: 'Votre réponse est incorrecte.',
    });
    expect(questions[1]).toMatchObject({ type: 'multiple', penalty: 10, shuffleAnswers: false, textFormat: 'moodle' });
    expect(questions[2]).toMatchObject({ correct: false, feedbackTrue: 'Non, il est chaud.', feedbackFalse: 'Oui.' });
    expect(questions[3]).toMatchObject({ caseSensitive: true });
    expect(questions[4]).toMatchObject({
      answers: [
        { kind: 'exact', value: 3.14, tolerance: 0.01, fraction: 100 },
        { kind: 'any', fraction: 0, feedback: 'Revoyez le cours.' },
      ],
    });
    expect(questions[5]).toMatchObject({
      pairs: [{ left: 'France' }, { left: 'Italie' }, { left: '', right: 'Lyon' }],
    });
    expect(questions[6]).toMatchObject({
      items: ['Modular', 'Object', 'Oriented'],
      grading: 'longestContiguousSubset',
    });
    expect(questions[7]).toMatchObject({
      category: '$course$/top/Formation/Chapitre 2',
      textFormat: 'markdown',
      graderInfo: 'Trois arguments attendus.',
      defaultMark: 5,
      penalty: 0,
    });
    expect(questions[8]).not.toHaveProperty('defaultMark');
  });

  it('imports the valid questions around malformed ones, with each error at its line and column', () => {
    const source = xmlOf(
      [
        tf('one'),
        '<question type="multichoice">',
        '  <name><text>broken</text></name>',
        '  <questiontext><text>Oops</questiontext>',
        '</question>',
        tf('two'),
        '<question type="cloze"><questiontext><text>x</text></questiontext></question>',
        '<question type="multichoice"><questiontext><text>No credit</text></questiontext>',
        '<answer fraction="0"><text>a</text></answer></question>',
        '  <question type="numerical"><questiontext><text>n</text></questiontext><answer fraction="100"><text>x</text></answer></question>',
        '<question type="shortanswer"><name><text>no text</text></name></question>',
        tf('three'),
      ].join('\n'),
    );
    const { questions, errors } = parseMoodleXml(source);
    expect(questions.map((q) => q.name)).toEqual(['one', 'two', 'three']);
    expect(errors).toEqual([
      {
        line: 6,
        column: 27,
        message: "Expected closing tag 'text' (opened in line 6, col 17) instead of closing tag 'questiontext'.",
      },
      { line: 9, column: 1, message: 'question type "cloze" is not supported' },
      { line: 10, column: 1, message: 'no answer gives credit' },
      { line: 12, column: 3, message: 'numerical answer is not a number: "x"' },
      { line: 13, column: 1, message: 'question of type "shortanswer" without <questiontext>' },
    ]);
  });

  it('says where a document is not well-formed outside any question', () => {
    expect(parseMoodleXml(`<quiz>\n${tf('a')}\n<oops>\n</quiz>`)).toMatchObject({
      questions: [{ name: 'a' }],
      errors: [{ line: 4, message: expect.stringContaining('oops') }],
    });
    expect(parseMoodleXml('').errors).toEqual([{ line: 1, column: 1, message: 'Start tag expected.' }]);
    expect(parseMoodleXml(`<questions>${tf('a')}</questions>`).errors).toEqual([
      { line: 1, column: 1, message: 'not a Moodle XML file: the root element must be <quiz>' },
    ]);
    expect(parseMoodleXml(`<quiz>${tf('a')}`)).toMatchObject({ questions: [{ name: 'a' }], errors: [{ line: 1 }] });
  });

  it('ignores question tags in comments and CDATA', () => {
    const source = xmlOf(`<!-- <question type="x"> -->\n${tf('a').replace('a?', '<![CDATA[<question> a?]]>')}`);
    expect(parseMoodleXml(source)).toMatchObject({ questions: [{ text: '<question> a?' }], errors: [] });
  });

  it('never throws, whatever the input', () => {
    const alphabet = [
      '<',
      '>',
      '/',
      'question',
      ' type="truefalse"',
      'quiz',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      'text',
      '&',
      '"',
      '\n',
      'x',
    ];
    let seed = 3;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 1000; i++) {
      const source = Array.from({ length: random(30) }, () => alphabet[random(alphabet.length)]).join('');
      for (const e of parseMoodleXml(source).errors) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.column).toBeGreaterThanOrEqual(1);
      }
    }
  });
});

describe('Moodle XML round trips', () => {
  it('XML → model → XML → model keeps the model, and the export is stable', () => {
    const first = parseMoodleXml(fixture).questions;
    const xml = exportMoodleXml(first);
    expect(parseMoodleXml(xml)).toStrictEqual({ questions: first, errors: [] });
    expect(exportMoodleXml(parseMoodleXml(xml).questions)).toBe(xml);
  });

  /** What Moodle XML says otherwise: a missing word becomes a blank in the text, a range a middle ± tolerance. */
  function asXmlSaysIt(q: Question): Question {
    const out = structuredClone(q);
    if (out.textAfter !== undefined) {
      delete out.textAfter;
      out.text =
        exportMoodleXml([q]).match(/<questiontext[^>]*>\s*<text>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/text>/)?.[1] ??
        '';
    }
    if (out.type === 'numerical') {
      out.answers = out.answers.map((a) =>
        a.kind === 'range'
          ? {
              kind: 'exact',
              value: (a.min + a.max) / 2,
              tolerance: (a.max - a.min) / 2,
              fraction: a.fraction,
              ...(a.feedback !== undefined && { feedback: a.feedback }),
            }
          : a,
      );
    }
    return out;
  }

  it('GIFT → model → XML → model keeps every GIFT vector’s meaning', () => {
    let checked = 0;
    for (const c of giftVectors.cases) {
      const questions = parseGift(c.gift).questions;
      if (questions.length === 0) continue;
      const back = parseMoodleXml(exportMoodleXml(questions));
      expect(back.errors, c.name).toEqual([]);
      expect(back.questions, c.name).toStrictEqual(questions.map(asXmlSaysIt));
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('grades a range the same after it became a middle value and a tolerance', () => {
    const [question] = parseGift('Range {#-10..-0.25}').questions as [Question];
    const [back] = parseMoodleXml(exportMoodleXml([question])).questions as [Question];
    for (const text of ['-10', '-0.25', '-5', '-10.0001', '-0.2499', '0']) {
      expect(grade(back, { text }), text).toStrictEqual(grade(question, { text }));
    }
  });

  it('writes a missing word as a blank in the text', () => {
    const [question] = parseGift('Deux plus {=deux} font quatre.').questions as [Question];
    expect(parseMoodleXml(exportMoodleXml([question])).questions[0]?.text).toBe('Deux plus _____ font quatre.');
    const [end] = parseGift('Le ciel est {=bleu}.').questions as [Question];
    expect(parseMoodleXml(exportMoodleXml([end])).questions[0]?.text).toBe('Le ciel est _____.');
  });

  it('keeps awkward texts: markup, quotes, CDATA ends, non-Latin scripts; drops what XML cannot hold', () => {
    const awkward: Question[] = [
      {
        type: 'shortanswer',
        id: 'a&b',
        name: 'Name <with> "quotes" & \'apostrophes\'',
        text: 'Ends a CDATA: ]]> and again ]]]]> — 日本語 — émoji 😀',
        textFormat: 'html',
        tags: ['x<y'],
        caseSensitive: false,
        answers: [{ text: '<b>bold</b>', fraction: 100, feedback: ']]>' }],
      },
      {
        type: 'ordering',
        text: 'Order',
        textFormat: 'plain',
        items: ['<1>', '&2', '3'],
        grading: 'relativeToCorrect',
        hints: [{ text: 'h', showNumCorrect: true, clearWrong: true }],
        defaultMark: 0.5,
        penalty: 0,
      },
    ];
    expect(parseMoodleXml(exportMoodleXml(awkward))).toStrictEqual({ questions: awkward, errors: [] });
    const control: Question = { type: 'essay', text: 'bell\u0007 and nul\u0000', textFormat: 'plain' };
    expect(parseMoodleXml(exportMoodleXml([control])).questions).toStrictEqual([{ ...control, text: 'bell and nul' }]);
  });
});
