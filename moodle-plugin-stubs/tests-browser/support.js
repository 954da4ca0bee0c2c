// Test support for the Moodle host module in Chromium: a mock of Moodle's lib/ajax/service.php and of the light
// poll endpoint (msw, answering over real HTTP from the page's service worker), a minimal core/ajax that speaks
// service.php's format, a hand-driven clock and a page whose visibility a test sets.
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';

export const SERVICE_PATH = '/lib/ajax/service.php';
export const POLL_PATH = '/local/magactivities/poll.php';

/** Starts msw's service worker (served at /mockServiceWorker.js by test/wtr.config.mjs) with no handler yet. */
export async function startWorker() {
  const worker = setupWorker();
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
    // The test runner's own requests go through untouched.
    onUnhandledRequest: 'bypass',
  });
  return worker;
}

/**
 * A Moodle exception as lib/ajax/service.php sends it (external_api::call_external_function: get_exception_info()
 * without `a`, and without `debuginfo` and `backtrace` when debugging is off).
 */
export const moodleException = (errorcode, message, module = 'error') => ({
  message,
  errorcode,
  link: `${location.origin}/course/view.php?id=2`,
  moreinfourl: `https://docs.moodle.org/405/en/error/${module}/${errorcode}`,
});

/**
 * One Moodle site with one live activity (course module 42: reactions, or a word cloud), seen through its two
 * endpoints:
 *
 * - `POST /lib/ajax/service.php?sesskey=…&info=…`: a JSON array of `{index, methodname, args}`, answered by a
 *   JSON array of `{error: false, data}` or `{error: true, exception: {message, errorcode, link, moreinfourl}}`,
 *   processing stopping at the first error, as Moodle does;
 * - `GET /local/magactivities/poll.php?t=<token>`: `{"v": N}`, 403 `{"error": "expired"}` for a token it did not
 *   issue or expired (`bad_signature` with `refuseTokens`), 404 `{"error": "gone"}` when the activity was deleted.
 *
 * Every request is recorded (`calls`, `polls`); `network` makes an endpoint fail at the network level.
 */
export class FakeMoodle {
  constructor({ sesskey = 'sk-test-1', cmid = 42, version = 1, role = 'trainee' } = {}) {
    this.sesskey = sesskey;
    this.cmid = cmid;
    this.role = role;
    this.state = { counts: { understood: 0, question: 0, lost: 0, slower: 0 }, version };
    this.tokens = new Set(['token-1']);
    this.issued = 1;
    this.keys = new Set();
    /** @type {string[]} the word cloud's words */
    this.words = [];
    /** Whether the quiz has a live session; its answers (decoded), and its actions (decoded). */
    this.quizLive = false;
    this.quizAnswers = [];
    this.quizActions = [];
    /** The grades given to essays, as the web service received them. */
    this.quizGrades = [];
    this.gone = false;
    /** When set, poll.php is missing: the web server's own 404, not poll.php's answer (a plugin being unzipped). */
    this.pollMissing = false;
    /** When set, every token is refused as badly signed (a changed site secret). */
    this.refuseTokens = false;
    /** @type {{service: boolean, poll: boolean}} endpoints that fail at the network level */
    this.network = { service: false, poll: false };
    /** @type {Map<string, object>} methodname => exception it throws from now on */
    this.failures = new Map();
    /** @type {{methodname: string, args: object, info: string|null, nosessionupdate: boolean}[]} */
    this.calls = [];
    /** @type {string[]} tokens of the poll requests, in order */
    this.polls = [];
  }

  /**
   * The word cloud's state for the current role, in the shape of WordcloudState (wordcloud/src/protocol.ts).
   *
   * @returns {object}
   */
  cloudState() {
    const words = [...new Set(this.words)].map((text) => ({ text, weight: 1, rank: 1 }));
    const state = {
      version: this.state.version,
      open: true,
      question: 'Un mot ?',
      limits: { minPerPerson: 1, maxPerPerson: 3, maxLength: 40 },
      visibility: 'always',
      display: { rotate: false },
      mine: [],
      participants: words.length,
      cloud: { words, hiddenCount: 0 },
    };
    return this.role === 'trainer'
      ? { ...state, moderation: { pending: [], hidden: [], merges: [], suggestions: [], entries: [] } }
      : state;
  }

