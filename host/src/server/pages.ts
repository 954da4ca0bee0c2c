/** The HTML pages: login, the sample course (in-page and iframe variants) and the activity frame page. */
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { isLocale, pickLocale } from '../pages/i18n.js';
import type { Locale } from '../pages/i18n.js';
import {
  FAVICON,
  FAVICON_SVG,
  HOST_SCRIPTS,
  coursePage,
  elementScript,
  framePage,
  loginPage,
} from '../pages/templates.js';
import type { PageConfig } from '../pages/templates.js';
import type { ActivityInstance } from './activities.js';
import { SESSION_COOKIE, readCookie } from './auth.js';
import type { AppContext } from './context.js';
import { contentSecurityPolicy, checkOrigin } from './http.js';
import { DEMO_COURSE } from './seed.js';

const STYLES = fs.readFileSync(new URL('../pages/styles.css', import.meta.url), 'utf8');
const FORM_BODY_LIMIT = 16 * 1024;
const INSTANCE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const TYPE_NAME = /^[a-z][a-z0-9-]{0,40}$/;
const STEP_ID = /^[A-Za-z0-9_-]{1,64}$/;

const LoginBody = v.object({
  username: v.pipe(v.string(), v.maxLength(100)),
  password: v.pipe(v.string(), v.maxLength(200)),
});

interface LangQuery {
  lang?: unknown;
}

function locales(request: FastifyRequest): { locale: Locale; explicitLang: Locale | undefined } {
  const lang = (request.query as LangQuery).lang;
  return {
    locale: pickLocale(lang, request.headers['accept-language']),
    explicitLang: typeof lang === 'string' && isLocale(lang) ? lang : undefined,
  };
}

/** `?step=<id>` on a module activity's page: the step `<mag-module>` opens in its player (a link of the timeline). */
function stepOf(request: FastifyRequest, type: string): { step?: string } {
  const step = (request.query as { step?: unknown }).step;
  return type === 'module' && typeof step === 'string' && STEP_ID.test(step) ? { step } : {};
}

/** The page of one activity of the sample course, shown in the page itself. */
function activityPath(id: string): string {
  return `/course/activity/${encodeURIComponent(id)}`;
}

function withLang(target: string, lang: Locale | undefined): string {
  return lang ? `${target}?lang=${lang}` : target;
}

