/**
 * The shared live-session vectors (test/vectors/quiz-live.json): the session's moves and phases, points, fair timing,
 * teams, leaderboards, settings, and the live views (order drawn from the seed, what phones see in each phase, the
 * results of the reveal). The PHP port (moodle-plugin-stubs/mod_magquiz/classes/local/live.php and view.php) passes
 * them too: moodle-plugin-stubs/tests-pure/QuizLiveTest.php.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  LiveSettings,
  acceptsAnswer,
  control,
  fairElapsed,
  leaderboard,
  newSession,
  phaseAt,
  points,
  teamOf,
  type ControlAction,
  type Leaderboard,
  type LiveSession,
  type Score,
} from '../src/live.js';
import type { Question } from '../src/model.js';
import type { Response } from '../src/response.js';
import { liveOrder, liveQuestionView, liveResults, type LiveOrder } from '../src/view.js';

interface Probe {
  at: number;
  phase: string;
  accepts: boolean[];
}

interface LiveFile {
  sessionCases: {
    name: string;
    settings: LiveSettings;
    questions: number;
    steps: { action: ControlAction; at: number; expected: { ok: boolean; session?: LiveSession; probes: Probe[] } }[];
  }[];
  pointsCases: { fraction: number; elapsedMs: number; settings: LiveSettings; expected: number }[];
  fairElapsedCases: { servedAt: number; receivedAt: number; clientElapsedMs?: number; expected: number }[];
  teamCases: { joinIndex: number; expected: string }[];
  leaderboardCases: { kind: Leaderboard; scores: Score[]; me: string | null; expected: unknown }[];
  settingsCases: { input: unknown; expected: unknown }[];
  viewCases: {
    name: string;
    question: Question;
    seed?: string;
    order?: LiveOrder;
    phase?: 'open' | 'closed' | 'revealed';
    responses: Response[];
    expected: { order?: LiveOrder; view?: unknown; results?: unknown };
  }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/quiz-live.json', import.meta.url), 'utf8'),
) as LiveFile;

describe('live vectors', () => {
  it('cover every move, setting and question type', () => {
    const actions = new Set(vectors.sessionCases.flatMap((c) => c.steps.map((s) => s.action)));
    expect(actions).toEqual(new Set(['start', 'close', 'reveal', 'next', 'end']));
    const types = new Set(vectors.viewCases.map((c) => c.question.type));
    expect(types.size).toBe(9);
    expect(new Set(vectors.leaderboardCases.map((c) => c.kind))).toEqual(new Set(['off', 'top5', 'progress', 'teams']));
  });

  it.each(vectors.sessionCases.map((c) => [c.name, c] as const))('session: %s', (_name, c) => {
    let session = newSession(c.settings);
    for (const step of c.steps) {
      const result = control(session, step.action, step.at, c.questions);
      expect(result.ok).toBe(step.expected.ok);
      if (result.ok) {
        expect(result.session).toEqual(step.expected.session);
        session = result.session;
      }
      for (const probe of step.expected.probes) {
        expect(phaseAt(session, probe.at)).toBe(probe.phase);
        expect([-1, 0, 1, 2].map((s) => acceptsAnswer(session, s, probe.at))).toEqual(probe.accepts);
      }
    }
  });

  it('points, fair timing and teams', () => {
    for (const c of vectors.pointsCases) expect(points(c.fraction, c.elapsedMs, c.settings)).toBe(c.expected);
    for (const c of vectors.fairElapsedCases) {
      expect(fairElapsed(c.servedAt, c.receivedAt, c.clientElapsedMs)).toBe(c.expected);
    }
    for (const c of vectors.teamCases) expect(teamOf(c.joinIndex)).toBe(c.expected);
    // Anchors checked by hand: fair by default, half the points at the end of the window with speed on.
    expect(points(1, 25_000, { speedPoints: false, leaderboard: 'off' })).toBe(1000);
    expect(points(1, 10_000, { speedPoints: true, leaderboard: 'off', timerSeconds: 20 })).toBe(750);
  });

  it('leaderboards and settings', () => {
    for (const c of vectors.leaderboardCases) expect(leaderboard(c.kind, c.scores, c.me)).toEqual(c.expected);
    for (const c of vectors.settingsCases) {
      const parsed = v.safeParse(LiveSettings, c.input);
      expect(parsed.success ? parsed.output : null).toEqual(c.expected);
    }
  });

  it.each(vectors.viewCases.map((c) => [c.name, c] as const))('view: %s', (_name, c) => {
    if (c.seed !== undefined) {
      const order = liveOrder(c.question, c.seed);
      expect(order).toEqual(c.expected.order);
      expect(liveQuestionView(c.question, order, c.phase!, c.responses)).toEqual(c.expected.view);
    } else {
      expect(liveResults(c.question, c.order ?? {}, c.responses)).toEqual(c.expected.results);
    }
  });

  it('never show a key, a weight or feedback before the reveal', () => {
    for (const c of vectors.viewCases.filter((c) => c.phase !== undefined && c.phase !== 'revealed')) {
      const text = JSON.stringify(c.expected.view);
      expect(text).not.toContain('SECRET');
      expect(text).not.toMatch(/"(results|rightAnswer|fraction|right|feedback|generalFeedback)"/);
    }
  });
});
