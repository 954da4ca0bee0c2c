import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, REPO_ROOT, loadConfig, resolveOrigins } from '../src/server/config.js';

describe('config', () => {
  it('has defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      listen: '127.0.0.1',
      dataDir: path.join(REPO_ROOT, 'data'),
      assetsDir: path.join(REPO_ROOT, 'dist', 'bundles'),
      publicOrigin: null,
      frameOrigin: null,
      rateLimit: 100,
      log: false,
      catalogs: ['sample'],
    });
    expect(resolveOrigins(config, 4321)).toEqual({
      publicOrigin: 'http://127.0.0.1:4321',
      frameOrigin: 'http://localhost:4321',
    });
  });

  it('reads the environment', () => {
    const config = loadConfig({
      MAG_PORT: '0',
      MAG_PUBLIC_ORIGIN: 'https://formation.example.fr/',
      MAG_FRAME_ORIGIN: 'https://activites.example.fr',
      MAG_RATE_LIMIT: '250',
      MAG_LOG: '1',
    });
    expect(config).toMatchObject({
      port: 0,
      publicOrigin: 'https://formation.example.fr',
      frameOrigin: 'https://activites.example.fr',
      rateLimit: 250,
      log: true,
    });
  });

  it('reads the allowed module catalogs, in order, as canonical base URLs', () => {
    const config = loadConfig({
      MAG_CATALOGS: 'https://catalogue.example.fr/magistere, sample http://localhost:8080/cat/ sample',
    });
    expect(config.catalogs).toEqual([
      'https://catalogue.example.fr/magistere/',
      'sample',
      'http://localhost:8080/cat/',
    ]);
  });

  it.each([
    [{ MAG_PORT: 'abc' }, /MAG_PORT/],
    [{ MAG_PORT: '70000' }, /MAG_PORT/],
    [{ MAG_RATE_LIMIT: '0' }, /MAG_RATE_LIMIT/],
    [{ MAG_RATE_LIMIT: '-5' }, /MAG_RATE_LIMIT/],
    [{ MAG_PUBLIC_ORIGIN: 'formation.example.fr' }, /MAG_PUBLIC_ORIGIN/],
    [{ MAG_PUBLIC_ORIGIN: 'https://formation.example.fr/moodle' }, /MAG_PUBLIC_ORIGIN/],
    [{ MAG_FRAME_ORIGIN: 'ftp://example.fr' }, /MAG_FRAME_ORIGIN/],
    [{ MAG_LOG: 'yes' }, /MAG_LOG/],
    [{ MAG_PUBLIC_ORIGIN: 'https://a.example.fr', MAG_FRAME_ORIGIN: 'https://a.example.fr' }, /differ/],
    [{ MAG_CATALOGS: 'http://catalogue.example.fr/' }, /MAG_CATALOGS/],
    [{ MAG_CATALOGS: 'https://user:secret@catalogue.example.fr/' }, /MAG_CATALOGS/],
    [{ MAG_CATALOGS: 'sample javascript:alert(1)' }, /MAG_CATALOGS/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
