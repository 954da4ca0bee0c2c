/** Registers `<mag-module>`. Importing the component class alone registers nothing. */
import { MagModule } from './module.component.js';

export { MagModule } from './module.component.js';
export type { ModuleApi } from './module.component.js';

MagModule.define('mag-module');

declare global {
  interface HTMLElementTagNameMap {
    'mag-module': MagModule;
  }
}
