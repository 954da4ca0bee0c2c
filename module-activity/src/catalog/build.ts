/**
 * `mag-catalog build DIR OUT` (Node only): turns a valid catalog source into a static catalog that any web
 * server can host as plain files:
 *
 * ```
 * OUT/index.json                               CatalogIndex
 * OUT/modules/<id>/<version>/module.json       ModulePackage (pages inlined)
 * OUT/modules/<id>/<version>/…                 the files the package uses, H5P content folders included
 * OUT/h5p-libraries/<Name-1.0>/…               the H5P libraries the H5P items use, once each
 * ```
 *
 * The output depends only on the source: the same source gives the same bytes (sorted walks, no build
 * time, JSON keys in schema order). It is written to a temporary folder beside OUT and swapped in at the
 * end, so a failed build leaves the previous catalog as it was. An invalid source is refused.
 */
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import * as v from 'valibot';
import {
  CatalogIndex,
  FORMAT_VERSION,
  INDEX_FORMAT,
  LIMITS,
  ModulePackage,
  PACKAGE_FORMAT,
  type Item,
  type ModuleEntry,
} from './schema.js';
import { latestVersion } from './semver.js';
import { validateSource, type LoadedCatalog, type LoadedVersion, type ValidationResult } from './validate.js';

export const LIBRARIES_FOLDER = 'h5p-libraries';

export class BuildError extends Error {
  constructor(
    readonly code: 'invalid_source' | 'out_not_catalog' | 'out_overlaps' | 'index_too_large',
    readonly validation?: ValidationResult,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'BuildError';
  }
}

export interface BuildResult {
  validation: ValidationResult;
  index: CatalogIndex;
  /** Files written, relative to OUT, sorted. */
  files: string[];
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function packageOf(version: LoadedVersion): ModulePackage {
  const { module } = version;
  const items: Item[] = module.items.map((item) => {
    if (item.kind !== 'page') return item;
    const { src: _src, html: _html, ...rest } = item;
    return { ...rest, html: version.pages.get(item.id) ?? '' };
  });
  // Parsing puts the keys in schema order, whatever order the publisher wrote them in.
  return v.parse(ModulePackage, { ...module, format: PACKAGE_FORMAT, formatVersion: FORMAT_VERSION, items });
}

function packagePath(version: LoadedVersion): string {
  return `modules/${version.id}/${version.version}/module.json`;
}

function entryOf(versions: readonly LoadedVersion[]): ModuleEntry {
  const latest = latestVersion(versions.map((version) => version.version))!;
  const current = versions.find((version) => version.version === latest)!;
  const { module } = current;
  return {
    id: module.id,
    title: module.title,
    summary: module.summary,
    objectives: module.objectives,
    nature: module.nature,
    domain: module.domain,
    publics: module.publics,
    durations: module.durations,
    rhythm: module.rhythm,
    origin: module.origin,
    authors: module.authors,
    keywords: module.keywords,
    language: module.language,
    ...(module.license !== undefined ? { license: module.license } : {}),
    thumbnail: `modules/${current.id}/${current.version}/${module.thumbnail}`,
    latest,
    versions: versions.map((version) => ({
      version: version.version,
      date: version.module.date,
      releaseNotes: version.module.releaseNotes,
      package: packagePath(version),
    })),
  };
}

/** The index of a loaded catalog. */
export function indexOf(catalog: LoadedCatalog): CatalogIndex {
  const modules = catalog.modules
    .filter((module) => module.versions.length > 0)
    .map((module) => entryOf(module.versions));
  const dates = catalog.modules.flatMap((module) => module.versions.map((version) => version.module.date)).sort();
  return v.parse(CatalogIndex, {
    format: INDEX_FORMAT,
    formatVersion: FORMAT_VERSION,
    title: catalog.source.title,
    publisher: catalog.source.publisher,
    updated: dates.at(-1) ?? '1970-01-01',
    ...(catalog.libraries.size > 0 ? { h5pLibraries: LIBRARIES_FOLDER } : {}),
    modules,
  });
}

function isInside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}

/** Whether OUT may be replaced: it does not exist, is empty, or holds a catalog we built. */
async function replaceable(out: string): Promise<boolean> {
  try {
    if (!(await stat(out)).isDirectory()) return false;
  } catch {
    return true;
  }
  const entries = await readdir(out);
  if (entries.length === 0) return true;
  try {
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as { format?: unknown };
    return index.format === INDEX_FORMAT;
  } catch {
    return false;
  }
}

/** Validates `source` and, when it has no error, builds the static catalog into `out`. */
export async function buildCatalog(sourceDir: string, outDir: string): Promise<BuildResult> {
  const source = resolve(sourceDir);
  const out = resolve(outDir);
  if (isInside(source, out) || isInside(out, source)) throw new BuildError('out_overlaps');
  const validation = await validateSource(source);
  if (!validation.catalog) throw new BuildError('invalid_source', validation);
  if (!(await replaceable(out))) throw new BuildError('out_not_catalog', validation);
  const catalog = validation.catalog;

  const index = indexOf(catalog);
  const indexText = json(index);
  const indexSize = Buffer.byteLength(indexText);
  if (indexSize > LIMITS.indexBytes) {
    throw new BuildError('index_too_large', validation, { size: indexSize, max: LIMITS.indexBytes });
  }

  const staging = `${out}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const written: string[] = [];
  const write = async (path: string, content: string): Promise<void> => {
    await mkdir(dirname(join(staging, path)), { recursive: true });
    await writeFile(join(staging, path), content);
    written.push(path);
  };
  const copy = async (from: string, path: string): Promise<void> => {
    await mkdir(dirname(join(staging, path)), { recursive: true });
    await copyFile(join(source, from), join(staging, path));
    written.push(path);
  };

  try {
    await write('index.json', indexText);
    for (const module of catalog.modules) {
      for (const version of module.versions) {
        const folder = `modules/${version.id}/${version.version}`;
        await write(packagePath(version), json(packageOf(version)));
        for (const file of [...version.files].sort()) await copy(`${version.folder}/${file}`, `${folder}/${file}`);
        for (const h5p of version.h5p) {
          for (const file of h5p.files) {
            await copy(`${version.folder}/${h5p.path}/${file}`, `${folder}/${h5p.path}/${file}`);
          }
        }
      }
    }
    for (const library of catalog.libraries.values()) {
      for (const file of library.files) {
        await copy(`${library.from}/${file}`, `${LIBRARIES_FOLDER}/${library.folder}/${file}`);
      }
    }
    await rm(out, { recursive: true, force: true });
    await rename(staging, out);
    return { validation, index, files: written.sort() };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
