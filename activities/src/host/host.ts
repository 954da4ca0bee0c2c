/**
 * The host side of the bridge: what an LMS page (the reference host, Moodle's glue) uses to offer
 * services to the activities in it. The host owns identity and roles: they come from `context`, never
 * from an activity.
 */
import * as v from 'valibot';
import { PortChannel } from '../bridge/channel.js';
import {
  BridgeError,
  CONNECT_EVENT,
  EnvelopeSchema,
  FRAME_CONNECT_SUBJECT,
  HOST_READY_EVENT,
  HelloPayload,
  MAX_MESSAGE_CHARS,
  PROTOCOL_VERSION,
  bye,
  context as contextEvent,
  hello,
  makeEnvelope,
  messageSize,
  parseOrThrow,
  ping,
  resize,
  status,
  type ConnectEventDetail,
  type Envelope,
  type HostContext,
  type RequestDef,
} from '../bridge/protocol.js';

export { BridgeError } from '../bridge/protocol.js';
export type { HostContext } from '../bridge/protocol.js';

export type HostInfo = Omit<HostContext, 'version'>;

export interface CallInfo {
  activity: string;
  instance: string;
  subject: string;
  /** Aborted when the activity disconnects before the answer. */
  signal: AbortSignal;
}

export type Handler<P = unknown, R = unknown> = (payload: P, call: CallInfo) => R | Promise<R>;
export type FallbackHandler = (subject: string, payload: unknown, call: CallInfo) => unknown;

export interface BridgeHostOptions {
  context: HostInfo;
  /** Protocol versions this host speaks. */
  versions?: number[];
  /** Requests per connection per second before `rate_limited` (a runaway activity must not flood the server). */
  rateLimit?: { perSecond: number; burst: number };
  /** Called when an activity completes its handshake (a reloaded frame calls it again). */
  onConnect?: (activity: { activity: string; instance: string; frame: boolean }) => void;
}

interface FrameRegistration {
  iframe: HTMLIFrameElement;
  origin: string;
  /** When set, the frame may only connect as this activity instance. */
  instance: string | undefined;
  connection: HostConnection | null;
}

/** One connected activity. */
class HostConnection {
  activity = '';
  instance = '';
  ready = false;
  readonly channel: PortChannel;
  private readonly aborter = new AbortController();
  private tokens: number;
  private lastRefill = Date.now();

  constructor(
    private readonly owner: BridgeHost,
    port: MessagePort,
    readonly frame: FrameRegistration | null,
  ) {
    this.tokens = owner.rateLimit.burst;
    this.channel = new PortChannel(port, {
      onMessage: (message) => void this.onRequest(message),
      onInvalid: (code, reason, request) => {
        if (!request) return;
        this.channel.reply(request, { error: new BridgeError(code, reason) });
      },
      onClose: () => this.close(),
    });
  }

  close(): void {
    this.aborter.abort();
    this.channel.close();
    this.owner.forget(this);
  }

  send(subject: string, payload: unknown): void {
    if (!this.ready) return;
    try {
      this.channel.send(makeEnvelope(subject, { payload }, this.channel.version));
    } catch (error) {
      console.warn(`[mag-bridge] event ${subject} not sent:`, error);
    }
  }

