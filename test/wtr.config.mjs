// Browser tests in Debian's Chromium (no browser download): `<package>/src/**/*.test.ts`.
// The test page is served from 127.0.0.1 so that frames served from localhost cross a real origin.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { h5pPlayer, sampleCatalog } from '../module-activity/test/wtr-sample-catalog.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export default {
  rootDir: root,
  files: ['*/src/**/*.test.ts', 'moodle-plugin-stubs/tests-browser/*.test.js'],
  nodeResolve: true,
  hostname: '127.0.0.1',
  concurrency: 1,
  middleware: [
    // msw's service worker, at the root so that its scope covers the test pages.
    async function mockServiceWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      const { readFile } = await import('node:fs/promises');
      context.type = 'application/javascript';
      context.set('Cache-Control', 'no-store');
      context.body = await readFile(`${root}node_modules/msw/lib/mockServiceWorker.js`, 'utf8');
    },
    sampleCatalog,
    h5pPlayer,
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig: `${root}tsconfig.json`, target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 300000,
};
