/**
 * Load tests of the word cloud on the reference host, with 500 trainees (the figures):
 *
 *   node --import tsx host/bench/wordcloud-load.ts [trainees] [durationSec] [--throughput]
 *
 * A. Throughput: every trainee posts `wordcloud.submit` for `durationSec`, one request in flight each, in two
 *    runs. Offered: the 5,000 submissions per second, as 10 per second from each of the 500 trainees,
 *    evenly spaced and out of step (an open load, open-load.ts: latency is measured at that rate, from when each
 *    submission was due). Saturation (autocannon): each trainee sends again as soon as it
 *    is answered, which finds the most the server acknowledges (with 500 requests always waiting, latency there is
 *    500 / throughput by Little's law, so it says nothing of the latency at the target rate). A trainee may write at most 20 entries in one cloud, so the
 *    load is spread over `clouds` instances (a trainee's n-th entry goes to cloud n mod clouds, with a word it has
 *    not written there yet): every submission is a real accepted, stored entry, not a refusal. Afterwards the
 *    server is killed (SIGKILL) and the database checked: every acknowledged entry must be stored, once.
 *
 * B. Live latency: the 500 trainees are connected to one cloud by Server-Sent Events and, as the element does,
 *    fetch their own state after each `wordcloud.updated` (at most once per {@link TRAINEE_REFRESH_MS}, with jitter,
 *    see wordcloud/src/refresh.ts); a projection client (the trainer's screen) refetches at most every
 *    {@link TRAINER_REFRESH_MS}. The room answers: each trainee sends three words at random moments of the run,
 *    and probe trainees send distinct words at a steady pace. For each probe word: the time from sending it to the
 *    first projection state that shows it.
 *
 * The server runs in a child process on loopback with a fresh data directory on the real disk (see load.ts).
 */
