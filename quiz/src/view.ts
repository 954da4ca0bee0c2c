/**
 * What a trainee's browser may receive, built on the server from the question bank and the attempt state:
 * the only way quiz data leaves the server for a trainee. Before the behaviour allows feedback, a view holds
 * the question's text, its choices in the attempt's shuffled order (named by their position on screen), the
 * trainee's own response, and nothing else: no weights, no right flags, no right answers, no feedback, no
 * hints, no general feedback, no grader information, no matching pairs in order, no bank order. quiz/test/
 * view.test.ts plants a marker in every secret field and searches every view for it.
 *
 * When feedback comes:
 * - deferred: after the attempt is finished;
 * - immediate: for a question once checked;
 * - interactive: after a wrong try, its correctness, its feedback (the chosen answers' and the combined one),
 *   the next hint and, when the hint says so, the number of right parts; never the right answer nor the
 *   general feedback before the question is over. Once it is over, as immediate.
 * What is shown of a graded question follows the quiz's review options (`reviewDuring` while the attempt
 * runs, `reviewAfter` once finished).
 *
 * The live mode has its own views: {@link liveQuestionView} while a question runs (the same for everybody,
 * no key) and {@link liveResults}, per answer, once the trainer reveals them.
 */
import type { AttemptState, Quiz, ReviewOptions, SlotState } from './attempt.js';
import { REVIEW_ALL, attemptGrade, maxMarkOf, toDisplayed } from './attempt.js';
import { grade, matchingNumericalAnswer, matchingShortAnswer, stateForFraction } from './grading.js';
import type { GradeResult, GradeState, IncompleteReason } from './grading.js';
import type { Question, QuestionType, TextFormat } from './model.js';
import { seededRandom, shuffledIndices } from './random.js';
import { matchingChoices, matchingStems } from './response.js';
import type { MatchingResponse, MultipleResponse, OrderingResponse, Response, SingleResponse } from './response.js';

export interface ShownItem {
  /** The item's name in responses: its position on screen (ordering: in the order first shown). */
  id: number;
  text: string;
}

/** The right answer, in the terms of the screen. */
export type RightAnswer =
  | { choices: number[] }
  | { value: boolean }
  | { text: string }
  | { number: number; tolerance: number }
  | { min: number; max: number }
  | { matches: number[] }
  | { order: number[] };

export interface QuestionFeedback {
  state?: GradeState;
  mark?: number;
  /** The chosen parts and whether each is right (single, multiple: chosen choices; matching: stems). */
  parts?: { id: number; state: 'right' | 'partial' | 'wrong' }[];
  specific?: string[];
  general?: string;
  rightAnswer?: RightAnswer;
  /** A trainer's comment on an essay. */
  comment?: string;
}

export interface QuestionView {
  /** The question's position in the attempt: what actions name. */
  slot: number;
  /** Its number as shown (descriptions have none). */
  number: number | null;
  type: QuestionType;
  text: string;
  textAfter?: string;
  textFormat: TextFormat;
  maxMark: number;
  choices?: ShownItem[];
  stems?: ShownItem[];
  /** Ordering: the items in the trainee's current order. */
  items?: ShownItem[];
  /** The trainee's saved response, in the terms of the screen. */
  response: Response | null;
  status: 'todo' | 'tryAgain' | 'done';
  invalid?: IncompleteReason;
  /** Interactive: tries left, while the question is open. */
  triesLeft?: number;
  /** Interactive, after a wrong try: the hint for the next one. */
  hint?: string;
  /** Interactive, after a wrong try, when the hint says so. */
  numCorrect?: { right: number; total: number };
  feedback?: QuestionFeedback;
}

export interface AttemptView {
  number: number;
  status: 'inProgress' | 'finished';
  behaviour: AttemptState['behaviour'];
  deadline: number | null;
  /** Milliseconds left at the time of the view; null without a deadline. */
  timeLeft: number | null;
  questions: QuestionView[];
  /** Once finished, when the review options show marks. */
  result?: { marks: number | null; maxMarks: number; grade: number | null; maxGrade: number; passed: boolean | null };
}

const shown = (texts: string[], order: number[]): ShownItem[] =>
  order.map((index, id) => ({ id, text: texts[index] ?? '' }));

/** Text, choices and nothing more: what any trainee may see of a question at any time. */
function baseView(question: Question, order: number[] | undefined, choiceOrder: number[] | undefined) {
  const view: Pick<QuestionView, 'type' | 'text' | 'textAfter' | 'textFormat' | 'choices' | 'stems' | 'items'> = {
    type: question.type,
    text: question.text,
    textFormat: question.textFormat,
  };
  if (question.textAfter !== undefined) view.textAfter = question.textAfter;
  const keep = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  switch (question.type) {
    case 'single':
    case 'multiple':
      view.choices = shown(
        question.answers.map((a) => a.text),
        order ?? keep(question.answers.length),
      );
      break;
    case 'matching': {
      const stems = matchingStems(question).map((p) => p.left);
      const choices = matchingChoices(question);
      view.stems = shown(stems, order ?? keep(stems.length));
      view.choices = shown(choices, choiceOrder ?? keep(choices.length));
      break;
    }
    case 'ordering':
      view.items = shown(question.items, order ?? keep(question.items.length));
      break;
  }
  return view;
}

