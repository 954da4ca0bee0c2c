/** Registers `<mag-programme>`. Importing the component class alone registers nothing. */
import { MagProgramme } from './programme.component.js';

export { MagProgramme } from './programme.component.js';

MagProgramme.define('mag-programme');

declare global {
  interface HTMLElementTagNameMap {
    'mag-programme': MagProgramme;
  }
}
