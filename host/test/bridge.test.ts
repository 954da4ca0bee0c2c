import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getState } from '../../activities/src/reactions/protocol.js';
import { ActivityRegistry, defineHandler } from '../src/server/activities.js';
import { createApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { addUsers, bridge, key, login, startApp, tempDir, withDb } from './helpers.js';
import type { TestApp } from './helpers.js';

let app: TestApp;
let trainee: string;
let trainer: string;

beforeAll(async () => {
  app = await startApp();
  [trainee, trainer] = await Promise.all([login(app, 'lucas.bernard'), login(app, 'claire.martin')]);
});
afterAll(() => app.close());

const stateOf = async (instance = 'reactions-1') =>
  (await bridge(app, trainee, instance, 'reactions.state', {})).body.result as {
    counts: Record<string, number>;
    version: number;
  };

const storedEvents = (instance = 'reactions-1') =>
  withDb(
    app.dataDir,
    (db) =>
      db
        .prepare<[string], number>('SELECT COUNT(*) FROM reaction_events WHERE instance_id = ?')
        .pluck()
        .get(instance) ?? 0,
  );

describe('bridge happy path', () => {
  it('reacts, counts, bumps the version and answers the state', async () => {
    const before = await stateOf();
    const response = await bridge(app, trainee, 'reactions-1', 'reactions.react', { reaction: 'question', key: key() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.body).toEqual({
      result: {
        accepted: true,
        state: { counts: { ...before.counts, question: before.counts.question! + 1 }, version: before.version + 1 },
      },
    });
    expect(await stateOf()).toEqual((response.body.result as { state: unknown }).state);
  });

  it('lets the trainer reset', async () => {
    await bridge(app, trainee, 'reactions-2', 'reactions.react', { reaction: 'lost', key: key() });
    const before = await stateOf('reactions-2');
    const response = await bridge(app, trainer, 'reactions-2', 'reactions.reset', {});
    expect(response.status).toBe(200);
    expect(response.body.result).toEqual({
      counts: { understood: 0, question: 0, lost: 0, slower: 0 },
      version: before.version + 1,
    });
  });

  it('keeps the counts of other instances apart', async () => {
    const one = await stateOf('reactions-1');
    await bridge(app, trainee, 'reactions-2', 'reactions.react', { reaction: 'slower', key: key() });
    expect(await stateOf('reactions-1')).toEqual(one);
  });

  it('accepts a missing payload for a subject that takes none', async () => {
    const response = await bridge(app, trainee, 'reactions-1', 'reactions.state', undefined, {
      rawBody: JSON.stringify({ subject: 'reactions.state' }),
    });
    expect(response.status).toBe(200);
  });
});

describe('bridge errors', () => {
  const react = { reaction: 'understood', key: 'abcdefgh-1' };

  it.each([
    ['bad JSON', '{"subject": "reactions.react", ', 400, 'bad_request'],
    ['an empty body', '', 400, 'bad_request'],
    ['a body that is not an object', '[1,2,3]', 400, 'bad_request'],
    ['no subject', '{"payload": {}}', 400, 'bad_request'],
    ['a subject of another type', '{"subject": "wordcloud.submit", "payload": {}}', 404, 'unsupported_subject'],
    ['a core subject', '{"subject": "bridge.hello", "payload": {}}', 404, 'unsupported_subject'],
    [
      'an invalid payload',
      '{"subject": "reactions.react", "payload": {"reaction": "bored", "key": "abcdefgh-1"}}',
      400,
      'bad_request',
    ],
    ['a payload of the wrong type', '{"subject": "reactions.react", "payload": "understood"}', 400, 'bad_request'],
  ])('refuses %s', async (_label, rawBody, status, code) => {
    const before = storedEvents();
    const response = await bridge(app, trainee, 'reactions-1', '', undefined, { rawBody });
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
    expect(storedEvents()).toBe(before);
  });

  it('refuses an unknown instance with 404', async () => {
    const response = await bridge(app, trainee, 'reactions-404', 'reactions.react', react);
    expect(response.status).toBe(404);
    expect(response.body.error).toEqual({ code: 'bad_request', message: 'Unknown activity instance.' });
  });

  it('refuses a caller who is not logged in with 401', async () => {
    const before = storedEvents();
    const response = await bridge(app, undefined, 'reactions-1', 'reactions.react', react);
    expect(response.status).toBe(401);
    expect(response.body.error?.code).toBe('unauthorized');
    expect(storedEvents()).toBe(before);
  });

  it('refuses reactions.reset to a trainee with 403, and nothing changes', async () => {
    await bridge(app, trainee, 'reactions-1', 'reactions.react', { reaction: 'lost', key: key() });
    const before = await stateOf();
    const response = await bridge(app, trainee, 'reactions-1', 'reactions.reset', {});
    expect(response.status).toBe(403);
    expect(response.body.error?.code).toBe('unauthorized');
    expect(await stateOf()).toEqual(before);
    expect(before.counts.lost).toBeGreaterThan(0);
  });

  it('ignores a role claimed in the request', async () => {
    const response = await bridge(
      app,
      trainee,
      'reactions-1',
      'reactions.reset',
      { role: 'trainer' },
      {
        rawBody: JSON.stringify({
          subject: 'reactions.reset',
          payload: {},
          role: 'trainer',
          user: { role: 'trainer' },
        }),
        headers: { 'x-role': 'trainer' },
      },
    );
    expect(response.status).toBe(403);
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const rawBody = JSON.stringify({ subject: 'reactions.react', payload: { ...react, filler: 'x'.repeat(70_000) } });
    const response = await bridge(app, trainee, 'reactions-1', '', undefined, { rawBody });
    expect(response.status).toBe(413);
    expect(response.body.error?.code).toBe('too_large');
  });

  it('refuses a request from another origin (CSRF)', async () => {
    const before = storedEvents();
    const response = await bridge(
      app,
      trainee,
      'reactions-1',
      'reactions.react',
      { ...react, key: key() },
      {
        headers: { origin: 'https://evil.example' },
      },
    );
    expect(response.status).toBe(403);
    expect(response.body.error?.code).toBe('unauthorized');
    expect(storedEvents()).toBe(before);

    const sameOrigin = await bridge(
      app,
      trainee,
      'reactions-1',
      'reactions.react',
      { ...react, key: key() },
      {
        headers: { origin: app.publicOrigin },
      },
    );
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses what an HTML form could send cross-site (not JSON)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await bridge(app, trainee, 'reactions-1', 'reactions.react', react, {
        headers: { 'content-type': type },
      });
      expect(response.status).toBe(415);
      expect(response.body.error?.code).toBe('bad_request');
    }
  });
});

describe('hostile payloads', () => {
  const long = 'é'.repeat(10_000);
  it.each([
    ['a 10,000-character key', { reaction: 'understood', key: long }],
    ['a 10,000-character reaction', { reaction: long, key: 'abcdefgh-1' }],
    ['markup in the key', { reaction: 'understood', key: '<script>alert(1)</script>' }],
    ['markup in the reaction', { reaction: '<img src=x onerror=alert(1)>', key: 'abcdefgh-1' }],
    ['control characters', { reaction: 'understood\u0000', key: 'abc\u001b[2Jdefgh' }],
    ['a prototype-polluting payload', JSON.parse('{"__proto__": {"admin": true}, "reaction": "lost"}')],
    ['nested junk', { reaction: { $gt: '' }, key: ['a'] }],
  ])('refuses %s with a short JSON error', async (_label, payload) => {
    const before = storedEvents();
    const response = await bridge(app, trainee, 'reactions-1', 'reactions.react', payload);
    expect([400, 413]).toContain(response.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body.error?.code).toBe(response.status === 400 ? 'bad_request' : 'too_large');
    expect(response.body.error!.message.length).toBeLessThanOrEqual(300);
    expect(storedEvents()).toBe(before);
  });

  it('refuses a 10,000-character subject', async () => {
    const response = await bridge(app, trainee, 'reactions-1', `reactions.${'a'.repeat(10_000)}`, {});
    expect(response.status).toBe(400);
  });

  it('refuses hostile instance ids', async () => {
    for (const instance of ['<script>', '../../etc/passwd', 'x'.repeat(5000), "reactions-1' OR '1'='1"]) {
      const response = await bridge(app, trainee, instance, 'reactions.state', {});
      expect([400, 404]).toContain(response.status);
      expect(response.body.error?.code).toBe('bad_request');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(JSON.stringify(response.body)).not.toContain('<script>');
    }
  });
});

describe('idempotency', () => {
  it('counts the same key from the same user once', async () => {
    const k = key();
    const first = await bridge(app, trainee, 'reactions-1', 'reactions.react', { reaction: 'slower', key: k });
    const second = await bridge(app, trainee, 'reactions-1', 'reactions.react', { reaction: 'slower', key: k });
    expect(first.body.result).toMatchObject({ accepted: true });
    expect(second.status).toBe(200);
    expect(second.body.result).toEqual({ accepted: false, state: await stateOf() });
    expect((second.body.result as { state: unknown }).state).toEqual((first.body.result as { state: unknown }).state);
  });

  it('counts a concurrent double submission once', async () => {
    const before = await stateOf();
    const k = key();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        bridge(app, trainee, 'reactions-1', 'reactions.react', { reaction: 'understood', key: k }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const accepted = responses.filter((r) => (r.body.result as { accepted: boolean }).accepted);
    expect(accepted).toHaveLength(1);
    const after = await stateOf();
    expect(after.counts.understood).toBe(before.counts.understood! + 1);
    expect(after.version).toBe(before.version + 1);
  });

  it('scopes keys per user', async () => {
    const k = key();
    const other = await login(app, 'emma.petit');
    const a = await bridge(app, trainee, 'reactions-1', 'reactions.react', { reaction: 'lost', key: k });
    const b = await bridge(app, other, 'reactions-1', 'reactions.react', { reaction: 'lost', key: k });
    expect(a.body.result).toMatchObject({ accepted: true });
    expect(b.body.result).toMatchObject({ accepted: true });
  });
});

describe('group commit over HTTP', () => {
  it('stores every one of many concurrent submissions, with distinct versions', async () => {
    const users = Array.from({ length: 10 }, (_, i) => ({
      username: `load.${i}`,
      name: `Load ${i}`,
      role: 'trainee' as const,
    }));
    await addUsers(app.dataDir, users);
    const cookies = await Promise.all(users.map((u) => login(app, u.username)));
    const before = await stateOf();
    const storedBefore = storedEvents();
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        bridge(app, cookies[i % cookies.length], 'reactions-1', 'reactions.react', {
          reaction: 'question',
          key: key(),
        }),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const versions = responses.map((r) => (r.body.result as { state: { version: number } }).state.version);
    expect(new Set(versions).size).toBe(300);
    expect(storedEvents()).toBe(storedBefore + 300);
    const after = await stateOf();
    expect(after.counts.question).toBe(before.counts.question! + 300);
    expect(after.version).toBe(before.version + 300);
    // The aggregate on disk agrees with the events on disk.
    withDb(app.dataDir, (db) => {
      const sum = db.prepare("SELECT SUM(count) FROM reaction_counts WHERE instance_id = 'reactions-1'").pluck().get();
      const rows = db.prepare("SELECT COUNT(*) FROM reaction_events WHERE instance_id = 'reactions-1'").pluck().get();
      expect(sum).toBe(rows);
    });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-user budget', async () => {
    const limited = await startApp({ MAG_RATE_LIMIT: '5' });
    try {
      const [a, b] = await Promise.all([login(limited, 'lucas.bernard'), login(limited, 'emma.petit')]);
      for (let i = 0; i < 5; i++) {
        expect((await bridge(limited, a, 'reactions-1', 'reactions.state', {})).status).toBe(200);
      }
      const refused = await bridge(limited, a, 'reactions-1', 'reactions.react', { reaction: 'lost', key: key() });
      expect(refused.status).toBe(429);
      expect(refused.body.error?.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      withDb(limited.dataDir, (db) => expect(db.prepare('SELECT COUNT(*) FROM reaction_events').pluck().get()).toBe(0));
      // Another user has their own budget.
      expect((await bridge(limited, b, 'reactions-1', 'reactions.state', {})).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('handler results', () => {
  it('answers 500 internal when a handler returns what its definition does not allow', async () => {
    const registry = new ActivityRegistry();
    registry.register({
      type: 'reactions',
      requests: [defineHandler(getState, () => ({ counts: { understood: -1 }, version: 'x' }) as never)],
    });
    const dataDir = tempDir();
    const broken = await createApp(loadConfig({ MAG_PORT: '0', MAG_DATA_DIR: dataDir }), { registry });
    try {
      const cookie = await login(broken, 'lucas.bernard');
      const response = await bridge(broken, cookie, 'reactions-1', 'reactions.state', {});
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ error: { code: 'internal', message: 'The host produced an invalid result.' } });
      // Only the subjects the registry knows are served.
      const react = await bridge(broken, cookie, 'reactions-1', 'reactions.react', { reaction: 'lost', key: key() });
      expect(react.status).toBe(404);
      expect(react.body.error?.code).toBe('unsupported_subject');
    } finally {
      await broken.close();
    }
  });
});