  /**
   * The quiz's state for the current role, in the shape of QuizState (quiz/src/protocol.ts): a session in its lobby
   * once the trainer opened one; the trainer's summary for trainers.
   *
   * @returns {object}
   */
  quizState() {
    const state = {
      version: this.state.version,
      title: 'Quiz',
      intro: { questions: 1, behaviour: 'deferred', maxGrade: 10, gradingMethod: 'highest' },
      selfPaced: { attempt: null, attempts: [], canStart: this.role !== 'trainer', grade: null, passed: null },
      live: this.quizLive
        ? {
            session: 'abc123',
            phase: 'lobby',
            joined: this.quizAnswers.length,
            me: { joined: false, points: 0 },
            settings: { speedPoints: false, leaderboard: 'off' },
          }
        : null,
    };
    return this.role === 'trainer'
      ? {
          ...state,
          selfPaced: { ...state.selfPaced, reason: 'not_allowed' },
          trainer: { participants: 0, finishedAttempts: 0, needsGrading: 0 },
        }
      : state;
  }

  /** Something changed in the activity: the version goes up. */
  bump() {
    this.state = { ...this.state, version: this.state.version + 1 };
  }

  /** Every token issued so far expires. */
  expireTokens() {
    this.tokens.clear();
  }

  /** The external functions of the site, each `(args) => data`, throwing a Moodle exception. */
  functions() {
    const checkCmid = (args) => {
      if (args.cmid !== this.cmid) {
        throw moodleException('invalidrecord', "Can't find data record in database table course_modules.");
      }
    };
    return {
      mod_magreactions_get_state: (args) => {
        checkCmid(args);
        return this.state;
      },
      mod_magreactions_react: (args) => {
        checkCmid(args);
        if (!(args.reaction in this.state.counts) || typeof args.key !== 'string') {
          throw moodleException('invalidparameter', 'Invalid parameter value detected');
        }
        const accepted = !this.keys.has(args.key);
        if (accepted) {
          this.keys.add(args.key);
          const counts = { ...this.state.counts, [args.reaction]: this.state.counts[args.reaction] + 1 };
          this.state = { counts, version: this.state.version + 1 };
        }
        return { accepted, state: this.state };
      },
      mod_magreactions_reset: (args) => {
        checkCmid(args);
        if (this.role !== 'trainer') {
          throw moodleException(
            'nopermissions',
            'Sorry, but you do not currently have permissions to do that (Reset the reactions).',
          );
        }
        this.state = { counts: { understood: 0, question: 0, lost: 0, slower: 0 }, version: this.state.version + 1 };
        return this.state;
      },
      // A word cloud on the same course module (type `wordcloud` in the page's configuration), sharing the version.
      mod_magwordcloud_get_state: (args) => {
        checkCmid(args);
        return this.cloudState();
      },
      mod_magwordcloud_submit: (args) => {
        checkCmid(args);
        if (typeof args.text !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(args.key)) {
          throw moodleException('invalidparameter', 'Invalid parameter value detected');
        }
        this.words.push(args.text.trim());
        this.bump();
        return { accepted: true, entry: { id: this.words.length, text: args.text.trim(), status: 'visible' } };
      },
      mod_magwordcloud_hide: (args) => {
        checkCmid(args);
        if (this.role !== 'trainer') {
          throw moodleException(
            'nopermissions',
            'Sorry, but you do not currently have permissions to do that (Moderate and project a word cloud).',
          );
        }
        this.words = this.words.filter((word) => word !== args.word);
        this.bump();
        return this.cloudState();
      },
      // A quiz on the same course module (type `quiz`): the action and the response arrive as JSON text.
      mod_magquiz_get_state: (args) => {
        checkCmid(args);
        return this.quizState();
      },
      mod_magquiz_act: (args) => {
        checkCmid(args);
        if (typeof args.action !== 'string' || !Number.isInteger(args.attempt)) {
          throw moodleException('invalidparameter', 'Invalid parameter value detected');
        }
        const action = JSON.parse(args.action);
        this.quizActions.push(action);
        // A trainee's private action: the version does not move.
        return action.type === 'drop'
          ? { error: { code: 'bad_action', message: 'not an action' }, state: this.quizState() }
          : { state: this.quizState() };
      },
      mod_magquiz_live_answer: (args) => {
        checkCmid(args);
        if (typeof args.response !== 'string') {
          throw moodleException('invalidparameter', 'Invalid parameter value detected');
        }
        this.quizAnswers.push({ step: args.step, response: JSON.parse(args.response), elapsedMs: args.elapsedMs });
        this.bump();
        return { accepted: true, state: this.quizState() };
      },
      mod_magquiz_live_control: (args) => {
        checkCmid(args);
        if (this.role !== 'trainer') {
          throw moodleException(
            'nopermissions',
            'Sorry, but you do not currently have permissions to do that (Run the live sessions of a quiz).',
          );
        }
        this.quizLive = true;
        this.bump();
        return this.quizState();
      },
      mod_magquiz_grade_essay: (args) => {
        checkCmid(args);
        if (this.role !== 'trainer') {
          throw moodleException(
            'nopermissions',
            'Sorry, but you do not currently have permissions to do that (Grade the open answers of a quiz).',
          );
        }
        if (![args.attempt, args.position].every(Number.isInteger) || typeof args.mark !== 'number') {
          throw moodleException('invalidparameter', 'Invalid parameter value detected');
        }
        this.quizGrades.push(args);
        // Results (quiz/src/trainer-protocol.ts) with the essay graded; a trainee's grade moves no version.
        const essay = {
          attempt: args.attempt,
          position: args.position,
          number: 1,
          name: 'Lucas Bernard',
          question: 'Votre avis ?',
          response: 'Le travail en îlots.',
          maxMark: 2,
          mark: args.mark,
          ...(args.comment ? { comment: args.comment } : {}),
        };
        return { results: { questions: [], trainees: [], maxGrade: 10, essays: [essay], live: null } };
      },
      local_magactivities_get_channel_token: (args) => {
        checkCmid(args);
        this.issued += 1;
        const token = `token-${this.issued}`;
        this.tokens.add(token);
        return { token, expires: Math.floor(Date.now() / 1000) + 3600 };
      },
    };
  }

