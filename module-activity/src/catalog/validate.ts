/**
 * Validation of a catalog's source folder (Node only), the first half of `mag-catalog validate` and `build`:
 *
 * ```
 * DIR/catalog.json                          the catalog's title and publisher
 * DIR/h5p-libraries/<Name-1.0>/             H5P libraries shared by the H5P items (optional)
 * DIR/modules/<id>/<version>/module.json    one module version (SourceModule), with its files beside it
 * ```
 *
 * Every problem is collected (never the first one only), each with its file and field path. The folder is
 * read once into a list of real files: symbolic links are refused and never followed, so no path, however
 * written, reaches outside the source; paths that climb out of a module version's folder are refused too.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import * as v from 'valibot';
import { DEFAULT_SETTINGS } from '../../../wordcloud/src/trainer-protocol.js';
import { H5PJson, H5PLibraryJson, isLibraryFolderName, libraryFolder, resolveH5PDependencies } from './h5p.js';
import { decodeAttribute, htmlRisks, isUnsafeSvg, refKind, rewriteRefs, splitRef } from './html.js';
import { checkFile, formatPath, type PathPart, type Problem } from './issues.js';
import { CatalogSource, LIMITS, ModuleId, SourceModule, Version, type SourceItem } from './schema.js';
import { isMajorChange, sortVersions } from './semver.js';

/** The real files of a source folder (relative `/`-separated paths → size in bytes) and its folders. */
export interface SourceTree {
  root: string;
  files: Map<string, number>;
  dirs: Set<string>;
}

export interface LoadedH5P {
  itemId: string;
  /** The content folder, relative to the version folder. */
  path: string;
  /** Files of the content folder (its library folders left out), relative to the content folder. */
  files: string[];
  /** Library folder names the content needs, dependencies first. */
  libraries: string[];
}

export interface LoadedVersion {
  id: string;
  version: string;
  /** `modules/<id>/<version>`, relative to the source folder. */
  folder: string;
  module: SourceModule;
  /** Files of the version the package uses, relative to the version folder (H5P content folders apart). */
  files: Set<string>;
  /** The HTML of each page item by item id, inlined and with its references relative to the version folder. */
  pages: Map<string, string>;
  h5p: LoadedH5P[];
}

export interface LoadedLibrary {
  folder: string;
  /** Where the library's files are, relative to the source folder. */
  from: string;
  json: H5PLibraryJson;
  /** Files relative to the library folder. */
  files: string[];
}

export interface LoadedCatalog {
  root: string;
  source: CatalogSource;
  /** Sorted by id; versions oldest first. */
  modules: { id: string; versions: LoadedVersion[] }[];
  /** The library folders the H5P items use, by folder name: the copy with the highest patch version. */
  libraries: Map<string, LoadedLibrary>;
}

export interface ValidationResult {
  problems: Problem[];
  errors: number;
  warnings: number;
  modules: number;
  versions: number;
  /** Only when there is no error. */
  catalog?: LoadedCatalog;
}

const MAX_FILES = 200_000;
const SAFE_PATH = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/;

/** Reads the folder's real files and folders; hidden entries (`.git`, `.DS_Store`) are skipped. */
export async function readTree(root: string, problems: Problem[]): Promise<SourceTree> {
  const tree: SourceTree = { root, files: new Map(), dirs: new Set(['']) };
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(join(root, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        problems.push({ file: path, path: '', code: 'symlink', severity: 'error' });
      } else if (entry.isDirectory()) {
        tree.dirs.add(path);
        await visit(path);
      } else if (entry.isFile()) {
        if (tree.files.size >= MAX_FILES) throw new Error(`More than ${MAX_FILES} files in ${root}`);
        tree.files.set(path, (await stat(join(root, path))).size);
      }
    }
  };
  await visit('');
  return tree;
}

function children(tree: SourceTree, folder: string): { dirs: string[]; files: string[] } {
  const prefix = folder === '' ? '' : `${folder}/`;
  const direct = (path: string) =>
    path.startsWith(prefix) && path !== folder && !path.slice(prefix.length).includes('/');
  return {
    dirs: [...tree.dirs].filter(direct).map((path) => path.slice(prefix.length)),
    files: [...tree.files.keys()].filter(direct).map((path) => path.slice(prefix.length)),
  };
}

