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
 * language, role and theme colours, forwards every activity request to the activity's web service through
 * core/ajax, accepts activity iframes from the allowed origins (the SDK sizes them), and runs the polling transport for live events: it asks the light endpoint
 * poll.php "what is the version now?", fetches the state through core/ajax when the version changed and pushes
 * it to the elements as a bridge event.
 *
 * Polling: every `poll.min` ms while things change, the delay grows by `poll.factor` after each poll that saw
 * nothing, up to `poll.max`; it never stops while the page is visible, pauses while it is hidden, and polls at
 * once when the page becomes visible, gets the focus or comes back online.
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

/**
 * What the host knows of each activity type: bridge subject => external function (mod_<modname>_<function>),
 * the subject that reads the live state, and the event that pushes it.
 */
const ACTIVITIES = {
  reactions: {
    functions: {
      'reactions.state': 'get_state',
      'reactions.react': 'react',
      'reactions.reset': 'reset',
    },
    stateSubject: 'reactions.state',
    updatedEvent: 'reactions.updated',
  },
};

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

/** Moodle error codes and exception classes that mean "not allowed". */
const UNAUTHORIZED = [
  'requireloginerror',
  'servicerequireslogin',
  'nopermissions',
  'invalidsesskey',
  'accessexception',
  'require_login_exception',
  'required_capability_exception',
  'require_login_session_timeout_exception',
];
const BAD_REQUEST = ['invalidparameter', 'invalid_parameter_exception', 'codingerror'];

/** @type {Promise<{host: object, BridgeError: Function}>|null} One host per page. */
let hostPromise = null;
/** @type {Map<string, object>} Registered activity instances, by bridge instance id. */
const instances = new Map();
/** @type {boolean|null} Last link state told to the host. */
let online = null;
let listening = false;
let moduleLoads = 0;

/**
 * Whether a version from the server means the client must fetch the state again (see classes/local/state_version.php).
 *
 * @param {number|null} known
 * @param {number} current
 * @returns {boolean}
 */
export const versionChanged = (known, current) => known === null || known !== current;

/**
 * The delay before the next poll (see classes/local/poll_schedule.php).
 *
 * @param {number} current delay before the poll that just ended, in ms
 * @param {boolean} changed whether that poll saw a new version
 * @param {{min: number, max: number, factor: number}} poll
 * @returns {number}
 */
export const nextDelay = (current, changed, poll) => {
  if (changed || current < poll.min) {
    return poll.min;
  }
  return Math.min(poll.max, Math.ceil(current * poll.factor));
};

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
 * Calls a web service through core/ajax.
 *
 * @param {string} methodname
 * @param {object} args
 * @param {boolean} background true for calls the user did not make (polling): they do not keep the session alive
 * @returns {Promise<object>}
 */
const callService = (methodname, args, background) =>
  Promise.resolve(Ajax.call([{ methodname, args }], true, true, background)[0]);

/**
 * Tells the host whether the server link is up, on changes only.
 *
 * @param {object|null} host
 * @param {boolean} value
 */
const setOnline = (host, value) => {
  if (host && online !== value) {
    online = value;
    host.setOnline(value);
  }
};

/**
 * Whether a core/ajax failure is a network failure rather than an answer from Moodle.
 *
 * @param {*} error
 * @returns {boolean}
 */
const isNetworkError = (error) => !error || (!error.errorcode && !error.exception);

/**
 * A bridge error from a core/ajax failure.
 *
 * @param {Function} BridgeError
 * @param {*} error
 * @returns {Error}
 */
