// The AMD build (amd/build/host.min.js and host_logic.min.js) loaded the way Moodle's RequireJS loads it, with a
// core/ajax stand-in that speaks lib/ajax/service.php's format to the msw mock, the real host SDK, real timers and
// the real page: proves that the wrapper wires the logic to Moodle as before the split.
/* global describe, it, before, after */
import { expect } from '@open-wc/testing';
import { HOST_READY_EVENT } from '../../activities/src/bridge/protocol.ts';
import { RawActivity, sleep, until } from '../../activities/src/testing/helpers.ts';
import { FakeMoodle, moodleAjax, pageConfig, startWorker } from './support.js';

const BUILD = '/moodle-plugin-stubs/local_magactivities/amd/build';

/** A tiny stand-in for RequireJS: `define(name, deps, factory)` from classic scripts, resolved on demand. */
function amdLoader(provided) {
  const factories = new Map();
  const modules = new Map(Object.entries(provided));
  window.define = (name, deps, factory) => factories.set(name, { deps, factory });
  const require = (name) => {
    if (modules.has(name)) return modules.get(name);
    const definition = factories.get(name);
    if (!definition) throw new Error(`No AMD module ${name}`);
    const exports = {};
    definition.factory(...definition.deps.map((dep) => (dep === 'exports' ? exports : require(dep))));
    modules.set(name, exports);
    return exports;
  };
  const load = (src) =>
    new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`Cannot load ${src}`));
      document.head.append(script);
    });
  return { require, load };
}

describe('local_magactivities/host (AMD build, as Moodle loads it)', () => {
  let worker;
  let moodle;
  let activity;
  const ajaxCalls = [];

  before(async () => {
    worker = await startWorker();
    moodle = new FakeMoodle();
    worker.resetHandlers(...moodle.handlers());
  });

  after(() => {
    activity?.close();
    worker.stop();
  });

  it('forwards requests through core/ajax, polls with real timers and pushes new versions', async () => {
    const call = moodleAjax({ sesskey: moodle.sesskey });
    // core/ajax's call(requests, async, loginrequired, nosessionupdate) returns one promise per request.
    const Ajax = {
      call: (requests, ...options) => {
        ajaxCalls.push({ requests, options });
        return requests.map((r) => call(r.methodname, r.args, options[2]));
      },
    };
    const amd = amdLoader({ 'core/ajax': Ajax });
    await amd.load(`${BUILD}/host_logic.min.js`);
    await amd.load(`${BUILD}/host.min.js`);
    const host = amd.require('local_magactivities/host');
    expect(Object.keys(host)).to.deep.equal(['init']);

    const wrapper = document.createElement('div');
    wrapper.id = 'local-magactivities-test';
    // The real SDK, served from its sources, stands for bundle.php/<rev>/mag-host.js.
    const config = pageConfig({
      bundleBase: `${location.origin}/activities/src/host/`,
      hostModule: 'index.ts',
      poll: { min: 50, max: 200, factor: 1.5 },
    });
    wrapper.dataset.config = JSON.stringify(config);
    document.body.append(wrapper);
    const ready = new Promise((resolve) => window.addEventListener(HOST_READY_EVENT, resolve, { once: true }));
    host.init(wrapper.id);
    await ready;

    activity = new RawActivity(wrapper, 'reactions', '42');
    expect(activity.claimed).to.equal(true);
    const hello = await activity.ask('bridge.hello', { versions: [1], activity: 'reactions', instance: '42' });
    expect(hello.result).to.include({ role: 'trainee' });
    expect(hello.result.user).to.deep.equal({ id: '7', name: 'Lucas Bernard' });

    const answer = await activity.ask('reactions.react', { reaction: 'understood', key: 'key-amd-1' });
    expect(answer.result.accepted).to.equal(true);
    expect(ajaxCalls[0]).to.deep.equal({
      requests: [
        { methodname: 'mod_magreactions_react', args: { reaction: 'understood', key: 'key-amd-1', cmid: 42 } },
      ],
      options: [true, true, false],
    });

    // Polling runs on the page's timers: a change on the server reaches the activity as an event.
    await until(() => moodle.polls.length >= 2, 'two polls', 3000);
    moodle.bump();
    const version = moodle.state.version;
    await until(
      () => activity.received.some((m) => m.subject === 'reactions.updated' && m.payload.version === version),
      'the new version pushed to the activity',
      3000,
    );
    const stateCall = ajaxCalls.find((c) => c.requests[0].methodname === 'mod_magreactions_get_state');
    expect(stateCall.options).to.deep.equal([true, true, true]);

    // A deleted activity stops the polling.
    moodle.gone = true;
    const pollsBefore = moodle.polls.length;
    await until(() => moodle.polls.length > pollsBefore, 'a poll answered 404', 3000);
    await sleep(100);
    const polls = moodle.polls.length;
    await sleep(500);
    expect(moodle.polls.length).to.equal(polls);
  });
});
