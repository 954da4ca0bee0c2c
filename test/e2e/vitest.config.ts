import { defineConfig } from 'vitest/config';

// End-to-end: the real reference host (child process, SQLite in a temp folder) driven by Debian's
// Chromium through playwright-core. Needs `npm run build:bundles` first (npm test does it).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
