/**
 * Problems found in a catalog, in a form a publisher can act on: the file, the field path inside it
 * (`items[2].questions[0].answers`) and a message in French or English. Valibot issues become problems here,
 * and {@link unknownFields} finds the fields that lenient readers would silently drop (typos, mostly).
 */
import * as v from 'valibot';
import { translate, type Locale } from '../../../activities/src/i18n/localize.js';
import { catalogStrings, type CatalogStringKey } from './strings.js';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** The file, relative to the catalog folder, `/`-separated; empty when the problem is the folder itself. */
  file: string;
  /** The field inside the file, e.g. `items[2].title`; empty for the whole file. */
  path: string;
  code: CatalogStringKey;
  params?: Record<string, string | number>;
  severity: Severity;
}

export type PathPart = string | number;

/** `['items', 2, 'title']` → `items[2].title`. */
export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function issuePath(issue: v.BaseIssue<unknown>): PathPart[] {
  return (issue.path ?? []).map((item) => item.key as PathPart);
}

/** A short, readable form of a value for messages (never the whole of a long text). */
export function shortValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  let out: string;
  try {
    out = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    out = String(value);
  }
  return out.length > 60 ? `${out.slice(0, 57)}…` : out;
}

function hasKey(key: string): key is CatalogStringKey {
  return Object.hasOwn(catalogStrings.fr, key);
}

/** The problem a valibot issue describes, at `file`, with its path under `base`. */
export function issueToProblem(
  issue: v.BaseIssue<unknown>,
  file: string,
  base: readonly PathPart[] = [],
): Omit<Problem, 'severity'> {
  const path = formatPath([...base, ...issuePath(issue)]);
  const input = issue.input;
  const requirement = issue.requirement;
  const custom = `issue_${issue.message}`;
  if (hasKey(custom)) return { file, path, code: custom, params: { received: shortValue(input) } };
  if (issue.kind === 'schema') {
    if (input === undefined) return { file, path, code: 'issue_missing' };
    if (issue.type === 'literal' || issue.type === 'picklist' || issue.type === 'variant') {
      return {
        file,
        path,
        code: 'issue_one_of',
        params: { expected: issue.expected ?? '', received: shortValue(input) },
      };
    }
    return {
      file,
      path,
      code: 'issue_type',
      params: { expected: typeName(issue.expected ?? issue.type), received: typeName(jsonType(input)) },
    };
  }
  const n = typeof requirement === 'number' ? requirement : 0;
  const isArray = Array.isArray(input);
  switch (issue.type) {
    case 'min_length':
      if (isArray) return { file, path, code: 'issue_min_items', params: { count: n } };
      return n === 1
        ? { file, path, code: 'issue_empty' }
        : { file, path, code: 'issue_min_length', params: { count: n } };
    case 'max_length':
      return isArray
        ? { file, path, code: 'issue_max_items', params: { count: n } }
        : { file, path, code: 'issue_max_length', params: { count: n, length: String(input).length } };
    case 'min_value':
      return { file, path, code: 'issue_min_value', params: { min: n, received: shortValue(input) } };
    case 'max_value':
      return { file, path, code: 'issue_max_value', params: { max: n, received: shortValue(input) } };
    case 'integer':
      return { file, path, code: 'issue_integer', params: { received: shortValue(input) } };
    default:
      return { file, path, code: 'issue_invalid', params: { received: shortValue(input) } };
  }
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Type names as a publisher reads them in JSON. */
function typeName(name: string): string {
  return name === 'Object' || name === 'strict_object' ? 'object' : name === 'Array' ? 'array' : name;
}

interface SchemaShape {
  type: string;
  entries?: Record<string, SchemaShape>;
  item?: SchemaShape;
  options?: SchemaShape[];
  key?: string;
  wrapped?: SchemaShape;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The fields of `value` that `schema` does not know, at any depth (objects, arrays, variants, optional and
 * nullable wrappers, unions). Readers drop such fields; the validator reports them, since they are mostly typos.
 */
export function unknownFields(
  schema: v.GenericSchema,
  value: unknown,
  path: readonly PathPart[] = [],
): { path: PathPart[]; field: string }[] {
  const found: { path: PathPart[]; field: string }[] = [];
  const walk = (shape: SchemaShape, input: unknown, at: PathPart[]): void => {
    switch (shape.type) {
      case 'object':
      case 'strict_object':
        if (!isPlainObject(input) || !shape.entries) return;
        for (const [key, child] of Object.entries(input)) {
          const entry = shape.entries[key];
          if (entry) walk(entry, child, [...at, key]);
          else found.push({ path: at, field: key });
        }
        return;
      case 'array':
        if (Array.isArray(input) && shape.item) input.forEach((child, i) => walk(shape.item!, child, [...at, i]));
        return;
      case 'variant': {
        if (!isPlainObject(input) || !shape.key) return;
        const discriminator = input[shape.key];
        const option = shape.options?.find((candidate) => {
          const keySchema = candidate.entries?.[shape.key!];
          return keySchema !== undefined && v.is(keySchema as unknown as v.GenericSchema, discriminator);
        });
        if (option) walk(option, input, at);
        return;
      }
      case 'union': {
        const option = shape.options?.find((candidate) => v.is(candidate as unknown as v.GenericSchema, input));
        if (option) walk(option, input, at);
        return;
      }
      case 'optional':
      case 'exact_optional':
      case 'nullable':
      case 'nullish':
        if (input !== undefined && input !== null && shape.wrapped) walk(shape.wrapped, input, at);
        return;
      default:
        return;
    }
  };
  walk(schema as unknown as SchemaShape, value, [...path]);
  return found;
}

/**
 * Checks `value` against `schema` for a publisher: every issue, and every unknown field (unless the file is
 * not ours, like H5P's), as problems of `file`. Returns the parsed output when there is no error.
 */
export function checkFile<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  file: string,
  options: { unknownFields: boolean } = { unknownFields: true },
): { output?: v.InferOutput<S>; problems: Problem[] } {
  const problems: Problem[] = [];
  const result = v.safeParse(schema, value);
  if (!result.success) {
    for (const issue of result.issues) problems.push({ ...issueToProblem(issue, file), severity: 'error' });
  }
  for (const unknown of options.unknownFields ? unknownFields(schema, value) : []) {
    problems.push({
      file,
      path: formatPath([...unknown.path, unknown.field]),
      code: 'issue_unknown_field',
      severity: 'error',
    });
  }
  return result.success && problems.length === 0 ? { output: result.output, problems } : { problems };
}

/** One line for a person: `file: path: message`. */
export function formatProblem(problem: Problem, locale: Locale): string {
  const message = translate(catalogStrings, locale, problem.code, problem.params ?? {});
  const where = [problem.file, problem.path].filter((part) => part !== '').join(': ');
  return where === '' ? message : `${where}: ${message}`;
}

export function problemMessage(problem: Pick<Problem, 'code' | 'params'>, locale: Locale): string {
  return translate(catalogStrings, locale, problem.code, problem.params ?? {});
}
