/**
 * Server side of the "quiz" activity: self-paced attempts and live sessions, graded here and nowhere else, with
 * the trusted logic of quiz/src (attempt.ts, view.ts, live.ts). What leaves this file for a trainee is built by
 * `traineeView` and `liveQuestionView`: no answer key before the behaviour or the reveal allows it.
 *
 * Storage (migration 4, and 6 for `quiz_extra_time`):
 * - `quiz_attempts`: one row per attempt, its state as JSON (attempt.ts), its grade once finished, the key that
 *   started it; `quiz_action_keys`: keys of applied actions, so that a retried action is applied once.
 * - `quiz_grades`: the gradebook, written here when an attempt finishes (never a score a client reports).
 * - `quiz_live`: the live session of an instance (live.ts state, seed); `quiz_live_participants` (join order,
 *   team); `quiz_live_served`: when each trainee was first sent each open question (fair timing);
 *   `quiz_live_answers`: one answer per trainee and question, graded on arrival.
 * - `quiz_extra_time`: a trainee's extra time on the time limit (accommodations), set by a trainer; read when an
 *   attempt starts, and written into the deadline of the attempt in progress when it changes.
 *
 * Versions: `activity_instances.version` moves with what everybody sees (the live session, the number of answers
 * on the projection), not with a trainee's private attempt, so that 500 trainees saving their answers do not make
 * every page refetch. An open question with a timer closes by itself: its phase is computed from the clock, and a
 * timer of this process bumps the version at the deadline so that pages learn it.
 */
import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { BridgeError } from '../../../activities/src/bridge/protocol.js';
import {
  Quiz,
  applyAction,
  attemptGrade,
  canStart,
  closeIfOverdue,
  fromDisplayed,
  gradeManually,
  maxMarkOf,
  parseAttemptState,
  quizGrade,
  startAttempt,
  toDisplayed,
  withExtraTime,
  type AttemptState,
  type SlotState,
} from '../../../quiz/src/attempt.js';
import { grade, type GradeState } from '../../../quiz/src/grading.js';
import {
  DEFAULT_LIVE_SETTINGS,
  LiveSettings,
  acceptsAnswer,
  control as move,
  fairElapsed,
  leaderboard,
  newSession,
  phaseAt,
  points,
  teamOf,
  type LiveSession,
  type Score,
} from '../../../quiz/src/live.js';
import type { Question } from '../../../quiz/src/model.js';
import {
  ACTIVITY_TYPE,
  act,
  answer,
  getState,
  join,
  start,
  updated,
  type LiveState,
  type QuizState,
  type ShownResponse,
} from '../../../quiz/src/protocol.js';
import type { Response } from '../../../quiz/src/response.js';
import {
  accommodations,
  control,
  gradeEssay,
  results,
  type Results,
  type TrainerPart,
} from '../../../quiz/src/trainer-protocol.js';
import { liveOrder, liveQuestionView, liveResults, traineeView, type LiveOrder } from '../../../quiz/src/view.js';
import type { ActivityInstance, ActivityType, HandlerContext } from './activities.js';
import { defineHandler } from './activities.js';
import type { Db } from './db.js';
import { DEMO_LIVE_SETTINGS } from './demo-quiz.js';
import type { Tx } from './writer.js';

interface Definition {
  quiz: Quiz;
  live: LiveSettings;
}

const definitions = new WeakMap<ActivityInstance, Definition>();

/** The quiz of an instance, from its settings, checked once. A quiz that does not pass its schema has no questions. */
export function definitionOf(instance: ActivityInstance): Definition {
  let definition = definitions.get(instance);
  if (!definition) {
    const settings = (instance.settings ?? {}) as { quiz?: unknown; live?: unknown };
    const quiz = v.safeParse(Quiz, settings.quiz);
    const live = v.safeParse(LiveSettings, settings.live);
    definition = {
      quiz: quiz.success ? quiz.output : { settings: { behaviour: 'deferred' }, slots: [] },
      live: live.success ? live.output : { ...DEFAULT_LIVE_SETTINGS },
    };
    definitions.set(instance, definition);
  }
  return definition;
}

// ---- Storage ----

interface AttemptRow {
  id: number;
  number: number;
  state: string;
  status: string;
}

interface LiveRow {
  session_id: string;
  seed: string;
  state: string;
}

const LiveSessionSchema = v.object({
  phase: v.picklist(['lobby', 'question', 'ended']),
  step: v.number(),
  stepPhase: v.picklist(['open', 'closed', 'revealed']),
  openedAt: v.nullable(v.number()),
  closesAt: v.nullable(v.number()),
  settings: LiveSettings,
});

