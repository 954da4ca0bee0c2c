/**
 * Moodle XML import and export, after Moodle's qformat_xml (and qtype_ordering's own XML): `<quiz>` holding
 * `<question type="…">` elements, category pseudo-questions (`type="category"`) setting the category of the
 * questions after them. Runs in Node and in the browser (fast-xml-parser, no DOMParser).
 *
 * Import: each `<question>` is read on its own, so a malformed one gives one error (1-based line and column)
 * and the questions around it are still imported; a document that is not well-formed elsewhere gives one
 * more error. Texts are trimmed, as Moodle does; formats map as `html` ↔ html, `moodle_auto_format` ↔ moodle,
 * `plain_text` ↔ plain, `markdown` ↔ markdown. Absent or default values stay absent in the model (default mark
 * 1, penalty 0.3333333, answers shuffled). Types: multichoice (single or not), truefalse, shortanswer,
 * numerical, match, ordering, essay, description; others (cloze, calculated, drag and drop…) are errors.
 *
 * Export writes Moodle's layout, texts in CDATA when they hold markup or entities, default values written out
 * as Moodle writes them. What the model holds that Moodle XML cannot say, and back: see README.md.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ChoiceAnswer, Hint, NumericalAnswer, OrderingGrading, Question, TextFormat } from './model.js';
import { DEFAULT_MARK, DEFAULT_PENALTY } from './model.js';

export interface XmlError {
  line: number;
  column: number;
  message: string;
}

export interface XmlImport {
  questions: Question[];
  errors: XmlError[];
}

class XmlQuestionError extends Error {}

const FORMAT_IN: Record<string, TextFormat> = {
  html: 'html',
  moodle_auto_format: 'moodle',
  plain_text: 'plain',
  markdown: 'markdown',
};
const FORMAT_OUT: Record<TextFormat, string> = {
  html: 'html',
  moodle: 'moodle_auto_format',
  plain: 'plain_text',
  markdown: 'markdown',
};

const GRADING_IN: Record<string, OrderingGrading> = {
  ALL_OR_NOTHING: 'allOrNothing',
  ABS: 'absolutePosition',
  ABSOLUTE: 'absolutePosition',
  ABSOLUTE_POSITION: 'absolutePosition',
  REL: 'relativeNextExcludeLast',
  RELATIVE: 'relativeNextExcludeLast',
  RELATIVE_NEXT_EXCLUDE_LAST: 'relativeNextExcludeLast',
  RELATIVE_NEXT_INCLUDE_LAST: 'relativeNextIncludeLast',
  RELATIVE_ONE_PREVIOUS_AND_NEXT: 'relativeOnePreviousAndNext',
  RELATIVE_ALL_PREVIOUS_AND_NEXT: 'relativeAllPreviousAndNext',
  LONGEST_ORDERED_SUBSET: 'longestOrderedSubset',
  LONGEST_CONTIGUOUS_SUBSET: 'longestContiguousSubset',
  RELATIVE_TO_CORRECT: 'relativeToCorrect',
};
const GRADING_OUT: Record<OrderingGrading, string> = {
  allOrNothing: 'ALL_OR_NOTHING',
  absolutePosition: 'ABSOLUTE_POSITION',
  relativeNextExcludeLast: 'RELATIVE_NEXT_EXCLUDE_LAST',
  relativeNextIncludeLast: 'RELATIVE_NEXT_INCLUDE_LAST',
  relativeOnePreviousAndNext: 'RELATIVE_ONE_PREVIOUS_AND_NEXT',
  relativeAllPreviousAndNext: 'RELATIVE_ALL_PREVIOUS_AND_NEXT',
  longestOrderedSubset: 'LONGEST_ORDERED_SUBSET',
  longestContiguousSubset: 'LONGEST_CONTIGUOUS_SUBSET',
  relativeToCorrect: 'RELATIVE_TO_CORRECT',
};

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => ['question', 'answer', 'subquestion', 'hint', 'tag'].includes(name),
});

type XmlNode = Record<string, unknown>;

// Import.

/** Where each `<question>` starts and ends in the source, skipping comments and CDATA sections. */
function questionChunks(source: string): { start: number; end: number }[] {
  const chunks: { start: number; end: number }[] = [];
  const re = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<(\/?)question\b[^>]*?(\/?)>/g;
  let open: number | undefined;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    if (m[0].startsWith('<!')) continue;
    if (m[1] === '/') {
      if (open !== undefined) chunks.push({ start: open, end: m.index + m[0].length });
      open = undefined;
    } else if (m[2] === '/') {
      if (open !== undefined) chunks.push({ start: open, end: m.index });
      chunks.push({ start: m.index, end: m.index + m[0].length });
      open = undefined;
    } else {
      // A question never closed runs to the next one.
      if (open !== undefined) chunks.push({ start: open, end: m.index });
      open = m.index;
    }
  }
  if (open !== undefined) chunks.push({ start: open, end: source.length });
  return chunks;
}

