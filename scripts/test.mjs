#!/usr/bin/env node
/**
 * The one gate, for a person and for CI: system dependencies, format, lint (zero warnings), types,
 * build (with bundle budgets), unit tests, browser tests in Chromium, end-to-end tests, Moodle checks.
 * Every step runs even when an earlier one failed, so one run shows every problem; exit 1 if any failed.
 *
 * `node scripts/test.mjs --only unit,browser` runs a subset (steps with spaces in their names are written with
 * hyphens: `--only moodle-structure,moodle-phpunit`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Debian packages the suite needs, with the command that proves each is there. */
const systemDeps = [
  { pkg: 'chromium', present: () => existsSync(chromium), why: 'browser and end-to-end tests' },
  { pkg: 'php-cli', present: () => spawnSync('php', ['--version']).status === 0, why: 'Moodle plugin checks (php -l)' },
  {
    pkg: 'php-xml',
    present: () => spawnSync('php', ['-r', 'exit(class_exists("DOMDocument") ? 0 : 1);']).status === 0,
    why: 'PHPUnit',
  },
  {
    pkg: 'php-mbstring',
    present: () => spawnSync('php', ['-r', 'exit(function_exists("mb_strlen") ? 0 : 1);']).status === 0,
    why: 'PHPUnit',
  },
  {
    pkg: 'php-intl',
    present: () => spawnSync('php', ['-r', 'exit(class_exists("Normalizer") ? 0 : 1);']).status === 0,
    why: 'PHP ports of the activities (Unicode normalization, graphemes, French collation)',
  },
  { pkg: 'phpunit', present: () => spawnSync('phpunit', ['--version']).status === 0, why: 'Moodle plugin unit tests' },
];

function ensureSystemDeps() {
  const missing = systemDeps.filter((dep) => !dep.present());
  if (missing.length === 0) return true;
  const names = missing.map((dep) => dep.pkg);
  if (!isRoot) {
    console.error(`Missing Debian packages: ${missing.map((d) => `${d.pkg} (${d.why})`).join(', ')}.`);
    console.error(`Install them with: sudo apt-get update && sudo apt-get install -y ${names.join(' ')}`);
    return false;
  }
  console.log(`Installing Debian packages: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
    stdio: 'inherit',
    env,
  });
  const still = missing.filter((dep) => !dep.present());
  if (update.status !== 0 || install.status !== 0 || still.length > 0) {
    console.error(`Could not install: ${still.map((d) => d.pkg).join(', ') || names.join(', ')}`);
    return false;
  }
  return true;
}

const steps = [
  { name: 'format', cmd: 'npx prettier --check .' },
  { name: 'lint', cmd: 'npx eslint --max-warnings 0 .' },
  { name: 'types', cmd: 'npx tsc -p tsconfig.json' },
  { name: 'build', cmd: 'npm run build' },
  { name: 'unit', cmd: 'npx vitest run', counts: 'vitest' },
  { name: 'browser', cmd: 'npx wtr --config test/wtr.config.mjs', counts: 'wtr' },
  { name: 'e2e', cmd: 'npx vitest run --config test/e2e/vitest.config.ts', counts: 'vitest' },
  { name: 'moodle structure', cmd: 'node moodle-plugin-stubs/tools/check-plugins.mjs', counts: 'plain' },
  { name: 'moodle php -l', cmd: 'node moodle-plugin-stubs/tools/php-lint.mjs', counts: 'plain' },
  { name: 'moodle phpunit', cmd: 'phpunit -c moodle-plugin-stubs/phpunit.xml', counts: 'phpunit' },
];

// eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters.
const strip = (text) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

/** Reads passed/failed test counts from a runner's output. */
function countTests(kind, output) {
  const text = strip(output);
  if (kind === 'vitest') {
    const line = text.match(/^\s*Tests\s+(.*)$/m)?.[1] ?? '';
    return {
      passed: Number(line.match(/(\d+) passed/)?.[1] ?? 0),
      failed: Number(line.match(/(\d+) failed/)?.[1] ?? 0),
    };
  }
  if (kind === 'phpunit') {
    const ok = text.match(/^OK \((\d+) tests?/m);
    if (ok) return { passed: Number(ok[1]), failed: 0 };
    const summary = text.match(/^Tests: (\d+),.*?(?:Failures: (\d+))?.*?(?:Errors: (\d+))?/m);
    const failedCount = Number(summary?.[2] ?? 0) + Number(summary?.[3] ?? 0);
    return { passed: Number(summary?.[1] ?? 0) - failedCount, failed: failedCount };
  }
  const all = [...text.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = all.at(-1);
  return { passed: Number(last?.[1] ?? 0), failed: Number(last?.[2] ?? 0) };
}

function run(step) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n━━ ${step.name}: ${step.cmd}`);
    const child = spawn(step.cmd, {
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      const tests = step.counts ? countTests(step.counts, output) : null;
      resolve({ name: step.name, ok: code === 0, seconds: (Date.now() - started) / 1000, tests });
    });
  });
}

const only = process.argv
  .slice(2)
  .join(' ')
  .match(/--only[= ](\S+)/)?.[1];
/** Step names without spaces or dashes, so that `moodle-php-l` names `moodle php -l`. */
const stepKey = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');
const wanted = only ? new Set(only.split(',').map(stepKey)) : null;

const results = [];
const depsOk = ensureSystemDeps();
if (!depsOk) results.push({ name: 'system dependencies', ok: false, seconds: 0, tests: null });
for (const step of steps) {
  if (wanted && !wanted.has(stepKey(step.name))) continue;
  results.push(await run(step));
}

let passed = 0;
let failed = 0;
console.log('\n━━ summary');
for (const result of results) {
  const tests = result.tests ? ` (${result.tests.passed} passed, ${result.tests.failed} failed)` : '';
  console.log(
    `${result.ok ? 'ok  ' : 'FAIL'} ${result.name.padEnd(20)} ${result.seconds.toFixed(1).padStart(6)} s${tests}`,
  );
  passed += result.tests?.passed ?? 0;
  failed += result.tests?.failed ?? 0;
  if (!result.ok && (!result.tests || result.tests.failed === 0)) failed += 1;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
