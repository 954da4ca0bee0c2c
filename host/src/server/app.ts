/** Builds and starts the reference host: storage, group-commit writer, event hub, routes. */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Instances, defaultRegistry, registerActivityType } from './activities.js';
import type { ActivityRegistry } from './activities.js';
import { apiRoutes } from './api.js';
import { Auth, SESSION_COOKIE, readCookie } from './auth.js';
import { Catalogs, catalogRoutes, sampleDirOf } from './catalogs.js';
import { startCheckpointer } from './checkpointer.js';
import { resolveOrigins } from './config.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { databaseFile, openDatabase, walSync } from './db.js';
import { toApiError } from './http.js';
import { EventHub, EventLog } from './hub.js';
import { catalogChoices, configureModules, moduleActivity, moduleInstancesOf } from './module.js';
import { pageRoutes } from './pages.js';
import { programmeActivity, setModulePlayerPage, setProgrammeCatalog } from './programme.js';
import { quizActivity } from './quiz.js';
import { RateLimiter } from './rate-limit.js';
import { reactionsActivity } from './reactions.js';
import { seedIfEmpty } from './seed.js';
import { wordcloudActivity } from './wordcloud.js';
import { Writer } from './writer.js';

export interface RunningApp {
  /** Where the server listens, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  readonly publicOrigin: string;
  /** The origin that serves activity frames. */
  readonly frameUrl: string;
  close(): Promise<void>;
}

export interface AppOptions {
  /**
   * Activity types to serve; by default those given to `registerActivityType` (`reactions`, `wordcloud`,
   * `programme`, `quiz` and `module` are built in).
   */
  registry?: ActivityRegistry;
}

if (!defaultRegistry.has(reactionsActivity.type)) registerActivityType(reactionsActivity);
if (!defaultRegistry.has(wordcloudActivity.type)) registerActivityType(wordcloudActivity);
if (!defaultRegistry.has(programmeActivity.type)) registerActivityType(programmeActivity);
if (!defaultRegistry.has(quizActivity.type)) registerActivityType(quizActivity);
if (!defaultRegistry.has(moduleActivity.type)) registerActivityType(moduleActivity);

/** Paths served on the frame origin; everything else there is refused, and frames only live there. */
const FRAME_HOST_PATHS = /^\/(frame|assets|host|catalog|h5p)\/|^\/healthz(\?|$)/;
const HOUR = 60 * 60 * 1000;
const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};
const HASHED_ASSET = /-[A-Za-z0-9_-]{8,}\.(js|css|mjs)$/;

function refuseMalformedUrl(request: FastifyRequest, reply: FastifyReply): void {
  const message = 'Malformed URL.';
  void reply.code(400).headers(BASE_HEADERS);
  if (request.url.startsWith('/api/')) void reply.send({ error: { code: 'bad_request', message } });
  else void reply.type('text/plain; charset=utf-8').send(message);
}

/** Sign-in attempts allowed per minute (bursts up to this, then the average rate). */
export const LOGIN_ATTEMPTS_PER_MINUTE = { account: 10, address: 60 } as const;

