/**
 * The page of the catalog search benchmark (search-bench.ts builds it with Vite and opens it in Chromium): 5,000
 * generated entries, the index built once, then each query run many times, timed with `performance.now()`.
 */
import { createSearchIndex, type SearchQuery } from '../src/catalog/search.js';
import { generateEntries } from '../scripts/generate-entries.js';

export const QUERIES: [string, SearchQuery][] = [
  ['no text, first page', {}],
  ['one letter (worst prefix): "e"', { text: 'e' }],
  ['prefix as typed: "éva"', { text: 'éva' }],
  ['word: "évaluation"', { text: 'évaluation' }],
  ['two prefixes: "diff num"', { text: 'diff num' }],
  ['words + 2 facets', { text: 'harcèlement collège', filters: { public: ['secondary'], modality: ['distance'] } }],
  ['3 facets, no text', { filters: { public: ['primary', 'secondary'], domain: ['assessment'], nature: ['tutored'] } }],
  ['text, page 5, by date', { text: 'classe', page: 5, sort: 'recent' }],
];

export interface SearchBenchPage {
  run(count: number, runs: number): { buildMs: number; times: Record<string, number[]> };
}

(window as unknown as { catalogSearchBench: SearchBenchPage }).catalogSearchBench = {
  run(count, runs) {
    const entries = generateEntries(count);
    const start = performance.now();
    const index = createSearchIndex(entries);
    const buildMs = performance.now() - start;
    const times: Record<string, number[]> = {};
    for (const [name, query] of QUERIES) {
      index.search(query); // warm
      times[name] = Array.from({ length: runs }, () => {
        const before = performance.now();
        index.search({ pageSize: 12, ...query });
        return performance.now() - before;
      });
    }
    return { buildMs, times };
  },
};