function attemptsOf(
  db: Db,
  instanceId: string,
  userId: number,
  quiz: Quiz,
): { row: AttemptRow; state: AttemptState }[] {
  const rows = db
    .prepare<[string, number], AttemptRow>(
      'SELECT id, number, state, status FROM quiz_attempts WHERE instance_id = ? AND user_id = ? ORDER BY number',
    )
    .all(instanceId, userId);
  return rows.flatMap((row) => {
    try {
      const state = parseAttemptState(quiz, JSON.parse(row.state));
      return state ? [{ row, state }] : [];
    } catch {
      return [];
    }
  });
}

function saveAttempt(tx: Tx, id: number, quiz: Quiz, state: AttemptState): void {
  const grading = state.status === 'finished' ? attemptGrade(quiz, state) : null;
  tx.db
    .prepare<[string, string, number | null, number | null, number, number]>(
      'UPDATE quiz_attempts SET state = ?, status = ?, grade = ?, passed = ?, updated_at = ? WHERE id = ?',
    )
    .run(
      JSON.stringify(state),
      state.status,
      grading?.grade ?? null,
      grading?.passed === null || grading === null ? null : grading.passed ? 1 : 0,
      tx.now,
      id,
    );
}

/** The gradebook: the grading method over the finished attempts, written when one finishes. */
function updateGrade(tx: Tx, instanceId: string, userId: number, quiz: Quiz): void {
  const finished = attemptsOf(tx.db, instanceId, userId, quiz)
    .map((attempt) => attempt.state)
    .filter((state) => state.status === 'finished');
  const value = quizGrade(quiz, finished);
  const maxGrade = quiz.settings.maxGrade ?? 10;
  const pass = quiz.settings.passGrade;
  tx.db
    .prepare<[string, number, number | null, number, number | null, number]>(
      `INSERT INTO quiz_grades (instance_id, user_id, grade, max_grade, passed, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (instance_id, user_id) DO UPDATE SET grade = excluded.grade, max_grade = excluded.max_grade,
       passed = excluded.passed, updated_at = excluded.updated_at`,
    )
    .run(
      instanceId,
      userId,
      value,
      maxGrade,
      value === null || pass === undefined ? null : value >= pass ? 1 : 0,
      tx.now,
    );
}

function liveOf(db: Db, instanceId: string): { id: string; seed: string; session: LiveSession } | null {
  const row = db
    .prepare<[string], LiveRow>('SELECT session_id, seed, state FROM quiz_live WHERE instance_id = ?')
    .get(instanceId);
  if (!row) return null;
  try {
    const parsed = v.safeParse(LiveSessionSchema, JSON.parse(row.state));
    return parsed.success ? { id: row.session_id, seed: row.seed, session: parsed.output } : null;
  } catch {
    return null;
  }
}

function bump(tx: Tx, instanceId: string): number {
  const version = tx.db
    .prepare<[string], number>('UPDATE activity_instances SET version = version + 1 WHERE id = ? RETURNING version')
    .pluck()
    .get(instanceId)!;
  tx.emit(updated, instanceId, { version });
  return version;
}

/** A trainee's extra time on this quiz's time limit, in seconds (0: none). */
function extraTimeOf(db: Db, instanceId: string, userId: number): number {
  return (
    db
      .prepare<[string, number], number>('SELECT seconds FROM quiz_extra_time WHERE instance_id = ? AND user_id = ?')
      .pluck()
      .get(instanceId, userId) ?? 0
  );
}

/** The course's trainees (the reference host's one course: every trainee account) with their extra time. */
function accommodationsOf(db: Db, instanceId: string): { user: string; name: string; extraTimeSeconds: number }[] {
  return db
    .prepare<[string], { id: number; name: string; seconds: number }>(
      `SELECT u.id, u.display_name AS name, COALESCE(x.seconds, 0) AS seconds FROM users u
       LEFT JOIN quiz_extra_time x ON x.instance_id = ? AND x.user_id = u.id
       WHERE u.role = 'trainee' ORDER BY u.display_name COLLATE NOCASE, u.id`,
    )
    .all(instanceId)
    .map((row) => ({ user: String(row.id), name: row.name, extraTimeSeconds: row.seconds }));
}

// ---- Live ----

const orderCache = new Map<string, LiveOrder>();
function orderOf(seed: string, step: number, question: Question): LiveOrder {
  const key = `${seed}\u0000${step}`;
  let order = orderCache.get(key);
  if (!order) {
    order = liveOrder(question, key);
    if (orderCache.size > 1_000) orderCache.clear();
    orderCache.set(key, order);
  }
  return order;
}

/** The slots a live session plays: every question but descriptions. */
function liveSlots(quiz: Quiz): number[] {
  return quiz.slots.flatMap((slot, index) => (slot.question.type === 'description' ? [] : [index]));
}

