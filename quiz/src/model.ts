/**
 * The question model of the future `<mag-quiz>`: what a question bank holds, whatever it was imported from
 * (GIFT for now, see gift.ts). Pure data, checked with valibot schemas.
 *
 * Fractions are percentages of the question's mark, from -100 to 100 (GIFT's `%50%`, `%-100%`,
 * `%33.33333%`); so is the penalty per wrong try. Texts are stored unescaped, in the question's `textFormat`;
 * answers, feedback and hints share it. Optional fields that are absent take Moodle's defaults: a default
 * mark of 1, a penalty of 33.33333 %, answers shuffled.
 *
 * A missing-word question (GIFT: text, then the answer block, then more text) keeps its text split in two:
 * `text` is what comes before the blank and `textAfter` what comes after it. `textAfter` absent means the
 * answers follow the whole text, as in an ordinary question.
 */
import * as v from 'valibot';

import { TEXT_FORMATS } from './names.js';

export { QUESTION_TYPES, TEXT_FORMATS, type QuestionType, type TextFormat } from './names.js';

/** A percentage of the mark: 100 is full credit, negative values are penalties. */
export const Fraction = v.pipe(v.number(), v.finite(), v.minValue(-100), v.maxValue(100));

/** Moodle's defaults for a question's optional grading fields. */
export const DEFAULT_MARK = 1;
export const DEFAULT_PENALTY = 33.33333;

/**
 * A hint, shown after a wrong try in the interactive behaviour (the first hint after the first wrong try…);
 * a question with n hints allows n + 1 tries. `showNumCorrect`: also say how many parts of the response are
 * right (multiple response, matching, ordering); `clearWrong`: clear the wrong parts before the next try.
 */
export const Hint = v.object({
  text: v.string(),
  showNumCorrect: v.optional(v.boolean()),
  clearWrong: v.optional(v.boolean()),
});
export type Hint = v.InferOutput<typeof Hint>;

const common = {
  /** An identifier stable across imports (GIFT: `// [id:…]`). */
  id: v.optional(v.string()),
  name: v.optional(v.string()),
  /** The category path, e.g. `$course$/top/Chapitre 1` (GIFT: `$CATEGORY:`). */
  category: v.optional(v.string()),
  /** The question text; for a missing-word question, the text before the blank. */
  text: v.string(),
  /** For a missing-word question only: the text after the blank. */
  textAfter: v.optional(v.string()),
  textFormat: v.picklist(TEXT_FORMATS),
  /** Shown to everyone after answering, whatever the answer. */
  generalFeedback: v.optional(v.string()),
  tags: v.optional(v.array(v.string())),
  /** The question's mark in a quiz unless the quiz says otherwise (Moodle's `defaultgrade`); default 1. */
  defaultMark: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  /** The percentage of the mark lost per wrong try in the interactive behaviour; default 33.33333. */
  penalty: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100))),
  hints: v.optional(v.array(Hint)),
};

/** Feedback by outcome (Moodle's combined feedback), shown after the per-answer feedback. */
const combined = {
  correctFeedback: v.optional(v.string()),
  partiallyCorrectFeedback: v.optional(v.string()),
  incorrectFeedback: v.optional(v.string()),
};

/** Whether the choices are shown in a random order, drawn once per attempt; default true. */
const shuffle = { shuffleAnswers: v.optional(v.boolean()) };

export const ChoiceAnswer = v.object({
  text: v.string(),
  fraction: Fraction,
  feedback: v.optional(v.string()),
});
export type ChoiceAnswer = v.InferOutput<typeof ChoiceAnswer>;

/** One answer is chosen; the answer with fraction 100 is the right one, others may give partial credit. */
export const SingleQuestion = v.object({
  type: v.literal('single'),
  ...common,
  answers: v.array(ChoiceAnswer),
  ...shuffle,
  ...combined,
});
/** Several answers are chosen; their fractions add up (partial credit, negative weights for wrong ones). */
export const MultipleQuestion = v.object({
  type: v.literal('multiple'),
  ...common,
  answers: v.array(ChoiceAnswer),
  ...shuffle,
  ...combined,
});

export const TrueFalseQuestion = v.object({
  type: v.literal('truefalse'),
  ...common,
  correct: v.boolean(),
  /** Shown to a learner who answered "true". */
  feedbackTrue: v.optional(v.string()),
  /** Shown to a learner who answered "false". */
  feedbackFalse: v.optional(v.string()),
});

