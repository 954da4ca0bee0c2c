/** Registers `<mag-reactions>`. Importing the component class alone registers nothing. */
import { MagReactions, type ReactionSentDetail } from './reactions.component.js';

export { MagReactions } from './reactions.component.js';
export type { ReactionSentDetail } from './reactions.component.js';

MagReactions.define('mag-reactions');

declare global {
  interface HTMLElementTagNameMap {
    'mag-reactions': MagReactions;
  }
  interface GlobalEventHandlersEventMap {
    'mag-reaction-sent': CustomEvent<ReactionSentDetail>;
  }
}
