/**
 * Normalization of a word-cloud entry: what is displayed (`text`) and what makes two entries the same
 * entry (`key`). Trusted server-side logic: the reference host calls it directly and the Moodle plugin
 * carries a PHP port; both pass test/vectors/wordcloud-normalize.json.
 *
 * The steps, in this order (the PHP port follows the same order):
 * 1. Input that is not well-formed Unicode (a lone UTF-16 surrogate here, invalid UTF-8 in PHP) is refused
 *    with `invalid`.
 * 2. Raw input longer than {@link rawLimit} code points is refused with `too_long` before any other work, so
 *    that a 10,000-character paste costs next to nothing, even when it is mostly invisible characters.
 * 3. {@link cleanText}: white space (tab, newline, no-break spaces…) becomes a space; control characters,
 *    zero-width characters, the soft hyphen and bidi controls are removed (a zero-width joiner between two
 *    emoji is kept: it is part of the emoji); NFC; inner spaces are collapsed and the ends trimmed.
 *    Markup is not stripped: `<b>` stays as text, every renderer escapes it.
 * 4. Nothing left: `empty`. More than `maxLength` grapheme clusters (what a reader counts as characters:
 *    `é` written e + U+0301, a flag or a ZWJ emoji each count as one): `too_long`.
 * 5. The key: {@link entryKey} of the text (lowercased for French, typographic apostrophes as `'`).
 */

export interface NormalizeLimits {
  /** The most characters (grapheme clusters) an entry may have once cleaned. */
  maxLength: number;
}

export type NormalizeError = 'empty' | 'too_long' | 'invalid';

export type NormalizeResult = { ok: true; text: string; key: string } | { ok: false; error: NormalizeError };

/** The raw input's hard limit in code points: four times `maxLength`, and never less than 256. */
export function rawLimit(maxLength: number): number {
  return Math.max(256, 4 * maxLength);
}

/** White space that becomes one plain space (U+FEFF is not here: it is removed as a zero-width character). */
const WHITESPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/gu;

/**
 * Removed: C0 and C1 controls (white-space ones were turned into spaces before), the soft hyphen,
 * U+061C, U+200B, U+200C, U+200E, U+200F, U+202A–U+202E, U+2060, U+2066–U+2069, U+FEFF, and U+200D
 * unless it joins two emoji (an Extended_Pictographic character, maybe followed by U+FE0F or a skin tone
 * modifier, before it; an Extended_Pictographic character after it).
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B\u200C\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]|(?<!\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** Typographic apostrophes that the key writes as `'`: ’ ‘ ʼ ′. */
export const APOSTROPHES = /[\u2019\u2018\u02BC\u2032]/gu;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

let segmenter: Intl.Segmenter | undefined;

/** The number of grapheme clusters of `text`, counting no further than `stopAfter`. */
export function graphemeCount(text: string, stopAfter = Infinity): number {
  segmenter ??= new Intl.Segmenter('fr', { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(text)) {
    count++;
    if (count > stopAfter) break;
  }
  return count;
}

/** Whether `text` has more than `limit` code points, without counting them all. */
function longerThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false; // code points <= UTF-16 code units
  if (text.length > 2 * limit) return true; // code points >= code units / 2
  let count = 0;
  for (const _ of text) {
    count++;
    if (count > limit) return true;
  }
  return false;
}

/** Steps 3 of {@link normalizeEntry}, without limits: the displayed form of any text. */
export function cleanText(raw: string): string {
  return raw.replace(WHITESPACE, ' ').replace(INVISIBLE, '').normalize('NFC').replace(/ {2,}/g, ' ').trim();
}

/** The exact-duplicate identity of a cleaned text: lowercased for French, typographic apostrophes as `'`, NFC. */
export function entryKey(text: string): string {
  return text.toLocaleLowerCase('fr').replace(APOSTROPHES, "'").normalize('NFC');
}

export function normalizeEntry(raw: string, limits: NormalizeLimits): NormalizeResult {
  if (typeof raw !== 'string' || LONE_SURROGATE.test(raw)) return { ok: false, error: 'invalid' };
  if (longerThan(raw, rawLimit(limits.maxLength))) return { ok: false, error: 'too_long' };
  const text = cleanText(raw);
  if (text === '') return { ok: false, error: 'empty' };
  if (graphemeCount(text, limits.maxLength) > limits.maxLength) return { ok: false, error: 'too_long' };
  return { ok: true, text, key: entryKey(text) };
}
