import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { defineEvent } from '../../activities/src/bridge/protocol.js';
import { openDatabase, walSync } from '../src/server/db.js';
import type { Db } from '../src/server/db.js';
import { Writer } from '../src/server/writer.js';
import type { PublishedEvent } from '../src/server/writer.js';
import { tempDir } from './helpers.js';

const tick = defineEvent('test.tick', v.object({ n: v.number() }));

/** A database with two activity instances (event_log refers to them) and a scratch table. */
function database(): Db {
  const db = openDatabase(tempDir());
  db.exec(`INSERT INTO courses (id, title) VALUES ('c', 'Course');
    INSERT INTO activity_instances (id, course_id, type, title) VALUES
      ('reactions-1', 'c', 'reactions', 'One'), ('reactions-2', 'c', 'reactions', 'Two');
    CREATE TABLE t (n INTEGER NOT NULL UNIQUE);`);
  return db;
}

async function setup(
  options: { maxBatch?: number } = {},
): Promise<{ db: Db; writer: Writer; published: PublishedEvent[][] }> {
  const db = database();
  const published: PublishedEvent[][] = [];
  const writer = new Writer(db, { ...options, onPublish: (events) => published.push([...events]) });
  return { db, writer, published };
}

const rows = (db: Db) => db.prepare<[], number>('SELECT n FROM t ORDER BY n').pluck().all();

