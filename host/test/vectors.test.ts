/**
 * The shared reaction-counting vectors (test/vectors/reactions-counting.json), which the Moodle plugin's
 * PHP passes too, played through the real server: HTTP, sessions, SQLite, one instance per case.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INSTANCES } from '../src/server/seed.js';
import { addUsers, bridge, login, startApp, tempDir, withDb, type TestApp } from './helpers.js';

interface VectorCase {
  name: string;
  events: { user: string; key: string; reaction: string }[];
  expected: Record<string, number>;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/reactions-counting.json', import.meta.url), 'utf8'),
) as { cases: VectorCase[] };

describe('shared vectors: reaction counting', () => {
  let app: TestApp;
  const cookies = new Map<string, string>();
  const users = [...new Set(vectors.cases.flatMap((c) => c.events.map((e) => e.user)))];
  const username = (user: string) => `vector.${user}`;

  beforeAll(async () => {
    const dataDir = tempDir();
    app = await startApp({}, dataDir);
    await addUsers(
      dataDir,
      users.map((user) => ({ username: username(user), name: user, role: 'trainee' as const, password: 'vectors' })),
    );
    for (const user of users) cookies.set(user, await login(app, username(user), 'vectors'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('has cases', () => {
    expect(vectors.cases.length).toBeGreaterThan(5);
  });

  for (const [index, vector] of vectors.cases.entries()) {
    it(vector.name, async () => {
      // Each case gets an instance of its own, with nothing counted yet.
      const instance = `vector-${index}`;
      withDb(app.dataDir, (db) =>
        db
          .prepare(
            "INSERT INTO activity_instances (id, course_id, type, title, position) SELECT ?, course_id, 'reactions', ?, 99 FROM activity_instances WHERE id = ?",
          )
          .run(instance, vector.name, DEMO_INSTANCES[0]!.id),
      );
      for (const event of vector.events) {
        const response = await bridge(app, cookies.get(event.user), instance, 'reactions.react', {
          reaction: event.reaction,
          key: event.key,
        });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
      }
      const state = await bridge(app, cookies.get(users[0]!), instance, 'reactions.state', {});
      expect((state.body.result as { counts: Record<string, number> }).counts).toEqual(vector.expected);
    });
  }
});
