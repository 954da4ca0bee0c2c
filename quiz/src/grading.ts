/**
 * Grading of one response, as Moodle's question types grade it. Trusted server-side logic: the reference
 * host calls it directly and the Moodle plugin carries a PHP port (mod_magquiz\local\grader); both pass
 * test/vectors/quiz-grading.json.
 *
 * The result's `fraction` is Moodle's: a number from 0 to 1 (a single-choice answer with a negative weight
 * gives a negative one), the share of the question's mark earned. `state` follows it as Moodle's
 * `graded_state_for_fraction`: below 0.000001 wrong, above 0.999999 right, partial in between. A response
 * that says nothing (no choice, blank text) is `unanswered` with fraction 0; an essay `needsGrading` (fraction
 * null); a description has `noMark` (fraction null).
 *
 * Rules, by type:
 * - single: the weight of the chosen answer.
 * - multiple: the sum of the chosen answers' weights, clamped to [0, 100] %.
 * - truefalse: 1 or 0.
 * - shortanswer: the first answer, in order, that the response matches gives its weight (none: 0). The
 *   response is trimmed of spaces, tabs and line breaks at both ends (PHP's `trim`), inner spaces are kept;
 *   both sides are NFC-normalised; the answer must match the whole response; `*` matches any run of
 *   characters (line breaks excepted) and `\*` a literal star; case counts only when `caseSensitive`.
 * - numerical: {@link parseNumber} reads the response; the first answer, in order, that it falls within
 *   gives its weight: `exact` within `tolerance` (plus Moodle's 1e-14 × max(1, |value|) against rounding),
 *   `range` from min to max (as Moodle stores it: a middle value and a tolerance), `any` whatever the response,
 *   even one that is not a number. No unit.
 * - matching: the share of stems matched with their right side (the same text is the same choice).
 * - ordering: qtype_ordering's grading type (see {@link gradeOrdering}).
 *
 * Feedback: the chosen answers' own feedback (single, multiple: in the answers' order; truefalse: the
 * feedback for the value chosen; shortanswer, numerical: the matching answer's), then the combined feedback
 * for the state (right: `correctFeedback`, partial: `partiallyCorrectFeedback`, wrong:
 * `incorrectFeedback`) where the type has it. Empty texts are left out.
 */
import type {
  ChoiceAnswer,
  MatchingQuestion,
  NumericalAnswer,
  NumericalQuestion,
  OrderingGrading,
  Question,
  ShortAnswerQuestion,
} from './model.js';
import { matchingChoices, matchingStems } from './response.js';
import type {
  MatchingResponse,
  MultipleResponse,
  OrderingResponse,
  Response,
  SingleResponse,
  TextResponse,
  TrueFalseResponse,
} from './response.js';

export type GradeState = 'right' | 'partial' | 'wrong' | 'unanswered' | 'needsGrading' | 'noMark';

export interface GradeResult {
  fraction: number | null;
  state: GradeState;
  feedback: string[];
  /**
   * For multiple response and matching: how many parts are right, out of how many (multiple: the chosen
   * answers with a positive weight, out of all those; matching: stems). Hints may show it.
   */
  parts?: { right: number; total: number };
}

/** Moodle's question_state::graded_state_for_fraction. */
export function stateForFraction(fraction: number): 'right' | 'partial' | 'wrong' {
  if (fraction < 0.000001) return 'wrong';
  if (fraction > 0.999999) return 'right';
  return 'partial';
}

/** PHP's `trim()`: space, tab, line feed, carriage return, NUL and vertical tab at both ends. */
export function phpTrim(text: string): string {
  // eslint-disable-next-line no-control-regex -- PHP's trim() removes NUL and vertical tab
  return text.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '');
}

/** Whether a response says anything at all (Moodle: "gradable"); an unanswered one is not graded. */
export function isAnswered(question: Question, response: Response | null | undefined): boolean {
  if (response === null || response === undefined) return false;
  switch (question.type) {
    case 'multiple':
      return (response as MultipleResponse).choices.length > 0;
    case 'shortanswer':
    case 'numerical':
    case 'essay':
      return phpTrim((response as TextResponse).text) !== '';
    case 'matching':
      return (response as MatchingResponse).choices.some((c) => c !== null);
    case 'description':
      return false;
    default:
      return true;
  }
}

