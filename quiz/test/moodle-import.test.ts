/**
 * The Moodle plugin reads question files as the TypeScript side does: mod_magquiz's PHP parsers
 * (moodle-plugin-stubs/mod_magquiz/classes/local/gift.php and moodlexml.php, run by
 * moodle-plugin-stubs/tools/quiz-import.php) against parseGift and parseMoodleXml, on Moodle's own export layout, every
 * GIFT vector written back as Moodle XML, malformed files and generated garbage. The questions must be the same;
 * errors must be at the same places (their wording differs for XML that is not well-formed: libxml's on one side,
 * fast-xml-parser's on the other).
 *
 * Needs php-cli with intl, mbstring and xml (Debian packages that `npm test` installs).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportMoodleXml, parseGift, parseMoodleXml } from '../src/index.js';
import type { GiftImport, Question } from '../src/index.js';
import { seededRandom } from '../src/random.js';

const SCRIPT = fileURLToPath(new URL('../../moodle-plugin-stubs/tools/quiz-import.php', import.meta.url));

interface Input {
  name: string;
  format: 'gift' | 'xml';
  source: string;
}

interface Read {
  questions: Question[];
  errors: { line: number; column: number; message: string }[];
}

function php(inputs: Input[]): Read[] {
  const run = spawnSync('php', [SCRIPT], {
    input: JSON.stringify(inputs.map(({ format, source }) => ({ format, source }))),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`php-cli is needed to run ${SCRIPT}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${SCRIPT} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Read[];
}

const fixture = readFileSync(new URL('./fixtures/moodle-export.xml', import.meta.url), 'utf8');
const giftVectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/quiz-gift-import.json', import.meta.url), 'utf8'),
) as { cases: { name: string; gift: string; expected: GiftImport }[] };

const xmlOf = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${body}\n</quiz>\n`;
const tf = (name: string): string =>
  `<question type="truefalse"><name><text>${name}</text></name><questiontext format="html"><text>${name}?</text></questiontext>` +
  '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>';

/** Files that Moodle writes or that trainers make by hand: the questions and the errors must be the same. */
const wellKnown: Input[] = [
  { name: 'a Moodle 4.x export', format: 'xml', source: fixture },
  { name: 'the Moodle export written back', format: 'xml', source: exportMoodleXml(parseMoodleXml(fixture).questions) },
  ...giftVectors.cases.map((c): Input => ({ name: `GIFT: ${c.name}`, format: 'gift', source: c.gift })),
  ...giftVectors.cases
    .filter((c) => c.expected.questions.length > 0)
    .map((c): Input => ({ name: `XML of: ${c.name}`, format: 'xml', source: exportMoodleXml(c.expected.questions) })),
  {
    name: 'malformed questions among good ones',
    format: 'xml',
    source: xmlOf(
      [
        tf('one'),
        '<question type="cloze"><questiontext><text>x</text></questiontext></question>',
        '<question type="multichoice"><questiontext><text>No credit</text></questiontext>',
        '<answer fraction="0"><text>a</text></answer></question>',
        '  <question type="numerical"><questiontext><text>n</text></questiontext><answer fraction="100"><text>x</text></answer></question>',
        '<question type="shortanswer"><name><text>no text</text></name></question>',
        '<question type="match"><questiontext><text>m</text></questiontext><subquestion><text>a</text></subquestion></question>',
        '<question type="multichoice"><questiontext><text>f</text></questiontext><answer fraction="150"><text>a</text></answer></question>',
        '<question type="ordering"><questiontext><text>o</text></questiontext><answer><text>a</text></answer></question>',
        '<question type="truefalse"><questiontext><text>t</text></questiontext><answer fraction="100"><text>true</text></answer></question>',
        '<question type="essay"><questiontext><text>e</text></questiontext><defaultgrade>-1</defaultgrade></question>',
        '<question type="essay"><questiontext><text>p</text></questiontext><penalty>2</penalty></question>',
        tf('two'),
      ].join('\n'),
    ),
  },
  {
    name: 'categories, entities, comments and CDATA',
    format: 'xml',
    source: xmlOf(
      [
        '<!-- <question type="x"> -->',
        '<question type="category"><category><text>$course$/top/Été</text></category></question>',
        tf('caf&eacute;&nbsp;&amp; cr&egrave;me').replace('café? ', 'x'),
        tf('a').replace('a?', '<![CDATA[<question> a&nbsp;?]]>'),
        '<question type="category"><category><text></text></category></question>',
        '<question type="shortanswer"><name>loose name</name><questiontext><text> T </text></questiontext>' +
          '<answer fraction="100">no text element</answer><answer fraction="50"><text>b</text></answer><usecase>1</usecase></question>',
      ].join('\n'),
    ),
  },
  { name: 'not a quiz', format: 'xml', source: `<questions>${tf('a')}</questions>` },
  {
    name: 'GIFT with Windows line ends and a BOM',
    format: 'gift',
    source: '\uFEFF::A:: Q {=a ~b}\r\n\r\nR {#2:1}\r\n',
  },
];

