import { VERSION } from '../version.js';

/**
 * Registers a custom element once. A second bundle on the same page (two activities in one Moodle
 * course page, say) that defines the same tag must not crash the page: it keeps the first definition
 * and says so when the versions differ.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor & { version?: string }): void {
  const existing = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
  if (!existing) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing !== ctor && existing.version !== (ctor.version ?? VERSION)) {
    console.warn(
      `<${tag}> is already defined (version ${existing.version ?? 'unknown'}); version ${ctor.version ?? VERSION} is not registered again.`,
    );
  }
}