import { fork, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type { Client, Request, Result } from 'autocannon';
import { TRAINEE_REFRESH_MS, TRAINER_REFRESH_MS, refreshDelay } from '../../wordcloud/src/refresh.js';
import { Auth, SESSION_COOKIE } from '../src/server/auth.js';
import { openDatabase } from '../src/server/db.js';
import type { Db } from '../src/server/db.js';
import { DEMO_COURSE, createUsers } from '../src/server/seed.js';
import { cpuTimeMs, prepareAccounts, waitForReady } from './load.js';
import { runOpenLoad } from './open-load.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MAIN = path.resolve(HERE, '../src/main.ts');
const PER_PERSON = 20;

/** Words of a French room answering "Un mot pour décrire votre usage du numérique ?". */
const VOCABULARY = (
  'collaboration partage autonomie curiosité créativité écran tablette découverte efficacité motivation ' +
  'interactivité ressources outils réseau accessibilité inclusion plaisir contrainte fatigue temps ' +
  'formation apprentissage innovation communication information recherche vidéo projet évaluation ' +
  'différenciation engagement participation échange mutualisation veille sécurité éthique citoyenneté ' +
  'médias écriture lecture programmation robotique algorithme données cloud messagerie visio podcast ' +
  'carte quiz nuage tableau capsule classe inversée hybride distance présence rythme attention ' +
  'concentration distraction dépendance équilibre sobriété environnement énergie matériel connexion ' +
  'wifi panne stress liberté ouverture entraide tutorat mentorat communauté pratique expérimentation ' +
  'erreur essai progrès réussite confiance simplicité complexité ergonomie interface application logiciel ' +
  'plateforme espace numérique travail cahier textes notes compétences parcours badge certification ' +
  'pix moodle magistère éduscol canopé manuel exercice correction feedback oral langue traduction ' +
  'dictée calcul géométrie sciences histoire géographie musique dessin sport santé bienveillance ' +
  'coopération débat argumentation esprit critique vérification source fiabilité rumeur réseaux sociaux'
)
  .split(' ')
  .filter(Boolean);

export interface WordcloudLoadOptions {
  trainees?: number;
  durationSec?: number;
  warmupSec?: number;
  /** Clouds the throughput run spreads its load over. */
  clouds?: number;
  /** Length of the live-latency run. */
  liveSec?: number;
  keepData?: boolean;
}

/** One autocannon run's figures. */
export interface RunFigures {
  /** Acknowledged (2xx) submissions per second. */
  requestsPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

export interface WordcloudThroughput {
  trainees: number;
  durationSec: number;
  clouds: number;
  /** At the rate: 5,000 submissions per second offered (10 per trainee per second). */
  offeredPerSec: number;
  offered: RunFigures;
  /** Each trainee sending again as soon as it is answered: the most the server acknowledges. */
  saturation: RunFigures;
  /** Entries acknowledged in both measured runs, and rows stored for them after the kill. */
  acknowledged: number;
  storedRows: number;
  /** Acknowledged entries missing after the kill: must be 0. */
  lost: number;
  /** Stored entries whose key two rows share: must be 0 (the idempotency key counts an entry once). */
  duplicates: number;
  /** Server CPU time per acknowledged submission in the saturation run. */
  serverCpuUsPerRequest: number | null;
}

export interface WordcloudLiveLatency {
  trainees: number;
  durationSec: number;
  /** Submissions of the whole room, probes included, and how many were acknowledged as accepted. */
  submissions: number;
  accepted: number;
  /** State requests answered during the run (trainees and projection). */
  stateRequests: number;
  probes: number;
  /** Probes never seen by the projection client before the end: must be 0. */
  unseen: number;
  p50: number;
  p95: number;
  max: number;
}

export interface WordcloudLoadResult {
  throughput: WordcloudThroughput;
  live: WordcloudLiveLatency;
}

function insertClouds(db: Db, ids: readonly string[], settings: object): void {
  const insert = db.prepare<[string, string, string, string, number, string]>(
    'INSERT INTO activity_instances (id, course_id, type, title, position, settings) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    ids.forEach((id, i) =>
      insert.run(id, DEMO_COURSE.id, 'wordcloud', `Bench ${id}`, 100 + i, JSON.stringify(settings)),
    );
  })();
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

/** The word `trainee` writes as its `n`-th entry in a cloud: distinct for n < 20 (13 is prime to the list's length). */
function wordOf(trainee: number, n: number): string {
  return VOCABULARY[(trainee * 7 + n * 13) % VOCABULARY.length]!;
}

/** Requests prepared per connection: far more than a run sends, and never more than the clouds can take. */
function plan(clouds: number): number {
  return clouds * PER_PERSON;
}

/**
 * The `i`-th submission of trainee `conn` in a run over `cloudIds`: its address, body and idempotency key. Its
 * requests cycle through the clouds, each time with a word it has not written there yet; past {@link plan} they
 * would repeat (same key, same word: a retry), which no run reaches.
 */
function submission(cloudIds: readonly string[], conn: number, i: number): { path: string; body: string; key: string } {
  const n = i % plan(cloudIds.length);
  const key = `${cloudIds[0]}-${conn}-${n}`;
  return {
    path: `/api/bridge/${cloudIds[n % cloudIds.length]!}`,
    body: JSON.stringify({
      subject: 'wordcloud.submit',
      payload: { text: wordOf(conn, Math.floor(n / cloudIds.length)), key },
    }),
    key,
  };
}

const headersOf = (token: string) => ({ 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` });

function submitLoad(
  url: string,
  tokens: readonly string[],
  durationSec: number,
  cloudIds: readonly string[],
  acknowledged: Set<string>,
): Promise<Result> {
  let next = 0;
  return autocannon({
    url,
    connections: tokens.length,
    duration: durationSec,
    setupClient: (client: Client) => {
      const conn = next++;
      const headers = headersOf(tokens[conn]!);
      // Each request is built when it is sent (`setupRequest`), not all before the first one: building the
      // 500 × 800 requests of a run up front blocks this process for seconds while the first connections'
      // requests are already out, and their answers, read late, would count that wait as server latency.
      client.setRequests(
        Array.from({ length: plan(cloudIds.length) }, (_, i) => ({
          method: 'POST',
          path: submission(cloudIds, conn, i).path,
          headers,
          setupRequest: (request: Request) => ({ ...request, body: submission(cloudIds, conn, i).body }),
        })),
      );
      let answered = 0;
      client.on('response', (status: number) => {
        if (status >= 200 && status < 300) acknowledged.add(submission(cloudIds, conn, answered).key);
        answered++;
      });
    },
  });
}

/** The rate as an open load: every trainee sends `ratePerTrainee` submissions per second, evenly spaced. */
async function offeredLoad(
  url: string,
  tokens: readonly string[],
  durationSec: number,
  cloudIds: readonly string[],
  acknowledged: Set<string>,
  ratePerTrainee: number,
): Promise<RunFigures> {
  const result = await runOpenLoad({
    url,
    clients: tokens.length,
    ratePerClient: ratePerTrainee,
    durationSec,
    request: (conn, i) => {
      const { path, body } = submission(cloudIds, conn, i);
      return { method: 'POST', path, headers: headersOf(tokens[conn]!), body };
    },
    onResponse: (conn, i, status) => {
      if (status >= 200 && status < 300) acknowledged.add(submission(cloudIds, conn, i).key);
    },
  });
  return {
    requestsPerSec: Math.round(result.ok / result.durationSec),
    p50: result.p50,
    p90: result.p90,
    p99: result.p99,
    max: result.max,
    errors: result.errors,
    non2xx: result.answered - result.ok,
  };
}

function figures(result: Result): RunFigures {
  return {
    requestsPerSec: Math.round(result['2xx'] / result.duration),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export async function runWordcloudThroughput(options: WordcloudLoadOptions = {}): Promise<WordcloudThroughput> {
  const trainees = options.trainees ?? 500;
  const durationSec = options.durationSec ?? 10;
  const clouds = options.clouds ?? 40;
  const offeredPerSec = 5_000;
  const dataDir = freshDataDir();
  const tokens = await prepareAccounts(dataDir, trainees);
  // One set of clouds per run: a trainee's words in a cloud are all distinct, so every submission is stored.
  const set = (name: string) => Array.from({ length: clouds }, (_, i) => `bench-wc-${name}-${i}`);
  const warm = set('warm');
  const offeredSet = set('offered');
  const saturationSet = set('saturation');
  const settings = { maxPerPerson: PER_PERSON, minPerPerson: 1, open: true, question: 'Bench' };
  withDb(dataDir, (db) => insertClouds(db, [...warm, ...offeredSet, ...saturationSet], settings));
  // The runs before this one (npm run bench runs the demo activity's load first) leave hundreds of megabytes of dirty
  // pages that the kernel writes back meanwhile, and every acknowledgement here waits for an fsync: write them now.
  spawnSync('sync');
  const child = startServer(dataDir);
  try {
    const { url } = await waitForReady(child);
    const warmSec = options.warmupSec ?? 2;
    if (warmSec > 0) await submitLoad(url, tokens, warmSec, warm, new Set());
    const acknowledged = new Set<string>();
    const rate = Math.max(1, Math.round(offeredPerSec / trainees));
    const offered = await offeredLoad(url, tokens, durationSec, offeredSet, acknowledged, rate);
    const cpuBefore = cpuTimeMs(child.pid);
    const saturation = await submitLoad(url, tokens, durationSec, saturationSet, acknowledged);
    const cpuAfter = cpuTimeMs(child.pid);
    await kill(child);
    return withDb(dataDir, (db) => {
      const measured = [...offeredSet, ...saturationSet];
      const placeholders = measured.map(() => '?').join(',');
      const keys = db
        .prepare<string[], string>(
          `SELECT idempotency_key FROM wordcloud_entries WHERE instance_id IN (${placeholders})`,
        )
        .pluck()
        .all(...measured);
      const stored = new Set(keys);
      return {
        trainees,
        durationSec,
        clouds,
        offeredPerSec: rate * trainees,
        offered,
        saturation: figures(saturation),
        acknowledged: acknowledged.size,
        storedRows: keys.length,
        lost: [...acknowledged].filter((key) => !stored.has(key)).length,
        duplicates: keys.length - stored.size,
        serverCpuUsPerRequest:
          cpuBefore === null || cpuAfter === null
            ? null
            : Math.round(((cpuAfter - cpuBefore) * 1000) / saturation['2xx']),
      };
    });
  } finally {
    await kill(child);
    if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Reply {
  status: number;
  body: unknown;
}

function post(agent: http.Agent, url: string, token: string, cloud: string, subject: string, payload: object) {
  return new Promise<Reply>((resolve, reject) => {
    const request = http.request(
      `${url}/api/bridge/${cloud}`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` },
      },
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

/**
 * One connected client: an SSE stream on `cloud`, and a state fetch after each update, no more often than
 * `minIntervalMs` (with the same jitter as the element).
 */
function follow(
  url: string,
  agent: http.Agent,
  token: string,
  cloud: string,
  minIntervalMs: number,
  onState: (state: { version: number; cloud: { words: { text: string }[] } | null }) => void,
  counters: { states: number },
): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  let inFlight = false;
  let again = false;
  let last = 0;
  let closed = false;
  const fetchState = async (): Promise<void> => {
    if (closed) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    last = Date.now();
    try {
      const reply = await post(agent, url, token, cloud, 'wordcloud.state', {});
      counters.states++;
      if (reply.status === 200) onState((reply.body as { result: Parameters<typeof onState>[0] }).result);
    } catch {
      // A failed refresh is retried at the next update.
    } finally {
      inFlight = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = (): void => {
    if (timer !== undefined || closed) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        void fetchState();
      },
      refreshDelay(last, Date.now(), minIntervalMs),
    );
  };
  const request = http.get(`${url}/api/events?instances=${cloud}`, {
    headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/event-stream' },
  });
  request.on('response', (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      if (chunk.includes('event: bridge\n')) schedule();
    });
    response.on('error', () => {});
  });
  request.on('error', () => {});
  void fetchState();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      request.destroy();
    },
  };
}

