import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, jsonScript } from '../src/pages/html.js';
import { pickLocale } from '../src/pages/i18n.js';
import { addUsers, login, rawGet, startApp, tempDir } from './helpers.js';
import type { TestApp } from './helpers.js';

const HOSTILE_NAME = `Zoé "</script><script>alert(1)</script>" <img src=x onerror=alert(2)> & 'co'`;

let app: TestApp;
let assetsDir: string;
let trainee: string;
let hostile: string;

beforeAll(async () => {
  assetsDir = tempDir('mag-assets-');
  for (const file of ['mag-host.js', 'reference-host.js', 'mag-reactions.js']) {
    fs.writeFileSync(path.join(assetsDir, file), 'export {};\n');
  }
  fs.mkdirSync(path.join(assetsDir, 'chunks'));
  fs.writeFileSync(path.join(assetsDir, 'chunks', 'lit-CM3YFbwN.js'), 'export {};\n');
  app = await startApp({ MAG_ASSETS_DIR: assetsDir });
  await addUsers(app.dataDir, [{ username: 'hostile', name: HOSTILE_NAME, role: 'trainee' }]);
  [trainee, hostile] = await Promise.all([login(app, 'lucas.bernard'), login(app, 'hostile')]);
});
afterAll(() => app.close());

async function page(url: string, cookie?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}${url}`, {
    headers: { ...(cookie ? { cookie } : {}), ...headers },
    redirect: 'manual',
  });
  return { response, html: await response.text() };
}

function configOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="mag-host-config">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no page config');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

describe('navigation', () => {
  it('sends visitors to the login page and users to the course', async () => {
    expect((await page('/')).response.headers.get('location')).toBe('/login');
    expect((await page('/', trainee)).response.headers.get('location')).toBe('/course');
    expect((await page('/course')).response.headers.get('location')).toBe('/login');
    expect((await page('/course/frame')).response.headers.get('location')).toBe('/login');
  });

  it('serves the icon every page names, and sends /favicon.ico to it', async () => {
    const { html } = await page('/login');
    expect(html).toContain('<link rel="icon" href="/host/favicon.svg" type="image/svg+xml" />');
    const icon = await page('/host/favicon.svg');
    expect(icon.response.status).toBe(200);
    expect(icon.response.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.html).toMatch(/^<svg /);
    expect((await page('/favicon.ico')).response.headers.get('location')).toBe('/host/favicon.svg');
  });

  it('answers /healthz', async () => {
    const { response, html } = await page('/healthz');
    expect(response.status).toBe(200);
    expect(JSON.parse(html)).toMatchObject({ status: 'ok' });
  });
});

describe('login page', () => {
  it('is an accessible French form by default', async () => {
    const { response, html } = await page('/login');
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<label for="username">');
    expect(html).toContain('<label for="password">');
    expect(html).toContain('autocomplete="current-password"');
    expect(html).toContain('Se connecter');
  });

  it('speaks English when asked by ?lang= or Accept-Language', async () => {
    expect((await page('/login?lang=en')).html).toContain('<html lang="en">');
    const { html } = await page('/login', undefined, { 'accept-language': 'en-US,en;q=0.9,fr;q=0.8' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sign in');
  });

  it('escapes what was typed when it shows the form again', async () => {
    const response = await fetch(`${app.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: '"><script>alert(1)</script>', password: 'x' }).toString(),
    });
    const html = await response.text();
    expect(response.status).toBe(401);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});

