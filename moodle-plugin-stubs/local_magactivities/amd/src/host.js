// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

/**
 * Host side of the Magistère bridge on Moodle pages.
 *
 * Loads the host SDK (the ES module `mag-host.js` from the shared plugin's bundles), gives it the Moodle user's
 * language, role and theme colours, and wires local_magactivities/host_logic to Moodle: activity requests go to
 * the activity's web service through core/ajax, activity iframes from the allowed origins are accepted (the SDK
 * sizes them), and the polling transport for live events asks the light endpoint poll.php "what is the version
 * now?", fetches the state through core/ajax when the version changed and pushes it to the elements as a bridge
 * event. The transport, polling, version and token logic lives in host_logic.js, which takes core/ajax, fetch,
 * the timers, the document and the window as parameters (tested in Chromium by moodle-plugin-stubs/tests-browser/).
 *
 * amd/build/host.min.js is generated from this file by `node moodle-plugin-stubs/tools/build-amd.mjs`.
 * The SDK is loaded through a small module script rather than `import()` here, because Moodle's Babel build
 * turns `import()` into a RequireJS call, which cannot load a native ES module.
 *
 * @module     local_magactivities/host
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

import Ajax from 'core/ajax';
import { createHost } from 'local_magactivities/host_logic';

/**
 * Activity theme tokens (activities/src/base/theme.ts), each taken from the first Moodle theme variable (or body
 * style) that has a value: Bootstrap 5 names for Moodle 5.0, Bootstrap 4 names for Moodle 4.5.
 */
const THEME_TOKENS = {
  '--mag-color-primary': ['--bs-primary', '--primary'],
  '--mag-color-text': ['--bs-body-color', 'color'],
  '--mag-color-muted': ['--bs-secondary-color', '--gray'],
  '--mag-color-surface': ['--bs-body-bg', 'backgroundColor'],
  '--mag-color-surface-alt': ['--bs-tertiary-bg', '--light'],
  '--mag-color-border': ['--bs-border-color', '--secondary'],
  '--mag-color-error': ['--bs-danger', '--danger'],
  '--mag-font-family': ['--bs-body-font-family', 'fontFamily'],
  '--mag-radius': ['--bs-border-radius'],
};

/** @type {Promise<object>|null} One host per page. */
let hostPromise = null;
let moduleLoads = 0;

/** The page's host logic, on Moodle's transport and the browser's clock, document and window. */
const logic = createHost({
  // Background calls (polling) do not keep the session alive.
  call: (methodname, args, background) => Promise.resolve(Ajax.call([{ methodname, args }], true, true, background)[0]),
  fetch: (url, options) => window.fetch(url, options),
  setTimeout: (callback, delay) => window.setTimeout(callback, delay),
  clearTimeout: (timer) => window.clearTimeout(timer),
  document,
  window,
});

/**
 * Loads a native ES module by address, out of reach of the AMD build's `import()` rewriting.
 *
 * @param {string} url
 * @returns {Promise<object>} the module's namespace
 */
const loadModule = (url) =>
  new Promise((resolve, reject) => {
    moduleLoads += 1;
    const key = `__magActivitiesModule${moduleLoads}`;
    const script = document.createElement('script');
    const done = (callback) => (value) => {
      clearTimeout(timer);
      delete window[key];
      script.remove();
      callback(value);
    };
    const timer = setTimeout(done(reject), 30000, new Error(`Timed out loading ${url}`));
    window[key] = { resolve: done(resolve), reject: done(reject) };
    script.type = 'module';
    const k = JSON.stringify(key);
    script.textContent = `import(${JSON.stringify(url)}).then((m) => window[${k}].resolve(m), (e) => window[${k}].reject(e));`;
    document.head.appendChild(script);
  });

/**
 * The bridge locale from Moodle's `<html lang>`.
 *
 * @returns {string} 'fr' or 'en'
 */
const pageLocale = () => ((document.documentElement.lang || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en');

/**
 * The activity theme tokens from the Moodle theme in use.
 *
 * @returns {Object<string, string>}
 */
const themeTokens = () => {
  const root = window.getComputedStyle(document.documentElement);
  const body = window.getComputedStyle(document.body);
  const theme = {};
  Object.entries(THEME_TOKENS).forEach(([token, sources]) => {
    for (const source of sources) {
      const value = String(source.startsWith('--') ? root.getPropertyValue(source) : body[source] || '').trim();
      if (value && value.length <= 200 && value !== 'transparent' && value !== 'rgba(0, 0, 0, 0)') {
        theme[token] = value;
        break;
      }
    }
  });
  return theme;
};

/**
 * Loads the SDK and creates the page's host, once.
 *
 * @param {object} config
 * @returns {Promise<object>}
 */
const getHost = (config) => {
  if (!hostPromise) {
    hostPromise = loadModule(config.bundleBase + config.hostModule).then((sdk) => {
      const host = new sdk.BridgeHost({
        context: { locale: pageLocale(), role: config.role, user: config.user, theme: themeTokens() },
      });
      host.fallback((subject, payload, call) => logic.forward(sdk.BridgeError, subject, payload, call));
      host.listen(document);
      logic.watchPage(host);
      return host;
    });
  }
  return hostPromise;
};

/**
 * Registers an activity instance of the page and starts its live updates.
 *
 * @param {string} wrapperId id of the element rendered by local_magactivities/activity
 */
export const init = (wrapperId) => {
  const wrapper = document.getElementById(wrapperId);
  if (!wrapper || !wrapper.dataset.config) {
    return;
  }
  const config = JSON.parse(wrapper.dataset.config);
  const entry = logic.register(config);
  if (!entry) {
    window.console.error(`local_magactivities: unknown activity type ${config.type}`);
    return;
  }
  getHost(config)
    .then((host) => {
      logic.start(entry, host, config.frameOrigins || []);
      return host;
    })
    .catch((error) => {
      window.console.error('local_magactivities: cannot start the activity host', error);
    });
};
