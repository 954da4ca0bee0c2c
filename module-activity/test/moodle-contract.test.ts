/**
 * mod_magmodule's answers against the elements' schemas: every scenario of `moodle-plugin-stubs/tools/module-states.php`,
 * built by the plugin's pure PHP classes from the real sample catalog (built here by `buildCatalog`, read from disk by
 * the PHP catalog client), wrapped and cleaned by the web service's real `execute_returns()` structure as Moodle sends
 * it, and parsed as local_magactivities' host module parses `{json}`. Each must pass its valibot schema exactly
 * (nothing the schema would strip), a trainee must never get trainers' fields, and the search, the items and the
 * figures must be what the TypeScript logic gives on the same catalog and records.
 *
 * Needs php-cli with intl and mbstring (Debian packages that `npm test` installs).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/build.js';
import type { CatalogIndex, ModulePackage } from '../src/catalog/schema.js';
import { createSearchIndex } from '../src/catalog/search.js';
import { toPlayable } from '../src/module/player-items.js';
import {
  item,
  loadH5PState,
  play,
  progress as progressRequest,
  saveH5PState,
  xapi,
} from '../src/module/player-protocol.js';
import { stepFigures, type ItemRecord } from '../src/module/progress.js';
import { getState as moduleState } from '../src/module/protocol.js';
import { add, preview, report, search, update } from '../src/module/trainer-protocol.js';
import { catalogChoices, getState as programmeState, save } from '../src/programme/protocol.js';
import { tempDir } from './source-helpers.js';

interface Scenario {
  name: string;
  subject: string;
  role: 'trainer' | 'trainee';
  json: string;
}

interface Output {
  scenarios: Scenario[];
  figures: {
    records: Record<string, ItemRecord & { bestscaled: number | null }>;
    items: { id: string; kind: ModulePackage['items'][number]['kind'] }[];
    step: unknown;
  };
}

const SCRIPT = fileURLToPath(new URL('../../moodle-plugin-stubs/tools/module-states.php', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../catalog-sample', import.meta.url));
const BASE = 'https://catalogue.test/sample/';

const SCHEMAS: Record<string, v.GenericSchema> = {
  'programme.state': programmeState.result,
  'programme.save': save.result,
  'programme.catalog': catalogChoices.result,
  'module.state': moduleState.result,
  'module.catalog_search': search.result,
  'module.catalog_preview': preview.result,
  'module.add': add.result,
  'module.update': update.result,
  'module.report': report.result,
  'module.play': play.result,
  'module.item': item.result,
  'module.progress': progressRequest.result,
  'module.xapi': xapi.result,
  'module.h5p_save': saveH5PState.result,
  'module.h5p_load': loadH5PState.result,
};

const built = tempDir('mag-moodle-contract-');
let output: Output;
let index: CatalogIndex;

beforeAll(async () => {
  await buildCatalog(SAMPLE, built.dir);
  index = JSON.parse(readFileSync(join(built.dir, 'index.json'), 'utf8')) as CatalogIndex;
  const run = spawnSync('php', [SCRIPT, built.dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`php-cli is needed to run ${SCRIPT}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${SCRIPT} failed (${run.status}): ${run.stderr}`);
  output = JSON.parse(run.stdout) as Output;
}, 60_000);

afterAll(() => built.remove());

const answers = (subject?: string) =>
  output.scenarios
    .filter((s) => subject === undefined || s.subject === subject)
    .map((s) => ({ ...s, value: JSON.parse(s.json) as Record<string, unknown> }));

describe('mod_magmodule answers, as Moodle sends them', () => {
  it('covers every subject of <mag-programme> and <mag-module>', () => {
    expect(new Set(output.scenarios.map((s) => s.subject))).toEqual(new Set(Object.keys(SCHEMAS)));
  });

  it('passes each subject’s schema exactly', () => {
    for (const scenario of answers()) {
      const parsed = v.safeParse(SCHEMAS[scenario.subject]!, scenario.value);
      expect(
        parsed.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`) ?? [],
        scenario.name,
      ).toEqual([]);
      // Unknown keys would be stripped by the schema: the parsed value is the value itself.
      expect(parsed.output, scenario.name).toEqual(scenario.value);
    }
  });

  it('gives trainees their own progress and never trainers’ fields', () => {
    for (const { value, role, name } of answers('module.state')) {
      for (const step of value['steps'] as Record<string, unknown>[]) {
        if (role === 'trainee') {
          expect(step, name).toHaveProperty('progress');
          expect(step, name).not.toHaveProperty('update');
          expect(step, name).not.toHaveProperty('problem');
        } else {
          expect(step, name).not.toHaveProperty('progress');
        }
      }
    }
    const trainer = answers('module.state').find((s) => s.role === 'trainer' && s.name.includes('update'))!;
    const steps = trainer.value['steps'] as { stepId: string; update?: { version: string }; problem?: unknown }[];
    expect(steps.find((s) => s.stepId === 'm-numerique')?.update?.version).toBe('1.1.0');
    expect(steps.find((s) => s.stepId === 'm-gone')?.problem).toEqual({
      code: 'not_allowed',
      url: 'https://ailleurs.example/c/',
    });
    const programme = answers('programme.state').find((s) => s.role === 'trainer')!;
    expect(programme.json).toContain('"progress":{}');
  });

  it('finds what the TypeScript search finds on the same catalog', () => {
    const searchIndex = createSearchIndex(index.modules);
    const cases: [string, Parameters<typeof searchIndex.search>[0]][] = [
      ['catalog search, words', { text: 'numerique' }],
      ['catalog search, ranked', { text: 'Élèves' }],
      ['catalog search, ranked by field', { text: 'avec' }],
      ['catalog search, a prefix', { text: 'évalu' }],
      ['catalog search, facets and page 2', { filters: { public: ['primary', 'secondary'] }, sort: 'recent', page: 2 }],
      ['catalog search, nothing found', { text: 'zzz' }],
    ];
    for (const [name, query] of cases) {
      const php = answers('module.catalog_search').find((s) => s.name === name)!.value as {
        total: number;
        page: number;
        hits: { id: string }[];
        facets: unknown;
      };
      const ts = searchIndex.search({ ...query, pageSize: 12 });
      expect({ total: php.total, page: php.page }, name).toEqual({ total: ts.total, page: ts.page });
      expect(
        php.hits.map((hit) => hit.id),
        name,
      ).toEqual(ts.hits.map((hit) => hit.entry.id));
      expect(php.facets, name).toEqual(ts.facets);
    }
  });

  it('sends the items the TypeScript player expects, addresses made absolute', () => {
    const pkg = JSON.parse(
      readFileSync(join(built.dir, 'modules/differencier-numerique/1.0.0/module.json'), 'utf8'),
    ) as ModulePackage;
    const context = {
      packageUrl: `${BASE}modules/differencier-numerique/1.0.0/module.json`,
      librariesUrl: `${BASE}${index.h5pLibraries ?? 'h5p-libraries'}/`,
    };
    for (const one of pkg.items) {
      const scenario = answers('module.item').find((s) => s.name.endsWith(` ${one.id}`))!;
      const value = scenario.value as { parts: number; text: string };
      expect(value.parts, one.id).toBe(1);
      expect(JSON.parse(value.text), one.id).toEqual(toPlayable(one, context));
    }
  });

  // mod_magmodule does not relay quiz and word-cloud items yet (no module.activity_call): its outlines leave
  // `activities` out, and its figures are progress.ts's for a host that does not play them.
  it('counts a trainee’s figures as progress.ts does, for a host that does not play our own activities', () => {
    const records = new Map(
      Object.entries(output.figures.records).map(([id, r]) => [
        id,
        { completed: r.completed, seconds: r.seconds, bestScaled: r.bestscaled },
      ]),
    );
    expect(output.figures.step).toEqual(stepFigures(output.figures.items, records, { activities: false }));
    const outlines = answers('module.play').flatMap((s) => (s.value['outline'] ? [s.value['outline'] as object] : []));
    expect(outlines.length).toBeGreaterThan(0);
    for (const outline of outlines) expect(outline).not.toHaveProperty('activities');
  });
});