/** Typed answers; `*` in an answer is a wildcard matching any characters. */
export const ShortAnswerQuestion = v.object({
  type: v.literal('shortanswer'),
  ...common,
  answers: v.array(ChoiceAnswer),
  caseSensitive: v.boolean(),
});

export const NumericalAnswer = v.variant('kind', [
  /** Right when |response - value| <= tolerance. */
  v.object({
    kind: v.literal('exact'),
    value: v.pipe(v.number(), v.finite()),
    tolerance: v.pipe(v.number(), v.finite(), v.minValue(0)),
    fraction: Fraction,
    feedback: v.optional(v.string()),
  }),
  /** Right when min <= response <= max. */
  v.object({
    kind: v.literal('range'),
    min: v.pipe(v.number(), v.finite()),
    max: v.pipe(v.number(), v.finite()),
    fraction: Fraction,
    feedback: v.optional(v.string()),
  }),
  /** Any response, even one that is not a number (Moodle's `*` answer): usually a last answer for feedback. */
  v.object({
    kind: v.literal('any'),
    fraction: Fraction,
    feedback: v.optional(v.string()),
  }),
]);
export type NumericalAnswer = v.InferOutput<typeof NumericalAnswer>;

export const NumericalQuestion = v.object({
  type: v.literal('numerical'),
  ...common,
  answers: v.array(NumericalAnswer),
});

/** A pair with an empty `left` is a distractor: a right-hand item that matches nothing. */
export const MatchingPair = v.object({ left: v.string(), right: v.string() });
export type MatchingPair = v.InferOutput<typeof MatchingPair>;

/**
 * Each left item is matched with a right one, from all the right sides (distractors included, the same text
 * once). Stems are shuffled when `shuffleAnswers` is not false; the right sides always are.
 */
export const MatchingQuestion = v.object({
  type: v.literal('matching'),
  ...common,
  pairs: v.array(MatchingPair),
  ...shuffle,
  ...combined,
});

/** How an ordering is graded: qtype_ordering's grading types. */
export const ORDERING_GRADINGS = [
  'allOrNothing',
  'absolutePosition',
  'relativeNextExcludeLast',
  'relativeNextIncludeLast',
  'relativeOnePreviousAndNext',
  'relativeAllPreviousAndNext',
  'longestOrderedSubset',
  'longestContiguousSubset',
  'relativeToCorrect',
] as const;
export type OrderingGrading = (typeof ORDERING_GRADINGS)[number];

/**
 * Items to put in order (Moodle's qtype_ordering): `items` are in the right order, and are always shown
 * shuffled. No GIFT syntax (Moodle's GIFT format has none).
 */
export const OrderingQuestion = v.object({
  type: v.literal('ordering'),
  ...common,
  items: v.pipe(v.array(v.string()), v.minLength(2)),
  grading: v.picklist(ORDERING_GRADINGS),
  ...combined,
});

/** Open text, graded by a person. `graderInfo` is for the graders only. */
export const EssayQuestion = v.object({ type: v.literal('essay'), ...common, graderInfo: v.optional(v.string()) });

/** Not a question: text shown between questions. */
export const DescriptionQuestion = v.object({ type: v.literal('description'), ...common });

export const Question = v.variant('type', [
  SingleQuestion,
  MultipleQuestion,
  TrueFalseQuestion,
  ShortAnswerQuestion,
  NumericalQuestion,
  MatchingQuestion,
  OrderingQuestion,
  EssayQuestion,
  DescriptionQuestion,
]);
export type Question = v.InferOutput<typeof Question>;
export type SingleQuestion = v.InferOutput<typeof SingleQuestion>;
export type MultipleQuestion = v.InferOutput<typeof MultipleQuestion>;
export type TrueFalseQuestion = v.InferOutput<typeof TrueFalseQuestion>;
export type ShortAnswerQuestion = v.InferOutput<typeof ShortAnswerQuestion>;
export type NumericalQuestion = v.InferOutput<typeof NumericalQuestion>;
export type MatchingQuestion = v.InferOutput<typeof MatchingQuestion>;
export type OrderingQuestion = v.InferOutput<typeof OrderingQuestion>;
export type EssayQuestion = v.InferOutput<typeof EssayQuestion>;
export type DescriptionQuestion = v.InferOutput<typeof DescriptionQuestion>;
