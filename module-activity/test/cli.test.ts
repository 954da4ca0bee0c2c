/** `mag-catalog`, run as publishers run it: the real command in a child process. */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { validSource } from './fixtures.js';
import { tempDir, tempSource } from './source-helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/mag-catalog.mjs', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], lang = 'en_GB.UTF-8', command: [string, ...string[]] = ['node', BIN]): Promise<Run> {
  const [file, ...pre] = command;
  return new Promise((resolve) => {
    execFile(
      file,
      [...pre, ...args],
      { cwd: ROOT, env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function brokenSource() {
  const s = tempSource();
  cleanups.push(s.remove);
  const module = validSource() as unknown as Record<string, unknown>;
  module['title'] = '';
  module['durations'] = { distance: 15, inPerson: '0' };
  (module['items'] as Record<string, unknown>[])[0]!['id'] = 'Intro!';
  s.write('modules/evaluer-competences/1.0.0/module.json', JSON.stringify(module));
  return s;
}

describe('mag-catalog', () => {
  it('validates a valid source (exit 0)', async () => {
    const s = tempSource();
    cleanups.push(s.remove);
    const result = await run(['validate', s.dir]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`${s.dir}: valid catalog (modules: 1, versions: 1).\n`);
  });

  it('lists every error with its file and field, in English or French (exit 1)', async () => {
    const s = brokenSource();
    const file = join(s.dir, 'modules/evaluer-competences/1.0.0/module.json');
    const en = await run(['validate', s.dir]);
    expect(en.code).toBe(1);
    expect(en.stdout).toBe('');
    expect(en.stderr.split('\n')).toEqual([
      `error ${file}: title: must not be empty`,
      `error ${file}: durations.inPerson: expected number, got string`,
      `error ${file}: items[0].id: invalid item id "Intro!": lowercase ASCII letters, digits, "-" and "_"`,
      '3 errors.',
      '',
    ]);
    const fr = await run(['validate', s.dir], 'fr_FR.UTF-8');
    expect(fr.code).toBe(1);
    expect(fr.stderr).toContain(`erreur ${file}: title: ne doit pas être vide\n`);
    expect(fr.stderr).toContain('3 erreurs.');
    const json = await run(['validate', '--json', s.dir]);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        file: 'modules/evaluer-competences/1.0.0/module.json',
        path: 'title',
        severity: 'error',
      }),
      expect.objectContaining({ path: 'durations.inPerson', message: 'expected number, got string' }),
      expect.objectContaining({ path: 'items[0].id', code: 'issue_item_id' }),
    ]);
  });

  it('builds a static catalog (exit 0), and refuses to build an invalid source (exit 1)', async () => {
    const good = tempSource();
    const out = tempDir();
    cleanups.push(good.remove, out.remove);
    const built = await run(['build', good.dir, join(out.dir, 'site')]);
    expect(built.code).toBe(0);
    expect(built.stdout).toBe(`Catalog built in ${join(out.dir, 'site')} (modules: 1, versions: 1, files: 3).\n`);
    expect(JSON.parse(readFileSync(join(out.dir, 'site/index.json'), 'utf8')).modules[0].id).toBe(
      'evaluer-competences',
    );

    const bad = brokenSource();
    const refused = await run(['build', bad.dir, join(out.dir, 'refused')], 'fr_FR.UTF-8');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('title: ne doit pas être vide');
    expect(refused.stderr).toContain('Construction refusée\u00a0: corrigez d’abord les erreurs de la source.');
    expect(existsSync(join(out.dir, 'refused'))).toBe(false);
  });

  it('explains its usage (exit 2), and is linked as npx mag-catalog', async () => {
    const usage = await run(['build', 'only-one-folder']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Missing argument.');
    expect(usage.stderr).toContain('mag-catalog build DIR OUT');
    const unknown = await run(['publish'], 'fr_FR.UTF-8');
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('Commande inconnue\u00a0: publish');
    const npx = await run(['--help'], 'en_GB.UTF-8', ['npx', '--no-install', 'mag-catalog']);
    expect(npx).toMatchObject({ code: 0, stderr: '' });
    expect(npx.stdout).toContain('mag-catalog validate DIR');
  });
});