export async function runWordcloudLiveLatency(options: WordcloudLoadOptions = {}): Promise<WordcloudLiveLatency> {
  const trainees = options.trainees ?? 500;
  const durationSec = options.liveSec ?? 10;
  const probeTrainees = 10;
  const probesEach = 10;
  const dataDir = freshDataDir();
  const cloud = 'bench-wc-live';
  const tokens = await prepareAccounts(dataDir, trainees);
  const { trainerToken, probeTokens } = await withDbAsync(dataDir, async (db) => {
    insertClouds(db, [cloud], { maxPerPerson: PER_PERSON, minPerPerson: 1, open: true, visibility: 'always' });
    const [trainer, ...probes] = await createUsers(
      db,
      [
        { username: 'bench.trainer', name: 'Formatrice', role: 'trainer' as const },
        ...Array.from({ length: probeTrainees }, (_, i) => ({
          username: `bench.probe.${i}`,
          name: `Sonde ${i}`,
          role: 'trainee' as const,
        })),
      ],
      { sharedHash: true },
    );
    const auth = new Auth(db);
    return {
      trainerToken: auth.createSession(trainer!.id).token,
      probeTokens: probes.map((user) => auth.createSession(user.id).token),
    };
  });
  const child = startServer(dataDir);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const clients: { close(): void }[] = [];
  try {
    const { url } = await waitForReady(child);
    const counters = { states: 0 };
    const sentAt = new Map<string, number>();
    const seenAfter: number[] = [];
    clients.push(
      follow(
        url,
        agent,
        trainerToken,
        cloud,
        TRAINER_REFRESH_MS,
        (state) => {
          const now = Date.now();
          for (const word of state.cloud?.words ?? []) {
            const sent = sentAt.get(word.text);
            if (sent !== undefined) {
              seenAfter.push(now - sent);
              sentAt.delete(word.text);
            }
          }
        },
        counters,
      ),
    );
    for (const token of tokens) clients.push(follow(url, agent, token, cloud, TRAINEE_REFRESH_MS, () => {}, counters));
    // Let every client connect and load its first state before the room starts answering.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    counters.states = 0;

    let submissions = 0;
    let accepted = 0;
    const send = async (token: string, text: string): Promise<void> => {
      submissions++;
      const reply = await post(agent, url, token, cloud, 'wordcloud.submit', {
        text,
        key: `live-${submissions}-${Math.random().toString(36).slice(2, 10)}`,
      }).catch(() => null);
      if ((reply?.body as { result?: { accepted?: boolean } } | null)?.result?.accepted) accepted++;
    };
    const runMs = durationSec * 1000;
    const timers: NodeJS.Timeout[] = [];
    const pending: Promise<void>[] = [];
    tokens.forEach((token, trainee) => {
      for (let n = 0; n < 3; n++) {
        timers.push(setTimeout(() => pending.push(send(token, wordOf(trainee, n))), Math.random() * runMs));
      }
    });
    const probes = probeTrainees * probesEach;
    for (let p = 0; p < probes; p++) {
      timers.push(
        setTimeout(
          () => {
            const text = `sonde${p}`;
            sentAt.set(text, Date.now());
            pending.push(send(probeTokens[p % probeTrainees]!, text));
          },
          (p * runMs) / probes,
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, runMs + 3_000));
    await Promise.allSettled(pending);
    for (const timer of timers) clearTimeout(timer);
    const sorted = [...seenAfter].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    return {
      trainees,
      durationSec,
      submissions,
      accepted,
      stateRequests: counters.states,
      probes,
      unseen: sentAt.size,
      p50: at(0.5),
      p95: at(0.95),
      max: sorted.at(-1) ?? NaN,
    };
  } finally {
    for (const client of clients) client.close();
    agent.destroy();
    await kill(child);
    if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runWordcloudLoad(options: WordcloudLoadOptions = {}): Promise<WordcloudLoadResult> {
  const throughput = await runWordcloudThroughput(options);
  const live = await runWordcloudLiveLatency(options);
  return { throughput, live };
}

function freshDataDir(): string {
  const tmpRoot = path.join(HERE, 'tmp');
  fs.mkdirSync(tmpRoot, { recursive: true });
  return fs.mkdtempSync(path.join(tmpRoot, 'wordcloud-'));
}

function withDb<T>(dataDir: string, fn: (db: Db) => T): T {
  const db = openDatabase(dataDir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

async function withDbAsync<T>(dataDir: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(dataDir);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--throughput` runs part A alone.
  const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const trainees = Number(args[0] ?? 500);
  const durationSec = Number(args[1] ?? 10);
  const run = process.argv.includes('--throughput')
    ? runWordcloudThroughput({ trainees, durationSec }).then((throughput) => ({ throughput, live: null }))
    : runWordcloudLoad({ trainees, durationSec, liveSec: durationSec });
  run.then(
    (result: { throughput: WordcloudThroughput; live: WordcloudLiveLatency | null }) => {
      console.log(JSON.stringify(result, null, 2));
      const ok = result.throughput.lost === 0 && result.throughput.duplicates === 0 && (result.live?.unseen ?? 0) === 0;
      process.exitCode = ok ? 0 : 1;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
