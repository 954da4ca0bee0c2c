/**
 * Server configuration, read from `MAG_*` environment variables. Every value is validated here so that a
 * typo fails at start with a message naming the variable, not later with a strange behaviour.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeBaseUrl } from '../../../module-activity/src/catalog/client.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Config {
  /** 0 picks a random free port. */
  readonly port: number;
  readonly listen: string;
  readonly dataDir: string;
  /** `null` means `http://127.0.0.1:<actual port>`, known only once listening. */
  readonly publicOrigin: string | null;
  /** `null` means `http://localhost:<actual port>`: the same server under another host name. */
  readonly frameOrigin: string | null;
  /** Bridge requests allowed per user per 10 seconds. */
  readonly rateLimit: number;
  readonly assetsDir: string;
  readonly log: boolean;
  /**
   * The module catalogs trainers may browse and add from, in order: base URLs (the folder of a catalog's
   * `index.json`; `https:`, or `http:` on localhost) and `sample`, the sample catalog this host builds and serves on
   * its frame origin under `/catalog/sample/`. Nothing else is ever fetched.
   */
  readonly catalogs: readonly string[];
}

/** The allowlist entry that stands for the host's own sample catalog. */
export const SAMPLE_CATALOG = 'sample';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'MAG_PORT', 3000, 0, 65535);
  const listen = nonEmpty(env, 'MAG_LISTEN', '127.0.0.1');
  const publicOrigin = origin(env, 'MAG_PUBLIC_ORIGIN');
  const frameOrigin = origin(env, 'MAG_FRAME_ORIGIN');
  if (publicOrigin !== null && publicOrigin === frameOrigin) {
    throw new ConfigError(
      'MAG_FRAME_ORIGIN must differ from MAG_PUBLIC_ORIGIN: activity frames need their own origin to be isolated.',
    );
  }
  return {
    port,
    listen,
    dataDir: path.resolve(nonEmpty(env, 'MAG_DATA_DIR', path.join(REPO_ROOT, 'data'))),
    publicOrigin,
    frameOrigin,
    rateLimit: integer(env, 'MAG_RATE_LIMIT', 100, 1, 1_000_000_000),
    assetsDir: path.resolve(nonEmpty(env, 'MAG_ASSETS_DIR', path.join(REPO_ROOT, 'dist', 'bundles'))),
    log: flag(env, 'MAG_LOG'),
    catalogs: catalogList(env, 'MAG_CATALOGS'),
  };
}

/** The origins once the real port is known (it differs from `config.port` when that is 0). */
export function resolveOrigins(config: Config, actualPort: number): { publicOrigin: string; frameOrigin: string } {
  const publicOrigin = config.publicOrigin ?? `http://127.0.0.1:${actualPort}`;
  const frameOrigin = config.frameOrigin ?? `http://localhost:${actualPort}`;
  if (publicOrigin === frameOrigin) {
    throw new ConfigError('The frame origin resolves to the public origin; set MAG_FRAME_ORIGIN to another host name.');
  }
  return { publicOrigin, frameOrigin };
}

function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  return raw(env, name) ?? fallback;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${value}".`);
  }
  return Number(value);
}

function flag(env: Env, name: string): boolean {
  const value = raw(env, name);
  if (value === undefined || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0, got "${value}".`);
}

function catalogList(env: Env, name: string): string[] {
  const value = raw(env, name);
  if (value === undefined) return [SAMPLE_CATALOG];
  const entries = value.split(/[\s,]+/).filter(Boolean);
  const list: string[] = [];
  for (const entry of entries) {
    if (entry === SAMPLE_CATALOG) {
      list.push(entry);
      continue;
    }
    const base = normalizeBaseUrl(entry);
    if (!base) {
      throw new ConfigError(
        `${name} lists catalog base URLs (https://…, or http:// on localhost, without credentials, query or fragment) or "${SAMPLE_CATALOG}", got "${entry}".`,
      );
    }
    list.push(base.href);
  }
  if (list.length > 20) throw new ConfigError(`${name} may list at most 20 catalogs.`);
  return [...new Set(list)];
}

function origin(env: Env, name: string): string | null {
  const value = raw(env, name);
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an origin such as https://formation.example.fr, got "${value}".`);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare || value.includes('?') || value.includes('#')) {
    throw new ConfigError(`${name} must be an http(s) origin without path, query or credentials, got "${value}".`);
  }
  return url.origin;
}
