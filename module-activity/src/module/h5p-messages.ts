/**
 * The messages between `<mag-module>`'s player and the sandboxed H5P frame (h5p-frame.ts). The frame has an opaque
 * origin (`sandbox="allow-scripts"`), so the handshake is checked by source, not by origin:
 *
 * 1. The frame posts `{ type: 'mag-h5p-ready' }` to its parent, targeted at the parent's exact origin (read from
 *    `location.ancestorOrigins`, and only if the page lists it in `<meta name="mag-h5p-parent-origins">`).
 * 2. The player accepts it only from its own iframe's window with origin `null`, and answers with `init` and a fresh
 *    `MessagePort` (posted to `*`: an opaque origin cannot be named; what it carries is this item's content addresses
 *    and this trainee's state of this item, nothing else).
 * 3. Everything else travels on the port: xAPI statements, states and heights from the frame.
 *
 * A frame can say anything on its port: the player only relays it, tagged with the item it put in that frame, and
 * the host's server decides what counts.
 */
export const READY = 'mag-h5p-ready';

export interface InitMessage {
  type: 'init';
  /** The player's id for this content (H5P's `cid-…`). */
  contentId: string;
  h5pJsonPath: string;
  librariesPath: string;
  /** The saved state (JSON text), or null. */
  state: string | null;
  locale: 'fr' | 'en';
}

export type FrameMessage =
  | { type: 'loaded' }
  | { type: 'xapi'; verb: 'answered' | 'completed'; root: boolean; result: unknown }
  | { type: 'state'; state: string }
  | { type: 'resize'; height: number }
  | { type: 'error'; message: string };
