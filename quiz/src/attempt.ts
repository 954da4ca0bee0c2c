/**
 * A quiz attempt as a pure state machine, after Moodle's question behaviours (qbehaviour_deferredfeedback,
 * immediatefeedback, interactive) and its quiz settings. Trusted server-side logic: the host keeps the state
 * (plain JSON, checked by {@link parseAttemptState} when read back), feeds it the trainee's actions with the
 * server's clock, and sends the trainee only what view.ts derives from it. An attempt resumes anywhere: the
 * state holds the shuffles drawn at the start and every saved response.
 *
 * Behaviours:
 * - deferred: responses are saved, nothing is graded before the attempt is finished.
 * - immediate: a question can be checked once; it is then graded, read-only, and its feedback shown.
 * - interactive: a question has as many tries as hints + 1. A right response, or the last try, ends it; a
 *   wrong or partly right one shows its feedback and the next hint, and the trainee asks to try again. The
 *   mark is the fraction of the final try minus the question's penalty per wrong try before it, at least 0.
 *   A check that the question cannot grade yet (no answer, not a number, a stem without a choice) does not
 *   count as a try. Essays and descriptions are never checked (Moodle's manual-graded and information items).
 * When the attempt is finished, every question not yet graded is graded: a response that says nothing counts
 * 0 (Moodle: "not answered"), an essay waits for a person, and in interactive mode the penalties of the wrong
 * tries apply.
 *
 * Time: with a time limit, the deadline is the start plus the limit plus the trainee's extra time
 * (accommodations), and never after the quiz closes. After the deadline nothing can be saved; a finish that
 * arrives within `submitGraceSeconds` (Moodle's grace period for the browser's automatic submission) still
 * brings its responses; later, {@link closeIfOverdue} finishes the attempt with what was saved in time.
 *
 * Trainees' actions name questions by their position in the attempt and choices by their position on screen
 * (view.ts); they are translated here with the attempt's shuffles, so a browser never learns the order of
 * the question bank, where the right answer often comes first.
 */
import * as v from 'valibot';
import { grade, incompleteReason, isAnswered, stateForFraction } from './grading.js';
import type { GradeResult, GradeState, IncompleteReason } from './grading.js';
import { DEFAULT_MARK, DEFAULT_PENALTY, Question } from './model.js';
import { seededRandom, shuffledIndices } from './random.js';
import { matchingChoices, matchingStems, parseResponse } from './response.js';
import type {
  MatchingResponse,
  MultipleResponse,
  OrderingResponse,
  Response,
  ResponseErrorCode,
  SingleResponse,
} from './response.js';

import { BEHAVIOURS, GRADING_METHODS } from './names.js';

export { BEHAVIOURS, GRADING_METHODS, type Behaviour } from './names.js';

/** What a trainee may see of a graded question (Moodle's review options). */
export const ReviewOptions = v.object({
  /** Whether the response is right, partly right or wrong. */
  correctness: v.boolean(),
  marks: v.boolean(),
  /** The feedback of the chosen answers and the combined feedback. */
  specificFeedback: v.boolean(),
  generalFeedback: v.boolean(),
  rightAnswer: v.boolean(),
});
export type ReviewOptions = v.InferOutput<typeof ReviewOptions>;
export const REVIEW_ALL: ReviewOptions = {
  correctness: true,
  marks: true,
  specificFeedback: true,
  generalFeedback: true,
  rightAnswer: true,
};

const Seconds = v.pipe(v.number(), v.integer(), v.minValue(0));

