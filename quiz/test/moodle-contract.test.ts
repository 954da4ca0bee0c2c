/**
 * The Moodle plugin's answers against the bridge's schemas: every scenario of
 * moodle-plugin-stubs/tests-pure/support/quiz_scenarios.php (self-paced attempts in each behaviour, hostile actions, a
 * live session through every question type with a timer that closes a question by itself, the leaderboards, the
 * trainer's results, essays graded by hand), built by mod_magquiz's pure PHP classes and cleaned by each web service's real
 * `execute_returns()` structure as Moodle does before it sends them, written by
 * `php moodle-plugin-stubs/tools/quiz-states.php`.
 *
 * Each answer must pass its valibot schema exactly (nothing the schema would strip, no null where a key is optional);
 * the trainer-only part must pass its own schema; a trainee's answer must hold no secret of the bank (every secret is
 * marked) before the behaviour or the reveal allows it; and what a trainee sees of an attempt or a live question must
 * be what the TypeScript logic (traineeView, liveOrder, liveQuestionView) builds from the same data; an essay graded by
 * hand must leave the attempt as gradeManually leaves it.
 *
 * Needs php-cli with intl and mbstring (Debian packages that `npm test` installs).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { closeIfOverdue, gradeManually, liveOrder, liveQuestionView, traineeView } from '../src/index.js';
import type { AttemptState, Question, Quiz, Response } from '../src/index.js';
import { QuizState, act, answer } from '../src/protocol.js';
import { Results, TrainerPart, accommodations, gradeEssay } from '../src/trainer-protocol.js';

interface Scenario {
  name: string;
  function:
    | 'get_state'
    | 'start'
    | 'act'
    | 'live_join'
    | 'live_answer'
    | 'live_control'
    | 'results'
    | 'grade_essay'
    | 'accommodations';
  role: 'trainer' | 'trainee';
  value: Record<string, unknown>;
  secrets: boolean;
  check: {
    attempt?: { quiz: Quiz; state: AttemptState; now: number };
    live?: { question: Question; seed: string; phase: 'open' | 'closed' | 'revealed'; responses: Response[] };
    versionAbove?: number;
    extra?: { timeLimitSeconds: number; extraTimeSeconds: number };
    grade?: {
      quiz: Quiz;
      attempt: number;
      before: AttemptState;
      position: number;
      fraction: number;
      comment: string | null;
      after: AttemptState;
    };
  };
}

const SCRIPT = fileURLToPath(new URL('../../moodle-plugin-stubs/tools/quiz-states.php', import.meta.url));

function load(): { secret: string; names: string[]; scenarios: Scenario[] } {
  const run = spawnSync('php', [SCRIPT], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`php-cli is needed to run ${SCRIPT}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${SCRIPT} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as { secret: string; names: string[]; scenarios: Scenario[] };
}

const { secret, names, scenarios } = load();

const SCHEMAS: Record<Scenario['function'], v.GenericSchema> = {
  get_state: QuizState,
  start: QuizState,
  act: act.result,
  live_join: QuizState,
  live_answer: answer.result,
  live_control: QuizState,
  results: Results,
  grade_essay: gradeEssay.result,
  accommodations: accommodations.result,
};

const stateOf = (scenario: Scenario): v.InferOutput<typeof QuizState> | undefined =>
  scenario.function === 'results' || scenario.function === 'grade_essay' || scenario.function === 'accommodations'
    ? undefined
    : ((scenario.function === 'act' || scenario.function === 'live_answer'
        ? scenario.value['state']
        : scenario.value) as v.InferOutput<typeof QuizState>);

/** Keys that would give the key away, anywhere in a value. */
function keysIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysIn(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.add(key);
      keysIn(item, out);
    }
  }
  return out;
}

/**
 * An empty structure travels as `[]` (PHP's json_encode of an empty array), which the schemas and the element read as
 * `{}`: empty lists and empty objects compare alike, everything else exactly.
 */