/** Moodle's qtype_shortanswer clean_response: wildcards become spaces, `\*` a star. */
function cleanAnswer(text: string): string {
  return text
    .split(/(?<!\\)\*/)
    .map((bit) => bit.replaceAll('\\*', '*'))
    .join(' ')
    .trim();
}

/** The right answer in the terms of the screen, or undefined (essays, descriptions, no right answer). */
export function rightAnswer(question: Question, order?: number[], choiceOrder?: number[]): RightAnswer | undefined {
  const position = (list: number[] | undefined, i: number): number => (list ? list.indexOf(i) : i);
  switch (question.type) {
    case 'single': {
      const best = Math.max(...question.answers.map((a) => a.fraction));
      if (!(best > 0)) return undefined;
      const right = question.answers.flatMap((a, i) => (a.fraction === best ? [position(order, i)] : []));
      return { choices: right.sort((a, b) => a - b) };
    }
    case 'multiple':
      return {
        choices: question.answers.flatMap((a, i) => (a.fraction > 0 ? [position(order, i)] : [])).sort((a, b) => a - b),
      };
    case 'truefalse':
      return { value: question.correct };
    case 'shortanswer': {
      const answer = question.answers.find((a) => stateForFraction(a.fraction / 100) === 'right');
      return answer === undefined ? undefined : { text: cleanAnswer(answer.text) };
    }
    case 'numerical': {
      const answer = question.answers.find((a) => a.kind !== 'any' && stateForFraction(a.fraction / 100) === 'right');
      if (answer === undefined || answer.kind === 'any') return undefined;
      return answer.kind === 'exact'
        ? { number: answer.value, tolerance: answer.tolerance }
        : { min: answer.min, max: answer.max };
    }
    case 'matching': {
      const choices = matchingChoices(question);
      const stems = matchingStems(question);
      const shownStems = order ?? stems.map((_, i) => i);
      return { matches: shownStems.map((stem) => position(choiceOrder, choices.indexOf(stems[stem]?.right ?? ''))) };
    }
    case 'ordering': {
      // The right order, each item named by its id (its place in the order first shown).
      return { order: question.items.map((_, i) => position(order, i)) };
    }
    default:
      return undefined;
  }
}

/** The chosen parts and whether each is right, in the terms of the screen. */
function partStates(question: Question, slot: Pick<SlotState, 'order' | 'choiceOrder'>, response: Response | null) {
  if (response === null) return undefined;
  const position = (list: number[] | undefined, i: number): number => (list ? list.indexOf(i) : i);
  switch (question.type) {
    case 'single': {
      const choice = (response as SingleResponse).choice;
      const fraction = (question.answers[choice]?.fraction ?? 0) / 100;
      return [{ id: position(slot.order, choice), state: stateForFraction(fraction) }];
    }
    case 'multiple':
      return (response as MultipleResponse).choices
        .map((c) => ({
          id: position(slot.order, c),
          state: (question.answers[c]?.fraction ?? 0) > 0 ? ('right' as const) : ('wrong' as const),
        }))
        .sort((a, b) => a.id - b.id);
    case 'matching': {
      const choices = matchingChoices(question);
      const stems = matchingStems(question);
      const chosen = (response as MatchingResponse).choices;
      return (slot.order ?? stems.map((_, i) => i)).flatMap((stem, id) => {
        const c = chosen[stem];
        if (c === null || c === undefined) return [];
        return [{ id, state: choices[c] === stems[stem]?.right ? ('right' as const) : ('wrong' as const) }];
      });
    }
    default:
      return undefined;
  }
}

function feedbackOf(
  question: Question,
  slot: SlotState,
  outcome: GradeResult,
  review: ReviewOptions,
  maxMark: number,
): QuestionFeedback {
  const feedback: QuestionFeedback = {};
  if (review.correctness) {
    feedback.state = outcome.state;
    const parts = partStates(question, slot, slot.response);
    if (parts !== undefined && parts.length > 0) feedback.parts = parts;
  }
  if (review.marks && slot.fraction !== null) feedback.mark = slot.fraction * maxMark;
  if (review.specificFeedback) {
    if (outcome.feedback.length > 0) feedback.specific = [...outcome.feedback];
    if (slot.manual?.comment !== undefined) feedback.comment = slot.manual.comment;
  }
  if (review.generalFeedback && question.generalFeedback) feedback.general = question.generalFeedback;
  if (review.rightAnswer) {
    const right = rightAnswer(question, slot.order, slot.choiceOrder);
    if (right !== undefined) feedback.rightAnswer = right;
  }
  return feedback;
}