export const QuizSettings = v.object({
  behaviour: v.picklist(BEHAVIOURS),
  /** Questions in a random order per attempt (descriptions keep their place); default false. */
  shuffleQuestions: v.optional(v.boolean()),
  /** Choices in a random order per attempt, unless a question says otherwise; default true. */
  shuffleAnswers: v.optional(v.boolean()),
  timeLimitSeconds: v.optional(v.pipe(Seconds, v.minValue(1))),
  /** When the quiz closes, in milliseconds since the epoch: no attempt runs past it. */
  closesAt: v.optional(v.pipe(v.number(), v.finite())),
  /** Default 60, as Moodle's `graceperiodmin`. */
  submitGraceSeconds: v.optional(Seconds),
  /** Absent: unlimited. */
  attemptsAllowed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** The quiz's maximum grade; default 10. */
  maxGrade: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  /** The grade to pass, on the maxGrade scale. */
  passGrade: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  /** How the quiz grade comes from several attempts; default highest. */
  gradingMethod: v.optional(v.picklist(GRADING_METHODS)),
  /** What a trainee sees of a graded question during the attempt (immediate, interactive); default all. */
  reviewDuring: v.optional(ReviewOptions),
  /** What a trainee sees once the attempt is finished; default all. */
  reviewAfter: v.optional(ReviewOptions),
});
export type QuizSettings = v.InferOutput<typeof QuizSettings>;

export const QuizSlot = v.object({
  question: Question,
  /** The question's mark in this quiz; default the question's defaultMark. */
  mark: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
});
export const Quiz = v.object({ settings: QuizSettings, slots: v.array(QuizSlot) });
export type Quiz = v.InferOutput<typeof Quiz>;

const Index = v.pipe(v.number(), v.integer(), v.minValue(0));
const Outcome = v.object({
  fraction: v.nullable(v.number()),
  state: v.picklist(['right', 'partial', 'wrong', 'unanswered', 'needsGrading', 'noMark']),
  feedback: v.array(v.string()),
  parts: v.optional(v.object({ right: Index, total: Index })),
});

export const SlotState = v.object({
  /** The question's index in the quiz's slots. */
  index: Index,
  /** Display order: answers (single, multiple), stems (matching) or the items first shown (ordering). */
  order: v.optional(v.array(Index)),
  /** Display order of a matching question's right-hand choices. */
  choiceOrder: v.optional(v.array(Index)),
  /** The saved response, in the question's own terms (response.ts). */
  response: v.nullable(v.unknown()),
  /** Wrong tries so far (interactive). */
  tries: Index,
  /** todo: open; tryAgain: a wrong try is shown (interactive); done: graded, read-only. */
  status: v.picklist(['todo', 'tryAgain', 'done']),
  /** The grading of the last check or of the finish, for feedback. */
  outcome: v.nullable(Outcome),
  /** The fraction that counts, penalties applied; null until done (or for an essay waiting for a person). */
  fraction: v.nullable(v.number()),
  /** Why the last check did not count. */
  invalid: v.optional(v.picklist(['answer_required', 'not_a_number', 'all_parts_required'])),
  /** A trainer's grade of an essay: fraction 0..1 and comment. */
  manual: v.optional(v.object({ fraction: v.number(), comment: v.optional(v.string()) })),
});
export type SlotState = v.InferOutput<typeof SlotState> & { response: Response | null; outcome: GradeResult | null };

export const AttemptState = v.object({
  version: v.literal(1),
  /** 1 for a trainee's first attempt. */
  number: v.pipe(v.number(), v.integer(), v.minValue(1)),
  seed: v.string(),
  behaviour: v.picklist(BEHAVIOURS),
  status: v.picklist(['inProgress', 'finished']),
  startedAt: v.number(),
  /** Null without a time limit or closing date. */
  deadline: v.nullable(v.number()),
  finishedAt: v.nullable(v.number()),
  /** In the order the trainee sees them. */
  slots: v.array(SlotState),
});
export type AttemptState = Omit<v.InferOutput<typeof AttemptState>, 'slots'> & { slots: SlotState[] };

export type AttemptErrorCode =
  | 'bad_action'
  | 'no_such_slot'
  | 'finished'
  | 'time_over'
  | 'not_allowed'
  | 'read_only'
  | 'no_attempts_left'
  | 'attempt_in_progress'
  | 'closed'
  | ResponseErrorCode;

export interface AttemptError {
  code: AttemptErrorCode;
  /** English, for logs; trainees get the code's translation (strings.ts). */
  message: string;
}