export type IncompleteReason = 'answer_required' | 'not_a_number' | 'all_parts_required';

/**
 * Why a response cannot be checked yet (Moodle: not "complete"): checking it would not count as a try.
 * Undefined when it can.
 */
export function incompleteReason(
  question: Question,
  response: Response | null | undefined,
): IncompleteReason | undefined {
  if (question.type === 'description') return undefined;
  if (!isAnswered(question, response)) return 'answer_required';
  if (question.type === 'numerical' && parseNumber((response as TextResponse).text) === null) return 'not_a_number';
  if (question.type === 'matching' && (response as MatchingResponse).choices.some((c) => c === null)) {
    return 'all_parts_required';
  }
  return undefined;
}

/**
 * A number as a trainee may type it, after Moodle's qtype_numerical_answer_processor (without units): spaces
 * (and, for French typing, no-break spaces) removed; `x10^`, `×10^`, `*10**` and `E` written as `e`; if there
 * is a `.` or more than one `,`, commas are thousands separators and removed, else a comma is the decimal
 * point (`3,14`). Then the whole text must be `[+-]digits[.digits][e[+-]digits]`. Null when it is not a
 * finite number.
 */
export function parseNumber(text: string): number | null {
  let s = phpTrim(text).replace(/[ \u00A0\u202F]/g, '');
  s = s.replace(/(?:e|E|(?:x|\*|×)10(?:\^|\*\*))([+-]?\d+)/g, 'e$1');
  if (s.includes('.') || (s.match(/,/g) ?? []).length > 1) s = s.replace(/,/g, '');
  else s = s.replace(/,/g, '.');
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

/** Moodle's qtype_numerical_answer::within_tolerance (nominal tolerance); `any` takes everything. */
export function withinTolerance(answer: NumericalAnswer, value: number | null): boolean {
  if (answer.kind === 'any') return true;
  if (value === null) return false;
  let middle: number;
  let tolerance: number;
  if (answer.kind === 'exact') {
    middle = answer.value;
    tolerance = answer.tolerance;
  } else {
    // As Moodle's GIFT import stores a range min..max.
    tolerance = answer.max - (answer.max + answer.min) / 2;
    middle = answer.max - tolerance;
  }
  const margin = tolerance + 1e-14 * Math.max(1, Math.abs(middle));
  return middle - margin <= value && value <= middle + margin;
}

const REGEXP_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

/** Moodle's qtype_shortanswer_question::compare_string_with_wildcard. */
export function matchesWildcard(response: string, pattern: string, caseSensitive: boolean): boolean {
  const bits = pattern.normalize('NFC').split(/(?<!\\)\*+/);
  const source = bits.map((bit) => bit.replaceAll('\\*', '*').replace(REGEXP_SPECIAL, '\\$&')).join('[^\\n]*');
  return new RegExp(`^${source}$`, caseSensitive ? 'u' : 'iu').test(phpTrim(response.normalize('NFC')));
}

function combinedFeedback(question: Question, state: GradeState): string | undefined {
  if (
    question.type !== 'single' &&
    question.type !== 'multiple' &&
    question.type !== 'matching' &&
    question.type !== 'ordering'
  ) {
    return undefined;
  }
  if (state === 'right') return question.correctFeedback;
  if (state === 'partial') return question.partiallyCorrectFeedback;
  if (state === 'wrong') return question.incorrectFeedback;
  return undefined;
}

function result(
  question: Question,
  fraction: number,
  own: (string | undefined)[],
  parts?: { right: number; total: number },
): GradeResult {
  const state = stateForFraction(fraction);
  const feedback = [...own, combinedFeedback(question, state)].filter(
    (text): text is string => text !== undefined && text !== '',
  );
  return parts === undefined ? { fraction, state, feedback } : { fraction, state, feedback, parts };
}

/** The first answer that `text` matches, in order. */
export function matchingShortAnswer(question: ShortAnswerQuestion, text: string): ChoiceAnswer | undefined {
  return question.answers.find((a) => matchesWildcard(text, a.text, question.caseSensitive));
}

/** The first numerical answer that `text` falls within, in order. */
export function matchingNumericalAnswer(question: NumericalQuestion, text: string): NumericalAnswer | undefined {
  const value = parseNumber(text);
  return question.answers.find((a) => withinTolerance(a, value));
}

/** The number of stems matched right, per Moodle's qtype_match (the same right text is the same choice). */
export function matchingRight(question: MatchingQuestion, response: MatchingResponse): number {
  const choices = matchingChoices(question);
  return matchingStems(question).filter((stem, i) => {
    const chosen = response.choices[i];
    return chosen !== null && chosen !== undefined && choices[chosen] === stem.right;
  }).length;
}

/**
 * Grades `response` (already checked by parseResponse for this question, or null for no response).
 */
export function grade(question: Question, response: Response | null | undefined): GradeResult {
  if (question.type === 'description') return { fraction: null, state: 'noMark', feedback: [] };
  if (!isAnswered(question, response)) return { fraction: 0, state: 'unanswered', feedback: [] };
  switch (question.type) {
    case 'single': {
      const answer = question.answers[(response as SingleResponse).choice];
      return result(question, (answer?.fraction ?? 0) / 100, [answer?.feedback]);
    }
    case 'multiple': {
      const chosen = new Set((response as MultipleResponse).choices);
      let sum = 0;
      const feedback: (string | undefined)[] = [];
      let right = 0;
      question.answers.forEach((answer, i) => {
        if (!chosen.has(i)) return;
        sum += answer.fraction;
        feedback.push(answer.feedback);
        if (answer.fraction > 0) right++;
      });
      const total = question.answers.filter((a) => a.fraction > 0).length;
      return result(question, Math.min(Math.max(0, sum), 100) / 100, feedback, { right, total });
    }
    case 'truefalse': {
      const value = (response as TrueFalseResponse).value;
      return result(question, value === question.correct ? 1 : 0, [
        value ? question.feedbackTrue : question.feedbackFalse,
      ]);
    }
    case 'shortanswer': {
      const answer = matchingShortAnswer(question, (response as TextResponse).text);
      return result(question, (answer?.fraction ?? 0) / 100, [answer?.feedback]);
    }
    case 'numerical': {
      const answer = matchingNumericalAnswer(question, (response as TextResponse).text);
      return result(question, (answer?.fraction ?? 0) / 100, [answer?.feedback]);
    }
    case 'matching': {
      const total = matchingStems(question).length;
      const right = matchingRight(question, response as MatchingResponse);
      return result(question, total === 0 ? 0 : right / total, [], { right, total });
    }
    case 'ordering':
      return result(
        question,
        gradeOrdering(question.grading, question.items.length, (response as OrderingResponse).order),
        [],
      );
    case 'essay':
      return { fraction: null, state: 'needsGrading', feedback: [] };
  }
}

/**
 * qtype_ordering's grade_response, for `count` items whose right order is 0, 1, … and the trainee's `order`.
 * Items are numbered from 1 inside, so that 0 is Moodle's "no item" (before the first, after the last).
 * - allOrNothing: 1 when every item is in its place, else 0.
 * - absolutePosition: the share of items in their place.
 * - relativeNextExcludeLast / IncludeLast: the share of items followed by the right item (the last item
 *   counted, as "followed by nothing", only in IncludeLast).
 * - relativeOnePreviousAndNext: one point for the right item just before, one for the right item just after
 *   (nothing before the first, nothing after the last), out of 2 per item.
 * - relativeAllPreviousAndNext: one point per item rightly before or after each item, out of n(n-1).
 * - longestOrderedSubset / longestContiguousSubset: the length of the longest subset of items in the right
 *   relative order (contiguous: items that follow each other in the right order), out of n; a subset of one
 *   counts 0 (see {@link orderedSubsetLength}).
 * - relativeToCorrect: per item, (n - 1) minus its distance from its place (at least 0), out of n(n-1).
 */
export function gradeOrdering(grading: OrderingGrading, count: number, order: readonly number[]): number {
  const correct = Array.from({ length: count }, (_, i) => i + 1);
  const current = order.map((i) => i + 1);
  let right = 0;
  let total = 0;
  switch (grading) {
    case 'allOrNothing':
    case 'absolutePosition':
      correct.forEach((id, position) => {
        if (current[position] === id) right++;
        total++;
      });
      if (grading === 'allOrNothing' && right < total) right = 0;
      break;
    case 'relativeNextExcludeLast':
    case 'relativeNextIncludeLast': {
      const last = grading === 'relativeNextIncludeLast';
      const currentNext = nextIds(current, last);
      for (const [id, next] of nextIds(correct, last)) {
        if (currentNext.has(id) && currentNext.get(id) === next) right++;
        total++;
      }
      break;
    }
    case 'relativeOnePreviousAndNext':
    case 'relativeAllPreviousAndNext': {
      const all = grading === 'relativeAllPreviousAndNext';
      const currentAround = previousAndNextIds(current, all);
      for (const [id, around] of previousAndNextIds(correct, all)) {
        const mine = currentAround.get(id);
        if (mine) {
          right += mine.prev.filter((x) => around.prev.includes(x)).length;
          right += mine.next.filter((x) => around.next.includes(x)).length;
        }
        total += around.prev.length + around.next.length;
      }
      break;
    }
    case 'longestOrderedSubset':
    case 'longestContiguousSubset':
      right = orderedSubsetLength(correct, current, grading === 'longestContiguousSubset');
      total = current.length;
      break;
    case 'relativeToCorrect': {
      const max = correct.length - 1;
      correct.forEach((id, position) => {
        const at = current.indexOf(id);
        if (at >= 0) {
          const score = max - Math.abs(position - at);
          if (score > 0) right += score;
        }
        total += max;
      });
      break;
    }
  }
  return total === 0 ? 0 : right / total;
}

/** qtype_ordering's get_next_answerids: each id and the id after it (0 after the last, when included). */
function nextIds(ids: number[], lastItem: boolean): Map<number, number> {
  const next = new Map<number, number>();
  const end = lastItem ? ids.length : ids.length - 1;
  for (let i = 0; i < end; i++) next.set(ids[i] as number, ids[i + 1] ?? 0);
  return next;
}

/** qtype_ordering's get_previous_and_next_answerids. */
function previousAndNextIds(ids: number[], all: boolean): Map<number, { prev: number[]; next: number[] }> {
  const around = new Map<number, { prev: number[]; next: number[] }>();
  const next = [...ids];
  const prev: number[] = [];
  while (next.length > 0) {
    const id = next.shift() as number;
    around.set(id, all ? { prev: [...prev], next: [...next] } : { prev: [prev[0] ?? 0], next: [next[0] ?? 0] });
    prev.unshift(id);
  }
  return around;
}

/**
 * The length of the subset qtype_ordering's get_ordered_subset finds, in polynomial time. Moodle enumerates
 * subsets, which takes exponential time and memory on some orders (40 items swapped in pairs exhaust a
 * server); its longest subset is the longest increasing subsequence of the items' right positions
 * (contiguous: of positions that follow each other, k, k + 1, k + 2…), and a subset of one counts 0.
 * quiz/test/ordering.test.ts checks this against a literal port of Moodle's search.
 */
export function orderedSubsetLength(correct: number[], current: number[], contiguous: boolean): number {
  const positions = current.map((id) => correct.indexOf(id));
  let best = 0;
  if (contiguous) {
    const run = new Map<number, number>();
    for (const value of positions) {
      const length = (run.get(value - 1) ?? 0) + 1;
      run.set(value, length);
      best = Math.max(best, length);
    }
  } else {
    // Patience sorting: tails[k] is the smallest end of an increasing subsequence of length k + 1.
    const tails: number[] = [];
    for (const value of positions) {
      let lo = 0;
      let hi = tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((tails[mid] as number) < value) lo = mid + 1;
        else hi = mid;
      }
      tails[lo] = value;
    }
    best = tails.length;
  }
  return best > 1 ? best : 0;
}
