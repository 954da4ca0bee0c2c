/**
 * One end of a bridge MessagePort: size cap, envelope validation, request/response matching.
 * Shared by the activity side (client.ts) and the host side (../host/host.ts).
 */
import * as v from 'valibot';
import {
  BridgeError,
  EnvelopeSchema,
  MAX_MESSAGE_CHARS,
  PROTOCOL_VERSION,
  RESPONSE_SUFFIX,
  describeIssues,
  makeEnvelope,
  messageSize,
  type Envelope,
  type ErrorCode,
} from './protocol.js';

export interface ChannelHandlers {
  /** A valid envelope that is not a response to one of our requests. */
  onMessage(message: Envelope): void;
  /** Something arrived that is not a valid envelope; `replyTo` is its message_id when one could be read. */
  onInvalid?(
    code: ErrorCode,
    reason: string,
    request: { subject: string; message_id: string } | undefined,
    version: number,
  ): void;
  /** The other end went away (MessagePort `close` event, where the browser has it). */
  onClose?(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: BridgeError): void;
  timer: ReturnType<typeof setTimeout>;
  cleanup(): void;
}

export class PortChannel {
  /** The protocol version used for outgoing envelopes, set once the handshake agreed on one. */
  version = PROTOCOL_VERSION;
  private readonly pending = new Map<string, Pending>();
  private closed = false;

  constructor(
    private readonly port: MessagePort,
    private readonly handlers: ChannelHandlers,
  ) {
    port.addEventListener('message', this.onPortMessage);
    port.addEventListener('messageerror', this.onPortMessageError);
    port.addEventListener('close', this.onPortClose);
    port.start();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends one envelope; refuses (without sending) one above the size cap. */
  send(message: Envelope): void {
    if (this.closed) throw new BridgeError('closed', 'The bridge connection is closed.');
    if (messageSize(message) > MAX_MESSAGE_CHARS) {
      throw new BridgeError('too_large', `Message above ${MAX_MESSAGE_CHARS} characters.`);
    }
    this.port.postMessage(message);
  }

  /** Sends a request and resolves with the response's `result`, or rejects with its error. */
  request(subject: string, payload: unknown, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new BridgeError('closed', 'Aborted.'));
      const envelope = makeEnvelope(subject, { payload }, this.version);
      const onAbort = (): void => settle(new BridgeError('closed', 'Aborted.'));
      const entry: Pending = {
        resolve,
        reject,
        timer: setTimeout(
          () => settle(new BridgeError('timeout', `No answer to ${subject} within ${timeoutMs} ms.`)),
          timeoutMs,
        ),
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      const settle = (error: BridgeError): void => {
        if (this.pending.get(envelope.message_id) !== entry) return;
        this.forget(envelope.message_id);
        reject(error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(envelope.message_id, entry);
      try {
        this.send(envelope);
      } catch (error) {
        settle(error instanceof BridgeError ? error : new BridgeError('internal', String(error)));
      }
    });
  }

  /** Answers a request with a result or an error. */
  reply(
    request: Pick<Envelope, 'subject' | 'message_id'>,
    outcome: { result: unknown } | { error: BridgeError },
  ): void {
    const subject = request.subject + RESPONSE_SUFFIX;
    const fields = 'error' in outcome ? { error: outcome.error.toJSON() } : { result: outcome.result ?? {} };
    try {
      this.send(makeEnvelope(subject, { reply_to: request.message_id, ...fields }, this.version));
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'too_large') {
        this.send(
          makeEnvelope(
            subject,
            { reply_to: request.message_id, error: { code: 'too_large', message: error.message } },
            this.version,
          ),
        );
      } else if (!(error instanceof BridgeError && error.code === 'closed')) {
        throw error;
      }
    }
  }

  /** Closes the port, rejecting every request still waiting with `closed`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.removeEventListener('message', this.onPortMessage);
    this.port.removeEventListener('messageerror', this.onPortMessageError);
    this.port.removeEventListener('close', this.onPortClose);
    this.port.close();
    for (const [id, entry] of [...this.pending]) {
      this.forget(id);
      entry.reject(new BridgeError('closed', 'The bridge connection closed.'));
    }
  }

  private forget(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.cleanup();
    this.pending.delete(id);
  }

  private readonly onPortMessage = (event: MessageEvent): void => {
    const data: unknown = event.data;
    const replyTo = readRequestIds(data);
    const version = readVersion(data);
    if (messageSize(data) > MAX_MESSAGE_CHARS) {
      this.handlers.onInvalid?.('too_large', `Message above ${MAX_MESSAGE_CHARS} characters.`, replyTo, version);
      return;
    }
    const parsed = v.safeParse(EnvelopeSchema, data);
    if (!parsed.success) {
      this.handlers.onInvalid?.(
        'bad_request',
        `Malformed envelope: ${describeIssues(parsed.issues)}`,
        replyTo,
        version,
      );
      return;
    }
    const message = parsed.output;
    if (message.reply_to !== undefined && message.subject.endsWith(RESPONSE_SUFFIX)) {
      const entry = this.pending.get(message.reply_to);
      if (!entry) return; // A late answer to a request that already timed out.
      this.forget(message.reply_to);
      if (message.error) entry.reject(new BridgeError(message.error.code, message.error.message));
      else entry.resolve(message.result);
      return;
    }
    this.handlers.onMessage(message);
  };

  private readonly onPortMessageError = (): void => {
    this.handlers.onInvalid?.('bad_request', 'A message could not be deserialised.', undefined, this.version);
  };

  private readonly onPortClose = (): void => {
    this.handlers.onClose?.();
  };
}

/** The ids needed to answer a message that failed validation, when they can be read safely. */
function readRequestIds(data: unknown): { subject: string; message_id: string } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { message_id: id, subject } = data as { message_id?: unknown; subject?: unknown };
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return undefined;
  const safeSubject =
    typeof subject === 'string' && /^[a-z][a-z0-9_.]{0,99}$/.test(subject) && !subject.endsWith(RESPONSE_SUFFIX)
      ? subject
      : 'bridge.invalid';
  return { subject: safeSubject, message_id: id };
}

function readVersion(data: unknown): number {
  if (typeof data !== 'object' || data === null) return PROTOCOL_VERSION;
  const version = (data as { version?: unknown }).version;
  return typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : PROTOCOL_VERSION;
}