const toBridgeError = (BridgeError, error) => {
  if (isNetworkError(error)) {
    return new BridgeError('closed', 'The server cannot be reached');
  }
  const names = [error.errorcode, error.exception].filter(Boolean);
  const message = String(error.message || error.errorcode || 'Server error').slice(0, 1000);
  if (names.some((name) => UNAUTHORIZED.includes(name))) {
    return new BridgeError('unauthorized', message);
  }
  if (names.some((name) => BAD_REQUEST.includes(name))) {
    return new BridgeError('bad_request', message);
  }
  if (names.includes('ratelimited')) {
    return new BridgeError('rate_limited', message);
  }
  if (names.includes('sitemaintenance')) {
    return new BridgeError('closed', message);
  }
  return new BridgeError('internal', message);
};

/**
 * The live state carried by a web service result: `{counts, version}` or `{accepted, state: {counts, version}}`.
 *
 * @param {object} result
 * @returns {object|null}
 */
const stateOf = (result) => {
  const state = result && typeof result.version === 'number' ? result : result && result.state;
  return state && typeof state.version === 'number' ? state : null;
};

/**
 * Notes a state the server sent; pushes it to the instance's elements when it is newer than the one known.
 *
 * @param {object} entry
 * @param {object|null} state
 * @param {boolean} push
 */
const noteState = (entry, state, push) => {
  if (!state) {
    return;
  }
  const newer = entry.known === null || state.version > entry.known;
  const changed = versionChanged(entry.known, state.version);
  entry.known = state.version;
  if (push && entry.host && (newer || changed)) {
    entry.host.emit(entry.instance, entry.activity.updatedEvent, state);
  }
};

/**
 * Accepts the activity iframes of the page whose origin the admin allowed: `<iframe data-mag-instance="…"
 * data-mag-origin="https://…">`. The SDK then sizes each frame from the activity's `bridge.resize` requests.
 *
 * @param {object} host
 * @param {string[]} allowed exact origins from the admin setting
 */
const allowFrames = (host, allowed) => {
  document.querySelectorAll('iframe[data-mag-instance][data-mag-origin]').forEach((frame) => {
    if (!frame.dataset.magAllowed && allowed.includes(frame.dataset.magOrigin)) {
      frame.dataset.magAllowed = '1';
      host.allowFrame(frame, frame.dataset.magOrigin, frame.dataset.magInstance);
    }
  });
};

/**
 * Answers a bridge request that the SDK does not answer itself: forwards it to the activity's web service.
 *
 * @param {Function} BridgeError
 * @param {string} subject
 * @param {object} payload
 * @param {{activity: string, instance: string}} call
 * @returns {Promise<object>}
 */
const forward = async (BridgeError, subject, payload, call) => {
  const entry = instances.get(call.instance);
  if (!entry) {
    throw new BridgeError('unauthorized', 'Unknown activity instance');
  }
  const fn = entry.activity.functions[subject];
  if (!fn) {
    throw new BridgeError('unsupported_subject', `Unsupported subject: ${subject}`);
  }
  let result;
  try {
    result = await callService(`mod_${entry.modname}_${fn}`, { ...(payload || {}), cmid: entry.cmid }, false);
  } catch (error) {
    if (isNetworkError(error)) {
      setOnline(entry.host, false);
    }
    throw toBridgeError(BridgeError, error);
  }
  setOnline(entry.host, true);
  // Other elements of the same instance learn the new state too; the caller gets it as its answer.
  noteState(entry, stateOf(result), subject !== entry.activity.stateSubject);
  return result;
};

/**
 * Asks for a fresh channel token.
 *
 * @param {object} entry
 */
const renewToken = async (entry) => {
  const result = await callService('local_magactivities_get_channel_token', { cmid: entry.cmid }, true);
  entry.token = result.token;
};

/**
 * Asks the light endpoint for the current version; renews the token once when it expired.
 *
 * @param {object} entry
 * @param {boolean} renewed
 * @returns {Promise<number>}
 */
