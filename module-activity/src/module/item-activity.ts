/**
 * Our own activities inside the module player: `<mag-quiz>` or `<mag-wordcloud>` for a quiz or word-cloud item. The
 * player gives them a host of its own (the host SDK, listening on the player's shadow root, so the page's host never
 * sees them): their requests go through `<mag-module>`'s bridge as `module.activity_call`, where the host's server
 * checks the trainee's reach and runs the quiz's or word cloud's own service, and their events come back as
 * `module.activity_event`. The activity never talks to the server by itself, and the item's progress and score come
 * from the host's records (`written`), never from what the activity shows.
 *
 * Loaded with the first quiz or word-cloud item a player shows, and the activity's element with it: the module's
 * first paint does not carry them.
 */
import { BridgeError, BridgeHost } from '../../../activities/src/host/host.js';
import type { ModuleApi } from './module.component.js';
import { activityCall, activityEvent, type Written } from './player-protocol.js';
import type { ActivityKind } from './progress.js';

/** The instance name an item's element connects as, inside the player (never an instance of the page's host). */
export const itemInstance = (itemId: string): string => `item-${itemId}`;

/** Loads and registers the element of an activity kind. */
export async function loadElement(kind: ActivityKind): Promise<void> {
  if (kind === 'quiz') await import('../../../quiz/src/element/quiz.js');
  else await import('../../../wordcloud/src/element/wordcloud.js');
}

export interface ItemActivitiesOptions {
  api: ModuleApi;
  stepId: string;
  /** The player's shadow root: where the items' elements live. */
  root: ShadowRoot;
  /** After a trainee's write: the item's state and the step's progress, from the host's records. */
  written(itemId: string, written: Written): void;
}

/** The host the player gives the quiz and word-cloud items of one step. */
export class ItemActivities {
  readonly #host: BridgeHost;
  readonly #kinds = new Map<string, ActivityKind>();
  readonly #stopListening: () => void;
  readonly #stopEvents: () => void;

  constructor({ api, stepId, root, written }: ItemActivitiesOptions) {
    this.#host = new BridgeHost({ context: { locale: api.locale, role: api.role ?? 'trainee', user: api.user } });
    this.#host.fallback(async (subject, payload, call) => {
      const itemId = call.instance.startsWith('item-') ? call.instance.slice(5) : '';
      if (this.#kinds.get(itemId) !== call.activity) {
        throw new BridgeError('unauthorized', 'This activity is not an item of this module.');
      }
      const answer = await api.call(activityCall, { stepId, itemId, subject, payload });
      if (answer.written) written(itemId, answer.written);
      return answer.result;
    });
    this.#stopListening = this.#host.listen(root);
    this.#stopEvents = api.listen(activityEvent, ({ items }) => {
      for (const item of items) {
        if (item.stepId === stepId) this.#host.emit(itemInstance(item.itemId), item.subject, { version: item.version });
      }
    });
  }

  /** Lets the item's element connect, once its code is loaded. */
  async prepare(itemId: string, kind: ActivityKind): Promise<void> {
    await loadElement(kind);
    this.#kinds.set(itemId, kind);
  }

  close(): void {
    this.#stopEvents();
    this.#stopListening();
    this.#host.close();
  }
}
