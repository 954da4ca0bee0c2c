/**
 * How an activity finds its host. Two transports, one protocol: both end with a private MessagePort.
 * - In the same page: a bubbling, composed DOM event carrying a port; the first host up the tree claims it.
 * - Inside an iframe: a window.postMessage handshake to the parent, sent only to an allowed origin,
 *   carrying the port. The host checks origin and source; after that, all traffic uses the port.
 */
import { CONNECT_EVENT, FRAME_CONNECT_SUBJECT, makeEnvelope, type ConnectEventDetail } from './protocol.js';

export type TransportKind = 'page' | 'frame';

export interface Found {
  port: MessagePort;
  kind: TransportKind;
  /** For frames: the parent's origin, the only one we ever post to. */
  parentOrigin?: string;
}

/** Asks the page for a host. Returns the port if a host claimed it synchronously, else null. */
export function findHostInPage(from: Element, activity: string, instance: string): Found | null {
  const channel = new MessageChannel();
  const detail: ConnectEventDetail = { port: channel.port2, activity, instance, claimed: false };
  from.dispatchEvent(new CustomEvent<ConnectEventDetail>(CONNECT_EVENT, { bubbles: true, composed: true, detail }));
  if (detail.claimed) return { port: channel.port1, kind: 'page' };
  channel.port1.close();
  channel.port2.close();
  return null;
}

/** The origins this frame may talk to, from `<meta name="mag-bridge-parent-origins" content="a b">`. */
export function allowedParentOrigins(doc: Document = document): string[] {
  const content = doc.querySelector('meta[name="mag-bridge-parent-origins"]')?.getAttribute('content') ?? '';
  return content.split(/[\s,]+/).filter((origin) => origin !== '' && origin !== '*' && origin !== 'null');
}

/**
 * The parent's origin if it is allowed: taken from `location.ancestorOrigins` or the referrer, which
 * the browser sets, never from anything the parent could claim in a message.
 */
export function parentOrigin(allowed: readonly string[], win: Window = window): string | null {
  if (win.parent === win || allowed.length === 0) return null;
  const ancestors = win.location.ancestorOrigins;
  const candidates: string[] = [];
  if (ancestors && ancestors.length > 0 && ancestors[0]) candidates.push(ancestors[0]);
  if (win.document.referrer) {
    try {
      candidates.push(new URL(win.document.referrer).origin);
    } catch {
      // An unreadable referrer is no candidate.
    }
  }
  if (allowed.length === 1 && candidates.length === 0) candidates.push(allowed[0]!);
  return candidates.find((origin) => allowed.includes(origin)) ?? null;
}

/** Posts the handshake to the parent window, to its exact origin, with a fresh port. */
export function connectToParent(activity: string, instance: string, origin: string, win: Window = window): Found {
  const channel = new MessageChannel();
  const envelope = makeEnvelope(FRAME_CONNECT_SUBJECT, { payload: { activity, instance } });
  win.parent.postMessage(envelope, origin, [channel.port2]);
  return { port: channel.port1, kind: 'frame', parentOrigin: origin };
}
