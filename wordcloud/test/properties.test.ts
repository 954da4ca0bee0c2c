/**
 * Property-style checks over generated inputs (a seeded generator: failures replay), and what the shared
 * vectors cannot hold: lone surrogates, timing.
 */
import { describe, expect, it } from 'vitest';
import {
  OFFENSIVE_WORDS,
  aggregate,
  cleanText,
  entryKey,
  isOffensive,
  mergeKey,
  normalizeEntry,
  suggestMerges,
} from '../src/index.js';
import type { AggregateOptions } from '../src/index.js';

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** Pieces that stress normalization: letters, accents in both forms, invisibles, bidi, spaces, emoji, markup. */
const PIECES = [
  'a',
  'E',
  'é',
  'e\u0301',
  '\u0301',
  'Ç',
  'œ',
  'ß',
  'İ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u202f',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u200e',
  '\u200f',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u0645',
  '\u05e9',
  "'",
  '\u2019',
  '\u02bc',
  '·',
  '.',
  '-',
  '<b>',
  '&amp;',
  '=',
  '\ud83d\udc4d',
  '\ud83d\udc69\u200d\ud83d\udcbb',
  '\ud83d\udc69\ud83c\udffd',
  '\u2764\ufe0f',
  '\ud83c\uddeb\ud83c\uddf7',
  '\ud835\udc9c',
  '\u1112\u1161\u11ab',
];

function randomText(next: () => number, maxPieces: number): string {
  const count = Math.floor(next() * maxPieces);
  let text = '';
  for (let i = 0; i < count; i++) text += pick(next, PIECES);
  return text;
}

const INVISIBLE_LEFT =
  // eslint-disable-next-line no-control-regex -- control characters must be gone
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u;

describe('normalizeEntry, properties', () => {
  it('is idempotent, and its text is clean', () => {
    const next = random(20261203);
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const raw = randomText(next, 24);
      const maxLength = 1 + Math.floor(next() * 30);
      const first = normalizeEntry(raw, { maxLength });
      if (!first.ok) {
        expect(['empty', 'too_long']).toContain(first.error);
        continue;
      }
      accepted++;
      expect(normalizeEntry(first.text, { maxLength }), JSON.stringify(raw)).toEqual(first);
      expect(first.text).toBe(first.text.normalize('NFC'));
      expect(first.text).toBe(first.text.trim());
      expect(first.text).not.toMatch(/ {2}|[\t\n\r\u00a0\u202f]/u);
      expect(first.text).not.toMatch(INVISIBLE_LEFT);
      expect(first.key).toBe(entryKey(first.text));
      expect(first.key).toBe(first.key.toLocaleLowerCase('fr'));
      expect(first.key).not.toMatch(/[\u2019\u02bc]/u);
    }
    expect(accepted).toBeGreaterThan(1000);
  });

  it('never grows a text past maxLength characters, and refuses no text within it', () => {
    const segmenter = new Intl.Segmenter('fr', { granularity: 'grapheme' });
    const next = random(7);
    for (let i = 0; i < 2000; i++) {
      const raw = randomText(next, 40);
      const maxLength = 1 + Math.floor(next() * 20);
      const result = normalizeEntry(raw, { maxLength });
      const cleaned = cleanText(raw);
      const length = [...segmenter.segment(cleaned)].length;
      if (cleaned === '') expect(result).toEqual({ ok: false, error: 'empty' });
      else if (length > maxLength) expect(result).toEqual({ ok: false, error: 'too_long' });
      else expect(result).toEqual({ ok: true, text: cleaned, key: entryKey(cleaned) });
    }
  });

  it('refuses lone surrogates as invalid (not portable JSON, so not in the shared vectors)', () => {
    for (const raw of ['\ud800', '\ud800x', 'x\udc00', '\udc00\ud800', 'mot\udbff', '\ud83d\ude00\ud83d']) {
      expect(normalizeEntry(raw, { maxLength: 40 }), JSON.stringify(raw)).toEqual({ ok: false, error: 'invalid' });
    }
    expect(normalizeEntry('\ud83d\ude00', { maxLength: 40 }).ok).toBe(true);
  });

  // Speed is not asserted here (timed tests flake on a busy machine): the raw length check runs first, so
  // hostile input is refused before any normalization work.
  it('refuses 10,000 characters, whatever they are', () => {
    const shapes = [
      'a'.repeat(10_000),
      '\ud83d\ude00'.repeat(10_000),
      '\u200b'.repeat(10_000),
      'e' + '\u0301'.repeat(9_999),
      ' '.repeat(10_000),
      '\ud83d\udc69\u200d'.repeat(3_333) + '\ud83d\udcbb',
      'é'.repeat(100) + 'x'.repeat(9_900),
      'a'.repeat(1_000_000),
    ];
    for (const raw of shapes) {
      expect(normalizeEntry(raw, { maxLength: 200 }), JSON.stringify(raw.slice(0, 10))).toEqual({
        ok: false,
        error: 'too_long',
      });
    }
  });

  it('accepts the longest raw input under the limit when what is left is short', () => {
    const raw = '\u200b'.repeat(790) + 'a'.repeat(10);
    expect(normalizeEntry(raw, { maxLength: 200 })).toEqual({ ok: true, text: 'aaaaaaaaaa', key: 'aaaaaaaaaa' });
  });
});

