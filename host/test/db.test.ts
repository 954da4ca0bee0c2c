import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { startCheckpointer } from '../src/server/checkpointer.js';
import { describe, expect, it } from 'vitest';
import { DB_FILE, MIGRATIONS, databaseFile, migrate, openDatabase, schemaVersion } from '../src/server/db.js';
import { DEMO_INSTANCES, DEMO_TRAINEES, createUsers, seedIfEmpty, usernameOf } from '../src/server/seed.js';
import { tempDir } from './helpers.js';

describe('database', () => {
  it('applies the migrations once, however often it is opened', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(0);
    db.close();

    const again = openDatabase(dir);
    expect(migrate(again)).toBe(0);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    again.close();
  });

  it('migrates a bare database and records each version', () => {
    const db = new Database(path.join(tempDir(), DB_FILE));
    expect(migrate(db)).toBe(MIGRATIONS.length);
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'courses',
        'activity_instances',
        'reaction_events',
        'reaction_counts',
        'event_log',
      ]),
    );
    db.close();
  });

  it('is strict and leaves durability to the writer: WAL, synchronous NORMAL, foreign keys', () => {
    const db = openDatabase(tempDir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // NORMAL: the writer fsyncs the WAL itself, off the event loop, before acknowledging (writer.test.ts).
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      db
        .prepare(
          "INSERT INTO reaction_events (instance_id, user_id, reaction, idempotency_key, created_at) VALUES ('nope', 1, 'lost', 'k', 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('seeds the demo course once', async () => {
    const db = openDatabase(tempDir());
    expect(await seedIfEmpty(db)).toBe(true);
    expect(await seedIfEmpty(db)).toBe(false);
    const users = db.prepare('SELECT username, display_name, role FROM users ORDER BY id').all();
    expect(users).toHaveLength(1 + DEMO_TRAINEES.length);
    expect(users[0]).toEqual({ username: 'claire.martin', display_name: 'Claire Martin', role: 'trainer' });
    expect(users).toContainEqual({ username: 'lucas.bernard', display_name: 'Lucas Bernard', role: 'trainee' });
    expect(users).toContainEqual({ username: 'emma.petit', display_name: 'Emma Petit', role: 'trainee' });
    expect(db.prepare('SELECT title FROM courses').pluck().get()).toBe('Enseigner avec le numérique');
    expect(db.prepare('SELECT id, type FROM activity_instances ORDER BY position').all()).toEqual(
      DEMO_INSTANCES.map(({ id, type }) => ({ id, type })),
    );
    const hashes = db.prepare<[], string>('SELECT password_hash FROM users').pluck().all();
    expect(new Set(hashes).size).toBe(hashes.length); // salted: no two hashes alike
    expect(hashes.every((hash) => hash.startsWith('scrypt$') && !hash.includes('magistere'))).toBe(true);
    db.close();
  });

  it('creates extra users', async () => {
    const db = openDatabase(tempDir());
    const [user] = await createUsers(db, [{ username: 'test.user', name: 'Test User', role: 'trainee' }]);
    expect(user).toMatchObject({ username: 'test.user', name: 'Test User', role: 'trainee' });
    expect(usernameOf('Léa Moreau')).toBe('lea.moreau');
    db.close();
  });

  it('checkpoints the WAL from a worker thread', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE blob (b BLOB)');
    const insert = db.prepare('INSERT INTO blob (b) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 64; i++) insert.run(Buffer.alloc(16 * 1024, i));
    })();
    const file = databaseFile(dir);
    expect(fs.statSync(file).size).toBeLessThan(512 * 1024); // the new pages are still in the WAL only
    const errors: string[] = [];
    const checkpointer = startCheckpointer(file, { intervalMs: 20, onError: (e) => errors.push(e) });
    const deadline = Date.now() + 5000;
    while (fs.statSync(file).size < 1024 * 1024 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await checkpointer.stop();
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(1024 * 1024);
    expect(errors).toEqual([]);
    db.close();
  });
});
