/**
 * The element's side of the layout: sends the words to the layout worker and gets places back. Only the newest
 * request matters: while one layout runs, later requests collapse into the last one.
 *
 * Where a worker cannot start (a Content-Security-Policy without `worker-src 'self'`, say), the same layout runs
 * on the main thread instead: slower for the page, but the cloud is still drawn.
 */
import type { LayoutOptions, LayoutResult, LayoutWord } from './layout.js';
import type { LayoutReply, LayoutRequest } from './layout.worker.js';

export class LayoutClient {
  #worker: Worker | null = null;
  #fallback: Promise<(words: LayoutWord[], options: LayoutOptions) => LayoutResult> | null = null;
  #nextId = 1;
  #busy = false;
  #queued: { words: LayoutWord[]; options: LayoutOptions } | null = null;
  #closed = false;

  constructor(private readonly onResult: (result: LayoutResult) => void) {}

  /** Asks for a layout of `words`; the result comes to `onResult`, unless a newer request overtakes it. */
  layout(words: LayoutWord[], options: LayoutOptions): void {
    if (this.#closed) return;
    this.#queued = { words, options };
    if (!this.#busy) void this.#run();
  }

  close(): void {
    this.#closed = true;
    this.#queued = null;
    this.#worker?.terminate();
    this.#worker = null;
  }

  async #run(): Promise<void> {
    this.#busy = true;
    try {
      while (this.#queued && !this.#closed) {
        const { words, options } = this.#queued;
        this.#queued = null;
        const result = await this.#compute(words, options);
        if (result && !this.#closed && !this.#queued) this.onResult(result);
      }
    } finally {
      this.#busy = false;
    }
  }

  async #compute(words: LayoutWord[], options: LayoutOptions): Promise<LayoutResult | null> {
    const worker = this.#startWorker();
    if (!worker) return (await this.#mainThread())(words, options);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const done = (result: LayoutResult | null): void => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        resolve(result);
      };
      const onMessage = (event: MessageEvent<LayoutReply>): void => {
        if (event.data.id !== id) return;
        if ('result' in event.data) done(event.data.result);
        else {
          console.warn(`[mag-wordcloud] layout failed: ${event.data.error}`);
          done(null);
        }
      };
      const onError = (): void => {
        // The worker could not load (blocked by a policy, say): the main thread takes over for good.
        this.#worker?.terminate();
        this.#worker = null;
        this.#fallback ??= loadMainThread();
        void this.#mainThread().then((run) => done(run(words, options)));
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      const request: LayoutRequest = { id, words, options };
      worker.postMessage(request);
    });
  }

  #startWorker(): Worker | null {
    if (this.#worker) return this.#worker;
    if (this.#fallback) return null;
    try {
      this.#worker = new Worker(new URL('./layout.worker.ts', import.meta.url), {
        type: 'module',
        name: 'mag-wordcloud-layout',
      });
      return this.#worker;
    } catch {
      this.#fallback = loadMainThread();
      return null;
    }
  }

  #mainThread(): Promise<(words: LayoutWord[], options: LayoutOptions) => LayoutResult> {
    this.#fallback ??= loadMainThread();
    return this.#fallback;
  }
}

async function loadMainThread(): Promise<(words: LayoutWord[], options: LayoutOptions) => LayoutResult> {
  const [{ CloudLayout }, { CanvasGlyphs }] = await Promise.all([import('./layout.js'), import('./sprites.js')]);
  const layout = new CloudLayout(new CanvasGlyphs());
  return (words, options) => layout.update(words, options);
}
