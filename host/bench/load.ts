/**
 * Load test of durable submissions: many trainees posting `reactions.react` at once.
 *
 *   node --import tsx host/bench/load.ts [connections] [durationSec]
 *
 * The server runs in a child process (so that autocannon and the server do not share a thread) on a
 * random loopback port, with a fresh data directory under host/bench/tmp/ (on the real disk: fsync must
 * cost what it costs in production, which a tmpfs would hide). A short warm-up (JIT, caches) precedes
 * the measured run. When the load ends the server is killed with SIGKILL, not shut down, and the
 * database is opened again to check that every submission acknowledged with a 2xx is stored.
 *
 * MAG_RATE_LIMIT is raised for the run: the bench drives each simulated trainee at dozens of requests
 * per second, far beyond any human, and the point is to measure the write path, not the limiter.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type { Client, Result } from 'autocannon';
import { Auth, SESSION_COOKIE } from '../src/server/auth.js';
import { openDatabase } from '../src/server/db.js';
import { createUsers, seedIfEmpty } from '../src/server/seed.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MAIN = path.resolve(HERE, '../src/main.ts');
const INSTANCE = 'reactions-1';
const REACTIONS = ['understood', 'question', 'lost', 'slower'] as const;

export interface LoadOptions {
  connections?: number;
  durationSec?: number;
  /** Unmeasured load before the measured run; its submissions are checked for durability too. */
  warmupSec?: number;
  sseSubscribers?: number;
  /** Keep the data directory afterwards (for inspection). */
  keepData?: boolean;
  /** Write a CPU profile of the server here; the server is then stopped with SIGTERM so that it can write it. */
  profileDir?: string;
}

export interface LoadResult {
  connections: number;
  durationSec: number;
  /** Acknowledged (2xx) submissions per second in the measured run. */
  requestsPerSec: number;
  /** Latencies of the measured run, in milliseconds. */
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  errors: number;
  non2xx: number;
  /** Submissions answered with a 2xx, warm-up included. */
  acknowledged: number;
  /** Rows in reaction_events after the server was killed. */
  storedRows: number;
  /** Acknowledged submissions missing from the database: must be 0. */
  lost: number;
  /** Submissions stored but never acknowledged (in flight when the load stopped): at most `connections`. */
  unacknowledgedStored: number;
  /** Events received by the SSE subscribers. */
  sseEvents: number;
  /** The aggregate in reaction_counts agrees with the stored rows. */
  countsConsistent: boolean;
  /** Server CPU time (user + system) per acknowledged request, in microseconds; null off Linux. */
  serverCpuUsPerRequest: number | null;
  /** The same for this process (autocannon and the SSE subscribers). */
  clientCpuUsPerRequest: number;
}

