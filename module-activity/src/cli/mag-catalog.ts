/**
 * `mag-catalog`, the command line of catalog publishers:
 *
 * - `mag-catalog validate DIR`: every problem of a catalog source, each with its file and field path; exit 1
 *   when there is an error (warnings alone exit 0). `--json` prints the problems as JSON.
 * - `mag-catalog build DIR OUT`: the static catalog (see build.ts); refused, with the problems, when the
 *   source has an error.
 * - `mag-catalog schema`: prints the catalog's JSON Schema.
 *
 * Messages are in French or English: `--lang`, else the locale of `LC_ALL`, `LC_MESSAGES` or `LANG`
 * (French when none says English). Exit codes: 0 done, 1 invalid source or failed build, 2 bad usage.
 */
import { join, resolve } from 'node:path';
import { toLocale, translate, type Locale } from '../../../activities/src/i18n/localize.js';
import { BuildError, buildCatalog } from '../catalog/build.js';
import { formatProblem, type Problem } from '../catalog/issues.js';
import { catalogJsonSchemaText } from '../catalog/json-schema.js';
import { catalogStrings, type CatalogStringKey } from '../catalog/strings.js';
import { validateSource, type ValidationResult } from '../catalog/validate.js';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

const defaultIO: CliIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};

interface Parsed {
  command?: string;
  args: string[];
  json: boolean;
  lang?: string;
  help: boolean;
}

function parseArgs(argv: readonly string[]): Parsed {
  const parsed: Parsed = { args: [], json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--lang') parsed.lang = argv[++i];
    else if (arg.startsWith('--lang=')) parsed.lang = arg.slice('--lang='.length);
    else if (parsed.command === undefined) parsed.command = arg;
    else parsed.args.push(arg);
  }
  return parsed;
}

function localeOf(parsed: Parsed, env: CliIO['env']): Locale {
  // As in POSIX, an empty variable counts as unset.
  return toLocale(parsed.lang ?? [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value));
}

/** Problems on stderr, their files shown under `dir` so that a terminal or an editor can open them. */
function printProblems(result: ValidationResult, dir: string, locale: Locale, io: CliIO): void {
  const t = (key: CatalogStringKey, params: Record<string, string | number> = {}) =>
    translate(catalogStrings, locale, key, params);
  const sorted = [...result.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const problem of sorted) {
    const shown = { ...problem, file: problem.file === '' ? dir : join(dir, problem.file) };
    io.err(`${t(problem.severity === 'error' ? 'label_error' : 'label_warning')} ${formatProblem(shown, locale)}`);
  }
  const summary = [
    result.errors > 0 ? t('cli_errors', { count: result.errors }) : '',
    result.warnings > 0 ? t('cli_warnings', { count: result.warnings }) : '',
  ].filter((part) => part !== '');
  if (summary.length > 0) io.err(summary.join(' '));
}

function problemsJson(problems: readonly Problem[], locale: Locale): string {
  return JSON.stringify(
    problems.map((problem) => ({ ...problem, message: formatProblem({ ...problem, file: '', path: '' }, locale) })),
    null,
    2,
  );
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  const parsed = parseArgs(argv);
  const locale = localeOf(parsed, io.env);
  const t = (key: CatalogStringKey, params: Record<string, string | number> = {}) =>
    translate(catalogStrings, locale, key, params);
  if (parsed.help || parsed.command === undefined) {
    (parsed.help ? io.out : io.err)(t('cli_usage'));
    return parsed.help ? 0 : 2;
  }
  try {
    switch (parsed.command) {
      case 'validate': {
        const [dir] = parsed.args;
        if (dir === undefined || parsed.args.length > 1) return usage(io, t);
        const result = await validateSource(resolve(dir));
        if (parsed.json) {
          io.out(problemsJson(result.problems, locale));
        } else {
          printProblems(result, dir, locale, io);
          if (result.errors === 0) io.out(t('cli_valid', { dir, modules: result.modules, versions: result.versions }));
        }
        return result.errors === 0 ? 0 : 1;
      }
      case 'build': {
        const [dir, out] = parsed.args;
        if (dir === undefined || out === undefined || parsed.args.length > 2) return usage(io, t);
        try {
          const built = await buildCatalog(dir, out);
          printProblems(built.validation, dir, locale, io);
          io.out(
            t('cli_built', {
              out,
              modules: built.validation.modules,
              versions: built.validation.versions,
              files: built.files.length,
            }),
          );
          return 0;
        } catch (error) {
          if (!(error instanceof BuildError)) throw error;
          if (error.validation && error.code === 'invalid_source') printProblems(error.validation, dir, locale, io);
          io.err(error.code === 'invalid_source' ? t('cli_refused') : t(error.code, { out, ...error.params }));
          return 1;
        }
      }
      case 'schema':
        io.out(catalogJsonSchemaText().trimEnd());
        return 0;
      default:
        io.err(t('cli_unknown_command', { command: parsed.command }));
        io.err(t('cli_usage'));
        return 2;
    }
  } catch (error) {
    io.err(t('cli_failed', { message: error instanceof Error ? error.message : String(error) }));
    return 1;
  }
}

function usage(io: CliIO, t: (key: CatalogStringKey) => string): number {
  io.err(t('cli_missing_argument'));
  io.err(t('cli_usage'));
  return 2;
}
