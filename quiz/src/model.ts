/**
 * The question model of the future `<mag-quiz>`: what a question bank holds, whatever it was imported from
 * (GIFT for now, see gift.ts). Pure data, checked with valibot schemas.
 *
 * Fractions are percentages of the question's mark, from -100 to 100 (GIFT's `%50%`, `%-100%`,
 * `%33.33333%`). Texts are stored unescaped, in the question's `textFormat`; answers and feedback share it.
 *
 * A missing-word question (GIFT: text, then the answer block, then more text) keeps its text split in two:
 * `text` is what comes before the blank and `textAfter` what comes after it. `textAfter` absent means the
 * answers follow the whole text, as in an ordinary question.
 */
import * as v from 'valibot';

export const TEXT_FORMATS = ['moodle', 'html', 'markdown', 'plain'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export const QUESTION_TYPES = [
  'single',
  'multiple',
  'truefalse',
  'shortanswer',
  'numerical',
  'matching',
  'essay',
  'description',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A percentage of the mark: 100 is full credit, negative values are penalties. */
export const Fraction = v.pipe(v.number(), v.finite(), v.minValue(-100), v.maxValue(100));

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
};

export const ChoiceAnswer = v.object({
  text: v.string(),
  fraction: Fraction,
  feedback: v.optional(v.string()),
});
export type ChoiceAnswer = v.InferOutput<typeof ChoiceAnswer>;

/** One answer is chosen; the answer with fraction 100 is the right one, others may give partial credit. */
export const SingleQuestion = v.object({ type: v.literal('single'), ...common, answers: v.array(ChoiceAnswer) });
/** Several answers are chosen; their fractions add up (partial credit, negative weights for wrong ones). */
export const MultipleQuestion = v.object({ type: v.literal('multiple'), ...common, answers: v.array(ChoiceAnswer) });

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

export const MatchingQuestion = v.object({ type: v.literal('matching'), ...common, pairs: v.array(MatchingPair) });

/** Open text, graded by a person. */
export const EssayQuestion = v.object({ type: v.literal('essay'), ...common });

/** Not a question: text shown between questions. */
export const DescriptionQuestion = v.object({ type: v.literal('description'), ...common });

export const Question = v.variant('type', [
  SingleQuestion,
  MultipleQuestion,
  TrueFalseQuestion,
  ShortAnswerQuestion,
  NumericalQuestion,
  MatchingQuestion,
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
export type EssayQuestion = v.InferOutput<typeof EssayQuestion>;
export type DescriptionQuestion = v.InferOutput<typeof DescriptionQuestion>;
