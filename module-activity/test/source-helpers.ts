/** Writes small catalog sources into temporary folders, for the validator, build and CLI tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SourceModule } from '../src/catalog/schema.js';
import { validSource } from './fixtures.js';

export const THUMBNAIL =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9"><rect width="16" height="9"/></svg>';

export interface TempSource {
  dir: string;
  write(path: string, content: string | Buffer): void;
  writeModule(module: unknown, files?: Record<string, string>): void;
  remove(): void;
}

export function tempDir(prefix = 'mag-catalog-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A source folder with `catalog.json` and the given modules (each with a thumbnail). */
export function tempSource(modules: SourceModule[] = [validSource()]): TempSource {
  const { dir, remove } = tempDir();
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const writeModule = (module: unknown, files: Record<string, string> = {}) => {
    const { id, version } = module as { id: string; version: string };
    const folder = `modules/${id}/${version}`;
    write(`${folder}/module.json`, JSON.stringify(module, null, 2));
    write(`${folder}/thumbnail.svg`, THUMBNAIL);
    for (const [path, content] of Object.entries(files)) write(`${folder}/${path}`, content);
  };
  write('catalog.json', JSON.stringify({ format: 'mag-catalog', formatVersion: 1, title: 'Test', publisher: 'Tests' }));
  for (const module of modules) writeModule(module);
  return { dir, write, writeModule, remove };
}

export function version(
  module: SourceModule,
  next: string,
  date: string,
  change?: (m: SourceModule) => void,
): SourceModule {
  const copy = structuredClone(module);
  copy.version = next;
  copy.date = date;
  copy.releaseNotes = `Version ${next}.`;
  change?.(copy);
  return copy;
}
