#!/usr/bin/env node
// Builds an installable zip per Moodle plugin into dist/moodle/, with node: built-ins only.
//
// - local_magactivities.zip: the plugin with dist/bundles/ (from `npm run build:bundles`) copied into its
//   bundles/ folder, each script with a precompressed .gz sibling that bundle.php sends to gzip clients;
// - mod_magreactions.zip, and any other plugin folder of moodle-plugin-stubs/ (mod_magmodule.zip with
//   node_modules/h5p-standalone/dist in h5p/standalone/, for its sandboxed H5P player page).
// Each zip's top folder is the plugin's directory name (magactivities/, magreactions/), as Moodle's installer
// expects. The zip format is written here (deflate from node:zlib, CRC-32 computed here); entries are sorted
// and each file is dated from a hash of its content, so that the same input gives the same bytes and a changed
// file never keeps its old date: PHP's OPcache notices a replaced file by its modification time alone, and an
// admin who unzips a new build over the old one (same dates for every file) would keep running the old code.
//
// Also prints what each activity adds to a student's page (gzip, as bundle.php sends it), against the 30 KB budget,
// and refuses bundles whose assets (the word cloud's layout worker) would not load under bundle.php: every
// `new URL(…, import.meta.url)` must be relative and name a file that ships.
//
// Usage: node moodle-plugin-stubs/tools/package.mjs [--bundles DIR] [--out DIR] [--allow-missing-bundles]
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname, relative, sep, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { pluginDirs } from './build-amd.mjs';