/** A pseudo attempt slot, so that attempt.ts's display conversions serve the live session too. */
function displaySlot(index: number, order: LiveOrder): SlotState {
  return {
    index,
    ...(order.order ? { order: order.order } : {}),
    ...(order.choiceOrder ? { choiceOrder: order.choiceOrder } : {}),
    response: null,
    tries: 0,
    status: 'todo',
    outcome: null,
    fraction: null,
  };
}

interface AnswerRow {
  user_id: number;
  response: string;
  points: number;
  state: string;
}

function answersOf(db: Db, sessionId: string, step: number): AnswerRow[] {
  return db
    .prepare<[string, number], AnswerRow>(
      'SELECT user_id, response, points, state FROM quiz_live_answers WHERE session_id = ? AND step = ? ORDER BY id',
    )
    .all(sessionId, step);
}

/** The room's scores in join order; `hiddenStep`'s points left out (-1: none), see {@link hiddenStepOf}. */
function scoresOf(db: Db, sessionId: string, hiddenStep = -1): Score[] {
  return db
    .prepare<[number, string], { user_id: number; name: string; points: number; team: string }>(
      `SELECT p.user_id, u.display_name AS name, p.team, COALESCE(SUM(a.points), 0) AS points
       FROM quiz_live_participants p JOIN users u ON u.id = p.user_id
       LEFT JOIN quiz_live_answers a ON a.session_id = p.session_id AND a.user_id = p.user_id AND a.step != ?
       WHERE p.session_id = ? GROUP BY p.user_id ORDER BY p.join_index`,
    )
    .all(hiddenStep, sessionId)
    .map((row) => ({ userId: String(row.user_id), name: row.name, points: row.points, team: row.team }));
}

const timers = new Map<string, NodeJS.Timeout>();

/** At an open question's deadline, tells every page (the phase itself is computed from the clock). */
function scheduleClose(ctx: HandlerContext, live: { id: string; session: LiveSession }): void {
  const { closesAt } = live.session;
  const key = ctx.instance.id;
  clearTimeout(timers.get(key));
  timers.delete(key);
  if (closesAt === null || live.session.phase !== 'question' || live.session.stepPhase !== 'open') return;
  const wait = Math.max(0, closesAt - Date.now()) + 20;
  const timer = setTimeout(() => {
    timers.delete(key);
    void ctx.writer.run((tx) => void bump(tx, ctx.instance.id)).catch(() => undefined);
  }, wait);
  timer.unref();
  timers.set(key, timer);
}

/**
 * The step whose points nobody may see yet: the question on screen until it is revealed (its points would say who
 * answered right); -1 when there is none.
 */
function hiddenStepOf(session: LiveSession, now: number): number {
  return session.phase === 'question' && phaseAt(session, now) !== 'revealed' ? session.step : -1;
}

function liveState(ctx: HandlerContext, quiz: Quiz, now: number, joinUrl: string): LiveState | null {
  const live = liveOf(ctx.db, ctx.instance.id);
  if (!live) return null;
  const { session } = live;
  const participant = ctx.db
    .prepare<[string, number], { team: string }>(
      'SELECT team FROM quiz_live_participants WHERE session_id = ? AND user_id = ?',
    )
    .get(live.id, ctx.user.id);
  const joined =
    ctx.db
      .prepare<[string], number>('SELECT COUNT(*) FROM quiz_live_participants WHERE session_id = ?')
      .pluck()
      .get(live.id) ?? 0;
  // What a state needs costs one indexed read each: the caller's points, and the room's scores only when a
  // leaderboard shows them (every trainee asks for a state after every answer of a room of 500).
  // Points tell who was right: the open question's count only once it is revealed, in a trainee's own points as on
  // the leaderboard.
  const hiddenStep = hiddenStepOf(session, now);
  const myPoints =
    ctx.db
      .prepare<[string, number, number], number>(
        'SELECT COALESCE(SUM(points), 0) FROM quiz_live_answers WHERE session_id = ? AND user_id = ? AND step != ?',
      )
      .pluck()
      .get(live.id, ctx.user.id, hiddenStep) ?? 0;
  const state: LiveState = {
    session: live.id,
    phase: session.phase,
    joined,
    me: { joined: participant !== undefined, points: myPoints, ...(participant ? { team: participant.team } : {}) },
    joinUrl,
    settings: {
      ...(session.settings.timerSeconds !== undefined ? { timerSeconds: session.settings.timerSeconds } : {}),
      speedPoints: session.settings.speedPoints,
      leaderboard: session.settings.leaderboard,
    },
  };
  if (session.settings.leaderboard !== 'off' && session.phase !== 'lobby') {
    const board = leaderboard(session.settings.leaderboard, scoresOf(ctx.db, live.id, hiddenStep), String(ctx.user.id));
    if (board) state.leaderboard = board;
  }
  const slots = liveSlots(quiz);
  if (session.phase === 'question' && slots[session.step] !== undefined) {
    const index = slots[session.step]!;
    const question = quiz.slots[index]!.question;
    const order = orderOf(live.seed, session.step, question);
    const phase = phaseAt(session, now);
    // Every answer is read only once revealed; before that, they are counted.
    const answers = phase === 'revealed' ? answersOf(ctx.db, live.id, session.step) : [];
    const responses = answers.flatMap((row) => {
      try {
        return [JSON.parse(row.response) as Response];
      } catch {
        return [];
      }
    });
    const view = liveQuestionView(question, order, phase, responses);
    if (phase !== 'revealed') {
      view.responses =
        ctx.db
          .prepare<[string, number], number>('SELECT COUNT(*) FROM quiz_live_answers WHERE session_id = ? AND step = ?')
          .pluck()
          .get(live.id, session.step) ?? 0;
    }
    const own = ctx.db
      .prepare<[string, number, number], AnswerRow>(
        'SELECT user_id, response, points, state FROM quiz_live_answers WHERE session_id = ? AND step = ? AND user_id = ?',
      )
      .get(live.id, session.step, ctx.user.id);
    const slot = displaySlot(index, order);
    state.step = {
      index: session.step,
      total: slots.length,
      question: view,
      timeLeftMs: phase === 'open' && session.closesAt !== null ? Math.max(0, session.closesAt - now) : null,
      mine: own
        ? {
            answered: true,
            response: toDisplayed(question, slot, JSON.parse(own.response) as Response) as ShownResponse,
            ...(phase === 'revealed' ? { outcome: { state: own.state as GradeState, points: own.points } } : {}),
          }
        : { answered: false },
    };
  }
  return state;
}

