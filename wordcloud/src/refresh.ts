/**
 * How often a client refetches `wordcloud.state` after `wordcloud.updated` events.
 *
 * The event carries only a version (see protocol.ts), so every connected client asks for its own state after
 * each change. In a room of 500 trainees answering at once, refetching on every event would send hundreds of state
 * requests per change, all in the same millisecond. Instead a client refetches at most once per interval, and
 * trainees wait a random extra delay so that their requests spread out; the projection (trainer) refreshes
 * faster, since the room watches it. The newest state always arrives: an event that comes while a refresh is
 * waiting or in flight is folded into the next one.
 */

/** The trainer's view (and the projection): at most four refreshes a second. */
export const TRAINER_REFRESH_MS = 250;
/** A trainee's phone: at most one refresh a second, plus jitter. */
export const TRAINEE_REFRESH_MS = 1_000;

/**
 * The wait before the next refresh, given when the last one started: never sooner than `minIntervalMs` after
 * it, plus a random jitter of up to half the interval when the interval is a trainee's (≥ 1 s).
 */
export function refreshDelay(lastMs: number, nowMs: number, minIntervalMs: number, random = Math.random): number {
  const wait = Math.max(0, lastMs + minIntervalMs - nowMs);
  const jitter = minIntervalMs >= TRAINEE_REFRESH_MS ? random() * (minIntervalMs / 2) : 0;
  return Math.round(wait + jitter);
}
