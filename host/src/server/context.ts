import type { ActivityRegistry, Instances } from './activities.js';
import type { Auth } from './auth.js';
import type { Catalogs } from './catalogs.js';
import type { Config } from './config.js';
import type { Db } from './db.js';
import type { EventHub, EventLog } from './hub.js';
import type { RateLimiter } from './rate-limit.js';
import type { Writer } from './writer.js';

/** What the routes share. The origins are filled in once the server listens (the port may be random). */
export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly auth: Auth;
  readonly writer: Writer;
  readonly hub: EventHub;
  readonly eventLog: EventLog;
  readonly instances: Instances;
  readonly registry: ActivityRegistry;
  readonly limiter: RateLimiter;
  /** Sign-in attempts, per account and per client address: password guessing gets slow. */
  readonly loginLimits: { readonly account: RateLimiter; readonly address: RateLimiter };
  publicOrigin: string;
  frameOrigin: string;
  /** `Host` header value under which the frame origin is served. */
  frameHost: string;
  /** The module catalogs the administrator allowed (set once the origins are known). */
  catalogs: Catalogs | null;
}
