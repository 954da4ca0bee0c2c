/**
 * A live, trainer-paced session: pure rules over plain data, run by the host's server (and ported to PHP).
 *
 * The session goes lobby → question 1 (open → closed → revealed) → question 2 … → ended. The trainer moves it on;
 * an open question with a timer closes by itself at its deadline: its phase is computed from the clock whenever
 * it is read (`phaseAt`), so a server restart in the middle of a question changes nothing.
 *
 * Scoring is fair by default: points are the fraction of the answer (1,000 for a right answer), whatever the
 * speed. With speed points on, a right answer earns between 500 and 1,000 points depending on how long the
 * trainee took, measured so that a slow connection does not count against them: from the moment the server sent
 * them the open question to the moment their answer arrived, or the time their own device measured if shorter
 * (a device may round down a little, never claim more than the server saw).
 */
import * as v from 'valibot';

import { LEADERBOARDS, type Leaderboard } from './names.js';

export { LEADERBOARDS, type Leaderboard } from './names.js';

export const LiveSettings = v.object({
  /** Seconds an open question stays open; absent: until the trainer closes it. */
  timerSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(600))),
  speedPoints: v.boolean(),
  /** `top5`: names of the five best; `progress`: each trainee sees only their own score and rank; `teams`. */
  leaderboard: v.picklist(LEADERBOARDS),
});
export type LiveSettings = v.InferOutput<typeof LiveSettings>;

export const DEFAULT_LIVE_SETTINGS: Readonly<LiveSettings> = Object.freeze({ speedPoints: false, leaderboard: 'off' });

export type SessionPhase = 'lobby' | 'question' | 'ended';
export type StepPhase = 'open' | 'closed' | 'revealed';

export interface LiveSession {
  phase: SessionPhase;
  /** The question shown, 0-based; -1 in the lobby. */
  step: number;
  /** As stored; `phaseAt` tells the phase at a given time. */
  stepPhase: StepPhase;
  openedAt: number | null;
  /** Deadline of the open question (ms since the epoch), when it has a timer. */
  closesAt: number | null;
  settings: LiveSettings;
}

export const CONTROL_ACTIONS = ['start', 'close', 'reveal', 'next', 'end'] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

export function newSession(settings: LiveSettings): LiveSession {
  return { phase: 'lobby', step: -1, stepPhase: 'open', openedAt: null, closesAt: null, settings };
}

/** The phase of the current question at `now`: an open question past its deadline is closed. */
export function phaseAt(session: LiveSession, now: number): StepPhase {
  if (session.stepPhase === 'open' && session.closesAt !== null && now >= session.closesAt) return 'closed';
  return session.stepPhase;
}

function open(session: LiveSession, step: number, now: number): LiveSession {
  const timer = session.settings.timerSeconds;
  return {
    ...session,
    phase: 'question',
    step,
    stepPhase: 'open',
    openedAt: now,
    closesAt: timer ? now + timer * 1000 : null,
  };
}

export type ControlResult = { ok: true; session: LiveSession } | { ok: false; code: 'not_now' };

/**
 * The trainer's move, from the session's state at `now`: `start` (lobby → first question), `close`, `reveal`
 * (closes too), `next` (the following question, or the end after the last), `end`. A move that makes no sense
 * now is refused (`not_now`), so that a double click moves the session once.
 */
export function control(session: LiveSession, action: ControlAction, now: number, questions: number): ControlResult {
  const phase = phaseAt(session, now);
  const refuse = { ok: false, code: 'not_now' } as const;
  switch (action) {
    case 'start':
      if (session.phase !== 'lobby' || questions === 0) return refuse;
      return { ok: true, session: open(session, 0, now) };
    case 'close':
      if (session.phase !== 'question' || phase !== 'open') return refuse;
      return { ok: true, session: { ...session, stepPhase: 'closed', closesAt: null } };
    case 'reveal':
      if (session.phase !== 'question' || phase === 'revealed') return refuse;
      return { ok: true, session: { ...session, stepPhase: 'revealed', closesAt: null } };
    case 'next':
      if (session.phase !== 'question' || phase === 'open') return refuse;
      if (session.step + 1 >= questions) return { ok: true, session: { ...session, phase: 'ended' } };
      return { ok: true, session: open(session, session.step + 1, now) };
    case 'end':
      if (session.phase === 'ended') return refuse;
      return { ok: true, session: { ...session, phase: 'ended', closesAt: null } };
  }
}

