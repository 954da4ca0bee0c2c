/**
 * Per-user token bucket: `limit` requests per `windowMs`, refilled continuously, so a user may burst up to
 * `limit` and then goes at the average rate.
 */
export class RateLimiter {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #buckets = new Map<number | string, { tokens: number; at: number }>();

  constructor(limit: number, windowMs = 10_000) {
    this.#capacity = limit;
    this.#perMs = limit / windowMs;
  }

  /** Takes one token. Returns 0 when allowed, else the milliseconds until a token is available. */
  take(key: number | string, now = Date.now()): number {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.#capacity, at: now };
      this.#buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.at) * this.#perMs);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.#perMs);
  }

  /** Forgets full buckets, which behave exactly like absent ones. */
  sweep(now = Date.now()): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) * this.#perMs >= this.#capacity) this.#buckets.delete(key);
    }
  }
}