/** Every file under `folder`, relative to it. */
function filesUnder(tree: SourceTree, folder: string): string[] {
  const prefix = `${folder}/`;
  return [...tree.files.keys()].filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length));
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/** Reads and parses a JSON file of the tree; problems when missing, too large or malformed. */
async function readJson(
  tree: SourceTree,
  file: string,
  maxBytes: number,
  problems: Problem[],
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const size = tree.files.get(file);
  if (size === undefined) {
    problems.push({ file, path: '', code: 'file_missing', severity: 'error' });
    return { ok: false };
  }
  if (size > maxBytes) {
    problems.push({ file, path: '', code: 'file_too_large', params: { size, max: maxBytes }, severity: 'error' });
    return { ok: false };
  }
  const text = (await readFile(join(tree.root, file), 'utf8')).replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const where = position ? lineAndColumn(text, Number(position[1])) : { line: '?', column: '?' };
    problems.push({ file, path: '', code: 'json_syntax', params: { ...where, message }, severity: 'error' });
    return { ok: false };
  }
}

class VersionChecker {
  readonly files = new Set<string>();
  readonly pages = new Map<string, string>();
  readonly h5p: LoadedH5P[] = [];
  readonly file: string;

  constructor(
    private readonly tree: SourceTree,
    readonly folder: string,
    private readonly problems: Problem[],
    private readonly libraries: LibraryPool,
  ) {
    this.file = `${folder}/module.json`;
  }

  error(path: readonly PathPart[], code: Problem['code'], params?: Problem['params'], file = this.file): void {
    this.problems.push({ file, path: formatPath(path), code, ...(params ? { params } : {}), severity: 'error' });
  }

  warn(path: readonly PathPart[], code: Problem['code'], params?: Problem['params'], file = this.file): void {
    this.problems.push({ file, path: formatPath(path), code, ...(params ? { params } : {}), severity: 'warning' });
  }

  /** A file of the version named by a schema-checked relative path: it must exist and fit `maxBytes`. */
  localFile(ref: string, path: readonly PathPart[], maxBytes: number = LIMITS.fileBytes): boolean {
    const full = `${this.folder}/${ref}`;
    const size = this.tree.files.get(full);
    if (size === undefined) {
      this.error(path, 'ref_missing', { ref });
      return false;
    }
    if (size > maxBytes) {
      this.error(path, 'file_too_large', { size, max: maxBytes });
      return false;
    }
    this.files.add(ref);
    return true;
  }

  async check(module: SourceModule): Promise<void> {
    if (this.localFile(module.thumbnail, ['thumbnail'], LIMITS.thumbnailBytes) && /\.svg$/i.test(module.thumbnail)) {
      const svg = await readFile(join(this.tree.root, this.folder, module.thumbnail), 'utf8');
      if (isUnsafeSvg(svg)) this.error(['thumbnail'], 'svg_unsafe');
    }
    if (module.durations.distance === 0 && module.durations.inPerson === 0) this.error(['durations'], 'durations_zero');
    const itemMinutes = module.items.reduce((sum, item) => sum + item.duration, 0);
    const distance = module.durations.distance;
    if (distance > 0 && Math.abs(itemMinutes - distance) > Math.max(15, distance / 2)) {
      this.warn(['durations', 'distance'], 'durations_mismatch', { items: itemMinutes, distance });
    }
    const seen = new Map<string, number>();
    for (const [index, item] of module.items.entries()) {
      const first = seen.get(item.id);
      if (first !== undefined) this.error(['items', index, 'id'], 'duplicate_item_id', { id: item.id, first });
      else seen.set(item.id, index);
      await this.checkItem(item, ['items', index]);
    }
  }

