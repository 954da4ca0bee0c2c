import { expect, fixture, html } from '@open-wc/testing';
import { BridgeHost, BridgeError } from '../host/host.js';
import { runBridgeContractTests } from '../testing/bridge-contract.js';
import { until } from '../testing/helpers.js';
import { getState, react, reset, updated, type ReactionsState } from './protocol.js';
import type { MagReactions } from './reactions.component.js';
import './reactions.js';

const zero = (): ReactionsState => ({ counts: { understood: 0, question: 0, lost: 0, slower: 0 }, version: 0 });

/** A host with an in-memory service, standing in for the server in these element tests. */
function memoryHost(role: 'trainer' | 'trainee', locale: 'fr' | 'en' = 'fr') {
  let current = zero();
  const keys = new Set<string>();
  const host = new BridgeHost({ context: { locale, role, user: { id: 'u', name: 'Claire Martin' } } });
  host.handle(getState, () => current);
  host.handle(react, ({ reaction, key }, call) => {
    const accepted = !keys.has(key);
    if (accepted) {
      keys.add(key);
      current = {
        counts: { ...current.counts, [reaction]: current.counts[reaction] + 1 },
        version: current.version + 1,
      };
      host.emit(call.instance, updated.subject, current);
    }
    return { accepted, state: current };
  });
  host.handle(reset, (_, call) => {
    current = { ...zero(), version: current.version + 1 };
    host.emit(call.instance, updated.subject, current);
    return current;
  });
  return { host, state: () => current };
}

async function mount(role: 'trainer' | 'trainee', locale: 'fr' | 'en' = 'fr') {
  const { host, state } = memoryHost(role, locale);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const stop = host.listen(wrapper);
  const element = document.createElement('mag-reactions') as MagReactions;
  element.instance = 'r1';
  wrapper.append(element);
  await until(() => element.connectionStatus === 'connected', 'connected');
  await until(
    () => element.shadowRoot!.querySelector('[data-count="understood"]')!.textContent!.trim().startsWith('0'),
    'state',
  );
  return { host, element, state, close: () => (stop(), host.close()) };
}

const button = (element: MagReactions, reaction: string) =>
  element.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-reaction="${reaction}"]`)!;

describe('<mag-reactions>', () => {
  it('is accessible (axe)', async () => {
    const { element, close } = await mount('trainer');
    await expect(element).to.be.accessible();
    close();
  });

  it('sends a reaction and shows the new count', async () => {
    const { element, state, close } = await mount('trainee');
    button(element, 'slower').click();
    await until(() => state().counts.slower === 1, 'the host to count it');
    await until(() => element.shadowRoot!.querySelector('[data-total]')!.getAttribute('data-total') === '1', 'total 1');
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).to.match(/Plus lentement/);
    close();
  });

  it('renders the reaction buttons as real buttons with names, in French by default', async () => {
    const { element, close } = await mount('trainee');
    const labels = [...element.shadowRoot!.querySelectorAll('button.reaction')].map((b) =>
      b.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(labels[0]).to.match(/J'ai compris/);
    expect(element.shadowRoot!.querySelector('[data-action="reset"]')).to.equal(null);
    close();
  });

  it('speaks English when the host says so', async () => {
    const { element, close } = await mount('trainee', 'en');
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.match(/I understood/);
    close();
  });

  it('lets a trainer reset after confirming, with the keyboard path of real buttons', async () => {
    const { element, state, close } = await mount('trainer');
    button(element, 'lost').click();
    await until(() => state().counts.lost === 1, 'one reaction');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="reset"]')!.click();
    await element.updateComplete;
    element.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="confirm-reset"]')!.click();
    await until(
      () =>
        state().counts.lost === 0 &&
        element.shadowRoot!.querySelector('[data-total]')!.getAttribute('data-total') === '0',
      'reset',
    );
    close();
  });

  it('follows live updates and ignores older states', async () => {
    const { host, element, close } = await mount('trainee');
    host.emit('r1', updated.subject, { counts: { understood: 5, question: 0, lost: 0, slower: 0 }, version: 10 });
    await until(() => element.shadowRoot!.querySelector('[data-total]')!.getAttribute('data-total') === '5', 'total 5');
    host.emit('r1', updated.subject, { counts: { understood: 1, question: 0, lost: 0, slower: 0 }, version: 3 });
    await new Promise((r) => setTimeout(r, 50));
    expect(element.shadowRoot!.querySelector('[data-total]')!.getAttribute('data-total')).to.equal('5');
    close();
  });

  it('says so when the host refuses for rate limiting', async () => {
    const host = new BridgeHost({ context: { locale: 'fr', role: 'trainee', user: null } });
    host.handle(getState, () => zero());
    host.handle(react, () => {
      throw new BridgeError('rate_limited', 'slow down');
    });
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    host.listen(wrapper);
    const element = document.createElement('mag-reactions') as MagReactions;
    element.instance = 'r2';
    wrapper.append(element);
    await until(() => element.connectionStatus === 'connected', 'connected');
    await until(() => !button(element, 'question').disabled, 'enabled');
    button(element, 'question').click();
    await until(() => element.shadowRoot!.querySelector('[role="alert"]') !== null, 'an alert');
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.match(/Doucement/);
    host.close();
  });

  it('renders user-provided titles as text', async () => {
    const { element, close } = await mount('trainee');
    element.activityTitle = '<img src=x onerror="window.__pwned=1">';
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('h2')!.textContent).to.contain('<img');
    close();
  });
});

runBridgeContractTests({
  tag: 'mag-reactions',
  activity: 'reactions',
  module: '/activities/src/reactions/reactions.ts',
  services(host) {
    host.handle(getState, () => zero());
  },
  probe: { def: react, payload: { reaction: 'understood', key: 'contract-key-1' } },
  event: { def: updated, data: { counts: { understood: 1, question: 0, lost: 0, slower: 0 }, version: 1 } },
});
