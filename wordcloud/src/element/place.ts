/**
 * Places a word of the cloud through the CSSOM (`element.style.transform = …`), which a Content-Security-Policy
 * without `'unsafe-inline'` allows, where a `style` attribute (what Lit's `styleMap` writes on first render) is
 * refused. CSS transforms, not the SVG `transform` attribute, so that a word that moves glides there.
 */
import { nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

class PlaceDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('place() goes on an element');
  }

  render(_x: number, _y: number, _rotate: number, _size: number): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [x, y, rotate, size]: [number, number, number, number]): typeof nothing {
    const style = (part.element as SVGElement).style;
    style.transform = `translate(${x}px, ${y}px)${rotate ? ` rotate(${rotate}deg)` : ''}`;
    style.fontSize = `${size}px`;
    return nothing;
  }
}

export const place = directive(PlaceDirective);