function locator(source: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
}

export function parseMoodleXml(input: string): XmlImport {
  const source = input.replace(/^\uFEFF/, '');
  const at = locator(source);
  const questions: Question[] = [];
  const errors: XmlError[] = [];
  let category: string | undefined;

  for (const { start, end } of questionChunks(source)) {
    const chunk = source.slice(start, end);
    const where = at(start);
    const valid = XMLValidator.validate(chunk);
    if (valid !== true) {
      // The validator counts from the start of the chunk: back to the file's lines and columns.
      const place = (line: number, column: number): { line: number; column: number } => ({
        line: where.line + line - 1,
        column: line === 1 ? where.column + column - 1 : column,
      });
      const message = valid.err.msg.replace(/line (\d+), col (\d+)/g, (_, l: string, c: string) => {
        const p = place(Number(l), Number(c));
        return `line ${p.line}, col ${p.column}`;
      });
      errors.push({ ...place(valid.err.line, valid.err.col ?? 1), message });
      continue;
    }
    const node = (parser.parse(chunk) as { question?: XmlNode[] }).question?.[0];
    try {
      if (node === undefined) throw new XmlQuestionError('empty question');
      if (node['@_type'] === 'category') {
        const path = str(child(node, 'category')?.['text']);
        category = path === '' ? undefined : path;
      } else {
        questions.push(fromXml(node, category));
      }
    } catch (e) {
      if (!(e instanceof XmlQuestionError)) throw e;
      errors.push({ ...where, message: e.message });
    }
  }

  const whole = XMLValidator.validate(source);
  if (whole !== true) {
    if (errors.length === 0) errors.push({ line: whole.err.line, column: whole.err.col ?? 1, message: whole.err.msg });
  } else {
    const root = Object.keys(parser.parse(source) as XmlNode).filter((k) => k !== '?xml');
    if (root.length !== 1 || root[0] !== 'quiz') {
      errors.unshift({ line: 1, column: 1, message: 'not a Moodle XML file: the root element must be <quiz>' });
    }
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { questions, errors };
}

function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name];
  if (Array.isArray(value)) return value[0] as XmlNode | undefined;
  if (value !== null && typeof value === 'object') return value as XmlNode;
  if (typeof value === 'string') return { text: value, '#text': value };
  return undefined;
}

function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

/** The text of a `<text>`-like value: a string, or an element's own text. */
function str(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return str(value[0]);
  if (value !== null && typeof value === 'object') return str((value as XmlNode)['#text'] ?? '');
  return '';
}

/** The `<text>` inside element `name` of `node`. */
function textOf(node: XmlNode | undefined, name: string): string {
  return str(child(node, name)?.['text']);
}

function optionalText(node: XmlNode | undefined, name: string): string | undefined {
  const text = textOf(node, name);
  return text === '' ? undefined : text;
}

function numberOf(value: string, what: string): number {
  if (!NUMBER.test(value)) throw new XmlQuestionError(`${what} is not a number: "${value}"`);
  return Number(value);
}

function flag(node: XmlNode, name: string): boolean {
  const value = node[name];
  if (value === undefined) return false;
  const text = str(value).toLowerCase();
  return text !== '0' && text !== 'false';
}

function boolOf(node: XmlNode, name: string, fallback: boolean): boolean {
  const value = node[name];
  if (value === undefined) return fallback;
  const text = str(value).toLowerCase();
  return text === 'true' || text === '1';
}

function fractionOf(answer: XmlNode): number {
  const raw = String(answer['@_fraction'] ?? '0').trim();
  const fraction = numberOf(raw, 'answer fraction');
  if (fraction < -100 || fraction > 100) throw new XmlQuestionError(`answer fraction out of -100..100: ${raw}`);
  return fraction;
}

function choiceAnswer(answer: XmlNode): ChoiceAnswer {
  const feedback = optionalText(answer, 'feedback');
  const choice: ChoiceAnswer = { text: str(answer['text']), fraction: fractionOf(answer) };
  return feedback === undefined ? choice : { ...choice, feedback };
}