export async function createApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const db = openDatabase(config.dataDir);
  try {
    await seedIfEmpty(db);
  } catch (err) {
    db.close();
    throw err;
  }
  // Checkpoints happen off the HTTP thread (see checkpointer.ts); this threshold is only a fallback.
  db.pragma('wal_autocheckpoint = 20000');
  const hub = new EventHub();
  const app = Fastify({
    logger: config.log,
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
    // Malformed or oversized URLs are refused before routing: answer them like any other bad request.
    frameworkErrors: (_err, request, reply) => refuseMalformedUrl(request, reply as FastifyReply),
  });
  const checkpointer = startCheckpointer(databaseFile(config.dataDir), {
    onError: (message) => app.log.warn({ message }, 'WAL checkpoint failed'),
  });
  const writer = new Writer(db, {
    onPublish: (events) => hub.publish(events),
    onError: (err) => app.log.error({ err }, 'Batch commit failed'),
    sync: walSync(config.dataDir),
  });
  const ctx: AppContext = {
    config,
    db,
    auth: new Auth(db),
    writer,
    hub,
    eventLog: new EventLog(db),
    instances: new Instances(db),
    registry: options.registry ?? defaultRegistry,
    limiter: new RateLimiter(config.rateLimit),
    loginLimits: {
      account: new RateLimiter(LOGIN_ATTEMPTS_PER_MINUTE.account, 60_000),
      address: new RateLimiter(LOGIN_ATTEMPTS_PER_MINUTE.address, 60_000),
    },
    publicOrigin: '',
    frameOrigin: '',
    frameHost: '',
    catalogs: null,
  };

  app.decorateRequest('user', null);
  // The only global hook, kept cheap: it runs for every request, including the hot bridge path.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(BASE_HEADERS); // pages replace the CSP with their own
    const onFrameHost = request.host === ctx.frameHost;
    const allowed = onFrameHost ? FRAME_HOST_PATHS.test(request.url) : !request.url.startsWith('/frame/');
    if (!allowed) {
      void reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      return;
    }
    request.user = onFrameHost ? null : ctx.auth.lookup(readCookie(request.headers.cookie, SESSION_COOKIE));
    done();
  });
  app.setErrorHandler((err, request, reply) => {
    const error = toApiError(err);
    if (error.status >= 500) request.log.error({ err }, 'Request failed');
    void reply.code(error.status).type('text/plain; charset=utf-8').send(error.message);
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).type('text/plain; charset=utf-8').send('Not found');
  });

  await app.register(fastifyStatic, {
    root: path.resolve(config.assetsDir),
    prefix: '/assets/',
    decorateReply: false,
    cacheControl: false,
    setHeaders: (res, file) => {
      // Entry points keep their names across builds: revalidate. Hashed chunks never change: cache for long.
      res.setHeader('cache-control', HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  await app.register(catalogRoutes(ctx));
  await app.register(pageRoutes(ctx));
  await app.register(apiRoutes(ctx), { prefix: '/api' });

  const purge = setInterval(() => {
    ctx.auth.purgeExpired();
    ctx.limiter.sweep();
    ctx.loginLimits.account.sweep();
    ctx.loginLimits.address.sweep();
  }, HOUR);
  purge.unref();

  try {
    await app.listen({ port: config.port, host: config.listen });
  } catch (err) {
    clearInterval(purge);
    await writer.close();
    await checkpointer.stop();
    db.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const origins = resolveOrigins(config, port);
  ctx.publicOrigin = origins.publicOrigin;
  ctx.frameOrigin = origins.frameOrigin;
  ctx.frameHost = new URL(origins.frameOrigin).host;
  // The catalogs know the frame origin, where the sample is served: they are set up once it is known.
  const catalogs = new Catalogs({
    allowed: config.catalogs,
    frameOrigin: origins.frameOrigin,
    sampleDir: sampleDirOf(config),
  });
  ctx.catalogs = catalogs;
  configureModules(db, { catalogs, frameOrigin: origins.frameOrigin });
  setProgrammeCatalog(() => catalogChoices(catalogs), db);
  // The timeline links module steps to the course page of the module activity that plays them.
  setModulePlayerPage((programme) => {
    const [moduleId] = moduleInstancesOf(db, programme);
    return moduleId ? `/course/activity/${encodeURIComponent(moduleId)}` : undefined;
  }, db);
  const listenHost = config.listen.includes(':') ? `[${config.listen}]` : config.listen;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost}:${port}`,
    publicOrigin: origins.publicOrigin,
    frameUrl: origins.frameOrigin,
    close: () =>
      (closing ??= (async () => {
        clearInterval(purge);
        // SSE streams never end by themselves; end them so that closing the server does not wait forever.
        hub.closeAll();
        // Stops accepting and lets in-flight requests (awaiting the writer) finish. Their keep-alive
        // connections only become idle afterwards, so keep reaping idle ones until the server is closed.
        const closed = app.close();
        const reaper = setInterval(() => app.server.closeIdleConnections(), 25);
        const deadline = setTimeout(() => app.server.closeAllConnections(), 5000);
        await closed.finally(() => {
          clearInterval(reaper);
          clearTimeout(deadline);
        });
        await writer.close();
        await checkpointer.stop();
        db.close(); // the last connection to close checkpoints the WAL into the database
      })()),
  };
}
