/**
 * The module catalogs the reference host reads, only those its administrator allowed (`MAG_CATALOGS`): each through
 * the catalog client (module-activity/src/catalog/client.ts), which refuses anything outside the allowlist and checks
 * everything it fetches. Indexes are kept for five minutes and searched in memory; packages (immutable per version)
 * are kept while there is room.
 *
 * `sample` is the host's own sample catalog: built from `module-activity/catalog-sample` by the real `mag-catalog
 * build` on first use, served as static files on the frame origin under `/catalog/sample/` (an origin without
 * sessions: catalog files include H5P scripts and SVG images, which must never run on the course pages' origin),
 * and read by this server straight from disk through the same client (a `fetch` that answers from the built folder),
 * so that the host never depends on reaching its own public address.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { buildCatalog } from '../../../module-activity/src/catalog/build.js';
import { CatalogError, createCatalogClient, type CatalogClient } from '../../../module-activity/src/catalog/client.js';
import type { CatalogIndex, ModuleEntry, ModulePackage } from '../../../module-activity/src/catalog/schema.js';
import { createSearchIndex, type CatalogSearch } from '../../../module-activity/src/catalog/search.js';
import type { CatalogProblem } from '../../../module-activity/src/module/protocol.js';
import { html } from '../pages/html.js';
import { MESSAGES, pickLocale } from '../pages/i18n.js';
import { REPO_ROOT, SAMPLE_CATALOG, type Config } from './config.js';
import type { AppContext } from './context.js';

export const SAMPLE_SOURCE = path.join(REPO_ROOT, 'module-activity', 'catalog-sample');
/** Where the sample is served, on the frame origin. */
export const SAMPLE_PATH = '/catalog/sample/';
/** h5p-standalone's player files, served on the frame origin. */
export const H5P_STANDALONE_PATH = '/h5p/standalone/';
/** The sandboxed page where H5P content plays, on the frame origin. */
export const H5P_PLAYER_PATH = '/h5p/player';
const H5P_STANDALONE_DIR = path.join(REPO_ROOT, 'node_modules', 'h5p-standalone', 'dist');

/** Where a host with `config` builds its sample catalog. */
export function sampleDirOf(config: Config): string {
  return path.join(config.dataDir, 'catalog-sample');
}

const INDEX_TTL_MS = 5 * 60 * 1000;
const FAILURE_TTL_MS = 30 * 1000;
const FETCH_TIMEOUT_MS = 10_000;
const MAX_PACKAGES = 200;

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function problemOf(error: unknown): CatalogProblem {
  if (error instanceof CatalogError)
    return { code: error.code, ...(error.url ? { url: error.url.slice(0, 2000) } : {}) };
  return { code: 'unknown' };
}

interface LoadedIndex {
  index: CatalogIndex;
  loadedAt: number;
}

interface CatalogState {
  base: string;
  /** Null when the client refused the base URL itself. */
  client: CatalogClient | null;
  loaded: LoadedIndex | null;
  problem: CatalogProblem | null;
  failedAt: number;
  loading: Promise<void> | null;
}

export interface CatalogView {
  base: string;
  index: CatalogIndex | null;
  problem: CatalogProblem | null;
}

export interface FoundEntry {
  base: string;
  entry: ModuleEntry;
  index: CatalogIndex;
}

export interface LoadedPackage {
  base: string;
  pkg: ModulePackage;
  /** Absolute URL of the package's `module.json`. */
  packageUrl: string;
  /** Absolute URL of the catalog's H5P libraries folder. */
  librariesUrl: string;
}

export interface CatalogsOptions {
  /** `MAG_CATALOGS`: base URLs and `sample`. */
  allowed: readonly string[];
  /** The frame origin, where the sample is served. */
  frameOrigin: string;
  /** Where the sample catalog is built. */
  sampleDir: string;
  /** For remote catalogs (tests give their own). */
  fetch?: typeof fetch;
  now?: () => number;
}

