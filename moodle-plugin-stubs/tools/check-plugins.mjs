#!/usr/bin/env node
// Structural checks of the Moodle plugins in moodle-plugin-stubs/, without Moodle and without npm dependencies.
//
// For each plugin: required files; every string identifier used in PHP, JS and mustache exists in lang/en and
// lang/fr (and both languages have the same keys); capability strings; web service classes; XMLDB structure of
// db/install.xml; version.php fields and dependencies; the AMD build is up to date; shared test vectors in sync.
//
// Usage: node moodle-plugin-stubs/tools/check-plugins.mjs
// Prints one line per failed check and a final line `check-plugins: N passed, M failed`; exits 1 on failure.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, pluginDirs } from './build-amd.mjs';
import { ACTIVITIES } from '../local_magactivities/amd/src/host_logic.js';
import { zip } from './package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let passed = 0;
let failed = 0;

function check(plugin, what, ok, detail = '') {
  if (ok) {
    passed += 1;
  } else {
    failed += 1;
    console.error(`FAIL ${plugin}: ${what}${detail ? ` — ${detail}` : ''}`);
  }
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Removes PHP comments, keeping strings (enough for the simple scans below). */
function stripPhpComments(source) {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (c === '#' && source[i + 1] !== '[') {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Keys of a Moodle lang file. */
function langKeys(file) {
  const keys = new Set();
  if (!existsSync(file)) return keys;
  for (const m of readFileSync(file, 'utf8').matchAll(/^\$string\[(['"])(.+?)\1\]\s*=/gm)) keys.add(m[2]);
  return keys;
}

/** A tiny XML reader: well-formedness and an element tree (no DTD, no entities beyond the basic ones). */
function parseXml(text) {
  const rootNode = { name: '#root', attrs: {}, children: [] };
  const stack = [rootNode];
  const re =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<|[^<]+/g;
  let m;
  while ((m = re.exec(text))) {
    if (m[0] === '<') throw new Error(`unparsable markup at offset ${m.index}`);
    if (m[0].startsWith('<?') || m[0].startsWith('<!--')) continue;
    if (!m[2]) {
      if (m[0].trim() && stack.length === 1) throw new Error('text outside the root element');
      continue;
    }
    const [, closing, name, rawAttrs, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attrs = {};
    for (const a of rawAttrs.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${name}>`);
      attrs[a[1]] = a[2] ?? a[3];
    }
    const node = { name, attrs, children: [] };
    stack[stack.length - 1].children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (rootNode.children.length !== 1) throw new Error('there must be exactly one root element');
  return rootNode.children[0];
}

const kids = (node, name) => (node ? node.children.filter((c) => c.name === name) : []);

function checkInstallXml(plugin, dir, type, name) {
  const file = join(dir, 'db', 'install.xml');
  if (!existsSync(file)) return;
  let xml;
  try {
    xml = parseXml(readFileSync(file, 'utf8'));
    check(plugin, 'db/install.xml is well-formed XML', true);
  } catch (error) {
    check(plugin, 'db/install.xml is well-formed XML', false, error.message);
    return;
  }
  check(plugin, 'install.xml root is XMLDB', xml.name === 'XMLDB', xml.name);
  const expectedPath = `${type}/${name}/db`;
  check(
    plugin,
    'install.xml PATH matches the plugin',
    xml.attrs.PATH === expectedPath,
    `${xml.attrs.PATH} ≠ ${expectedPath}`,
  );
  check(plugin, 'install.xml has VERSION and COMMENT', Boolean(xml.attrs.VERSION && xml.attrs.COMMENT));
  const tables = kids(kids(xml, 'TABLES')[0], 'TABLE');
  check(plugin, 'install.xml has TABLES/TABLE', tables.length > 0);
  const tablePrefix = type === 'mod' ? name : `${type}_${name}`;
  for (const table of tables) {
    const t = table.attrs.NAME ?? '';
    check(
      plugin,
      `table ${t}: name`,
      /^[a-z][a-z0-9_]*$/.test(t) && t.length <= 28 && (t === tablePrefix || t.startsWith(`${tablePrefix}_`)),
      `must be ${tablePrefix} or ${tablePrefix}_…, at most 28 characters`,
    );
    const fields = kids(kids(table, 'FIELDS')[0], 'FIELD');
    const fieldNames = new Set(fields.map((f) => f.attrs.NAME));
    check(plugin, `table ${t}: FIELDS/FIELD`, fields.length > 0);
    check(plugin, `table ${t}: id field first`, fields[0]?.attrs.NAME === 'id' && fields[0]?.attrs.SEQUENCE === 'true');
    for (const f of fields) {
      const ok =
        /^[a-z][a-z0-9_]*$/.test(f.attrs.NAME ?? '') &&
        f.attrs.NAME.length <= 63 &&
        ['int', 'number', 'float', 'char', 'text', 'binary'].includes(f.attrs.TYPE) &&
        ['true', 'false'].includes(f.attrs.NOTNULL) &&
        (f.attrs.TYPE === 'text' || f.attrs.TYPE === 'binary' || /^\d+$/.test(f.attrs.LENGTH ?? ''));
      check(plugin, `table ${t}: field ${f.attrs.NAME}`, ok, 'NAME, TYPE, LENGTH and NOTNULL must be valid');
    }
    const keys = kids(kids(table, 'KEYS')[0], 'KEY');
    check(
      plugin,
      `table ${t}: KEYS/KEY with a primary key`,
      keys.some((k) => k.attrs.TYPE === 'primary' && k.attrs.FIELDS === 'id'),
    );
    for (const k of [...keys, ...kids(kids(table, 'INDEXES')[0], 'INDEX')]) {
      const cols = (k.attrs.FIELDS ?? '').split(',').map((s) => s.trim());
      check(
        plugin,
        `table ${t}: ${k.name} ${k.attrs.NAME} fields exist`,
        cols.every((c) => fieldNames.has(c)),
        cols.join(', '),
      );
    }
  }
}

function phpStringLiterals(source) {
  return [...source.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]);
}

function checkPlugin(plugin) {
  const dir = join(root, plugin);
  const [type, ...rest] = plugin.split('_');
  const name = rest.join('_');
  const component = plugin;
  const langFile = type === 'mod' ? `${name}.php` : `${component}.php`;

  // Required files.
  const required = ['version.php', `lang/en/${langFile}`, `lang/fr/${langFile}`, 'classes/privacy/provider.php'];
  if (type === 'mod') {
    required.push(
      'lib.php',
      'mod_form.php',
      'view.php',
      'index.php',
      'db/install.xml',
      'db/access.php',
      'db/services.php',
      'pix/monologo.svg',
      'tests/generator/lib.php',
      `backup/moodle2/backup_${name}_activity_task.class.php`,
      `backup/moodle2/backup_${name}_stepslib.php`,
      `backup/moodle2/restore_${name}_activity_task.class.php`,
      `backup/moodle2/restore_${name}_stepslib.php`,
      'tests/privacy/provider_test.php',
    );
  }
  if (type === 'local' && name === 'magactivities') {
    required.push(
      'settings.php',
      'poll.php',
      'bundle.php',
      'amd/src/host.js',
      'amd/build/host.min.js',
      'amd/src/host_logic.js',
      'amd/build/host_logic.min.js',
      'bundles/README.md',
    );
  }
  for (const file of required) check(plugin, `has ${file}`, existsSync(join(dir, file)));

  // Backup: a nested element named like one of its parent's fields makes Moodle throw
  // baseelementchildnameconflict when the backup runs (mod_magquiz's `attempts`, found in the lab).
  const steps = join(dir, `backup/moodle2/backup_${name}_stepslib.php`);
  if (type === 'mod' && existsSync(steps)) {
    const source = readFileSync(steps, 'utf8');
    const elements = new Map();
    const quoted = (list) => [...(list ?? '').matchAll(/'(\w+)'/g)].map((m) => m[1]);
    for (const m of source.matchAll(
      /\$(\w+)\s*=\s*new backup_nested_element\(\s*'(\w+)'(?:\s*,\s*\[([^\]]*)\](?:\s*,\s*\[([^\]]*)\])?)?/g,
    )) {
      elements.set(m[1], { name: m[2], fields: [...quoted(m[3]), ...quoted(m[4])] });
    }
    for (const m of source.matchAll(/\$(\w+)->add_child\(\s*\$(\w+)\s*\)/g)) {
      const parent = elements.get(m[1]);
      const child = elements.get(m[2]);
      if (!parent || !child) continue;
      check(
        plugin,
        `backup element ${child.name} does not clash with a field of ${parent.name}`,
        !parent.fields.includes(child.name),
      );
    }
  }

  // version.php.
  const versionFile = join(dir, 'version.php');
  if (existsSync(versionFile)) {
    const v = readFileSync(versionFile, 'utf8');
    const comp = v.match(/\$plugin->component\s*=\s*'([^']+)'/)?.[1];
    check(plugin, 'version.php component', comp === component, `${comp}`);
    check(plugin, 'version.php version (YYYYMMDDXX)', /\$plugin->version\s*=\s*\d{10}(\.\d+)?\s*;/.test(v));
    const requires = Number(v.match(/\$plugin->requires\s*=\s*(\d{10})/)?.[1] ?? 0);
    check(
      plugin,
      'version.php requires Moodle 4.5 (2024100700) at most',
      requires > 0 && requires <= 2024100700,
      String(requires),
    );
    check(plugin, 'version.php maturity', /\$plugin->maturity\s*=\s*MATURITY_(ALPHA|BETA|RC|STABLE)\s*;/.test(v));
    check(plugin, "version.php has defined('MOODLE_INTERNAL')", v.includes("defined('MOODLE_INTERNAL') || die();"));
    for (const dep of v.matchAll(/'([a-z]+_[a-z0-9_]+)'\s*=>\s*(\d{10}|ANY_VERSION)/g)) {
      const depFile = join(root, dep[1], 'version.php');
      const depVersion = existsSync(depFile)
        ? Number(readFileSync(depFile, 'utf8').match(/\$plugin->version\s*=\s*(\d{10})/)?.[1])
        : 0;
      check(
        plugin,
        `dependency ${dep[1]} is in moodle-plugin-stubs at a version high enough`,
        depVersion > 0 && (dep[2] === 'ANY_VERSION' || depVersion >= Number(dep[2])),
        `${depVersion} < ${dep[2]}`,
      );
    }
  }

  // Strings.
  const en = langKeys(join(dir, 'lang', 'en', langFile));
  const fr = langKeys(join(dir, 'lang', 'fr', langFile));
  const missingFr = [...en].filter((k) => !fr.has(k));
  const missingEn = [...fr].filter((k) => !en.has(k));
  check(plugin, 'lang/fr has every lang/en string', missingFr.length === 0, missingFr.join(', '));
  check(plugin, 'lang/en has every lang/fr string', missingEn.length === 0, missingEn.join(', '));
  const mustHave =
    type === 'mod' ? ['pluginname', 'modulename', 'modulenameplural', 'pluginadministration'] : ['pluginname'];
  for (const key of mustHave) check(plugin, `string ${key}`, en.has(key) && fr.has(key));

  const aliases = new Set([component, ...(type === 'mod' ? [name] : [])]);
  const used = new Map(); // key -> first file
  const use = (key, file) => {
    if (!used.has(key)) used.set(key, relative(root, file));
  };
  for (const file of walk(dir)) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.php')) {
      const code = stripPhpComments(text);
      for (const m of code.matchAll(
        /(?:get_string|new\s+(?:\\)?lang_string|string_exists)\(\s*'([^']+)'\s*,\s*'([^']+)'/g,
      )) {
        if (aliases.has(m[2])) use(m[1], file);
      }
      if (file.endsWith(join('classes', 'privacy', 'provider.php'))) {
        for (const lit of phpStringLiterals(code)) if (/^privacy:metadata(:|$)/.test(lit)) use(lit, file);
      }
    } else if (file.endsWith('.js') && !file.includes(`${join('amd', 'build')}`)) {
      for (const m of text.matchAll(/(?:getString|get_string)\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]/g)) {
        if (aliases.has(m[2])) use(m[1], file);
      }
      for (const m of text.matchAll(/\{\s*key:\s*['"]([^'"]+)['"]\s*,\s*component:\s*['"]([^'"]+)['"]/g)) {
        if (aliases.has(m[2])) use(m[1], file);
      }
    } else if (file.endsWith('.mustache')) {
      for (const m of text.matchAll(/\{\{#(?:str|cleanstr)\}\}\s*([^,\s{}]+)\s*,\s*([a-z0-9_]+)/g)) {
        if (aliases.has(m[2])) use(m[1], file);
      }
      check(
        plugin,
        `${relative(dir, file)} documents @template and an example context`,
        text.includes(`@template ${component}/`) && text.includes('Example context (json):'),
      );
    }
  }
  for (const [key, file] of used) {
    check(
      plugin,
      `string '${key}' (used in ${file}) exists in lang/en and lang/fr`,
      en.has(key) && fr.has(key),
      `${en.has(key) ? '' : 'missing in en '}${fr.has(key) ? '' : 'missing in fr'}`.trim(),
    );
  }

  // Capabilities.
  const accessFile = join(dir, 'db', 'access.php');
  if (existsSync(accessFile)) {
    const caps = [
      ...stripPhpComments(readFileSync(accessFile, 'utf8')).matchAll(/'([a-z]+)\/([a-z0-9_]+):([a-z0-9_]+)'\s*=>/g),
    ];
    check(plugin, 'db/access.php declares capabilities', caps.length > 0);
    for (const [, ctype, cname, cap] of caps) {
      check(plugin, `capability ${ctype}/${cname}:${cap} belongs to the plugin`, ctype === type && cname === name);
      const key = `${cname}:${cap}`;
      check(plugin, `capability string '${key}' in lang/en and lang/fr`, en.has(key) && fr.has(key));
    }
    if (type === 'mod') {
      check(
        plugin,
        `mod/${name}:addinstance is declared`,
        caps.some((c) => c[3] === 'addinstance'),
      );
    }
  }

  // Web services.
  const servicesFile = join(dir, 'db', 'services.php');
  if (existsSync(servicesFile)) {
    const code = stripPhpComments(readFileSync(servicesFile, 'utf8'));
    const functions = [...code.matchAll(/'([a-z0-9_]+)'\s*=>\s*\[([\s\S]*?)\n {4}\]/g)];
    check(plugin, 'db/services.php declares functions', functions.length > 0);
    // The host module forwards each bridge subject of the activity (type `X` of module `magX`) to
    // mod_magX_<function>: both lists must agree, so that no subject fails and no function is unreachable.
    // Activity types of this module: `X` for module `magX`, and those naming the module (`module: 'magmodule'`).
    const activities =
      type === 'mod' ? Object.entries(ACTIVITIES).filter(([key, a]) => (a.module ?? `mag${key}`) === name) : [];
    if (activities.length > 0) {
      const forwarded = new Set(
        activities.flatMap(([, a]) => Object.values(a.functions)).map((fn) => `${component}_${fn}`),
      );
      const declared = new Set(functions.map(([, fname]) => fname));
      const missing = [...forwarded].filter((fname) => !declared.has(fname));
      const unreachable = [...declared].filter((fname) => !forwarded.has(fname));
      check(plugin, 'every subject host_logic forwards has its web service', missing.length === 0, missing.join(', '));
      check(
        plugin,
        'every web service is reached by a bridge subject',
        unreachable.length === 0,
        unreachable.join(', '),
      );
    }
    for (const [, fname, body] of functions) {
      check(plugin, `service ${fname} is prefixed with ${component}_`, fname.startsWith(`${component}_`));
      check(plugin, `service ${fname} is available to AJAX`, /'ajax'\s*=>\s*true/.test(body));
      const cls = body.match(/'classname'\s*=>\s*(?:\\?([\w\\]+)::class|'\\?([\w\\]+)')/);
      const className = cls?.[1] ?? cls?.[2] ?? '';
      const parts = className.split('\\');
      const ok = parts[0] === component && parts.length >= 2;
      const classFile = join(dir, 'classes', ...parts.slice(1, -1), `${parts[parts.length - 1]}.php`);
      check(
        plugin,
        `service ${fname} class ${className} has its file`,
        ok && existsSync(classFile),
        relative(root, classFile),
      );
      if (ok && existsSync(classFile)) {
        const src = readFileSync(classFile, 'utf8');
        for (const method of ['execute_parameters', 'execute', 'execute_returns']) {
          check(
            plugin,
            `${className}::${method}()`,
            new RegExp(`public\\s+static\\s+function\\s+${method}\\s*\\(`).test(src),
          );
        }
        check(
          plugin,
          `${className}::execute validates parameters and context first`,
          /validate_parameters\(/.test(src) && /validate_context\(/.test(src) && /require_capability\(/.test(src),
        );
      }
    }
  }

  checkInstallXml(plugin, dir, type, name);

  // Every PHP file but the entry scripts carries the MOODLE_INTERNAL guard or is a class/namespace file.
  for (const file of walk(dir).filter((f) => f.endsWith('.php'))) {
    const text = readFileSync(file, 'utf8');
    check(plugin, `${relative(dir, file)} starts with <?php`, text.startsWith('<?php'));
    check(plugin, `${relative(dir, file)} has the GPL header`, text.includes('GNU General Public License'));
  }

  // Icon.
  const icon = join(dir, 'pix', 'monologo.svg');
  if (existsSync(icon)) {
    try {
      const svg = parseXml(readFileSync(icon, 'utf8'));
      check(plugin, 'pix/monologo.svg is an SVG', svg.name === 'svg');
    } catch (error) {
      check(plugin, 'pix/monologo.svg is well-formed', false, error.message);
    }
  }

  // Bundles stay out of the repository: only the README is committed.
  const bundles = join(dir, 'bundles');
  if (existsSync(bundles)) {
    const extra = readdirSync(bundles).filter((f) => !['README.md', '.gitkeep'].includes(f));
    check(plugin, 'bundles/ holds only its README (the packaging step fills it)', extra.length === 0, extra.join(', '));
  }
  if (existsSync(join(dir, 'amd', 'build'))) {
    const stray = readdirSync(join(dir, 'amd', 'build')).filter(
      (f) => !f.endsWith('.min.js') && !f.endsWith('.min.js.map'),
    );
    check(plugin, 'amd/build holds only AMD builds (no Vite output in amd/)', stray.length === 0, stray.join(', '));
  }
}

const plugins = pluginDirs();
check('moodle-plugin-stubs', 'has plugins', plugins.length > 0);
for (const plugin of plugins) checkPlugin(plugin);

const stale = buildAll({ check: true });
check(
  'moodle-plugin-stubs',
  'AMD builds are up to date (node moodle-plugin-stubs/tools/build-amd.mjs)',
  stale.length === 0,
  stale.join(', '),
);

// The shared vectors: one source of truth, copied as a fixture for the Moodle-side tests.
const vectorSources = [join(root, '..', 'test', 'vectors', 'reactions-counting.json')];
const vectors = vectorSources.find((f) => existsSync(f));
const fixture = join(root, 'mod_magreactions', 'tests', 'fixtures', 'reactions-counting.json');
check('moodle-plugin-stubs', 'reaction counting vectors exist', Boolean(vectors));
if (vectors) {
  check(
    'moodle-plugin-stubs',
    `mod_magreactions/tests/fixtures/reactions-counting.json matches ${relative(join(root, '..'), vectors)}`,
    existsSync(fixture) &&
      JSON.stringify(JSON.parse(readFileSync(fixture, 'utf8'))) ===
        JSON.stringify(JSON.parse(readFileSync(vectors, 'utf8'))),
  );
}

// The zips: the same input gives the same bytes, and a changed file gets another date. PHP's OPcache notices a
// replaced file by its modification time alone: unzipped over the old plugin with the same dates, new code
// would not run until the web server restarts (seen in a real Moodle 4.5).
{
  // Date and time of each central directory entry (signature PK\1\2), by name.
  const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  const entryStamps = (archive) => {
    const stamps = new Map();
    for (let at = archive.indexOf(CENTRAL); at >= 0;) {
      const nameLength = archive.readUInt16LE(at + 28);
      const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
      stamps.set(name, `${archive.readUInt16LE(at + 14)}:${archive.readUInt16LE(at + 12)}`);
      at = archive.indexOf(CENTRAL, at + 46 + nameLength);
    }
    return stamps;
  };
  const build = (content) =>
    zip([{ name: 'p/' }, { name: 'p/a.php', data: Buffer.from(content) }, { name: 'p/b.php', data: Buffer.from('b') }]);
  const first = build('<?php echo 1;');
  check('moodle-plugin-stubs', 'package.mjs: the same input gives the same zip', first.equals(build('<?php echo 1;')));
  const before = entryStamps(first);
  const after = entryStamps(build('<?php echo 2;'));
  check(
    'moodle-plugin-stubs',
    'package.mjs: a changed file gets another modification date (OPcache)',
    before.size === 3 &&
      before.get('p/a.php') !== after.get('p/a.php') &&
      before.get('p/b.php') === after.get('p/b.php'),
    JSON.stringify([...before, ...after]),
  );
}

console.log(`check-plugins: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
