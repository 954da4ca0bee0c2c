#!/usr/bin/env node
// Measures, against a running Moodle, what one poll of a live activity costs the server, next to a normal AJAX
// call: the light endpoint local/magactivities/poll.php (token only, no session) and the web service
// mod_<modname>_get_state through lib/ajax/service.php (session cookie + sesskey, Moodle's AJAX format).
//
// Requests are sent one after the other (never two at once), after a few warm-up requests that are not counted,
// and timed from the request until the whole answer is read. Run it on the Moodle machine, or next to it, so that
// the figures are the server's time plus a loopback round trip. Prints min, median, p90, p99, max and mean, in ms.
//
// Environment:
//   MOODLE_URL       base address of the site, as $CFG->wwwroot (e.g. http://127.0.0.1:8000)
//   MAG_TOKEN        a channel token: the `token` of the activity's data-config in the page source, or the answer
//                    of local_magactivities_get_channel_token (it expires after the tokenttl admin setting)
//   MOODLE_SESSION   the session cookie of a logged-in user who may view the activity: its value, or
//                    `Name=value` when the cookie is not called MoodleSession ($CFG->sessioncookie)
//   MOODLE_SESSKEY   that session's sesskey (M.cfg.sesskey in the browser console)
//   MAG_CMID         course module id of the activity
//   MAG_MODNAME      activity module (default magreactions): the AJAX call is mod_<modname>_get_state
//
// Usage: node moodle-plugin-stubs/tools/bench-poll.mjs [--n 200] [--warmup 10] [--only poll|ajax]
//                                                      [--nosessionupdate] [--json]
//   --nosessionupdate  sends the AJAX call as the host's polling does (&nosessionupdate=true), not as a user's call
//   --json             prints one JSON object instead of the table
//
// Only poll (no session): MOODLE_URL, MAG_TOKEN and --only poll. Only the AJAX call: MOODLE_URL, MOODLE_SESSION,
// MOODLE_SESSKEY, MAG_CMID and --only ajax.

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const n = Number(option('--n', '200'));
const warmup = Number(option('--warmup', '10'));
const only = option('--only', '');
const nosessionupdate = args.includes('--nosessionupdate');
const asJson = args.includes('--json');

function fail(message) {
  console.error(`bench-poll: ${message}`);
  process.exit(1);
}

if (args.includes('--help') || args.includes('-h')) {
  console.log('See the comment at the top of moodle-plugin-stubs/tools/bench-poll.mjs.');
  process.exit(0);
}
if (!Number.isInteger(n) || n < 1) fail('--n must be a positive integer');
if (!Number.isInteger(warmup) || warmup < 0) fail('--warmup must be a non-negative integer');
if (only && only !== 'poll' && only !== 'ajax') fail('--only is poll or ajax');

const env = (name, required) => {
  const value = (process.env[name] ?? '').trim();
  if (!value && required) fail(`${name} is not set (see the top of this file)`);
  return value;
};
const base = env('MOODLE_URL', true).replace(/\/+$/, '');
const runPoll = only !== 'ajax';
const runAjax = only !== 'poll';

/** Percentile by nearest rank, of sorted values. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** min, median, p90, p99, max and mean of durations in ms. */
function summarize(durations) {
  const sorted = [...durations].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
  return {
    n: sorted.length,
    min: sorted[0],
    median: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    mean,
  };
}

/** Times `request` (which checks its answer and throws when it is wrong) `warmup + n` times, in sequence. */
async function measure(request) {
  const durations = [];
  for (let i = 0; i < warmup + n; i++) {
    const start = performance.now();
    await request();
    const elapsed = performance.now() - start;
    if (i >= warmup) durations.push(elapsed);
  }
  return summarize(durations);
}

/** One poll: `GET poll.php?t=…`, answered `{"v": N}`. */
function pollRequest() {
  const token = env('MAG_TOKEN', true);
  const url = `${base}/local/magactivities/poll.php?t=${encodeURIComponent(token)}`;
  return async () => {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const text = await response.text();
    if (response.status === 403) fail(`poll.php answered 403 ${text}: get a fresh MAG_TOKEN`);
    if (!response.ok) fail(`poll.php answered ${response.status} ${text}`);
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      fail(`poll.php did not answer JSON: ${text.slice(0, 200)}`);
    }
    if (typeof body?.v !== 'number') fail(`poll.php answered ${text.slice(0, 200)}, not {"v": N}`);
  };
}

/** One web service call as core/ajax sends it: `[{index, methodname, args}]` to lib/ajax/service.php. */
function ajaxRequest() {
  const session = env('MOODLE_SESSION', true);
  const sesskey = env('MOODLE_SESSKEY', true);
  const cmid = Number(env('MAG_CMID', true));
  if (!Number.isInteger(cmid) || cmid <= 0) fail('MAG_CMID must be a course module id');
  const modname = env('MAG_MODNAME', false) || 'magreactions';
  const methodname = `mod_${modname}_get_state`;
  const cookie = session.includes('=') ? session : `MoodleSession=${session}`;
  let url = `${base}/lib/ajax/service.php?sesskey=${encodeURIComponent(sesskey)}&info=${methodname}`;
  if (nosessionupdate) url += '&nosessionupdate=true';
  const body = JSON.stringify([{ index: 0, methodname, args: { cmid } }]);
  return async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Cookie: cookie },
      body,
      redirect: 'manual',
    });
    const text = await response.text();
    if (!response.ok) fail(`service.php answered ${response.status} ${text.slice(0, 200)}`);
    let answer;
    try {
      answer = JSON.parse(text);
    } catch {
      fail(`service.php did not answer JSON: ${text.slice(0, 200)}`);
    }
    if (!Array.isArray(answer)) fail(`service.php refused the request: ${text.slice(0, 300)}`);
    if (answer[0]?.error !== false) {
      const exception = answer[0]?.exception ?? {};
      fail(`${methodname} failed: ${exception.errorcode ?? '?'}: ${exception.message ?? text.slice(0, 200)}`);
    }
  };
}

const results = {};
if (runPoll) results.poll = await measure(pollRequest());
if (runAjax) results.ajax = await measure(ajaxRequest());

if (asJson) {
  console.log(JSON.stringify({ base, n, warmup, nosessionupdate, ...results }));
} else {
  const labels = {
    poll: 'poll.php (token, no session)',
    ajax: `service.php ${`mod_${env('MAG_MODNAME', false) || 'magreactions'}_get_state`}${nosessionupdate ? ' (nosessionupdate)' : ''}`,
  };
  const format = (value) => value.toFixed(1).padStart(7);
  console.log(`${base}: ${n} requests each, one at a time, after ${warmup} warm-up requests (ms)`);
  console.log(`${''.padEnd(48)}    min  median     p90     p99     max    mean`);
  for (const [key, s] of Object.entries(results)) {
    console.log(
      `${labels[key].padEnd(48)}${format(s.min)} ${format(s.median)} ${format(s.p90)} ${format(s.p99)} ${format(s.max)} ${format(s.mean)}`,
    );
  }
}
