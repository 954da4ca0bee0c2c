/**
 * The page of the word cloud's layout benchmark (layout-bench.ts builds it with Vite and opens it in Chromium).
 * It measures, in the same page and the same Chromium, `<mag-wordcloud>` (layout in a worker, incremental) and
 * plain d3-cloud run on the main thread as its README shows (`timeInterval` left at Infinity: one task).
 *
 * Main-thread blocking is measured with a probe that posts itself a message continuously and records the longest
 * gap between two deliveries: the longest task the page ran while the layout was under way.
 */
import d3Cloud from 'd3-cloud';
import { BridgeHost } from '../../activities/src/host/host.js';
import { getState, updated, type WordcloudState } from '../src/protocol.js';
import { sizeFactor } from '../src/layout/layout.js';
import { FONT_FAMILY, FONT_WEIGHT } from '../src/layout/font.js';
import '../src/element/wordcloud.js';
import { LayoutClient } from '../src/layout/layout-client.js';
import type { LayoutResult } from '../src/layout/layout.js';

interface D3Word {
  text: string;
  size: number;
  x?: number;
  y?: number;
}

const VOCABULARY = [
  'numérique',
  'partage',
  'coopération',
  'école',
  'écrans',
  'réseau',
  'projet',
  'autonomie',
  'créativité',
  'collaboratif',
  'outils',
  'tablette',
  'ENT',
  'évaluation',
  'différenciation',
  'inclusion',
  'confiance',
  'curiosité',
  'plaisir',
  'motivation',
  'bienveillance',
  'rigueur',
  'communication',
  'formation',
  'pédagogie',
  'innovation',
  'engagement',
  'classe',
  'élèves',
  'parents',
  'vidéo',
  'podcast',
  'programmation',
  'robotique',
  'sobriété',
  'citoyenneté',
  'médias',
  'information',
  'esprit critique',
  'accessibilité',
];

/** `count` distinct words with weights in a Zipf-like spread (a few words many people gave, many words one). */
export function words(count: number): { text: string; weight: number }[] {
  return Array.from({ length: count }, (_, i) => ({
    text:
      i < VOCABULARY.length
        ? VOCABULARY[i]!
        : `${VOCABULARY[i % VOCABULARY.length]} ${Math.floor(i / VOCABULARY.length)}`,
    weight: Math.max(1, Math.round(20 / (i + 1) ** 0.75)),
  }));
}

function state(version: number, list: { text: string; weight: number }[]): WordcloudState {
  let rank = 0;
  let last = -1;
  return {
    version,
    open: true,
    question: 'Un mot pour le numérique\u202f?',
    limits: { minPerPerson: 1, maxPerPerson: 3, maxLength: 40 },
    visibility: 'always',
    display: { rotate: false },
    mine: [],
    cloud: {
      words: list.map((word) => ({ ...word, rank: word.weight === last ? rank : ((last = word.weight), ++rank) })),
      hiddenCount: 0,
    },
  };
}

/** Records the longest gap between two deliveries of a message the page keeps posting itself. */
function startProbe(): () => number {
  const channel = new MessageChannel();
  let last = performance.now();
  let longest = 0;
  let running = true;
  channel.port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  return () => {
    running = false;
    channel.port1.close();
    return longest;
  };
}

const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Plain d3-cloud on the main thread: the time of its one blocking layout, and how many words it placed. */
async function d3(count: number, scale: number): Promise<{ ms: number; longestTaskMs: number; placed: number }> {
  const list = words(count);
  await settle();
  const stop = startProbe();
  const started = performance.now();
  const placed = await new Promise<number>((resolve) => {
    d3Cloud()
      .size([960, 540])
      .words(list.map((word) => ({ text: word.text, size: Math.round(scale * sizeFactor(word.weight)) })) as D3Word[])
      .padding(2)
      .rotate(0)
      .font(FONT_FAMILY)
      .fontWeight(FONT_WEIGHT)
      .fontSize((word) => (word as D3Word).size)
      .random(() => 0.5)
      .on('end', (placedWords: unknown[]) => resolve(placedWords.length))
      .start();
  });
  const ms = performance.now() - started;
  await settle();
  return { ms, longestTaskMs: stop(), placed };
}

interface Mounted {
  element: HTMLElement & { connectionStatus?: string };
  host: BridgeHost;
  setWords(list: { text: string; weight: number }[]): void;
  close(): void;
}

