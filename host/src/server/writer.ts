/**
 * Group commit. Every write is a synchronous unit of work queued here; the queue runs all pending units
 * in one SQLite transaction on the next `setImmediate` (or as soon as it holds `maxBatch` units) and
 * settles their promises only after the commit. With `synchronous = FULL` a commit costs an fsync; paying
 * it once per batch instead of once per request is what lets one process acknowledge thousands of
 * durable writes per second.
 *
 * Each unit runs inside a savepoint: a unit that throws is rolled back and rejected alone.
 *
 * Durability without stalling: the connection runs with `synchronous = NORMAL` (a commit writes the WAL but
 * does not wait for the disk), and after each commit the writer calls `sync` (an fsync of the WAL file in
 * libuv's thread pool) and settles the batch's promises only when it returns. An acknowledged write is on
 * disk exactly as with `synchronous = FULL`, but the event loop keeps parsing the next requests (and the
 * next batch commits) while the disk works, instead of blocking on every commit's fsync.
 *
 * Events emitted by units are coalesced per (instance, subject) within a batch, since they are full
 * snapshots and only the newest matters; each is validated against its schema once per batch. They are
 * appended to `event_log` inside the batch's transaction (so an SSE client resuming from an id never
 * misses a committed change) and handed to `onPublish` after the commit.
 */
import type { EventDef } from '../../../activities/src/bridge/protocol.js';
import { parseOrThrow } from '../../../activities/src/bridge/protocol.js';
import type { Db } from './db.js';

export interface Tx {
  readonly db: Db;
  /** One timestamp for the whole batch (ms since the epoch). */
  readonly now: number;
  emit<D>(def: EventDef<D>, instanceId: string, data: D): void;
  /**
   * Runs `fn` once per batch for `key`, after the last unit and before the commit, in the transaction:
   * for writes that several units share (an aggregate row), done once instead of once per unit.
   */
  beforeCommit(key: string, fn: () => void): void;
  /**
   * Runs `fn` if this unit's writes are undone (the unit threw, or its batch failed to commit), after the
   * callbacks of later units: newest first.
   */
  onRollback(fn: () => void): void;
}

export type Unit<T> = (tx: Tx) => T;

export interface PublishedEvent {
  readonly id: number;
  readonly instance: string;
  readonly subject: string;
  /** The event data as JSON text, serialised once for the log and every subscriber. */
  readonly json: string;
}

export interface WriterOptions {
  maxBatch?: number;
  /** `event_log` keeps about this many rows, plus the newest snapshot of every (instance, subject). */
  eventLogKeep?: number;
  onPublish?: (events: readonly PublishedEvent[]) => void;
  onError?: (err: unknown) => void;
  /**
   * Makes everything committed so far durable (fsyncs the WAL); a batch is acknowledged when it resolves.
   * Without it, a batch is acknowledged right after its commit (the connection's own `synchronous` rules).
   */
  sync?: () => Promise<void>;
}

interface Pending {
  unit: Unit<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

interface Emission {
  def: EventDef<unknown>;
  instance: string;
  data: unknown;
}

/** What the units of one batch left behind. */
class BatchState {
  readonly results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  readonly emissions = new Map<string, Emission>();
  readonly finalizers = new Map<string, () => void>();
  readonly rollbacks: (() => void)[] = [];
  events: PublishedEvent[] = [];
  // The unit running now: its side effects join the batch only if it succeeds.
  unitEmissions: Emission[] = [];
  unitFinalizers: [string, () => void][] = [];
  unitRollbacks: (() => void)[] = [];
}

export class WriterClosedError extends Error {
  override name = 'WriterClosedError';
}

export class Writer {
  readonly #db: Db;
  readonly #maxBatch: number;
  readonly #keep: number;
  readonly #onPublish: (events: readonly PublishedEvent[]) => void;
  readonly #onError: (err: unknown) => void;
  readonly #sync: (() => Promise<void>) | undefined;
  readonly #syncing = new Set<Promise<void>>();
  #queue: Pending[] = [];
  #scheduled = false;
  #closed = false;
  #lastPruneId = 0;
  readonly #insertEvent;
  readonly #prune;
  readonly #savepoint;
  readonly #batch;

  /** Batches committed so far, for tests and metrics. */
  batches = 0;

