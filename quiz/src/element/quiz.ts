/** Registers `<mag-quiz>`. Importing the component class alone registers nothing. */
import { MagQuiz } from './quiz.component.js';

export { MagQuiz } from './quiz.component.js';

MagQuiz.define('mag-quiz');

declare global {
  interface HTMLElementTagNameMap {
    'mag-quiz': MagQuiz;
  }
  interface GlobalEventHandlersEventMap {
    'mag-quiz-finished': CustomEvent<{ attempt: number; grade: number | null; passed: boolean | null }>;
  }
}
