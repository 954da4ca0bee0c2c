import { defineConfig } from 'vitest/config';

// Node-side unit and integration tests: `<package>/test/**/*.test.ts`.
// Browser tests (`<package>/src/**/*.test.ts`) run in Chromium with @web/test-runner;
// end-to-end tests (`test/e2e/`) have their own config.
export default defineConfig({
  test: {
    include: ['*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/e2e/**'],
    testTimeout: 20_000,
  },
});