  async checkItem(item: SourceItem, path: PathPart[]): Promise<void> {
    switch (item.kind) {
      case 'page':
        return this.checkPage(item, path);
      case 'video':
        if (!item.src.startsWith('https://')) this.localFile(item.src, [...path, 'src']);
        if (item.poster && !item.poster.startsWith('https://')) this.localFile(item.poster, [...path, 'poster']);
        for (const [i, track] of item.captions.entries()) {
          if (track.src.startsWith('https://')) continue;
          if (!this.localFile(track.src, [...path, 'captions', i, 'src'])) continue;
          const head = (await readFile(join(this.tree.root, this.folder, track.src), 'utf8')).slice(0, 16);
          if (!/^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(head)) this.error([...path, 'captions', i, 'src'], 'vtt_invalid');
        }
        return;
      case 'h5p':
        return this.checkH5P(item.id, item.path, [...path, 'path']);
      case 'quiz':
        for (const [i, question] of item.questions.entries()) {
          const answers = 'answers' in question ? question.answers : undefined;
          if (!answers) continue;
          const passable =
            question.type === 'multiple'
              ? answers.some((answer) => answer.fraction > 0)
              : answers.some((answer) => answer.fraction === 100);
          if (!passable) this.error([...path, 'questions', i, 'answers'], 'quiz_no_right_answer');
        }
        return;
      case 'wordcloud': {
        const settings = { ...DEFAULT_SETTINGS, ...item.settings };
        if (settings.minPerPerson > settings.maxPerPerson) {
          this.error([...path, 'settings'], 'wordcloud_limits', {
            min: settings.minPerPerson,
            max: settings.maxPerPerson,
          });
        }
        return;
      }
    }
  }

  async checkPage(item: Extract<SourceItem, { kind: 'page' }>, path: PathPart[]): Promise<void> {
    if ((item.html === undefined) === (item.src === undefined)) {
      this.error(path, 'page_source');
      return;
    }
    let html = item.html ?? '';
    let base = '';
    let file = this.file;
    let at: PathPart[] = [...path, 'html'];
    if (item.src !== undefined) {
      if (!this.localFile(item.src, [...path, 'src'], LIMITS.pageHtml * 3)) return;
      this.files.delete(item.src); // inlined, not copied
      html = (await readFile(join(this.tree.root, this.folder, item.src), 'utf8')).replace(/^\uFEFF/, '');
      if (html.length > LIMITS.pageHtml) {
        this.error([...path, 'src'], 'issue_max_length', { count: LIMITS.pageHtml, length: html.length });
        return;
      }
      base = posix.dirname(item.src) === '.' ? '' : posix.dirname(item.src);
      file = `${this.folder}/${item.src}`;
      at = [];
    }
    for (const risk of htmlRisks(html)) {
      if (risk.kind === 'script') this.warn(at, 'html_script', undefined, file);
      else if (risk.kind === 'embed') this.warn(at, 'html_iframe', { tag: risk.tag }, file);
      else if (risk.kind === 'handler') this.warn(at, 'html_handler', { attr: risk.attribute }, file);
      else this.warn(at, 'html_javascript_url', undefined, file);
    }
    let ok = true;
    const rewritten = rewriteRefs(html, (ref) => {
      const kind = refKind(ref.value);
      const shown = decodeAttribute(ref.value);
      if (kind === 'absolute') {
        this.error(at, 'ref_absolute', { ref: shown }, file);
        ok = false;
      } else if (kind === 'external' && ref.attribute !== 'href' && /^\s*(?:https?:)?\/\//i.test(shown)) {
        this.warn(at, 'external_src', { ref: shown }, file);
      } else if (kind === 'relative') {
        const { path: target, suffix } = splitRef(ref.value);
        const resolved = posix.normalize(posix.join(base, target));
        if (resolved === '..' || resolved.startsWith('../')) {
          this.error(at, 'ref_outside', { ref: shown }, file);
          ok = false;
        } else if (!SAFE_PATH.test(resolved)) {
          this.error(at, 'ref_unsafe', { ref: shown }, file);
          ok = false;
        } else if (this.tree.files.has(`${this.folder}/${resolved}`)) {
          if (!this.localFile(resolved, at)) ok = false;
          return resolved + suffix;
        } else {
          this.error(at, 'ref_missing', { ref: shown }, file);
          ok = false;
        }
      }
      return undefined;
    });
    if (ok) this.pages.set(item.id, rewritten);
  }

