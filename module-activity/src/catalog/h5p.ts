/**
 * What the catalog needs to know of H5P's own files (https://h5p.org/documentation/developers/json-file-definitions):
 * `h5p.json` at the root of an extracted `.h5p`, and `library.json` in each library folder, named
 * `<machineName>-<major>.<minor>` as h5p-standalone expects. Only the fields we use are checked; H5P's other
 * fields are kept as they are.
 */
import * as v from 'valibot';

const MachineName = v.pipe(v.string(), v.regex(/^[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+$/, 'h5p_machine_name'));
const VersionNumber = v.pipe(v.number(), v.integer(), v.minValue(0));

export const H5PDependency = v.object({
  machineName: MachineName,
  majorVersion: VersionNumber,
  minorVersion: VersionNumber,
});
export type H5PDependency = v.InferOutput<typeof H5PDependency>;

/** `h5p.json`: the content's title, its main library and the libraries to load. */
export const H5PJson = v.object({
  title: v.pipe(v.string(), v.minLength(1)),
  mainLibrary: MachineName,
  language: v.optional(v.string()),
  embedTypes: v.optional(v.array(v.picklist(['div', 'iframe']))),
  preloadedDependencies: v.pipe(v.array(H5PDependency), v.minLength(1)),
});
export type H5PJson = v.InferOutput<typeof H5PJson>;

const FilePath = v.object({ path: v.pipe(v.string(), v.minLength(1)) });

/** `library.json` of a library folder. */
export const H5PLibraryJson = v.object({
  title: v.pipe(v.string(), v.minLength(1)),
  machineName: MachineName,
  majorVersion: VersionNumber,
  minorVersion: VersionNumber,
  patchVersion: VersionNumber,
  runnable: v.optional(v.picklist([0, 1])),
  preloadedJs: v.optional(v.array(FilePath)),
  preloadedCss: v.optional(v.array(FilePath)),
  preloadedDependencies: v.optional(v.array(H5PDependency)),
  embedTypes: v.optional(v.array(v.picklist(['div', 'iframe']))),
});
export type H5PLibraryJson = v.InferOutput<typeof H5PLibraryJson>;

/** The folder name h5p-standalone looks for: `H5P.MagChoice-1.0`. */
export function libraryFolder(dependency: H5PDependency): string {
  return `${dependency.machineName}-${dependency.majorVersion}.${dependency.minorVersion}`;
}

/** Whether a folder name looks like a library folder (`Name.Space-1.2`). */
export function isLibraryFolderName(name: string): boolean {
  return /^[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+-\d+\.\d+$/.test(name);
}

/**
 * Every library `h5p.json` needs, its dependencies' dependencies included, each once, in a stable order
 * (depth first, dependencies before dependants). `lookup` gives a library's `library.json` by folder name, or
 * undefined when there is none; missing ones are listed in `missing` (with who needs them) instead of thrown.
 */
export function resolveH5PDependencies(
  h5p: H5PJson,
  lookup: (folder: string) => H5PLibraryJson | undefined,
): { order: string[]; missing: { folder: string; neededBy: string }[] } {
  const order: string[] = [];
  const missing: { folder: string; neededBy: string }[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (dependency: H5PDependency, neededBy: string): void => {
    const folder = libraryFolder(dependency);
    if (state.has(folder)) return; // done, or a cycle: H5P tolerates cycles, loading each library once
    state.set(folder, 'visiting');
    const library = lookup(folder);
    if (!library) {
      missing.push({ folder, neededBy });
      state.set(folder, 'done');
      return;
    }
    for (const next of library.preloadedDependencies ?? []) visit(next, folder);
    state.set(folder, 'done');
    order.push(folder);
  };
  for (const dependency of h5p.preloadedDependencies) visit(dependency, 'h5p.json');
  return { order, missing };
}