/** Records when a trainee was first sent the open question: the start of their fair timing. */
function noteServed(ctx: HandlerContext, state: LiveState | null, now: number): void {
  if (!state?.step || state.step.question.phase !== 'open' || !state.me.joined || state.step.mine.answered) return;
  const step = state.step.index;
  const known = ctx.db
    .prepare<[string, number, number], number>(
      'SELECT 1 FROM quiz_live_served WHERE session_id = ? AND step = ? AND user_id = ?',
    )
    .pluck()
    .get(state.session, step, ctx.user.id);
  if (known) return;
  void ctx.writer
    .run((tx) =>
      tx.db
        .prepare<[string, number, number, number]>(
          'INSERT OR IGNORE INTO quiz_live_served (session_id, step, user_id, served_at) VALUES (?, ?, ?, ?)',
        )
        .run(state.session, step, ctx.user.id, now),
    )
    .catch(() => undefined);
}

// ---- States ----

function trainerPart(db: Db, instanceId: string): TrainerPart {
  const row = db
    .prepare<[string], { participants: number; finished: number }>(
      `SELECT COUNT(DISTINCT user_id) AS participants, SUM(status = 'finished') AS finished
       FROM quiz_attempts WHERE instance_id = ?`,
    )
    .get(instanceId);
  const waiting = db
    .prepare<[string], string>("SELECT state FROM quiz_attempts WHERE instance_id = ? AND status = 'finished'")
    .pluck()
    .all(instanceId)
    .filter((text) => text.includes('"needsGrading"')).length;
  return { participants: row?.participants ?? 0, finishedAttempts: row?.finished ?? 0, needsGrading: waiting };
}

export function quizState(ctx: HandlerContext, now = Date.now()): QuizState {
  const { quiz } = definitionOf(ctx.instance);
  const version =
    ctx.db
      .prepare<[string], number>('SELECT version FROM activity_instances WHERE id = ?')
      .pluck()
      .get(ctx.instance.id) ?? 0;
  const attempts = attemptsOf(ctx.db, ctx.instance.id, ctx.user.id, quiz).map(({ state }) =>
    closeIfOverdue(quiz, state, now),
  );
  const current = attempts.find((state) => state.status === 'inProgress') ?? attempts.at(-1) ?? null;
  const allowed = canStart(quiz, attempts, now);
  const finished = attempts.filter((state) => state.status === 'finished');
  const gradeValue = quizGrade(quiz, finished);
  const pass = quiz.settings.passGrade;
  const settings = quiz.settings;
  const live = liveState(ctx, quiz, now, `/course/activity/${encodeURIComponent(ctx.instance.id)}`);
  noteServed(ctx, live, now);
  const state: QuizState = {
    version,
    title: ctx.instance.title,
    intro: {
      questions: quiz.slots.filter((slot) => slot.question.type !== 'description').length,
      behaviour: settings.behaviour,
      ...(settings.timeLimitSeconds !== undefined ? { timeLimitSeconds: settings.timeLimitSeconds } : {}),
      ...(settings.attemptsAllowed !== undefined ? { attemptsAllowed: settings.attemptsAllowed } : {}),
      maxGrade: settings.maxGrade ?? 10,
      ...(pass !== undefined ? { passGrade: pass } : {}),
      gradingMethod: settings.gradingMethod ?? 'highest',
      ...(settings.closesAt !== undefined ? { closesAt: settings.closesAt } : {}),
    },
    selfPaced: {
      attempt: current ? traineeView(quiz, current, now) : null,
      attempts: attempts.map((state) => {
        const grading = attemptGrade(quiz, state);
        return {
          number: state.number,
          status: state.status,
          grade: grading.grade,
          maxGrade: grading.maxGrade,
          passed: grading.passed,
          finishedAt: state.finishedAt,
        };
      }),
      canStart: allowed.ok,
      ...(allowed.ok ? {} : { reason: allowed.error.code }),
      grade: gradeValue,
      passed: gradeValue === null || pass === undefined ? null : gradeValue >= pass,
    },
    live,
  };
  if (ctx.role === 'trainer') state.trainer = trainerPart(ctx.db, ctx.instance.id);
  return state;
}