  /** One call, as external_api::call_external_function answers it. */
  answer(methodname, args, sesskey) {
    try {
      if (sesskey !== this.sesskey) {
        throw moodleException(
          'invalidsesskey',
          'Your session has most likely timed out. Please log in again.',
          'moodle',
        );
      }
      const failure = this.failures.get(methodname);
      if (failure) throw failure;
      const fn = this.functions()[methodname];
      if (!fn) {
        throw moodleException('invalidrecord', "Can't find data record in database table external_functions.");
      }
      return { error: false, data: fn(args) };
    } catch (exception) {
      return { error: true, exception };
    }
  }

  /** The msw handlers of the two endpoints. */
  handlers() {
    return [
      http.post(SERVICE_PATH, async ({ request }) => {
        if (this.network.service) return HttpResponse.error();
        const url = new URL(request.url);
        const requests = await request.json();
        const responses = [];
        for (const { index, methodname, args } of requests) {
          this.calls.push({
            methodname,
            args,
            info: url.searchParams.get('info'),
            nosessionupdate: url.searchParams.get('nosessionupdate') === 'true',
          });
          const response = this.answer(methodname, args, url.searchParams.get('sesskey'));
          responses[index] = response;
          if (response.error) break;
        }
        return HttpResponse.json(responses);
      }),
      http.get(POLL_PATH, ({ request }) => {
        if (this.network.poll) return HttpResponse.error();
        const token = new URL(request.url).searchParams.get('t') ?? '';
        this.polls.push(token);
        if (this.pollMissing) {
          return new HttpResponse('No such file or directory', {
            status: 404,
            headers: { 'Content-Type': 'text/html' },
          });
        }
        const headers = { 'Cache-Control': 'no-store, private' };
        if (!token) return HttpResponse.json({ error: 'malformed' }, { status: 400, headers });
        if (this.refuseTokens) return HttpResponse.json({ error: 'bad_signature' }, { status: 403, headers });
        if (!this.tokens.has(token)) return HttpResponse.json({ error: 'expired' }, { status: 403, headers });
        if (this.gone) return HttpResponse.json({ error: 'gone' }, { status: 404, headers });
        return HttpResponse.json({ v: this.state.version }, { headers });
      }),
    ];
  }
}

