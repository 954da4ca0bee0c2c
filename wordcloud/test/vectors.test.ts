/**
 * The shared word-cloud vectors (test/vectors/wordcloud-*.json), which the Moodle plugin's PHP port is to
 * pass too, played through the TypeScript functions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregate, csvCell, mergeKey, normalizeEntry, suggestMerges } from '../src/index.js';
import type { AggregateOptions, MergeSuggestion, NormalizeResult } from '../src/index.js';

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../test/vectors/${name}`, import.meta.url), 'utf8')) as T;
}

interface NormalizeCase {
  name: string;
  input?: string;
  inputParts?: { text: string; times: number }[];
  maxLength: number;
  expected: NormalizeResult;
}

interface MergeFile {
  mergeKeyCases: { name: string; text: string; accents: boolean; expected: string }[];
  cases: { name: string; words: string[]; expected: MergeSuggestion[] }[];
}

interface AggregateCase {
  name: string;
  entries: { user: string; text: string }[];
  options: Partial<AggregateOptions>;
  expected: ReturnType<typeof aggregate>;
}

const DEFAULT_OPTIONS: AggregateOptions = {
  merges: [],
  hidden: [],
  accentsMerge: false,
  stopList: [],
  offensive: 'default',
};

/** The raw input of a normalization case: `input`, or its parts repeated and joined. */
function inputOf(vector: NormalizeCase): string {
  return vector.input ?? (vector.inputParts ?? []).map((part) => part.text.repeat(part.times)).join('');
}

function uniqueNames(cases: { name: string }[]): void {
  expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
}

describe('shared vectors: wordcloud-normalize.json', () => {
  const { cases } = load<{ cases: NormalizeCase[] }>('wordcloud-normalize.json');

  it('has cases with unique names', () => {
    expect(cases.length).toBeGreaterThan(40);
    uniqueNames(cases);
  });

  for (const vector of cases) {
    it(vector.name, () => {
      expect(normalizeEntry(inputOf(vector), { maxLength: vector.maxLength })).toEqual(vector.expected);
    });
  }
});

describe('shared vectors: wordcloud-merge.json', () => {
  const { mergeKeyCases, cases } = load<MergeFile>('wordcloud-merge.json');

  it('has cases with unique names', () => {
    expect(mergeKeyCases.length).toBeGreaterThan(40);
    expect(cases.length).toBeGreaterThan(10);
    uniqueNames(mergeKeyCases);
    uniqueNames(cases);
  });

  describe('mergeKey', () => {
    for (const vector of mergeKeyCases) {
      it(vector.name, () => {
        expect(mergeKey(vector.text, { accents: vector.accents })).toBe(vector.expected);
      });
    }
  });

  describe('suggestMerges', () => {
    for (const vector of cases) {
      it(vector.name, () => {
        expect(suggestMerges(vector.words)).toEqual(vector.expected);
      });
    }
  });
});

describe('shared vectors: wordcloud-aggregate.json', () => {
  const { cases } = load<{ cases: AggregateCase[] }>('wordcloud-aggregate.json');

  it('has cases with unique names', () => {
    expect(cases.length).toBeGreaterThan(20);
    uniqueNames(cases);
  });

  for (const vector of cases) {
    it(vector.name, () => {
      expect(aggregate(vector.entries, { ...DEFAULT_OPTIONS, ...vector.options })).toEqual(vector.expected);
    });
  }
});

describe('shared vectors: wordcloud-csv.json', () => {
  const { cases } = load<{ cases: { name: string; input: string; expected: string }[] }>('wordcloud-csv.json');

  it('has cases with unique names', () => {
    expect(cases.length).toBeGreaterThan(10);
    uniqueNames(cases);
  });

  for (const vector of cases) {
    it(vector.name, () => {
      expect(csvCell(vector.input)).toBe(vector.expected);
    });
  }
});
