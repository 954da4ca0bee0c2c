/** Small helpers for browser tests of activities and hosts. */
import {
  CONNECT_EVENT,
  PROTOCOL,
  PROTOCOL_VERSION,
  type ConnectEventDetail,
  type Envelope,
} from '../bridge/protocol.js';

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what = 'condition', timeoutMs = 4_000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A hand-driven activity end: lets a test send exactly the bytes it wants to a host and read every
 * answer, as a hostile or buggy activity would.
 */
export class RawActivity {
  readonly received: unknown[] = [];
  readonly port: MessagePort;
  claimed: boolean;

  constructor(from: Element, activity: string, instance: string) {
    const channel = new MessageChannel();
    const detail: ConnectEventDetail = { port: channel.port2, activity, instance, claimed: false };
    from.dispatchEvent(new CustomEvent(CONNECT_EVENT, { bubbles: true, composed: true, detail }));
    this.claimed = detail.claimed;
    this.port = channel.port1;
    this.port.onmessage = (event) => this.received.push(event.data);
  }

  send(message: unknown): void {
    this.port.postMessage(message);
  }

  envelope(subject: string, payload: unknown, id: string = crypto.randomUUID()): Envelope {
    return { protocol: PROTOCOL, version: PROTOCOL_VERSION, subject, message_id: id, payload };
  }

  /** Sends a request and waits for the envelope that answers it. */
  async ask(subject: string, payload: unknown, id: string = crypto.randomUUID()): Promise<Envelope> {
    this.send(this.envelope(subject, payload, id));
    return this.answerTo(id);
  }

  async answerTo(id: string, timeoutMs = 2_000): Promise<Envelope> {
    let answer: Envelope | undefined;
    await until(
      () => (answer = this.received.find((m) => (m as Envelope).reply_to === id) as Envelope | undefined) !== undefined,
      `an answer to ${id}`,
      timeoutMs,
    );
    return answer!;
  }

  close(): void {
    this.port.close();
  }
}

/** Counts the listeners added to and removed from a target, to prove that nothing is left behind. */
export function trackListeners(target: EventTarget): { live(): number; restore(): void } {
  const added = new Set<unknown>();
  const originalAdd = target.addEventListener;
  const originalRemove = target.removeEventListener;
  const key = (type: string, listener: unknown) =>
    `${type}\u0000${String(listener)}\u0000${listeners.indexOf(listener)}`;
  const listeners: unknown[] = [];
  target.addEventListener = function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
    if (!listeners.includes(listener)) listeners.push(listener);
    added.add(key(type, listener));
    return originalAdd.call(this, type, listener as EventListener, options as AddEventListenerOptions);
  } as typeof target.addEventListener;
  target.removeEventListener = function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
    added.delete(key(type, listener));
    return originalRemove.call(this, type, listener as EventListener, options as EventListenerOptions);
  } as typeof target.removeEventListener;
  return {
    live: () => added.size,
    restore: () => {
      target.addEventListener = originalAdd;
      target.removeEventListener = originalRemove;
    },
  };
}