// ---- Results for trainers ----

function plain(text: string, max = 300): string {
  const flat = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function responseText(question: Question, response: Response | null): string {
  if (response === null) return '';
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const chosen = 'choice' in response ? [response.choice] : (response as { choices: number[] }).choices;
      return chosen.map((i) => plain(question.answers[i]?.text ?? '', 80)).join(' | ');
    }
    case 'truefalse':
      return (response as { value: boolean }).value ? 'Vrai' : 'Faux';
    case 'matching':
      return (response as { choices: (number | null)[] }).choices
        .map((c) => (c === null ? '–' : String(c + 1)))
        .join(' ');
    case 'ordering':
      return (response as { order: number[] }).order.map((i) => plain(question.items[i] ?? '', 40)).join(' → ');
    default:
      return plain((response as { text?: string }).text ?? '', 200);
  }
}

function buildResults(ctx: HandlerContext): Results {
  const { quiz } = definitionOf(ctx.instance);
  const rows = ctx.db
    .prepare<[string], { id: number; user_id: number; name: string; state: string }>(
      `SELECT a.id, a.user_id, u.display_name AS name, a.state FROM quiz_attempts a JOIN users u ON u.id = a.user_id
       WHERE a.instance_id = ? ORDER BY u.display_name, a.number`,
    )
    .all(ctx.instance.id);
  const essays: NonNullable<Results['essays']> = [];
  const byUser = new Map<number, { name: string; attempts: AttemptState[] }>();
  for (const row of rows) {
    const parsed = (() => {
      try {
        return parseAttemptState(quiz, JSON.parse(row.state));
      } catch {
        return null;
      }
    })();
    if (!parsed) continue;
    if (parsed.status === 'finished') {
      parsed.slots.forEach((slot, position) => {
        const question = quiz.slots[slot.index]?.question;
        if (question?.type !== 'essay') return;
        essays.push({
          attempt: row.id,
          position,
          number: slot.index + 1,
          name: row.name,
          question: plain(question.text),
          response: ((slot.response as { text?: string } | null)?.text ?? '').slice(0, 20_000),
          maxMark: maxMarkOf(quiz, slot.index),
          mark: slot.manual ? slot.manual.fraction * maxMarkOf(quiz, slot.index) : null,
          ...(slot.manual?.comment ? { comment: slot.manual.comment.slice(0, 2_000) } : {}),
        });
      });
    }
    const entry = byUser.get(row.user_id) ?? { name: row.name, attempts: [] };
    entry.attempts.push(parsed);
    byUser.set(row.user_id, entry);
  }
  const finished = [...byUser.values()].flatMap((entry) => entry.attempts.filter((a) => a.status === 'finished'));
  const questions = quiz.slots.map((slot, index) => {
    const taken = finished.flatMap((attempt) => attempt.slots.filter((s) => s.index === index));
    const graded = taken.filter((s) => s.fraction !== null);
    const responses = taken.flatMap((s) => (s.response === null ? [] : [s.response as Response]));
    return {
      number: index + 1,
      type: slot.question.type,
      text: plain(slot.question.text),
      maxMark: maxMarkOf(quiz, index),
      attempts: taken.length,
      facility:
        graded.length === 0 ? null : graded.reduce((sum, s) => sum + Math.max(0, s.fraction!), 0) / graded.length,
      distribution:
        slot.question.type === 'description' || slot.question.type === 'essay' || responses.length === 0
          ? null
          : liveResults(slot.question, {}, responses),
      ...(slot.question.type === 'single' || slot.question.type === 'multiple'
        ? { choices: slot.question.answers.map((answer) => plain(answer.text, 120)) }
        : {}),
    };
  });
  const trainees = [...byUser.values()].map((entry) => {
    const done = entry.attempts.filter((a) => a.status === 'finished');
    const last = done.at(-1);
    const gradeValue = quizGrade(quiz, done);
    const pass = quiz.settings.passGrade;
    const grading = last ? attemptGrade(quiz, last) : null;
    return {
      name: entry.name,
      attempts: entry.attempts.length,
      grade: gradeValue,
      passed: gradeValue === null || pass === undefined ? null : gradeValue >= pass,
      answers: last
        ? last.slots
            .map((s, position) => ({ s, position }))
            .filter(({ s }) => quiz.slots[s.index]?.question.type !== 'description')
            .map(({ s, position }) => ({
              number: s.index + 1,
              state: grading!.slots[position]?.state ?? null,
              mark: grading!.slots[position]?.mark ?? null,
              response: responseText(quiz.slots[s.index]!.question, s.response as Response | null),
            }))
            .sort((a, b) => a.number - b.number)
        : [],
    };
  });
  const live = liveOf(ctx.db, ctx.instance.id);
  const slots = liveSlots(quiz);
  return {
    questions,
    trainees,
    maxGrade: quiz.settings.maxGrade ?? 10,
    essays,
    live: live
      ? {
          session: live.id,
          questions: slots.flatMap((index, step) => {
            const answers = answersOf(ctx.db, live.id, step);
            if (answers.length === 0) return [];
            const question = quiz.slots[index]!.question;
            const responses = answers.map((row) => JSON.parse(row.response) as Response);
            return [
              {
                number: index + 1,
                text: plain(question.text),
                responses: responses.length,
                results: liveResults(question, orderOf(live.seed, step, question), responses),
              },
            ];
          }),
          scores: scoresOf(ctx.db, live.id)
            .sort((a, b) => b.points - a.points)
            .map(({ name, points: score, team }) => ({ name, points: score, team })),
        }
      : null,
  };
}

