/**
 * Bridge subjects of `<mag-quiz>` that every user sends (the trainer's are in trainer-protocol.ts, so that a
 * trainee's bundle does not carry them). Checked by the element, the host SDK and the host's server.
 *
 * Trust: the host's server grades; the element only shows what it is given. Every view here is built on the
 * server by view.ts (`traineeView`, `liveQuestionView`): no answer key, right flag, feedback or other trainee's
 * answer reaches a trainee before the behaviour or the live reveal allows it. The only event, `quiz.updated`,
 * carries `{ version }`: each client then asks `quiz.state` for what it may see.
 *
 * Questions, choices, stems and items are named by their position on the trainee's screen, never by their place
 * in the question bank.
 */
import * as v from 'valibot';
import { defineEvent, defineRequest } from '../../activities/src/bridge/protocol.js';
import { BEHAVIOURS, GRADING_METHODS, LEADERBOARDS, QUESTION_TYPES, TEXT_FORMATS } from './names.js';

export const ACTIVITY_TYPE = 'quiz';

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Num = v.pipe(v.number(), v.finite());
/** Question texts are authored (HTML included, sanitised by the element); a generous cap. */
const Text = v.pipe(v.string(), v.maxLength(100_000));
const Short = v.pipe(v.string(), v.maxLength(2_000));
const Index = Count;
const Indexes = v.pipe(v.array(Index), v.maxLength(1_000));
export const IdempotencyKey = v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/));

const ShownItem = v.object({ id: Index, text: Text });
const Items = v.pipe(v.array(ShownItem), v.maxLength(1_000));

/** A response in the terms of the screen (response.ts describes each shape). */
export const ShownResponse = v.union([
  v.object({ choice: Index }),
  v.object({ choices: v.pipe(v.array(v.nullable(Index)), v.maxLength(1_000)) }),
  v.object({ value: v.boolean() }),
  v.object({ text: v.pipe(v.string(), v.maxLength(20_000)) }),
  v.object({ order: Indexes }),
]);
export type ShownResponse = v.InferOutput<typeof ShownResponse>;

export const GRADE_STATES = ['right', 'partial', 'wrong', 'unanswered', 'needsGrading', 'noMark'] as const;

const RightAnswer = v.union([
  v.object({ choices: Indexes }),
  v.object({ value: v.boolean() }),
  v.object({ text: Text }),
  v.object({ number: Num, tolerance: Num }),
  v.object({ min: Num, max: Num }),
  v.object({ matches: Indexes }),
  v.object({ order: Indexes }),
]);

const Feedback = v.object({
  state: v.optional(v.picklist(GRADE_STATES)),
  mark: v.optional(Num),
  parts: v.optional(
    v.pipe(v.array(v.object({ id: Index, state: v.picklist(['right', 'partial', 'wrong']) })), v.maxLength(1_000)),
  ),
  specific: v.optional(v.pipe(v.array(Text), v.maxLength(1_000))),
  general: v.optional(Text),
  rightAnswer: v.optional(RightAnswer),
  comment: v.optional(Text),
});

const QuestionBase = {
  type: v.picklist(QUESTION_TYPES),
  text: Text,
  textAfter: v.optional(Text),
  textFormat: v.picklist(TEXT_FORMATS),
  choices: v.optional(Items),
  stems: v.optional(Items),
  items: v.optional(Items),
};

export const QuestionView = v.object({
  ...QuestionBase,
  slot: Index,
  number: v.nullable(Count),
  maxMark: Num,
  response: v.nullable(ShownResponse),
  status: v.picklist(['todo', 'tryAgain', 'done']),
  invalid: v.optional(Short),
  triesLeft: v.optional(Count),
  hint: v.optional(Text),
  numCorrect: v.optional(v.object({ right: Count, total: Count })),
  feedback: v.optional(Feedback),
});
export type QuestionView = v.InferOutput<typeof QuestionView>;

export const AttemptView = v.object({
  number: Count,
  status: v.picklist(['inProgress', 'finished']),
  behaviour: v.picklist(BEHAVIOURS),
  deadline: v.nullable(Num),
  timeLeft: v.nullable(Num),
  questions: v.pipe(v.array(QuestionView), v.maxLength(1_000)),
  result: v.optional(
    v.object({
      marks: v.nullable(Num),
      maxMarks: Num,
      grade: v.nullable(Num),
      maxGrade: Num,
      passed: v.nullable(v.boolean()),
    }),
  ),
});
export type AttemptView = v.InferOutput<typeof AttemptView>;

export const LiveResults = v.object({
  states: v.object({ right: Count, partial: Count, wrong: Count }),
  choices: v.optional(v.pipe(v.array(v.object({ id: Index, count: Count, right: v.boolean() })), v.maxLength(1_000))),
  truefalse: v.optional(v.object({ true: Count, false: Count, correct: v.boolean() })),
  answers: v.optional(
    v.pipe(
      v.array(v.object({ label: Short, count: Count, state: v.picklist(['right', 'partial', 'wrong']) })),
      v.maxLength(1_000),
    ),
  ),
  other: v.optional(Count),
  stems: v.optional(
    v.pipe(v.array(v.object({ id: Index, counts: v.array(Count), right: v.number() })), v.maxLength(1_000)),
  ),
  rightAnswer: v.optional(RightAnswer),
  generalFeedback: v.optional(Text),
});
export type LiveResults = v.InferOutput<typeof LiveResults>;

