/**
 * `docs/catalog.schema.json`, generated from the valibot schemas (`npm run catalog:schema -w
 * module-activity` writes it; a test fails when the committed file is stale).
 *
 * Like the validator, the JSON Schema refuses unknown fields (`additionalProperties: false`), so that an
 * editor flags a typo; readers ignore them. Rules that span fields or files are the validator's only
 * (see schema.ts), and so are checks valibot cannot express in JSON Schema (an https URL that parses).
 */
import { toJsonSchemaDefs, type JsonSchema } from '@valibot/to-json-schema';
import {
  Author,
  CatalogIndex,
  CatalogSource,
  FORMAT_VERSION,
  Item,
  ModuleEntry,
  ModulePackage,
  Origin,
  SourceItem,
  SourceModule,
  VersionEntry,
} from './schema.js';
import { Question } from '../../../quiz/src/model.js';

/** The definitions a document may be checked against, e.g. `catalog.schema.json#/$defs/SourceModule`. */
export const DOCUMENTS = ['CatalogIndex', 'ModulePackage', 'SourceModule', 'CatalogSource'] as const;

export function catalogJsonSchema(): JsonSchema {
  const defs = toJsonSchemaDefs(
    {
      CatalogIndex,
      ModulePackage,
      SourceModule,
      CatalogSource,
      ModuleEntry,
      VersionEntry,
      Item,
      SourceItem,
      Author,
      Origin,
      Question,
    },
    {
      target: 'draft-2020-12',
      errorMode: 'ignore',
      overrideSchema: ({ valibotSchema, jsonSchema }) =>
        valibotSchema.type === 'object' ? { ...jsonSchema, additionalProperties: false } : undefined,
    },
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Magistère activities: module catalog, format version ${FORMAT_VERSION}`,
    description:
      'Generated from module-activity/src/catalog/schema.ts; see docs/catalog.md. A file is one of the documents ' +
      'below: point an editor at catalog.schema.json#/$defs/<Document> to check it against one of them.',
    anyOf: DOCUMENTS.map((name) => ({ $ref: `#/$defs/${name}` })),
    $defs: defs,
  };
}

/** The JSON text (two-space indentation, final newline), for `mag-catalog schema`. */
export function catalogJsonSchemaText(): string {
  return `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`;
}