function asSent(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? 'empty' : value.map(asSent);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? 'empty' : Object.fromEntries(entries.map(([key, item]) => [key, asSent(item)]));
  }
  return value;
}

describe('mod_magquiz answers, as Moodle sends them', () => {
  it('cover every function, both roles, every question type live, and every leaderboard', () => {
    expect(new Set(scenarios.map((s) => s.function))).toEqual(new Set(Object.keys(SCHEMAS)));
    expect(new Set(scenarios.map((s) => s.role))).toEqual(new Set(['trainer', 'trainee']));
    const live = scenarios.flatMap((s) => (s.check.live ? [s.check.live.question.type] : []));
    expect(new Set(live).size).toBe(8);
    const boards = scenarios.flatMap((s) => {
      const board = stateOf(s)?.live?.leaderboard;
      return board ? [board.kind] : [];
    });
    expect(new Set(boards)).toEqual(new Set(['top5', 'progress', 'teams']));
    expect(scenarios.some((s) => s.check.versionAbove !== undefined)).toBe(true);
  });

  it('send the essays to grade, waiting and graded, and refuse a bad grade with its code', () => {
    const essays = scenarios.flatMap((s) => {
      const results = s.function === 'results' ? s.value : s.function === 'grade_essay' ? s.value['results'] : null;
      return (results as Results | null)?.essays ?? [];
    });
    expect(essays.some((e) => e.mark === null && e.comment === undefined)).toBe(true);
    expect(essays.some((e) => e.mark !== null && e.comment !== undefined)).toBe(true);
    expect(essays.some((e) => e.mark !== null && e.comment === undefined)).toBe(true);
    const codes = scenarios.flatMap((s) =>
      s.function === 'grade_essay' ? [(s.value['error'] as { code: string } | undefined)?.code ?? 'graded'] : [],
    );
    expect(new Set(codes)).toEqual(
      new Set(['graded', 'out_of_range', 'not_allowed', 'no_such_attempt', 'no_such_slot']),
    );
    expect(scenarios.filter((s) => s.check.grade).length).toBeGreaterThanOrEqual(2);
  });

  it('list who may attempt with their extra time, refuse an unknown trainee, and move a running deadline', () => {
    const answers = scenarios.filter((s) => s.function === 'accommodations');
    const people = answers.map((s) => s.value['people'] as { user: string; extraTimeSeconds: number }[]);
    expect(people.some((list) => list.some((p) => p.extraTimeSeconds > 0))).toBe(true);
    expect(people.every((list) => list.length > 0 && !list.some((p) => p.user === '1'))).toBe(true);
    const codes = answers.map((s) => (s.value['error'] as { code: string } | undefined)?.code ?? 'ok');
    expect(new Set(codes)).toEqual(new Set(['ok', 'not_found']));
    const extended = scenarios.filter((s) => s.check.extra && s.check.attempt);
    expect(extended.length).toBeGreaterThan(0);
    for (const s of extended) {
      const { state, now } = s.check.attempt!;
      const { timeLimitSeconds, extraTimeSeconds } = s.check.extra!;
      expect(state.deadline! - state.startedAt).toBe((timeLimitSeconds + extraTimeSeconds) * 1000);
      // Past the time limit alone, the attempt is still open: closeIfOverdue leaves it as it is.
      expect(now - state.startedAt).toBeGreaterThan(timeLimitSeconds * 1000);
      expect(closeIfOverdue(s.check.attempt!.quiz, state, now)).toEqual(state);
      expect(state.status).toBe('inProgress');
    }
  });

  it('count no points of the question on screen before its reveal (points say who was right)', () => {
    const first = scenarios.flatMap((s) => {
      const live = stateOf(s)?.live;
      return live?.step && live.step.index === 0 && live.step.question.phase !== 'revealed' ? [{ s, live }] : [];
    });
    // Some of them after answers, with a leaderboard: otherwise this would prove nothing.
    expect(first.some(({ live }) => live.step!.mine.answered && live.leaderboard)).toBe(true);
    for (const { s, live } of first) {
      expect(live.me.points, s.name).toBe(0);
      const board = live.leaderboard;
      const points =
        board?.kind === 'progress' ? [board.me?.points ?? 0] : board ? board.rows.map((row) => row.points) : [];
      expect(
        points.every((p) => p === 0),
        s.name,
      ).toBe(true);
    }
  });

  describe.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    it('passes its schema exactly', () => {
      const parsed = v.safeParse(SCHEMAS[scenario.function], scenario.value);
      expect(parsed.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`) ?? []).toEqual([]);
      // Unknown keys would be stripped by the schema: the parsed value is the value itself (an empty structure,
      // sent as [], aside).
      expect(asSent(parsed.output)).toEqual(asSent(scenario.value));
      const trainer = stateOf(scenario)?.trainer;
      if (scenario.role === 'trainer' && stateOf(scenario)) {
        expect(v.safeParse(TrainerPart, trainer).success, 'the trainer part passes its own schema').toBe(true);
      } else {
        expect(trainer).toBeUndefined();
      }
    });

    if (scenario.role === 'trainee' && !scenario.secrets) {
      it('holds no secret of the bank, no key, nobody else (but the five best the trainer chose to show)', () => {
        const json = JSON.stringify(scenario.value);
        expect(json).not.toContain(secret);
        const withoutBoard = JSON.stringify(scenario.value, (key, value: unknown) =>
          key === 'leaderboard' && (value as { kind?: string } | null)?.kind === 'top5' ? undefined : value,
        );
        for (const name of names) expect(withoutBoard).not.toContain(name);
        const keys = keysIn(scenario.value);
        for (const key of [
          'rightAnswer',
          'results',
          'fraction',
          'general',
          'specific',
          'generalFeedback',
          'graderInfo',
        ]) {
          expect(keys.has(key), key).toBe(false);
        }
      });
    }

    const { attempt, live, versionAbove } = scenario.check;
    const state = stateOf(scenario);
    if (attempt && state) {
      it('shows the attempt as traineeView builds it', () => {
        const expected = traineeView(
          attempt.quiz,
          closeIfOverdue(attempt.quiz, attempt.state, attempt.now),
          attempt.now,
        );
        expect(asSent(state.selfPaced.attempt)).toEqual(asSent(JSON.parse(JSON.stringify(expected))));
      });
    }
    if (live && state) {
      it('shows the live question as liveQuestionView builds it', () => {
        const order = liveOrder(live.question, live.seed);
        const expected = liveQuestionView(
          live.question,
          order,
          live.phase,
          live.phase === 'revealed' ? live.responses : [],
        );
        expected.responses = live.responses.length;
        expect(state.live?.step?.question).toEqual(JSON.parse(JSON.stringify(expected)));
        if (live.phase !== 'revealed') expect(JSON.stringify(state.live?.step)).not.toContain(secret);
      });
    }
    const { grade } = scenario.check;
    if (grade) {
      it('grades the essay as gradeManually does, and sends it back with its mark', () => {
        const expected = gradeManually(
          grade.quiz,
          grade.before,
          grade.position,
          grade.fraction,
          grade.comment?.trim() || undefined,
        );
        expect(expected.ok).toBe(true);
        if (expected.ok) expect(asSent(grade.after)).toEqual(asSent(JSON.parse(JSON.stringify(expected.state))));
        const essay = (scenario.value['results'] as Results).essays?.find(
          (e) => e.attempt === grade.attempt && e.position === grade.position,
        );
        expect(essay?.mark).toBeCloseTo(grade.fraction * essay!.maxMark, 9);
        expect(essay?.comment).toBe(grade.comment?.trim() || undefined);
      });
    }
    if (versionAbove !== undefined && state) {
      it('moves the version on when the timer closes the question', () => {
        expect(state.version).toBeGreaterThan(versionAbove);
        expect(state.live?.step?.question.phase).toBe('closed');
        expect(state.live?.step?.timeLeftMs).toBeNull();
      });
    }
  });
});
