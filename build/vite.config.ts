/**
 * Browser bundles: one ES module per activity, the host SDK, the reference host's page glue, and a
 * shared chunks that every activity reuses: `lit`, `bridge` (protocol and validation, also used by host
 * pages) and `core` (bridge client, base element, i18n).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export const entries = {
  'mag-reactions': 'activities/src/reactions/reactions.ts',
  'mag-wordcloud': 'wordcloud/src/element/wordcloud.ts',
  'mag-programme': 'module-activity/src/programme/programme.ts',
  'mag-quiz': 'quiz/src/element/quiz.ts',
  'mag-module': 'module-activity/src/module/module.ts',
  // The sandboxed H5P player's glue: loaded as a classic script inside its frame, it imports nothing.
  'mag-h5p-frame': 'module-activity/src/module/h5p-frame.ts',
  'mag-host': 'activities/src/host/index.ts',
  'reference-host': 'host/src/browser/reference-host.ts',
} as const;

/**
 * Lit's `css` literals are shipped as written: indentation and comments are bytes on every trainee's phone.
 * This squeezes them (comments out, white space runs down to one character, none around braces and
 * semicolons), keeping every line break so that source maps stay right line by line. Only literals without
 * `${…}` are touched, and CSS strings never hold significant runs of spaces in this code base.
 */
export function squeezeCssLiterals(): Plugin {
  return {
    name: 'mag-squeeze-css-literals',
    transform(code, id) {
      if (!/\.ts$/.test(id) || id.includes('node_modules') || !code.includes('css`')) return null;
      const squeezed = code.replace(/\bcss`([^`$]*)`/g, (_match, body: string) => {
        const lines = (text: string) => text.replace(/[^\n]/g, '');
        const css = body
          .replace(/\/\*[\s\S]*?\*\//g, lines)
          .replace(/[ \t]*\n\s*/g, lines)
          .replace(/[ \t]+/g, ' ')
          .replace(/ ?([{};,]) ?/g, '$1')
          .replace(/\n+\s*/g, lines);
        return `css\`${css}\``;
      });
      return squeezed === code ? null : { code: squeezed, map: null };
    },
  };
}

export default defineConfig({
  plugins: [squeezeCssLiterals()],
  root,
  // Relative asset URLs (`new URL('layout.worker-….js', import.meta.url)`): hosts serve the bundles under their own
  // path (the reference host at /assets/, Moodle at /local/magactivities/bundle.php/<revision>/), never at the root.
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/bundles',
    emptyOutDir: true,
    target: 'es2022',
    minify: 'terser',
    terserOptions: { compress: { passes: 2 }, format: { comments: false } },
    sourcemap: true,
    modulePreload: false,
    reportCompressedSize: false,
    // Library mode: these bundles are libraries that hosts load. Vite then does not wrap dynamic imports in its
    // preload helper (1.2 KB on every page that loads a module on demand, for nothing: there is no CSS to preload).
    lib: {
      entry: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, `${root}${file}`])),
      formats: ['es'],
    },
    rollupOptions: {
      // Entries are libraries: keep their exports (mag-host.js exports BridgeHost for LMS glue).
      preserveEntrySignatures: 'exports-only',
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        manualChunks(id) {
          // Lit is its own vendor chunk: it changes less often than our core, so it stays cached longer. Its
          // directives stay with the elements that use them (unsafe-html is the quiz's alone, repeat the word
          // cloud's and the programme's): in the shared chunk, every page would pay for every element's.
          if (
            /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(id) &&
            !/\/directives\//.test(id)
          ) {
            return 'lit';
          }
          // The protocol and its validation: shared by activities and host pages, and free of Lit.
          if (/node_modules\/valibot\//.test(id) || /activities\/src\/bridge\/(protocol|channel)\.ts$/.test(id)) {
            return 'bridge';
          }
          if (/activities\/src\/(bridge|base|i18n)\//.test(id) || id.endsWith('activities/src/version.ts'))
            return 'core';
          return undefined;
        },
      },
    },
  },
  // The word cloud's layout worker: its own ES module, loaded only where a cloud is drawn.
  worker: {
    format: 'es',
    rollupOptions: { output: { entryFileNames: 'chunks/[name]-[hash].js', chunkFileNames: 'chunks/[name]-[hash].js' } },
  },
  esbuild: { legalComments: 'none' },
});
