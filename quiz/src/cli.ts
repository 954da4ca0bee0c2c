/**
 * `mag-quiz`, the quiz command line (quiz/bin/mag-quiz.mjs runs it):
 *
 *   mag-quiz import FILE                       GIFT or Moodle XML (told apart by their content) → the question
 *                                              model as JSON on stdout
 *   mag-quiz export --format gift|xml FILE.json  the model (an array of questions, or { "questions": [...] })
 *                                              → GIFT or Moodle XML on stdout
 *
 * Bad input: one `FILE:line:column: message` line per error on stderr and exit status 1; what could be read
 * is still written on stdout. Usage errors exit with 2. Messages are in English, like the compilers and
 * linters authors' tools follow.
 */
import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { exportGift, giftUnsupported, parseGift } from './gift.js';
import { Question } from './model.js';
import { exportMoodleXml, parseMoodleXml } from './moodlexml.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
}

const USAGE = `Usage:
  mag-quiz import FILE                          GIFT or Moodle XML → question model (JSON)
  mag-quiz export --format gift|xml FILE.json   question model (JSON) → GIFT or Moodle XML
`;

const defaultIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
};

/** Whether a file holds Moodle XML rather than GIFT: its first non-blank character opens a tag. */
export function looksLikeXml(source: string): boolean {
  return /^\uFEFF?\s*</.test(source);
}

/** The line and column of a character offset. */
function place(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  return { line, column: offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) };
}

/** Runs the command line with `args` (without node and the script); resolves to the exit status. */
export async function run(args: string[], io: CliIO = defaultIO): Promise<number> {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const usage = (message: string): number => {
    io.stderr(`mag-quiz: ${message}\n${USAGE}`);
    return 2;
  };
  let format: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--format' || arg === '-f') format = rest[++i];
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg.startsWith('-') && arg !== '-') return usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (command !== 'import' && command !== 'export') return usage(command ? `unknown command ${command}` : 'no command');
  if (files.length !== 1) return usage('give exactly one FILE');
  const file = files[0] as string;
  if (command === 'import' && format !== undefined) return usage('import takes no --format: it tells GIFT from XML');
  if (command === 'export' && format !== 'gift' && format !== 'xml') return usage('export needs --format gift or xml');

  let source: string;
  try {
    source = await io.readFile(file);
  } catch (e) {
    io.stderr(`mag-quiz: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }

  if (command === 'import') {
    const { questions, errors } = looksLikeXml(source) ? parseMoodleXml(source) : parseGift(source);
    io.stdout(`${JSON.stringify(questions, null, 2)}\n`);
    for (const e of errors) io.stderr(`${file}:${e.line}:${e.column}: ${e.message}\n`);
    return errors.length > 0 ? 1 : 0;
  }

  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    const where = at ? place(source, Number(at[1])) : { line: 1, column: 1 };
    io.stderr(`${file}:${where.line}:${where.column}: not JSON: ${message}\n`);
    return 1;
  }
  const list = Array.isArray(data) ? data : (data as { questions?: unknown } | null)?.questions;
  if (!Array.isArray(list)) {
    io.stderr(`${file}:1:1: expected an array of questions, or { "questions": [...] }\n`);
    return 1;
  }
  let failed = false;
  const questions: Question[] = [];
  list.forEach((item, n) => {
    const parsed = v.safeParse(Question, item);
    if (parsed.success) {
      const unsupported = format === 'gift' ? giftUnsupported(parsed.output) : undefined;
      if (unsupported !== undefined) {
        failed = true;
        io.stderr(`${file}: question ${n + 1}: left out: ${unsupported}\n`);
      }
      questions.push(parsed.output);
      return;
    }
    failed = true;
    for (const issue of parsed.issues) {
      const path = v.getDotPath(issue);
      io.stderr(`${file}: question ${n + 1}${path ? ` (${path})` : ''}: ${issue.message}\n`);
    }
  });
  io.stdout(format === 'gift' ? exportGift(questions) : exportMoodleXml(questions));
  return failed ? 1 : 0;
}
