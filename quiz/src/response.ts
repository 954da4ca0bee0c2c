/**
 * A trainee's response to one question, in the question's own terms (indices into the model's answers,
 * pairs and items, never into what a trainee's screen shows: attempt.ts translates), and its checking.
 * Whatever comes from a browser goes through {@link parseResponse} first: a wrong shape, a number out of
 * range, NaN, a duplicate choice, a huge string or array gives a {@link ResponseError}, never an exception.
 *
 * The shapes, by question type:
 * - `single`: `{ choice }`, the index of the chosen answer;
 * - `multiple`: `{ choices }`, the indices of the chosen answers, each once (any order; kept sorted);
 * - `truefalse`: `{ value }`, true or false;
 * - `shortanswer`, `numerical`, `essay`: `{ text }` as typed;
 * - `matching`: `{ choices }`, for each stem (the pairs with a left side, in order) the index of the chosen
 *   right side in {@link matchingChoices}, or null when none is chosen yet;
 * - `ordering`: `{ order }`, every item's index once, in the order the trainee put them;
 * - `description`: nothing to answer.
 */
import * as v from 'valibot';
import type { MatchingQuestion, Question } from './model.js';

export type SingleResponse = { choice: number };
export type MultipleResponse = { choices: number[] };
export type TrueFalseResponse = { value: boolean };
export type TextResponse = { text: string };
export type MatchingResponse = { choices: (number | null)[] };
export type OrderingResponse = { order: number[] };
export type Response =
  SingleResponse | MultipleResponse | TrueFalseResponse | TextResponse | MatchingResponse | OrderingResponse;

/** The longest texts accepted, in code points. */
export const TEXT_LIMITS = { shortanswer: 1_000, numerical: 100, essay: 100_000 } as const;
/** The most elements a response array may have, whatever the question. */
export const ARRAY_LIMIT = 1_000;

export type ResponseErrorCode =
  | 'wrong_shape'
  | 'out_of_range'
  | 'duplicate_choice'
  | 'not_a_permutation'
  | 'too_long'
  | 'invalid_text'
  | 'no_response_expected';

export interface ResponseError {
  code: ResponseErrorCode;
  /** English, for logs and developers; trainees get the code's translation (strings.ts). */
  message: string;
}

export type ParsedResponse = { ok: true; response: Response } | { ok: false; error: ResponseError };

const Index = v.pipe(v.number(), v.integer(), v.minValue(0));
const shapes = {
  single: v.object({ choice: Index }),
  multiple: v.object({ choices: v.array(Index) }),
  truefalse: v.object({ value: v.boolean() }),
  text: v.object({ text: v.string() }),
  matching: v.object({ choices: v.array(v.nullable(Index)) }),
  ordering: v.object({ order: v.array(Index) }),
};
const SHAPE_TEXT = {
  single: '{ choice: integer ≥ 0 }',
  multiple: '{ choices: integer ≥ 0 [] }',
  truefalse: '{ value: boolean }',
  text: '{ text: string }',
  matching: '{ choices: (integer ≥ 0 | null) [] }',
  ordering: '{ order: integer ≥ 0 [] }',
};

/** The right-hand sides a matching question offers: each distinct text once, in the order of the pairs. */
export function matchingChoices(question: MatchingQuestion): string[] {
  return [...new Set(question.pairs.map((p) => p.right))];
}

/** The pairs of a matching question that are stems (not distractors). */
export function matchingStems(question: MatchingQuestion): { left: string; right: string }[] {
  return question.pairs.filter((p) => p.left !== '');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** Code points in `text`, counting no further than `limit + 1` (a huge paste costs little). */
function tooLong(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  if (text.length > 2 * limit) return true;
  let count = 0;
  for (const _ of text) if (++count > limit) return true;
  return false;
}

const fail = (code: ResponseErrorCode, message: string): ParsedResponse => ({ ok: false, error: { code, message } });

/**
 * Checks `input` as a response to `question`: its shape, then what depends on the question (indices in
 * range, no duplicates, a whole permutation, text length). The response returned is a fresh object with only
 * the known fields; `multiple` choices come back sorted.
 */
export function parseResponse(question: Question, input: unknown): ParsedResponse {
  if (question.type === 'description') return fail('no_response_expected', 'a description takes no response');
  const kind =
    question.type === 'shortanswer' || question.type === 'numerical' || question.type === 'essay'
      ? 'text'
      : question.type;
  if (typeof input === 'object' && input !== null) {
    for (const value of Object.values(input)) {
      if (Array.isArray(value) && value.length > ARRAY_LIMIT) {
        return fail('too_long', `more than ${ARRAY_LIMIT} elements`);
      }
    }
  }
  const parsed = v.safeParse(shapes[kind], input);
  if (!parsed.success) return fail('wrong_shape', `expected ${SHAPE_TEXT[kind]}`);

  switch (question.type) {
    case 'single': {
      const { choice } = parsed.output as SingleResponse;
      if (choice >= question.answers.length) return fail('out_of_range', `no answer ${choice}`);
      return { ok: true, response: { choice } };
    }
    case 'multiple': {
      const { choices } = parsed.output as MultipleResponse;
      const bad = choices.find((c) => c >= question.answers.length);
      if (bad !== undefined) return fail('out_of_range', `no answer ${bad}`);
      if (new Set(choices).size !== choices.length) return fail('duplicate_choice', 'an answer is chosen twice');
      return { ok: true, response: { choices: [...choices].sort((a, b) => a - b) } };
    }
    case 'truefalse':
      return { ok: true, response: { value: (parsed.output as TrueFalseResponse).value } };
    case 'shortanswer':
    case 'numerical':
    case 'essay': {
      const { text } = parsed.output as TextResponse;
      if (tooLong(text, TEXT_LIMITS[question.type])) {
        return fail('too_long', `longer than ${TEXT_LIMITS[question.type]} characters`);
      }
      if (LONE_SURROGATE.test(text)) return fail('invalid_text', 'the text is not well-formed Unicode');
      return { ok: true, response: { text } };
    }
    case 'matching': {
      const { choices } = parsed.output as MatchingResponse;
      const stems = matchingStems(question).length;
      const offered = matchingChoices(question).length;
      if (choices.length !== stems) return fail('wrong_shape', `expected ${stems} choices, one per stem`);
      const bad = choices.find((c) => c !== null && c >= offered);
      if (bad !== undefined && bad !== null) return fail('out_of_range', `no choice ${bad}`);
      return { ok: true, response: { choices: [...choices] } };
    }
    case 'ordering': {
      const { order } = parsed.output as OrderingResponse;
      const n = question.items.length;
      if (order.length !== n || order.some((i) => i >= n) || new Set(order).size !== n) {
        return fail('not_a_permutation', `expected each of the ${n} items once`);
      }
      return { ok: true, response: { order: [...order] } };
    }
  }
}
