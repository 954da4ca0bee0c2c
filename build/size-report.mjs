#!/usr/bin/env node
/**
 * Size report of dist/bundles: minified and gzip size of every bundle, each entry's first-paint cost (the entry
 * plus the chunks it imports statically), and what a page downloads in all along a path of budgets.json's `inAll`
 * (an entry's first paint and the chunks it loads on demand there, each with the chunks it imports statically, every
 * file counted once). Fails (exit 1) above build/budgets.json.
 * Writes dist/size-report.json, which `npm run bench` reuses.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'dist/bundles');
const budgets = JSON.parse(readFileSync(join(root, 'build/budgets.json'), 'utf8'));

export function measure() {
  if (!existsSync(dir)) throw new Error('dist/bundles is missing: run `npm run build:bundles` first.');
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) files.push(path);
    }
  };
  walk(dir);
  const bundles = {};
  for (const path of files) {
    const code = readFileSync(path);
    const file = relative(dir, path);
    const name = file
      .replace(/^chunks\//, '')
      .replace(/-[\w-]{8}\.js$/, '')
      .replace(/\.js$/, '');
    const imports = [
      ...code.toString('utf8').matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["']([^"']+)["']/g),
    ].map((match) => relative(dir, resolve(dirname(path), match[1])));
    bundles[name] = { file, minified: code.length, gzip: gzipSync(code, { level: 9 }).length, imports };
  }
  const byFile = Object.fromEntries(Object.values(bundles).map((bundle) => [bundle.file, bundle]));
  /** The files that loading `names` downloads: each bundle and what it imports statically, once each. */
  const closure = (names) => {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file) || !byFile[file]) return;
      seen.add(file);
      byFile[file].imports.forEach(visit);
    };
    for (const name of names) if (bundles[name]) visit(bundles[name].file);
    return [...seen];
  };
  const sum = (files) => files.reduce((total, file) => total + byFile[file].gzip, 0);
  const firstPaint = {};
  for (const [name, bundle] of Object.entries(bundles)) {
    if (bundle.file.startsWith('chunks/')) continue;
    firstPaint[name] = sum(closure([name]));
  }
  const inAll = {};
  for (const [path, { entry, lazy }] of Object.entries(budgets.inAll ?? {})) {
    const files = closure([entry, ...lazy]);
    inAll[path] = {
      gzip: sum(files),
      bundles: files.map((file) => Object.keys(bundles).find((name) => bundles[name].file === file)).sort(),
    };
  }
  return { bundles, firstPaint, inAll };
}

function check({ bundles, firstPaint, inAll }) {
  const failures = [];
  for (const [name, limit] of Object.entries(budgets.bundles)) {
    if (!bundles[name]) failures.push(`${name}: no such bundle (budgets.json names it)`);
    else if (bundles[name].gzip > limit) failures.push(`${name}: ${bundles[name].gzip} B gzip > budget ${limit} B`);
  }
  for (const [name, { bundles: members, limit }] of Object.entries(budgets.groups ?? {})) {
    const missing = members.filter((member) => !bundles[member]);
    if (missing.length) failures.push(`${name}: no bundle ${missing.join(', ')}`);
    const total = members.reduce((sum, member) => sum + (bundles[member]?.gzip ?? 0), 0);
    if (total > limit) failures.push(`${name}: ${total} B gzip > budget ${limit} B`);
  }
  for (const [name, limit] of Object.entries(budgets.firstPaint)) {
    if (firstPaint[name] === undefined) failures.push(`${name}: no such entry (budgets.json names it)`);
    else if (firstPaint[name] > limit)
      failures.push(`${name} first paint: ${firstPaint[name]} B gzip > budget ${limit} B`);
  }
  for (const [path, { entry, lazy, limit }] of Object.entries(budgets.inAll ?? {})) {
    const missing = [entry, ...lazy].filter((name) => !bundles[name]);
    if (missing.length) failures.push(`${path}: no bundle ${missing.join(', ')} (budgets.json names it)`);
    else if (inAll[path].gzip > limit) failures.push(`${path} in all: ${inAll[path].gzip} B gzip > budget ${limit} B`);
  }
  return failures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = measure();
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('bundle              minified     gzip   budget');
  for (const [name, bundle] of Object.entries(report.bundles).sort()) {
    const budget = budgets.bundles[name];
    console.log(
      `${name.padEnd(18)} ${kb(bundle.minified).padStart(9)} ${kb(bundle.gzip).padStart(8)} ${budget ? kb(budget).padStart(8) : '       –'}`,
    );
  }
  for (const [name, { bundles: members, limit }] of Object.entries(budgets.groups ?? {})) {
    const total = members.reduce((sum, member) => sum + (report.bundles[member]?.gzip ?? 0), 0);
    console.log(`${name.padEnd(27)} ${kb(total).padStart(8)} gzip (budget ${kb(limit)})`);
  }
  for (const [name, bytes] of Object.entries(report.firstPaint)) {
    const budget = budgets.firstPaint[name];
    console.log(
      `first paint ${name.padEnd(15)} ${kb(bytes).padStart(8)} gzip ${budget ? `(budget ${kb(budget)})` : ''}`,
    );
  }
  for (const [path, { gzip, bundles: files }] of Object.entries(report.inAll)) {
    const { limit, target } = budgets.inAll[path];
    const goal = target === undefined ? '' : `, target ${kb(target)}: ${gzip <= target ? 'met' : 'MISSED'}`;
    console.log(
      `in all ${path.padEnd(20)} ${kb(gzip).padStart(8)} gzip (budget ${kb(limit)}${goal}): ${files.join(', ')}`,
    );
  }
  writeFileSync(join(root, 'dist/size-report.json'), JSON.stringify(report, null, 2));
  const failures = check(report);
  if (failures.length) {
    console.error(`\nOver budget:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
}