export type AttemptResult = { ok: true; state: AttemptState } | { ok: false; error: AttemptError };

const failure = (code: AttemptErrorCode, message: string): { ok: false; error: AttemptError } => ({
  ok: false,
  error: { code, message },
});

/** A trainee's action, as received from the browser: positions as displayed. */
export const TraineeAction = v.variant('type', [
  v.object({ type: v.literal('save'), slot: Index, response: v.unknown() }),
  v.object({ type: v.literal('check'), slot: Index, response: v.optional(v.unknown()) }),
  v.object({ type: v.literal('tryAgain'), slot: Index }),
  v.object({
    type: v.literal('finish'),
    responses: v.optional(v.pipe(v.array(v.object({ slot: Index, response: v.unknown() })), v.maxLength(1000))),
  }),
]);
export type TraineeAction = v.InferOutput<typeof TraineeAction>;

export function maxMarkOf(quiz: Quiz, index: number): number {
  const slot = quiz.slots[index];
  if (!slot || slot.question.type === 'description') return 0;
  return slot.mark ?? slot.question.defaultMark ?? DEFAULT_MARK;
}

function questionOf(quiz: Quiz, slot: SlotState): Question {
  const question = quiz.slots[slot.index]?.question;
  if (!question) throw new Error(`the attempt names question ${slot.index}, which the quiz does not have`);
  return question;
}

function graceMs(quiz: Quiz): number {
  return (quiz.settings.submitGraceSeconds ?? 60) * 1000;
}

// Starting.

export interface StartOptions {
  /** Drawn by the host for each attempt (e.g. random bytes in hex); the shuffles follow from it. */
  seed: string;
  now: number;
  /** The trainee's extra time, added to the time limit. */
  extraTimeSeconds?: number;
  /** The trainee's earlier attempts at this quiz. */
  previous?: readonly AttemptState[];
}

/** Whether a trainee may start a new attempt now. */
export function canStart(
  quiz: Quiz,
  previous: readonly AttemptState[],
  now: number,
): { ok: true } | { ok: false; error: AttemptError } {
  if (quiz.settings.closesAt !== undefined && now >= quiz.settings.closesAt)
    return failure('closed', 'the quiz is closed');
  if (previous.some((a) => a.status === 'inProgress' && !isOverdue(quiz, a, now))) {
    return failure('attempt_in_progress', 'an attempt is in progress');
  }
  const allowed = quiz.settings.attemptsAllowed;
  if (allowed !== undefined && previous.length >= allowed) return failure('no_attempts_left', 'no attempts left');
  return { ok: true };
}

export function startAttempt(quiz: Quiz, options: StartOptions): AttemptResult {
  const previous = options.previous ?? [];
  const allowed = canStart(quiz, previous, options.now);
  if (!allowed.ok) return allowed;
  const random = seededRandom(options.seed);
  const { settings } = quiz;

  // Questions: shuffled among the positions that are not descriptions.
  let indices = quiz.slots.map((_, i) => i);
  if (settings.shuffleQuestions) {
    const movable = indices.filter((i) => quiz.slots[i]?.question.type !== 'description');
    const shuffled = shuffledIndices(movable.length, random).map((k) => movable[k] as number);
    let next = 0;
    indices = indices.map((i) => (quiz.slots[i]?.question.type === 'description' ? i : (shuffled[next++] as number)));
  }

  const slots = indices.map((index): SlotState => {
    const question = quiz.slots[index]?.question as Question;
    const slot: SlotState = { index, response: null, tries: 0, status: 'todo', outcome: null, fraction: null };
    const own = 'shuffleAnswers' in question ? question.shuffleAnswers : undefined;
    const shuffle = own ?? settings.shuffleAnswers ?? true;
    const keep = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
    switch (question.type) {
      case 'single':
      case 'multiple':
        slot.order = shuffle ? shuffledIndices(question.answers.length, random) : keep(question.answers.length);
        break;
      case 'matching': {
        const stems = matchingStems(question).length;
        slot.order = shuffle ? shuffledIndices(stems, random) : keep(stems);
        // The right-hand choices are always shuffled (as Moodle): in pair order they would give the key.
        slot.choiceOrder = shuffledIndices(matchingChoices(question).length, random);
        break;
      }
      case 'ordering': {
        // Always shuffled, and never shown already in order. The shown order is the response until the
        // trainee moves an item: Moodle grades it as such.
        const n = question.items.length;
        let order = shuffledIndices(n, random);
        for (let k = 0; k < 20 && order.every((item, i) => item === i); k++) order = shuffledIndices(n, random);
        slot.order = order;
        slot.response = { order: [...order] };
        break;
      }
    }
    return slot;
  });

  const deadline = deadlineOf(quiz, options.now, options.extraTimeSeconds ?? 0);
  return {
    ok: true,
    state: {
      version: 1,
      number: previous.length + 1,
      seed: options.seed,
      behaviour: settings.behaviour,
      status: 'inProgress',
      startedAt: options.now,
      deadline,
      finishedAt: null,
      slots,
    },
  };
}