export const LiveQuestion = v.object({
  ...QuestionBase,
  phase: v.picklist(['open', 'closed', 'revealed']),
  responses: Count,
  results: v.optional(LiveResults),
});
export type LiveQuestion = v.InferOutput<typeof LiveQuestion>;

const Leaderboard = v.union([
  v.object({
    kind: v.literal('top5'),
    rows: v.pipe(v.array(v.object({ rank: Count, name: Short, points: Count })), v.maxLength(5)),
  }),
  v.object({ kind: v.literal('progress'), me: v.nullable(v.object({ points: Count, rank: Count, of: Count })) }),
  v.object({
    kind: v.literal('teams'),
    rows: v.pipe(v.array(v.object({ rank: Count, team: Short, points: Count, members: Count })), v.maxLength(26)),
    myTeam: v.nullable(Short),
  }),
]);

export const LiveState = v.object({
  /** The session's id: a new session is a new game. */
  session: Short,
  phase: v.picklist(['lobby', 'question', 'ended']),
  joined: Count,
  /** Whether the caller joined. */
  me: v.object({ joined: v.boolean(), points: Count, team: v.optional(Short) }),
  step: v.optional(
    v.object({
      index: Count,
      total: Count,
      question: LiveQuestion,
      /** Milliseconds left before the question closes by itself, when it has a timer and is open. */
      timeLeftMs: v.nullable(Num),
      /** The caller's own answer: whether they answered, their response, and once revealed, its outcome. */
      mine: v.object({
        answered: v.boolean(),
        response: v.optional(ShownResponse),
        outcome: v.optional(v.object({ state: v.picklist(GRADE_STATES), points: Count })),
      }),
    }),
  ),
  leaderboard: v.optional(Leaderboard),
  /** A short address to join from a phone (shown in the lobby, as text and QR code). */
  joinUrl: v.optional(v.pipe(v.string(), v.maxLength(500))),
  settings: v.object({
    timerSeconds: v.optional(Count),
    speedPoints: v.boolean(),
    leaderboard: v.picklist(LEADERBOARDS),
  }),
});
export type LiveState = v.InferOutput<typeof LiveState>;

export const PastAttempt = v.object({
  number: Count,
  status: v.picklist(['inProgress', 'finished']),
  grade: v.nullable(Num),
  maxGrade: Num,
  passed: v.nullable(v.boolean()),
  finishedAt: v.nullable(Num),
});

export const QuizState = v.object({
  /** Bumped when what everybody sees changes (the live session, the quiz itself); a client keeps the newest. */
  version: Count,
  title: Short,
  intro: v.object({
    questions: Count,
    behaviour: v.picklist(BEHAVIOURS),
    timeLimitSeconds: v.optional(Count),
    attemptsAllowed: v.optional(Count),
    maxGrade: Num,
    passGrade: v.optional(Num),
    gradingMethod: v.picklist(GRADING_METHODS),
    closesAt: v.optional(Num),
  }),
  selfPaced: v.object({
    /** The attempt in progress, or the last finished one (its review). */
    attempt: v.nullable(AttemptView),
    attempts: v.pipe(v.array(PastAttempt), v.maxLength(1_000)),
    canStart: v.boolean(),
    /** Why a new attempt cannot start. */
    reason: v.optional(Short),
    /** The grade that goes to the gradebook (grading method over the finished attempts). */
    grade: v.nullable(Num),
    passed: v.nullable(v.boolean()),
  }),
  live: v.nullable(LiveState),
  /** Trainers only: trainer-protocol.ts checks it. */
  trainer: v.optional(v.unknown()),
});
export type QuizState = v.InferOutput<typeof QuizState>;

export const getState = defineRequest('quiz.state', v.object({}), QuizState);

/** Starts a self-paced attempt; the same key twice starts one. */
export const start = defineRequest('quiz.start', v.object({ key: IdempotencyKey }), QuizState);

/**
 * A trainee's action on their attempt in progress (attempt.ts: `save`, `check`, `tryAgain`, `finish`), with
 * responses in the terms of the screen; the same key twice is applied once. `error` says why it was refused.
 */
export const act = defineRequest(
  'quiz.act',
  v.object({
    attempt: v.pipe(Count, v.minValue(1)),
    action: v.object({
      type: v.picklist(['save', 'check', 'tryAgain', 'finish']),
      slot: v.optional(Index),
      response: v.optional(v.unknown()),
      responses: v.optional(v.pipe(v.array(v.object({ slot: Index, response: v.unknown() })), v.maxLength(1_000))),
    }),
    key: IdempotencyKey,
  }),
  v.object({ error: v.optional(v.object({ code: Short, message: Short })), state: QuizState }),
);

export const join = defineRequest('quiz.live.join', v.object({}), QuizState);

/**
 * A trainee's answer to the live question `step` (once: the first answer counts). `elapsedMs`: how long the
 * trainee's device says they took, used only when shorter than what the server saw (live.ts).
 */
export const answer = defineRequest(
  'quiz.live.answer',
  v.object({
    step: Count,
    response: v.unknown(),
    elapsedMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(3_600_000))),
    key: IdempotencyKey,
  }),
  v.object({
    accepted: v.boolean(),
    error: v.optional(v.object({ code: Short, message: Short })),
    state: QuizState,
  }),
);

export const updated = defineEvent('quiz.updated', v.strictObject({ version: Count }));
