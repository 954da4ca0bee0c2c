/** `buildCatalog`: the static catalog's files, H5P libraries published once, determinism, and refusals. */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { BuildError, buildCatalog } from '../src/catalog/build.js';
import { CatalogIndex, ModulePackage, type SourceModule } from '../src/catalog/schema.js';
import { validSource } from './fixtures.js';
import { tempDir, tempSource, version, type TempSource } from './source-helpers.js';

const LIBRARY = fileURLToPath(new URL('../catalog-sample/h5p-libraries/H5P.MagChoice-1.0', import.meta.url));

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function source(modules?: SourceModule[]): TempSource {
  const s = tempSource(modules);
  cleanups.push(s.remove);
  return s;
}

function out(): string {
  const t = tempDir('mag-catalog-out-');
  cleanups.push(t.remove);
  return join(t.dir, 'catalog');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function digest(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((file) => [
      file,
      createHash('sha256')
        .update(readFileSync(join(dir, file)))
        .digest('hex'),
    ]),
  );
}

const H5P_JSON = {
  title: 'Formative ou sommative ?',
  language: 'fr',
  mainLibrary: 'H5P.MagChoice',
  embedTypes: ['iframe'],
  license: 'CC BY-SA',
  preloadedDependencies: [{ machineName: 'H5P.MagChoice', majorVersion: 1, minorVersion: 0 }],
};