  private takeToken(): boolean {
    const { perSecond, burst } = this.owner.rateLimit;
    const now = Date.now();
    this.tokens = Math.min(burst, this.tokens + ((now - this.lastRefill) / 1000) * perSecond);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private async onRequest(request: Envelope): Promise<void> {
    try {
      const result = await this.dispatch(request);
      if (result !== NO_REPLY) this.channel.reply(request, { result });
    } catch (error) {
      const failure =
        error instanceof BridgeError ? error : new BridgeError('internal', 'The host could not handle this request.');
      if (!(error instanceof BridgeError)) console.error('[mag-bridge] handler failed', error);
      if (!this.channel.isClosed) this.channel.reply(request, { error: failure });
    }
  }

  private async dispatch(request: Envelope): Promise<unknown> {
    if (!this.owner.versions.includes(request.version)) {
      throw new BridgeError('version_mismatch', `Protocol version ${request.version} is not spoken here.`);
    }
    if (request.subject === hello.subject) return this.hello(request.payload);
    if (!this.ready) throw new BridgeError('bad_request', 'Send bridge.hello first.');
    if (!this.takeToken()) throw new BridgeError('rate_limited', 'Too many requests; slow down.');
    switch (request.subject) {
      case ping.subject:
        return {};
      case bye.subject:
        this.close();
        return NO_REPLY;
      case resize.subject: {
        const { height } = parseOrThrow(resize.payload, request.payload, 'bridge.resize payload');
        if (this.frame) this.frame.iframe.style.height = `${Math.ceil(height)}px`;
        return {};
      }
    }
    const call: CallInfo = {
      activity: this.activity,
      instance: this.instance,
      subject: request.subject,
      signal: this.aborter.signal,
    };
    return this.owner.call(request.subject, request.payload ?? {}, call);
  }

  private hello(payload: unknown): HostContext {
    const { versions, activity, instance } = parseOrThrow(HelloPayload, payload, 'bridge.hello payload');
    const common = versions.filter((version) => this.owner.versions.includes(version));
    if (common.length === 0) {
      throw new BridgeError(
        'version_mismatch',
        `This host speaks protocol version ${this.owner.versions.join(', ')}; the activity speaks ${versions.join(', ')}.`,
      );
    }
    if (this.frame?.instance !== undefined && this.frame.instance !== instance) {
      throw new BridgeError('unauthorized', 'This frame may not connect as that activity instance.');
    }
    const version = Math.max(...common);
    this.channel.version = version;
    this.activity = activity;
    this.instance = instance;
    this.ready = true;
    this.owner.onConnect?.({ activity, instance, frame: this.frame !== null });
    return this.owner.contextFor(version);
  }
}

const NO_REPLY = Symbol('no reply');

export class BridgeHost {
  readonly versions: number[];
  readonly rateLimit: { perSecond: number; burst: number };
  readonly onConnect: BridgeHostOptions['onConnect'];
  private info: HostInfo;
  private online = true;
  private readonly handlers = new Map<string, { def: RequestDef; handler: Handler }>();
  private fallbackHandler: FallbackHandler | null = null;
  private readonly live = new Set<HostConnection>();
  private readonly frames = new Map<HTMLIFrameElement, FrameRegistration>();
  private readonly roots = new Set<EventTarget>();
  private windowListening = false;

  constructor(options: BridgeHostOptions) {
    this.info = options.context;
    this.versions = options.versions ?? [PROTOCOL_VERSION];
    this.rateLimit = options.rateLimit ?? { perSecond: 20, burst: 60 };
    this.onConnect = options.onConnect;
  }

  /** The activities connected now. */
  get connections(): ReadonlyArray<{ activity: string; instance: string; frame: boolean }> {
    return [...this.live]
      .filter((connection) => connection.ready)
      .map(({ activity, instance, frame }) => ({ activity, instance, frame: frame !== null }));
  }

  /** Offers a service. The payload is checked against the subject's schema, the role against `def.roles`. */
  handle<P, R>(def: RequestDef<P, R>, handler: Handler<P, R>): this {
    this.handlers.set(def.subject, { def: def as RequestDef, handler: handler as Handler });
    return this;
  }

  /** Answers every subject without its own handler: a host that forwards requests to its server uses this. */
  fallback(handler: FallbackHandler): this {
    this.fallbackHandler = handler;
    return this;
  }

  /** Accepts activities of this page (in `root`'s subtree, shadow roots included). */
  listen(root: EventTarget = document): () => void {
    root.addEventListener(CONNECT_EVENT, this.onConnectEvent);
    this.roots.add(root);
    window.dispatchEvent(new Event(HOST_READY_EVENT));
    return () => {
      root.removeEventListener(CONNECT_EVENT, this.onConnectEvent);
      this.roots.delete(root);
    };
  }

