/** Server-rendered pages of the reference host. */
import type { Role } from '../../../activities/src/bridge/protocol.js';
import { html, jsonScript } from './html.js';
import type { SafeHtml } from './html.js';
import { MESSAGES } from './i18n.js';
import type { Locale } from './i18n.js';

/** The host SDK (a library) and the reference host's page glue that starts it (host/src/browser/). */
export const HOST_SCRIPTS = ['/assets/mag-host.js', '/assets/reference-host.js'] as const;
export const STYLESHEET = '/host/styles.css';
export const FAVICON = '/host/favicon.svg';
/** A white "M" on the DSFR's blue (contrast 15:1). */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#000091"/>' +
  '<path d="M7 24V8h4l5 8 5-8h4v16h-4V15l-5 7.5-5-7.5v9z" fill="#fff"/></svg>';
export const elementScript = (type: string): string => `/assets/mag-${type}.js`;

/** What the host SDK reads from `#mag-host-config`. */
export interface PageConfig {
  user: { id: string; name: string };
  role: Role;
  locale: Locale;
  frameOrigin: string;
  publicOrigin: string;
  instances: { id: string; type: string }[];
}

interface PageParts {
  locale: Locale;
  title: string;
  head?: SafeHtml[];
  body: SafeHtml;
  bodyClass?: string;
}

function page({ locale, title, head = [], body, bodyClass }: PageParts): string {
  return `<!doctype html>\n${html`<html lang="${locale}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title}</title>
      <link rel="stylesheet" href="${STYLESHEET}" />
      <link rel="icon" href="${FAVICON}" type="image/svg+xml" />
      ${head}
    </head>
    <body class="${bodyClass ?? ''}">
      ${body}
    </body>
  </html>`}\n`;
}

/** `/path?lang=xx`: links keep an explicitly chosen language. */
function withLang(path: string, lang: Locale | undefined): string {
  return lang ? `${path}?lang=${lang}` : path;
}

function languageSwitch(locale: Locale, path: string): SafeHtml {
  const t = MESSAGES[locale];
  return html`<a
    class="lang"
    href="${withLang(path, t.otherLanguageCode as Locale)}"
    lang="${t.otherLanguageCode}"
    hreflang="${t.otherLanguageCode}"
    >${t.otherLanguage}</a
  >`;
}

export interface LoginView {
  locale: Locale;
  explicitLang?: Locale;
  /** `true`: wrong credentials; `'throttled'`: too many attempts. */
  error?: boolean | 'throttled';
  username?: string;
}

export function loginPage({ locale, explicitLang, error, username = '' }: LoginView): string {
  const t = MESSAGES[locale];
  return page({
    locale,
    title: `${t.loginTitle} · ${t.siteName}`,
    bodyClass: 'login',
    body: html`<main id="content" class="card">
      <div class="topline"><span class="brand">${t.siteName}</span>${languageSwitch(locale, '/login')}</div>
      <h1>${t.loginTitle}</h1>
      <p>${t.loginIntro}</p>
      ${
        error
          ? html`<p class="error" role="alert" id="login-error">
              ${error === 'throttled' ? t.loginThrottled : t.loginError}
            </p>`
          : ''
      }
      <form
        method="post"
        action="${withLang('/login', explicitLang)}"
        ${error ? html`aria-describedby="login-error"` : ''}
      >
        <label for="username">${t.username}</label>
        <input
          id="username"
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck="false"
          required
          maxlength="100"
          value="${username}"
          ${error ? html`aria-invalid="true"` : ''}
        />
        <label for="password">${t.password}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength="200"
          ${error ? html`aria-invalid="true"` : ''}
        />
        <button type="submit">${t.signIn}</button>
      </form>
      <p class="note">${t.demoNote}</p>
    </main>`,
  });
}

