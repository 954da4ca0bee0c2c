import { expect, fixture, html } from '@open-wc/testing';
import { BridgeError, BridgeHost } from '../../../activities/src/host/host.js';
import { runBridgeContractTests } from '../../../activities/src/testing/bridge-contract.js';
import { sleep, until } from '../../../activities/src/testing/helpers.js';
import { aggregate } from '../aggregate.js';
import { CloudLayout } from '../layout/layout.js';
import { LayoutClient } from '../layout/layout-client.js';
import type { LayoutResult } from '../layout/layout.js';
import { CanvasGlyphs } from '../layout/sprites.js';
import { normalizeEntry } from '../normalize.js';
import { getState, submit, updated, withdraw, type WordcloudState } from '../protocol.js';
import {
  DEFAULT_SETTINGS,
  close,
  exportData,
  hide,
  merge,
  open,
  reset,
  type WordcloudSettings,
} from '../trainer-protocol.js';
import { svgToPng, toCsv } from './exports.js';
import type { MagWordcloudTrainer } from './trainer-panel.js';
import type { MagWordcloud } from './wordcloud.component.js';
import './wordcloud.js';

type Role = 'trainer' | 'trainee';

/**
 * A host with an in-memory word cloud for these element tests, counting with the real trusted logic. The
 * reference host's server (host/test/wordcloud.test.ts) and the end-to-end tests prove the real path.
 */
function memoryHost(role: Role, options: { locale?: 'fr' | 'en'; settings?: Partial<WordcloudSettings> } = {}) {
  const settings: WordcloudSettings = { ...DEFAULT_SETTINGS, stopList: [], ...options.settings };
  const entries: { id: number; user: string; text: string; key: string }[] = [];
  const hidden: string[] = [];
  const merges: { target: string; members: string[] }[] = [];
  const keys = new Map<string, number>();
  const calls: { subject: string; payload: unknown }[] = [];
  let version = 1;
  let nextId = 1;
  const me = role === 'trainer' ? 'claire' : 'lucas';
  const host = new BridgeHost({
    context: { locale: options.locale ?? 'fr', role, user: { id: me, name: 'Claire Martin' } },
  });
  const state = (): WordcloudState => {
    const cloud = aggregate(
      entries.map(({ user, text }) => ({ user, text })),
      { merges, hidden, accentsMerge: settings.accentsMerge, stopList: settings.stopList, offensive: 'default' },
    );
    const mine = entries
      .filter((entry) => entry.user === me)
      .map(({ id, text }) => ({ id, text, status: 'visible' as const }));
    const maySee =
      role === 'trainer' ||
      settings.visibility === 'always' ||
      (settings.visibility === 'after_answer' && mine.length > 0);
    const base: WordcloudState = {
      version,
      open: settings.open,
      question: settings.question,
      limits: {
        minPerPerson: settings.minPerPerson,
        maxPerPerson: settings.maxPerPerson,
        maxLength: settings.maxLength,
      },
      visibility: settings.visibility,
      display: { rotate: settings.rotate },
      mine,
      participants: new Set(entries.map((entry) => entry.user)).size,
      cloud: maySee ? cloud : null,
    };
    if (role !== 'trainer') return base;
    return {
      ...base,
      settings: { ...settings },
      moderation: { pending: [], hidden: [...hidden], merges: structuredClone(merges), suggestions: [], entries: [] },
    };
  };
  const changed = (): void => {
    version++;
    host.emit('w1', updated.subject, { version });
  };
  /** Another person answers (as if from another phone). */
  const add = (user: string, text: string): void => {
    entries.push({ id: nextId++, user, text, key: crypto.randomUUID() });
    changed();
  };
  host.handle(getState, (payload) => {
    calls.push({ subject: getState.subject, payload });
    return state();
  });
  host.handle(submit, ({ text, key }) => {
    calls.push({ subject: submit.subject, payload: { text, key } });
    const known = keys.get(key);
    if (known !== undefined) {
      const entry = entries.find((e) => e.id === known)!;
      return { accepted: true, entry: { id: entry.id, text: entry.text, status: 'visible' as const } };
    }
    if (!settings.open) return { accepted: false, error: 'closed' as const };
    const normalized = normalizeEntry(text, { maxLength: settings.maxLength });
    if (!normalized.ok) return { accepted: false, error: normalized.error };
    const own = entries.filter((entry) => entry.user === me);
    if (own.some((entry) => entry.text.toLowerCase() === normalized.text.toLowerCase())) {
      return { accepted: false, error: 'duplicate' as const };
    }
    const id = nextId++;
    entries.push({ id, user: me, text: normalized.text, key });
    keys.set(key, id);
    changed();
    return { accepted: true, entry: { id, text: normalized.text, status: 'visible' as const } };
  });
  host.handle(withdraw, ({ id }) => {
    const index = entries.findIndex((entry) => entry.id === id && entry.user === me);
    if (index < 0) return { withdrawn: false, error: 'not_found' as const };
    entries.splice(index, 1);
    changed();
    return { withdrawn: true };
  });
  host.handle(hide, ({ word }) => {
    calls.push({ subject: hide.subject, payload: { word } });
    hidden.push(word);
    changed();
    return state();
  });
  host.handle(merge, (payload) => {
    calls.push({ subject: merge.subject, payload });
    merges.push(payload);
    changed();
    return state();
  });
  host.handle(close, () => {
    settings.open = false;
    changed();
    return state();
  });
  host.handle(open, () => {
    settings.open = true;
    changed();
    return state();
  });
  host.handle(reset, () => {
    entries.length = 0;
    changed();
    return state();
  });
  host.handle(exportData, () => ({ words: state().cloud!.words, truncated: false }));
  return { host, calls, add, entries, settings, state };
}