// ---- Handlers ----

function error(code: string, message: string): { code: string; message: string } {
  return { code, message };
}

export const quizActivity: ActivityType = {
  type: ACTIVITY_TYPE,
  requests: [
    defineHandler(getState, (_payload, ctx) => quizState(ctx)),

    defineHandler(start, async ({ key }, ctx) => {
      const { quiz } = definitionOf(ctx.instance);
      await ctx.writer.run((tx) => {
        const exists = tx.db
          .prepare<[string, number, string], number>(
            'SELECT 1 FROM quiz_attempts WHERE instance_id = ? AND user_id = ? AND start_key = ?',
          )
          .pluck()
          .get(ctx.instance.id, ctx.user.id, key);
        if (exists) return;
        const previous = attemptsOf(tx.db, ctx.instance.id, ctx.user.id, quiz);
        // An attempt past its deadline is closed first, as Moodle's "autosubmit" does.
        for (const attempt of previous) {
          const closed = closeIfOverdue(quiz, attempt.state, tx.now);
          if (closed !== attempt.state) {
            saveAttempt(tx, attempt.row.id, quiz, closed);
            updateGrade(tx, ctx.instance.id, ctx.user.id, quiz);
            attempt.state = closed;
          }
        }
        const started = startAttempt(quiz, {
          seed: randomBytes(16).toString('hex'),
          now: tx.now,
          extraTimeSeconds: extraTimeOf(tx.db, ctx.instance.id, ctx.user.id),
          previous: previous.map((attempt) => attempt.state),
        });
        if (!started.ok) throw new BridgeError('bad_request', started.error.code);
        tx.db
          .prepare<[string, number, number, string, string, number]>(
            `INSERT INTO quiz_attempts (instance_id, user_id, number, state, status, start_key, updated_at)
             VALUES (?, ?, ?, ?, 'inProgress', ?, ?)`,
          )
          .run(ctx.instance.id, ctx.user.id, started.state.number, JSON.stringify(started.state), key, tx.now);
      });
      return quizState(ctx);
    }),

    defineHandler(act, async ({ attempt: number, action, key }, ctx) => {
      const { quiz } = definitionOf(ctx.instance);
      const refused = await ctx.writer.run((tx) => {
        const row = tx.db
          .prepare<[string, number, number], AttemptRow>(
            'SELECT id, number, state, status FROM quiz_attempts WHERE instance_id = ? AND user_id = ? AND number = ?',
          )
          .get(ctx.instance.id, ctx.user.id, number);
        if (!row) return error('no_such_attempt', 'No such attempt.');
        const seen = tx.db
          .prepare<[number, string], number>('SELECT 1 FROM quiz_action_keys WHERE attempt_id = ? AND key = ?')
          .pluck()
          .get(row.id, key);
        if (seen) return undefined;
        const state = parseAttemptState(quiz, JSON.parse(row.state));
        if (!state) return error('bad_state', 'The attempt cannot be read.');
        const result = applyAction(quiz, state, action, tx.now);
        if (!result.ok) {
          // A late action still closes an overdue attempt with what was saved in time.
          const closed = closeIfOverdue(quiz, state, tx.now);
          if (closed !== state) {
            saveAttempt(tx, row.id, quiz, closed);
            updateGrade(tx, ctx.instance.id, ctx.user.id, quiz);
          }
          return error(result.error.code, result.error.message);
        }
        saveAttempt(tx, row.id, quiz, result.state);
        tx.db
          .prepare<[number, string, number]>(
            'INSERT INTO quiz_action_keys (attempt_id, key, created_at) VALUES (?, ?, ?)',
          )
          .run(row.id, key, tx.now);
        if (result.state.status === 'finished' && state.status !== 'finished') {
          updateGrade(tx, ctx.instance.id, ctx.user.id, quiz);
        }
        return undefined;
      });
      return { ...(refused ? { error: refused } : {}), state: quizState(ctx) };
    }),

    defineHandler(join, async (_payload, ctx) => {
      await ctx.writer.run((tx) => {
        const live = liveOf(tx.db, ctx.instance.id);
        if (!live || live.session.phase === 'ended') throw new BridgeError('bad_request', 'No live session to join.');
        const count =
          tx.db
            .prepare<[string], number>('SELECT COUNT(*) FROM quiz_live_participants WHERE session_id = ?')
            .pluck()
            .get(live.id) ?? 0;
        const inserted = tx.db
          .prepare<[string, number, number, string, number]>(
            `INSERT OR IGNORE INTO quiz_live_participants (session_id, user_id, join_index, team, joined_at)
             VALUES (?, ?, ?, ?, ?)`,
          )
          .run(live.id, ctx.user.id, count, teamOf(count), tx.now);
        if (inserted.changes > 0) bump(tx, ctx.instance.id);
      });
      return quizState(ctx);
    }),

    defineHandler(answer, async ({ step, response, elapsedMs, key }, ctx) => {
      const { quiz } = definitionOf(ctx.instance);
      const outcome = await ctx.writer.run((tx): { accepted: boolean; error?: { code: string; message: string } } => {
        const live = liveOf(tx.db, ctx.instance.id);
        if (!live) return { accepted: false, error: error('no_session', 'No live session.') };
        const previous = tx.db
          .prepare<[string, number, number], { key: string }>(
            'SELECT idempotency_key AS key FROM quiz_live_answers WHERE session_id = ? AND step = ? AND user_id = ?',
          )
          .get(live.id, step, ctx.user.id);
        if (previous) {
          return previous.key === key
            ? { accepted: true }
            : { accepted: false, error: error('already_answered', 'Only the first answer counts.') };
        }
        if (!acceptsAnswer(live.session, step, tx.now)) {
          return { accepted: false, error: error('closed', 'This question is closed.') };
        }
        const participant = tx.db
          .prepare<[string, number], number>(
            'SELECT 1 FROM quiz_live_participants WHERE session_id = ? AND user_id = ?',
          )
          .pluck()
          .get(live.id, ctx.user.id);
        if (!participant) return { accepted: false, error: error('not_joined', 'Join the session first.') };
        const index = liveSlots(quiz)[step]!;
        const question = quiz.slots[index]!.question;
        const parsed = fromDisplayed(question, displaySlot(index, orderOf(live.seed, step, question)), response);
        if (!parsed.ok) return { accepted: false, error: error(parsed.error.code, parsed.error.message) };
        const graded = grade(question, parsed.response);
        const servedAt =
          tx.db
            .prepare<[string, number, number], number>(
              'SELECT served_at FROM quiz_live_served WHERE session_id = ? AND step = ? AND user_id = ?',
            )
            .pluck()
            .get(live.id, step, ctx.user.id) ??
          live.session.openedAt ??
          tx.now;
        const elapsed = fairElapsed(Math.max(servedAt, live.session.openedAt ?? servedAt), tx.now, elapsedMs);
        const score = points(graded.fraction ?? 0, elapsed, live.session.settings);
        tx.db
          .prepare<[string, number, number, string, string, number, number, number, string, number]>(
            `INSERT INTO quiz_live_answers (session_id, step, user_id, response, state, fraction, points, elapsed_ms,
             idempotency_key, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            live.id,
            step,
            ctx.user.id,
            JSON.stringify(parsed.response),
            graded.state,
            graded.fraction ?? 0,
            score,
            elapsed,
            key,
            tx.now,
          );
        bump(tx, ctx.instance.id);
        return { accepted: true };
      });
      return { ...outcome, state: quizState(ctx) };
    }),

    defineHandler(control, async ({ action, settings }, ctx) => {
      const definition = definitionOf(ctx.instance);
      const questions = liveSlots(definition.quiz).length;
      const next = await ctx.writer.run((tx) => {
        const live = liveOf(tx.db, ctx.instance.id);
        if (action === 'open') {
          const session = newSession(settings ?? definition.live ?? DEMO_LIVE_SETTINGS);
          const id = randomBytes(6).toString('hex');
          tx.db
            .prepare<[string, string, string, string, number]>(
              `INSERT INTO quiz_live (instance_id, session_id, seed, state, updated_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (instance_id) DO UPDATE SET session_id = excluded.session_id, seed = excluded.seed,
               state = excluded.state, updated_at = excluded.updated_at`,
            )
            .run(ctx.instance.id, id, randomBytes(16).toString('hex'), JSON.stringify(session), tx.now);
          bump(tx, ctx.instance.id);
          return { id, session };
        }
        if (!live) throw new BridgeError('bad_request', 'No live session: open one first.');
        const moved = move(live.session, action, tx.now, questions);
        if (!moved.ok) return live;
        tx.db
          .prepare<[string, number, string]>('UPDATE quiz_live SET state = ?, updated_at = ? WHERE instance_id = ?')
          .run(JSON.stringify(moved.session), tx.now, ctx.instance.id);
        bump(tx, ctx.instance.id);
        return { id: live.id, session: moved.session };
      });
      scheduleClose(ctx, next);
      return quizState(ctx);
    }),

    defineHandler(results, (_payload, ctx) => buildResults(ctx)),

    defineHandler(accommodations, async ({ set }, ctx) => {
      const { quiz } = definitionOf(ctx.instance);
      const refused = !set
        ? undefined
        : await ctx.writer.run((tx) => {
            // Ids are the host's opaque strings: only a trainee's id, written as this host writes it, is known.
            const userId = /^[1-9]\d{0,15}$/.test(set.user) ? Number(set.user) : NaN;
            const known = tx.db
              .prepare<[number], number>("SELECT 1 FROM users WHERE id = ? AND role = 'trainee'")
              .pluck()
              .get(userId);
            if (!known) return error('not_found', 'No such trainee in this course.');
            if (set.extraTimeSeconds === 0) {
              tx.db
                .prepare<[string, number]>('DELETE FROM quiz_extra_time WHERE instance_id = ? AND user_id = ?')
                .run(ctx.instance.id, userId);
            } else {
              tx.db
                .prepare<[string, number, number, number]>(
                  `INSERT INTO quiz_extra_time (instance_id, user_id, seconds, updated_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (instance_id, user_id) DO UPDATE SET seconds = excluded.seconds,
                   updated_at = excluded.updated_at`,
                )
                .run(ctx.instance.id, userId, set.extraTimeSeconds, tx.now);
            }
            // The attempt in progress: one already overdue is closed with what was saved in time (as a start
            // does); the others get their deadline moved, and the trainee's page refetches its state.
            let moved = false;
            for (const attempt of attemptsOf(tx.db, ctx.instance.id, userId, quiz)) {
              if (attempt.state.status !== 'inProgress') continue;
              const closed = closeIfOverdue(quiz, attempt.state, tx.now);
              const next =
                closed !== attempt.state ? closed : withExtraTime(quiz, attempt.state, set.extraTimeSeconds, tx.now);
              if (next === attempt.state) continue;
              saveAttempt(tx, attempt.row.id, quiz, next);
              if (next.status === 'finished') updateGrade(tx, ctx.instance.id, userId, quiz);
              moved = true;
            }
            if (moved) bump(tx, ctx.instance.id);
            return undefined;
          });
      return { ...(refused ? { error: refused } : {}), people: accommodationsOf(ctx.db, ctx.instance.id) };
    }),

    defineHandler(gradeEssay, async ({ attempt, position, mark, comment }, ctx) => {
      const { quiz } = definitionOf(ctx.instance);
      const refused = await ctx.writer.run((tx) => {
        const row = tx.db
          .prepare<[number, string], { id: number; user_id: number; state: string }>(
            'SELECT id, user_id, state FROM quiz_attempts WHERE id = ? AND instance_id = ?',
          )
          .get(attempt, ctx.instance.id);
        if (!row) return error('no_such_attempt', 'No such attempt.');
        const state = parseAttemptState(quiz, JSON.parse(row.state));
        const slot = state?.slots[position];
        if (!state || !slot) return error('no_such_slot', 'No such question.');
        const max = maxMarkOf(quiz, slot.index);
        if (mark > max) return error('out_of_range', `The mark is at most ${max}.`);
        const graded = gradeManually(quiz, state, position, max === 0 ? 0 : mark / max, comment?.trim() || undefined);
        if (!graded.ok) return error(graded.error.code, graded.error.message);
        saveAttempt(tx, row.id, quiz, graded.state);
        updateGrade(tx, ctx.instance.id, row.user_id, quiz);
        return undefined;
      });
      return { ...(refused ? { error: refused } : {}), results: buildResults(ctx) };
    }),
  ],
};
