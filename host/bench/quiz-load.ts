/**
 * The quiz under load (the figures):
 *
 *   node --import tsx host/bench/quiz-load.ts [trainees] [questions]
 *
 * A. Grading: the time to grade 10,000 responses with the trusted logic (quiz/src/grading.ts), a mix of every
 *    auto-graded type, in this process (median of 5 runs).
 * B. Live answers: a live session with `trainees` trainees (500) on the reference host, started in its own
 *    process on loopback with a fresh data folder. The trainer opens it, every trainee joins, and for each of
 *    `questions` questions all trainees answer at once (one request each, as phones do when the question
 *    appears); the trainer moves to the next question after the last answer. Throughput: answers acknowledged
 *    per second of answering; latency per answer (p50, p99). Afterwards the server is killed and the database
 *    checked: every acknowledged answer is stored, once.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Quiz } from '../../quiz/src/attempt.js';
import { grade } from '../../quiz/src/grading.js';
import type { Question } from '../../quiz/src/model.js';
import type { Response } from '../../quiz/src/response.js';
import { Auth, SESSION_COOKIE } from '../src/server/auth.js';
import { openDatabase } from '../src/server/db.js';
import { DEMO_COURSE, DEMO_TRAINER } from '../src/server/seed.js';
import { prepareAccounts, waitForReady } from './load.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MAIN = path.resolve(HERE, '../src/main.ts');

/** One question of each auto-graded type, with responses right, partly right and wrong. */
const GRADED: { question: Question; responses: Response[] }[] = [
  {
    question: {
      type: 'single',
      text: 'Capitale ?',
      textFormat: 'plain',
      answers: [
        { text: 'Paris', fraction: 100 },
        { text: 'Lyon', fraction: 0 },
        { text: 'Nice', fraction: 0 },
      ],
    },
    responses: [{ choice: 0 }, { choice: 1 }, { choice: 2 }],
  },
  {
    question: {
      type: 'multiple',
      text: 'Pairs ?',
      textFormat: 'plain',
      answers: [
        { text: '2', fraction: 50 },
        { text: '3', fraction: -100 },
        { text: '4', fraction: 50 },
      ],
    },
    responses: [{ choices: [0, 2] }, { choices: [0] }, { choices: [1, 2] }],
  },
  {
    question: { type: 'truefalse', text: 'Vrai ?', textFormat: 'plain', correct: true },
    responses: [{ value: true }, { value: false }],
  },
  {
    question: {
      type: 'shortanswer',
      text: 'Service ?',
      textFormat: 'plain',
      caseSensitive: false,
      answers: [
        { text: 'Pix', fraction: 100 },
        { text: 'Pix*', fraction: 50 },
      ],
    },
    responses: [{ text: 'pix' }, { text: 'Pix Orga' }, { text: 'Moodle' }],
  },
  {
    question: {
      type: 'numerical',
      text: 'Domaines ?',
      textFormat: 'plain',
      answers: [
        { kind: 'exact', value: 5, tolerance: 0, fraction: 100 },
        { kind: 'range', min: 4, max: 6, fraction: 50 },
      ],
    },
    responses: [{ text: '5' }, { text: '4,5' }, { text: 'cinq' }],
  },
  {
    question: {
      type: 'matching',
      text: 'Associez',
      textFormat: 'plain',
      pairs: [
        { left: 'ENT', right: 'Espace' },
        { left: 'Pix', right: 'Certification' },
        { left: 'Éduthèque', right: 'Ressources' },
      ],
    },
    responses: [{ choices: [0, 1, 2] }, { choices: [1, 0, 2] }, { choices: [null, 1, 2] }],
  },
  {
    question: {
      type: 'ordering',
      text: 'Ordre',
      textFormat: 'plain',
      items: ['a', 'b', 'c', 'd', 'e', 'f'],
      grading: 'longestOrderedSubset',
    },
    responses: [{ order: [0, 1, 2, 3, 4, 5] }, { order: [1, 0, 2, 3, 5, 4] }, { order: [5, 4, 3, 2, 1, 0] }],
  },
];

export interface QuizGradingBench {
  responses: number;
  /** Median of 5 runs. */
  ms: number;
}

export function runQuizGrading(count = 10_000): QuizGradingBench {
  const work: [Question, Response][] = [];
  for (let i = 0; work.length < count; i++) {
    const { question, responses } = GRADED[i % GRADED.length]!;
    work.push([question, responses[Math.floor(i / GRADED.length) % responses.length]!]);
  }
  const runs: number[] = [];
  for (let run = 0; run < 6; run++) {
    const started = process.hrtime.bigint();
    let total = 0;
    for (const [question, response] of work) total += grade(question, response).fraction ?? 0;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run > 0 && total >= 0) runs.push(ms); // the first run warms the engine up
  }
  runs.sort((a, b) => a - b);
  return { responses: count, ms: Math.round(runs[Math.floor(runs.length / 2)]! * 10) / 10 };
}