export class Catalogs {
  readonly bases: readonly string[];
  readonly sampleBase: string | null;
  readonly sampleDir: string;
  readonly #catalogs: CatalogState[];
  readonly #packages = new Map<string, Promise<LoadedPackage>>();
  readonly #now: () => number;
  #sampleBuilt: Promise<void> | null = null;
  #search: { key: string; index: CatalogSearch; baseOf: Map<ModuleEntry, string> } | null = null;

  constructor(options: CatalogsOptions) {
    this.#now = options.now ?? Date.now;
    this.sampleDir = options.sampleDir;
    this.sampleBase = options.allowed.includes(SAMPLE_CATALOG) ? `${options.frameOrigin}${SAMPLE_PATH}` : null;
    this.bases = options.allowed.map((entry) => (entry === SAMPLE_CATALOG ? this.sampleBase! : entry));
    const remoteFetch = options.fetch ?? fetch;
    const timed: typeof fetch = (input, init) =>
      remoteFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    this.#catalogs = this.bases.map((base) => {
      const state: CatalogState = { base, client: null, loaded: null, problem: null, failedAt: 0, loading: null };
      try {
        state.client = createCatalogClient({
          baseUrl: base,
          allowlist: this.bases,
          fetch: base === this.sampleBase ? this.#sampleFetch : timed,
        });
      } catch (error) {
        // A base the client refuses (the sample on a plain-http frame origin that is not localhost): said, for good.
        state.problem = problemOf(error);
        state.failedAt = Infinity;
      }
      return state;
    });
  }

  /** Builds the sample catalog (once per process; the build is deterministic, so a rebuild changes nothing). */
  sampleReady(): Promise<void> {
    if (!this.sampleBase) return Promise.resolve();
    this.#sampleBuilt ??= buildCatalog(SAMPLE_SOURCE, this.sampleDir).then(
      () => undefined,
      (error: unknown) => {
        this.#sampleBuilt = null;
        throw error;
      },
    );
    return this.#sampleBuilt;
  }

  /** Answers the client's requests for the sample from the built folder. */
  readonly #sampleFetch: typeof fetch = async (input) => {
    await this.sampleReady();
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const relative = decodeURIComponent(url.pathname.slice(new URL(this.sampleBase!).pathname.length));
    const file = path.resolve(this.sampleDir, relative);
    if (!file.startsWith(path.resolve(this.sampleDir) + path.sep)) return new Response('Not found', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        status: 200,
        headers: { 'content-type': mimeType(file), 'content-length': String(body.byteLength) },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };

  #state(base: string): CatalogState | undefined {
    return this.#catalogs.find((catalog) => catalog.base === base);
  }

  /** Whether `base` is an allowed catalog. */
  allows(base: string): boolean {
    return this.#state(base) !== undefined;
  }

  async #refresh(state: CatalogState): Promise<void> {
    const now = this.#now();
    const fresh = state.loaded && now - state.loaded.loadedAt < INDEX_TTL_MS;
    const recentlyFailed = state.problem && now - state.failedAt < FAILURE_TTL_MS;
    const client = state.client;
    if (fresh || recentlyFailed || !client) return;
    state.loading ??= (async () => {
      try {
        const index = await client.index({ reload: state.loaded !== null });
        state.loaded = { index, loadedAt: this.#now() };
        state.problem = null;
      } catch (error) {
        // A catalog that fails keeps its last good index, if any, and says what went wrong.
        state.problem = problemOf(error);
        state.failedAt = this.#now();
      } finally {
        state.loading = null;
      }
    })();
    await state.loading;
  }

  /** Every allowed catalog, with its index (possibly the last good one) or its problem. */
  async all(): Promise<CatalogView[]> {
    await Promise.all(this.#catalogs.map((state) => this.#refresh(state)));
    return this.#catalogs.map((state) => ({
      base: state.base,
      index: state.loaded?.index ?? null,
      problem: state.problem,
    }));
  }

  /** The search index over every readable catalog, rebuilt when one of them changed. */
  async search(): Promise<{ search: CatalogSearch; baseOf: Map<ModuleEntry, string>; catalogs: CatalogView[] }> {
    const catalogs = await this.all();
    const readable = catalogs.filter((catalog) => catalog.index);
    const key = readable.map((catalog) => `${catalog.base}@${this.#state(catalog.base)!.loaded!.loadedAt}`).join('|');
    if (this.#search?.key !== key) {
      const baseOf = new Map<ModuleEntry, string>();
      for (const catalog of readable) for (const entry of catalog.index!.modules) baseOf.set(entry, catalog.base);
      this.#search = { key, index: createSearchIndex([...baseOf.keys()]), baseOf };
    }
    return { search: this.#search.index, baseOf: this.#search.baseOf, catalogs };
  }

  /**
   * A module's entry: in the catalog `base` when given (it must be allowed), else in the first allowed catalog that
   * has it. Throws a `CatalogError` (`not_allowed`, `unknown_module`, or why the catalog could not be read).
   */
  async entry(id: string, base?: string): Promise<FoundEntry> {
    if (base !== undefined && !this.allows(base)) {
      throw new CatalogError('not_allowed', `Catalog not allowed: ${base}`, { url: base });
    }
    const candidates = base === undefined ? this.#catalogs : [this.#state(base)!];
    let problem: CatalogProblem | null = null;
    for (const state of candidates) {
      await this.#refresh(state);
      const index = state.loaded?.index;
      if (!index) {
        problem ??= state.problem;
        continue;
      }
      const entry = index.modules.find((module) => module.id === id);
      if (entry) return { base: state.base, entry, index };
    }
    if (problem && candidates.length === 1) {
      throw new CatalogError(problem.code === 'unknown' ? 'network' : problem.code, 'Catalog unavailable', {
        ...(problem.url ? { url: problem.url } : {}),
      });
    }
    throw new CatalogError('unknown_module', `Unknown module: ${id}`);
  }

  /** One version of a module, checked by the client, with the addresses the player needs. */
  async package(id: string, version: string, base?: string): Promise<LoadedPackage> {
    const found = await this.entry(id, base);
    const key = `${found.base}\u0000${id}\u0000${version}`;
    let loading = this.#packages.get(key);
    if (!loading) {
      // An entry was found: its catalog has a client.
      const client = this.#state(found.base)!.client!;
      loading = (async () => {
        const pkg = await client.package(id, version);
        const listed = found.entry.versions.find((candidate) => candidate.version === version);
        if (!listed) throw new CatalogError('unknown_version', `Unknown version ${version} of ${id}`);
        const packageUrl = client.resolve(listed.package);
        const librariesUrl = client.resolve(`${found.index.h5pLibraries ?? 'h5p-libraries'}/`);
        return { base: found.base, pkg, packageUrl, librariesUrl };
      })();
      this.#packages.set(key, loading);
      loading.catch(() => this.#packages.delete(key));
      if (this.#packages.size > MAX_PACKAGES) this.#packages.delete(this.#packages.keys().next().value!);
    }
    return loading;
  }

  /** The thumbnail's absolute URL (relative to the index). */
  resolve(base: string, relativePath: string): string {
    return this.#state(base)!.client!.resolve(relativePath);
  }
}

/** A policy for files of a catalog: data, never a page with powers, even when opened directly (an SVG). */
const CATALOG_FILE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

/**
 * The sandboxed H5P player's page: no user data, only what loads the player and the origins it may be embedded in
 * and fetch from. It runs in `<iframe sandbox="allow-scripts">` (an opaque origin: no cookie, no storage, no access
 * to the course page), so `'self'` is written out as the frame origin.
 */
export function h5pPlayerPage(locale: 'fr' | 'en', publicOrigin: string): string {
  return `<!doctype html>\n${html`<html lang="${locale}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${MESSAGES[locale].frameTitle}</title>
      <meta name="mag-h5p-parent-origins" content="${publicOrigin}" />
      <meta name="mag-h5p-player" content="${H5P_STANDALONE_PATH}" />
      <script src="/assets/mag-h5p-frame.js" defer></script>
    </head>
    <body style="margin: 0">
      <div id="h5p"></div>
    </body>
  </html>`}\n`;
}

export function h5pPlayerCsp(frameOrigin: string, publicOrigin: string, catalogOrigins: readonly string[]): string {
  const origins = [...new Set([frameOrigin, ...catalogOrigins])].join(' ');
  return [
    "default-src 'none'",
    `script-src ${origins}`,
    `style-src ${origins} 'unsafe-inline'`,
    `img-src ${origins} data: blob:`,
    `media-src ${origins} blob:`,
    `font-src ${origins} data:`,
    `connect-src ${origins}`,
    `frame-ancestors ${publicOrigin}`,
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Routes of the frame origin for module content: the sample catalog (`/catalog/sample/…`), h5p-standalone's files
 * (`/h5p/standalone/…`) and the sandboxed player page (`/h5p/player`). None of them exists on the public origin.
 * Files are public, static and read from opaque origins (the sandboxed player): `Access-Control-Allow-Origin: *`,
 * never with credentials.
 */
export function catalogRoutes(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const frameOnly: onRequestHookHandler = (request, reply, done) => {
      if (request.host !== ctx.frameHost) {
        void reply.code(404).type('text/plain; charset=utf-8').send('Not found');
        return;
      }
      done();
    };
    const sampleDir = sampleDirOf(ctx.config);
    await fs.mkdir(sampleDir, { recursive: true });

    await app.register(async (scope) => {
      scope.addHook('onRequest', frameOnly);
      scope.addHook('onRequest', async (_request, reply) => {
        if (!ctx.catalogs?.sampleBase) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
        // Set here: the app's own headers, set on the reply, would replace one set on the raw response.
        void reply.header('content-security-policy', CATALOG_FILE_CSP);
        await ctx.catalogs.sampleReady();
        return undefined;
      });
      await scope.register(fastifyStatic, {
        root: sampleDir,
        prefix: SAMPLE_PATH,
        decorateReply: false,
        cacheControl: false,
        dotfiles: 'deny',
        index: false,
        setHeaders: (res, file) => {
          const relative = path.relative(sampleDir, file).split(path.sep).join('/');
          // A published version never changes (docs/catalog.md); the index and shared libraries may.
          res.setHeader(
            'cache-control',
            relative === 'index.json'
              ? 'no-cache'
              : relative.startsWith('modules/')
                ? 'public, max-age=31536000, immutable'
                : 'public, max-age=86400',
          );
          res.setHeader('content-type', mimeType(file));
          res.setHeader('access-control-allow-origin', '*');
        },
      });
    });

    await app.register(async (scope) => {
      scope.addHook('onRequest', frameOnly);
      await scope.register(fastifyStatic, {
        root: H5P_STANDALONE_DIR,
        prefix: H5P_STANDALONE_PATH,
        decorateReply: false,
        cacheControl: false,
        index: false,
        setHeaders: (res, file) => {
          res.setHeader('cache-control', 'public, max-age=86400');
          res.setHeader('content-type', mimeType(file));
          res.setHeader('access-control-allow-origin', '*');
        },
      });
      scope.get(H5P_PLAYER_PATH, async (request, reply) => {
        const locale = pickLocale((request.query as { lang?: unknown }).lang, request.headers['accept-language']);
        const catalogOrigins = (ctx.catalogs?.bases ?? []).map((base) => new URL(base).origin);
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', h5pPlayerCsp(ctx.frameOrigin, ctx.publicOrigin, catalogOrigins))
          .header('cache-control', 'no-cache')
          .send(h5pPlayerPage(locale, ctx.publicOrigin));
      });
    });
  };
}