  async checkH5P(itemId: string, path: string, at: PathPart[]): Promise<void> {
    const folder = `${this.folder}/${path}`;
    if (!this.tree.dirs.has(folder)) {
      this.error(at, 'folder_missing');
      return;
    }
    const h5pFile = `${folder}/h5p.json`;
    const read = await readJson(this.tree, h5pFile, 1024 * 1024, this.problems);
    if (!read.ok) return;
    // H5P's own files carry fields we do not model: unknown fields are fine there.
    const { output: parsed, problems } = checkFile(H5PJson, read.value, h5pFile, { unknownFields: false });
    this.problems.push(...problems);
    if (!parsed) return;
    if (!parsed.preloadedDependencies.some((dependency) => dependency.machineName === parsed.mainLibrary)) {
      this.error(['mainLibrary'], 'h5p_main_missing', { library: parsed.mainLibrary }, h5pFile);
    }
    const contentFile = `${folder}/content/content.json`;
    if (!this.tree.files.has(contentFile)) this.error([], 'h5p_content_missing', undefined, h5pFile);
    else await readJson(this.tree, contentFile, LIMITS.fileBytes, this.problems);

    const own = new Map<string, string>();
    for (const dir of children(this.tree, folder).dirs) {
      if (isLibraryFolderName(dir)) own.set(dir, `${folder}/${dir}`);
    }
    const files = filesUnder(this.tree, folder).filter((file) => !own.has(file.split('/')[0]!));
    if (files.length > LIMITS.h5pFiles) {
      this.error(at, 'h5p_too_many_files', { count: files.length, max: LIMITS.h5pFiles });
    }
    for (const file of files) {
      const size = this.tree.files.get(`${folder}/${file}`)!;
      if (size > LIMITS.fileBytes) {
        this.problems.push({
          file: `${folder}/${file}`,
          path: '',
          code: 'file_too_large',
          params: { size, max: LIMITS.fileBytes },
          severity: 'error',
        });
      }
    }
    const libraries = await Promise.all(
      [...own].map(async ([name, from]) => [name, await this.libraries.load(from)] as const),
    );
    const ownLibraries = new Map(libraries.filter(([, library]) => library !== undefined)) as Map<
      string,
      LoadedLibrary
    >;
    const { order, missing } = resolveH5PDependencies(
      parsed,
      (name) => ownLibraries.get(name)?.json ?? this.libraries.shared.get(name)?.json,
    );
    for (const gap of missing) {
      this.error(
        ['preloadedDependencies'],
        'h5p_library_missing',
        { library: gap.folder, neededBy: gap.neededBy },
        h5pFile,
      );
    }
    for (const name of order) this.libraries.use(ownLibraries.get(name) ?? this.libraries.shared.get(name)!);
    this.h5p.push({ itemId, path, files, libraries: order });
  }
}

/** H5P libraries: the shared ones, each loaded once, and the copies the items use. */
class LibraryPool {
  readonly shared = new Map<string, LoadedLibrary>();
  readonly used = new Map<string, LoadedLibrary>();
  private readonly cache = new Map<string, Promise<LoadedLibrary | undefined>>();

  constructor(
    private readonly tree: SourceTree,
    private readonly problems: Problem[],
  ) {}

  load(from: string): Promise<LoadedLibrary | undefined> {
    let loading = this.cache.get(from);
    if (!loading) this.cache.set(from, (loading = this.read(from)));
    return loading;
  }

  private async read(from: string): Promise<LoadedLibrary | undefined> {
    const file = `${from}/library.json`;
    const read = await readJson(this.tree, file, 1024 * 1024, this.problems);
    if (!read.ok) return undefined;
    const { output: json, problems } = checkFile(H5PLibraryJson, read.value, file, { unknownFields: false });
    this.problems.push(...problems);
    if (!json) return undefined;
    const folder = posix.basename(from);
    if (libraryFolder(json) !== folder) {
      this.problems.push({
        file,
        path: '',
        code: 'h5p_library_mismatch',
        params: { found: libraryFolder(json) },
        severity: 'error',
      });
      return undefined;
    }
    const files = filesUnder(this.tree, from);
    let ok = true;
    for (const [key, list] of [
      ['preloadedJs', json.preloadedJs ?? []],
      ['preloadedCss', json.preloadedCss ?? []],
    ] as const) {
      for (const [i, entry] of list.entries()) {
        const target = posix.normalize(entry.path);
        if (target.startsWith('../') || !files.includes(target)) {
          this.problems.push({
            file,
            path: formatPath([key, i, 'path']),
            code: 'h5p_library_file_missing',
            params: { ref: entry.path },
            severity: 'error',
          });
          ok = false;
        }
      }
    }
    return ok ? { folder, from, json, files } : undefined;
  }

