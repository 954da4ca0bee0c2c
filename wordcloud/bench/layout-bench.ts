/**
 * The word cloud's layout in Chromium, beside plain d3-cloud on the main thread (median of `runs` runs each):
 * full layout time for 50, 200 and 500 words, the longest main-thread task meanwhile, the time to add one word
 * to a 200-word cloud, and how many of 500 words are drawn. Run by `npm run bench` (build/bench.ts), or alone:
 *
 *   node --import tsx wordcloud/bench/layout-bench.ts
 *
 * The page (layout-page.ts) is built by Vite as production bundles are, served on loopback, and opened in
 * Debian's Chromium through playwright-core.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium.mjs';
import { squeezeCssLiterals } from '../../build/vite.config.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const out = join(root, 'bench/tmp/wordcloud-layout');

export interface LayoutBench {
  runs: number;
  /**
   * Per cloud size: `layout`, our layout alone in its (warm) worker; `element`, `<mag-wordcloud>` from its
   * state's arrival to the cloud drawn (bridge, worker, render); `d3`, plain d3-cloud on the main thread.
   */
  sizes: Record<string, { layout: Figures & { placed: number }; element: Figures; d3: Figures & { placed: number } }>;
  addOne: { ms: number; longestTaskMs: number; moved: number };
  visibleOf500: number;
}

interface Figures {
  ms: number;
  longestTaskMs: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
};

async function buildPage(): Promise<void> {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    plugins: [squeezeCssLiterals()],
    build: {
      outDir: out,
      emptyOutDir: true,
      target: 'es2022',
      minify: 'terser',
      modulePreload: false,
      rollupOptions: { input: join(root, 'wordcloud/bench/layout-page.ts'), output: { entryFileNames: 'page.js' } },
    },
    worker: { format: 'es' },
  });
}

function serve(): Promise<{ url: string; close(): void }> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };
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
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      done({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    }),
  );
}

export async function runLayoutBench(runs = 5): Promise<LayoutBench> {
  await buildPage();
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    await page.waitForFunction(() => 'bench' in window);
    const sizes: LayoutBench['sizes'] = {};
    let visibleOf500 = 0;
    for (const count of [50, 200, 500]) {
      const oursRuns: Figures[] = [];
      const layoutRuns: (Figures & { placed: number })[] = [];
      const d3Runs: (Figures & { placed: number })[] = [];
      for (let run = 0; run < runs; run++) {
        const mine = await page.evaluate((n) => window.bench.ours(n), count);
        oursRuns.push(mine);
        if (count === 500) visibleOf500 = mine.visible;
        layoutRuns.push(await page.evaluate((n) => window.bench.worker(n), count));
        d3Runs.push(await page.evaluate(([n, scale]) => window.bench.d3(n, scale), [count, mine.scale] as const));
      }
      sizes[String(count)] = {
        layout: {
          ms: median(layoutRuns.map((r) => r.ms)),
          longestTaskMs: median(layoutRuns.map((r) => r.longestTaskMs)),
          placed: median(layoutRuns.map((r) => r.placed)),
        },
        element: { ms: median(oursRuns.map((r) => r.ms)), longestTaskMs: median(oursRuns.map((r) => r.longestTaskMs)) },
        d3: {
          ms: median(d3Runs.map((r) => r.ms)),
          longestTaskMs: median(d3Runs.map((r) => r.longestTaskMs)),
          placed: median(d3Runs.map((r) => r.placed)),
        },
      };
    }
    const adds = [];
    for (let run = 0; run < runs; run++) adds.push(await page.evaluate(() => window.bench.addOne()));
    return {
      runs,
      sizes,
      addOne: {
        ms: median(adds.map((a) => a.ms)),
        longestTaskMs: median(adds.map((a) => a.longestTaskMs)),
        moved: Math.max(...adds.map((a) => a.moved)),
      },
      visibleOf500,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runLayoutBench(Number(process.argv[2] ?? 5)), null, 2));
}