/**
 * Everything the trainee's browser may receive about their attempt at time `now` (the server's clock).
 */
export function traineeView(quiz: Quiz, state: AttemptState, now: number): AttemptView {
  const finished = state.status === 'finished';
  const review = finished ? (quiz.settings.reviewAfter ?? REVIEW_ALL) : (quiz.settings.reviewDuring ?? REVIEW_ALL);
  let number = 0;
  const questions = state.slots.map((slot, position): QuestionView => {
    const question = quiz.slots[slot.index]?.question;
    if (!question) throw new Error(`the attempt names question ${slot.index}, which the quiz does not have`);
    const maxMark = maxMarkOf(quiz, slot.index);
    const view: QuestionView = {
      slot: position,
      number: question.type === 'description' ? null : ++number,
      ...baseView(question, slot.order, slot.choiceOrder),
      maxMark,
      response: toDisplayed(question, slot, slot.response),
      status: slot.status,
    };
    // An ordering shows its items in the trainee's current order.
    if (question.type === 'ordering' && view.items && slot.response !== null) {
      const current = (toDisplayed(question, slot, slot.response) as OrderingResponse).order;
      view.items = current.map((id) => view.items?.find((item) => item.id === id) as ShownItem);
    }
    if (slot.invalid !== undefined) view.invalid = slot.invalid;
    const interactive =
      state.behaviour === 'interactive' && question.type !== 'essay' && question.type !== 'description';
    if (interactive && !finished && slot.status !== 'done') {
      view.triesLeft = (question.hints?.length ?? 0) + 1 - slot.tries;
    }
    if (slot.status === 'tryAgain' && slot.outcome !== null && !finished) {
      // A wrong try: its correctness and feedback, and the hint for the next one; nothing that gives the key.
      const hint = question.hints?.[slot.tries - 1];
      const feedback: QuestionFeedback = {};
      if (review.correctness) feedback.state = slot.outcome.state;
      if (review.specificFeedback && slot.outcome.feedback.length > 0) feedback.specific = [...slot.outcome.feedback];
      view.feedback = feedback;
      if (hint !== undefined) {
        view.hint = hint.text;
        if (hint.showNumCorrect && slot.outcome.parts) view.numCorrect = { ...slot.outcome.parts };
      }
    } else if (slot.status === 'done' && slot.outcome !== null) {
      view.feedback = feedbackOf(question, slot, slot.outcome, review, maxMark);
    }
    return view;
  });
  const view: AttemptView = {
    number: state.number,
    status: state.status,
    behaviour: state.behaviour,
    deadline: state.deadline,
    timeLeft: state.deadline === null || finished ? null : Math.max(0, state.deadline - now),
    questions,
  };
  if (finished && review.marks) {
    const { marks, maxMarks, grade: g, maxGrade, passed } = attemptGrade(quiz, state);
    view.result = { marks, maxMarks, grade: g, maxGrade, passed };
  }
  return view;
}

// Live mode.

/** The order a live question is shown in, the same for every trainee of the session. */
export interface LiveOrder {
  order?: number[];
  choiceOrder?: number[];
}

/** Draws a live question's order from the session's seed (choices shuffled unless the question says not). */
export function liveOrder(question: Question, seed: string): LiveOrder {
  const random = seededRandom(seed);
  const shuffle = !('shuffleAnswers' in question) || question.shuffleAnswers !== false;
  const keep = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { order: shuffle ? shuffledIndices(question.answers.length, random) : keep(question.answers.length) };
    case 'matching': {
      const stems = matchingStems(question).length;
      return {
        order: shuffle ? shuffledIndices(stems, random) : keep(stems),
        choiceOrder: shuffledIndices(matchingChoices(question).length, random),
      };
    }
    case 'ordering':
      return { order: shuffledIndices(question.items.length, random) };
    default:
      return {};
  }
}

export type LivePhase = 'open' | 'closed' | 'revealed';

export interface LiveQuestionView {
  type: QuestionType;
  text: string;
  textAfter?: string;
  textFormat: TextFormat;
  choices?: ShownItem[];
  stems?: ShownItem[];
  items?: ShownItem[];
  phase: LivePhase;
  /** How many trainees answered so far. */
  responses: number;
  /** Once revealed. */
  results?: LiveResults;
}