  use(library: LoadedLibrary): void {
    const current = this.used.get(library.folder);
    if (!current || current === library) {
      this.used.set(library.folder, library);
      return;
    }
    const patch = library.json.patchVersion - current.json.patchVersion;
    if (patch > 0) this.used.set(library.folder, library);
    else if (patch === 0 && !sameFiles(this.tree, current, library)) {
      this.problems.push({
        file: library.from,
        path: '',
        code: 'h5p_patch_conflict',
        params: {
          library: library.folder,
          version: `${library.json.majorVersion}.${library.json.minorVersion}.${library.json.patchVersion}`,
          kept: current.from,
        },
        severity: 'warning',
      });
    }
  }
}

function sameFiles(tree: SourceTree, a: LoadedLibrary, b: LoadedLibrary): boolean {
  if (a.files.length !== b.files.length) return false;
  return a.files.every(
    (file, i) =>
      file === b.files[i] && tree.files.get(`${a.from}/${file}`) === tree.files.get(`${b.from}/${b.files[i]}`),
  );
}

/** Validates the catalog source in `root`. Never throws for a problem of the catalog; reports it. */
export async function validateSource(root: string): Promise<ValidationResult> {
  const problems: Problem[] = [];
  const done = (extra: Partial<ValidationResult> = {}): ValidationResult => {
    const errors = problems.filter((p) => p.severity === 'error').length;
    return {
      problems,
      errors,
      warnings: problems.length - errors,
      modules: extra.modules ?? 0,
      versions: extra.versions ?? 0,
      ...(errors === 0 && extra.catalog ? { catalog: extra.catalog } : {}),
    };
  };
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch {
    problems.push({ file: '', path: '', code: 'folder_missing', severity: 'error' });
    return done();
  }
  const tree = await readTree(root, problems);

  const catalogRead = await readJson(tree, 'catalog.json', 1024 * 1024, problems);
  const source = catalogRead.ok ? checkFile(CatalogSource, catalogRead.value, 'catalog.json') : undefined;
  if (source) problems.push(...source.problems);

  const pool = new LibraryPool(tree, problems);
  if (tree.dirs.has('h5p-libraries')) {
    const { dirs, files } = children(tree, 'h5p-libraries');
    for (const file of files) {
      problems.push({ file: `h5p-libraries/${file}`, path: '', code: 'stray_file', severity: 'warning' });
    }
    for (const dir of dirs) {
      if (!isLibraryFolderName(dir)) {
        problems.push({ file: `h5p-libraries/${dir}`, path: '', code: 'stray_file', severity: 'warning' });
        continue;
      }
      const library = await pool.load(`h5p-libraries/${dir}`);
      if (library) pool.shared.set(dir, library);
    }
  }

  const modules: LoadedCatalog['modules'] = [];
  let versionCount = 0;
  const moduleDirs = tree.dirs.has('modules') ? children(tree, 'modules') : { dirs: [], files: [] };
  for (const file of moduleDirs.files) {
    problems.push({ file: `modules/${file}`, path: '', code: 'stray_file', severity: 'warning' });
  }
  if (moduleDirs.dirs.length === 0)
    problems.push({ file: 'modules', path: '', code: 'catalog_empty', severity: 'error' });

  for (const id of moduleDirs.dirs) {
    const moduleFolder = `modules/${id}`;
    if (!v.is(ModuleId, id)) {
      problems.push({ file: moduleFolder, path: '', code: 'bad_module_folder', severity: 'error' });
      continue;
    }
    const { dirs, files } = children(tree, moduleFolder);
    for (const file of files)
      problems.push({ file: `${moduleFolder}/${file}`, path: '', code: 'stray_file', severity: 'warning' });
    const versionDirs = dirs.filter((dir) => {
      if (v.is(Version, dir)) return true;
      problems.push({ file: `${moduleFolder}/${dir}`, path: '', code: 'bad_version_folder', severity: 'error' });
      return false;
    });
    if (versionDirs.length === 0) {
      problems.push({ file: moduleFolder, path: '', code: 'catalog_empty', severity: 'error' });
      continue;
    }
    const versions: LoadedVersion[] = [];
    for (const version of sortVersions(versionDirs)) {
      versionCount++;
      const folder = `${moduleFolder}/${version}`;
      const file = `${folder}/module.json`;
      const read = await readJson(tree, file, LIMITS.packageBytes, problems);
      if (!read.ok) continue;
      const { output: module, problems: found } = checkFile(SourceModule, read.value, file);
      problems.push(...found);
      if (!module) continue;
      if (module.id !== id) {
        problems.push({
          file,
          path: 'id',
          code: 'id_mismatch',
          params: { id: module.id, folder: id },
          severity: 'error',
        });
      }
      if (module.version !== version) {
        problems.push({
          file,
          path: 'version',
          code: 'version_mismatch',
          params: { version: module.version, folder: version },
          severity: 'error',
        });
      }
      const checker = new VersionChecker(tree, folder, problems, pool);
      await checker.check(module);
      let bytes = 0;
      for (const path of filesUnder(tree, folder)) bytes += tree.files.get(`${folder}/${path}`)!;
      if (bytes > LIMITS.versionBytes) {
        problems.push({
          file: folder,
          path: '',
          code: 'version_too_large',
          params: { size: bytes, max: LIMITS.versionBytes },
          severity: 'error',
        });
      }
      const inlined = module.items.map((item) =>
        item.kind === 'page' ? { ...item, html: checker.pages.get(item.id) ?? '' } : item,
      );
      const packageSize = Buffer.byteLength(JSON.stringify({ ...module, items: inlined }, null, 2));
      if (packageSize > LIMITS.packageBytes) {
        problems.push({
          file,
          path: '',
          code: 'package_too_large',
          params: { size: packageSize, max: LIMITS.packageBytes },
          severity: 'error',
        });
      }
      versions.push({ id, version, folder, module, files: checker.files, pages: checker.pages, h5p: checker.h5p });
    }
    checkHistory(versions, problems);
    modules.push({ id, versions });
  }

  for (const [name, library] of pool.shared) {
    if (![...pool.used.values()].some((used) => used.folder === name)) {
      problems.push({ file: library.from, path: '', code: 'h5p_library_unused', severity: 'warning' });
    }
  }

  const catalog =
    source?.output !== undefined
      ? {
          root,
          source: source.output,
          modules,
          libraries: new Map([...pool.used].sort(([a], [b]) => (a < b ? -1 : 1))),
        }
      : undefined;
  return done({ modules: modules.length, versions: versionCount, ...(catalog ? { catalog } : {}) });
}

