/**
 * Passwords (scrypt) and sessions (random token in a cookie, only its SHA-256 stored).
 * The role of a request always comes from here, never from the request itself.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { Role } from '../../../activities/src/bridge/protocol.js';
import type { Db } from './db.js';

export const SESSION_COOKIE = 'mag_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly role: Role;
}

// N = 2^14, r = 8: scrypt's "interactive login" setting, ~16 MiB and tens of ms per hash. The
// parameters are stored with each hash, so raising them later keeps old hashes verifiable.
const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...SCRYPT, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
}

function toSessionUser(row: Omit<UserRow, 'password_hash'>): SessionUser {
  return { id: row.id, username: row.username, name: row.display_name, role: row.role };
}

/** The value of one cookie from a `Cookie` header (our token needs no decoding). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

interface CacheEntry {
  user: SessionUser;
  expiresAt: number;
}

export class Auth {
  readonly #cacheSize: number;
  // token → user, so that the hot path needs no hashing (the database only ever sees the hash).
  // Bounded: past `cacheSize`, the oldest entry goes (a miss only costs one indexed query).
  readonly #cache = new Map<string, CacheEntry>();
  // Verified against when the username is unknown, so that both cases take the same time.
  #dummyHash: Promise<string> | undefined;
  readonly #byUsername;
  readonly #bySession;
  readonly #insertSession;
  readonly #deleteSession;
  readonly #purge;

  constructor(db: Db, options: { cacheSize?: number } = {}) {
    this.#cacheSize = options.cacheSize ?? 10_000;
    this.#byUsername = db.prepare<[string], UserRow>(
      'SELECT id, username, display_name, role, password_hash FROM users WHERE username = ?',
    );
    this.#bySession = db.prepare<[string, number], UserRow & { expires_at: number }>(
      `SELECT u.id, u.username, u.display_name, u.role, s.expires_at FROM sessions s
         JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`,
    );
    this.#insertSession = db.prepare<[string, number, number]>(
      'INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)',
    );
    this.#deleteSession = db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?');
    this.#purge = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');
  }

  /** The user for these credentials, or null. */
  async authenticate(username: string, password: string): Promise<SessionUser | null> {
    const row = this.#byUsername.get(username.trim().toLowerCase());
    if (!row) {
      await verifyPassword(password, await (this.#dummyHash ??= hashPassword('not a password')));
      return null;
    }
    return (await verifyPassword(password, row.password_hash)) ? toSessionUser(row) : null;
  }

  createSession(userId: number, now = Date.now()): { token: string; expiresAt: number } {
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = now + SESSION_TTL_MS;
    this.#insertSession.run(hashToken(token), userId, expiresAt);
    return { token, expiresAt };
  }

  /** The user of a session token; served from memory after the first look-up. */
  lookup(token: string | undefined, now = Date.now()): SessionUser | null {
    if (!token || token.length > 100) return null;
    const cached = this.#cache.get(token);
    if (cached) {
      if (cached.expiresAt > now) return cached.user;
      this.#cache.delete(token);
      return null;
    }
    const row = this.#bySession.get(hashToken(token), now);
    if (!row) return null;
    const user = toSessionUser(row);
    this.#cache.set(token, { user, expiresAt: row.expires_at });
    if (this.#cache.size > this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
    return user;
  }

  destroySession(token: string | undefined): void {
    if (!token) return;
    this.#cache.delete(token);
    this.#deleteSession.run(hashToken(token));
  }

  purgeExpired(now = Date.now()): number {
    for (const [token, entry] of this.#cache) if (entry.expiresAt <= now) this.#cache.delete(token);
    return this.#purge.run(now).changes;
  }
}