export interface QuizLiveBench {
  trainees: number;
  questions: number;
  answers: number;
  acknowledged: number;
  /** Acknowledged answers per second of answering (the time between a question's first answer sent and its last acknowledged). */
  answersPerSec: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** Acknowledged answers missing after the kill, and stored twice: must be 0. */
  lost: number;
  duplicates: number;
}

const LIVE_QUIZ = (questions: number): Quiz => ({
  settings: { behaviour: 'deferred' },
  slots: Array.from({ length: questions }, (_, i) => ({
    question: {
      type: 'single' as const,
      text: `Question ${i + 1}`,
      textFormat: 'plain' as const,
      answers: [
        { text: 'A', fraction: 100 },
        { text: 'B', fraction: 0 },
        { text: 'C', fraction: 0 },
        { text: 'D', fraction: 0 },
      ],
    },
  })),
});

function post(agent: http.Agent, url: string, token: string, subject: string, payload: object) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const request = http.request(
      `${url}/api/bridge/bench-quiz`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
          } catch (err) {
            reject(err as Error);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ subject, payload }));
  });
}

function startServer(dataDir: string): ChildProcess {
  return fork(MAIN, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, MAG_PORT: '0', MAG_DATA_DIR: dataDir, MAG_RATE_LIMIT: '1000000000', MAG_LOG: '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export async function runQuizLive(trainees = 500, questions = 20): Promise<QuizLiveBench> {
  const tmpRoot = path.join(HERE, 'tmp');
  fs.mkdirSync(tmpRoot, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(tmpRoot, 'quiz-'));
  const tokens = await prepareAccounts(dataDir, trainees);
  const db = openDatabase(dataDir);
  db.prepare(
    'INSERT INTO activity_instances (id, course_id, type, title, position, settings) VALUES (?, ?, ?, ?, ?, ?)',
  ).run('bench-quiz', DEMO_COURSE.id, 'quiz', 'Bench', 99, JSON.stringify({ quiz: LIVE_QUIZ(questions) }));
  const trainerId = db
    .prepare<[string], number>('SELECT id FROM users WHERE username = ?')
    .pluck()
    .get(DEMO_TRAINER.username)!;
  const trainer = new Auth(db).createSession(trainerId).token;
  db.close();
  const child = startServer(dataDir);
  const agent = new http.Agent({ keepAlive: true, maxSockets: trainees });
  const latencies: number[] = [];
  const acknowledged = new Set<string>();
  let errors = 0;
  let answeringMs = 0;
  try {
    const { url } = await waitForReady(child);
    const control = async (action: string) => {
      const reply = await post(agent, url, trainer, 'quiz.live.control', { action });
      if (reply.status !== 200) throw new Error(`control ${action}: ${JSON.stringify(reply.body)}`);
    };
    await control('open');
    await Promise.all(tokens.map((token) => post(agent, url, token, 'quiz.live.join', {})));
    await control('start');
    for (let step = 0; step < questions; step++) {
      const started = process.hrtime.bigint();
      await Promise.all(
        tokens.map(async (token, i) => {
          const key = `bench-${step}-${i}`;
          const sent = process.hrtime.bigint();
          try {
            const reply = await post(agent, url, token, 'quiz.live.answer', {
              step,
              response: { choice: i % 4 },
              key,
            });
            latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
            if (reply.status === 200 && (reply.body as { result?: { accepted?: boolean } }).result?.accepted) {
              acknowledged.add(`${step}:${i}`);
            } else errors++;
          } catch {
            errors++;
          }
        }),
      );
      answeringMs += Number(process.hrtime.bigint() - started) / 1e6;
      await control('reveal');
      if (step + 1 < questions) await control('next');
    }
    await kill(child);
    const check = openDatabase(dataDir);
    const rows = check
      .prepare<[], { step: number; user_id: number; count: number }>(
        'SELECT step, user_id, COUNT(*) AS count FROM quiz_live_answers GROUP BY step, user_id',
      )
      .all();
    check.close();
    const stored = rows.length;
    latencies.sort((a, b) => a - b);
    return {
      trainees,
      questions,
      answers: trainees * questions,
      acknowledged: acknowledged.size,
      answersPerSec: Math.round((acknowledged.size * 1000) / answeringMs),
      p50: Math.round(percentile(latencies, 0.5) * 10) / 10,
      p99: Math.round(percentile(latencies, 0.99) * 10) / 10,
      max: Math.round(latencies.at(-1)! * 10) / 10,
      errors,
      lost: Math.max(0, acknowledged.size - stored),
      duplicates: rows.filter((row) => row.count > 1).length,
    };
  } finally {
    agent.destroy();
    await kill(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const trainees = Number(process.argv[2] ?? 500);
  const questions = Number(process.argv[3] ?? 20);
  console.log(JSON.stringify(runQuizGrading(), null, 2));
  runQuizLive(trainees, questions).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
