// @web/test-runner middleware (test/wtr.config.mjs): the sample catalog, built by the real
// `mag-catalog build` into module-activity/dist/catalog-sample on the first request of a test run, then
// served as the static files it is. Browser tests fetch it from /module-activity/dist/catalog-sample/.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const moduleRoot = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLE_CATALOG_PATH = '/module-activity/dist/catalog-sample/';

let built;

function build() {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/mag-catalog.mjs', 'build', 'catalog-sample', 'dist/catalog-sample', '--lang', 'en'],
      { cwd: moduleRoot },
      (error, stdout, stderr) =>
        error ? reject(new Error(`Building the sample catalog failed:\n${stderr}`)) : resolve(stdout),
    );
  });
}

export async function sampleCatalog(context, next) {
  if (context.path.startsWith(SAMPLE_CATALOG_PATH)) {
    built ??= build();
    await built;
  }
  return next();
}
