/**
 * In-memory fan-out of committed events to Server-Sent Events subscribers, and replay from `event_log`.
 *
 * Events are snapshots, so the hub sends at most one per (instance, subject) every `minIntervalMs`:
 * under a burst of submissions, twenty subscribers get twenty updates a second each instead of one
 * per commit, and the newest state always arrives. One frame is formatted per event for all subscribers.
 */
import type { Db } from './db.js';
import type { PublishedEvent } from './writer.js';

export interface Subscriber {
  readonly instances: ReadonlySet<string>;
  /** Events up to this id were already sent (replayed) to the subscriber. */
  readonly afterId: number;
  /** Writes an SSE chunk; returns false when the subscriber is too far behind and must go. */
  write(chunk: string): boolean;
  end(): void;
}

export interface LoggedEvent {
  id: number;
  instance: string;
  subject: string;
  json: string;
}

export function sseFrame(event: LoggedEvent): string {
  const payload = `{"instance":${JSON.stringify(event.instance)},"subject":${JSON.stringify(event.subject)},"data":${event.json}}`;
  return `id: ${event.id}\nevent: bridge\ndata: ${payload}\n\n`;
}

export class EventHub {
  readonly #byInstance = new Map<string, Set<Subscriber>>();
  readonly #all = new Set<Subscriber>();
  readonly #minIntervalMs: number;
  readonly #pending = new Map<string, PublishedEvent>();
  #timer: NodeJS.Timeout | undefined;
  #lastFlush = 0;

  constructor(options: { minIntervalMs?: number } = {}) {
    this.#minIntervalMs = options.minIntervalMs ?? 50;
  }

  get size(): number {
    return this.#all.size;
  }

  subscribe(subscriber: Subscriber): () => void {
    this.#all.add(subscriber);
    for (const instance of subscriber.instances) {
      let set = this.#byInstance.get(instance);
      if (!set) this.#byInstance.set(instance, (set = new Set()));
      set.add(subscriber);
    }
    return () => this.#remove(subscriber);
  }

  publish(events: readonly PublishedEvent[]): void {
    for (const event of events) {
      if (!this.#byInstance.has(event.instance)) continue;
      const key = `${event.instance}\u0000${event.subject}`;
      this.#pending.delete(key);
      this.#pending.set(key, event);
    }
    if (this.#pending.size === 0 || this.#timer) return;
    const wait = this.#lastFlush + this.#minIntervalMs - Date.now();
    if (wait <= 0) this.flush();
    else this.#timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends the pending events now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastFlush = Date.now();
    const events = [...this.#pending.values()];
    this.#pending.clear();
    for (const event of events) {
      const subscribers = this.#byInstance.get(event.instance);
      if (!subscribers) continue;
      const frame = sseFrame(event);
      for (const subscriber of subscribers) {
        if (event.id > subscriber.afterId) this.#send(subscriber, frame);
      }
    }
  }

  /** A comment line: keeps proxies from closing idle streams and lets clients notice a dead server. */
  heartbeat(): void {
    for (const subscriber of this.#all) this.#send(subscriber, ': heartbeat\n\n');
  }

  /** Sends what is pending, then ends every stream. */
  closeAll(): void {
    this.flush();
    for (const subscriber of [...this.#all]) {
      this.#remove(subscriber);
      subscriber.end();
    }
  }

  #send(subscriber: Subscriber, chunk: string): void {
    if (!subscriber.write(chunk)) {
      // A client that cannot keep up reconnects and resumes from its last event id.
      this.#remove(subscriber);
      subscriber.end();
    }
  }

  #remove(subscriber: Subscriber): void {
    if (!this.#all.delete(subscriber)) return;
    for (const instance of subscriber.instances) {
      const set = this.#byInstance.get(instance);
      set?.delete(subscriber);
      if (set?.size === 0) this.#byInstance.delete(instance);
    }
  }
}

export class EventLog {
  readonly #newestPerSubject;
  readonly #lastId;

  constructor(db: Db) {
    this.#newestPerSubject = db.prepare<[string, number], LoggedEvent>(
      `SELECT id, instance_id AS instance, subject, data AS json FROM event_log
        WHERE id IN (SELECT MAX(id) FROM event_log WHERE instance_id = ? AND id > ? GROUP BY subject)`,
    );
    this.#lastId = db
      .prepare<[], number>(`SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'event_log'), 0)`)
      .pluck();
  }

  /** For each (instance, subject), the newest snapshot logged after `afterId`, oldest first. */
  replay(instances: Iterable<string>, afterId: number): LoggedEvent[] {
    const events: LoggedEvent[] = [];
    for (const instance of instances) events.push(...this.#newestPerSubject.all(instance, afterId));
    return events.sort((a, b) => a.id - b.id);
  }

  lastId(): number {
    return this.#lastId.get() ?? 0;
  }
}