/** The deadline of an attempt started at `startedAt`: the time limit plus the extra time, never after the closing. */
function deadlineOf(quiz: Quiz, startedAt: number, extraTimeSeconds: number): number | null {
  const { timeLimitSeconds, closesAt } = quiz.settings;
  let deadline: number | null = null;
  if (timeLimitSeconds !== undefined) deadline = startedAt + (timeLimitSeconds + Math.max(0, extraTimeSeconds)) * 1000;
  if (closesAt !== undefined) deadline = Math.min(deadline ?? Infinity, closesAt);
  return deadline;
}

/**
 * An attempt in progress with the trainee's extra time changed (a trainer's accommodation): its deadline becomes
 * the start plus the time limit plus `extraTimeSeconds`, never after the quiz closes, as Moodle's user overrides
 * move the attempts in progress. Less extra time may bring the deadline into the past: the attempt is then overdue.
 * A finished attempt, or one already overdue at `now` (the host closes it first), is returned unchanged.
 */
export function withExtraTime(quiz: Quiz, state: AttemptState, extraTimeSeconds: number, now: number): AttemptState {
  if (state.status !== 'inProgress' || isOverdue(quiz, state, now)) return state;
  const deadline = deadlineOf(quiz, state.startedAt, extraTimeSeconds);
  return deadline === state.deadline ? state : { ...state, deadline };
}

// Responses between what the trainee sees and the question's own terms.

/** A response as the trainee sends it (positions on screen) → the question's own terms. */
export function fromDisplayed(question: Question, slot: SlotState, input: unknown): ReturnType<typeof parseResponse> {
  // The counts are the same on screen and in the question, so the checks hold for both.
  const parsed = parseResponse(question, input);
  if (!parsed.ok) return parsed;
  const order = slot.order ?? [];
  const at = (list: number[], i: number): number => list[i] ?? i;
  switch (question.type) {
    case 'single':
      return { ok: true, response: { choice: at(order, (parsed.response as SingleResponse).choice) } };
    case 'multiple':
      return {
        ok: true,
        response: {
          choices: (parsed.response as MultipleResponse).choices.map((c) => at(order, c)).sort((a, b) => a - b),
        },
      };
    case 'matching': {
      const shown = (parsed.response as MatchingResponse).choices;
      const choices: (number | null)[] = shown.map(() => null);
      shown.forEach((c, i) => {
        choices[at(order, i)] = c === null ? null : at(slot.choiceOrder ?? [], c);
      });
      return { ok: true, response: { choices } };
    }
    case 'ordering':
      // Items are named by their place in the order first shown, which stays their name when they move.
      return { ok: true, response: { order: (parsed.response as OrderingResponse).order.map((id) => at(order, id)) } };
    default:
      return parsed;
  }
}

