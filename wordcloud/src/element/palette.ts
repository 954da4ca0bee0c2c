/**
 * Colours of the words. Each one has a contrast of at least 4.5:1 with the background it is drawn on (WCAG 2.1
 * AA for normal text, although most words are large), checked by test/palette.test.ts. A word's colour comes
 * from its text, so it keeps its colour when the cloud changes.
 */
import { hashText } from '../layout/text-hash.js';

/** On the white card: DSFR-inspired dark tones. */
export const LIGHT_BACKGROUND = '#ffffff';
export const LIGHT_PALETTE = ['#000091', '#18753c', '#b34000', '#6e445a', '#0063cb', '#a60e66', '#3a3a3a', '#7a5c00'];

/** On the projection's black: bright tones for a projector in a lit room. */
export const DARK_BACKGROUND = '#000000';
export const DARK_PALETTE = ['#ffffff', '#fcc63a', '#8ac4ff', '#7ee0a1', '#ffb7a5', '#e1c1ff', '#f5f5a0', '#9fe6ff'];

export function colourOf(text: string, palette: readonly string[]): string {
  return palette[hashText(text) % palette.length]!;
}

/** WCAG 2.1 relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const channel = (offset: number): number => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
