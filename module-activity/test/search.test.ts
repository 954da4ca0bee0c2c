/** Catalog search: accents and case, prefixes, ranking, facets and their counts, paging, on real and generated entries. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { indexOf } from '../src/catalog/build.js';
import { createSearchIndex, normalizeText, tokenize, type SearchQuery } from '../src/catalog/search.js';
import type { ModuleEntry } from '../src/catalog/schema.js';
import { validateSource } from '../src/catalog/validate.js';
import { generateEntries } from '../scripts/generate-entries.js';

const sample = await validateSource(fileURLToPath(new URL('../catalog-sample', import.meta.url)));
const entries = indexOf(sample.catalog!).modules;
const index = createSearchIndex(entries);
const ids = (query: SearchQuery) => index.search(query).hits.map((hit) => hit.entry.id);

describe('normalizeText and tokenize', () => {
  it('ignore accents, case and ligatures, and split on apostrophes and hyphens', () => {
    expect(normalizeText('ÉVALUATION Œuvre Cœur Ça')).toBe('evaluation oeuvre coeur ca');
    expect(tokenize("L’évaluation, c'est plan-de-travail (3018) !")).toEqual([
      'l',
      'evaluation',
      'c',
      'est',
      'plan',
      'de',
      'travail',
      '3018',
    ]);
  });
});

describe('catalog search on the sample catalog', () => {
  it('finds words whatever their accents and case', () => {
    expect(ids({ text: 'évaluation' })).toEqual(ids({ text: 'EVALUATION' }));
    expect(ids({ text: 'evaluation' })).toContain('evaluer-competences');
    expect(ids({ text: 'harcelement' })).toEqual(['climat-scolaire-phare']);
    expect(ids({ text: 'LAÏCITÉ' })).toEqual([]);
  });

  it('matches the start of words as one types, every word being needed', () => {
    expect(ids({ text: 'diff' })).toContain('differencier-numerique');
    expect(ids({ text: 'éval comp' })).toEqual(['evaluer-competences']);
    expect(ids({ text: 'éval harc' })).toEqual([]);
    // Stop words are left out, except the word being typed.
    expect(ids({ text: "l'oral des élèves" })).toEqual(ids({ text: 'oral élèves' }));
    expect(index.search({ text: 'vérifier la' }).terms).toEqual(['verifier', 'la']);
  });

  it('ranks title matches first, whole words before prefixes, with ties by title', () => {
    const hits = index.search({ text: 'oral' }).hits;
    expect(hits[0]!.entry.id).toBe('enseigner-oral');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]?.score ?? 0);
    const entry = entries[0]!;
    const small = createSearchIndex([
      { ...entry, id: 'a', title: 'Activités oralisées', keywords: [], objectives: ['x'], summary: 'x' },
      { ...entry, id: 'b', title: 'Zoom sur l’oral', keywords: [], objectives: ['x'], summary: 'x' },
      { ...entry, id: 'c', title: 'Autre chose', keywords: ['oral'], objectives: ['x'], summary: 'x' },
    ]);
    expect(small.search({ text: 'oral' }).hits.map((hit) => hit.entry.id)).toEqual(['b', 'a', 'c']);
    const all = index.search({}).hits.map((hit) => hit.entry.title);
    expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b, 'fr')));
  });

  it('counts every facet value, each facet ignoring its own filter', () => {
    const all = index.search({});
    expect(all.total).toBe(6);
    expect(all.facets.modality).toEqual([
      { value: 'distance', count: 4 },
      { value: 'in-person', count: 0 },
      { value: 'hybrid', count: 2 },
    ]);
    const primary = index.search({ filters: { public: ['primary'] } });
    expect(primary.total).toBe(4);
    // The public facet still counts the secondary modules that the filter hides.
    expect(primary.facets.public.find((f) => f.value === 'secondary')!.count).toBe(6);
    // Other facets count within the filter.
    expect(primary.facets.modality.find((f) => f.value === 'hybrid')!.count).toBe(1);
    const both = index.search({ filters: { public: ['primary'], modality: ['hybrid'] } });
    expect(both.hits.map((hit) => hit.entry.id)).toEqual(['enseigner-oral']);
    expect(index.search({ filters: { public: ['primary', 'vocational'] } }).total).toBe(6);
    expect(index.search({ filters: { domain: ['no-such-domain'] } }).total).toBe(0);
  });

  it('sorts by the latest version date on request', () => {
    const recent = index.search({ sort: 'recent' }).hits.map((hit) => hit.entry);
    const dates = recent.map((entry) => entry.versions.find((v) => v.version === entry.latest)!.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(recent[0]!.id).toBe('climat-scolaire-phare');
  });
});

describe('catalog search on 5,000 generated entries', () => {
  const many = generateEntries(5000);
  const big = createSearchIndex(many);
  const has = (entry: ModuleEntry, word: string) =>
    tokenize([entry.title, entry.summary, ...entry.objectives, ...entry.keywords].join(' ')).some((t) =>
      t.startsWith(word),
    );

  it('returns exactly the entries that contain every word, in pages that cover them once', () => {
    const query = { text: 'évaluation coll', pageSize: 50 };
    const first = big.search(query);
    const expected = many.filter((entry) => has(entry, 'evaluation') && has(entry, 'coll')).length;
    expect(first.total).toBe(expected);
    expect(first.total).toBeGreaterThan(50);
    const seen = new Set<string>();
    for (let page = 1; page <= first.pages; page++) {
      const result = big.search({ ...query, page });
      for (const hit of result.hits) seen.add(hit.entry.id);
      const scores = result.hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    expect(seen.size).toBe(first.total);
  });

  it('clamps pages and page sizes', () => {
    const result = big.search({ text: 'oral', page: 10_000, pageSize: 1000 });
    expect(result.pageSize).toBe(100);
    expect(result.page).toBe(result.pages);
    expect(big.search({ page: -3, pageSize: 0 })).toMatchObject({ page: 1, pageSize: 1, total: 5000 });
  });

  it('gives facet counts that add up with the filters', () => {
    const result = big.search({ text: 'num', filters: { nature: ['tutored'] } });
    const natureTotal = result.facets.nature.reduce((sum, f) => sum + f.count, 0);
    expect(natureTotal).toBe(big.search({ text: 'num' }).total);
    expect(result.facets.nature.find((f) => f.value === 'tutored')!.count).toBe(result.total);
  });
});