/** A saved response → what the trainee's screen shows (positions on screen). */
export function toDisplayed(question: Question, slot: SlotState, response: Response | null): Response | null {
  if (response === null) return null;
  const order = slot.order ?? [];
  const position = (list: number[], i: number): number => (list.includes(i) ? list.indexOf(i) : i);
  switch (question.type) {
    case 'single':
      return { choice: position(order, (response as SingleResponse).choice) };
    case 'multiple':
      return { choices: (response as MultipleResponse).choices.map((c) => position(order, c)).sort((a, b) => a - b) };
    case 'matching': {
      const choices = (response as MatchingResponse).choices;
      return {
        choices: order.map((stem) => {
          const c = choices[stem] ?? null;
          return c === null ? null : position(slot.choiceOrder ?? [], c);
        }),
      };
    }
    case 'ordering':
      return { order: (response as OrderingResponse).order.map((item) => position(order, item)) };
    default:
      return response;
  }
}

// Acting.

export function isOverdue(quiz: Quiz, state: AttemptState, now: number): boolean {
  return state.status === 'inProgress' && state.deadline !== null && now > state.deadline + graceMs(quiz);
}

/** Finishes an attempt whose time ran out (with the responses saved in time); else returns it unchanged. */
export function closeIfOverdue(quiz: Quiz, state: AttemptState, now: number): AttemptState {
  if (!isOverdue(quiz, state, now)) return state;
  return finishSlots(quiz, structuredClone(state), state.deadline as number);
}

/**
 * Applies a trainee's action, as received (anything: it is checked), at the server's time `now`. Returns the
 * new state (the given one is not changed) or an error; a refused action changes nothing.
 */
export function applyAction(quiz: Quiz, current: AttemptState, input: unknown, now: number): AttemptResult {
  const parsed = v.safeParse(TraineeAction, input);
  if (!parsed.success) return failure('bad_action', 'not an action: save, check, tryAgain or finish');
  const action = parsed.output;
  if (current.status === 'finished') return failure('finished', 'the attempt is finished');
  if (isOverdue(quiz, current, now)) return failure('time_over', 'the time is over');
  const late = current.deadline !== null && now > current.deadline;
  const state = structuredClone(current);

  if (action.type === 'finish') {
    // Responses sent with the finish (the browser's last changes, or its automatic submission at the deadline,
    // within the grace period) are saved first; those for questions already read-only are ignored.
    for (const { slot: position, response } of action.responses ?? []) {
      if (state.slots[position]?.status !== 'todo' && state.slots[position] !== undefined) continue;
      const done = save(quiz, state, position, response);
      if (!done.ok) return done;
    }
    return { ok: true, state: finishSlots(quiz, state, late ? (current.deadline as number) : now) };
  }
  if (late) return failure('time_over', 'the time is over');

  switch (action.type) {
    case 'save':
      return save(quiz, state, action.slot, action.response);
    case 'check':
      return check(quiz, state, action.slot, action.response);
    case 'tryAgain': {
      const slot = state.slots[action.slot];
      if (!slot) return failure('no_such_slot', `no question ${action.slot}`);
      if (slot.status !== 'tryAgain') return failure('not_allowed', 'there is no wrong try to leave');
      const question = questionOf(quiz, slot);
      const hint = question.hints?.[slot.tries - 1];
      if (hint?.clearWrong && slot.response !== null) slot.response = clearWrong(question, slot.response);
      slot.status = 'todo';
      return { ok: true, state };
    }
  }
}

function save(quiz: Quiz, state: AttemptState, position: number, input: unknown): AttemptResult {
  const slot = state.slots[position];
  if (!slot) return failure('no_such_slot', `no question ${position}`);
  if (slot.status !== 'todo') return failure('read_only', 'this question cannot be changed any more');
  const question = questionOf(quiz, slot);
  const parsed = fromDisplayed(question, slot, input);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  slot.response = parsed.response;
  delete slot.invalid;
  return { ok: true, state };
}

