/**
 * Sets a CSS custom property on an element through the CSSOM (`style.setProperty`), which a Content-Security-Policy
 * without `'unsafe-inline'` allows, where a `style` attribute is refused. For values computed per element, such as
 * the length of a bar: `<span ${cssVar('--share', 0.4)}>`.
 */
import { nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssVarDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssVar() goes on an element');
  }

  render(_name: string, _value: string | number): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [name, value]: [string, string | number]): typeof nothing {
    (part.element as HTMLElement).style.setProperty(name, String(value));
    return nothing;
  }
}

export const cssVar = directive(CssVarDirective);