async function mount(role: Role, options: Parameters<typeof memoryHost>[1] = {}) {
  const memory = memoryHost(role, options);
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 900px"></div>`);
  const stop = memory.host.listen(wrapper);
  const element = document.createElement('mag-wordcloud') as MagWordcloud;
  element.instance = 'w1';
  wrapper.append(element);
  await until(() => element.connectionStatus === 'connected', 'connected');
  await until(() => element.shadowRoot!.querySelector('form, [data-info="closed"]') !== null, 'the state');
  return { ...memory, element, wrapper, close: () => (stop(), memory.host.close(), element.remove()) };
}

const $ = <T extends Element = HTMLElement>(element: MagWordcloud, selector: string) =>
  element.shadowRoot!.querySelector<T>(selector);
const $$ = (element: MagWordcloud, selector: string) => [...element.shadowRoot!.querySelectorAll(selector)];

async function answer(element: MagWordcloud, text: string): Promise<void> {
  const input = $<HTMLInputElement>(element, '#answer')!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await element.updateComplete;
  $<HTMLButtonElement>(element, 'button[type="submit"]')!.click();
}

/** Opens the table of words (its rows are built only while it is open), as a user would, with its summary. */
async function openTable(element: MagWordcloud): Promise<void> {
  const details = $<HTMLDetailsElement>(element, 'details.table')!;
  if (!details.open) details.querySelector('summary')!.click();
  await until(() => $(element, 'tr[data-row]') !== null, 'the rows of the table');
}

const wordsInCloud = (element: MagWordcloud) => $$(element, 'svg.cloud text').map((node) => node.textContent);