function check(quiz: Quiz, state: AttemptState, position: number, input: unknown): AttemptResult {
  const slot = state.slots[position];
  if (!slot) return failure('no_such_slot', `no question ${position}`);
  const question = questionOf(quiz, slot);
  if (state.behaviour === 'deferred' || question.type === 'essay' || question.type === 'description') {
    return failure('not_allowed', 'this question is not checked before the attempt is finished');
  }
  if (input !== undefined) {
    const saved = save(quiz, state, position, input);
    if (!saved.ok) return saved;
  } else if (slot.status !== 'todo') {
    return failure('read_only', 'this question cannot be changed any more');
  }
  const reason: IncompleteReason | undefined = incompleteReason(question, slot.response as Response | null);
  if (reason !== undefined) {
    slot.invalid = reason;
    return { ok: true, state };
  }
  const outcome = grade(question, slot.response as Response);
  slot.outcome = outcome;
  if (state.behaviour === 'immediate') {
    slot.status = 'done';
    slot.fraction = outcome.fraction;
    return { ok: true, state };
  }
  const triesLeft = (question.hints?.length ?? 0) + 1 - slot.tries;
  if (outcome.state === 'right' || triesLeft <= 1) {
    slot.status = 'done';
    slot.fraction = penalised(question, outcome.fraction ?? 0, slot.tries);
  } else {
    slot.tries++;
    slot.status = 'tryAgain';
  }
  return { ok: true, state };
}

/** qbehaviour_interactive::adjust_fraction: the question's penalty per wrong try, at least 0. */
function penalised(question: Question, fraction: number, wrongTries: number): number {
  return Math.max(0, fraction - (wrongTries * (question.penalty ?? DEFAULT_PENALTY)) / 100);
}

/** Moodle's clear_wrong_from_response: wrong choices (multiple) and wrong matches (matching) are removed. */
function clearWrong(question: Question, response: Response): Response {
  if (question.type === 'multiple') {
    return { choices: (response as MultipleResponse).choices.filter((c) => (question.answers[c]?.fraction ?? 0) > 0) };
  }
  if (question.type === 'matching') {
    const choices = matchingChoices(question);
    const stems = matchingStems(question);
    return {
      choices: (response as MatchingResponse).choices.map((c, i) =>
        c !== null && choices[c] === stems[i]?.right ? c : null,
      ),
    };
  }
  return response;
}

function finishSlots(quiz: Quiz, state: AttemptState, at: number): AttemptState {
  for (const slot of state.slots) {
    delete slot.invalid;
    if (slot.status === 'done') continue;
    const question = questionOf(quiz, slot);
    const response = slot.response as Response | null;
    const outcome = grade(question, response);
    slot.outcome = outcome;
    slot.status = 'done';
    if (outcome.fraction === null || !isAnswered(question, response)) slot.fraction = outcome.fraction;
    else if (state.behaviour === 'interactive') slot.fraction = penalised(question, outcome.fraction, slot.tries);
    else slot.fraction = outcome.fraction;
  }
  state.status = 'finished';
  state.finishedAt = at;
  return state;
}

/**
 * A trainer grades an essay of a finished attempt: `fraction` from 0 to 1 of its mark, and a comment the
 * trainee will see.
 */
export function gradeManually(
  quiz: Quiz,
  current: AttemptState,
  position: number,
  fraction: number,
  comment?: string,
): AttemptResult {
  const slot = current.slots[position];
  if (!slot) return failure('no_such_slot', `no question ${position}`);
  if (current.status !== 'finished') return failure('not_allowed', 'the attempt is not finished');
  if (questionOf(quiz, slot).type !== 'essay') return failure('not_allowed', 'only essays are graded by a person');
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1)
    return failure('out_of_range', 'a fraction from 0 to 1');
  const state = structuredClone(current);
  const target = state.slots[position] as SlotState;
  target.manual = comment === undefined || comment === '' ? { fraction } : { fraction, comment };
  target.fraction = fraction;
  target.outcome = { fraction, state: stateForFraction(fraction), feedback: [] };
  return { ok: true, state };
}

