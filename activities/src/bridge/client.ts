/**
 * The activity side of the bridge, as a Lit reactive controller: finds a host, says hello, keeps the
 * connection alive, sends requests with timeouts, delivers events, and cleans everything up on
 * disconnect. Elements read `status` and `context`; they never see the transport.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as v from 'valibot';
import { PortChannel } from './channel.js';
import {
  BridgeError,
  HOST_READY_EVENT,
  PROTOCOL_VERSION,
  bye,
  context as contextEvent,
  hello,
  parseOrThrow,
  ping,
  resize,
  status as statusEvent,
  type Envelope,
  type EventDef,
  type HostContext,
  type RequestDef,
} from './protocol.js';
import { allowedParentOrigins, connectToParent, findHostInPage, parentOrigin, type Found } from './transports.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'lost' | 'incompatible';

export interface BridgeClientOptions {
  /** Activity type, e.g. `reactions`. */
  activity: string;
  /** The activity instance id, read when connecting. */
  instance: () => string;
  /** Default request timeout. */
  timeoutMs?: number;
  /** How long to wait for the host's hello answer before trying again. */
  helloTimeoutMs?: number;
  /** Interval of the liveness ping; a ping without answer means the host is lost. */
  pingIntervalMs?: number;
  /** Protocol versions this activity speaks (tests use this to provoke a mismatch). */
  versions?: number[];
}

type Listener = (data: unknown) => void;
interface Subscription {
  def: EventDef<unknown>;
  listener: Listener;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

export class BridgeController implements ReactiveController {
  status: ConnectionStatus = 'connecting';
  /** What the host said about the user, the locale and the theme; null until connected. */
  context: HostContext | null = null;
  /** False while the host says its own server link is down. */
  hostOnline = true;
  transport: Found['kind'] | null = null;

  private channel: PortChannel | null = null;
  private found: Found | null = null;
  private readonly subscriptions = new Set<Subscription>();
  private readonly waiters = new Set<() => void>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private retryDelay = RETRY_MIN_MS;
  private resizeObserver: ResizeObserver | null = null;
  private lastHeight = -1;
  private attached = false;
  private attempt = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: BridgeClientOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.attached = true;
    window.addEventListener(HOST_READY_EVENT, this.onHostReady);
    void this.connect();
  }

  hostDisconnected(): void {
    this.attached = false;
    window.removeEventListener(HOST_READY_EVENT, this.onHostReady);
    this.teardown(true);
    this.setStatus('connecting');
  }

  /** Sends a request; waits for the connection (within the timeout) if it is not there yet. */
  async request<P, R>(
    def: RequestDef<P, R>,
    payload: P,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<R> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 10_000;
    const started = Date.now();
    const checked = parseOrThrow(def.payload, payload, `${def.subject} payload`);
    const channel = await this.whenConnected(timeoutMs, options.signal);
    const remaining = Math.max(1, timeoutMs - (Date.now() - started));
    const result = await channel.request(def.subject, checked, remaining, options.signal);
    const parsed = v.safeParse(def.result, result);
    if (!parsed.success) throw new BridgeError('bad_request', `The host's answer to ${def.subject} is malformed.`);
    return parsed.output;
  }

  /** Listens to a host event; returns the function that stops listening. */
  on<D>(def: EventDef<D>, listener: (data: D) => void): () => void {
    const subscription: Subscription = { def: def as EventDef<unknown>, listener: listener as Listener };
    this.subscriptions.add(subscription);
    return () => this.subscriptions.delete(subscription);
  }

  private async connect(): Promise<void> {
    if (!this.attached || this.channel) return;
    const attempt = ++this.attempt;
    const activity = this.options.activity;
    const instance = this.options.instance();
    let found = findHostInPage(this.host, activity, instance);
    if (!found) {
      const origin = parentOrigin(allowedParentOrigins());
      if (origin) found = connectToParent(activity, instance, origin);
    }
    if (!found) return this.scheduleRetry();
    const channel = new PortChannel(found.port, {
      onMessage: (message) => this.onMessage(message),
      onClose: () => this.onLost(channel),
    });
    this.channel = channel;
    this.found = found;
    try {
      const answer = await channel.request(
        hello.subject,
        { versions: this.options.versions ?? [PROTOCOL_VERSION], activity, instance },
        this.options.helloTimeoutMs ?? 3_000,
      );
      if (attempt !== this.attempt) return;
      const ctx = parseOrThrow(hello.result, answer, 'bridge.hello answer');
      channel.version = ctx.version;
      this.context = ctx;
      this.transport = found.kind;
      this.retryDelay = RETRY_MIN_MS;
      this.hostOnline = true;
      this.setStatus('connected');
      this.startPing(channel);
      if (found.kind === 'frame') this.observeHeight();
      for (const resolve of [...this.waiters]) resolve();
    } catch (error) {
      if (attempt !== this.attempt) return;
      this.teardown(false);
      if (error instanceof BridgeError && error.code === 'version_mismatch') {
        this.setStatus('incompatible');
        return;
      }
      this.scheduleRetry();
    }
  }

