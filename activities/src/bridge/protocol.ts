/**
 * The Magistère bridge protocol: envelopes, error codes and subject definitions.
 *
 * Pure data and validation: no DOM, so the reference host's server imports the same schemas to validate
 * HTTP bodies. See docs/bridge.md for the prose version.
 */
import * as v from 'valibot';

export const PROTOCOL = 'mag-bridge';
/** The protocol version this build speaks. A host answers `bridge.hello` with the version it picked. */
export const PROTOCOL_VERSION = 1;
/** A message larger than this (as JSON text, in UTF-16 code units) is refused with `too_large`. */
export const MAX_MESSAGE_CHARS = 64 * 1024;

export const ERROR_CODES = [
  'bad_request',
  'unsupported_subject',
  'unauthorized',
  'timeout',
  'version_mismatch',
  'rate_limited',
  'closed',
  'too_large',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BridgeErrorShape {
  code: ErrorCode;
  message: string;
}

/** An error that crosses the bridge: thrown by host handlers, rejected to activity callers. */
export class BridgeError extends Error implements BridgeErrorShape {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
  }
  toJSON(): BridgeErrorShape {
    return { code: this.code, message: this.message };
  }
}

export const Roles = ['trainer', 'trainee'] as const;
export type Role = (typeof Roles)[number];

const SubjectName = v.pipe(v.string(), v.maxLength(100), v.regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/));
const MessageId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

/** Every message on the port is one of these. Unknown fields are dropped by the parse. */
export const EnvelopeSchema = v.object({
  protocol: v.literal(PROTOCOL),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  subject: SubjectName,
  message_id: MessageId,
  reply_to: v.optional(MessageId),
  payload: v.optional(v.unknown()),
  result: v.optional(v.unknown()),
  error: v.optional(
    v.object({
      code: v.picklist(ERROR_CODES),
      message: v.pipe(v.string(), v.maxLength(1000)),
    }),
  ),
});
export type Envelope = v.InferOutput<typeof EnvelopeSchema>;

export const RESPONSE_SUFFIX = '.response';

/** A request an activity sends and a host answers. `roles` lists who may call it (all when absent). */
export interface RequestDef<P = unknown, R = unknown> {
  readonly kind: 'request';
  readonly subject: string;
  readonly payload: v.GenericSchema<unknown, P>;
  readonly result: v.GenericSchema<unknown, R>;
  readonly roles?: readonly Role[];
}

/** An event a host pushes to activities, without reply. */
export interface EventDef<D = unknown> {
  readonly kind: 'event';
  readonly subject: string;
  readonly data: v.GenericSchema<unknown, D>;
}

export type PayloadOf<T> = T extends RequestDef<infer P, unknown> ? P : never;
export type ResultOf<T> = T extends RequestDef<unknown, infer R> ? R : never;
export type DataOf<T> = T extends EventDef<infer D> ? D : never;

export function defineRequest<P, R>(
  subject: string,
  payload: v.GenericSchema<unknown, P>,
  result: v.GenericSchema<unknown, R>,
  roles?: readonly Role[],
): RequestDef<P, R> {
  assertSubject(subject);
  return Object.freeze({ kind: 'request', subject, payload, result, ...(roles ? { roles } : {}) });
}

export function defineEvent<D>(subject: string, data: v.GenericSchema<unknown, D>): EventDef<D> {
  assertSubject(subject);
  return Object.freeze({ kind: 'event', subject, data });
}

function assertSubject(subject: string): void {
  if (!v.is(SubjectName, subject) || subject.endsWith(RESPONSE_SUFFIX)) {
    throw new Error(`Invalid bridge subject: ${subject}`);
  }
}

/** A short, readable summary of a validation failure, safe to send back to the other side. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Parses `input` with `schema` or throws a `bad_request` BridgeError. */
export function parseOrThrow<T>(schema: v.GenericSchema<unknown, T>, input: unknown, what: string): T {
  const parsed = v.safeParse(schema, input);
  if (!parsed.success) throw new BridgeError('bad_request', `${what}: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}

/** The size of a message as JSON text; `Infinity` when it cannot be serialised. */
export function messageSize(message: unknown): number {
  try {
    return JSON.stringify(message)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

export function newMessageId(): string {
  return crypto.randomUUID();
}

export function makeEnvelope(
  subject: string,
  fields: Partial<Pick<Envelope, 'payload' | 'result' | 'error' | 'reply_to'>> = {},
  version = PROTOCOL_VERSION,
): Envelope {
  return { protocol: PROTOCOL, version, subject, message_id: newMessageId(), ...fields };
}

// ---- Core subjects, spoken by every activity and host ----

const Locale = v.picklist(['fr', 'en']);
export type Locale = v.InferOutput<typeof Locale>;

export const HelloPayload = v.object({
  versions: v.pipe(v.array(v.pipe(v.number(), v.integer())), v.minLength(1), v.maxLength(10)),
  activity: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,40}$/)),
  instance: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
});

export const HostContextSchema = v.object({
  version: v.pipe(v.number(), v.integer()),
  locale: Locale,
  role: v.picklist(Roles),
  user: v.nullable(v.object({ id: v.string(), name: v.string() })),
  theme: v.optional(v.record(v.pipe(v.string(), v.regex(/^--mag-[a-z0-9-]+$/)), v.pipe(v.string(), v.maxLength(200)))),
});
export type HostContext = v.InferOutput<typeof HostContextSchema>;

/** The first request on a new port: the activity says what it is, the host says who the user is. */
export const hello = defineRequest('bridge.hello', HelloPayload, HostContextSchema);

/** Keeps the connection honest: a host that does not answer is a lost host. */
export const ping = defineRequest('bridge.ping', v.object({}), v.object({}));

/** The activity's content height, so that a host can size an iframe. */
export const resize = defineRequest(
  'bridge.resize',
  v.object({ height: v.pipe(v.number(), v.minValue(0), v.maxValue(100_000)) }),
  v.object({}),
);

/** The activity is going away; the host frees the connection. No answer is awaited. */
export const bye = defineRequest('bridge.bye', v.object({}), v.object({}));

/** The host's own link to its server went down or came back. */
export const status = defineEvent('bridge.status', v.object({ online: v.boolean() }));

/** The host's context changed (language switched, for instance). */
export const context = defineEvent('bridge.context', HostContextSchema);

/** Name of the DOM event an element dispatches to find a host in its own page. */
export const CONNECT_EVENT = 'mag-bridge-connect';
/** Name of the DOM event a host dispatches on `window` when it starts listening, so waiting elements retry. */
export const HOST_READY_EVENT = 'mag-bridge-host-ready';
/** Subject of the window.postMessage handshake from an activity frame to its parent. */
export const FRAME_CONNECT_SUBJECT = 'bridge.connect';

export interface ConnectEventDetail {
  /** The port the host keeps. Set by the element; taken by the first host that claims the event. */
  port: MessagePort;
  activity: string;
  instance: string;
  claimed: boolean;
}