// Results.

export interface AttemptGrade {
  status: 'inProgress' | 'finished';
  /** The sum of the questions' marks; null while in progress or while an essay waits for a person. */
  marks: number | null;
  maxMarks: number;
  /** On the quiz's maxGrade scale, at least 0, rounded to 5 decimals (as Moodle stores it); null as marks. */
  grade: number | null;
  maxGrade: number;
  /** Null without a pass grade or without a grade yet. */
  passed: boolean | null;
  /** Essays waiting for a person. */
  needsGrading: number;
  slots: { mark: number | null; maxMark: number; state: GradeState | null }[];
}

export function attemptGrade(quiz: Quiz, state: AttemptState): AttemptGrade {
  const maxGrade = quiz.settings.maxGrade ?? 10;
  let marks = 0;
  let maxMarks = 0;
  let needsGrading = 0;
  const slots = state.slots.map((slot) => {
    const maxMark = maxMarkOf(quiz, slot.index);
    maxMarks += maxMark;
    if (slot.status !== 'done' || state.status !== 'finished') return { mark: null, maxMark, state: null };
    const outcome = slot.outcome as GradeResult;
    if (outcome.state === 'needsGrading') needsGrading++;
    const mark = slot.fraction === null ? null : slot.fraction * maxMark;
    marks += mark ?? 0;
    return { mark, maxMark, state: outcome.state };
  });
  const complete = state.status === 'finished' && needsGrading === 0;
  const gradeValue = !complete
    ? null
    : maxMarks === 0
      ? 0
      : Math.round((Math.max(0, marks) / maxMarks) * maxGrade * 1e5) / 1e5;
  const pass = quiz.settings.passGrade;
  return {
    status: state.status,
    marks: complete ? marks : null,
    maxMarks,
    grade: gradeValue,
    maxGrade,
    passed: pass === undefined || gradeValue === null ? null : gradeValue >= pass,
    needsGrading,
    slots,
  };
}

/** The trainee's grade for the quiz over their attempts, by the quiz's grading method; null if none yet. */
export function quizGrade(quiz: Quiz, attempts: readonly AttemptState[]): number | null {
  const grades = [...attempts]
    .sort((a, b) => a.number - b.number)
    .map((a) => attemptGrade(quiz, a).grade)
    .filter((g): g is number => g !== null);
  if (grades.length === 0) return null;
  switch (quiz.settings.gradingMethod ?? 'highest') {
    case 'highest':
      return Math.max(...grades);
    case 'average':
      return Math.round((grades.reduce((a, b) => a + b, 0) / grades.length) * 1e5) / 1e5;
    case 'first':
      return grades[0] as number;
    case 'last':
      return grades[grades.length - 1] as number;
  }
}

/** How many answers (or stems, or items) and matching choices a question's display orders hold. */
function orderSizes(question: Question): [number, number] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return [question.answers.length, 0];
    case 'matching':
      return [matchingStems(question).length, matchingChoices(question).length];
    case 'ordering':
      return [question.items.length, 0];
    default:
      return [0, 0];
  }
}

/**
 * Reads back a stored attempt state; null when it is not one, or does not fit the quiz (questions it lacks,
 * responses or display orders that do not fit its questions).
 */
export function parseAttemptState(quiz: Quiz, input: unknown): AttemptState | null {
  const parsed = v.safeParse(AttemptState, input);
  if (!parsed.success) return null;
  const state = parsed.output as AttemptState;
  const permutation = (list: number[] | undefined, n: number): boolean =>
    list === undefined || (list.length === n && new Set(list).size === n && list.every((i) => i < n));
  for (const slot of state.slots) {
    const question = quiz.slots[slot.index]?.question;
    if (!question) return null;
    if (slot.response !== null && !parseResponse(question, slot.response).ok) return null;
    const [orderSize, choiceSize] = orderSizes(question);
    if (!permutation(slot.order, orderSize) || !permutation(slot.choiceOrder, choiceSize)) return null;
  }
  return state;
}