let nextInstance = 1;
async function mount(list: { text: string; weight: number }[]): Promise<Mounted> {
  const instance = `bench-${nextInstance++}`;
  let current = state(1, list);
  const host = new BridgeHost({ context: { locale: 'fr', role: 'trainee', user: { id: 'b', name: 'Bench' } } });
  host.handle(getState, () => current);
  const wrapper = document.createElement('div');
  wrapper.style.width = '1000px';
  document.body.append(wrapper);
  const stop = host.listen(wrapper);
  const element = document.createElement('mag-wordcloud') as Mounted['element'];
  element.setAttribute('instance', instance);
  wrapper.append(element);
  return {
    element,
    host,
    setWords(next) {
      current = state(current.version + 1, next);
      host.emit(instance, updated.subject, { version: current.version });
    },
    close() {
      stop();
      host.close();
      wrapper.remove();
    },
  };
}

const drawn = (element: HTMLElement): number => element.shadowRoot?.querySelectorAll('svg.cloud text').length ?? 0;

function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) resolve(performance.now());
      else if (performance.now() - started > timeoutMs) reject(new Error('timed out'));
      else requestAnimationFrame(check);
    };
    check();
  });
}

/**
 * `<mag-wordcloud>`: from the state's arrival to the cloud drawn (layout in the worker, then render), the longest
 * main-thread task meanwhile, and how many words are drawn.
 */
async function ours(count: number): Promise<{ ms: number; longestTaskMs: number; visible: number; scale: number }> {
  await settle();
  const list = words(count);
  const stop = startProbe();
  const started = performance.now();
  const mounted = await mount(list);
  // Drawn: every word either in the SVG or counted as only in the table.
  const done = await waitFor(() => {
    const unplaced = mounted.element.shadowRoot?.querySelector('[data-info="unplaced"]');
    const extra = unplaced ? Number(/\d+/.exec(unplaced.textContent ?? '')?.[0] ?? 0) : 0;
    return drawn(mounted.element) > 0 && drawn(mounted.element) + extra === count;
  });
  await settle();
  const longestTaskMs = stop();
  const visible = drawn(mounted.element);
  const scale = Number(
    (
      mounted.element.shadowRoot!.querySelector('svg.cloud text:last-child') as SVGElement | null
    )?.style.fontSize.replace('px', '') ?? 0,
  );
  mounted.close();
  return { ms: done - started, longestTaskMs, visible, scale };
}

/** One more word in a 200-word cloud: from the new state's arrival to the word drawn, others in place. */
async function addOne(): Promise<{ ms: number; longestTaskMs: number; moved: number }> {
  const list = words(200);
  const mounted = await mount(list);
  await waitFor(() => drawn(mounted.element) >= 180);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const before = new Map(
    [...mounted.element.shadowRoot!.querySelectorAll<SVGElement>('svg.cloud text')].map((t) => [
      t.textContent,
      t.style.transform,
    ]),
  );
  const count = drawn(mounted.element);
  // The element refreshes after the event; time from the host's answer, the moment the new state exists.
  let answered = 0;
  mounted.host.handle(getState, () => {
    answered = performance.now();
    return state(99, [...list, { text: 'nouveau mot', weight: 1 }]);
  });
  const stop = startProbe();
  // The moment the word's node enters the SVG, to the microsecond (polling by frames would add up to 16 ms).
  const inserted = new Promise<number>((resolve) => {
    const observer = new MutationObserver(() => {
      if (drawn(mounted.element) === count + 1) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(mounted.element.shadowRoot!, { childList: true, subtree: true });
  });
  mounted.setWords([...list, { text: 'nouveau mot', weight: 1 }]);
  const done = await inserted;
  await settle();
  const longestTaskMs = stop();
  let moved = 0;
  for (const text of mounted.element.shadowRoot!.querySelectorAll<SVGElement>('svg.cloud text')) {
    const previous = before.get(text.textContent);
    if (previous !== undefined && previous !== text.style.transform) moved++;
  }
  mounted.close();
  return { ms: done - answered, longestTaskMs, moved };
}

/** The layout alone, in its worker (started and warmed up first): the figure to set beside d3-cloud's. */
async function worker(count: number): Promise<{ ms: number; longestTaskMs: number; placed: number }> {
  let resolveResult: (result: LayoutResult) => void = () => undefined;
  const client = new LayoutClient((result) => resolveResult(result));
  const next = () => new Promise<LayoutResult>((resolve) => (resolveResult = resolve));
  let pending = next();
  client.layout([{ text: 'échauffement', weight: 1 }], { width: 960, height: 600, rotate: false });
  await pending;
  await settle();
  pending = next();
  const stop = startProbe();
  const started = performance.now();
  client.layout(words(count), { width: 960, height: 540, rotate: false });
  const result = await pending;
  const ms = performance.now() - started;
  await settle();
  client.close();
  return { ms, longestTaskMs: stop(), placed: result.words.length };
}

declare global {
  interface Window {
    bench: { d3: typeof d3; ours: typeof ours; worker: typeof worker; addOne: typeof addOne };
  }
}
window.bench = { d3, ours, worker, addOne };