function withH5P(s: TempSource, module: SourceModule, options: { ownLibraryPatch?: number } = {}): void {
  module.items.push({ kind: 'h5p', id: 'choix', title: 'Choix', duration: 3, path: 'h5p/choix' });
  module.durations.distance += 3;
  const folder = `modules/${module.id}/${module.version}/h5p/choix`;
  s.writeModule(module, {
    'h5p/choix/h5p.json': JSON.stringify(H5P_JSON),
    'h5p/choix/content/content.json': JSON.stringify({ question: 'Q ?', answers: [{ text: 'A', correct: true }] }),
  });
  if (options.ownLibraryPatch !== undefined) {
    cpSync(LIBRARY, join(s.dir, folder, 'H5P.MagChoice-1.0'), { recursive: true });
    const file = join(s.dir, folder, 'H5P.MagChoice-1.0/library.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { patchVersion: number };
    writeFileSync(file, JSON.stringify({ ...json, patchVersion: options.ownLibraryPatch }));
  }
}

describe('buildCatalog', () => {
  it('writes the index, one package per version and only the files they use', async () => {
    const v1 = validSource();
    v1.items[0] = { kind: 'page', id: 'intro', title: 'Intro', duration: 5, src: 'pages/intro.html' };
    const v2 = version(v1, '1.1.0', '2025-10-01', (m) => {
      m.items.push({ kind: 'wordcloud', id: 'nuage', title: 'Nuage', duration: 2, question: 'Un mot ?' });
    });
    const s = source([]);
    for (const module of [v1, v2]) {
      s.writeModule(module, {
        'pages/intro.html': '<p><img src="../images/a.svg" alt="A"></p>',
        'images/a.svg': '<svg/>',
        'brouillon.txt': 'not used',
      });
    }
    const target = out();
    const result = await buildCatalog(s.dir, target);
    expect(result.validation.problems).toEqual([]);
    expect(listFiles(target)).toEqual([
      'index.json',
      'modules/evaluer-competences/1.0.0/images/a.svg',
      'modules/evaluer-competences/1.0.0/module.json',
      'modules/evaluer-competences/1.0.0/thumbnail.svg',
      'modules/evaluer-competences/1.1.0/images/a.svg',
      'modules/evaluer-competences/1.1.0/module.json',
      'modules/evaluer-competences/1.1.0/thumbnail.svg',
    ]);
    const index = v.parse(CatalogIndex, JSON.parse(readFileSync(join(target, 'index.json'), 'utf8')));
    expect(index.updated).toBe('2025-10-01');
    expect(index.h5pLibraries).toBeUndefined();
    expect(index.modules[0]).toMatchObject({
      id: 'evaluer-competences',
      latest: '1.1.0',
      thumbnail: 'modules/evaluer-competences/1.1.0/thumbnail.svg',
      versions: [
        { version: '1.0.0', package: 'modules/evaluer-competences/1.0.0/module.json' },
        { version: '1.1.0', package: 'modules/evaluer-competences/1.1.0/module.json', releaseNotes: 'Version 1.1.0.' },
      ],
    });
    const pkg = JSON.parse(readFileSync(join(target, 'modules/evaluer-competences/1.1.0/module.json'), 'utf8'));
    expect(v.is(ModulePackage, pkg)).toBe(true);
    expect(pkg.items[0]).toEqual({
      kind: 'page',
      id: 'intro',
      title: 'Intro',
      duration: 5,
      html: '<p><img src="images/a.svg" alt="A"></p>',
    });
    expect(Object.keys(pkg).slice(0, 4)).toEqual(['format', 'formatVersion', 'id', 'version']);
  });

  it('gives the same bytes for the same source, and replaces a previous build', async () => {
    const s = source();
    cpSync(LIBRARY, join(s.dir, 'h5p-libraries/H5P.MagChoice-1.0'), { recursive: true });
    withH5P(s, validSource());
    const a = out();
    const b = out();
    await buildCatalog(s.dir, a);
    writeFileSync(join(a, 'stale.json'), '{}');
    await buildCatalog(s.dir, a);
    await buildCatalog(s.dir, b);
    expect(existsSync(join(a, 'stale.json'))).toBe(false);
    expect(digest(a)).toEqual(digest(b));
  });

  it('publishes H5P content without its libraries, and each library once', async () => {
    const s = source([]);
    cpSync(LIBRARY, join(s.dir, 'h5p-libraries/H5P.MagChoice-1.0'), { recursive: true });
    const v1 = validSource();
    withH5P(s, v1);
    withH5P(s, version(validSource(), '1.0.1', '2025-09-02'), { ownLibraryPatch: 3 });
    const target = out();
    const result = await buildCatalog(s.dir, target);
    expect(result.validation.problems).toEqual([]);
    const files = listFiles(target);
    expect(files.filter((file) => file.includes('h5p'))).toEqual([
      'h5p-libraries/H5P.MagChoice-1.0/library.json',
      'h5p-libraries/H5P.MagChoice-1.0/magchoice.css',
      'h5p-libraries/H5P.MagChoice-1.0/magchoice.js',
      'h5p-libraries/H5P.MagChoice-1.0/semantics.json',
      'modules/evaluer-competences/1.0.0/h5p/choix/content/content.json',
      'modules/evaluer-competences/1.0.0/h5p/choix/h5p.json',
      'modules/evaluer-competences/1.0.1/h5p/choix/content/content.json',
      'modules/evaluer-competences/1.0.1/h5p/choix/h5p.json',
    ]);
    const library = JSON.parse(readFileSync(join(target, 'h5p-libraries/H5P.MagChoice-1.0/library.json'), 'utf8'));
    expect(library.patchVersion).toBe(3); // the highest patch wins
    expect(JSON.parse(readFileSync(join(target, 'index.json'), 'utf8')).h5pLibraries).toBe('h5p-libraries');
  });

  it('refuses H5P content whose libraries cannot be found or are broken', async () => {
    const s = source([]);
    withH5P(s, validSource());
    mkdirSync(join(s.dir, 'h5p-libraries/H5P.Other-2.1'), { recursive: true });
    writeFileSync(
      join(s.dir, 'h5p-libraries/H5P.Other-2.1/library.json'),
      JSON.stringify({ title: 'x', machineName: 'H5P.Other', majorVersion: 2, minorVersion: 0, patchVersion: 0 }),
    );
    const error = await buildCatalog(s.dir, out()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    const problems = (error as BuildError).validation!.problems.map((p) => `${p.severity} ${p.file} ${p.code}`);
    expect(problems).toEqual([
      'error h5p-libraries/H5P.Other-2.1/library.json h5p_library_mismatch',
      'error modules/evaluer-competences/1.0.0/h5p/choix/h5p.json h5p_library_missing',
    ]);
  });

  it('refuses an invalid source, an output folder it did not build, and overlapping folders', async () => {
    const bad = source();
    bad.write('modules/evaluer-competences/1.0.0/module.json', '{}');
    const target = out();
    await expect(buildCatalog(bad.dir, target)).rejects.toMatchObject({ code: 'invalid_source' });
    expect(existsSync(target)).toBe(false);

    const good = source();
    mkdirSync(target);
    writeFileSync(join(target, 'notes.txt'), 'précieux');
    await expect(buildCatalog(good.dir, target)).rejects.toMatchObject({ code: 'out_not_catalog' });
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('précieux');
    await expect(buildCatalog(good.dir, join(good.dir, 'dist'))).rejects.toMatchObject({ code: 'out_overlaps' });
  });
});
