/**
 * The player's side of a sandboxed H5P frame (see h5p-messages.ts): accepts the frame's handshake only from its own
 * iframe (source checked, origin `null`), gives it its content and saved state with a private port, then checks every
 * message on the port before handing it on. Statements are tagged with this frame's session (a new one at each load
 * of the frame): the host's server merges H5P's "answered" and "completed" of one answer by session.
 */
import * as v from 'valibot';
import { READY, type InitMessage } from './h5p-messages.js';
import { StatementResult } from './progress.js';

const FrameMessage = v.variant('type', [
  v.object({ type: v.literal('loaded') }),
  v.object({
    type: v.literal('xapi'),
    verb: v.picklist(['answered', 'completed']),
    root: v.boolean(),
    result: StatementResult,
  }),
  v.object({ type: v.literal('state'), state: v.pipe(v.string(), v.maxLength(1_000_000)) }),
  v.object({ type: v.literal('resize'), height: v.pipe(v.number(), v.minValue(0), v.maxValue(100_000)) }),
  v.object({ type: v.literal('error'), message: v.pipe(v.string(), v.maxLength(2_000)) }),
]);

export interface H5PEvents {
  loaded(): void;
  statement(statement: {
    session: string;
    verb: 'answered' | 'completed';
    root: boolean;
    result: StatementResult;
  }): void;
  state(state: string): void;
  resize(height: number): void;
  /** The frame says it failed. */
  error(message: string): void;
}

export class H5PEmbed {
  private port: MessagePort | null = null;
  private session = '';

  constructor(
    private readonly iframe: HTMLIFrameElement,
    private readonly init: () => Omit<InitMessage, 'type'>,
    private readonly events: H5PEvents,
  ) {
    window.addEventListener('message', this.onWindowMessage);
  }

  /** Stops listening and closes the port. */
  close(): void {
    window.removeEventListener('message', this.onWindowMessage);
    this.port?.close();
    this.port = null;
  }

  private readonly onWindowMessage = (event: MessageEvent): void => {
    // Source first: only this frame's window, whose sandbox gives it an opaque origin.
    if (event.source !== this.iframe.contentWindow || event.origin !== 'null') return;
    if ((event.data as { type?: unknown } | null)?.type !== READY) return;
    // A reloaded frame says hello again: it gets a new port and a new session.
    this.port?.close();
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.session = `h5p-${crypto.randomUUID()}`;
    channel.port1.onmessage = (message) => this.onPortMessage(message.data);
    const init: InitMessage = { type: 'init', ...this.init() };
    this.iframe.contentWindow!.postMessage(init, '*', [channel.port2]);
  };

  private onPortMessage(data: unknown): void {
    const parsed = v.safeParse(FrameMessage, data);
    if (!parsed.success) {
      // Content may send anything: what does not pass is dropped, and the content plays on.
      console.warn('[mag-module] dropped a malformed message of an H5P frame');
      return;
    }
    const message = parsed.output;
    switch (message.type) {
      case 'loaded':
        this.events.loaded();
        break;
      case 'xapi':
        this.events.statement({
          session: this.session,
          verb: message.verb,
          root: message.root,
          result: message.result,
        });
        break;
      case 'state':
        this.events.state(message.state);
        break;
      case 'resize':
        this.events.resize(message.height);
        break;
      case 'error':
        this.events.error(message.message);
        break;
    }
  }
}
