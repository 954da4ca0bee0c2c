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
 * The logic of the host side of the Magistère bridge on Moodle pages, with every dependency given as a parameter.
 *
 * local_magactivities/host wires it to Moodle (core/ajax, the page's document and window, the browser's fetch and
 * timers); the browser tests (moodle-plugin-stubs/tests-browser/) give it a small core/ajax stand-in that speaks
 * lib/ajax/service.php's format, a hand-driven clock and a document whose visibility they set.
 *
 * - Transport: every activity request the host SDK does not answer itself goes to the activity's web service,
 *   `mod_<modname>_<function>`, with the activity's cmid (and the payload fields an activity lists in `jsonArgs` as
 *   JSON text); a Moodle exception becomes a bridge error.
 * - Polling: the light endpoint poll.php is asked "what is the version now?" every `poll.min` ms while things
 *   change; the delay grows by `poll.factor` after each poll that saw nothing, up to `poll.max`. It never stops
 *   while the page is visible, pauses while it is hidden, and polls at once when the page becomes visible, gets
 *   the focus or comes back online.
 * - Versions: when the version differs from the one known (see classes/local/state_version.php: a smaller one,
 *   from a restored or recreated activity, counts too), the state is fetched through the web service and pushed
 *   to the instance's elements with `host.emit`. An activity whose live event carries only `{version}` (`versionOnly`,
 *   the word cloud: each element then asks for what its own user may see) gets `{version}` at once, with no fetch.
 * - Results of the user's own calls that carry a state (a trainer's action answered with the new state) tell the
 *   other elements of the instance, with the state or, for `versionOnly` activities, with `{version}` after the
 *   answer.
 * - Tokens: a 403 from poll.php (expired token) is answered once by a fresh token from
 *   local_magactivities_get_channel_token.
 * - Link state: a network failure tells the host `setOnline(false)`, the next answer `setOnline(true)`.
 *
 * This module imports nothing: it is an AMD module for Moodle (amd/build/host_logic.min.js) and a plain ES module
 * for the tests.
 *
 * @module     local_magactivities/host_logic
 * @copyright  2025 Magistère
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * What the host knows of each activity type: bridge subject => external function (mod_<modname>_<function>),
 * the subject that reads the live state, and the event that pushes it.
 */
export const ACTIVITIES = {
  reactions: {
    functions: {
      'reactions.state': 'get_state',
      'reactions.react': 'react',
      'reactions.reset': 'reset',
    },
    stateSubject: 'reactions.state',
    updatedEvent: 'reactions.updated',
  },
  wordcloud: {
    functions: {
      'wordcloud.state': 'get_state',
      'wordcloud.submit': 'submit',
      'wordcloud.withdraw': 'withdraw',
      'wordcloud.configure': 'configure',
      'wordcloud.open': 'open',
      'wordcloud.close': 'close',
      'wordcloud.reset': 'reset',
      'wordcloud.hide': 'hide',
      'wordcloud.unhide': 'unhide',
      'wordcloud.merge': 'merge',
      'wordcloud.unmerge': 'unmerge',
      'wordcloud.approve': 'approve',
      'wordcloud.reject': 'reject',
      'wordcloud.export': 'export',
    },
    stateSubject: 'wordcloud.state',
    updatedEvent: 'wordcloud.updated',
    // The event is `{version}` and nothing else (a strict schema): each element asks wordcloud.state, which the
    // server cuts to what its user may see.
    versionOnly: true,
  },
  quiz: {
    functions: {
      'quiz.state': 'get_state',
      'quiz.start': 'start',
      'quiz.act': 'act',
      'quiz.live.join': 'live_join',
      'quiz.live.answer': 'live_answer',
      'quiz.live.control': 'live_control',
      'quiz.results': 'results',
      'quiz.grade': 'grade_essay',
      'quiz.accommodations': 'accommodations',
    },
    // Payload fields whose shape only the server checks (an attempt's action, a live response: hostile input gets
    // the quiz's own error codes there): sent as JSON text, as Moodle's parameters cannot say "any shape".
    jsonArgs: {
      'quiz.act': ['action'],
      'quiz.live.answer': ['response'],
    },
    stateSubject: 'quiz.state',
    updatedEvent: 'quiz.updated',
    // As the word cloud: `{version}` only; a trainee's state holds their own attempt and never another's answers.
    versionOnly: true,
  },
  // The hybrid programme and its catalog modules: two elements of one course module of mod_magmodule, which serves
  // both (`module`: the Moodle module whose web services they call, when it is not `mag<type>`).
  programme: {
    module: 'magmodule',
    functions: {
      'programme.state': 'programme_state',
      'programme.save': 'programme_save',
      'programme.catalog': 'programme_catalog',
    },
    jsonArgs: { 'programme.save': ['steps'] },
    // Answers hold records keyed by step (a trainee's progress), which Moodle's return structures cannot say: the
    // web services answer `{json}`, JSON text the server built, parsed here.
    jsonAnswers: true,
    stateSubject: 'programme.state',
    updatedEvent: 'programme.updated',
    versionOnly: true,
  },
  module: {
    module: 'magmodule',
    functions: {
      'module.state': 'module_state',
      'module.catalog_search': 'module_catalog_search',
      'module.catalog_preview': 'module_catalog_preview',
      'module.add': 'module_add',
      'module.update': 'module_update',
      'module.report': 'module_report',
      'module.play': 'module_play',
      'module.item': 'module_item',
      'module.progress': 'module_progress',
      'module.xapi': 'module_xapi',
      'module.h5p_save': 'module_h5p_save',
      'module.h5p_load': 'module_h5p_load',
    },
    jsonArgs: { 'module.catalog_search': ['filters'], 'module.xapi': ['result'] },
    jsonAnswers: true,
    stateSubject: 'module.state',
    updatedEvent: 'module.updated',
    versionOnly: true,
  },
};

