/** Registers `<mag-wordcloud>`. Importing the component class alone registers nothing. */
import { MagWordcloud, type WordcloudSubmittedDetail } from './wordcloud.component.js';

export { MagWordcloud } from './wordcloud.component.js';
export type { WordcloudSubmittedDetail } from './wordcloud.component.js';

MagWordcloud.define('mag-wordcloud');

declare global {
  interface HTMLElementTagNameMap {
    'mag-wordcloud': MagWordcloud;
  }
  interface GlobalEventHandlersEventMap {
    'mag-wordcloud-submitted': CustomEvent<WordcloudSubmittedDetail>;
  }
}
