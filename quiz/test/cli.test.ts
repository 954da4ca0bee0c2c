/**
 * The command line, run for real: `node_modules/.bin/mag-quiz` (the bin that npm links from
 * quiz/package.json) as a child process, on files in a temporary folder.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exportGift, parseGift, parseMoodleXml } from '../src/index.js';
import type { Question } from '../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'node_modules', '.bin', 'mag-quiz');
const dir = mkdtempSync(join(tmpdir(), 'mag-quiz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function magQuiz(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { cwd: root, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const gift = [
  '$CATEGORY: $course$/top/Quiz',
  '',
  '::Q1:: 1 + 1 = 2 {T}',
  '',
  '::Q2:: Capitale ? {=Paris#Oui ~Lyon}',
].join('\n');
const fixture = fileURLToPath(new URL('./fixtures/moodle-export.xml', import.meta.url));

describe('mag-quiz', { timeout: 60_000 }, () => {
  it('is linked by npm as a bin', () => {
    expect(existsSync(bin)).toBe(true);
  });

  it('imports GIFT and prints the model as JSON', async () => {
    const path = file('ok.gift', gift);
    const { code, stdout, stderr } = await magQuiz('import', path);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toStrictEqual(parseGift(gift).questions);
  });

  it('imports Moodle XML, told apart by its content', async () => {
    const { code, stdout, stderr } = await magQuiz('import', fixture);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toStrictEqual(parseMoodleXml(readFileSync(fixture, 'utf8')).questions);
  });

  it('reports bad input as FILE:line:column: message, exits 1, and still prints what it read', async () => {
    const path = file('bad.txt', `${gift}\n\n::Q3:: Broken {=a ~b\n\n::Q4:: N {#1..x}`);
    const { code, stdout, stderr } = await magQuiz('import', path);
    expect(code).toBe(1);
    expect(stderr).toBe(`${path}:7:15: answer block not closed with }\n${path}:9:12: not a number: "x"\n`);
    expect((JSON.parse(stdout) as Question[]).map((q) => q.name)).toEqual(['Q1', 'Q2']);

    const xml = file(
      'bad.xml',
      '<quiz>\n<question type="cloze"><questiontext><text>x</text></questiontext></question>\n</quiz>',
    );
    const result = await magQuiz('import', xml);
    expect(result).toMatchObject({ code: 1, stderr: `${xml}:2:1: question type "cloze" is not supported\n` });
  });

  it('exports the model to GIFT and to Moodle XML', async () => {
    const questions = parseGift(gift).questions;
    const json = file('model.json', JSON.stringify(questions));
    const toGift = await magQuiz('export', '--format', 'gift', json);
    expect(toGift).toEqual({ code: 0, stdout: exportGift(questions), stderr: '' });
    const toXml = await magQuiz('export', '--format=xml', file('wrapped.json', JSON.stringify({ questions })));
    expect(toXml.code).toBe(0);
    expect(parseMoodleXml(toXml.stdout)).toStrictEqual({ questions, errors: [] });
  });

  it('says what GIFT cannot hold and what is not a question, and exits 1', async () => {
    const ordering = { type: 'ordering', text: 'O', textFormat: 'moodle', items: ['a', 'b'], grading: 'allOrNothing' };
    const wrong = { type: 'single', text: 'S', textFormat: 'moodle', answers: [{ text: 'x', fraction: 500 }] };
    const path = file(
      'mixed.json',
      JSON.stringify([ordering, { type: 'truefalse', text: 'T', textFormat: 'moodle', correct: true }, wrong]),
    );
    const { code, stdout, stderr } = await magQuiz('export', '--format', 'gift', path);
    expect(code).toBe(1);
    expect(stdout).toBe('T {TRUE}\n');
    expect(stderr).toContain(`${path}: question 1: left out: GIFT has no syntax for ordering questions`);
    expect(stderr).toContain(`${path}: question 3 (answers.0.fraction):`);
    const notJson = file('broken.json', '[\n  {"type": "essay",\n  oops\n]');
    expect(await magQuiz('export', '--format', 'xml', notJson)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(new RegExp(`^${notJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:3: not JSON`)),
    });
  });

  it('refuses wrong usage with status 2, and a missing file with 1', async () => {
    const [none, noFormat, importFormat, unknown, missing, help] = await Promise.all([
      magQuiz(),
      magQuiz('export', fixture),
      magQuiz('import', '--format', 'xml', fixture),
      magQuiz('frobnicate', fixture),
      magQuiz('import', join(dir, 'nope.gift')),
      magQuiz('--help'),
    ]);
    expect([none.code, noFormat.code, importFormat.code, unknown.code]).toEqual([2, 2, 2, 2]);
    expect(noFormat.stderr).toContain('export needs --format gift or xml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('mag-quiz import FILE') });
  });
});