/**
 * A web service result as the bridge answer: parsed from `{json}` for an activity with `jsonAnswers`.
 *
 * @param {object} activity an entry of ACTIVITIES
 * @param {object} result
 * @returns {object}
 */
export const fromResult = (activity, result) => {
  if (!activity.jsonAnswers) {
    return result;
  }
  if (!result || typeof result.json !== 'string') {
    throw new Error('Malformed answer: no json');
  }
  return JSON.parse(result.json);
};

/**
 * The arguments of a web service call: the payload under the bridge's names, the fields the activity lists in
 * `jsonArgs` as JSON text, and the course module.
 *
 * @param {object} activity an entry of ACTIVITIES
 * @param {string} subject
 * @param {object} payload
 * @param {number} cmid
 * @returns {object}
 */
export const toArgs = (activity, subject, payload, cmid) => {
  const args = { ...(payload || {}) };
  for (const name of (activity.jsonArgs && activity.jsonArgs[subject]) || []) {
    if (name in args) {
      args[name] = JSON.stringify(args[name] === undefined ? null : args[name]);
    }
  }
  args.cmid = cmid;
  return args;
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
 * Whether a web service failure is a network failure rather than an answer from Moodle.
 *
 * core/ajax rejects with Moodle's exception (`{message, errorcode, …}`) when Moodle answered, and with jQuery's
 * error text (a string, often empty) when it did not.
 *
 * @param {*} error
 * @returns {boolean}
 */
export const isNetworkError = (error) => !error || (!error.errorcode && !error.exception);

/**
 * A bridge error from a web service failure.
 *
 * @param {Function} BridgeError
 * @param {*} error
 * @returns {Error}
 */
export const toBridgeError = (BridgeError, error) => {
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
 * The live state carried by a web service result: a state (`{…, version}`) or `{accepted, state: {…, version}}`.
 *
 * @param {object} result
 * @returns {object|null}
 */
export const stateOf = (result) => {
  const state = result && typeof result.version === 'number' ? result : result && result.state;
  return state && typeof state.version === 'number' ? state : null;
};

/**
 * Whether an answer of poll.php says that the activity is gone (404 `{"error": "gone"}`), not any 404.
 *
 * @param {Response} response
 * @returns {Promise<boolean>}
 */
const isGoneAnswer = async (response) => {
  try {
    const body = await response.json();
    return Boolean(body) && body.error === 'gone';
  } catch {
    // Not JSON: not poll.php's answer.
    return false;
  }
};

/**
 * The host logic of one page.
 *
 * @param {object} deps
 * @param {function(string, object, boolean): Promise<object>} deps.call calls a web service (methodname, args,
 *     background: true for calls the user did not make, which must not keep the session alive); resolves with its
 *     result, rejects as core/ajax does
 * @param {function(string, object): Promise<Response>} [deps.fetch] the browser's fetch, for poll.php
 * @param {function(Function, number): *} [deps.setTimeout]
 * @param {function(*): void} [deps.clearTimeout]
 * @param {Document} [deps.document] its visibilityState and visibilitychange event, its activity iframes
 * @param {EventTarget} [deps.window] its focus, online and offline events
 * @param {function(Function): void} [deps.defer] runs a callback after the current answer went out (a zero timer)
 * @returns {object} register, start, forward, watchPage, wakeAll, pollOnce and the registered instances
 */
export const createHost = (deps) => {
  const callService = deps.call;
  const fetchUrl = deps.fetch || ((url, options) => globalThis.fetch(url, options));
  const later = deps.setTimeout || ((callback, delay) => globalThis.setTimeout(callback, delay));
  const defer = deps.defer || ((callback) => globalThis.setTimeout(callback, 0));
  const cancel = deps.clearTimeout || ((timer) => globalThis.clearTimeout(timer));
  const doc = deps.document || globalThis.document;
  const win = deps.window || globalThis.window;

  /** @type {Map<string, object>} Registered activity instances, by bridge instance id. */
  const instances = new Map();
  /** @type {boolean|null} Last link state told to the host. */
  let online = null;
  let listening = false;

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
   * Notes a state the server sent; pushes it to the instance's elements when it is newer than the one known: the
   * state itself, or `{version}` only for a `versionOnly` activity.
   *
   * @param {object} entry
   * @param {object|null} state
   * @param {boolean} push
   * @param {boolean} [afterAnswer] push once the answer to the current request went out: the element that asked
   *     then already has the new state and does not fetch it again for the event
   */
  const noteState = (entry, state, push, afterAnswer = false) => {
    if (!state) {
      return;
    }
    const newer = entry.known === null || state.version > entry.known;
    const changed = versionChanged(entry.known, state.version);
    entry.known = state.version;
    if (push && entry.host && (newer || changed)) {
      const data = entry.activity.versionOnly ? { version: state.version } : state;
      const emit = () => entry.host.emit(entry.instance, entry.activity.updatedEvent, data);
      if (afterAnswer && entry.activity.versionOnly) {
        defer(emit);
      } else {
        emit();
      }
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
    doc.querySelectorAll('iframe[data-mag-instance][data-mag-origin]').forEach((frame) => {
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
      result = await callService(
        `mod_${entry.modname}_${fn}`,
        toArgs(entry.activity, subject, payload, entry.cmid),
        false,
      );
    } catch (error) {
      if (isNetworkError(error)) {
        setOnline(entry.host, false);
      }
      throw toBridgeError(BridgeError, error);
    }
    setOnline(entry.host, true);
    try {
      result = fromResult(entry.activity, result);
    } catch (error) {
      throw new BridgeError('internal', error.message);
    }
    // Other elements of the same instance learn the new state too; the caller gets it as its answer.
    noteState(entry, stateOf(result), subject !== entry.activity.stateSubject, true);
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
    const response = await fetchUrl(`${entry.pollUrl}?t=${encodeURIComponent(entry.token)}`, {
      credentials: 'omit',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
    });
    if (response.status === 403 && !renewed) {
      await renewToken(entry);
      return fetchVersion(entry, true);
    }
    // Only poll.php's own answer means the activity is gone. A bare 404 from the web server (poll.php itself
    // missing for a moment while an admin unzips a new version of this plugin, a proxy) must not stop the page's
    // polling for good: it is retried as any other failed poll.
    if (response.status === 404 && (await isGoneAnswer(response))) {
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
    cancel(entry.timer);
    entry.timer = later(() => pollOnce(entry), delay);
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
    if (doc.visibilityState === 'hidden') {
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
        if (entry.activity.versionOnly) {
          // The poll already knows the new version; each element asks for what its user may see.
          noteState(entry, { version }, true);
        } else {
          const state = await callService(
            `mod_${entry.modname}_${entry.activity.functions[entry.activity.stateSubject]}`,
            { cmid: entry.cmid },
            true,
          );
          noteState(entry, stateOf(fromResult(entry.activity, state)), true);
        }
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
    if (doc.visibilityState === 'hidden') {
      return;
    }
    instances.forEach((entry) => {
      if (entry.host && !entry.stopped) {
        entry.paused = false;
        entry.delay = entry.poll.min;
        cancel(entry.timer);
        pollOnce(entry);
      }
    });
  };

  /**
   * Listens to the page's life, once: visibility, focus, network.
   *
   * @param {object} host
   */
  const watchPage = (host) => {
    if (listening) {
      return;
    }
    listening = true;
    doc.addEventListener('visibilitychange', wakeAll);
    win.addEventListener('focus', wakeAll);
    win.addEventListener('online', wakeAll);
    win.addEventListener('offline', () => setOnline(host, false));
  };

  /**
   * Registers an activity instance from the configuration rendered by local_magactivities/activity.
   *
   * @param {object} config
   * @returns {object|null} the instance's entry, null when the activity type is unknown
   */
  const register = (config) => {
    const activity = ACTIVITIES[config.type];
    if (!activity) {
      return null;
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
    return entry;
  };

  /**
   * Starts the live updates of a registered instance, once the page's host exists.
   *
   * @param {object} entry
   * @param {object} host
   * @param {string[]} frameOrigins
   */
  const start = (entry, host, frameOrigins) => {
    entry.host = host;
    allowFrames(host, frameOrigins || []);
    schedule(entry, entry.delay);
  };

  return { instances, register, start, forward, watchPage, wakeAll, pollOnce };
};
