/**
 * The bridge contract, written once and run for every activity (as form-control base tests are for
 * form controls): an activity module passes its element and one request and one event it uses.
 * Runs in Chromium under @web/test-runner (mocha globals).
 */
import { expect } from '@open-wc/testing';
import type { BridgeController } from '../bridge/client.js';
import { MAX_MESSAGE_CHARS, type EventDef, type RequestDef } from '../bridge/protocol.js';
import type { MagElement } from '../base/mag-element.js';
import { BridgeHost, BridgeError, type HostInfo } from '../host/host.js';
import { RawActivity, sleep, trackListeners, until } from './helpers.js';

export interface ContractSubject<P = unknown, D = unknown> {
  /** The registered tag, e.g. `mag-reactions`. */
  tag: string;
  /** The activity type the element announces. */
  activity: string;
  /** Path (from the test server's root) of the module that registers the element, for frame tests. */
  module: string;
  /** Minimal services so that the element reaches its connected state. */
  services(host: BridgeHost): void;
  /** A request the activity makes (used to probe timeouts and rate limits). */
  probe: { def: RequestDef<P, unknown>; payload: P };
  /** An event the activity listens to, with valid data (used to probe cross-talk). */
  event: { def: EventDef<D>; data: D };
}

const trainee: HostInfo = { locale: 'fr', role: 'trainee', user: { id: 'u1', name: 'Lucas Bernard' } };

type Probed = MagElement & { bridge: BridgeController };