/**
 * Rules across the versions of one module (oldest first): dates follow versions, an item id keeps its kind
 * forever, and an item may only disappear in a new major version (progress is kept by item id).
 */
function checkHistory(versions: readonly LoadedVersion[], problems: Problem[]): void {
  const kinds = new Map<string, { kind: string; version: string }>();
  for (const [index, current] of versions.entries()) {
    const file = `${current.folder}/module.json`;
    const previous = versions[index - 1];
    if (previous) {
      if (current.module.date < previous.module.date) {
        problems.push({
          file,
          path: 'date',
          code: 'date_order',
          params: {
            version: current.version,
            date: current.module.date,
            previous: previous.version,
            previousDate: previous.module.date,
          },
          severity: 'error',
        });
      }
      if (!isMajorChange(previous.version, current.version)) {
        const ids = new Set(current.module.items.map((item) => item.id));
        for (const item of previous.module.items) {
          if (ids.has(item.id)) continue;
          problems.push({
            file,
            path: 'items',
            code: 'item_removed',
            params: { id: item.id, previous: previous.version, version: current.version },
            severity: 'error',
          });
        }
      }
    }
    for (const [i, item] of current.module.items.entries()) {
      const before = kinds.get(item.id);
      if (before && before.kind !== item.kind) {
        problems.push({
          file,
          path: formatPath(['items', i, 'kind']),
          code: 'item_kind_changed',
          params: { id: item.id, before: before.kind, previous: before.version, after: item.kind },
          severity: 'error',
        });
      } else if (!before) {
        kinds.set(item.id, { kind: item.kind, version: current.version });
      }
    }
  }
}
