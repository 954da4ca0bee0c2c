/** The catalog client against msw: the real built sample catalog, and every way a catalog can go wrong. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/build.js';
import { CatalogError, createCatalogClient, isAllowed, normalizeBaseUrl } from '../src/catalog/client.js';
import { tempDir } from './source-helpers.js';

const BASE = 'https://catalogue.example.fr/magistere/';
const ALLOW = ['https://catalogue.example.fr/magistere/'];
const out = tempDir('mag-catalog-client-');
const built = join(out.dir, 'catalog');
const requests: string[] = [];

const server = setupServer(
  http.get(`${BASE}*`, ({ request }) => {
    const path = decodeURIComponent(new URL(request.url).pathname.slice('/magistere/'.length));
    try {
      return new HttpResponse(readFileSync(join(built, path)), { headers: { 'Content-Type': 'application/json' } });
    } catch {
      return new HttpResponse('Not found', { status: 404 });
    }
  }),
);

beforeAll(async () => {
  await buildCatalog(fileURLToPath(new URL('../catalog-sample', import.meta.url)), built);
  server.events.on('request:start', ({ request }) => void requests.push(request.url));
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => {
  server.close();
  out.remove();
});

const client = (options: { baseUrl?: string; allowlist?: string[]; locale?: 'fr' | 'en' } = {}) =>
  createCatalogClient({ baseUrl: BASE, allowlist: ALLOW, locale: 'en', ...options });

async function failure(promise: Promise<unknown>): Promise<CatalogError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CatalogError);
  return error as CatalogError;
}

describe('allowlist', () => {
  it('allows a base and what is below it, on the same origin only', () => {
    expect(isAllowed(`${BASE}index.json`, ALLOW)).toBe(true);
    expect(isAllowed(`${BASE}2026/modules/x/1.0.0/module.json`, ALLOW)).toBe(true);
    expect(isAllowed('https://catalogue.example.fr/magistere-old/index.json', ALLOW)).toBe(false);
    expect(isAllowed('https://catalogue.example.fr/index.json', ALLOW)).toBe(false);
    expect(isAllowed('http://catalogue.example.fr/magistere/index.json', ALLOW)).toBe(false);
    expect(isAllowed('https://catalogue.example.fr.evil.test/magistere/', ALLOW)).toBe(false);
    expect(isAllowed('https://user:pw@catalogue.example.fr/magistere/', ALLOW)).toBe(false);
    expect(isAllowed(`${BASE}index.json`, ['not a url', 'http://catalogue.example.fr/magistere/'])).toBe(false);
  });

  it('normalizes base URLs, and refuses insecure ones (http: only for localhost)', () => {
    expect(normalizeBaseUrl('https://catalogue.example.fr/magistere')?.href).toBe(BASE);
    expect(normalizeBaseUrl('http://localhost:8080/catalog')?.href).toBe('http://localhost:8080/catalog/');
    for (const bad of [
      'http://catalogue.example.fr/',
      'ftp://x/',
      '/relative/',
      'https://a@b/',
      'https://x/?q=1',
      'https://x/#f',
    ]) {
      expect(normalizeBaseUrl(bad), bad).toBeNull();
    }
  });

  it('refuses a catalog the admin did not allow, before any request', () => {
    for (const [baseUrl, code] of [
      ['https://other.example.fr/catalogue/', 'not_allowed'],
      ['https://catalogue.example.fr/', 'not_allowed'],
      ['http://catalogue.example.fr/magistere/', 'bad_url'],
      ['catalogue', 'bad_url'],
    ] as const) {
      const error = (() => {
        try {
          client({ baseUrl });
        } catch (e) {
          return e as CatalogError;
        }
        return undefined;
      })();
      expect(error?.code, baseUrl).toBe(code);
    }
    expect(() => client({ baseUrl: 'https://other.example.fr/', locale: 'fr' })).toThrow(
      'Ce catalogue n’est pas autorisé par l’administrateur de la plateforme\u00a0: https://other.example.fr/',
    );
    expect(requests).toEqual([]);
  });
});

describe('reading a catalog', () => {
  it('reads the index once, the latest package by default, and a given version', async () => {
    const catalog = client();
    const index = await catalog.index();
    expect(index.modules.map((m) => m.id)).toContain('differencier-numerique');
    await catalog.index();
    expect(requests).toEqual([`${BASE}index.json`]);

    const latest = await catalog.package('differencier-numerique');
    expect(latest.version).toBe('1.1.0');
    expect(latest.items.map((item) => item.id)).toContain('plan-de-travail');
    const first = await catalog.package('differencier-numerique', '1.0.0');
    expect(first.items.map((item) => item.id)).not.toContain('plan-de-travail');

    expect(catalog.resolve(index.modules[0]!.thumbnail)).toMatch(
      /^https:\/\/catalogue\.example\.fr\/magistere\/modules\//,
    );
    expect(await catalog.h5pPaths('differencier-numerique', '1.1.0', 'h5p/choix-outil')).toEqual({
      h5pJsonPath: `${BASE}modules/differencier-numerique/1.1.0/h5p/choix-outil`,
      librariesPath: `${BASE}h5p-libraries`,
    });
    expect(await catalog.resolveInPackage('climat-scolaire-phare', '1.0.0', 'media/phare-reperes.webm')).toBe(
      `${BASE}modules/climat-scolaire-phare/1.0.0/media/phare-reperes.webm`,
    );
    expect(() => catalog.resolve('../../etc/passwd')).toThrow(CatalogError);
  });

  it('says which module or version is unknown', async () => {
    const catalog = client();
    expect((await failure(catalog.package('inconnu'))).message).toBe('Unknown module in this catalog: inconnu');
    expect((await failure(catalog.package('enseigner-oral', '9.0.0'))).code).toBe('unknown_version');
  });
});

describe('a catalog that goes wrong', () => {
  const serve = (path: string, response: () => Response) => server.use(http.get(`${BASE}${path}`, response));
  const index = () => JSON.parse(readFileSync(join(built, 'index.json'), 'utf8')) as Record<string, unknown>;

  it('an HTTP error, and a failure that is not kept', async () => {
    serve('index.json', () => new HttpResponse('Oops', { status: 503 }));
    const catalog = client();
    const error = await failure(catalog.index());
    expect(error).toMatchObject({ code: 'http', status: 503, url: `${BASE}index.json` });
    expect(error.message).toBe(`The catalog answered 503 for ${BASE}index.json`);
    server.resetHandlers();
    expect((await catalog.index()).modules.length).toBeGreaterThan(0);
  });

  it('a network failure', async () => {
    serve('index.json', () => HttpResponse.error());
    expect((await failure(client().index())).code).toBe('network');
  });

  it('malformed JSON, or bytes that are not UTF-8', async () => {
    serve('index.json', () => new HttpResponse('{"format": "mag-catalog",'));
    expect((await failure(client().index())).code).toBe('invalid_json');
    serve('index.json', () => new HttpResponse(new Uint8Array([0x7b, 0xff, 0x7d])));
    expect((await failure(client().index())).code).toBe('invalid_json');
  });

  it('another format, or another format version', async () => {
    serve('index.json', () => HttpResponse.json({ ...index(), formatVersion: 2 }));
    const error = await failure(client({ locale: 'fr' }).index());
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toBe(
      `Format de catalogue non pris en charge (mag-catalog, version 2)\u00a0: ${BASE}index.json`,
    );
    serve('index.json', () => HttpResponse.json({ hello: 'world' }));
    expect((await failure(client().index())).code).toBe('unsupported_format');
  });

  it('a document that does not fit the schema, field by field (unknown fields ignored)', async () => {
    const broken = index() as { modules: Record<string, unknown>[]; extra?: string };
    broken.extra = 'a field of a newer catalog';
    broken.modules[1]!['durations'] = { distance: -1, inPerson: 0 };
    broken.modules[2]!['versions'] = [
      { version: '1.0.0', date: '2026-01-01', releaseNotes: 'x', package: '../../etc/passwd' },
    ];
    serve('index.json', () => HttpResponse.json(broken));
    const error = await failure(client().index());
    expect(error.code).toBe('invalid');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'modules[1].durations.distance',
      'modules[2].versions[0].package',
    ]);
    expect(error.message).toContain('modules[1].durations.distance: must be at least 0 (got -1)');
  });

  it('a package that is not the module or version it is listed as', async () => {
    serve(
      'modules/enseigner-oral/1.0.0/module.json',
      () => new HttpResponse(readFileSync(join(built, 'modules/ecole-inclusive/1.0.0/module.json'))),
    );
    expect((await failure(client().package('enseigner-oral'))).code).toBe('mismatch');
  });

  it('too large, announced or not', async () => {
    const catalog = createCatalogClient({ baseUrl: BASE, allowlist: ALLOW, limits: { indexBytes: 1000 } });
    expect((await failure(catalog.index())).code).toBe('too_large');
    serve(
      'index.json',
      () =>
        new HttpResponse(
          new ReadableStream({
            start(controller) {
              for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(100)));
              controller.close();
            },
          }),
        ),
    );
    expect((await failure(catalog.index())).code).toBe('too_large');
  });

  it('a redirection out of the allowed catalogs', async () => {
    server.use(
      http.get(`${BASE}index.json`, () => HttpResponse.redirect('https://evil.example/index.json', 302)),
      http.get('https://evil.example/index.json', () => HttpResponse.json(index())),
    );
    const error = await failure(client().index());
    expect(error).toMatchObject({ code: 'not_allowed', url: 'https://evil.example/index.json' });
  });
});
