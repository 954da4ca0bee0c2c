import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth, hashPassword, verifyPassword } from '../src/server/auth.js';
import { login, startApp, withDb } from './helpers.js';
import type { TestApp } from './helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.close());

describe('passwords', () => {
  it('hashes with a salt and verifies', async () => {
    const a = await hashPassword('magistere');
    const b = await hashPassword('magistere');
    expect(a).not.toBe(b);
    expect(await verifyPassword('magistere', a)).toBe(true);
    expect(await verifyPassword('Magistere', a)).toBe(false);
    expect(await verifyPassword('magistere', 'garbage')).toBe(false);
  });
});

describe('login', () => {
  it('opens a session with a safe cookie and redirects to /', async () => {
    const response = await fetch(`${app.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=lucas.bernard&password=magistere',
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mag_session='))!;
    expect(cookie).toMatch(/^mag_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Expires=/);
    expect(cookie).not.toMatch(/Secure/);

    // Only the token's hash is stored.
    const token = cookie.slice('mag_session='.length, cookie.indexOf(';'));
    const stored = withDb(app.dataDir, (db) => db.prepare<[], string>('SELECT token_hash FROM sessions').pluck().all());
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(token);
  });

  it('refuses a wrong password with 401 and the form again', async () => {
    const response = await fetch(`${app.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=lucas.bernard&password=wrong',
      redirect: 'manual',
    });
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('incorrect');
    expect(html).toContain('value="lucas.bernard"');
  });

  it('refuses an unknown user and answers JSON clients in JSON', async () => {
    const response = await fetch(`${app.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: 'magistere' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('refuses a login posted from another origin', async () => {
    const response = await fetch(`${app.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'username=lucas.bernard&password=magistere',
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe('/api/me', () => {
  it('says who is logged in, with the role from the session', async () => {
    const cookie = await login(app, 'claire.martin');
    const response = await fetch(`${app.url}/api/me?role=trainee`, {
      headers: { cookie, 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { id: '1', name: 'Claire Martin' }, role: 'trainer', locale: 'en' });
  });

  it('answers 401 without a session or with a forged one', async () => {
    for (const cookie of [undefined, 'mag_session=forged', 'mag_session=']) {
      const response = await fetch(`${app.url}/api/me`, { headers: cookie ? { cookie } : {} });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Not logged in.' } });
    }
  });

  it('ends the session on logout', async () => {
    const cookie = await login(app, 'emma.petit');
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    const response = await fetch(`${app.url}/logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login');
    expect(response.headers.getSetCookie()[0]).toMatch(/^mag_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('sessions', () => {
  it('expire after 12 hours', () => {
    withDb(app.dataDir, (db) => {
      const auth = new Auth(db);
      const now = Date.now();
      const { token, expiresAt } = auth.createSession(2, now);
      expect(expiresAt - now).toBe(12 * 60 * 60 * 1000);
      expect(auth.lookup(token, now + 1000)?.username).toBe('lucas.bernard');
      expect(auth.lookup(token, expiresAt + 1)).toBeNull();
      expect(new Auth(db).lookup(token, expiresAt + 1)).toBeNull();
    });
  });
});

describe('https public origin', () => {
  it('marks the cookie Secure', async () => {
    const secure = await startApp({ MAG_PUBLIC_ORIGIN: 'https://formation.example.fr' });
    try {
      const response = await fetch(`${secure.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'claire.martin', password: 'magistere' }),
        redirect: 'manual',
      });
      expect(response.headers.getSetCookie()[0]).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });
});

describe('login throttling', () => {
  it('slows password guessing on one account, without locking out the others', async () => {
    const own = await startApp();
    try {
      const attempt = (username: string, password: string, json = false) =>
        fetch(`${own.url}/login`, {
          method: 'POST',
          headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
          body: json ? JSON.stringify({ username, password }) : `username=${username}&password=${password}`,
          redirect: 'manual',
        });
      for (let i = 0; i < 10; i++) expect((await attempt('emma.petit', `guess-${i}`)).status).toBe(401);
      const throttled = await attempt('emma.petit', 'magistere');
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await throttled.text()).toContain('Trop de tentatives');
      const json = await attempt('Emma.Petit', 'magistere', true);
      expect(json.status).toBe(429);
      expect(((await json.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      // Another account from the same address still signs in.
      expect((await attempt('hugo.dubois', 'magistere')).status).toBe(303);
    } finally {
      await own.close();
    }
  });
});
