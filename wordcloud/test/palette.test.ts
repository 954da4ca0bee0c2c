import { describe, expect, it } from 'vitest';
import {
  DARK_BACKGROUND,
  DARK_PALETTE,
  LIGHT_BACKGROUND,
  LIGHT_PALETTE,
  colourOf,
  contrast,
} from '../src/element/palette.js';

describe('palette', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrast('#767676', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it.each([
    ['light', LIGHT_PALETTE, LIGHT_BACKGROUND],
    ['dark (projection)', DARK_PALETTE, DARK_BACKGROUND],
  ])('gives every colour of the %s palette 4.5:1 on its background', (_name, palette, background) => {
    for (const colour of palette) expect(contrast(colour, background), colour).toBeGreaterThanOrEqual(4.5);
    expect(new Set(palette).size).toBe(palette.length);
  });

  it('keeps a word its colour', () => {
    expect(colourOf('école', LIGHT_PALETTE)).toBe(colourOf('école', LIGHT_PALETTE));
    const used = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((w) => colourOf(w, LIGHT_PALETTE)));
    expect(used.size).toBeGreaterThan(3);
  });
});