describe('<mag-wordcloud>', () => {
  beforeEach(() => localStorage.clear());

  it('is accessible (axe), for a trainee and for a trainer with the tools open', async () => {
    const trainee = await mount('trainee', { settings: { question: 'Un mot pour le numérique ?' } });
    trainee.add('emma', 'partage');
    await until(() => wordsInCloud(trainee.element).length === 1, 'a word');
    await expect(trainee.element).to.be.accessible();
    trainee.close();
    const trainer = await mount('trainer');
    trainer.add('emma', 'partage');
    await until(() => $(trainer.element, 'mag-wordcloud-trainer') !== null, 'the trainer tools');
    await until(() => wordsInCloud(trainer.element).length === 1, 'a word');
    for (const details of trainer.element.shadowRoot!.querySelectorAll('details')) details.open = true;
    await expect(trainer.element).to.be.accessible();
    trainer.close();
  });

  it('sends an answer, shows it as mine, in the cloud and in the table', async () => {
    const { element, calls, close } = await mount('trainee', { settings: { question: 'Un mot ?' } });
    expect($(element, '.question')!.textContent).to.equal('Un mot ?');
    expect($(element, 'label[for="answer"]')!.textContent).to.equal('Votre réponse');
    await answer(element, '  Coopération  ');
    await until(() => $(element, '[data-entry]') !== null, 'my entry');
    expect($(element, '[data-entry] .text')!.textContent).to.equal('Coopération');
    const sent = calls.find((call) => call.subject === submit.subject)!.payload as { text: string; key: string };
    expect(sent.text).to.equal('Coopération');
    expect(sent.key).to.match(/^[0-9a-f-]{36}$/);
    await until(() => wordsInCloud(element).includes('Coopération'), 'the word in the cloud');
    await openTable(element);
    expect($(element, 'tr[data-row="Coopération"] td.number:last-child')!.textContent).to.equal('1');
    expect($(element, '[role="status"]')!.textContent).to.match(/Réponse envoyée/);
    expect($<HTMLInputElement>(element, '#answer')!.value).to.equal('');
    close();
  });

  it('says why an answer is refused, before sending when it can', async () => {
    const { element, calls, close } = await mount('trainee', { settings: { maxLength: 10, maxPerPerson: 2 } });
    await answer(element, '   ');
    await element.updateComplete;
    expect($(element, '[role="alert"]')!.textContent).to.match(/Écrivez un mot/);
    expect($(element, '#answer')!.getAttribute('aria-invalid')).to.equal('true');
    await answer(element, 'x'.repeat(10_000));
    await element.updateComplete;
    expect($(element, '[role="alert"]')!.textContent).to.match(/10 caractères au plus/);
    // Ten graphemes, many more code units: accepted.
    await answer(element, '👩‍🏫'.repeat(10));
    await until(() => $$(element, '[data-entry]').length === 1, 'an emoji entry');
    await answer(element, '👩‍🏫'.repeat(10));
    await element.updateComplete;
    expect($(element, '[role="alert"]')!.textContent).to.match(/déjà donné cette réponse/);
    expect(calls.filter((call) => call.subject === submit.subject)).to.have.length(1);
    close();
  });

  it('renders hostile text as text, in the cloud, the table and my answers', async () => {
    const { element, add, close } = await mount('trainee', { settings: { maxLength: 100 } });
    const hostile = '<img src=x onerror="window.__pwned=1">';
    add('emma', hostile);
    await answer(element, '<b>gras</b>');
    await until(() => wordsInCloud(element).length === 2, 'two words');
    expect(element.shadowRoot!.querySelector('img, b')).to.equal(null);
    expect(wordsInCloud(element)).to.include(hostile);
    expect($(element, '[data-entry] .text')!.textContent).to.equal('<b>gras</b>');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    close();
  });

  it('keeps an answer through a lost connection and sends it once, with the same key', async () => {
    const { host, element, calls, entries, close } = await mount('trainee');
    let failures = 1;
    const original = calls.length;
    // The host's server is unreachable for the first try.
    host.handle(submit, ({ text, key }) => {
      calls.push({ subject: submit.subject, payload: { text, key } });
      if (failures-- > 0) throw new BridgeError('timeout', 'The server did not answer.');
      entries.push({ id: 99, user: 'lucas', text, key });
      return { accepted: true, entry: { id: 99, text, status: 'visible' as const } };
    });
    await answer(element, 'résilience');
    await until(() => /Pas de réseau/.test($(element, '[role="status"]')?.textContent ?? ''), 'the queued notice');
    expect($(element, '[data-queued] .status')!.textContent).to.match(/en attente d'envoi/);
    window.dispatchEvent(new Event('online'));
    await until(() => $(element, '[data-queued]') === null, 'sent');
    const tries = calls.slice(original).filter((call) => call.subject === submit.subject);
    expect(tries).to.have.length(2);
    expect((tries[0]!.payload as { key: string }).key).to.equal((tries[1]!.payload as { key: string }).key);
    expect(entries.filter((entry) => entry.text === 'résilience')).to.have.length(1);
    close();
  });

  it('asks for the state again when a refresh failed, without waiting for the next change', async () => {
    // Seen in Moodle on a saturated server: the state request after the room's last answer timed out, and the page
    // kept the old cloud, since no later event came to ask again.
    const { host, element, add, state, calls, close } = await mount('trainee');
    let failures = 1;
    host.handle(getState, (payload) => {
      calls.push({ subject: getState.subject, payload });
      if (failures-- > 0) throw new BridgeError('timeout', 'The server did not answer.');
      return state();
    });
    const before = calls.filter((call) => call.subject === getState.subject).length;
    add('emma', 'persévérance');
    await until(() => calls.filter((call) => call.subject === getState.subject).length > before, 'the failed refresh');
    await until(() => wordsInCloud(element).includes('persévérance'), 'the word after a retry', 8_000);
    expect(calls.filter((call) => call.subject === getState.subject).length).to.equal(before + 2);
    expect($(element, '[role="alert"]')).to.equal(null);
    close();
  });

  it('sends what a closed page left waiting, with its first key', async () => {
    const first = await mount('trainee');
    first.host.handle(submit, () => {
      throw new BridgeError('timeout', 'offline');
    });
    await answer(first.element, 'patience');
    await until(() => $(first.element, '[data-queued]') !== null, 'queued');
    const stored = JSON.parse(localStorage.getItem('mag-wordcloud-outbox:w1:lucas')!) as { key: string }[];
    expect(stored).to.have.length(1);
    first.close();
    const second = await mount('trainee');
    await until(() => second.entries.some((entry) => entry.text === 'patience'), 'the answer sent on the next page');
    expect(second.entries.find((entry) => entry.text === 'patience')!.key).to.equal(stored[0]!.key);
    expect(localStorage.getItem('mag-wordcloud-outbox:w1:lucas')).to.equal(null);
    second.close();
  });

  it('lets a trainee withdraw an answer, and stops at the limit', async () => {
    const { element, entries, close } = await mount('trainee', { settings: { maxPerPerson: 1 } });
    await answer(element, 'écoute');
    await until(() => $(element, '[data-entry]') !== null, 'an entry');
    expect($<HTMLInputElement>(element, '#answer')!.disabled).to.equal(true);
    expect($(element, '#answer-hint')!.textContent).to.match(/toutes vos réponses/);
    const button = $<HTMLButtonElement>(element, '[data-entry] button')!;
    expect(button.getAttribute('aria-label')).to.equal('Retirer « écoute »');
    button.click();
    await until(() => $(element, '[data-entry]') === null, 'withdrawn');
    expect(entries).to.have.length(0);
    expect($<HTMLInputElement>(element, '#answer')!.disabled).to.equal(false);
    close();
  });

  it('hides the cloud from a trainee until they answer when the trainer says so', async () => {
    const { element, add, close } = await mount('trainee', { settings: { visibility: 'after_answer' } });
    add('emma', 'curiosité');
    await until(() => $(element, '[data-info="hidden-cloud"]') !== null, 'the notice');
    expect($(element, 'svg.cloud')).to.equal(null);
    expect($(element, 'table')).to.equal(null);
    await answer(element, 'plaisir');
    await until(() => wordsInCloud(element).length === 2, 'the cloud after answering');
    close();
  });

  it('shows nothing to answer when closed', async () => {
    const { element, close } = await mount('trainee', { settings: { open: false } });
    expect($(element, '[data-info="closed"]')!.textContent).to.match(/fermées/);
    expect($(element, 'form')).to.equal(null);
    close();
  });

  it('follows live updates: new words appear and the others keep their places', async () => {
    const { element, add, close } = await mount('trainee');
    for (const [i, word] of ['numérique', 'partage', 'école', 'réseau', 'projet'].entries()) add(`u${i}`, word);
    await until(() => wordsInCloud(element).length === 5, 'five words');
    const places = () =>
      new Map($$(element, 'svg.cloud text').map((node) => [node.textContent, (node as SVGElement).style.transform]));
    const before = places();
    const nodes = new Map($$(element, 'svg.cloud text').map((node) => [node.textContent, node]));
    add('u9', 'collectif');
    await until(() => wordsInCloud(element).length === 6, 'six words');
    const after = places();
    for (const [word, transform] of before) expect(after.get(word), word).to.equal(transform);
    // The same nodes: nothing was redrawn.
    for (const node of $$(element, 'svg.cloud text')) {
      if (node.textContent !== 'collectif') expect(nodes.get(node.textContent)).to.equal(node);
    }
    close();
  });

  it('ignores states older than the one it shows', async () => {
    const { host, element, add, close } = await mount('trainee');
    add('emma', 'un');
    add('hugo', 'deux');
    await until(() => wordsInCloud(element).length === 2, 'two words');
    host.emit('w1', updated.subject, { version: 1 });
    await sleep(1_600);
    expect(wordsInCloud(element)).to.have.length(2);
    close();
  });

  it('announces new answers politely, at a bounded rate', async () => {
    const { element, add, close } = await mount('trainee');
    add('emma', 'un');
    await until(() => wordsInCloud(element).length === 1, 'one word');
    add('hugo', 'deux');
    add('lina', 'trois');
    const live = () => $(element, '[aria-live="polite"]')!.textContent!.trim();
    await until(() => live() !== '', 'an announcement', 5_000);
    expect(live()).to.match(/^\d nouvelles? réponses? dans le nuage\.$/);
    close();
  });

  it('speaks English when the host says so', async () => {
    const { element, close } = await mount('trainee', { locale: 'en' });
    expect($(element, 'label[for="answer"]')!.textContent).to.equal('Your answer');
    expect($(element, 'section')!.getAttribute('lang')).to.equal('en');
    close();
  });

  it('never loads the trainer tools for a trainee', async () => {
    const { element, close } = await mount('trainee');
    await sleep(100);
    expect($(element, 'mag-wordcloud-trainer')).to.equal(null);
    expect($(element, '[data-action]')).to.equal(null);
    close();
  });

  it('gives the trainer keyboard-reachable tools: hide, merge, close, reset', async () => {
    const { element, add, calls, settings, entries, close } = await mount('trainer');
    add('emma', 'école');
    add('hugo', "l'école");
    add('lina', 'outil');
    await until(() => $(element, 'mag-wordcloud-trainer') !== null, 'the tools');
    const panel = $<MagWordcloudTrainer>(element, 'mag-wordcloud-trainer')!;
    const inPanel = <T extends Element = HTMLElement>(selector: string) => panel.shadowRoot!.querySelector<T>(selector);
    await until(() => panel.shadowRoot!.querySelectorAll('tr[data-moderate]').length === 3, 'three rows');
    inPanel<HTMLButtonElement>('tr[data-moderate="outil"] [data-action="hide"]')!.click();
    await until(() => calls.some((call) => call.subject === hide.subject), 'hide');
    await until(() => !wordsInCloud(element).includes('outil'), 'outil hidden');
    // Merge: tick two words, pick the target, merge.
    for (const word of ['école', "l'école"]) {
      const box = inPanel<HTMLInputElement>(`tr[data-moderate="${word}"] input[type="checkbox"]`)!;
      box.click();
    }
    await until(() => inPanel('form[data-form="merge"]') !== null, 'the merge form');
    inPanel<HTMLSelectElement>('#merge-target')!.value = 'école';
    inPanel<HTMLButtonElement>('form[data-form="merge"] button[type="submit"]')!.click();
    await until(() => calls.some((call) => call.subject === merge.subject), 'merge');
    expect(calls.find((call) => call.subject === merge.subject)!.payload).to.deep.equal({
      target: 'école',
      members: ["l'école"],
    });
    await until(() => wordsInCloud(element).length === 1, 'one merged word');
    await openTable(element);
    expect($(element, 'tr[data-row="école"] td.number:last-child')!.textContent).to.equal('2');
    // Close, then reset after confirming.
    inPanel<HTMLButtonElement>('[data-action="toggle-open"]')!.click();
    await until(() => !settings.open, 'closed');
    inPanel<HTMLButtonElement>('[data-action="reset"]')!.click();
    await panel.updateComplete;
    inPanel<HTMLButtonElement>('[data-action="confirm-reset"]')!.click();
    await until(() => entries.length === 0 && wordsInCloud(element).length === 0, 'reset');
    close();
  });

  it('projects the cloud in large type on black, and leaves with Escape', async () => {
    const { element, add, close } = await mount('trainer', { settings: { question: 'Votre mot ?' } });
    add('emma', 'confiance');
    await until(() => $(element, 'mag-wordcloud-trainer') !== null, 'the tools');
    const panel = $(element, 'mag-wordcloud-trainer')!;
    await until(() => panel.shadowRoot!.querySelector('[data-action="project"]') !== null, 'the button');
    panel.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="project"]')!.click();
    await until(() => $(element, '.projection') !== null, 'the projection');
    expect(getComputedStyle($(element, '.projection')!).backgroundColor).to.equal('rgb(0, 0, 0)');
    expect($(element, '.projection .question')!.textContent).to.equal('Votre mot ?');
    await until(() => wordsInCloud(element).includes('confiance'), 'the word projected');
    expect($(element, '.projection-bar')!.textContent).to.match(/1 participant/);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await until(() => $(element, '.projection') === null, 'back to the page');
    close();
  });

  it('exports a PNG of the cloud and a CSV safe from formula injection', async () => {
    const { element, add, close } = await mount('trainer');
    add('emma', 'partage');
    add('hugo', '=HYPERLINK("http://evil")');
    await until(() => wordsInCloud(element).length === 2, 'two words');
    await sleep(50);
    const png = await svgToPng($<SVGSVGElement>(element, 'svg.cloud')!, 1920, '#ffffff');
    expect(png.type).to.equal('image/png');
    const bitmap = await createImageBitmap(png);
    expect(bitmap.width).to.equal(1920);
    const csv = toCsv(['Mot', 'Personnes'], [['=HYPERLINK("http://evil")', 1]]);
    expect(csv).to.equal('\ufeffMot;Personnes\r\n"\'=HYPERLINK(""http://evil"")";1\r\n');
    close();
  });
});