/** Whether an answer to `step` arriving at `now` is taken. */
export function acceptsAnswer(session: LiveSession, step: number, now: number): boolean {
  return session.phase === 'question' && session.step === step && phaseAt(session, now) === 'open';
}

/**
 * The time a trainee took to answer, as fairly as can be known: from when the server sent them the open
 * question to when their answer arrived, or what their device measured if that is shorter (their own display
 * delay excluded), never negative.
 */
export function fairElapsed(servedAt: number, receivedAt: number, clientElapsedMs?: number): number {
  const seen = Math.max(0, receivedAt - servedAt);
  if (clientElapsedMs === undefined || !Number.isFinite(clientElapsedMs)) return seen;
  return Math.max(0, Math.min(seen, clientElapsedMs));
}

/** Without a timer, speed counts over this window. */
const SPEED_WINDOW_MS = 30_000;

/**
 * Points for an answer of `fraction` (0..1, negative counts 0): 1,000 × fraction; with speed points, from 50 % of
 * that for an answer at the end of the window (the timer, or 30 s) to 100 % for an instant one.
 */
export function points(fraction: number, elapsedMs: number, settings: LiveSettings): number {
  const base = 1000 * Math.max(0, Math.min(1, fraction));
  if (!settings.speedPoints || base === 0) return Math.round(base);
  const window = (settings.timerSeconds ?? SPEED_WINDOW_MS / 1000) * 1000;
  const share = Math.min(1, Math.max(0, elapsedMs) / window);
  return Math.round(base * (1 - share / 2));
}

export const TEAM_NAMES = ['A', 'B', 'C', 'D'] as const;

/** Teams in the order people joined, one after another: teams of even size whatever the room. */
export function teamOf(joinIndex: number): (typeof TEAM_NAMES)[number] {
  return TEAM_NAMES[joinIndex % TEAM_NAMES.length]!;
}

export interface Score {
  userId: string;
  name: string;
  points: number;
  team: string;
}

export type LeaderboardView =
  | { kind: 'top5'; rows: { rank: number; name: string; points: number }[] }
  | { kind: 'progress'; me: { points: number; rank: number; of: number } | null }
  | { kind: 'teams'; rows: { rank: number; team: string; points: number; members: number }[]; myTeam: string | null };

/** Competition ranking (1, 2, 2, 4) by points; ties keep the given order for display. */
function ranked<T extends { points: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.points - a.points);
  return sorted.map((row) => ({ ...row, rank: sorted.findIndex((other) => other.points === row.points) + 1 }));
}

/**
 * What a user may see of the scores: nothing, the five best by name, their own rank only, or the teams (average
 * points per member, so that a bigger team has no edge). Trainers see the same as the room (it is projected).
 */
export function leaderboard(kind: Leaderboard, scores: readonly Score[], me: string | null): LeaderboardView | null {
  switch (kind) {
    case 'off':
      return null;
    case 'top5':
      return {
        kind,
        rows: ranked(scores)
          .slice(0, 5)
          .map(({ rank, name, points }) => ({ rank, name, points })),
      };
    case 'progress': {
      const row = ranked(scores).find((score) => score.userId === me);
      return { kind, me: row ? { points: row.points, rank: row.rank, of: scores.length } : null };
    }
    case 'teams': {
      const teams = new Map<string, { total: number; members: number }>();
      for (const score of scores) {
        const team = teams.get(score.team) ?? { total: 0, members: 0 };
        team.total += score.points;
        team.members++;
        teams.set(score.team, team);
      }
      const rows = ranked(
        [...teams.entries()].map(([team, { total, members }]) => ({
          team,
          members,
          points: Math.round(total / members),
        })),
      ).map(({ rank, team, points, members }) => ({ rank, team, points, members }));
      return { kind, rows, myTeam: scores.find((score) => score.userId === me)?.team ?? null };
    }
  }
}
