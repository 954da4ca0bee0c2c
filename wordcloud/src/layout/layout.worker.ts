/**
 * The layout worker: one per cloud on the page. It keeps the board between messages, so that an update only
 * places what changed (layout.ts). Messages: `{ id, words, options }` in, `{ id, result }` or `{ id, error }` out.
 */
import { CloudLayout } from './layout.js';
import type { LayoutOptions, LayoutResult, LayoutWord } from './layout.js';
import { CanvasGlyphs } from './sprites.js';

export interface LayoutRequest {
  id: number;
  words: LayoutWord[];
  options: LayoutOptions;
}

export type LayoutReply = { id: number; result: LayoutResult } | { id: number; error: string };

const layout = new CloudLayout(new CanvasGlyphs());

self.addEventListener('message', (event: MessageEvent<LayoutRequest>) => {
  const { id, words, options } = event.data;
  let reply: LayoutReply;
  try {
    reply = { id, result: layout.update(words, options) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  (self as unknown as { postMessage(message: LayoutReply): void }).postMessage(reply);
});