export function runBridgeContractTests<P, D>(subject: ContractSubject<P, D>): void {
  describe(`bridge contract: <${subject.tag}>`, () => {
    let container: HTMLDivElement;
    let host: BridgeHost;
    const cleanups: (() => void)[] = [];

    function mount(instance: string, into: HTMLElement = container): Probed {
      const element = document.createElement(subject.tag) as Probed;
      element.setAttribute('instance', instance);
      into.append(element);
      return element;
    }

    function startHost(info: HostInfo = trainee, options: Partial<ConstructorParameters<typeof BridgeHost>[0]> = {}) {
      host = new BridgeHost({ context: info, ...options });
      subject.services(host);
      cleanups.push(host.listen(container));
      return host;
    }

    beforeEach(() => {
      container = document.createElement('div');
      document.body.append(container);
    });

    afterEach(() => {
      container.remove();
      cleanups.splice(0).forEach((cleanup) => cleanup());
      host?.close();
    });

    it('connects in the page and tells the host what it is', async () => {
      startHost();
      const element = mount('contract-a');
      await until(() => element.connectionStatus === 'connected', 'connected');
      expect(host.connections).to.deep.equal([{ activity: subject.activity, instance: 'contract-a', frame: false }]);
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('[part="status"]')).to.equal(null);
    });

    it('connects when the host starts after the element', async () => {
      const element = mount('contract-late');
      await sleep(100);
      expect(element.connectionStatus).to.equal('connecting');
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('[part="status"]')!.textContent).to.match(/Connexion/);
      startHost();
      await until(() => element.connectionStatus === 'connected', 'connected after the host started');
    });

    it('keeps a request waiting through failed connection attempts until a host answers', async () => {
      const element = mount('contract-wait');
      await sleep(50);
      // A host that claims the port but never answers hello: the attempt fails after helloTimeoutMs.
      const mute = (event: Event) => {
        (event as CustomEvent<{ claimed: boolean }>).detail.claimed = true;
        event.stopPropagation();
      };
      container.addEventListener('mag-bridge-connect', mute);
      window.dispatchEvent(new Event('mag-bridge-host-ready'));
      const pending = element.bridge.request(subject.probe.def, subject.probe.payload, { timeoutMs: 8_000 });
      let settled = false;
      void pending.then(
        () => (settled = true),
        () => (settled = true),
      );
      await sleep(3_300); // past the 3 s hello timeout of the mute host
      expect(settled).to.equal(false);
      container.removeEventListener('mag-bridge-connect', mute);
      startHost();
      // An answer only the real host gives proves the request went through once it was there.
      host.handle(subject.probe.def, () => {
        throw new BridgeError('rate_limited', 'answered by the real host');
      });
      const failure = await pending.then(
        () => null,
        (error: unknown) => error,
      );
      expect((failure as BridgeError).message).to.equal('answered by the real host');
    });

    it('shows a version mismatch to the user and stops retrying', async () => {
      startHost(trainee, { versions: [99] });
      const element = mount('contract-v');
      await until(() => element.connectionStatus === 'incompatible', 'incompatible');
      await element.updateComplete;
      const alert = element.shadowRoot!.querySelector('[role="alert"]');
      expect(alert?.textContent).to.match(/pas compatible/);
      expect(host.connections).to.have.length(0);
    });

    it('answers a malformed payload with bad_request and an unknown subject with unsupported_subject', async () => {
      startHost();
      host.handle(subject.probe.def, () => ({}) as never);
      const raw = new RawActivity(container, subject.activity, 'contract-raw');
      expect(raw.claimed).to.equal(true);
      const hello = await raw.ask('bridge.hello', {
        versions: [1],
        activity: subject.activity,
        instance: 'contract-raw',
      });
      expect(hello.result).to.include({ role: 'trainee', locale: 'fr' });

      // Every payload schema is an object: a number is malformed for all of them.
      const malformed = await raw.ask(subject.probe.def.subject, 42);
      expect(malformed.error?.code).to.equal('bad_request');

      const broken = { protocol: 'mag-bridge', version: 1, subject: 'Not A Subject!', message_id: 'm-1' };
      raw.send(broken);
      expect((await raw.answerTo('m-1')).error?.code).to.equal('bad_request');

      const unknown = await raw.ask('nothing.here', {});
      expect(unknown.error?.code).to.equal('unsupported_subject');

      raw.send('not an envelope');
      raw.send(null);
      const ping = await raw.ask('bridge.ping', {});
      expect(ping.result).to.deep.equal({});
      raw.close();
    });

    it('refuses requests before hello, oversized messages and version mismatches', async () => {
      startHost();
      const raw = new RawActivity(container, subject.activity, 'contract-raw2');
      expect((await raw.ask('bridge.ping', {})).error?.code).to.equal('bad_request');
      const big = await raw.ask('bridge.hello', { pad: 'x'.repeat(MAX_MESSAGE_CHARS + 1) });
      expect(big.error?.code).to.equal('too_large');
      raw.send({ ...raw.envelope('bridge.hello', {}, 'v-2'), version: 2 });
      expect((await raw.answerTo('v-2')).error?.code).to.equal('version_mismatch');
      raw.close();
    });

    it('times out a request the host never answers', async () => {
      startHost();
      host.handle(subject.probe.def, () => new Promise(() => undefined));
      const element = mount('contract-t');
      await until(() => element.connectionStatus === 'connected', 'connected');
      let failure: unknown;
      await element.bridge
        .request(subject.probe.def, subject.probe.payload, { timeoutMs: 150 })
        .catch((e) => (failure = e));
      expect(failure).to.be.instanceOf(BridgeError);
      expect((failure as BridgeError).code).to.equal('timeout');
    });

    it('answers rate_limited when an activity floods the host', async () => {
      startHost(trainee, { rateLimit: { perSecond: 1, burst: 2 } });
      host.handle(subject.probe.def, () => ({}) as never);
      const element = mount('contract-r');
      await until(() => element.connectionStatus === 'connected', 'connected');
      const outcomes = await Promise.allSettled(
        [1, 2, 3, 4, 5].map(() => element.bridge.request(subject.probe.def, subject.probe.payload)),
      );
      const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as BridgeError).code : 'ok'));
      expect(codes).to.include('rate_limited');
    });

    it('keeps two activities on one page apart', async () => {
      startHost();
      const a = mount('contract-1');
      const b = mount('contract-2');
      await until(() => a.connectionStatus === 'connected' && b.connectionStatus === 'connected', 'both connected');
      const seen: string[] = [];
      a.bridge.on(subject.event.def, () => seen.push('a'));
      b.bridge.on(subject.event.def, () => seen.push('b'));
      host.emit('contract-1', subject.event.def.subject, subject.event.data);
      host.emit('contract-1', subject.event.def.subject, { malformed: true });
      await until(() => seen.length > 0, 'an event');
      await sleep(50);
      expect(seen).to.deep.equal(['a']);
    });

    it('shows when the host loses its server, and when it is back', async () => {
      startHost();
      const element = mount('contract-o');
      await until(() => element.connectionStatus === 'connected', 'connected');
      host.setOnline(false);
      await until(() => element.shadowRoot!.querySelector('[part="status"]') !== null, 'offline message');
      host.setOnline(true);
      await until(() => element.shadowRoot!.querySelector('[part="status"]') === null, 'no message');
    });

    it('leaves no listener and no port behind after disconnect', async () => {
      const windowListeners = trackListeners(window);
      cleanups.push(() => windowListeners.restore());
      startHost();
      const element = mount('contract-d');
      await until(() => element.connectionStatus === 'connected', 'connected');
      element.remove();
      await until(() => host.connections.length === 0, 'the host to free the connection');
      expect(windowListeners.live()).to.equal(0);
      expect((element.bridge as unknown as { channel: unknown }).channel).to.equal(null);
    });

    it('stays defined once when a second bundle registers the same tag', () => {
      const ctor = customElements.get(subject.tag) as unknown as { define(tag: string): void };
      expect(() => ctor.define(subject.tag)).not.to.throw();
      expect(customElements.get(subject.tag)).to.equal(ctor);
    });

    describe('in an iframe on another origin', () => {
      // The test page is served from 127.0.0.1; the frame from localhost: two real origins.
      const frameOrigin = `http://localhost:${location.port}`;
      const frameUrl = (instance: string, parents = location.origin) =>
        `${frameOrigin}/test/fixtures/activity-frame.html?` +
        new URLSearchParams({ module: subject.module, tag: subject.tag, instance, parents }).toString();

      function frame(url: string): HTMLIFrameElement {
        const iframe = document.createElement('iframe');
        iframe.title = 'activity';
        iframe.src = url;
        container.append(iframe);
        return iframe;
      }

      it('connects across origins, sizes the frame and emits lti.frameResize', async () => {
        startHost();
        const resizes: unknown[] = [];
        const onMessage = (event: MessageEvent) => {
          if (event.origin === frameOrigin && (event.data as { subject?: string })?.subject === 'lti.frameResize') {
            resizes.push(event.data);
          }
        };
        window.addEventListener('message', onMessage);
        cleanups.push(() => window.removeEventListener('message', onMessage));
        const iframe = frame(frameUrl('frame-ok'));
        cleanups.push(host.allowFrame(iframe, frameOrigin, 'frame-ok'));
        await until(
          () => host.connections.some((c) => c.frame && c.instance === 'frame-ok'),
          'frame connection',
          8_000,
        );
        await until(() => iframe.style.height !== '', 'iframe height', 4_000);
        expect(parseInt(iframe.style.height, 10)).to.be.greaterThan(50);
        await until(() => resizes.length > 0, 'lti.frameResize');
      });

      it('drops a frame of another origin', async () => {
        startHost();
        const iframe = frame(frameUrl('frame-wrong-origin'));
        cleanups.push(host.allowFrame(iframe, 'http://localhost:1', 'frame-wrong-origin'));
        await sleep(1_500);
        expect(host.connections).to.have.length(0);
      });

      it('drops a frame it did not register, even from an allowed origin', async () => {
        startHost();
        const registered = frame(frameUrl('frame-registered'));
        frame(frameUrl('frame-stranger'));
        cleanups.push(host.allowFrame(registered, frameOrigin, 'frame-registered'));
        await until(() => host.connections.length === 1, 'the registered frame', 8_000);
        await sleep(1_000);
        expect(host.connections.map((c) => c.instance)).to.deep.equal(['frame-registered']);
      });

      it('refuses a frame that connects as another instance', async () => {
        startHost();
        const iframe = frame(frameUrl('frame-impostor'));
        cleanups.push(host.allowFrame(iframe, frameOrigin, 'frame-expected'));
        await sleep(1_500);
        expect(host.connections).to.have.length(0);
      });

      it('does not connect to a parent that is not in its allowlist', async () => {
        startHost();
        const iframe = frame(frameUrl('frame-unlisted', 'http://example.invalid'));
        cleanups.push(host.allowFrame(iframe, frameOrigin, 'frame-unlisted'));
        await sleep(1_500);
        expect(host.connections).to.have.length(0);
      });

      it('reconnects after the frame reloads', async () => {
        let handshakes = 0;
        startHost(trainee, { onConnect: () => handshakes++ });
        const url = frameUrl('frame-reload');
        const iframe = frame(url);
        cleanups.push(host.allowFrame(iframe, frameOrigin, 'frame-reload'));
        await until(() => host.connections.length === 1, 'first connection', 8_000);
        const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
        iframe.src = `${url}&reload=1`;
        await loaded;
        await until(() => handshakes === 2, 'a second handshake', 8_000);
        await sleep(300);
        expect(host.connections).to.have.length(1);
        expect(host.connections[0]!.instance).to.equal('frame-reload');
      });
    });
  });
}