/** Generated input: the same questions (errors: the same count, XML aside where parsers judge markup differently). */
function garbage(format: 'gift' | 'xml', count: number): Input[] {
  const random = seededRandom(`garbage-${format}`);
  const alphabet =
    format === 'gift'
      ? [
          '{',
          '}',
          '=',
          '~',
          '#',
          '->',
          '::',
          '%50%',
          '%-100%',
          '\\',
          'T',
          'FALSE',
          '$CATEGORY: c',
          '\n',
          '\n\n',
          ' ',
          'é',
          '1..2',
          ':0.5',
          '[html]',
          '// [tag:x]\n',
          '####',
          'a',
          'Q',
        ]
      : [
          tf('q'),
          '<question type="multichoice">',
          '</question>',
          '<questiontext>',
          '</questiontext>',
          '<text>',
          '</text>',
          '<answer fraction="100">',
          '</answer>',
          'x',
          '\n',
          '<![CDATA[<b>',
          ']]>',
          '<!--',
          '-->',
          '&amp;',
          '<single>false</single>',
        ];
  return Array.from({ length: count }, (_, n) => {
    const parts = Array.from(
      { length: 4 + Math.floor(random() * 30) },
      () => alphabet[Math.floor(random() * alphabet.length)],
    );
    const body = parts.join('');
    return { name: `${format} garbage ${n}`, format, source: format === 'xml' ? xmlOf(body) : body };
  });
}

const generated = [...garbage('gift', 300), ...garbage('xml', 150)];
const all = [...wellKnown, ...generated];
const results = php(all);
const typescript = (input: Input): Read =>
  input.format === 'gift' ? parseGift(input.source) : parseMoodleXml(input.source);

describe('mod_magquiz reads question files as the TypeScript parsers do', () => {
  describe.each(wellKnown.map((input, i) => [input.name, input, results[i]!] as const))('%s', (_name, input, read) => {
    it('gives the same questions and errors at the same places', () => {
      const expected = typescript(input);
      expect(read.questions).toEqual(expected.questions);
      const places = (errors: Read['errors']) => errors.map(({ line }) => line);
      expect(places(read.errors)).toEqual(places(expected.errors));
      if (input.format === 'gift') expect(read.errors).toEqual(expected.errors);
    });
  });

  it('gives the same questions on generated garbage, and never fails', () => {
    const offset = wellKnown.length;
    const differ: string[] = [];
    generated.forEach((input, i) => {
      const read = results[offset + i]!;
      const expected = typescript(input);
      try {
        expect(read.questions).toEqual(expected.questions);
        if (input.format === 'gift') expect(read.errors).toEqual(expected.errors);
        else expect(read.errors.length > 0).toBe(expected.errors.length > 0);
      } catch {
        differ.push(`${input.name}: ${JSON.stringify(input.source)}`);
      }
    });
    expect(differ).toEqual([]);
  });
});
