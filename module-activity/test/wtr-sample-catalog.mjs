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

// The sandboxed H5P player of <mag-module>'s browser tests, as the reference host serves it (/h5p/player), but
// with the glue from source and h5p-standalone from node_modules. Frames are loaded from `localhost` while tests run
// on `127.0.0.1`: the player's parent origin is the test page's. A sandboxed frame has an opaque origin: what it
// fetches (module script, catalog files, fonts) needs `Access-Control-Allow-Origin`, as the host sends it.
export const H5P_PLAYER_PATH = '/module-activity/test/h5p-player.html';
export const H5P_HOSTILE_PATH = '/module-activity/test/h5p-hostile.html';

const CORS_PATHS = [SAMPLE_CATALOG_PATH, '/node_modules/h5p-standalone/', '/module-activity/src/module/h5p-frame.ts'];

export async function h5pPlayer(context, next) {
  const port = context.host.split(':')[1];
  const parent = `http://127.0.0.1:${port}`;
  if (context.path === H5P_PLAYER_PATH) {
    context.type = 'text/html; charset=utf-8';
    context.body = `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta name="mag-h5p-parent-origins" content="${parent}">
<meta name="mag-h5p-player" content="/node_modules/h5p-standalone/dist/">
<script type="module" src="/module-activity/src/module/h5p-frame.ts"></script>
</head><body style="margin:0"><div id="h5p"></div></body></html>`;
    return;
  }
  if (context.path === H5P_HOSTILE_PATH) {
    // A frame that plays by none of the rules: messages to its parent outside its port, malformed messages, and
    // back on its port the init it received (so that tests can read what a frame is given).
    context.type = 'text/html; charset=utf-8';
    context.body = `<!doctype html><html><head><meta charset="utf-8"></head><body><p>hostile</p><script>
window.parent.postMessage({ type: 'xapi', verb: 'completed', root: true, result: { score: { raw: 99, max: 1 } } }, '*');
window.addEventListener('message', (event) => {
  const port = event.ports[0];
  if (!port) return;
  port.postMessage({ type: 'xapi', verb: 'completed', root: true, result: { score: { raw: 1000, max: 1 } } });
  port.postMessage({ type: 'resize', height: 'tall' });
  port.postMessage({ type: 'xapi', verb: 'completed', root: true, result: { score: { raw: 1, max: 1 } } });
  port.postMessage({ type: 'error', message: 'init:' + JSON.stringify(event.data) });
});
window.parent.postMessage({ type: 'mag-h5p-ready' }, '*');
</script></body></html>`;
    return;
  }
  await next();
  if (CORS_PATHS.some((prefix) => context.path.startsWith(prefix))) context.set('Access-Control-Allow-Origin', '*');
}
