/**
 * Catalog search on 5,000 entries in Chromium, as `<mag-module>`'s host would run it in a browser: the index built
 * once, then the median and 95th percentile of each query of search-page.ts, and the median of all their runs. Run by
 * `npm run bench` (build/bench.ts), or alone: `node --import tsx module-activity/bench/search-bench.ts`.
 *
 * The reference host searches on its server (Node, the same code: `npm run bench:search -w module-activity`); this
 * figure is the browser's, for hosts that search in the page. Chromium's timer is coarsened (0.1 ms steps).
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium.mjs';
import type { SearchBenchPage } from './search-page.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const out = join(root, 'bench/tmp/catalog-search');

export interface SearchBench {
  entries: number;
  runs: number;
  indexBuildMs: number;
  /** Median of every run of every query, in ms. */
  medianMs: number;
  p95Ms: number;
  queries: Record<string, { medianMs: number; p95Ms: number }>;
}

const round = (value: number) => Math.round(value * 100) / 100;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};

async function buildPage(): Promise<void> {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: out,
      emptyOutDir: true,
      target: 'es2022',
      minify: 'terser',
      modulePreload: false,
      rollupOptions: {
        input: join(root, 'module-activity/bench/search-page.ts'),
        output: { entryFileNames: 'page.js' },
      },
    },
  });
}

function serve(): Promise<{ url: string; close(): void }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><html lang="fr"><body><script type="module" src="/page.js"></script></body></html>');
      return;
    }
    const file = join(out, path);
    if (!file.startsWith(out) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/javascript' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      done({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    }),
  );
}

export async function runCatalogSearchBench(entries = 5_000, runs = 200): Promise<SearchBench> {
  await buildPage();
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => 'catalogSearchBench' in window);
    const result = await page.evaluate(
      ([count, times]) =>
        (window as unknown as { catalogSearchBench: SearchBenchPage }).catalogSearchBench.run(count, times),
      [entries, runs] as const,
    );
    const all = Object.values(result.times).flat();
    return {
      entries,
      runs,
      indexBuildMs: round(result.buildMs),
      medianMs: percentile(all, 50),
      p95Ms: percentile(all, 95),
      queries: Object.fromEntries(
        Object.entries(result.times).map(([name, times]) => [
          name,
          { medianMs: percentile(times, 50), p95Ms: percentile(times, 95) },
        ]),
      ),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runCatalogSearchBench(), null, 2));
}
