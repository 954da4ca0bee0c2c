import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db.js';
import type { Db } from '../src/server/db.js';
import { readState, storeFor } from '../src/server/reactions.js';
import { Writer } from '../src/server/writer.js';
import { tempDir } from './helpers.js';

function database(): Db {
  const db = openDatabase(tempDir());
  db.exec(`INSERT INTO courses (id, title) VALUES ('c', 'Course');
    INSERT INTO activity_instances (id, course_id, type, title) VALUES ('r', 'c', 'reactions', 'R');`);
  return db;
}

const stored = (db: Db) => ({
  counts: Object.fromEntries(
    db.prepare<[], [string, number]>("SELECT reaction, count FROM reaction_counts WHERE instance_id = 'r'").raw().all(),
  ),
  version: db.prepare("SELECT version FROM activity_instances WHERE id = 'r'").pluck().get(),
});

describe('reactions state', () => {
  it('puts back what a failed unit changed, keeping the changes of the others in the batch', async () => {
    const db = database();
    const writer = new Writer(db);
    const store = storeFor(db);
    const outcomes = await Promise.allSettled([
      writer.run((tx) => store.change(tx, 'r', (c) => void c.understood++)),
      writer.run((tx) => {
        store.change(tx, 'r', (c) => void c.lost++);
        throw new Error('fails after changing the state');
      }),
      writer.run((tx) => store.change(tx, 'r', (c) => void c.question++)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const expected = { counts: { understood: 1, question: 1, lost: 0, slower: 0 }, version: 2 };
    expect(readState(db, 'r')).toEqual(expected);
    expect(stored(db)).toEqual(expected);
  });

  it('goes back to the committed state when a whole batch fails', async () => {
    const db = database();
    const writer = new Writer(db);
    const store = storeFor(db);
    await writer.run((tx) => store.change(tx, 'r', (c) => void (c.slower += 5)));
    const committed = readState(db, 'r');
    const outcomes = await Promise.allSettled([
      writer.run((tx) => store.change(tx, 'r', (c) => void c.understood++)),
      writer.run((tx) => store.change(tx, 'r', (c) => void c.lost++)),
      writer.run((tx) =>
        tx.beforeCommit('boom', () => {
          throw new Error('the batch fails');
        }),
      ),
    ]);
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(readState(db, 'r')).toEqual(committed);
    expect(stored(db)).toEqual(committed);
    await writer.run((tx) => store.change(tx, 'r', (c) => void c.question++));
    expect(stored(db)).toEqual({ counts: { ...committed.counts, question: 1 }, version: committed.version + 1 });
  });
});
