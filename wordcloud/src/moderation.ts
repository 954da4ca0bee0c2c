/**
 * Automatic moderation: a short list of common French and English insults, filtered by default, and the
 * trainer's stop-list. Both are matched on the merge key with accents folded (suggest.ts), so that case,
 * accents, typographic apostrophes, elision, inclusive writing and plurals do not get around them
 * (`CONNARDS`, `Connard·e·s`, `l'enfoiré` are caught). Spellings meant to dodge a filter (`c0nnard`) are
 * not: the trainer can still hide a word by hand.
 *
 * - An entry is offensive when its whole key, or one of its words (split on spaces and hyphens), is the key
 *   of a listed word: `espèce de connard` is caught.
 * - An entry is stop-listed when its whole key is the key of a stop-list entry: a stop-list of `outil` hides
 *   `Outils` and `l'outil`, not `outil numérique`; one of `le` hides `LE` but not `les` (three letters are too
 *   short for the plural rule).
 */
import { mergeKey } from './suggest.js';

/** Lowercased. Kept short and mild on purpose; it is a safety net, not the moderation. */
export const OFFENSIVE_WORDS: readonly string[] = [
  // French
  'abruti',
  'bâtard',
  'bite',
  'bouffon',
  'chier',
  'con',
  'conasse',
  'connard',
  'connasse',
  'conne',
  'couille',
  'crétin',
  'débile',
  'enculé',
  'enfoiré',
  'merde',
  'nique',
  'ordure',
  'pétasse',
  'pouffiasse',
  'putain',
  'pute',
  'salaud',
  'salope',
  'trouduc',
  // English
  'arsehole',
  'asshole',
  'bastard',
  'bitch',
  'bullshit',
  'crap',
  'cunt',
  'dick',
  'dumbass',
  'fuck',
  'fucker',
  'fucking',
  'idiot',
  'jerk',
  'moron',
  'prick',
  'shit',
  'slut',
  'twat',
  'wanker',
  'whore',
];

function keysOf(words: readonly string[]): Set<string> {
  return new Set(words.map((word) => mergeKey(word, { accents: true })).filter((key) => key !== ''));
}

let offensiveKeys: Set<string> | undefined;

/** Whether `text` (a cleaned entry) is or contains a word of `list` (the default list unless given). */
export function isOffensive(text: string, list: readonly string[] = OFFENSIVE_WORDS): boolean {
  const keys = list === OFFENSIVE_WORDS ? (offensiveKeys ??= keysOf(OFFENSIVE_WORDS)) : keysOf(list);
  const key = mergeKey(text, { accents: true });
  return keys.has(key) || key.split(/[ -]/u).some((word) => keys.has(word));
}

/** A matcher for a trainer's stop-list: whether a cleaned entry is one of its entries. */
export function stopListMatcher(stopList: readonly string[]): (text: string) => boolean {
  const keys = keysOf(stopList);
  return (text) => keys.size > 0 && keys.has(mergeKey(text, { accents: true }));
}
