/**
 * Writes docs/catalog.schema.json from the valibot schemas: `npm run catalog:schema -w module-activity`
 * (or `node --import tsx module-activity/scripts/catalog-schema.ts`), formatted with the project's Prettier
 * settings so that the format check passes. `--check` only compares, and exits 1 when the committed file is
 * stale (test/json-schema.test.ts does the same).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { catalogJsonSchemaText } from '../src/catalog/json-schema.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../docs/catalog.schema.json', import.meta.url));

/** The file's expected text. */
export async function expectedSchemaFile(): Promise<string> {
  const config = await prettier.resolveConfig(SCHEMA_FILE);
  return prettier.format(catalogJsonSchemaText(), { ...config, filepath: SCHEMA_FILE });
}

async function run(): Promise<void> {
  const text = await expectedSchemaFile();
  if (process.argv.includes('--check')) {
    const current = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    if (current !== text) {
      console.error(`${SCHEMA_FILE} is stale: run npm run catalog:schema -w module-activity`);
      process.exitCode = 1;
    }
    return;
  }
  await writeFile(SCHEMA_FILE, text);
  console.log(`Wrote ${SCHEMA_FILE}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