describe('group commit', () => {
  it('commits units queued together in one transaction and resolves each with its result', async () => {
    const { db, writer } = await setup();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        writer.run((tx) => tx.db.prepare('INSERT INTO t (n) VALUES (?)').run(n).changes),
      ),
    );
    expect(results).toEqual(Array(100).fill(1));
    expect(writer.batches).toBe(1);
    expect(rows(db)).toHaveLength(100);
  });

  it('flushes when the batch is full', async () => {
    const { db, writer } = await setup({ maxBatch: 10 });
    await Promise.all(
      Array.from({ length: 25 }, (_, n) => writer.run((tx) => tx.db.prepare('INSERT INTO t (n) VALUES (?)').run(n))),
    );
    expect(writer.batches).toBe(3);
    expect(rows(db)).toHaveLength(25);
  });

  it('fails a throwing unit alone, undoing its writes and calling its rollback hooks', async () => {
    const { db, writer } = await setup();
    const undone: number[] = [];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, n) =>
        writer.run((tx) => {
          tx.onRollback(() => undone.push(n));
          tx.db.prepare('INSERT INTO t (n) VALUES (?)').run(n);
          if (n === 4) throw new Error('unit 4 fails after writing');
          if (n === 7) tx.db.prepare('INSERT INTO t (n) VALUES (?)').run(3); // constraint violation
          return n;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((outcomes[4] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect(rows(db)).toEqual([0, 1, 2, 3, 5, 6, 8, 9]);
    expect(undone).toEqual([4, 7]);
    expect(writer.batches).toBe(1);
  });

  it('refuses asynchronous units', async () => {
    const { db, writer } = await setup();
    const asyncUnit = (async () => 1) as unknown as () => number;
    await expect(writer.run(asyncUnit)).rejects.toThrow(/synchronous/);
    const ok = writer.run((tx) => tx.db.prepare('INSERT INTO t (n) VALUES (1)').run().changes);
    await expect(ok).resolves.toBe(1);
    expect(rows(db)).toEqual([1]);
  });

  it('fails the whole batch when a shared pre-commit step fails, storing nothing', async () => {
    const { db, writer, published } = await setup();
    const undone: number[] = [];
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((n) =>
        writer.run((tx) => {
          tx.db.prepare('INSERT INTO t (n) VALUES (?)').run(n);
          tx.onRollback(() => undone.push(n));
          tx.emit(tick, 'reactions-1', { n });
          tx.beforeCommit('shared', () => {
            throw new Error('disk on fire');
          });
        }),
      ),
    );
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(rows(db)).toEqual([]);
    expect(undone.sort()).toEqual([1, 2, 3]);
    expect(published).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM event_log').pluck().get()).toBe(0);
  });

  it('runs a shared pre-commit step once per batch', async () => {
    const { writer } = await setup();
    let runs = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        writer.run((tx) =>
          tx.beforeCommit('aggregate', () => {
            runs++;
          }),
        ),
      ),
    );
    expect(runs).toBe(1);
  });

  it('coalesces events per instance and subject, logs them in the batch and publishes after commit', async () => {
    const { db, writer, published } = await setup();
    await Promise.all(
      [1, 2, 3]
        .map((n) => writer.run((tx) => tx.emit(tick, 'reactions-1', { n })))
        .concat(
          writer.run((tx) => tx.emit(tick, 'reactions-2', { n: 10 })),
          writer
            .run((tx) => {
              tx.emit(tick, 'reactions-2', { n: 99 });
              throw new Error('failed units emit nothing');
            })
            .catch(() => undefined),
        ),
    );
    expect(published).toHaveLength(1);
    expect(published[0]!.map((e) => [e.instance, e.subject, JSON.parse(e.json)])).toEqual([
      ['reactions-1', 'test.tick', { n: 3 }],
      ['reactions-2', 'test.tick', { n: 10 }],
    ]);
    const logged = db.prepare('SELECT id, instance_id AS instance, data FROM event_log ORDER BY id').all();
    expect(logged).toEqual(published[0]!.map((e) => ({ id: e.id, instance: e.instance, data: e.json })));
  });

  it('drops an event that fails its schema without failing the unit', async () => {
    const errors: unknown[] = [];
    const db = database();
    const published: PublishedEvent[] = [];
    const writer = new Writer(db, { onPublish: (e) => published.push(...e), onError: (err) => errors.push(err) });
    await expect(
      writer.run((tx) => (tx.emit(tick, 'reactions-1', { n: 'not a number' as unknown as number }), 'ok')),
    ).resolves.toBe('ok');
    expect(published).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('prunes the event log but keeps the newest snapshot of every stream', async () => {
    const db = database();
    const writer = new Writer(db, { eventLogKeep: 50 });
    await writer.run((tx) => tx.emit(tick, 'reactions-2', { n: -1 }));
    for (let n = 0; n < 210; n++) await writer.run((tx) => tx.emit(tick, 'reactions-1', { n }));
    const count = db.prepare<[], number>('SELECT COUNT(*) FROM event_log').pluck().get()!;
    expect(count).toBeLessThan(150);
    const newest = db.prepare("SELECT data FROM event_log WHERE instance_id = 'reactions-2'").pluck().all();
    expect(newest).toEqual(['{"n":-1}']);
  });

  it('refuses work once closed, after committing what was queued', async () => {
    const { db, writer } = await setup();
    const queued = writer.run((tx) => tx.db.prepare('INSERT INTO t (n) VALUES (42)').run().changes);
    await writer.close();
    await expect(queued).resolves.toBe(1);
    await expect(writer.run(() => 1)).rejects.toThrow(/closed/);
    expect(rows(db)).toEqual([42]);
  });

  it('acknowledges a batch only once the WAL sync says it is on disk, and publishes its events then', async () => {
    const db = database();
    const published: PublishedEvent[][] = [];
    let release!: () => void;
    const syncs: Promise<void>[] = [];
    const writer = new Writer(db, {
      onPublish: (events) => published.push([...events]),
      sync: () => {
        const done = new Promise<void>((resolve) => (release = resolve));
        syncs.push(done);
        return done;
      },
    });
    let answered = false;
    const unit = writer
      .run((tx) => {
        tx.emit(tick, 'reactions-1', { n: 7 });
        return tx.db.prepare('INSERT INTO t (n) VALUES (7)').run().changes;
      })
      .then((value) => ((answered = true), value));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rows(db)).toEqual([7]); // committed…
    expect(syncs).toHaveLength(1);
    expect(answered).toBe(false); // …but not acknowledged before the sync
    expect(published).toEqual([]);
    release();
    await expect(unit).resolves.toBe(1);
    expect(published.flat().map((event) => event.json)).toEqual(['{"n":7}']);
  });

  it('acknowledges nothing of a batch whose sync failed', async () => {
    const db = database();
    const writer = new Writer(db, { sync: () => Promise.reject(new Error('EIO')) });
    await expect(writer.run((tx) => tx.db.prepare('INSERT INTO t (n) VALUES (1)').run().changes)).rejects.toThrow(
      'EIO',
    );
  });

  it('syncs the real WAL file of the database', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    db.exec('CREATE TABLE t (n INTEGER)');
    const writer = new Writer(db, { sync: walSync(dir) });
    await expect(writer.run((tx) => tx.db.prepare('INSERT INTO t (n) VALUES (1)').run().changes)).resolves.toBe(1);
    await writer.close();
    db.close();
  });
});
