#!/usr/bin/env node
// Builds amd/build/*.min.js from amd/src/*.js for every plugin, without grunt and without npm dependencies.
//
// Moodle's own build (grunt amd) transpiles with Babel and minifies; here the source is modern JavaScript that
// every browser Moodle 4.5 supports runs as it is, so the build only wraps the ES module into the AMD
// `define()` Moodle's loader expects. Supported source shapes: `import Name from 'component/module';`,
// `import * as Name from 'component/module';`, `import {a, b as c} from 'component/module';` and
// `export const name = …` / `export function name`. Run with `--check` to fail when a build is out of date
// (tools/check-plugins.mjs does).
//
// Usage: node moodle-plugin-stubs/tools/build-amd.mjs [--check]
import { readFileSync, writeFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Wraps one ES module source into an AMD module named `<component>/<module>`. */
export function toAmd(source, component, moduleName) {
  const deps = [];
  const params = ['_exports'];
  const bindings = [];
  let body = source.replace(
    /^import\s+(?:([A-Za-z_$][\w$]*)|\*\s+as\s+([A-Za-z_$][\w$]*)|\{([^}]*)\})\s+from\s+'([^']+)';\s*$/gm,
    (_, local, namespace, named, dep) => {
      deps.push(dep);
      if (local) {
        // Default import, with Babel's interop (a module without a default export gives the module itself).
        params.push(`_${local}`);
        bindings.push(`    const ${local} = _${local} && _${local}.__esModule ? _${local}.default : _${local};`);
      } else if (namespace) {
        params.push(`_${namespace}`);
        bindings.push(`    const ${namespace} = _${namespace};`);
      } else {
        const param = `_${dep.replace(/[^\w$]/g, '_')}`;
        const names = named
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
          .map((part) => {
            const m = part.match(/^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/);
            if (!m) throw new Error(`${component}/${moduleName}: unsupported import specifier ${part}`);
            return m[2] ? `${m[1]}: ${m[2]}` : m[1];
          });
        params.push(param);
        bindings.push(`    const {${names.join(', ')}} = ${param};`);
      }
      return '';
    },
  );
  if (/^\s*import\s/m.test(body)) throw new Error(`${component}/${moduleName}: unsupported import form`);
  const exported = [];
  body = body.replace(/^export\s+(const|let|function|async function)\s+([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*export\s/m.test(body)) throw new Error(`${component}/${moduleName}: unsupported export form`);
  const interop = bindings.join('\n');
  const exports = exported.map((name) => `    _exports.${name} = ${name};`).join('\n');
  // Comments go (the source keeps them): whole-line block comments and whole-line // comments only, so that
  // nothing inside strings or template literals is touched.
  body = body.replace(/^[ \t]*\/\*[\s\S]*?\*\/[ \t]*\n/gm, '').replace(/^[ \t]*\/\/.*\n/gm, '');
  const indented = body
    .trim()
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
  return (
    `// Generated from amd/src/${moduleName}.js by moodle-plugin-stubs/tools/build-amd.mjs: do not edit.\n` +
    `// This file is part of Moodle - https://moodle.org/ - GNU GPL v3 or later.\n` +
    `define(${JSON.stringify(`${component}/${moduleName}`)}, ${JSON.stringify(['exports', ...deps])}, function(${params.join(', ')}) {\n` +
    `    "use strict";\n` +
    `    Object.defineProperty(_exports, "__esModule", {value: true});\n` +
    (interop ? `${interop}\n` : '') +
    `${indented}\n` +
    `${exports}\n` +
    `});\n`
  );
}

/** Every plugin folder (type_name) of moodle-plugin-stubs. */
export function pluginDirs() {
  return readdirSync(root, { withFileTypes: true })
    .filter(
      (d) => d.isDirectory() && /^[a-z]+_[a-z0-9_]+$/.test(d.name) && existsSync(join(root, d.name, 'version.php')),
    )
    .map((d) => d.name);
}

/** Builds (or, with check, compares) every AMD module; returns the list of out-of-date files. */
export function buildAll({ check = false } = {}) {
  const stale = [];
  for (const component of pluginDirs()) {
    const src = join(root, component, 'amd', 'src');
    if (!existsSync(src)) continue;
    for (const file of readdirSync(src).filter((f) => f.endsWith('.js'))) {
      const name = basename(file, '.js');
      const out = join(root, component, 'amd', 'build', `${name}.min.js`);
      const built = toAmd(readFileSync(join(src, file), 'utf8'), component, name);
      const current = existsSync(out) ? readFileSync(out, 'utf8') : null;
      if (current === built) continue;
      if (check) {
        stale.push(`${component}/amd/build/${name}.min.js`);
      } else {
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, built);
        console.log(`built ${component}/amd/build/${name}.min.js`);
      }
    }
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const stale = buildAll({ check });
  if (stale.length) {
    console.error(`out of date (run node moodle-plugin-stubs/tools/build-amd.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
  if (check) console.log('build-amd: builds are up to date');
}
