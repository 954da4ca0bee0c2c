/**
 * The Moodle plugin's answers against the bridge's schemas: every scenario of
 * moodle-plugin-stubs/tests-pure/support/wordcloud_scenarios.php, built by mod_magwordcloud's pure PHP classes and
 * cleaned by each web service's real `execute_returns()` structure (as Moodle does before it sends them), written
 * by `php moodle-plugin-stubs/tools/wordcloud-states.php`. Each must pass its valibot schema exactly (nothing the
 * schema would strip, no null where a key is optional), a trainee must never get a name, settings or moderation,
 * and the cloud and the merge suggestions must be what the TypeScript logic counts from the same entries.
 *
 * Needs php-cli with intl and mbstring (Debian packages that `npm test` installs).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate.js';
import type { AggregateOptions } from '../src/aggregate.js';
import { WordcloudState, submit, withdraw } from '../src/protocol.js';
import { suggestMerges } from '../src/suggest.js';
import { exportData, trainerParts } from '../src/trainer-protocol.js';

interface Scenario {
  name: string;
  function: 'get_state' | 'submit' | 'withdraw' | 'export';
  role: 'trainer' | 'trainee';
  value: Record<string, unknown>;
  counted?: { entries: { user: string; text: string }[]; options: AggregateOptions };
}

const SCRIPT = fileURLToPath(new URL('../../moodle-plugin-stubs/tools/wordcloud-states.php', import.meta.url));

function load(): { names: string[]; scenarios: Scenario[] } {
  const run = spawnSync('php', [SCRIPT], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`php-cli is needed to run ${SCRIPT}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${SCRIPT} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as { names: string[]; scenarios: Scenario[] };
}

const { names, scenarios } = load();

const SCHEMAS: Record<Scenario['function'], v.GenericSchema> = {
  get_state: WordcloudState,
  submit: submit.result,
  withdraw: withdraw.result,
  export: exportData.result,
};

describe('mod_magwordcloud answers, as Moodle sends them', () => {
  it('covers every function and both roles', () => {
    expect(new Set(scenarios.map((s) => s.function))).toEqual(new Set(Object.keys(SCHEMAS)));
    expect(new Set(scenarios.filter((s) => s.function === 'get_state').map((s) => s.role))).toEqual(
      new Set(['trainer', 'trainee']),
    );
    expect(scenarios.some((s) => s.function === 'get_state' && s.value['cloud'] === null)).toBe(true);
  });

  describe.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    it('passes its schema exactly', () => {
      const parsed = v.safeParse(SCHEMAS[scenario.function], scenario.value);
      expect(parsed.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`) ?? []).toEqual([]);
      // Unknown keys would be stripped by the schema: the parsed value is the value itself.
      expect(parsed.output).toEqual(scenario.value);
    });

    if (scenario.function === 'get_state') {
      const state = scenario.value as v.InferOutput<typeof WordcloudState>;

      it(
        scenario.role === 'trainee' ? 'holds no name, settings or moderation' : 'holds settings and moderation',
        () => {
          const json = JSON.stringify(state);
          if (scenario.role === 'trainee') {
            expect(state).not.toHaveProperty('settings');
            expect(state).not.toHaveProperty('moderation');
            for (const name of names) expect(json).not.toContain(name);
            expect(json).not.toContain('author');
            expect(json).not.toContain('Personne ');
          } else {
            expect(state.settings).toBeDefined();
            expect(state.moderation).toBeDefined();
          }
        },
      );

      it('has the cloud the TypeScript logic counts from the same entries', () => {
        const counted = scenario.counted!;
        const full = aggregate(counted.entries, counted.options);
        if (state.cloud !== null) {
          expect(state.cloud.words).toEqual(full.words.slice(0, 500));
          expect(state.cloud.hiddenCount).toBe(full.hiddenCount);
        } else {
          expect(scenario.role).toBe('trainee');
        }
        expect(state.participants).toBe(new Set(counted.entries.map((entry) => entry.user)).size);
        // The trainer-only parts travel unchecked in every client's schema: check them with their own.
        const parts = state.moderation === undefined ? null : trainerParts(state);
        if (scenario.role === 'trainer') expect(parts, 'settings and moderation pass their schemas').not.toBeNull();
        if (parts) {
          expect(parts.moderation.suggestions).toEqual(
            suggestMerges(full.words.slice(0, 500).map((word) => word.text)).slice(0, 500),
          );
        }
      });
    }
  });
});
