#!/usr/bin/env node
// `php -l` on every PHP file of moodle-plugin-stubs/. Needs the PHP command line (Debian: php-cli).
//
// Usage: node moodle-plugin-stubs/tools/php-lint.mjs
// Prints each failure and a final line `php-lint: N passed, M failed`; exits 1 on failure or without PHP.
import { readdirSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const php = process.env.PHP_BINARY || 'php';

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith('.php')) out.push(path);
  }
  return out;
}

const probe = spawnSync(php, ['-v'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.error(`php-lint: cannot run "${php}" (install php-cli, or set PHP_BINARY)`);
  console.log('php-lint: 0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
for (const file of walk(root).sort()) {
  const result = spawnSync(php, ['-n', '-d', 'display_errors=1', '-l', file], { encoding: 'utf8' });
  if (result.status === 0) {
    passed += 1;
  } else {
    failed += 1;
    console.error(`FAIL ${relative(root, file)}\n${(result.stdout + result.stderr).trim()}`);
  }
}
console.log(`php-lint: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
