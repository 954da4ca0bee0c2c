/** `/api/*`: the bridge endpoint, the current user, and the live event stream. */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import * as v from 'valibot';
import { parseOrThrow } from '../../../activities/src/bridge/protocol.js';
import { pickLocale } from '../pages/i18n.js';
import type { AppContext } from './context.js';
import { HttpError, checkJsonContentType, checkOrigin, notLoggedIn, sendApiError } from './http.js';
import { sseFrame } from './hub.js';

export const BRIDGE_BODY_LIMIT = 64 * 1024;
const MAX_STREAM_INSTANCES = 20;
const MAX_STREAMS_PER_USER = 10;
/** A subscriber with this much unsent data is dropped; it reconnects and resumes from its last id. */
const MAX_STREAM_BACKLOG = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const BridgeBody = v.object({
  subject: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  payload: v.optional(v.unknown()),
});

export function apiRoutes(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.setErrorHandler((err, request, reply) => sendApiError(err, request, reply));
    app.setNotFoundHandler((request, reply) =>
      sendApiError(new HttpError(404, 'bad_request', 'No such API endpoint.'), request, reply),
    );

    const requireUser: onRequestHookHandler = (request, _reply, done) => {
      done(request.user ? undefined : notLoggedIn());
    };
    // One hook rather than three: this is the hot path. CSRF first, then the session, then the limiter.
    const bridgeGuard: onRequestHookHandler = (request, _reply, done) => {
      try {
        checkOrigin(request, ctx.publicOrigin);
        checkJsonContentType(request);
        if (!request.user) throw notLoggedIn();
        const waitMs = ctx.limiter.take(request.user.id);
        if (waitMs > 0) {
          throw new HttpError(429, 'rate_limited', 'Too many requests; slow down.', {
            'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
          });
        }
        done();
      } catch (err) {
        done(err as Error);
      }
    };

    app.get('/me', { onRequest: requireUser }, async (request) => {
      const user = request.user!;
      return {
        user: { id: String(user.id), name: user.name },
        role: user.role,
        locale: pickLocale((request.query as { lang?: unknown }).lang, request.headers['accept-language']),
      };
    });

    app.post<{ Params: { instanceId: string } }>(
      '/bridge/:instanceId',
      { bodyLimit: BRIDGE_BODY_LIMIT, onRequest: bridgeGuard },
      async (request) => {
        const user = request.user!;
        const body = parseOrThrow(BridgeBody, request.body, 'body');
        const instance = ctx.instances.get(request.params.instanceId);
        if (!ctx.instances.canSee(user, instance)) {
          throw new HttpError(404, 'bad_request', 'Unknown activity instance.');
        }
        const handler = ctx.registry.handler(instance.type, body.subject);
        if (!handler) {
          throw new HttpError(404, 'unsupported_subject', `Subject not supported by ${instance.type}: ${body.subject}`);
        }
        if (handler.def.roles && !handler.def.roles.includes(user.role)) {
          throw new HttpError(403, 'unauthorized', `Your role may not call ${body.subject}.`);
        }
        const payload = parseOrThrow(handler.def.payload, body.payload ?? {}, 'payload');
        const result = await handler.handle(payload, {
          user,
          role: user.role,
          instance,
          writer: ctx.writer,
          db: ctx.db,
        });
        const checked = v.safeParse(handler.def.result, result);
        if (!checked.success) {
          request.log.error({ subject: body.subject, issues: checked.issues }, 'Handler returned an invalid result');
          throw new HttpError(500, 'internal', 'The host produced an invalid result.');
        }
        return { result: checked.output };
      },
    );

    const streamsPerUser = new Map<number, number>();
    const heartbeat = setInterval(() => ctx.hub.heartbeat(), HEARTBEAT_MS);
    heartbeat.unref();
    app.addHook('onClose', (_app, done) => {
      clearInterval(heartbeat);
      done();
    });

    app.get('/events', { onRequest: requireUser }, (request: FastifyRequest, reply: FastifyReply) => {
      const user = request.user!;
      const query = request.query as { instances?: unknown; lastEventId?: unknown };
      const ids = [
        ...new Set(
          String(query.instances ?? '')
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
        ),
      ];
      if (ids.length === 0 || ids.length > MAX_STREAM_INSTANCES) {
        throw new HttpError(400, 'bad_request', `instances must list 1 to ${MAX_STREAM_INSTANCES} instance ids.`);
      }
      for (const id of ids) {
        if (!ctx.instances.canSee(user, ctx.instances.get(id))) {
          throw new HttpError(404, 'bad_request', 'Unknown activity instance.');
        }
      }
      const lastEventId = parseLastEventId(request.headers['last-event-id'] ?? query.lastEventId);
      const open = streamsPerUser.get(user.id) ?? 0;
      if (open >= MAX_STREAMS_PER_USER) {
        throw new HttpError(429, 'rate_limited', 'Too many open event streams.', { 'retry-after': '10' });
      }

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      res.socket?.setNoDelay(true);
      // Replay and subscribe in the same tick: a commit cannot slip in between (SQLite work is synchronous).
      let chunk = 'retry: 2000\n\n';
      if (lastEventId !== null) {
        for (const event of ctx.eventLog.replay(ids, lastEventId)) chunk += sseFrame(event);
      }
      // An id-only block moves the client's Last-Event-ID forward, so a reconnect resumes from here.
      const afterId = ctx.eventLog.lastId();
      chunk += `id: ${afterId}\n\n`;
      res.write(chunk);
      streamsPerUser.set(user.id, open + 1);
      const unsubscribe = ctx.hub.subscribe({
        instances: new Set(ids),
        afterId,
        write: (text) => {
          if (res.writableEnded || res.destroyed) return false;
          res.write(text);
          return res.writableLength < MAX_STREAM_BACKLOG;
        },
        end: () => res.end(),
      });
      res.once('close', () => {
        unsubscribe();
        const count = (streamsPerUser.get(user.id) ?? 1) - 1;
        if (count > 0) streamsPerUser.set(user.id, count);
        else streamsPerUser.delete(user.id);
      });
    });
  };
}

function parseLastEventId(raw: unknown): number | null {
  if (raw === undefined || raw === '') return null;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) {
    throw new HttpError(400, 'bad_request', 'Last-Event-ID must be an event id.');
  }
  return Number(raw);
}