const fetchVersion = async (entry, renewed = false) => {
  const response = await fetch(`${entry.pollUrl}?t=${encodeURIComponent(entry.token)}`, {
    credentials: 'omit',
    cache: 'no-store',
    headers: { Accept: 'application/json' },
  });
  if (response.status === 403 && !renewed) {
    await renewToken(entry);
    return fetchVersion(entry, true);
  }
  if (response.status === 404) {
    const gone = new Error('The activity is gone');
    gone.gone = true;
    throw gone;
  }
  if (!response.ok) {
    throw new Error(`Poll failed with status ${response.status}`);
  }
  const body = await response.json();
  if (!body || typeof body.v !== 'number') {
    throw new Error('Malformed poll answer');
  }
  return body.v;
};

/**
 * Plans the next poll of an instance.
 *
 * @param {object} entry
 * @param {number} delay
 */
const schedule = (entry, delay) => {
  clearTimeout(entry.timer);
  entry.timer = setTimeout(() => pollOnce(entry), delay);
};

/**
 * One poll: version, then the state when the version changed.
 *
 * @param {object} entry
 */
const pollOnce = async (entry) => {
  entry.timer = null;
  if (entry.inflight || entry.stopped) {
    return;
  }
  if (document.visibilityState === 'hidden') {
    entry.paused = true;
    return;
  }
  entry.inflight = true;
  let changed = false;
  try {
    const version = await fetchVersion(entry);
    setOnline(entry.host, true);
    if (versionChanged(entry.known, version)) {
      changed = true;
      const state = await callService(
        `mod_${entry.modname}_${entry.activity.functions[entry.activity.stateSubject]}`,
        { cmid: entry.cmid },
        true,
      );
      noteState(entry, stateOf(state), true);
    }
  } catch (error) {
    if (error && error.gone) {
      entry.stopped = true;
    } else if (error instanceof TypeError || isNetworkError(error)) {
      // Fetch rejects with a TypeError when the network is down.
      setOnline(entry.host, false);
    }
  } finally {
    entry.inflight = false;
  }
  if (!entry.stopped) {
    entry.delay = nextDelay(entry.delay, changed, entry.poll);
    schedule(entry, entry.delay);
  }
};

/**
 * Polls every instance at once, from the shortest delay: the page became visible, got the focus or came online.
 */
const wakeAll = () => {
  if (document.visibilityState === 'hidden') {
    return;
  }
  instances.forEach((entry) => {
    if (entry.host && !entry.stopped) {
      entry.paused = false;
      entry.delay = entry.poll.min;
      clearTimeout(entry.timer);
      pollOnce(entry);
    }
  });
};

/**
 * Listens to the page's life: visibility, focus, network.
 *
 * @param {object} host
 */
const watchPage = (host) => {
  document.addEventListener('visibilitychange', wakeAll);
  window.addEventListener('focus', wakeAll);
  window.addEventListener('online', wakeAll);
  window.addEventListener('offline', () => setOnline(host, false));
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
      host.fallback((subject, payload, call) => forward(sdk.BridgeError, subject, payload, call));
      host.listen(document);
      if (!listening) {
        listening = true;
        watchPage(host);
      }
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
  const activity = ACTIVITIES[config.type];
  if (!activity) {
    window.console.error(`local_magactivities: unknown activity type ${config.type}`);
    return;
  }
  const entry = {
    instance: config.instance,
    cmid: config.cmid,
    modname: config.modname,
    activity,
    token: config.token,
    pollUrl: config.pollUrl,
    poll: config.poll,
    // The version rendered in the page; the element asks for the state itself when it connects.
    known: typeof config.version === 'number' ? config.version : null,
    delay: config.poll.min,
    timer: null,
    inflight: false,
    paused: false,
    stopped: false,
    host: null,
  };
  instances.set(entry.instance, entry);
  getHost(config)
    .then((host) => {
      entry.host = host;
      allowFrames(host, config.frameOrigins || []);
      schedule(entry, entry.delay);
      return host;
    })
    .catch((error) => {
      window.console.error('local_magactivities: cannot start the activity host', error);
    });
};