export interface CourseView {
  locale: Locale;
  explicitLang?: Locale;
  config: PageConfig;
  courseTitle: string;
  assetsBuilt: boolean;
  /** The in-page activity, or the activity shown in an iframe. */
  activity:
    | { kind: 'inline'; id: string; type: string; title: string; step?: string }
    | { kind: 'frame'; id: string; type: string; title: string; src: string };
  /** Every activity of the course, for the course's table of contents. */
  activities: readonly { id: string; title: string; href: string }[];
  /** This page's path (for the language switch). */
  path: string;
}

export function coursePage(view: CourseView): string {
  const { locale, explicitLang, config, activity, path } = view;
  const t = MESSAGES[locale];
  const intro = (t.activityIntros as Record<string, string | undefined>)[activity.type] ?? t.activityIntro;
  const scripts = view.assetsBuilt
    ? [
        ...HOST_SCRIPTS.map((src) => html`<script type="module" src="${src}"></script>`),
        ...(activity.kind === 'inline'
          ? [html`<script type="module" src="${elementScript(activity.type)}"></script>`]
          : []),
      ]
    : [];
  const activityBlock =
    activity.kind === 'inline'
      ? html`<h2 id="activity-heading">${t.activityHeading}${t.colon}${activity.title}</h2>
<p>${intro}</p>
<mag-${activity.type} instance="${activity.id}" activity-title="${activity.title}"${activity.step ? html` step="${activity.step}"` : ''}></mag-${activity.type}>
<p><a href="${withLang('/course/frame', explicitLang)}">${t.frameLink}</a></p>`
      : html`<h2 id="activity-heading">${t.frameHeading}${t.colon}${activity.title}</h2>
          <p>${t.frameIntro}</p>
          <iframe
            class="activity-frame"
            src="${activity.src}"
            data-mag-instance="${activity.id}"
            title="${t.frameTitle}${t.colon}${activity.title}"
          ></iframe>
          <p><a href="${withLang('/course', explicitLang)}">${t.backToCourse}</a></p>`;
  return page({
    locale,
    title: `${view.courseTitle} · ${t.siteName}`,
    head: [jsonScript('mag-host-config', config), ...scripts],
    body: html`<a class="skip" href="#content">${t.skipToContent}</a>
      <header class="site">
        <span class="brand">${t.siteName}</span>
        <span class="who">${t.signedInAs} <strong>${config.user.name}</strong> (${t.roles[config.role]})</span>
        ${languageSwitch(locale, path)}
        <form method="post" action="/logout"><button type="submit">${t.logout}</button></form>
      </header>
      <main id="content">
        <p class="kicker">${t.courseKicker}</p>
        <h1>${view.courseTitle}</h1>
        ${view.assetsBuilt ? '' : html`<p class="warning" role="status">${t.assetsMissing}</p>`}
        <section aria-labelledby="programme-heading">
          <h2 id="programme-heading">${t.programme}</h2>
          <ol class="programme">
            ${t.programmeItems.map(([name, text]) => html`<li><strong>${name}</strong> — ${text}</li> `)}
          </ol>
        </section>
        <nav class="activities" aria-labelledby="activities-heading">
          <h2 id="activities-heading">${t.activities}</h2>
          <ul>
            ${view.activities.map(
              (item) =>
                html`<li>
                  <a href="${item.href}" ${item.id === activity.id ? html`aria-current="page"` : ''}>${item.title}</a>
                </li>`,
            )}
          </ul>
        </nav>
        <section class="activity" aria-labelledby="activity-heading">
          ${activityBlock}
          <noscript><p>${t.noscript}</p></noscript>
        </section>
      </main>`,
  });
}

export interface FrameView {
  locale: Locale;
  type: string;
  instance: string;
  publicOrigin: string;
}

/** The page inside an activity iframe: no user data, only the element and who its parent may be. */
export function framePage({ locale, type, instance, publicOrigin }: FrameView): string {
  return page({
    locale,
    title: MESSAGES[locale].frameTitle,
    bodyClass: 'frame',
    head: [
      html`<meta name="mag-bridge-parent-origins" content="${publicOrigin}" />`,
      html`<script type="module" src="${elementScript(type)}"></script>`,
    ],
    body: html`<mag-${type} instance="${instance}"></mag-${type}>`,
  });
}