/**
 * A minimal core/ajax `call` for one request: POSTs `[{index, methodname, args}]` to lib/ajax/service.php with
 * the session key and the method name in the address, as core/ajax does, and settles its promise as core/ajax
 * does: the `data` of `{error: false}`; Moodle's `exception` of `{error: true}`; the answer itself when the whole
 * request failed; and jQuery's error text when no answer came (an empty string for a network failure, the status
 * text for an HTTP error).
 *
 * @param {{sesskey: string, wwwroot?: string}} site
 * @returns {function(string, object, boolean=): Promise<object>}
 */
export const moodleAjax =
  ({ sesskey, wwwroot = location.origin }) =>
  async (methodname, args, nosessionupdate = false) => {
    let url = `${wwwroot}${SERVICE_PATH}?sesskey=${encodeURIComponent(sesskey)}&info=${encodeURIComponent(methodname)}`;
    if (nosessionupdate) url += '&nosessionupdate=true';
    let response;
    try {
      response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([{ index: 0, methodname, args }]),
      });
    } catch {
      return Promise.reject('');
    }
    if (!response.ok) return Promise.reject(response.statusText);
    const responses = await response.json();
    if (!Array.isArray(responses)) return Promise.reject(responses);
    const [answer] = responses;
    if (!answer) return Promise.reject(new Error('missing response'));
    if (answer.error === false) return answer.data;
    return Promise.reject(answer.exception);
  };

/** A clock driven by the test: timers run only when the test fires them; every planned delay is kept. */
export class FakeClock {
  constructor() {
    /** @type {Map<number, {callback: Function, delay: number}>} */
    this.timers = new Map();
    /** @type {number[]} every delay planned, in order */
    this.delays = [];
    this.nextId = 1;
    this.setTimeout = (callback, delay) => {
      const id = this.nextId++;
      this.timers.set(id, { callback, delay });
      this.delays.push(delay);
      return id;
    };
    this.clearTimeout = (id) => {
      this.timers.delete(id);
    };
  }

  /** The delay of the one planned timer. */
  get pending() {
    if (this.timers.size !== 1) throw new Error(`${this.timers.size} timers are planned, expected one`);
    return [...this.timers.values()][0].delay;
  }

  /** Runs the one planned timer, as if its delay had passed. */
  fire() {
    const [[id, timer]] = [...this.timers];
    this.timers.delete(id);
    timer.callback();
  }
}

/** A page whose visibility the test sets: a document for visibilitychange and a window for focus and network. */
export function fakePage() {
  const doc = new EventTarget();
  doc.visibilityState = 'visible';
  doc.querySelectorAll = (selector) => document.querySelectorAll(selector);
  const win = new EventTarget();
  return {
    document: doc,
    window: win,
    setVisible(visible) {
      doc.visibilityState = visible ? 'visible' : 'hidden';
      doc.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

/** A host that records what the logic tells it. */
export function recordingHost() {
  return {
    emitted: [],
    online: [],
    frames: [],
    emit(instance, subject, data) {
      this.emitted.push({ instance, subject, data });
    },
    setOnline(value) {
      this.online.push(value);
    },
    allowFrame(frame, origin, instance) {
      this.frames.push({ frame, origin, instance });
    },
  };
}

/** The configuration local_magactivities\activity_page::render() gives the host module, for course module 42. */
export const pageConfig = (overrides = {}) => ({
  bundleBase: `${location.origin}/`,
  hostModule: 'mag-host.js',
  pollUrl: `${location.origin}${POLL_PATH}`,
  poll: { min: 2000, max: 30000, factor: 1.5 },
  frameOrigins: [],
  user: { id: '7', name: 'Lucas Bernard' },
  role: 'trainee',
  instance: '42',
  cmid: 42,
  type: 'reactions',
  modname: 'magreactions',
  token: 'token-1',
  version: 1,
  ...overrides,
});
