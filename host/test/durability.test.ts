/**
 * What was acknowledged survives: the server runs in a child process that is killed with SIGKILL (no
 * shutdown, no final flush or checkpoint) right after the acknowledgements, then the data is checked.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/server/app.js';
import { bridge, key, login, startApp, tempDir, withDb } from './helpers.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function spawnServer(dataDir: string): Promise<{ child: ChildProcess; app: RunningApp }> {
  const child = fork(MAIN, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, MAG_PORT: '0', MAG_DATA_DIR: dataDir, MAG_RATE_LIMIT: '100000' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  const ready = await new Promise<{ url: string; publicOrigin: string; frameUrl: string }>((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, app: { ...ready, close: async () => {} } };
}

describe('durability', () => {
  it('keeps every acknowledged submission when the server is killed', async () => {
    const dataDir = tempDir();
    const { child, app } = await spawnServer(dataDir);
    const cookies = await Promise.all(['lucas.bernard', 'emma.petit', 'hugo.dubois'].map((u) => login(app, u)));

    const keys = Array.from({ length: 400 }, () => key());
    const responses = await Promise.all(
      keys.map((k, i) =>
        bridge(app, cookies[i % 3], 'reactions-1', 'reactions.react', { reaction: 'understood', key: k }),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const lastVersion = Math.max(
      ...responses.map((r) => (r.body.result as { state: { version: number } }).state.version),
    );

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    withDb(dataDir, (db) => {
      const stored = new Set(db.prepare<[], string>('SELECT idempotency_key FROM reaction_events').pluck().all());
      expect(keys.filter((k) => !stored.has(k))).toEqual([]);
      expect(db.prepare("SELECT count FROM reaction_counts WHERE reaction = 'understood'").pluck().get()).toBe(400);
      expect(db.prepare("SELECT version FROM activity_instances WHERE id = 'reactions-1'").pluck().get()).toBe(
        lastVersion,
      );
    });

    // A new server on the same data answers the same state, and idempotency still holds.
    const restarted = await startApp({}, dataDir);
    try {
      const cookie = await login(restarted, 'lucas.bernard');
      const state = await bridge(restarted, cookie, 'reactions-1', 'reactions.state', {});
      expect(state.body.result).toEqual({
        counts: { understood: 400, question: 0, lost: 0, slower: 0 },
        version: lastVersion,
      });
      const retry = await bridge(restarted, cookies[0], 'reactions-1', 'reactions.react', {
        reaction: 'understood',
        key: keys[0],
      });
      expect(retry.body.result).toMatchObject({ accepted: false });
    } finally {
      await restarted.close();
    }
  }, 60_000);

  it('answers or refuses, but never loses, requests in flight at a graceful shutdown (SIGTERM)', async () => {
    const dataDir = tempDir();
    const { child, app } = await spawnServer(dataDir);
    const cookie = await login(app, 'lucas.bernard');
    const keys = Array.from({ length: 200 }, () => key());
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let stopping = false;
    const pending = keys.map((k) =>
      bridge(app, cookie, 'reactions-1', 'reactions.react', { reaction: 'lost', key: k }).then(
        (response) => {
          if (!stopping) {
            stopping = true;
            child.kill('SIGTERM'); // while most requests are still in flight
          }
          return response;
        },
        () => null,
      ),
    );
    const settled = await Promise.all(pending);
    expect(await exited).toBe(0);
    const acknowledged = keys.filter((_k, i) => settled[i]?.status === 200);
    expect(acknowledged.length).toBeGreaterThan(0);
    withDb(dataDir, (db) => {
      const stored = new Set(db.prepare<[], string>('SELECT idempotency_key FROM reaction_events').pluck().all());
      expect(acknowledged.filter((k) => !stored.has(k))).toEqual([]);
    });
  }, 60_000);
});
