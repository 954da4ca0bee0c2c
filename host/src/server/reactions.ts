/**
 * Server side of the "reactions" activity. Every submission is kept in `reaction_events` (which also
 * enforces idempotency); the counts and the version are an aggregate kept in `reaction_counts` and
 * `activity_instances.version`, maintained on write.
 *
 * The current state of each instance is also held in memory: a submission updates it, and the aggregate
 * rows are written once per batch (`beforeCommit`) rather than once per submission. A change that is
 * undone (its unit failed, or its batch) puts back the state it replaced. This assumes one server process
 * per database, which SQLite's single writer implies anyway.
 */
import {
  ACTIVITY_TYPE,
  REACTIONS,
  getState,
  react,
  reset,
  updated,
} from '../../../activities/src/reactions/protocol.js';
import type { Counts, Reaction, ReactionsState } from '../../../activities/src/reactions/protocol.js';
import { defineHandler } from './activities.js';
import type { ActivityType } from './activities.js';
import type { Db } from './db.js';
import type { Tx } from './writer.js';

function isReaction(value: string): value is Reaction {
  return (REACTIONS as readonly string[]).includes(value);
}

export class ReactionsStore {
  readonly #states = new Map<string, ReactionsState>();
  readonly #version;
  readonly #counts;
  readonly #insertEvent;
  readonly #saveCount;
  readonly #saveVersion;

  constructor(db: Db) {
    this.#version = db.prepare<[string], number>('SELECT version FROM activity_instances WHERE id = ?').pluck();
    this.#counts = db
      .prepare<[string], [string, number]>('SELECT reaction, count FROM reaction_counts WHERE instance_id = ?')
      .raw();
    this.#insertEvent = db.prepare<[string, number, string, string, number]>(
      `INSERT INTO reaction_events (instance_id, user_id, reaction, idempotency_key, created_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (instance_id, user_id, idempotency_key) DO NOTHING`,
    );
    this.#saveCount = db.prepare<[string, string, number]>(
      `INSERT INTO reaction_counts (instance_id, reaction, count) VALUES (?, ?, ?)
       ON CONFLICT (instance_id, reaction) DO UPDATE SET count = excluded.count`,
    );
    this.#saveVersion = db.prepare<[number, string]>('UPDATE activity_instances SET version = ? WHERE id = ?');
  }

  /** The committed state (or, inside a batch, the state after the units run so far). A copy. */
  state(instanceId: string): ReactionsState {
    const state = this.#load(instanceId);
    return { counts: { ...state.counts }, version: state.version };
  }

  /** Stores a submission; false when this user already sent this key for this instance. */
  record(tx: Tx, instanceId: string, userId: number, reaction: Reaction, key: string): boolean {
    return this.#insertEvent.run(instanceId, userId, reaction, key, tx.now).changes > 0;
  }

  /** Applies a change in memory and schedules the aggregate rows' update. Returns the new state. */
  change(tx: Tx, instanceId: string, mutate: (counts: Counts) => void): ReactionsState {
    const state = this.#load(instanceId);
    const before = { counts: { ...state.counts }, version: state.version };
    tx.onRollback(() => {
      state.counts = before.counts;
      state.version = before.version;
    });
    mutate(state.counts);
    state.version++;
    tx.beforeCommit(`reactions:${instanceId}`, () => this.#save(instanceId));
    const snapshot = { counts: { ...state.counts }, version: state.version };
    tx.emit(updated, instanceId, snapshot);
    return snapshot;
  }

  #load(instanceId: string): ReactionsState {
    let state = this.#states.get(instanceId);
    if (!state) {
      const counts: Counts = { understood: 0, question: 0, lost: 0, slower: 0 };
      for (const [reaction, count] of this.#counts.all(instanceId)) if (isReaction(reaction)) counts[reaction] = count;
      state = { counts, version: this.#version.get(instanceId) ?? 0 };
      this.#states.set(instanceId, state);
    }
    return state;
  }

  #save(instanceId: string): void {
    const state = this.#states.get(instanceId);
    if (!state) return;
    for (const reaction of REACTIONS) this.#saveCount.run(instanceId, reaction, state.counts[reaction]);
    this.#saveVersion.run(state.version, instanceId);
  }
}

const stores = new WeakMap<Db, ReactionsStore>();

/** The reactions state of a database (one per connection). Exported for tests. */
export function storeFor(db: Db): ReactionsStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new ReactionsStore(db)));
  return store;
}

export function readState(db: Db, instanceId: string): ReactionsState {
  return storeFor(db).state(instanceId);
}

export const reactionsActivity: ActivityType = {
  type: ACTIVITY_TYPE,
  requests: [
    defineHandler(getState, (_payload, ctx) => readState(ctx.db, ctx.instance.id)),

    defineHandler(react, ({ reaction, key }, ctx) =>
      ctx.writer.run((tx) => {
        const store = storeFor(tx.db);
        // A retried submission (same user, same key) is answered with the state, not counted again.
        if (!store.record(tx, ctx.instance.id, ctx.user.id, reaction, key)) {
          return { accepted: false, state: store.state(ctx.instance.id) };
        }
        const state = store.change(tx, ctx.instance.id, (counts) => {
          counts[reaction]++;
        });
        return { accepted: true, state };
      }),
    ),

    defineHandler(reset, (_payload, ctx) =>
      ctx.writer.run((tx) =>
        storeFor(tx.db).change(tx, ctx.instance.id, (counts) => {
          for (const reaction of REACTIONS) counts[reaction] = 0;
        }),
      ),
    ),
  ],
};
