/**
 * The catalog client: reads a built catalog (docs/catalog.md) from its base URL, for a host's browser page
 * or server. Pure apart from `fetch` (given, or the global one), so tests run it against msw or a local
 * server.
 *
 * Trust: the client fetches nothing unless the base URL is in the allowlist the host gives it (its admin's
 * setting), and follows a redirection only inside an allowed base. It never sends credentials. Everything it
 * fetches is size-capped, parsed and checked with the catalog's schemas (unknown fields are ignored); every
 * path a document gives must resolve inside the base URL; a package must be the module and version asked
 * for. Failures are {@link CatalogError}s with a code and a French or English message.
 */
import * as v from 'valibot';
import { translate, type Locale } from '../../../activities/src/i18n/localize.js';
import { issueToProblem, problemMessage } from './issues.js';
import {
  CatalogIndex,
  FORMAT_VERSION,
  INDEX_FORMAT,
  LIMITS,
  ModulePackage,
  PACKAGE_FORMAT,
  type ModuleEntry,
} from './schema.js';
import { catalogStrings, type CatalogStringKey } from './strings.js';

export const CATALOG_ERROR_CODES = [
  'bad_url',
  'not_allowed',
  'network',
  'http',
  'too_large',
  'invalid_json',
  'invalid',
  'unsupported_format',
  'unknown_module',
  'unknown_version',
  'mismatch',
] as const;
export type CatalogErrorCode = (typeof CATALOG_ERROR_CODES)[number];

export interface CatalogIssue {
  path: string;
  message: string;
}

export class CatalogError extends Error {
  readonly code: CatalogErrorCode;
  readonly url: string | undefined;
  readonly status: number | undefined;
  /** For `invalid`: what does not fit the schema, field by field. */
  readonly issues: readonly CatalogIssue[];