export function pageRoutes(ctx: AppContext) {
  const secureCookie = () => ctx.publicOrigin.startsWith('https:');
  const pageCsp = (frameSrc?: string) =>
    contentSecurityPolicy({ frameAncestors: "'none'", ...(frameSrc ? { frameSrc } : {}) });

  function sendHtml(reply: FastifyReply, body: string, csp: string, status = 200): FastifyReply {
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', csp)
      .header('cache-control', 'no-store')
      .send(body);
  }

  const assetsBuilt = (type: string) =>
    [...HOST_SCRIPTS, elementScript(type)].every((src) =>
      fs.existsSync(path.join(ctx.config.assetsDir, path.basename(src))),
    );

  function pageConfig(request: FastifyRequest, locale: Locale, instances: ActivityInstance[]): PageConfig {
    const user = request.user!;
    return {
      user: { id: String(user.id), name: user.name },
      role: user.role,
      locale,
      frameOrigin: ctx.frameOrigin,
      publicOrigin: ctx.publicOrigin,
      instances: instances.map((instance) => ({ id: instance.id, type: instance.type })),
    };
  }

  function courseTitle(): string {
    return (
      ctx.db.prepare<[string], string>('SELECT title FROM courses WHERE id = ?').pluck().get(DEMO_COURSE.id) ??
      DEMO_COURSE.title
    );
  }

  return async (app: FastifyInstance): Promise<void> => {
    // Registered here, not globally: only these routes set cookies, and its onSend hook is not free.
    await app.register(fastifyCookie, { hook: false });
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    app.get('/', async (request, reply) => {
      const { explicitLang } = locales(request);
      return reply.redirect(withLang(request.user ? '/course' : '/login', explicitLang), 303);
    });

    // The icon browsers ask for on every page (served from the frame origin too, under /host/).
    app.get(FAVICON, async (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG),
    );
    app.get('/favicon.ico', async (_request, reply) => reply.redirect(FAVICON, 301));

    app.get('/host/styles.css', async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(STYLES),
    );

    app.get('/login', async (request, reply) => {
      const { locale, explicitLang } = locales(request);
      if (request.user) return reply.redirect(withLang('/course', explicitLang), 303);
      return sendHtml(reply, loginPage({ locale, ...(explicitLang ? { explicitLang } : {}) }), pageCsp());
    });

    app.post('/login', { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
      checkOrigin(request, ctx.publicOrigin);
      const { locale, explicitLang } = locales(request);
      const form = v.safeParse(LoginBody, request.body);
      const wantsJson = request.headers['content-type']?.startsWith('application/json') ?? false;
      // Every attempt costs a token of the account's bucket and one of the client address's.
      const account = form.success ? form.output.username.toLowerCase() : '';
      const waitMs = Math.max(ctx.loginLimits.account.take(account), ctx.loginLimits.address.take(request.ip));
      if (waitMs > 0) {
        const retry = String(Math.max(1, Math.ceil(waitMs / 1000)));
        if (wantsJson) {
          return reply
            .code(429)
            .header('retry-after', retry)
            .send({ error: { code: 'rate_limited', message: 'Too many sign-in attempts.' } });
        }
        const username = form.success ? form.output.username : '';
        const view = { locale, error: 'throttled' as const, username, ...(explicitLang ? { explicitLang } : {}) };
        return sendHtml(reply.header('retry-after', retry), loginPage(view), pageCsp(), 429);
      }
      const user = form.success ? await ctx.auth.authenticate(form.output.username, form.output.password) : null;
      if (!user) {
        if (wantsJson) {
          return reply.code(401).send({ error: { code: 'unauthorized', message: 'Wrong username or password.' } });
        }
        const username = form.success ? form.output.username : '';
        const view = { locale, error: true, username, ...(explicitLang ? { explicitLang } : {}) };
        return sendHtml(reply, loginPage(view), pageCsp(), 401);
      }
      ctx.auth.destroySession(readCookie(request.headers.cookie, SESSION_COOKIE));
      const session = ctx.auth.createSession(user.id);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: secureCookie(),
        expires: new Date(session.expiresAt),
      });
      return reply.redirect(withLang('/', explicitLang), 303);
    });

    app.post('/logout', async (request, reply) => {
      checkOrigin(request, ctx.publicOrigin);
      ctx.auth.destroySession(readCookie(request.headers.cookie, SESSION_COOKIE));
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie() });
      return reply.redirect('/login', 303);
    });

    /** The sample course, hosting one activity in the page itself or in an iframe from the frame origin. */
    async function course(
      request: FastifyRequest,
      reply: FastifyReply,
      kind: 'inline' | 'frame',
      instanceId: string,
      path: string,
    ) {
      const { locale, explicitLang } = locales(request);
      if (!request.user) return reply.redirect(withLang('/login', explicitLang), 303);
      const instances = ctx.instances.ofCourse(DEMO_COURSE.id);
      const instance = instances.find((i) => i.id === instanceId) ?? instances[0];
      if (!instance) return reply.code(404).type('text/plain; charset=utf-8').send('No activity in this course.');
      const { id, type, title } = instance;
      const activities = instances.map((i) => ({
        id: i.id,
        title: i.title,
        href: withLang(activityPath(i.id), explicitLang),
      }));
      const src = `${ctx.frameOrigin}/frame/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
      const body = coursePage({
        locale,
        ...(explicitLang ? { explicitLang } : {}),
        config: pageConfig(request, locale, [instance]),
        courseTitle: courseTitle(),
        assetsBuilt: assetsBuilt(type),
        activity:
          kind === 'inline' ? { kind, id, type, title, ...stepOf(request, type) } : { kind, id, type, title, src },
        activities,
        path,
      });
      return sendHtml(
        reply,
        body,
        type === 'module' ? moduleCsp() : pageCsp(kind === 'frame' ? ctx.frameOrigin : undefined),
      );
    }

    /**
     * `<mag-module>` plays H5P content in sandboxed frames of the frame origin, and shows the images and videos of
     * the allowed catalogs (pages may also show images from any https: site, as the sanitiser allows).
     */
    function moduleCsp(): string {
      const catalogOrigins = [
        ...new Set([ctx.frameOrigin, ...(ctx.catalogs?.bases ?? []).map((base) => new URL(base).origin)]),
      ].join(' ');
      return contentSecurityPolicy({
        frameAncestors: "'none'",
        frameSrc: ctx.frameOrigin,
        imgSrc: `https: ${catalogOrigins}`,
        mediaSrc: `https: ${catalogOrigins}`,
      });
    }

    app.get('/course', (request, reply) => course(request, reply, 'inline', 'reactions-1', '/course'));
    app.get<{ Params: { instance: string } }>('/course/activity/:instance', (request, reply) => {
      const { instance } = request.params;
      const known = INSTANCE_ID.test(instance) && ctx.instances.ofCourse(DEMO_COURSE.id).some((i) => i.id === instance);
      if (!known) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      return course(request, reply, 'inline', instance, activityPath(instance));
    });
    app.get('/course/frame', (request, reply) => course(request, reply, 'frame', 'reactions-2', '/course/frame'));

    app.get<{ Params: { type: string; instance: string } }>('/frame/:type/:instance', async (request, reply) => {
      const { type, instance } = request.params;
      if (!TYPE_NAME.test(type) || !ctx.registry.has(type) || !INSTANCE_ID.test(instance)) {
        return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      }
      const { locale } = locales(request);
      const body = framePage({ locale, type, instance, publicOrigin: ctx.publicOrigin });
      return sendHtml(reply, body, contentSecurityPolicy({ frameAncestors: ctx.publicOrigin }));
    });

    app.get('/healthz', async (_request, reply) => {
      ctx.db.prepare('SELECT 1').get();
      return reply.header('cache-control', 'no-store').send({ status: 'ok', subscribers: ctx.hub.size });
    });
  };
}