function hintsOf(node: XmlNode): Hint[] {
  return children(node, 'hint').map((hint) => {
    const h: Hint = { text: str(hint['text']) };
    if (flag(hint, 'shownumcorrect')) h.showNumCorrect = true;
    if (flag(hint, 'clearwrong')) h.clearWrong = true;
    return h;
  });
}

function combinedOf(node: XmlNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [xml, key] of [
    ['correctfeedback', 'correctFeedback'],
    ['partiallycorrectfeedback', 'partiallyCorrectFeedback'],
    ['incorrectfeedback', 'incorrectFeedback'],
  ] as const) {
    const text = optionalText(node, xml);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

function fromXml(node: XmlNode, category: string | undefined): Question {
  const type = String(node['@_type'] ?? '');
  const questiontext = child(node, 'questiontext');
  if (questiontext === undefined) throw new XmlQuestionError(`question of type "${type}" without <questiontext>`);
  const format = String(questiontext['@_format'] ?? 'moodle_auto_format');
  const q: Record<string, unknown> = {};
  const idnumber = str(node['idnumber']);
  if (idnumber !== '') q.id = idnumber;
  const name = optionalText(node, 'name');
  if (name !== undefined) q.name = name;
  if (category !== undefined) q.category = category;
  q.text = str(questiontext['text']);
  q.textFormat = FORMAT_IN[format] ?? 'moodle';
  const general = optionalText(node, 'generalfeedback');
  if (general !== undefined) q.generalFeedback = general;
  const tags = children(child(node, 'tags') ?? {}, 'tag')
    .map((t) => str(t['text']))
    .filter((t) => t !== '');
  if (tags.length > 0) q.tags = tags;
  // A description has no mark: its defaultgrade and penalty (0) are not kept.
  if (node['defaultgrade'] !== undefined && type !== 'description') {
    const mark = numberOf(str(node['defaultgrade']), 'defaultgrade');
    if (mark < 0) throw new XmlQuestionError('negative defaultgrade');
    if (mark !== DEFAULT_MARK) q.defaultMark = mark;
  }
  if (node['penalty'] !== undefined && type !== 'description') {
    const penalty = numberOf(str(node['penalty']), 'penalty');
    if (penalty < 0 || penalty > 1) throw new XmlQuestionError('penalty out of 0..1');
    const percent = Math.round(penalty * 1e7) / 1e5;
    if (percent !== DEFAULT_PENALTY) q.penalty = percent;
  }
  const hints = hintsOf(node);
  if (hints.length > 0) q.hints = hints;
  const answers = children(node, 'answer');

  switch (type) {
    case 'multichoice': {
      const choices = answers.map(choiceAnswer);
      if (choices.length === 0) throw new XmlQuestionError('multichoice question without answers');
      if (Math.max(...choices.map((a) => a.fraction)) <= 0) throw new XmlQuestionError('no answer gives credit');
      return {
        type: boolOf(node, 'single', true) ? 'single' : 'multiple',
        ...q,
        answers: choices,
        ...(!boolOf(node, 'shuffleanswers', true) && { shuffleAnswers: false }),
        ...combinedOf(node),
      } as Question;
    }
    case 'truefalse': {
      const find = (word: string): XmlNode | undefined => answers.find((a) => str(a['text']).toLowerCase() === word);
      const yes = find('true');
      const no = find('false');
      if (!yes || !no) throw new XmlQuestionError('truefalse question without its "true" and "false" answers');
      const feedbackTrue = optionalText(yes, 'feedback');
      const feedbackFalse = optionalText(no, 'feedback');
      return {
        type: 'truefalse',
        ...q,
        correct: fractionOf(yes) === 100,
        ...(feedbackTrue !== undefined && { feedbackTrue }),
        ...(feedbackFalse !== undefined && { feedbackFalse }),
      } as Question;
    }
    case 'shortanswer': {
      const choices = answers.map(choiceAnswer);
      if (choices.length === 0) throw new XmlQuestionError('shortanswer question without answers');
      return { type: 'shortanswer', ...q, answers: choices, caseSensitive: boolOf(node, 'usecase', false) } as Question;
    }
    case 'numerical': {
      if (answers.length === 0) throw new XmlQuestionError('numerical question without answers');
      const numerical = answers.map((answer): NumericalAnswer => {
        const fraction = fractionOf(answer);
        const feedback = optionalText(answer, 'feedback');
        const text = str(answer['text']);
        let out: NumericalAnswer;
        if (text === '*') out = { kind: 'any', fraction };
        else {
          const tolerance = Math.abs(numberOf(str(answer['tolerance'] ?? '0') || '0', 'tolerance'));
          out = { kind: 'exact', value: numberOf(text, 'numerical answer'), tolerance, fraction };
        }
        return feedback === undefined ? out : { ...out, feedback };
      });
      return { type: 'numerical', ...q, answers: numerical } as Question;
    }
    case 'match': {
      const pairs = children(node, 'subquestion').map((sub) => ({
        left: str(sub['text']),
        right: textOf(sub, 'answer'),
      }));
      if (pairs.some((p) => p.right === '')) throw new XmlQuestionError('matching subquestion without an answer');
      if (pairs.filter((p) => p.left !== '').length < 2) {
        throw new XmlQuestionError('a matching question needs at least two pairs');
      }
      return {
        type: 'matching',
        ...q,
        pairs,
        ...(!boolOf(node, 'shuffleanswers', true) && { shuffleAnswers: false }),
        ...combinedOf(node),
      } as Question;
    }
    case 'ordering': {
      const items = answers.map((a) => str(a['text']));
      if (items.length < 2) throw new XmlQuestionError('an ordering question needs at least two items');
      const grading = GRADING_IN[str(node['gradingtype']).toUpperCase()] ?? 'relativeNextExcludeLast';
      return { type: 'ordering', ...q, items, grading, ...combinedOf(node) } as Question;
    }
    case 'essay': {
      const graderInfo = optionalText(node, 'graderinfo');
      return { type: 'essay', ...q, ...(graderInfo !== undefined && { graderInfo }) } as Question;
    }
    case 'description':
      return { type: 'description', ...q } as Question;
    default:
      throw new XmlQuestionError(`question type "${type}" is not supported`);
  }
}

// Export.

/** XML 1.0 cannot hold most control characters: they are left out. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing what XML forbids is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** qformat_xml::xml_escape: a CDATA section when the text holds & < > " or '. */
function escapeXml(text: string): string {
  const t = clean(text);
  if (t === '' || !/[&<>"']/.test(t)) return t;
  return `<![CDATA[${t.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

const pad = (depth: number): string => '  '.repeat(depth);

function textElement(name: string, text: string, depth: number, format?: string): string {
  const attr = format === undefined ? '' : ` format="${format}"`;
  return `${pad(depth)}<${name}${attr}>\n${pad(depth + 1)}<text>${escapeXml(text)}</text>\n${pad(depth)}</${name}>\n`;
}

const decimal = (n: number): string => n.toFixed(7);
const num = (n: number): string => String(n);

function answerElement(
  text: string,
  fraction: number,
  feedback: string | undefined,
  format: string,
  extra = '',
): string {
  return (
    `    <answer fraction="${num(fraction)}" format="${format}">\n` +
    `      <text>${escapeXml(text)}</text>\n` +
    extra +
    textElement('feedback', feedback ?? '', 3, format) +
    '    </answer>\n'
  );
}

function combinedElements(q: Question, format: string): string {
  if (q.type !== 'single' && q.type !== 'multiple' && q.type !== 'matching' && q.type !== 'ordering') return '';
  return (
    textElement('correctfeedback', q.correctFeedback ?? '', 2, format) +
    textElement('partiallycorrectfeedback', q.partiallyCorrectFeedback ?? '', 2, format) +
    textElement('incorrectfeedback', q.incorrectFeedback ?? '', 2, format)
  );
}

/** The text of a missing-word question (GIFT) with its blank, as Moodle's GIFT import writes it. */
function fullText(q: Question): string {
  if (q.textAfter === undefined || q.textAfter === '') return q.text;
  const before = q.text === '' ? '' : `${q.text} `;
  const after = /^[.,;:!?)]/.test(q.textAfter) ? q.textAfter : ` ${q.textAfter}`;
  return `${before}_____${after}`;
}

const XML_TYPE: Record<Question['type'], string> = {
  single: 'multichoice',
  multiple: 'multichoice',
  truefalse: 'truefalse',
  shortanswer: 'shortanswer',
  numerical: 'numerical',
  matching: 'match',
  ordering: 'ordering',
  essay: 'essay',
  description: 'description',
};

function questionXml(q: Question): string {
  const format = FORMAT_OUT[q.textFormat];
  let out = `  <question type="${XML_TYPE[q.type]}">\n`;
  out += textElement('name', q.name ?? '', 2);
  out += textElement('questiontext', fullText(q), 2, format);
  out += textElement('generalfeedback', q.generalFeedback ?? '', 2, format);
  out += `    <defaultgrade>${decimal(q.type === 'description' ? 0 : (q.defaultMark ?? DEFAULT_MARK))}</defaultgrade>\n`;
  out += `    <penalty>${decimal((q.penalty ?? DEFAULT_PENALTY) / 100)}</penalty>\n`;
  out += '    <hidden>0</hidden>\n';
  out += `    <idnumber>${escapeXml(q.id ?? '')}</idnumber>\n`;
  switch (q.type) {
    case 'single':
    case 'multiple':
      out += `    <single>${q.type === 'single'}</single>\n`;
      out += `    <shuffleanswers>${q.shuffleAnswers !== false}</shuffleanswers>\n`;
      out += '    <answernumbering>abc</answernumbering>\n';
      out += '    <showstandardinstruction>0</showstandardinstruction>\n';
      out += combinedElements(q, format);
      for (const a of q.answers) out += answerElement(a.text, a.fraction, a.feedback, format);
      break;
    case 'truefalse':
      out += answerElement('true', q.correct ? 100 : 0, q.feedbackTrue, 'moodle_auto_format');
      out += answerElement('false', q.correct ? 0 : 100, q.feedbackFalse, 'moodle_auto_format');
      break;
    case 'shortanswer':
      out += `    <usecase>${q.caseSensitive ? 1 : 0}</usecase>\n`;
      for (const a of q.answers) out += answerElement(a.text, a.fraction, a.feedback, format);
      break;
    case 'numerical':
      for (const a of q.answers) {
        if (a.kind === 'any') {
          out += answerElement('*', a.fraction, a.feedback, format, '      <tolerance>0</tolerance>\n');
        } else {
          // Moodle XML has no range: a middle value and a tolerance say the same.
          const value = a.kind === 'exact' ? a.value : (a.min + a.max) / 2;
          const tolerance = a.kind === 'exact' ? a.tolerance : (a.max - a.min) / 2;
          out += answerElement(
            num(value),
            a.fraction,
            a.feedback,
            format,
            `      <tolerance>${num(tolerance)}</tolerance>\n`,
          );
        }
      }
      out += '    <unitgradingtype>0</unitgradingtype>\n    <unitpenalty>0.1000000</unitpenalty>\n';
      out += '    <showunits>3</showunits>\n    <unitsleft>0</unitsleft>\n';
      break;
    case 'matching':
      out += `    <shuffleanswers>${q.shuffleAnswers !== false}</shuffleanswers>\n`;
      out += combinedElements(q, format);
      for (const p of q.pairs) {
        out +=
          `    <subquestion format="${format}">\n      <text>${escapeXml(p.left)}</text>\n` +
          `      <answer>\n        <text>${escapeXml(p.right)}</text>\n      </answer>\n    </subquestion>\n`;
      }
      break;
    case 'ordering':
      out += '    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n';
      out += `    <selectcount>0</selectcount>\n    <gradingtype>${GRADING_OUT[q.grading]}</gradingtype>\n`;
      out += '    <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n';
      out += combinedElements(q, format);
      q.items.forEach((item, i) => {
        out +=
          `    <answer fraction="${decimal(i + 1)}" format="${format}">\n` +
          `      <text>${escapeXml(item)}</text>\n    </answer>\n`;
      });
      break;
    case 'essay':
      out += '    <responseformat>editor</responseformat>\n    <responserequired>1</responserequired>\n';
      out += '    <responsefieldlines>15</responsefieldlines>\n    <attachments>0</attachments>\n';
      out += textElement('graderinfo', q.graderInfo ?? '', 2, format);
      out += textElement('responsetemplate', '', 2, format);
      break;
    case 'description':
      break;
  }
  for (const hint of q.hints ?? []) {
    out += `    <hint format="${format}">\n      <text>${escapeXml(hint.text)}</text>\n`;
    if (hint.showNumCorrect) out += '      <shownumcorrect/>\n';
    if (hint.clearWrong) out += '      <clearwrong/>\n';
    out += '    </hint>\n';
  }
  if (q.tags !== undefined && q.tags.length > 0) {
    out += '    <tags>\n';
    for (const tag of q.tags) out += `      <tag><text>${escapeXml(tag)}</text>\n      </tag>\n`;
    out += '    </tags>\n';
  }
  return `${out}  </question>\n`;
}

export function exportMoodleXml(questions: readonly Question[]): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n';
  let category: string | undefined;
  questions.forEach((q, i) => {
    if (q.category !== undefined && q.category !== category) {
      category = q.category;
      out += `<!-- question: 0  -->\n  <question type="category">\n${textElement('category', category, 2)}  </question>\n\n`;
    }
    out += `<!-- question: ${i + 1}  -->\n${questionXml(q)}\n`;
  });
  return `${out}</quiz>\n`;
}
