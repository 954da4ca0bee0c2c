/**
 * The page glue of the sandboxed H5P player (`/h5p/player` on the host's frame origin, bundle `mag-h5p-frame.js`):
 * runs h5p-standalone for one H5P item inside `<iframe sandbox="allow-scripts">`, and talks to `<mag-module>`'s player
 * only through the handshake of h5p-messages.ts.
 *
 * - The frame has an opaque origin: no cookie, no storage, no access to the course page. H5P core reads
 *   `localStorage` and cookies all the same: they are replaced here by in-memory stand-ins, before H5P loads.
 * - H5P's "iframe" embedding writes into an inner `about:blank` frame, which a sandboxed document cannot reach (it
 *   gets an origin of its own). This whole page is already the frame H5P wants, so content is embedded as a `div`.
 * - One content per frame: h5p-standalone's page-wide globals (`H5PIntegration`, `window.H5P`) never race with
 *   another player's.
 *
 * Loaded as a classic script (a sandboxed page would fetch a module script with CORS): no import, no export.
 */
import type { FrameMessage, InitMessage } from './h5p-messages.js';

interface XAPIStatement {
  verb?: { id?: string };
  result?: unknown;
  context?: { contextActivities?: { parent?: unknown[] } };
}

interface H5PInstance {
  getCurrentState?: () => unknown;
}

interface H5PGlobal {
  externalDispatcher?: { on(type: 'xAPI', listener: (event: { data: { statement: XAPIStatement } }) => void): void };
  instances?: H5PInstance[];
}

type PlayerConstructor = new (element: HTMLElement, options: Record<string, unknown>) => Promise<unknown>;

/** h5p-standalone's globals (not declared globally: the h5p-standalone test declares them its own way). */
const globals = window as unknown as { H5PStandalone?: { H5P: PlayerConstructor }; H5P?: H5PGlobal };

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    key: (index: number) => [...data.keys()][index] ?? null,
    getItem: (key: string) => data.get(String(key)) ?? null,
    setItem: (key: string, value: string) => void data.set(String(key), String(value)),
    removeItem: (key: string) => void data.delete(String(key)),
    clear: () => data.clear(),
  };
}

function shimStorage(): void {
  for (const name of ['localStorage', 'sessionStorage'] as const) {
    try {
      void window[name];
    } catch {
      Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
    }
  }
  try {
    void document.cookie;
  } catch {
    Object.defineProperty(document, 'cookie', { get: () => '', set: () => undefined, configurable: true });
  }
}

function meta(name: string): string {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
}

function parentOrigin(): string | null {
  const allowed = meta('mag-h5p-parent-origins')
    .split(/[\s,]+/)
    .filter(Boolean);
  const ancestor = location.ancestorOrigins?.[0];
  return ancestor && allowed.includes(ancestor) ? ancestor : null;
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.append(script);
  });
}

const VERBS: Record<string, 'answered' | 'completed'> = {
  'http://adlnet.gov/expapi/verbs/answered': 'answered',
  'http://adlnet.gov/expapi/verbs/completed': 'completed',
};

async function play(init: InitMessage, port: MessagePort): Promise<void> {
  const send = (message: FrameMessage) => port.postMessage(message);
  const playerBase = new URL(meta('mag-h5p-player') || '/h5p/standalone/', location.href).href;
  try {
    await loadScript(`${playerBase}main.bundle.js`);
    const Player = globals.H5PStandalone?.H5P;
    if (!Player) throw new Error('h5p-standalone did not load.');
    const container = document.getElementById('h5p') ?? document.body;
    await new Player(container, {
      id: init.contentId,
      h5pJsonPath: init.h5pJsonPath,
      librariesPath: init.librariesPath,
      frameJs: `${playerBase}frame.bundle.js`,
      frameCss: `${playerBase}styles/h5p.css`,
      embedType: 'div',
      frame: false,
      copyright: false,
      export: false,
      icon: false,
      fullScreen: false,
      saveFreq: 2,
      ...(init.state ? { contentUserData: [{ state: init.state }] } : {}),
    });
    document.documentElement.lang = init.locale;
    globals.H5P?.externalDispatcher?.on('xAPI', (event) => {
      const statement = event.data.statement;
      const verb = VERBS[statement.verb?.id ?? ''];
      if (!verb) return;
      const parents = statement.context?.contextActivities?.parent;
      send({
        type: 'xapi',
        verb,
        root: !(Array.isArray(parents) && parents.length > 0),
        result: statement.result ?? {},
      });
    });
    send({ type: 'loaded' });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    return;
  }

  // The state, when it changed: H5P content gives it through getCurrentState().
  let last = init.state ?? '';
  setInterval(() => {
    try {
      const current = globals.H5P?.instances?.[0]?.getCurrentState?.();
      if (current === undefined || current === null) return;
      const text = JSON.stringify(current);
      if (text !== last) {
        last = text;
        send({ type: 'state', state: text });
      }
    } catch {
      // A content type whose state cannot be read is played without resume.
    }
  }, 2_000);

  // The content's own height: the document's would be at least the frame's, and never shrink (H5P's styles make
  // html and body as tall as the frame).
  const container = document.getElementById('h5p') ?? document.body;
  let height = -1;
  new ResizeObserver(() => {
    const next = Math.ceil(container.getBoundingClientRect().height);
    if (next !== height && next > 0) {
      height = next;
      send({ type: 'resize', height: next });
    }
  }).observe(container);
}

function start(): void {
  shimStorage();
  const origin = parentOrigin();
  if (!origin) {
    document.body.textContent =
      'Ce lecteur ne fonctionne que dans un module Magistère. / This player only works inside a Magistère module.';
    return;
  }
  let started = false;
  window.addEventListener('message', (event: MessageEvent) => {
    // Only the parent, once, with a port: whatever else arrives is ignored.
    if (started || event.source !== window.parent || event.origin !== origin) return;
    const data = event.data as Partial<InitMessage> | null;
    const port = event.ports[0];
    if (
      !port ||
      data?.type !== 'init' ||
      typeof data.h5pJsonPath !== 'string' ||
      typeof data.librariesPath !== 'string'
    ) {
      return;
    }
    started = true;
    void play(data as InitMessage, port);
  });
  window.parent.postMessage({ type: 'mag-h5p-ready' }, origin);
}

start();