  /**
   * Accepts the activity inside `iframe`, only from exactly `origin` (and, when given, only as
   * `instance`). Survives reloads of the frame.
   */
  allowFrame(iframe: HTMLIFrameElement, origin: string, instance?: string): () => void {
    const exact = new URL(origin).origin;
    if (exact !== origin) throw new Error(`Frame origin must be an exact origin, got ${origin}`);
    this.frames.set(iframe, { iframe, origin, instance, connection: null });
    if (!this.windowListening) {
      window.addEventListener('message', this.onWindowMessage);
      this.windowListening = true;
    }
    return () => {
      this.frames.get(iframe)?.connection?.close();
      this.frames.delete(iframe);
      this.stopWindowListenerIfIdle();
    };
  }

  /** Pushes an event to every activity connected for `instance`. */
  emit(instance: string, subject: string, data: unknown): void {
    for (const connection of this.live) if (connection.instance === instance) connection.send(subject, data);
  }

  /** Tells the activities whether this host's own server link is up. */
  setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    for (const connection of this.live) connection.send(status.subject, { online });
  }

  /** Changes the context (a language switch, a new theme) and tells every activity. */
  setContext(next: Partial<HostInfo>): void {
    this.info = { ...this.info, ...next };
    for (const connection of this.live) {
      connection.send(contextEvent.subject, this.contextFor(connection.channel.version));
    }
  }

  /** Closes every connection and stops listening. */
  close(): void {
    for (const connection of [...this.live]) connection.close();
    for (const root of this.roots) root.removeEventListener(CONNECT_EVENT, this.onConnectEvent);
    this.roots.clear();
    this.frames.clear();
    this.stopWindowListenerIfIdle();
  }

  /** @internal */
  contextFor(version: number): HostContext {
    return { version, ...this.info };
  }

  /** @internal */
  forget(connection: HostConnection): void {
    this.live.delete(connection);
    if (connection.frame?.connection === connection) connection.frame.connection = null;
  }

  /** @internal Runs the service for a request, with the host's own checks first. */
  async call(subject: string, payload: unknown, call: CallInfo): Promise<unknown> {
    const entry = this.handlers.get(subject);
    if (entry) {
      const { def, handler } = entry;
      if (def.roles && !def.roles.includes(this.info.role)) {
        throw new BridgeError('unauthorized', `${subject} is not allowed for the role ${this.info.role}.`);
      }
      const checked = parseOrThrow(def.payload, payload, `${subject} payload`);
      const result = await handler(checked, call);
      const parsed = v.safeParse(def.result, result);
      if (!parsed.success) throw new BridgeError('internal', `The host produced a malformed ${subject} answer.`);
      return parsed.output;
    }
    if (this.fallbackHandler) return this.fallbackHandler(subject, payload, call);
    throw new BridgeError('unsupported_subject', `No service for ${subject} here.`);
  }

  private accept(port: MessagePort, frame: FrameRegistration | null): HostConnection {
    const connection = new HostConnection(this, port, frame);
    this.live.add(connection);
    return connection;
  }

  private readonly onConnectEvent = (event: Event): void => {
    const detail = (event as CustomEvent<Partial<ConnectEventDetail> | null>).detail;
    if (!detail || detail.claimed || !(detail.port instanceof MessagePort)) return;
    detail.claimed = true;
    event.stopPropagation();
    this.accept(detail.port, null);
  };

  private readonly onWindowMessage = (event: MessageEvent): void => {
    // Source first: only a frame this host registered may connect, and only from its exact origin.
    const registration = [...this.frames.values()].find((frame) => frame.iframe.contentWindow === event.source);
    if (!registration || event.origin !== registration.origin) return;
    if (messageSize(event.data) > MAX_MESSAGE_CHARS) return;
    const parsed = v.safeParse(EnvelopeSchema, event.data);
    if (!parsed.success || parsed.output.subject !== FRAME_CONNECT_SUBJECT) return;
    const port = event.ports[0];
    if (event.ports.length !== 1 || !port) return;
    // A reloaded frame connects again: the old port is dead, the new one takes its place.
    registration.connection?.close();
    registration.connection = this.accept(port, registration);
  };

  private stopWindowListenerIfIdle(): void {
    if (this.windowListening && this.frames.size === 0) {
      window.removeEventListener('message', this.onWindowMessage);
      this.windowListening = false;
    }
  }
}
