/**
 * Answers on their way to the host, kept through a flaky school Wi-Fi and a reload: each has the idempotency
 * key it was first sent with, so the host counts it once however many times it is sent again.
 *
 * Kept in `localStorage` under a key of the instance and the user (a shared computer keeps each person's
 * answers apart); in memory only where storage is refused (private browsing, a sandboxed frame).
 */
export interface OutgoingAnswer {
  /** The idempotency key, sent with every try. */
  key: string;
  text: string;
  /** When it was first written (ms since the epoch). */
  at: number;
}

/** Answers older than this are dropped: a session is long over, and the host would refuse them anyway. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;
const MAX_ITEMS = 50;

export class Outbox {
  #items: OutgoingAnswer[] = [];
  #storageKey: string | null = null;

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeStorage()) {}

  /** Binds the outbox to one person's answers to one instance, and reads what an earlier page left. */
  open(instance: string, userId: string, now = Date.now()): void {
    const storageKey = `mag-wordcloud-outbox:${instance}:${userId}`;
    if (storageKey === this.#storageKey) return;
    this.#storageKey = storageKey;
    this.#items = read(this.storage, storageKey).filter((item) => now - item.at < MAX_AGE_MS);
  }

  get items(): readonly OutgoingAnswer[] {
    return this.#items;
  }

  add(text: string, now = Date.now()): OutgoingAnswer {
    const item = { key: crypto.randomUUID(), text, at: now };
    this.#items = [...this.#items, item].slice(-MAX_ITEMS);
    this.#save();
    return item;
  }

  remove(key: string): void {
    const before = this.#items.length;
    this.#items = this.#items.filter((item) => item.key !== key);
    if (this.#items.length !== before) this.#save();
  }

  #save(): void {
    if (!this.storage || !this.#storageKey) return;
    try {
      if (this.#items.length === 0) this.storage.removeItem(this.#storageKey);
      else this.storage.setItem(this.#storageKey, JSON.stringify(this.#items));
    } catch {
      // Storage full or refused: the answers stay in memory for this page.
    }
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function read(storage: Pick<Storage, 'getItem'> | null, key: string): OutgoingAnswer[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter(
        (item): item is OutgoingAnswer =>
          typeof item === 'object' &&
          item !== null &&
          typeof (item as OutgoingAnswer).key === 'string' &&
          /^[A-Za-z0-9-]{8,64}$/.test((item as OutgoingAnswer).key) &&
          typeof (item as OutgoingAnswer).text === 'string' &&
          (item as OutgoingAnswer).text.length <= 20_000 &&
          typeof (item as OutgoingAnswer).at === 'number',
      )
      .slice(-MAX_ITEMS);
  } catch {
    return [];
  }
}