  constructor(db: Db, options: WriterOptions = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 512;
    this.#keep = options.eventLogKeep ?? 5000;
    this.#onPublish = options.onPublish ?? (() => {});
    this.#onError = options.onError ?? (() => {});
    this.#sync = options.sync;
    this.#insertEvent = db.prepare<[string, string, string, number]>(
      'INSERT INTO event_log (instance_id, subject, data, created_at) VALUES (?, ?, ?, ?)',
    );
    this.#prune = db.prepare<[number]>(
      `DELETE FROM event_log WHERE id <= ?
         AND id NOT IN (SELECT MAX(id) FROM event_log GROUP BY instance_id, subject)`,
    );
    // better-sqlite3 turns a transaction function called inside another into a savepoint.
    this.#savepoint = db.transaction((unit: Unit<unknown>, tx: Tx) => {
      const result = unit(tx);
      if (isThenable(result)) throw new TypeError('A write unit must be synchronous.');
      return result;
    });
    this.#batch = db.transaction((batch: Pending[], state: BatchState) => this.#runBatch(batch, state));
  }

  /** Queues `unit`; resolves with its result once the batch holding it is committed. */
  run<T>(unit: Unit<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new WriterClosedError('The writer is closed.'));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ unit, resolve: resolve as (value: unknown) => void, reject });
      if (this.#queue.length >= this.#maxBatch) {
        this.flush();
      } else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(this.#flushScheduled);
      }
    });
  }

  get pending(): number {
    return this.#queue.length;
  }

  readonly #flushScheduled = (): void => {
    this.#scheduled = false;
    this.flush();
  };

  /** Commits everything queued, now. */
  flush(): void {
    const batch = this.#queue;
    if (batch.length === 0) return;
    this.#queue = [];
    const state = new BatchState();
    try {
      this.#batch.immediate(batch, state);
    } catch (err) {
      // A finalizer or the commit itself failed (disk full, I/O error): nothing of this batch is stored.
      this.#onError(err);
      runAll(state.rollbacks, this.#onError);
      for (const pending of batch) pending.reject(err);
      return;
    }
    this.batches++;
    if (!this.#sync) {
      this.#settle(batch, state);
      return;
    }
    const syncing = this.#sync().then(
      () => this.#settle(batch, state),
      (err: unknown) => {
        // Committed but maybe not on disk: nothing is acknowledged. A client retries with its idempotency key.
        this.#onError(err);
        for (const pending of batch) pending.reject(err);
      },
    );
    this.#syncing.add(syncing);
    void syncing.finally(() => this.#syncing.delete(syncing));
  }

  /** Publishes a durable batch's events, then answers its units. */
  #settle(batch: Pending[], state: BatchState): void {
    if (state.events.length > 0) {
      try {
        this.#onPublish(state.events);
      } catch (err) {
        this.#onError(err);
      }
    }
    batch.forEach((pending, i) => {
      const result = state.results[i]!;
      if (result.ok) pending.resolve(result.value);
      else pending.reject(result.error);
    });
  }

  /** Refuses new units, commits the queued ones and waits until every batch is durable and answered. */
  async close(): Promise<void> {
    this.#closed = true;
    this.flush();
    while (this.#syncing.size > 0) await Promise.allSettled([...this.#syncing]);
  }

  #runBatch(batch: Pending[], state: BatchState): void {
    const now = Date.now();
    const tx: Tx = {
      db: this.#db,
      now,
      emit: (def, instance, data) => {
        state.unitEmissions.push({ def: def as EventDef<unknown>, instance, data });
      },
      beforeCommit: (key, fn) => {
        state.unitFinalizers.push([key, fn]);
      },
      onRollback: (fn) => {
        state.unitRollbacks.push(fn);
      },
    };
    for (const pending of batch) {
      state.unitEmissions = [];
      state.unitFinalizers = [];
      state.unitRollbacks = [];
      try {
        const value = this.#savepoint(pending.unit, tx);
        for (const emission of state.unitEmissions) {
          const key = `${emission.instance}\u0000${emission.def.subject}`;
          state.emissions.delete(key); // insertion order = order of the newest change
          state.emissions.set(key, emission);
        }
        for (const [key, fn] of state.unitFinalizers) if (!state.finalizers.has(key)) state.finalizers.set(key, fn);
        state.rollbacks.push(...state.unitRollbacks);
        state.results.push({ ok: true, value });
      } catch (error) {
        runAll(state.unitRollbacks, this.#onError);
        state.results.push({ ok: false, error });
      }
    }
    for (const finalize of state.finalizers.values()) finalize();
    for (const { def, instance, data } of state.emissions.values()) {
      // A snapshot that fails its own schema is a host bug: logged, not sent.
      let json: string;
      try {
        json = JSON.stringify(parseOrThrow(def.data, data, `${def.subject} event`));
      } catch (err) {
        this.#onError(err);
        continue;
      }
      const id = Number(this.#insertEvent.run(instance, def.subject, json, now).lastInsertRowid);
      state.events.push({ id, instance, subject: def.subject, json });
    }
    const lastId = state.events.at(-1)?.id ?? 0;
    if (lastId - this.#lastPruneId >= Math.max(100, this.#keep / 10)) {
      this.#prune.run(lastId - this.#keep);
      this.#lastPruneId = lastId;
    }
  }
}

/** Runs undo callbacks newest first, like an undo log. */
function runAll(fns: readonly (() => void)[], onError: (err: unknown) => void): void {
  for (const fn of [...fns].reverse()) {
    try {
      fn();
    } catch (err) {
      onError(err);
    }
  }
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