export interface LiveResults {
  /** How many responses were right, partly right, wrong. */
  states: { right: number; partial: number; wrong: number };
  /** single, multiple: per choice (id as shown), how many chose it and whether it is right. */
  choices?: { id: number; count: number; right: boolean }[];
  /** truefalse. */
  truefalse?: { true: number; false: number; correct: boolean };
  /** shortanswer, numerical: per answer of the question, how many responses it matched; `other` matched none. */
  answers?: { label: string; count: number; state: 'right' | 'partial' | 'wrong' }[];
  other?: number;
  /** matching: per stem (id as shown), how many chose each choice (ids as shown), and the right choice. */
  stems?: { id: number; counts: number[]; right: number }[];
  rightAnswer?: RightAnswer;
  generalFeedback?: string;
}

/**
 * A live question as the trainees' phones and the projected screen show it. `responses` are the trainees'
 * responses in the question's own terms (the host translates what phones send with {@link liveOrder} and
 * attempt.ts's fromDisplayed). Before the reveal, only their number leaves the server.
 */
export function liveQuestionView(
  question: Question,
  order: LiveOrder,
  phase: LivePhase,
  responses: readonly Response[],
): LiveQuestionView {
  const view: LiveQuestionView = {
    ...baseView(question, order.order, order.choiceOrder),
    phase,
    responses: responses.length,
  };
  if (phase === 'revealed') view.results = liveResults(question, order, responses);
  return view;
}

function answerLabel(question: Question, index: number): string {
  if (question.type === 'shortanswer') return cleanAnswer(question.answers[index]?.text ?? '');
  if (question.type !== 'numerical') return '';
  const answer = question.answers[index];
  if (!answer || answer.kind === 'any') return '*';
  return answer.kind === 'exact'
    ? answer.tolerance === 0
      ? String(answer.value)
      : `${answer.value} ± ${answer.tolerance}`
    : `${answer.min}..${answer.max}`;
}

/** The results of a live question, per answer, for the reveal. */
export function liveResults(question: Question, order: LiveOrder, responses: readonly Response[]): LiveResults {
  const states = { right: 0, partial: 0, wrong: 0 };
  const position = (list: number[] | undefined, i: number): number => (list ? list.indexOf(i) : i);
  const results: LiveResults = { states };
  for (const response of responses) {
    const outcome = grade(question, response);
    if (outcome.state === 'right' || outcome.state === 'partial' || outcome.state === 'wrong') states[outcome.state]++;
  }
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const best = Math.max(...question.answers.map((a) => a.fraction));
      const counts = question.answers.map(() => 0);
      for (const response of responses) {
        const chosen =
          question.type === 'single' ? [(response as SingleResponse).choice] : (response as MultipleResponse).choices;
        for (const c of chosen) if (counts[c] !== undefined) counts[c]++;
      }
      results.choices = question.answers
        .map((a, i) => ({
          id: position(order.order, i),
          count: counts[i] ?? 0,
          right: question.type === 'single' ? a.fraction === best && best > 0 : a.fraction > 0,
        }))
        .sort((a, b) => a.id - b.id);
      break;
    }
    case 'truefalse': {
      const yes = responses.filter((r) => (r as { value: boolean }).value).length;
      results.truefalse = { true: yes, false: responses.length - yes, correct: question.correct };
      break;
    }
    case 'shortanswer':
    case 'numerical': {
      const counts = question.answers.map(() => 0);
      let other = 0;
      for (const response of responses) {
        const outcome = grade(question, response);
        if (outcome.state === 'unanswered') continue;
        const text = (response as { text: string }).text;
        const answer =
          question.type === 'shortanswer'
            ? matchingShortAnswer(question, text)
            : matchingNumericalAnswer(question, text);
        const index = answer === undefined ? -1 : (question.answers as object[]).indexOf(answer);
        if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
        else other++;
      }
      results.answers = question.answers.map((a, i) => ({
        label: answerLabel(question, i),
        count: counts[i] ?? 0,
        state: stateForFraction(a.fraction / 100),
      }));
      results.other = other;
      break;
    }
    case 'matching': {
      const stems = matchingStems(question);
      const choices = matchingChoices(question);
      const shownStems = order.order ?? stems.map((_, i) => i);
      const shownChoices = order.choiceOrder ?? choices.map((_, i) => i);
      results.stems = shownStems.map((stem, id) => {
        const counts = shownChoices.map(() => 0);
        for (const response of responses) {
          const c = (response as MatchingResponse).choices[stem];
          const at = c === null || c === undefined ? -1 : position(order.choiceOrder, c);
          if (at >= 0) counts[at] = (counts[at] ?? 0) + 1;
        }
        return { id, counts, right: position(order.choiceOrder, choices.indexOf(stems[stem]?.right ?? '')) };
      });
      break;
    }
  }
  const right = rightAnswer(question, order.order, order.choiceOrder);
  if (right !== undefined) results.rightAnswer = right;
  if (question.generalFeedback) results.generalFeedback = question.generalFeedback;
  return results;
}