describe('the layout with real glyphs, in a worker', () => {
  /** Paints each placed word's sprite on a fresh bit board; a pixel painted twice is an overlap. */
  function overlaps(result: LayoutResult, width: number, height: number): number {
    const glyphs = new CanvasGlyphs();
    const board = new Uint8Array(width * height);
    let count = 0;
    for (const word of result.words) {
      const sprite = glyphs.sprite(word.text, word.size, word.rotate);
      const stride = sprite.w >> 5;
      for (let y = 0; y < sprite.h; y++) {
        for (let x = 0; x < sprite.pw; x++) {
          if (!(sprite.bits[y * stride + (x >> 5)]! & (1 << (31 - (x & 31))))) continue;
          const px = word.x + sprite.x0 + x;
          const py = word.y + sprite.y0 + y;
          if (px < 0 || py < 0 || px >= width || py >= height) return Infinity;
          const at = py * width + px;
          if (board[at] !== 0) count++;
          else board[at] = 1;
        }
      }
    }
    return count;
  }

  const french = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      text:
        ['numérique', 'partage', "l'école", 'coopération', 'écran', 'œuvre', '👩‍🏫', 'réseau'][i % 8] +
        (i >= 8 ? ` ${i}` : ''),
      weight: 1 + ((i * 7) % 13),
    }));

  it('places 200 French words with accents and emoji without any overlap, inside the board', () => {
    const result = new CloudLayout(new CanvasGlyphs()).update(french(200), { width: 960, height: 540, rotate: true });
    expect(result.words.length + result.unplaced.length).to.equal(200);
    expect(result.words.length).to.be.greaterThan(190);
    expect(overlaps(result, 960, 540)).to.equal(0);
  });

  it('runs off the main thread and hands back the same picture as on it', async () => {
    const words = french(120);
    const options = { width: 960, height: 540, rotate: false };
    let result: LayoutResult | null = null;
    const client = new LayoutClient((r) => (result = r));
    client.layout(words, options);
    await until(() => result !== null, 'the worker', 10_000);
    const local = new CloudLayout(new CanvasGlyphs()).update(words, options);
    expect(result!.words).to.deep.equal(local.words);
    client.close();
  });
});

runBridgeContractTests({
  tag: 'mag-wordcloud',
  activity: 'wordcloud',
  module: '/wordcloud/src/element/wordcloud.ts',
  services(host) {
    host.handle(getState, () => ({
      version: 1,
      open: true,
      question: '',
      limits: { minPerPerson: 1, maxPerPerson: 3, maxLength: 40 },
      visibility: 'always' as const,
      display: { rotate: false },
      mine: [],
      cloud: { words: [], hiddenCount: 0 },
    }));
  },
  probe: { def: submit, payload: { text: 'contrat', key: 'contract-key-1' } },
  event: { def: updated, data: { version: 2 } },
});