describe('aggregate, properties', () => {
  const OPTIONS: AggregateOptions = { merges: [], hidden: [], accentsMerge: false, stopList: [], offensive: 'default' };
  const VARIANTS = ['jeu', 'Jeu', 'JEU', 'jeux', 'Jeux', 'je\u200bu', ' jeu '];

  it('counts a person once per word, however many variants they wrote', () => {
    const next = random(42);
    for (let round = 0; round < 300; round++) {
      const entries: { user: string; text: string }[] = [];
      const writers = new Set<string>();
      const users = 1 + Math.floor(next() * 12);
      for (let u = 0; u < users; u++) {
        const user = `u${u}`;
        for (const variant of VARIANTS) {
          if (next() < 0.3) {
            entries.push({ user, text: variant });
            writers.add(user);
          }
        }
        if (next() < 0.5) entries.push({ user, text: pick(next, ['quiz', 'Quiz', 'outil']) });
      }
      // Shuffle: the order of arrival must not change a weight.
      for (let i = entries.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [entries[i], entries[j]] = [entries[j]!, entries[i]!];
      }
      const cloud = aggregate(entries, { ...OPTIONS, merges: [{ target: 'jeu', members: ['jeux'] }] });
      const jeu = cloud.words.find((word) => word.text === 'jeu');
      if (writers.size === 0) expect(jeu).toBeUndefined();
      else expect(jeu?.weight).toBe(writers.size);
      for (const word of cloud.words) {
        const people = new Set(entries.map((entry) => entry.user));
        expect(word.weight).toBeLessThanOrEqual(people.size);
      }
      // Each person entering everything again changes nothing.
      expect(
        aggregate([...entries, ...entries], { ...OPTIONS, merges: [{ target: 'jeu', members: ['jeux'] }] }),
      ).toEqual(cloud);
    }
  });

  it('ranks densely, heaviest first', () => {
    const next = random(99);
    for (let round = 0; round < 200; round++) {
      const entries = Array.from({ length: Math.floor(next() * 60) }, () => ({
        user: `u${Math.floor(next() * 15)}`,
        text: pick(next, ['a', 'b', 'c', 'd', 'É', 'e', 'f', 'g', 'h', 'merde', 'outils', 'Outils']),
      }));
      const { words, hiddenCount } = aggregate(entries, OPTIONS);
      expect(hiddenCount).toBe(entries.some((entry) => entry.text === 'merde') ? 1 : 0);
      let rank = 0;
      let weight = Infinity;
      for (const word of words) {
        expect(word.weight).toBeLessThanOrEqual(weight);
        expect(word.rank).toBe(word.weight < weight ? rank + 1 : rank);
        rank = word.rank;
        weight = word.weight;
      }
    }
  });
});

describe('moderation', () => {
  it('keeps a short, lowercased list without repeats, each word caught', () => {
    expect(OFFENSIVE_WORDS.length).toBeGreaterThanOrEqual(30);
    expect(OFFENSIVE_WORDS.length).toBeLessThanOrEqual(80);
    expect(new Set(OFFENSIVE_WORDS).size).toBe(OFFENSIVE_WORDS.length);
    for (const word of OFFENSIVE_WORDS) {
      expect(word).toBe(word.toLocaleLowerCase('fr'));
      expect(isOffensive(word.toUpperCase()), word).toBe(true);
    }
  });
});

describe('suggestMerges, properties', () => {
  it('only groups words of one merge key, each word at most once', () => {
    const next = random(5);
    const pool = [
      'école',
      'École',
      'ecole',
      "l'école",
      'écoles',
      'jeu',
      'jeux',
      'enseignant·e·s',
      'enseignants',
      'mois',
    ];
    for (let round = 0; round < 200; round++) {
      const words = Array.from({ length: Math.floor(next() * 12) }, () => pick(next, pool));
      const seen = new Set<string>();
      for (const { target, members, reason } of suggestMerges(words)) {
        expect(members.length).toBeGreaterThan(0);
        expect(reason.length).toBeGreaterThan(0);
        for (const word of [target, ...members]) {
          expect(seen.has(word)).toBe(false);
          seen.add(word);
          expect(mergeKey(word, { accents: true })).toBe(mergeKey(target, { accents: true }));
        }
      }
    }
  });
});
