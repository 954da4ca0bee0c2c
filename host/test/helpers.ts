/** Shared test helpers: a real app on a random port in a temp data directory, and small HTTP clients. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/server/app.js';
import type { RunningApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db.js';
import type { Db } from '../src/server/db.js';
import { DEMO_PASSWORD, createUsers } from '../src/server/seed.js';
import type { NewUser } from '../src/server/seed.js';

const created: string[] = [];
process.once('exit', () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'mag-host-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export interface TestApp extends RunningApp {
  dataDir: string;
}

export async function startApp(env: Record<string, string> = {}, dataDir = tempDir()): Promise<TestApp> {
  const config = loadConfig({
    MAG_PORT: '0',
    MAG_DATA_DIR: dataDir,
    MAG_ASSETS_DIR: path.join(dataDir, 'no-assets'),
    ...env,
  });
  const app = await createApp(config);
  return Object.assign(app, { dataDir });
}

/** A second connection to the app's database, to check what is really stored. */
export function withDb<T>(dataDir: string, fn: (db: Db) => T): T {
  const db = openDatabase(dataDir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export async function addUsers(dataDir: string, users: NewUser[]): Promise<void> {
  const db = openDatabase(dataDir);
  try {
    await createUsers(db, users);
  } finally {
    db.close();
  }
}

/** Logs in and returns the `Cookie` header value to send. */
export async function login(app: RunningApp, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${app.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`Login failed for ${username}: ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mag_session='));
  if (!cookie) throw new Error('No session cookie');
  return cookie.split(';', 1)[0]!;
}

export interface BridgeResponse {
  status: number;
  headers: Headers;
  body: { result?: unknown; error?: { code: string; message: string } };
}

export async function bridge(
  app: RunningApp,
  cookie: string | undefined,
  instance: string,
  subject: string,
  payload?: unknown,
  init: { headers?: Record<string, string>; rawBody?: string } = {},
): Promise<BridgeResponse> {
  const response = await fetch(`${app.url}/api/bridge/${encodeURIComponent(instance)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...init.headers },
    body: init.rawBody ?? JSON.stringify({ subject, payload }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as BridgeResponse['body'] };
}

export function key(): string {
  return `k-${crypto.randomUUID()}`;
}

/** GET through node:http, so that the Host header can be chosen (fetch does not allow it). */
export function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** A Server-Sent Events client that records every block (events and id-only blocks). */
export class EventStream {
  readonly blocks: SseEvent[] = [];
  #waiters: (() => void)[] = [];
  #buffer = '';
  #request: http.ClientRequest;
  status = 0;
  ended = false;
  readonly opened: Promise<void>;

  constructor(url: string, headers: Record<string, string>) {
    let opened!: () => void;
    let failed!: (err: Error) => void;
    this.opened = new Promise((resolve, reject) => {
      opened = resolve;
      failed = reject;
    });
    this.#request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      this.status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => this.#feed(chunk));
      res.on('end', () => {
        this.ended = true;
        this.#notify();
      });
      res.on('error', () => {});
      opened();
    });
    this.#request.on('error', (err) => {
      this.ended = true;
      failed(err);
      this.#notify();
    });
  }

  get events(): { id: number; instance: string; subject: string; data: unknown }[] {
    return this.blocks
      .filter((block) => block.event === 'bridge')
      .map((block) => ({
        id: Number(block.id),
        ...(JSON.parse(block.data!) as { instance: string; subject: string; data: unknown }),
      }));
  }

  /** The id the browser would send as Last-Event-ID on reconnection. */
  get lastEventId(): string | undefined {
    return this.blocks.filter((block) => block.id !== undefined).at(-1)?.id;
  }

  async waitFor(predicate: (stream: EventStream) => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) throw new Error(`Timed out; received: ${JSON.stringify(this.blocks)}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.#request.destroy();
  }

  #feed(chunk: string): void {
    this.#buffer += chunk;
    let end: number;
    while ((end = this.#buffer.indexOf('\n\n')) >= 0) {
      const raw = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const block: SseEvent = {};
      for (const line of raw.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id' || field === 'event' || field === 'data') block[field] = value;
      }
      if (Object.keys(block).length > 0) this.blocks.push(block);
    }
    this.#notify();
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter();
  }
}

export function openEvents(app: RunningApp, cookie: string, instances: string, lastEventId?: string): EventStream {
  return new EventStream(`${app.url}/api/events?instances=${instances}`, {
    cookie,
    ...(lastEventId !== undefined ? { 'last-event-id': lastEventId } : {}),
  });
}
