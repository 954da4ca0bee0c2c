/**
 * The trainer's bridge subjects of `<mag-quiz>`: running a live session and reading results. Kept apart from
 * protocol.ts so that a trainee's phone never downloads them; the host's server refuses them to anyone but a
 * trainer (`roles`, checked by the host SDK and again by the server).
 */
import * as v from 'valibot';
import { defineRequest } from '../../activities/src/bridge/protocol.js';
import { LiveSettings } from './live.js';
import { QUESTION_TYPES } from './names.js';
import { LiveResults, QuizState } from './protocol.js';

const TRAINER = ['trainer'] as const;
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Num = v.pipe(v.number(), v.finite());
const Short = v.pipe(v.string(), v.maxLength(2_000));

/** What only trainers get in `quiz.state`. */
export const TrainerPart = v.object({
  /** People with at least one attempt, finished attempts, essays waiting for a grade. */
  participants: Count,
  finishedAttempts: Count,
  needsGrading: Count,
});
export type TrainerPart = v.InferOutput<typeof TrainerPart>;

/**
 * `open`: a new live session, in its lobby, with its settings (any running session ends); then `start`, `close`,
 * `reveal`, `next`, `end` move it on (live.ts). A move that makes no sense now changes nothing (a double click).
 */
export const control = defineRequest(
  'quiz.live.control',
  v.object({
    action: v.picklist(['open', 'start', 'close', 'reveal', 'next', 'end']),
    settings: v.optional(LiveSettings),
  }),
  QuizState,
  TRAINER,
);

const QuestionResult = v.object({
  /** The question's number in the quiz (its place in the bank, from 1). */
  number: Count,
  type: v.picklist(QUESTION_TYPES),
  /** The question's text as plain text, shortened. */
  text: Short,
  maxMark: Num,
  /** Finished attempts that had this question. */
  attempts: Count,
  /** Facility index: the mean fraction of the mark obtained, 0..1; null without a graded answer. */
  facility: v.nullable(Num),
  /** Answers counted as in the live reveal, with choices in the bank's order. */
  distribution: v.nullable(LiveResults),
  /** The choices' texts in the bank's order (single, multiple), as plain text: the labels of the distribution. */
  choices: v.optional(v.pipe(v.array(Short), v.maxLength(1_000))),
});

export const Results = v.object({
  questions: v.pipe(v.array(QuestionResult), v.maxLength(1_000)),
  trainees: v.pipe(
    v.array(
      v.object({
        name: Short,
        attempts: Count,
        grade: v.nullable(Num),
        passed: v.nullable(v.boolean()),
        /** The last finished attempt's answers, by question number. */
        answers: v.pipe(
          v.array(
            v.object({
              number: Count,
              state: v.nullable(v.picklist(['right', 'partial', 'wrong', 'unanswered', 'needsGrading', 'noMark'])),
              mark: v.nullable(Num),
              response: Short,
            }),
          ),
          v.maxLength(1_000),
        ),
      }),
    ),
    v.maxLength(10_000),
  ),
  maxGrade: Num,
  /**
   * Open answers (essays) of finished attempts, for the trainer to grade; graded ones keep their mark. Absent from
   * a host that does not grade essays (`quiz.grade`).
   */
  essays: v.optional(
    v.pipe(
      v.array(
        v.object({
          /** The attempt, as `quiz.grade` names it. */
          attempt: Count,
          /** The question's place in the attempt. */
          position: Count,
          number: Count,
          name: Short,
          question: Short,
          response: v.pipe(v.string(), v.maxLength(20_000)),
          maxMark: Num,
          mark: v.nullable(Num),
          comment: v.optional(Short),
        }),
      ),
      v.maxLength(10_000),
    ),
  ),
  /** The live session's results, when there is one. */
  live: v.nullable(
    v.object({
      session: Short,
      questions: v.pipe(
        v.array(v.object({ number: Count, text: Short, responses: Count, results: LiveResults })),
        v.maxLength(1_000),
      ),
      scores: v.pipe(v.array(v.object({ name: Short, points: Count, team: Short })), v.maxLength(10_000)),
    }),
  ),
});
export type Results = v.InferOutput<typeof Results>;

export const results = defineRequest('quiz.results', v.object({}), Results, TRAINER);

/** Grades an open answer (an essay) of a finished attempt: `mark` from 0 to the question's mark; the gradebook follows. */
export const gradeEssay = defineRequest(
  'quiz.grade',
  v.object({
    attempt: Count,
    position: Count,
    mark: v.pipe(v.number(), v.finite(), v.minValue(0)),
    comment: v.optional(v.pipe(v.string(), v.maxLength(2_000))),
  }),
  v.object({ error: v.optional(v.object({ code: Short, message: Short })), results: Results }),
  TRAINER,
);

const Person = v.object({
  /** The host's opaque id for the trainee (a Moodle user id, the reference host's user id), as a string. */
  user: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  name: Short,
  /** Extra time added to the quiz's time limit for this trainee (an accommodation), in seconds; 0 for none. */
  extraTimeSeconds: Count,
});

/**
 * Accommodations: the trainees who may attempt the quiz, each with their extra time. With `set`, the host first
 * stores that trainee's extra time (0 removes it); it applies to the attempts they start from then on and to their
 * attempt in progress, whose deadline moves with it (as Moodle's user overrides of a quiz do). An unknown `user`
 * gets `error.code` `not_found` and changes nothing.
 */
export const accommodations = defineRequest(
  'quiz.accommodations',
  v.object({
    set: v.optional(
      v.object({
        user: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
        extraTimeSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(7 * 24 * 3600)),
      }),
    ),
  }),
  v.object({
    error: v.optional(v.object({ code: Short, message: Short })),
    people: v.pipe(v.array(Person), v.maxLength(10_000)),
  }),
  TRAINER,
);
