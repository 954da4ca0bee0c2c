import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIVE_SETTINGS,
  acceptsAnswer,
  control,
  fairElapsed,
  leaderboard,
  newSession,
  phaseAt,
  points,
  teamOf,
  type LiveSession,
} from '../src/live.js';

const step = (session: LiveSession, action: Parameters<typeof control>[1], now: number, questions = 2) => {
  const result = control(session, action, now, questions);
  if (!result.ok) throw new Error(`refused: ${action}`);
  return result.session;
};

describe('live session', () => {
  it('goes lobby → open → closed → revealed → next → … → ended, and refuses moves out of turn', () => {
    let session = newSession({ ...DEFAULT_LIVE_SETTINGS });
    expect(control(session, 'next', 0, 2)).toEqual({ ok: false, code: 'not_now' });
    session = step(session, 'start', 1_000);
    expect(session).toMatchObject({ phase: 'question', step: 0, stepPhase: 'open', openedAt: 1_000, closesAt: null });
    expect(control(session, 'next', 2_000, 2).ok).toBe(false);
    expect(control(session, 'start', 2_000, 2).ok).toBe(false);
    session = step(session, 'close', 2_000);
    expect(control(session, 'close', 2_100, 2).ok).toBe(false);
    session = step(session, 'reveal', 3_000);
    session = step(session, 'next', 4_000);
    expect(session).toMatchObject({ step: 1, stepPhase: 'open', openedAt: 4_000 });
    session = step(session, 'reveal', 5_000);
    session = step(session, 'next', 6_000);
    expect(session.phase).toBe('ended');
    expect(control(session, 'end', 7_000, 2).ok).toBe(false);
  });

  it('closes a timed question by itself at its deadline, with no request in between', () => {
    const session = step(newSession({ ...DEFAULT_LIVE_SETTINGS, timerSeconds: 20 }), 'start', 10_000);
    expect(session.closesAt).toBe(30_000);
    expect(phaseAt(session, 29_999)).toBe('open');
    expect(acceptsAnswer(session, 0, 29_999)).toBe(true);
    expect(phaseAt(session, 30_000)).toBe('closed');
    expect(acceptsAnswer(session, 0, 30_000)).toBe(false);
    expect(acceptsAnswer(session, 1, 20_000)).toBe(false);
    // Past its deadline, the question may be revealed at once.
    expect(step(session, 'reveal', 31_000).stepPhase).toBe('revealed');
  });

  it('scores fairly: no speed by default, and speed measured from when the server sent the question', () => {
    const fair = { ...DEFAULT_LIVE_SETTINGS };
    expect(points(1, 100, fair)).toBe(1000);
    expect(points(1, 25_000, fair)).toBe(1000);
    expect(points(0.5, 0, fair)).toBe(500);
    expect(points(-0.5, 0, fair)).toBe(0);
    const speed = { ...DEFAULT_LIVE_SETTINGS, speedPoints: true, timerSeconds: 20 };
    expect(points(1, 0, speed)).toBe(1000);
    expect(points(1, 10_000, speed)).toBe(750);
    expect(points(1, 60_000, speed)).toBe(500);
    expect(points(0, 0, speed)).toBe(0);
    // A trainee whose connection took 3 s to bring the question is not charged for those 3 s.
    expect(fairElapsed(13_000, 15_000)).toBe(2_000);
    // Their device may say shorter (its display time excluded), never longer than the server saw.
    expect(fairElapsed(13_000, 15_000, 1_500)).toBe(1_500);
    expect(fairElapsed(13_000, 15_000, 9_000)).toBe(2_000);
    expect(fairElapsed(13_000, 15_000, -5)).toBe(0);
    expect(fairElapsed(13_000, 15_000, Number.NaN)).toBe(2_000);
  });

  it('shows the five best, one’s own rank, or teams by average', () => {
    const scores = [
      { userId: '1', name: 'Lucas', points: 3000, team: 'A' },
      { userId: '2', name: 'Emma', points: 2000, team: 'B' },
      { userId: '3', name: 'Hugo', points: 2000, team: 'A' },
      { userId: '4', name: 'Léa', points: 1000, team: 'B' },
      { userId: '5', name: 'Louis', points: 500, team: 'C' },
      { userId: '6', name: 'Chloé', points: 0, team: 'C' },
    ];
    expect(leaderboard('off', scores, '1')).toBeNull();
    const top = leaderboard('top5', scores, '1');
    expect(top).toEqual({
      kind: 'top5',
      rows: [
        { rank: 1, name: 'Lucas', points: 3000 },
        { rank: 2, name: 'Emma', points: 2000 },
        { rank: 2, name: 'Hugo', points: 2000 },
        { rank: 4, name: 'Léa', points: 1000 },
        { rank: 5, name: 'Louis', points: 500 },
      ],
    });
    const progress = leaderboard('progress', scores, '4');
    expect(progress).toEqual({ kind: 'progress', me: { points: 1000, rank: 4, of: 6 } });
    expect(JSON.stringify(progress)).not.toContain('Lucas');
    expect(leaderboard('teams', scores, '5')).toEqual({
      kind: 'teams',
      rows: [
        { rank: 1, team: 'A', points: 2500, members: 2 },
        { rank: 2, team: 'B', points: 1500, members: 2 },
        { rank: 3, team: 'C', points: 250, members: 2 },
      ],
      myTeam: 'C',
    });
    expect([0, 1, 2, 3, 4].map(teamOf)).toEqual(['A', 'B', 'C', 'D', 'A']);
  });
});