describe('course page', () => {
  it('renders the hybrid course with the in-page activity, scripts and config', async () => {
    const { response, html } = await page('/course', trainee);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<h1>Enseigner avec le numérique</h1>');
    expect(html).toContain('Lucas Bernard');
    expect(html).toMatch(
      /<form method="post" action="\/logout"><button type="submit">Se déconnecter<\/button><\/form>/,
    );
    expect(html).toContain('Séance en présentiel');
    expect(html).toContain('Travail à distance');
    expect(html).toContain(
      '<mag-reactions instance="reactions-1" activity-title="Baromètre de la séance"></mag-reactions>',
    );
    expect(html).toContain('<script type="module" src="/assets/mag-host.js"></script>');
    expect(html).toContain('<script type="module" src="/assets/reference-host.js"></script>');
    expect(html).toContain('<script type="module" src="/assets/mag-reactions.js"></script>');
    expect(html).toContain('href="/course/frame"');
    expect(html).not.toContain('build:bundles');
    expect(configOf(html)).toEqual({
      user: { id: '2', name: 'Lucas Bernard' },
      role: 'trainee',
      locale: 'fr',
      frameOrigin: app.frameUrl,
      publicOrigin: app.publicOrigin,
      instances: [{ id: 'reactions-1', type: 'reactions' }],
    });
  });

  it('lists the course activities and shows each one on its own page, the word cloud included', async () => {
    const { html: first } = await page('/course', trainee);
    expect(first).toMatch(
      /<a href="\/course\/activity\/reactions-1"\s+aria-current="page">Baromètre de la séance<\/a>/,
    );
    expect(first).toContain('<a href="/course/activity/wordcloud-1"');
    const { response, html } = await page('/course/activity/wordcloud-1', trainee);
    expect(response.status).toBe(200);
    expect(html).toContain('<mag-wordcloud instance="wordcloud-1"');
    expect(html).toMatch(/<a href="\/course\/activity\/wordcloud-1"\s+aria-current="page">/);
    expect(configOf(html).instances).toEqual([{ id: 'wordcloud-1', type: 'wordcloud' }]);
    expect((await page('/course/activity/nothing-here', trainee)).response.status).toBe(404);
    expect((await page('/course/activity/%3Cscript%3E', trainee)).response.status).toBe(404);
  });

  it('is protected by a strict CSP', async () => {
    const { response } = await page('/course', trainee);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('escapes the display name everywhere, and the config cannot break out of its script', async () => {
    const { html } = await page('/course', hostile);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain(escapeHtml(HOSTILE_NAME));
    expect(html.match(/<\/script>/g)).toHaveLength(4); // the config block and three module scripts
    expect((configOf(html).user as { name: string }).name).toBe(HOSTILE_NAME);
  });

  it('is in English with ?lang=en and keeps the language in its links', async () => {
    const { html } = await page('/course?lang=en', trainee);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sign out');
    expect(html).toContain('href="/course/frame?lang=en"');
    expect(configOf(html).locale).toBe('en');
  });

  it('says to build the bundles when they are missing', async () => {
    const bare = await startApp({ MAG_ASSETS_DIR: path.join(tempDir(), 'missing') });
    try {
      const cookie = await login(bare, 'lucas.bernard');
      const html = await (await fetch(`${bare.url}/course`, { headers: { cookie } })).text();
      expect(html).toContain('npm run build:bundles');
      expect(html).not.toContain('src="/assets/');
      expect(html).toContain('<mag-reactions');
      expect((await fetch(`${bare.url}/assets/mag-host.js`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

describe('iframe course page', () => {
  it('hosts reactions-2 in an iframe served from the frame origin', async () => {
    const { response, html } = await page('/course/frame', trainee);
    expect(response.status).toBe(200);
    const iframe = /<iframe\b[^>]*>/.exec(html)?.[0] ?? '';
    expect(iframe).toContain(` src="${app.frameUrl}/frame/reactions/reactions-2"`);
    expect(iframe).toContain(' data-mag-instance="reactions-2"');
    expect(iframe).toMatch(/ title="[^"]*Baromètre du travail à distance"/);
    expect(html).not.toContain('/assets/mag-reactions.js');
    expect(response.headers.get('content-security-policy')).toContain(`frame-src ${app.frameUrl}`);
    expect(configOf(html).instances).toEqual([{ id: 'reactions-2', type: 'reactions' }]);
  });
});

describe('frame page', () => {
  const frameHost = () => new URL(app.frameUrl).host;

  it('carries the element, its parent origin and no user data, and may only be framed by the course', async () => {
    const { status, headers, body } = await rawGet(`${app.url}/frame/reactions/reactions-2`, { host: frameHost() });
    expect(status).toBe(200);
    expect(body).toMatch(new RegExp(`<meta name="mag-bridge-parent-origins" content="${app.publicOrigin}"\\s*/?>`));
    expect(body).toContain('<mag-reactions instance="reactions-2"></mag-reactions>');
    expect(body).toContain('<script type="module" src="/assets/mag-reactions.js"></script>');
    expect(body).not.toContain('mag-host-config');
    expect(headers['content-security-policy']).toContain(`frame-ancestors ${app.publicOrigin}`);
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('is served by the real frame origin', async () => {
    const response = await fetch(`${app.frameUrl}/frame/reactions/reactions-2`);
    expect(response.status).toBe(200);
  });

  it('is never served on the public origin, and the course never on the frame origin', async () => {
    expect((await rawGet(`${app.url}/frame/reactions/reactions-2`)).status).toBe(404);
    expect((await rawGet(`${app.url}/course`, { host: frameHost(), cookie: trainee })).status).toBe(404);
    expect((await rawGet(`${app.url}/api/me`, { host: frameHost(), cookie: trainee })).status).toBe(404);
    expect((await rawGet(`${app.url}/assets/mag-reactions.js`, { host: frameHost() })).status).toBe(200);
  });

  it('refuses unknown types and malformed instance ids', async () => {
    for (const url of ['/frame/unknown/q-1', '/frame/reactions/%3Cscript%3E', '/frame/REACTIONS/reactions-1']) {
      expect((await rawGet(`${app.url}${url}`, { host: frameHost() })).status).toBe(404);
    }
  });
});

describe('assets', () => {
  it('serves bundles with revalidation, hashed chunks as immutable', async () => {
    const entry = await fetch(`${app.url}/assets/mag-host.js`);
    expect(entry.status).toBe(200);
    expect(entry.headers.get('content-type')).toMatch(/javascript/);
    expect(entry.headers.get('cache-control')).toBe('no-cache');
    expect(entry.headers.get('etag')).toBeTruthy();
    const chunk = await fetch(`${app.url}/assets/chunks/lit-CM3YFbwN.js`);
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect([403, 404]).toContain((await rawGet(`${app.url}/assets/%2e%2e/package.json`)).status);
    expect([403, 404]).toContain((await rawGet(`${app.url}/assets/..%2f..%2fpackage.json`)).status);
  });
});

describe('helpers', () => {
  it('escapes HTML and JSON for script blocks', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const block = jsonScript('c', { s: '</script><!--\u2028' }).value;
    expect(block).toBe(
      '<script type="application/json" id="c">{"s":"\\u003c/script\\u003e\\u003c!--\\u2028"}</script>',
    );
  });

  it('picks the locale', () => {
    expect(pickLocale(undefined, undefined)).toBe('fr');
    expect(pickLocale('en', 'fr-FR')).toBe('en');
    expect(pickLocale('de', 'en')).toBe('en');
    expect(pickLocale(undefined, 'de-DE,en;q=0.5,fr;q=0.8')).toBe('fr');
    expect(pickLocale(undefined, 'en;q=0, fr;q=0.1')).toBe('fr');
    expect(pickLocale(undefined, '*')).toBe('fr');
  });
});
