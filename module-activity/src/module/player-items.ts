/**
 * An item as the player receives it (`module.item`, in parts): the catalog item with every address made absolute by
 * the host (pages' relative `src` and `href`, videos, captions, H5P folders), so that the element never resolves
 * anything against a catalog itself. Pages still arrive as the catalog wrote them: the element sanitises them.
 *
 * `toPlayable` runs on the host (it knows the package's address); `PlayableItem` is checked by the element.
 */
import * as v from 'valibot';
import { findRefs } from '../catalog/html.js';
import type { Item } from '../catalog/schema.js';

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Url = v.pipe(
  v.string(),
  v.maxLength(2_000),
  v.check((text) => /^https?:\/\//.test(text), 'an http(s) address'),
);
const base = { id: Text(64), title: Text(300), duration: v.number() };

export const PlayableItem = v.variant('kind', [
  v.object({ kind: v.literal('page'), ...base, html: Text(200_000) }),
  v.object({
    kind: v.literal('video'),
    ...base,
    src: Url,
    poster: v.optional(Url),
    captions: v.pipe(v.array(v.object({ src: Url, lang: Text(20), label: Text(200) })), v.maxLength(10)),
    transcript: Text(100_000),
  }),
  v.object({ kind: v.literal('h5p'), ...base, h5pJsonPath: Url, librariesPath: Url }),
  v.object({ kind: v.literal('quiz'), ...base, questions: v.number() }),
  v.object({ kind: v.literal('wordcloud'), ...base, question: Text(500) }),
]);
export type PlayableItem = v.InferOutput<typeof PlayableItem>;

/** Relative `src`, `href` and `poster` attributes of a page made absolute against `packageUrl`; others as written. */
export function absolutizePage(html: string, packageUrl: string): string {
  let out = '';
  let last = 0;
  for (const ref of findRefs(html)) {
    const value = ref.value.trim();
    // Absolute addresses, fragments and schemes (`mailto:`, `javascript:`…) stay as written: the sanitiser decides.
    if (value === '' || value.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) continue;
    let absolute: string;
    try {
      absolute = new URL(value.replace(/&amp;/g, '&'), packageUrl).href;
    } catch {
      continue;
    }
    out += html.slice(last, ref.start) + absolute.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    last = ref.end;
  }
  return out + html.slice(last);
}

export interface PlayableContext {
  /** Absolute URL of the package (`…/modules/<id>/<version>/module.json`). */
  packageUrl: string;
  /** Absolute URL of the catalog's shared H5P libraries folder. */
  librariesUrl: string;
}

/** The item with absolute addresses (the host's side). */
export function toPlayable(item: Item, context: PlayableContext): PlayableItem {
  const at = (path: string) => new URL(path, context.packageUrl).href;
  const common = { id: item.id, title: item.title, duration: item.duration };
  switch (item.kind) {
    case 'page':
      return { kind: 'page', ...common, html: absolutizePage(item.html, context.packageUrl) };
    case 'video':
      return {
        kind: 'video',
        ...common,
        src: at(item.src),
        ...(item.poster ? { poster: at(item.poster) } : {}),
        captions: item.captions.map((track) => ({ src: at(track.src), lang: track.lang, label: track.label })),
        transcript: item.transcript,
      };
    case 'h5p':
      return {
        kind: 'h5p',
        ...common,
        h5pJsonPath: at(item.path).replace(/\/$/, ''),
        librariesPath: context.librariesUrl.replace(/\/$/, ''),
      };
    case 'quiz':
      return { kind: 'quiz', ...common, questions: item.questions.length };
    case 'wordcloud':
      return { kind: 'wordcloud', ...common, question: item.question };
  }
}

/** An item's JSON text cut into parts of at most `size` characters. */
export function splitParts(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts.length > 0 ? parts : [''];
}
