/**
 * Time of catalog search on 5,000 generated entries (Node, this machine): index build once, then the
 * median and 95th percentile of each query over many runs. `npm run bench:search -w module-activity`.
 * The in-browser median that issue 6 asks of `npm run bench` comes with the element.
 */
import { performance } from 'node:perf_hooks';
import { createSearchIndex, type SearchQuery } from '../src/catalog/search.js';
import { generateEntries } from './generate-entries.js';

const COUNT = 5000;
const RUNS = 300;

const entries = generateEntries(COUNT);
const buildStart = performance.now();
const index = createSearchIndex(entries);
const buildMs = performance.now() - buildStart;

const queries: [string, SearchQuery][] = [
  ['no text, first page', {}],
  ['one letter (worst prefix): "e"', { text: 'e' }],
  ['prefix as typed: "éva"', { text: 'éva' }],
  ['word: "évaluation"', { text: 'évaluation' }],
  ['two prefixes: "diff num"', { text: 'diff num' }],
  ['words + 2 facets', { text: 'harcèlement collège', filters: { public: ['secondary'], modality: ['distance'] } }],
  ['3 facets, no text', { filters: { public: ['primary', 'secondary'], domain: ['assessment'], nature: ['tutored'] } }],
  ['text, page 5, by date', { text: 'classe', page: 5, sort: 'recent' }],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

console.log(`Catalog search, ${COUNT} entries, Node ${process.version}; index built in ${buildMs.toFixed(1)} ms`);
for (const [name, query] of queries) {
  for (let i = 0; i < 20; i++) index.search(query); // warm-up
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    total = index.search(query).total;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(40)} median ${percentile(times, 50).toFixed(3)} ms  p95 ${percentile(times, 95).toFixed(3)} ms  (${total} results)`,
  );
}