  constructor(
    code: CatalogErrorCode,
    message: string,
    details: { url?: string; status?: number; issues?: CatalogIssue[]; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CatalogError';
    this.code = code;
    this.url = details.url;
    this.status = details.status;
    this.issues = details.issues ?? [];
  }
}

/** Drops a body we will not read; not awaited, since some fetch implementations settle it late or never. */
function discard(response: Response): void {
  void response.body?.cancel().catch(() => undefined);
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A catalog base URL in its canonical form (the folder of `index.json`, ending with `/`), or null when it
 * cannot be one: not absolute, not `https:` (`http:` only for localhost), with credentials, a query or a
 * fragment.
 */
export function normalizeBaseUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  if (!secure || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** Whether `url` is inside one of the allowed bases: same origin, and under the base's folder. */
export function isAllowed(url: string | URL, allowlist: readonly string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username !== '' || target.password !== '') return false;
  return allowlist.some((entry) => {
    const base = normalizeBaseUrl(entry);
    return base !== null && target.origin === base.origin && target.pathname.startsWith(base.pathname);
  });
}

export interface CatalogClientOptions {
  /** The catalog's base URL: the folder of its `index.json`. */
  baseUrl: string;
  /** The base URLs the platform's administrator allowed. */
  allowlist: readonly string[];
  fetch?: typeof fetch;
  /** The language of error messages (French by default). */
  locale?: Locale;
  limits?: { indexBytes?: number; packageBytes?: number };
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface CatalogClient {
  /** The canonical base URL. */
  readonly baseUrl: string;
  /** The catalog's index, fetched once and kept; `reload` fetches it again. */
  index(options?: RequestOptions & { reload?: boolean }): Promise<CatalogIndex>;
  /** A module's entry in the index. */
  entry(id: string, options?: RequestOptions): Promise<ModuleEntry>;
  /** One version of a module (by default its latest). */
  package(id: string, version?: string, options?: RequestOptions): Promise<ModulePackage>;
  /** The absolute URL of a path relative to `index.json` (a thumbnail). */
  resolve(path: string): string;
  /** The absolute URL of a path relative to a package (a page's image, a video, an H5P folder). */
  resolveInPackage(id: string, version: string, path: string, options?: RequestOptions): Promise<string>;
  /** What h5p-standalone needs to play an H5P item of a package (`h5pJsonPath`, `librariesPath`). */
  h5pPaths(
    id: string,
    version: string,
    itemPath: string,
    options?: RequestOptions,
  ): Promise<{ h5pJsonPath: string; librariesPath: string }>;
}

export function createCatalogClient(options: CatalogClientOptions): CatalogClient {
  const locale = options.locale ?? 'fr';
  const t = (key: CatalogStringKey, params: Record<string, string | number> = {}) =>
    translate(catalogStrings, locale, key, params);
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const indexBytes = options.limits?.indexBytes ?? LIMITS.indexBytes;
  const packageBytes = options.limits?.packageBytes ?? LIMITS.packageBytes;

  const base = normalizeBaseUrl(options.baseUrl);
  if (!base) throw new CatalogError('bad_url', t('client_bad_url', { url: options.baseUrl }), { url: options.baseUrl });
  const baseUrl = base.href;
  if (!isAllowed(baseUrl, options.allowlist)) {
    throw new CatalogError('not_allowed', t('client_not_allowed', { url: baseUrl }), { url: baseUrl });
  }

  function inside(path: string, from: string = baseUrl): string {
    const url = new URL(path, from);
    if (url.origin !== base!.origin || !url.pathname.startsWith(base!.pathname) || url.search || url.hash) {
      throw new CatalogError('invalid', t('client_invalid', { url: from, details: path }), {
        url: from,
        issues: [{ path: '', message: path }],
      });
    }
    return url.href;
  }

  async function readCapped(response: Response, url: string, max: number): Promise<string> {
    const tooLarge = () => new CatalogError('too_large', t('client_too_large', { url, max }), { url });
    const length = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(length) && length > max) {
      discard(response);
      throw tooLarge();
    }
    if (!response.body) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        void reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new CatalogError('invalid_json', t('client_invalid_json', { url }), { url, cause });
    }
  }

  async function getJson(url: string, max: number, signal?: AbortSignal): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(url, {
        credentials: 'omit',
        redirect: 'follow',
        headers: { Accept: 'application/json' },
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new CatalogError('network', t('client_network', { url, message }), { url, cause });
    }
    if (response.url && response.url !== url && !isAllowed(response.url, options.allowlist)) {
      discard(response);
      throw new CatalogError('not_allowed', t('client_not_allowed', { url: response.url }), { url: response.url });
    }
    if (!response.ok) {
      discard(response);
      throw new CatalogError('http', t('client_http', { url, status: response.status }), {
        url,
        status: response.status,
      });
    }
    const text = await readCapped(response, url, max);
    try {
      return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    } catch (cause) {
      throw new CatalogError('invalid_json', t('client_invalid_json', { url }), { url, cause });
    }
  }

  function check<S extends typeof CatalogIndex | typeof ModulePackage>(
    schema: S,
    format: string,
    value: unknown,
    url: string,
  ): v.InferOutput<S> {
    const header = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    if (header['format'] !== format || header['formatVersion'] !== FORMAT_VERSION) {
      throw new CatalogError(
        'unsupported_format',
        t('client_unsupported_format', {
          url,
          format: String(header['format'] ?? '?'),
          version: String(header['formatVersion'] ?? '?'),
        }),
        { url },
      );
    }
    const result = v.safeParse(schema, value);
    if (!result.success) {
      const issues = result.issues.map((issue) => {
        const problem = issueToProblem(issue, url);
        return { path: problem.path, message: problemMessage(problem, locale) };
      });
      const details = issues
        .slice(0, 3)
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join('; ');
      throw new CatalogError('invalid', t('client_invalid', { url, details }), { url, issues });
    }
    return result.output as v.InferOutput<S>;
  }

  let cached: Promise<CatalogIndex> | undefined;

  async function packageUrl(id: string, version: string | undefined, requestOptions: RequestOptions) {
    const entry = await client.entry(id, requestOptions);
    const wanted = version ?? entry.latest;
    const listed = entry.versions.find((candidate) => candidate.version === wanted);
    if (!listed) {
      throw new CatalogError('unknown_version', t('client_unknown_version', { id, version: wanted }), { url: baseUrl });
    }
    return { url: inside(listed.package), version: wanted };
  }

  async function loadIndex(signal?: AbortSignal): Promise<CatalogIndex> {
    const url = inside('index.json');
    const index = check(CatalogIndex, INDEX_FORMAT, await getJson(url, indexBytes, signal), url);
    // Every path of the index must stay inside the catalog.
    if (index.h5pLibraries) inside(`${index.h5pLibraries}/`, url);
    for (const entry of index.modules) {
      inside(entry.thumbnail, url);
      for (const version of entry.versions) inside(version.package, url);
    }
    return index;
  }

  const client: CatalogClient = {
    baseUrl,

    index(requestOptions = {}) {
      if (!cached || requestOptions.reload) {
        const loading = loadIndex(requestOptions.signal);
        cached = loading;
        loading.catch(() => {
          if (cached === loading) cached = undefined; // a failure is not kept: the next call tries again
        });
      }
      return cached;
    },

    async entry(id, requestOptions = {}) {
      const index = await client.index(requestOptions);
      const entry = index.modules.find((candidate) => candidate.id === id);
      if (!entry) throw new CatalogError('unknown_module', t('client_unknown_module', { id }), { url: baseUrl });
      return entry;
    },

    async package(id, version, requestOptions = {}) {
      const { url, version: wanted } = await packageUrl(id, version, requestOptions);
      const pkg = check(ModulePackage, PACKAGE_FORMAT, await getJson(url, packageBytes, requestOptions.signal), url);
      if (pkg.id !== id || pkg.version !== wanted) {
        throw new CatalogError('mismatch', t('client_mismatch', { url, id, version: wanted }), { url });
      }
      inside(pkg.thumbnail, url);
      for (const item of pkg.items) {
        if (item.kind === 'h5p') inside(`${item.path}/`, url);
        if (item.kind === 'video') {
          for (const ref of [item.src, item.poster, ...item.captions.map((track) => track.src)]) {
            if (ref !== undefined && !ref.startsWith('https://')) inside(ref, url);
          }
        }
      }
      return pkg;
    },

    resolve(path) {
      return inside(path);
    },

    async resolveInPackage(id, version, path, requestOptions = {}) {
      return inside(path, (await packageUrl(id, version, requestOptions)).url);
    },

    async h5pPaths(id, version, itemPath, requestOptions = {}) {
      const index = await client.index(requestOptions);
      const h5pJsonPath = (await client.resolveInPackage(id, version, itemPath, requestOptions)).replace(/\/$/, '');
      const librariesPath = inside(`${index.h5pLibraries ?? 'h5p-libraries'}/`).replace(/\/$/, '');
      return { h5pJsonPath, librariesPath };
    },
  };
  return client;
}