export async function runSubmissionLoad(options: LoadOptions = {}): Promise<LoadResult> {
  const connections = options.connections ?? 200;
  const durationSec = options.durationSec ?? 10;
  const tmpRoot = path.join(HERE, 'tmp');
  fs.mkdirSync(tmpRoot, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(tmpRoot, 'run-'));

  const tokens = await prepareAccounts(dataDir, connections);
  const child = fork(MAIN, [], {
    execArgv: [
      '--import',
      'tsx',
      ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []),
    ],
    env: { ...process.env, MAG_PORT: '0', MAG_DATA_DIR: dataDir, MAG_RATE_LIMIT: '1000000000', MAG_LOG: '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { url } = await waitForReady(child);
    const streams = openStreams(url, tokens.slice(0, options.sseSubscribers ?? 20));
    const acknowledged = new Set<string>();
    const warmupSec = options.warmupSec ?? 2;
    if (warmupSec > 0) await submit(url, tokens, connections, warmupSec, 'warm', acknowledged);

    const cpuBefore = cpuTimeMs(child.pid);
    const clientCpuBefore = process.cpuUsage();
    const result = await submit(url, tokens, connections, durationSec, 'load', acknowledged);
    const cpuAfter = cpuTimeMs(child.pid);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const sseEvents = streams.close();

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(options.profileDir ? 'SIGTERM' : 'SIGKILL');
    await exited;

    const db = openDatabase(dataDir);
    try {
      const stored = new Set(
        db
          .prepare<[string], string>('SELECT idempotency_key FROM reaction_events WHERE instance_id = ?')
          .pluck()
          .all(INSTANCE),
      );
      const lost = [...acknowledged].filter((key) => !stored.has(key)).length;
      const countSum = db
        .prepare<[string], number>('SELECT COALESCE(SUM(count), 0) FROM reaction_counts WHERE instance_id = ?')
        .pluck()
        .get(INSTANCE);
      return {
        connections,
        durationSec,
        requestsPerSec: Math.round(result['2xx'] / result.duration),
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        p999: result.latency.p99_9,
        max: result.latency.max,
        errors: result.errors,
        non2xx: result.non2xx,
        acknowledged: acknowledged.size,
        storedRows: stored.size,
        lost,
        unacknowledgedStored: stored.size - (acknowledged.size - lost),
        sseEvents,
        countsConsistent: countSum === stored.size,
        serverCpuUsPerRequest:
          cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) * 1000) / result['2xx']),
        clientCpuUsPerRequest: Math.round((clientCpu.user + clientCpu.system) / result['2xx']),
      };
    } finally {
      db.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The fastest rate the requests are prepared for; above it, keys would repeat. */
const MAX_RATE = 20_000;

/**
 * One autocannon run; every connection is one trainee and sends distinct idempotency keys.
 * The requests are built before the run (autocannon then sends ready buffers), and responses are read
 * from the client's `response` event rather than `onResponse` (which makes autocannon keep every body
 * and copy every header): the load generator shares the machine's two cores with the server, so every
 * microsecond it spends is one the server does not get.
 */
function submit(
  url: string,
  tokens: readonly string[],
  connections: number,
  durationSec: number,
  prefix: string,
  acknowledged: Set<string>,
): Promise<Result> {
  const perConnection = Math.ceil((MAX_RATE * (durationSec + 1)) / connections);
  let next = 0;
  return autocannon({
    url,
    connections,
    duration: durationSec,
    setupClient: (client: Client) => {
      const conn = next++;
      const headers = {
        'content-type': 'application/json',
        cookie: `${SESSION_COOKIE}=${tokens[conn % tokens.length]}`,
      };
      const keyOf = (i: number) => `${prefix}-${conn}-${i % perConnection}`;
      client.setRequests(
        Array.from({ length: perConnection }, (_, i) => ({
          method: 'POST',
          path: `/api/bridge/${INSTANCE}`,
          headers,
          body: `{"subject":"reactions.react","payload":{"reaction":"${REACTIONS[i % REACTIONS.length]}","key":"${keyOf(i)}"}}`,
        })),
      );
      // One request in flight per connection: the n-th response answers the n-th request.
      let answered = 0;
      client.on('response', (status: number) => {
        if (status >= 200 && status < 300) acknowledged.add(keyOf(answered));
        answered++;
      });
    },
  });
}

/** Seeds the database and creates one trainee with a session per connection, before the server starts. */
export async function prepareAccounts(dataDir: string, count: number): Promise<string[]> {
  const db = openDatabase(dataDir);
  try {
    await seedIfEmpty(db);
    const users = await createUsers(
      db,
      Array.from({ length: count }, (_, i) => ({
        username: `bench.trainee.${i}`,
        name: `Stagiaire ${i}`,
        role: 'trainee' as const,
      })),
      { sharedHash: true },
    );
    const auth = new Auth(db);
    return users.map((user) => auth.createSession(user.id).token);
  } finally {
    db.close();
  }
}

/** CPU time used so far by a process (Linux /proc), in milliseconds. */
export function cpuTimeMs(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of the line (12 and 13 after the command), in 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export function waitForReady(child: ChildProcess): Promise<{ url: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The server did not start within 30 s.')), 30_000);
    child.once('message', (message: { type?: string; url?: string }) => {
      clearTimeout(timer);
      if (message.type === 'ready' && message.url) resolve({ url: message.url });
      else reject(new Error(`Unexpected message from the server: ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with code ${code} before it was ready.`));
    });
  });
}

/** Long-lived SSE subscribers of `instance`, counting the events they receive. */
export function openStreams(url: string, tokens: readonly string[], instance = INSTANCE): { close(): number } {
  let events = 0;
  const requests = tokens.map((token) => {
    const request = http.get(`${url}/api/events?instances=${instance}`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/event-stream' },
    });
    request.on('response', (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        events += chunk.split('event: bridge\n').length - 1;
      });
      response.on('error', () => {});
    });
    request.on('error', () => {});
    return request;
  });
  return {
    close() {
      for (const request of requests) request.destroy();
      return events;
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const connections = Number(process.argv[2] ?? 200);
  const durationSec = Number(process.argv[3] ?? 10);
  runSubmissionLoad({ connections, durationSec }).then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
      const durable = result.lost === 0 && result.countsConsistent;
      const fast = result.requestsPerSec >= 5000 && result.p99 <= 50;
      console.log(
        `${durable ? 'durable: every acknowledged submission stored' : 'LOST ACKNOWLEDGED SUBMISSIONS'}; ` +
          `${fast ? 'target met' : 'target missed'} (>= 5000 acknowledged/s and p99 <= 50 ms)`,
      );
      process.exitCode = durable ? 0 : 1;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
