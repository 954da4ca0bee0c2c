/**
 * GIFT import and export, following Moodle's qformat_gift. The shared vectors
 * (test/vectors/quiz-gift-import.json) pin the behaviour down for the PHP port.
 *
 * Import: questions are separated by blank lines; lines starting with `//` are comments, and
 * `[id:…]` / `[tag:…]` in a question's comment lines give its id and tags. A block starting with
 * `$CATEGORY:` sets the category of the questions after it. A malformed question gives one error
 * (1-based line and column of the offending character) and is skipped; the others are still imported.
 *
 * Export writes GIFT that imports back to the same model, except what GIFT cannot say: see README.md.
 * Ordering questions have no GIFT syntax (Moodle's GIFT format has none): export skips them, and
 * {@link giftUnsupported} says so, for the command line to report.
 */
import type { ChoiceAnswer, MatchingPair, NumericalAnswer, Question, TextFormat } from './model.js';

export interface GiftError {
  line: number;
  column: number;
  message: string;
}

export interface GiftImport {
  questions: Question[];
  errors: GiftError[];
}

/** One character of a question block, after escapes: `esc` marks a character written with a backslash. */
interface Ch {
  c: string;
  esc: boolean;
  line: number;
  column: number;
}
type Seg = Ch[];

class GiftSyntaxError extends Error {
  constructor(
    readonly at: Ch | undefined,
    message: string,
  ) {
    super(message);
  }
}

const ESCAPABLE = new Set(['~', '=', '#', '{', '}', ':', '\\']);
const FORMATS: readonly TextFormat[] = ['html', 'markdown', 'plain', 'moodle'];
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;

export function parseGift(source: string): GiftImport {
  const questions: Question[] = [];
  const errors: GiftError[] = [];
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let category: string | undefined;
  let content: { text: string; line: number }[] = [];
  let comments: string[] = [];

  const flush = (): void => {
    if (content.length > 0) {
      const seg = trim(toSeg(content));
      if (startsWith(seg, '$CATEGORY:')) {
        const path = str(seg.slice('$CATEGORY:'.length)).trim();
        category = path === '' ? undefined : path;
      } else {
        try {
          questions.push(parseQuestion(seg, comments, category));
        } catch (e) {
          if (!(e instanceof GiftSyntaxError)) throw e;
          const at = e.at ?? seg[0];
          errors.push({ line: at?.line ?? 1, column: at?.column ?? 1, message: e.message });
        }
      }
    }
    content = [];
    comments = [];
  };

  lines.forEach((text, index) => {
    const trimmed = text.trim();
    if (trimmed === '') flush();
    else if (trimmed.startsWith('//')) comments.push(trimmed.slice(2));
    else content.push({ text, line: index + 1 });
  });
  flush();
  return { questions, errors };
}

/** The lines of a block as characters, escapes resolved (`\n` is a line break). */
function toSeg(lines: { text: string; line: number }[]): Seg {
  const seg: Seg = [];
  lines.forEach(({ text, line }, n) => {
    if (n > 0) seg.push({ c: '\n', esc: false, line, column: 0 });
    const chars = Array.from(text);
    let column = 1;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i] as string;
      const next = chars[i + 1];
      if (c === '\\' && next !== undefined && (ESCAPABLE.has(next) || next === 'n')) {
        seg.push({ c: next === 'n' ? '\n' : next, esc: true, line, column });
        i++;
        column += 2;
      } else {
        seg.push({ c, esc: false, line, column });
        column++;
      }
    }
  });
  return seg;
}

const str = (seg: Seg): string => seg.map((ch) => ch.c).join('');

function trim(seg: Seg): Seg {
  let start = 0;
  let end = seg.length;
  while (start < end && !seg[start]?.esc && /\s/.test(seg[start]?.c ?? '')) start++;
  while (end > start && !seg[end - 1]?.esc && /\s/.test(seg[end - 1]?.c ?? '')) end--;
  return seg.slice(start, end);
}