  private onMessage(message: Envelope): void {
    if (message.subject === statusEvent.subject) {
      const parsed = v.safeParse(statusEvent.data, message.payload);
      if (parsed.success) {
        this.hostOnline = parsed.output.online;
        this.host.requestUpdate();
      }
      return;
    }
    if (message.subject === contextEvent.subject) {
      const parsed = v.safeParse(contextEvent.data, message.payload);
      if (parsed.success) {
        this.context = parsed.output;
        this.host.requestUpdate();
      }
      return;
    }
    for (const { def, listener } of this.subscriptions) {
      if (def.subject !== message.subject) continue;
      const parsed = v.safeParse(def.data, message.payload);
      if (parsed.success) listener(parsed.output);
      else console.warn(`[mag-bridge] dropped a malformed ${message.subject} event`);
    }
  }

  private whenConnected(timeoutMs: number, signal?: AbortSignal): Promise<PortChannel> {
    if (this.channel && this.status === 'connected') return Promise.resolve(this.channel);
    if (this.status === 'incompatible') {
      return Promise.reject(new BridgeError('version_mismatch', 'The host speaks another protocol version.'));
    }
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        this.waiters.delete(ready);
      };
      const ready = (): void => {
        done();
        if (this.channel) resolve(this.channel);
        else reject(new BridgeError('closed', 'The bridge connection closed.'));
      };
      const abort = (): void => {
        done();
        reject(new BridgeError('closed', 'Aborted.'));
      };
      const timer = setTimeout(() => {
        done();
        reject(new BridgeError('timeout', 'No host connection.'));
      }, timeoutMs);
      signal?.addEventListener('abort', abort, { once: true });
      this.waiters.add(ready);
    });
  }

  private startPing(channel: PortChannel): void {
    const interval = this.options.pingIntervalMs ?? 15_000;
    this.pingTimer = setInterval(() => {
      channel.request(ping.subject, {}, Math.min(5_000, interval)).catch(() => this.onLost(channel));
    }, interval);
  }

  private onLost(channel: PortChannel): void {
    if (channel !== this.channel) return;
    this.teardown(false);
    this.setStatus('lost');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.attached || this.retryTimer !== undefined) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
  }

  private readonly onHostReady = (): void => {
    if (this.channel) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryDelay = RETRY_MIN_MS;
    void this.connect();
  };

  /** Frees the port, timers and observers. `farewell` tells the host first, when we leave on purpose. */
  private teardown(farewell: boolean): void {
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.lastHeight = -1;
    const channel = this.channel;
    this.channel = null;
    this.found = null;
    this.context = null;
    this.transport = null;
    if (channel && !channel.isClosed) {
      if (farewell) {
        try {
          channel.send({
            protocol: 'mag-bridge',
            version: channel.version,
            subject: bye.subject,
            message_id: crypto.randomUUID(),
            payload: {},
          });
        } catch {
          // Nothing to say goodbye to.
        }
      }
      channel.close();
    }
    // Requests waiting for a connection keep waiting (until their own timeout) through a failed attempt or a
    // lost host; they are released, with `closed`, only when the element leaves.
    if (farewell) for (const resolve of [...this.waiters]) resolve();
  }

  /** In a frame, the host sizes the iframe to our content; LTI-style hosts get `lti.frameResize` too. */
  private observeHeight(): void {
    const found = this.found;
    const channel = this.channel;
    if (!found?.parentOrigin || !channel) return;
    const origin = found.parentOrigin;
    this.resizeObserver = new ResizeObserver(() => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === this.lastHeight) return;
      this.lastHeight = height;
      channel.request(resize.subject, { height }, 5_000).catch(() => undefined);
      window.parent.postMessage({ subject: 'lti.frameResize', message_id: crypto.randomUUID(), height }, origin);
    });
    this.resizeObserver.observe(document.documentElement);
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.host.requestUpdate();
  }
}