const stubs = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(stubs, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const bundlesDir = option('--bundles', join(repo, 'dist', 'bundles'));
const outDir = option('--out', join(repo, 'dist', 'moodle'));
const allowMissingBundles = args.includes('--allow-missing-bundles');

/** Budget of what one activity adds to a student's page, gzip. */
const PAGE_BUDGET = 30 * 1024;
/** Bundle files that are not for Moodle pages. */
const NOT_FOR_MOODLE = /^reference-host/;
/** Bundle files that get a precompressed sibling. */
const COMPRESSIBLE = /\.(m?js|css|json|svg)$/;

// ---- CRC-32 (IEEE 802.3, reflected, as zip wants) ----
const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}
export function crc32(buffer) {
  let crc = 0xffffffff;
  for (let i = 0; i < buffer.length; i++) crc = CRC_TABLE[(crc ^ buffer[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ---- Zip writer ----
/** Date of directory entries: 2000-01-01 00:00:00 (DOS format). */
const DIR_STAMP = { date: ((2000 - 1980) << 9) | (1 << 5) | 1, time: 0 };
/** Files are dated within the 20 years from 2000-01-01, at DOS's 2-second resolution. */
const STAMP_SPAN = 20 * 365 * 24 * 3600;

/**
 * The DOS date and time of a file entry, from its content: the same content always gets the same date, a
 * different content another one (about 315 million possible dates), never in the future.
 * @param {Buffer} data
 * @returns {{date: number, time: number}}
 */
export function contentStamp(data) {
  const seconds = createHash('sha256').update(data).digest().readUInt32BE(0) % STAMP_SPAN;
  const d = new Date(Date.UTC(2000, 0, 1) + seconds * 1000);
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

/**
 * Writes a zip archive.
 * @param {{name: string, data?: Buffer}[]} entries names with '/' separators; directories end with '/'
 * @returns {Buffer}
 */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const isDir = entry.name.endsWith('/');
    const data = isDir ? Buffer.alloc(0) : entry.data;
    const deflated = isDir ? data : deflateRawSync(data, { level: 9 });
    const store = isDir || deflated.length >= data.length;
    const body = store ? data : deflated;
    const method = store ? 0 : 8;
    const crc = isDir ? 0 : crc32(data);
    const stamp = isDir ? DIR_STAMP : contentStamp(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(stamp.time, 10);
    local.writeUInt16LE(stamp.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(stamp.time, 12);
    central.writeUInt16LE(stamp.date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    const mode = isDir ? 0o40755 : 0o100644;
    central.writeUInt32LE(((mode << 16) | (isDir ? 0x10 : 0)) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  if (entries.length > 0xffff || offset > 0xffffffff) throw new Error('zip64 is not supported');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, ...centrals, end]);
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.DS_Store') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Adds the parent directories of every file as entries, then sorts. */
function withDirectories(files) {
  const names = new Map(files.map((f) => [f.name, f]));
  for (const f of files) {
    const parts = f.name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = `${parts.slice(0, i).join('/')}/`;
      if (!names.has(dir)) names.set(dir, { name: dir });
    }
  }
  return [...names.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Files a page loads from an entry module: the entry and its static imports, transitively. */
function staticGraph(dir, entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  const path = join(dir, entry);
  if (!existsSync(path)) return seen;
  seen.add(entry);
  const code = readFileSync(path, 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
    if (m[1].startsWith('.')) staticGraph(dir, posix.normalize(posix.join(posix.dirname(entry), m[1])), seen);
  }
  for (const m of code.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)) {
    if (m[1].startsWith('.')) staticGraph(dir, posix.normalize(posix.join(posix.dirname(entry), m[1])), seen);
  }
  return seen;
}

/**
 * Activities whose page cost is checked: name and entry module. The cost is what a student's first visit to the
 * activity page downloads from bundle.php, as measured in a real Moodle 4.5 (see moodle-plugin-stubs/README.md): the
 * host SDK and the element with their static imports, and the assets they start at once (the word cloud's layout
 * worker, where a trainee sees the cloud). The AMD host module is not part of it: Moodle serves every AMD module of
 * the site in one file, `lib/requirejs.php/<revision>/core/first.js`, that any page loads and the browser keeps, so
 * it costs once per site and browser; it is reported apart.
 */
const PAGE_ENTRIES = [
  ['reactions activity', 'mag-reactions.js', true],
  ['word cloud', 'mag-wordcloud.js', true],
  // The quiz: what a trainee's page loads first, then the attempt or live view and the question controls; chart.js
  // only in the trainer's result views (LAZY_ONLY).
  ['quiz', 'mag-quiz.js', false],
  // The hybrid programme: the plan or timeline and the module list on one page; the player, the catalog browser and
  // the report load when used, h5p-standalone only in the sandboxed frame when an H5P item plays.
  ['hybrid programme', ['mag-programme.js', 'mag-module.js'], false],
];

/** Bundle files an entry must load only on demand, never on a trainee's first paint, and must ship. */
const LAZY_ONLY = { 'mag-quiz.js': [/^chunks\/chart-[^/]+\.js$/] };

/** The assets (workers) that files start by address, `new URL(…, import.meta.url)`, with their static imports. */
function startedAssets(dir, files) {
  const assets = new Set();
  for (const file of files) {
    for (const { spec } of assetUrls(readFileSync(join(dir, file), 'utf8'))) {
      const target = resolveRef(file, spec);
      if (target && existsSync(join(dir, target))) for (const f of staticGraph(dir, target)) assets.add(f);
    }
  }
  for (const file of files) assets.delete(file);
  return assets;
}

/** Files an entry loads later, on demand (dynamic imports and workers), transitively, minus what it loads at once. */
function lazyGraph(dir, entry, eager) {
  const seen = new Set();
  const visit = (file) => {
    const path = join(dir, file);
    if (!existsSync(path)) return;
    const code = readFileSync(path, 'utf8');
    const refs = [
      ...[...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]),
      ...assetUrls(code).map((url) => url.spec),
    ];
    for (const ref of [...staticGraph(dir, file)]
      .filter((f) => f !== file)
      .concat(refs.map((r) => resolveRef(file, r)))) {
      if (!ref || seen.has(ref) || eager.has(ref)) continue;
      seen.add(ref);
      visit(ref);
    }
  };
  visit(entry);
  for (const file of eager) visit(file);
  return seen;
}

function resolveRef(from, spec) {
  return spec.startsWith('.') || !/^[a-z][a-z0-9+.-]*:|^\//i.test(spec)
    ? posix.normalize(posix.join(posix.dirname(from), spec))
    : null;
}

/** The asset URLs a bundle file builds against its own address: `new URL("…", import.meta.url)`. */
function assetUrls(code) {
  return [...code.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)].map((m) => ({ spec: m[1] }));
}

/**
 * Problems with the asset URLs of the bundles: Moodle serves them under bundle.php/<revision>/, so an address from
 * the site's root, or one naming a file that does not ship, fails there (the word cloud's layout worker would
 * silently fall back to the main thread).
 */
export function assetProblems(dir) {
  const problems = [];
  for (const path of walk(dir).filter((f) => f.endsWith('.js'))) {
    const file = relative(dir, path).split(sep).join('/');
    for (const { spec } of assetUrls(readFileSync(path, 'utf8'))) {
      const target = resolveRef(file, spec);
      if (!target) problems.push(`${file}: new URL("${spec}", import.meta.url) is not relative to the bundle`);
      else if (!existsSync(join(dir, target)))
        problems.push(`${file}: new URL("${spec}") names ${target}, which is not there`);
    }
  }
  return problems;
}

function fileCost(path) {
  const data = readFileSync(path);
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

function pagecost(amdBuild) {
  if (!existsSync(bundlesDir)) return;
  let ok = true;
  for (const [what, entryOrList, enforced] of PAGE_ENTRIES) {
    // A page may show several elements (the hybrid programme: <mag-programme> and <mag-module>).
    const list = [entryOrList].flat();
    const entry = list.join(' + ');
    if (!list.every((one) => existsSync(join(bundlesDir, one)))) continue;
    const eager = new Set([
      ...staticGraph(bundlesDir, 'mag-host.js'),
      ...list.flatMap((one) => [...staticGraph(bundlesDir, one)]),
    ]);
    const assets = startedAssets(bundlesDir, eager);
    const cost = (file, note = '') => ({ name: file + note, ...fileCost(join(bundlesDir, file)) });
    const files = [
      ...[...eager].sort().map((file) => cost(file)),
      ...[...assets].sort().map((file) => cost(file, ' (started by the page: a worker)')),
    ];
    const raw = files.reduce((sum, f) => sum + f.raw, 0);
    const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
    console.log(`student page cost of a ${what} (what bundle.php sends on a first visit, each file gzip on its own):`);
    console.log(files.map((f) => `  ${f.name}: ${f.raw} B, ${f.gzip} B gzip`).join('\n'));
    const verdict =
      gzip <= PAGE_BUDGET
        ? 'within budget'
        : `OVER BUDGET by ${gzip - PAGE_BUDGET} B${enforced ? '' : ' (reported, not enforced)'}`;
    console.log(`  total: ${raw} B, ${gzip} B gzip (budget ${PAGE_BUDGET} B): ${verdict}`);
    const lazy = [
      ...new Set(list.flatMap((one) => [...lazyGraph(bundlesDir, one, new Set([...eager, ...assets]))])),
    ].sort();
    for (const pattern of LAZY_ONLY[entry] ?? []) {
      const early = [...eager, ...assets].filter((file) => pattern.test(file));
      if (early.length > 0) {
        console.error(`  ${early.join(', ')} must load only when needed, not with ${entry}`);
        ok = false;
      }
      if (!lazy.some((file) => pattern.test(file))) {
        console.error(`  ${entry} loads nothing matching ${pattern} on demand: it does not ship`);
        ok = false;
      }
    }
    if (lazy.length > 0) {
      const later = lazy.map((file) => cost(file));
      console.log(
        `  loaded later, when needed (views, the trainer's tools and charts; the cloud's layout on the main thread where no worker starts):`,
      );
      console.log(later.map((f) => `    ${f.name}: ${f.raw} B, ${f.gzip} B gzip`).join('\n'));
    }
    if (enforced) ok &&= gzip <= PAGE_BUDGET;
  }
  // The AMD host module (host.min.js, host_logic.min.js): in Moodle's site-wide first.js, not per activity page.
  const amd = readdirSync(amdBuild)
    .filter((f) => f.endsWith('.min.js'))
    .sort()
    .map((file) => ({ name: `local_magactivities/amd/build/${file}`, ...fileCost(join(amdBuild, file)) }));
  console.log(
    `once per site and browser, in Moodle's core/first.js (every AMD module of the site, any page loads it):`,
  );
  console.log(amd.map((f) => `  ${f.name}: ${f.raw} B, ${f.gzip} B gzip`).join('\n'));
  return ok;
}

function packagePlugin(plugin) {
  const dir = join(stubs, plugin);
  const top = plugin.slice(plugin.indexOf('_') + 1);
  const files = [];
  for (const file of walk(dir)) {
    const rel = relative(dir, file).split(sep).join('/');
    if (rel.startsWith('bundles/') && rel !== 'bundles/README.md') continue;
    files.push({ name: `${top}/${rel}`, data: readFileSync(file) });
  }
  if (plugin === 'local_magactivities') {
    if (!existsSync(join(bundlesDir, 'mag-host.js'))) {
      const message = `no ${relative(repo, join(bundlesDir, 'mag-host.js'))}: run npm run build:bundles first`;
      if (!allowMissingBundles) throw new Error(message);
      console.warn(`warning: ${message}; packaging without bundles`);
    } else {
      const problems = assetProblems(bundlesDir);
      if (problems.length > 0) throw new Error(`bundles that would not load under bundle.php:\n${problems.join('\n')}`);
      for (const file of walk(bundlesDir)) {
        const rel = relative(bundlesDir, file).split(sep).join('/');
        if (NOT_FOR_MOODLE.test(rel.split('/').pop())) continue;
        const data = readFileSync(file);
        files.push({ name: `${top}/bundles/${rel}`, data });
        if (COMPRESSIBLE.test(rel))
          files.push({ name: `${top}/bundles/${rel}.gz`, data: gzipSync(data, { level: 9, mtime: 0 }) });
      }
    }
  }
  if (plugin === 'mod_magmodule') {
    // h5p-standalone (MIT) for the sandboxed H5P player page, h5p.php: served as static files of the plugin.
    const standalone = join(repo, 'node_modules', 'h5p-standalone');
    if (!existsSync(join(standalone, 'dist', 'main.bundle.js'))) throw new Error('no node_modules/h5p-standalone/dist');
    for (const file of walk(join(standalone, 'dist'))) {
      const rel = relative(join(standalone, 'dist'), file).split(sep).join('/');
      if (!rel.endsWith('.d.ts')) files.push({ name: `${top}/h5p/standalone/${rel}`, data: readFileSync(file) });
    }
    files.push({ name: `${top}/h5p/standalone/LICENSE`, data: readFileSync(join(standalone, 'LICENSE')) });
  }
  const archive = zip(withDirectories(files));
  const out = join(outDir, `${plugin}.zip`);
  writeFileSync(out, archive);
  console.log(`${relative(repo, out)}: ${files.length} files, ${archive.length} bytes`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(outDir, { recursive: true });
  let ok = true;
  try {
    for (const plugin of pluginDirs()) packagePlugin(plugin);
    ok = pagecost(join(stubs, 'local_magactivities', 'amd', 'build')) !== false;
  } catch (error) {
    console.error(`package: ${error.message}`);
    process.exit(1);
  }
  process.exit(ok ? 0 : 1);
}