/** Where the unescaped string `needle` starts in `seg`, from `from`; -1 if nowhere. */
function find(seg: Seg, needle: string, from = 0): number {
  outer: for (let i = from; i + needle.length <= seg.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      const ch = seg[i + j];
      if (!ch || ch.esc || ch.c !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}

function startsWith(seg: Seg, needle: string): boolean {
  return find(seg.slice(0, needle.length), needle) === 0;
}

/** `seg` cut at the first unescaped `sep`: [before, after], or [seg, undefined]. */
function cut(seg: Seg, sep: string): [Seg, Seg | undefined] {
  const i = find(seg, sep);
  return i < 0 ? [seg, undefined] : [seg.slice(0, i), seg.slice(i + sep.length)];
}

function optionalText(seg: Seg | undefined): string | undefined {
  if (seg === undefined) return undefined;
  const text = str(trim(seg));
  return text === '' ? undefined : text;
}

function parseMeta(comments: string[]): { id?: string; tags?: string[] } {
  const meta: { id?: string; tags?: string[] } = {};
  for (const comment of comments) {
    for (const m of comment.matchAll(/\[(id|tag):([^\]]*)\]/g)) {
      const value = (m[2] ?? '').trim();
      if (value === '') continue;
      if (m[1] === 'id') meta.id = value;
      else (meta.tags ??= []).push(value);
    }
  }
  return meta;
}

type Body =
  | { type: 'single' | 'multiple'; answers: ChoiceAnswer[] }
  | { type: 'truefalse'; correct: boolean; feedbackTrue?: string; feedbackFalse?: string }
  | { type: 'shortanswer'; answers: ChoiceAnswer[]; caseSensitive: boolean }
  | { type: 'numerical'; answers: NumericalAnswer[] }
  | { type: 'matching'; pairs: MatchingPair[] }
  | { type: 'essay' }
  | { type: 'description' };

function parseQuestion(block: Seg, comments: string[], category: string | undefined): Question {
  let rest = block;
  let name: string | undefined;
  if (startsWith(rest, '::')) {
    const end = find(rest, '::', 2);
    if (end < 0) throw new GiftSyntaxError(rest[0], 'question name not closed with ::');
    name = optionalText(rest.slice(2, end));
    rest = trim(rest.slice(end + 2));
  }
  let textFormat: TextFormat = 'moodle';
  for (const format of FORMATS) {
    if (startsWith(rest, `[${format}]`)) {
      textFormat = format;
      rest = trim(rest.slice(format.length + 2));
      break;
    }
  }

  const open = find(rest, '{');
  const close = find(rest, '}');
  let text: Seg = rest;
  let after: Seg = [];
  let body: Body = { type: 'description' };
  let generalFeedback: string | undefined;
  if (open < 0) {
    if (close >= 0) throw new GiftSyntaxError(rest[close], 'unexpected }');
  } else {
    if (close < 0 || close < open) throw new GiftSyntaxError(rest[open], 'answer block not closed with }');
    const inner = find(rest, '{', open + 1);
    if (inner >= 0 && inner < close) throw new GiftSyntaxError(rest[inner], 'unexpected { inside an answer block');
    const again = Math.max(find(rest, '{', close + 1), find(rest, '}', close + 1));
    if (again >= 0) throw new GiftSyntaxError(rest[again], 'only one answer block per question');
    text = trim(rest.slice(0, open));
    after = trim(rest.slice(close + 1));
    const [answers, general] = cut(rest.slice(open + 1, close), '####');
    generalFeedback = optionalText(general);
    body = parseAnswers(trim(answers), rest[open]);
    if (after.length > 0 && (body.type === 'essay' || body.type === 'matching')) {
      throw new GiftSyntaxError(
        after[0],
        `text after the answer block of ${body.type === 'essay' ? 'an essay' : 'a matching'} question`,
      );
    }
  }
  if (text.length === 0 && after.length === 0) throw new GiftSyntaxError(block[0], 'question without text');

  const meta = parseMeta(comments);
  const question: Record<string, unknown> = { type: body.type };
  if (meta.id !== undefined) question.id = meta.id;
  if (name !== undefined) question.name = name;
  if (category !== undefined) question.category = category;
  question.text = str(text);
  if (after.length > 0) question.textAfter = str(after);
  question.textFormat = textFormat;
  if (generalFeedback !== undefined) question.generalFeedback = generalFeedback;
  if (meta.tags !== undefined) question.tags = meta.tags;
  const { type: _type, ...fields } = body;
  return { ...question, ...fields } as Question;
}

/** The answers between the braces (general feedback removed, trimmed); `brace` locates errors. */
function parseAnswers(seg: Seg, brace: Ch | undefined): Body {
  if (seg.length === 0) return { type: 'essay' };
  if (startsWith(seg, '#')) return { type: 'numerical', answers: parseNumerical(trim(seg.slice(1)), brace) };
  const [head, feedback] = cut(seg, '#');
  const word = str(trim(head));
  if (['T', 'TRUE', 'F', 'FALSE'].includes(word)) {
    const correct = word.startsWith('T');
    const [wrong, right] = feedback === undefined ? [undefined, undefined] : cut(feedback, '#');
    const onTrue = optionalText(correct ? right : wrong);
    const onFalse = optionalText(correct ? wrong : right);
    return {
      type: 'truefalse',
      correct,
      ...(onTrue !== undefined && { feedbackTrue: onTrue }),
      ...(onFalse !== undefined && { feedbackFalse: onFalse }),
    };
  }
  const items = splitItems(seg, ['=', '~']);
  if (find(seg, '~') >= 0) {
    const answers = items.map((item) => choice(item, item.marker === '=' ? 100 : 0));
    const best = Math.max(...answers.map((a) => a.fraction));
    if (best <= 0) throw new GiftSyntaxError(brace, 'no answer gives credit');
    // As Moodle: an answer marked = makes it single choice; with ~ answers only, several may be chosen.
    return { type: items.some((item) => item.marker === '=') ? 'single' : 'multiple', answers };
  }
  if (find(seg, '->') >= 0) {
    const pairs = items.map(({ body }) => {
      const [left, right] = cut(body, '->');
      if (right === undefined) throw new GiftSyntaxError(body[0] ?? brace, 'matching pair without ->');
      const hash = find(body, '#');
      if (hash >= 0) throw new GiftSyntaxError(body[hash], 'feedback is not allowed in a matching question');
      const r = str(trim(right));
      if (r === '') throw new GiftSyntaxError(right[0] ?? body[0], 'matching pair without a right-hand side');
      return { left: str(trim(left)), right: r };
    });
    if (pairs.filter((p) => p.left !== '').length < 2) {
      throw new GiftSyntaxError(brace, 'a matching question needs at least two pairs');
    }
    return { type: 'matching', pairs };
  }
  return { type: 'shortanswer', answers: items.map((item) => choice(item, 100)), caseSensitive: false };
}

interface Item {
  marker: string;
  at: Ch;
  body: Seg;
}

/** Answers, each starting with one of `markers`; anything before the first one is an error. */
function splitItems(seg: Seg, markers: string[]): Item[] {
  const items: Item[] = [];
  let current: Item | undefined;
  for (const ch of seg) {
    if (!ch.esc && markers.includes(ch.c)) {
      current = { marker: ch.c, at: ch, body: [] };
      items.push(current);
    } else if (current) current.body.push(ch);
    else if (!/\s/.test(ch.c) || ch.esc)
      throw new GiftSyntaxError(ch, `answer not starting with ${markers.join(' or ')}`);
  }
  return items;
}

/** An answer's weight `%n%` if it has one, then the rest. */
function weight(item: Item, fallback: number): { fraction: number; rest: Seg } {
  const body = trim(item.body);
  const m = WEIGHT.exec(str(body));
  if (!m || body.slice(0, m[0].length).some((ch) => ch.esc)) return { fraction: fallback, rest: body };
  const fraction = Number(m[1]);
  if (fraction < -100 || fraction > 100) throw new GiftSyntaxError(body[0], 'weight out of -100..100');
  return { fraction, rest: trim(body.slice(m[0].length)) };
}

function choice(item: Item, fallback: number): ChoiceAnswer {
  const { fraction, rest } = weight(item, fallback);
  const [answer, feedback] = cut(rest, '#');
  const text = str(trim(answer));
  if (text === '') throw new GiftSyntaxError(item.at, 'empty answer');
  const fb = optionalText(feedback);
  return fb === undefined ? { text, fraction } : { text, fraction, feedback: fb };
}

function parseNumerical(seg: Seg, brace: Ch | undefined): NumericalAnswer[] {
  if (find(seg, '=') < 0) {
    if (seg.length === 0) throw new GiftSyntaxError(brace, 'numerical question without an answer');
    return [numericalAnswer(seg, 100, seg[0])];
  }
  return splitItems(seg, ['=']).map((item) => {
    const { fraction, rest } = weight(item, 100);
    return numericalAnswer(rest, fraction, item.at);
  });
}

function numericalAnswer(seg: Seg, fraction: number, at: Ch | undefined): NumericalAnswer {
  const [value, feedback] = cut(seg, '#');
  const fb = optionalText(feedback);
  const raw = str(trim(value));
  const number = (s: string): number => {
    if (!NUMBER.test(s.trim())) throw new GiftSyntaxError(at, `not a number: "${s.trim()}"`);
    return Number(s.trim());
  };
  let answer: NumericalAnswer;
  const range = raw.indexOf('..');
  if (range >= 0) {
    const min = number(raw.slice(0, range));
    const max = number(raw.slice(range + 2));
    if (min > max) throw new GiftSyntaxError(at, 'range minimum above its maximum');
    answer = { kind: 'range', min, max, fraction };
  } else {
    const colon = raw.indexOf(':');
    const tolerance = colon >= 0 ? number(raw.slice(colon + 1)) : 0;
    if (tolerance < 0) throw new GiftSyntaxError(at, 'negative tolerance');
    answer = { kind: 'exact', value: number(colon >= 0 ? raw.slice(0, colon) : raw), tolerance, fraction };
  }
  return fb === undefined ? answer : { ...answer, feedback: fb };
}

// Export.

/** Escapes GIFT's special characters; line breaks become `\n`, so a text never holds a blank line. */
export function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

const num = (n: number): string => String(n);

function weighted(marker: '=' | '~', fraction: number, full: number): string {
  return fraction === full ? marker : `${marker}%${num(fraction)}%`;
}

function withFeedback(s: string, feedback: string | undefined): string {
  return feedback === undefined || feedback === '' ? s : `${s}#${escapeGift(feedback)}`;
}

function answersOf(q: Question): string | undefined {
  switch (q.type) {
    case 'description':
      return undefined;
    case 'essay':
      return '';
    case 'single': {
      // The best answers are marked =, which is what makes it single choice on import.
      const best = Math.max(...q.answers.map((a) => a.fraction));
      return q.answers
        .map((a) =>
          withFeedback(
            `${a.fraction === best ? weighted('=', a.fraction, 100) : weighted('~', a.fraction, 0)}${escapeGift(a.text)}`,
            a.feedback,
          ),
        )
        .join(' ');
    }
    case 'multiple':
      return q.answers
        .map((a) => withFeedback(`${weighted('~', a.fraction, 0)}${escapeGift(a.text)}`, a.feedback))
        .join(' ');
    case 'shortanswer':
      return q.answers
        .map((a) => withFeedback(`${weighted('=', a.fraction, 100)}${escapeGift(a.text)}`, a.feedback))
        .join(' ');
    case 'truefalse': {
      const wrong = q.correct ? q.feedbackFalse : q.feedbackTrue;
      const right = q.correct ? q.feedbackTrue : q.feedbackFalse;
      let s = q.correct ? 'TRUE' : 'FALSE';
      if (wrong || right) s += `#${escapeGift(wrong ?? '')}`;
      if (right) s += `#${escapeGift(right)}`;
      return s;
    }
    case 'numerical':
      // GIFT has no "any other answer" (Moodle XML's `*`): such answers are left out.
      return `#${q.answers
        .flatMap((a) => {
          if (a.kind === 'any') return [];
          const value = a.kind === 'range' ? `${num(a.min)}..${num(a.max)}` : `${num(a.value)}:${num(a.tolerance)}`;
          return [withFeedback(`${weighted('=', a.fraction, 100)}${value}`, a.feedback)];
        })
        .join(' ')}`;
    case 'matching':
      return q.pairs.map((p) => `=${escapeGift(p.left)} -> ${escapeGift(p.right)}`).join(' ');
    case 'ordering':
      return undefined;
  }
}

/** Why `question` cannot be written in GIFT at all, or undefined when it can (maybe losing details). */
export function giftUnsupported(question: Question): string | undefined {
  return question.type === 'ordering' ? 'GIFT has no syntax for ordering questions' : undefined;
}

export function exportGift(questions: readonly Question[]): string {
  const blocks: string[] = [];
  let category: string | undefined;
  for (const q of questions) {
    if (giftUnsupported(q) !== undefined) continue;
    if (q.category !== undefined && q.category !== category) {
      blocks.push(`$CATEGORY: ${q.category}`);
      category = q.category;
    }
    const lines: string[] = [];
    const meta = [...(q.id !== undefined ? [`[id:${q.id}]`] : []), ...(q.tags ?? []).map((t) => `[tag:${t}]`)];
    if (meta.length > 0) lines.push(`// ${meta.join(' ')}`);
    let s = q.name !== undefined && q.name !== '' ? `::${escapeGift(q.name)}::` : '';
    if (q.textFormat !== 'moodle' || /^[[/]/.test(q.text)) s += `[${q.textFormat}]`;
    s += escapeGift(q.text);
    const answers = answersOf(q);
    if (answers !== undefined) {
      const general = q.generalFeedback ? ` ####${escapeGift(q.generalFeedback)}` : '';
      s += `${s === '' ? '' : ' '}{${answers}${general}}`;
      if (q.textAfter !== undefined && q.textAfter !== '' && q.type !== 'essay' && q.type !== 'matching')
        s += ` ${escapeGift(q.textAfter)}`;
    }
    lines.push(s);
    blocks.push(lines.join('\n'));
  }
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
