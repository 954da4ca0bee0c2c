/**
 * The layout algorithm with rectangular glyphs (no canvas in Node): no overlaps, inside the board, seeded,
 * incremental, nothing dropped silently. The same properties with real glyphs are checked in Chromium
 * (src/element/wordcloud.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { CloudLayout, sizeFactor } from '../src/layout/layout.js';
import type { Glyphs, LayoutResult, LayoutWord, PlacedWord, Rotation, Sprite } from '../src/layout/layout.js';

/** Each character is a 0.6 em × 1 em box; the anchor is the middle of the baseline, 0.8 em above the bottom. */
class BoxGlyphs implements Glyphs {
  sprites = 0;
  measure(text: string, size: number) {
    return { width: Math.ceil(0.6 * size * text.length) + 2, height: Math.ceil(size) + 2 };
  }
  sprite(text: string, size: number, rotate: Rotation): Sprite {
    this.sprites++;
    const { width, height } = this.measure(text, size);
    const ascent = Math.ceil(height * 0.8);
    const half = Math.ceil(width / 2);
    const pw = rotate === 0 ? 2 * half : height;
    const h = rotate === 0 ? height : 2 * half;
    const stride = (pw + 31) >> 5;
    const bits = new Uint32Array(stride * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < pw; x++) bits[y * stride + (x >> 5)]! |= 1 << (31 - (x & 31));
    return rotate === 0
      ? { w: stride << 5, h, pw, bits, x0: -half, y0: -ascent }
      : { w: stride << 5, h, pw, bits, x0: -ascent, y0: -half };
  }
}

const options = { width: 960, height: 540, rotate: false };

function words(count: number, weight = (i: number) => 1 + (i % 7)): LayoutWord[] {
  return Array.from({ length: count }, (_, i) => ({ text: `mot${i}`, weight: weight(i) }));
}

/** Boxes of placed words, recomputed from the same glyphs, to check them independently of the board. */
function boxes(result: LayoutResult, glyphs: Glyphs) {
  return result.words.map((word: PlacedWord) => {
    const sprite = glyphs.sprite(word.text, word.size, word.rotate);
    return {
      text: word.text,
      left: word.x + sprite.x0,
      top: word.y + sprite.y0,
      right: word.x + sprite.x0 + sprite.pw,
      bottom: word.y + sprite.y0 + sprite.h,
    };
  });
}

function expectNoOverlap(result: LayoutResult, glyphs: Glyphs, width = options.width, height = options.height): void {
  const all = boxes(result, glyphs);
  const outside = all.filter((box) => box.left < 0 || box.top < 0 || box.right > width || box.bottom > height);
  expect(outside).toEqual([]);
  const overlaps: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
        overlaps.push(`${a.text} × ${b.text}`);
      }
    }
  }
  expect(overlaps).toEqual([]);
}

describe('CloudLayout', () => {
  it('places every word of a small cloud, inside the board and without overlaps', () => {
    const glyphs = new BoxGlyphs();
    const result = new CloudLayout(glyphs).update(words(50), options);
    expect(result.mode).toBe('full');
    expect(result.words).toHaveLength(50);
    expect(result.unplaced).toEqual([]);
    expectNoOverlap(result, glyphs);
  });

  it('gives the same picture for the same data, whatever the order it came in', () => {
    const data = words(80);
    const a = new CloudLayout(new BoxGlyphs()).update(data, options);
    const b = new CloudLayout(new BoxGlyphs()).update([...data].reverse(), options);
    const byText = (result: LayoutResult) => [...result.words].sort((x, y) => x.text.localeCompare(y.text));
    expect(byText(b)).toEqual(byText(a));
  });

  it('sizes a word by its weight alone, heavier words bigger', () => {
    const result = new CloudLayout(new BoxGlyphs()).update(
      [
        { text: 'un', weight: 1 },
        { text: 'deux', weight: 2 },
        { text: 'huit', weight: 8 },
      ],
      options,
    );
    const size = (text: string) => result.words.find((word) => word.text === text)!.size;
    expect(size('deux') / size('un')).toBeCloseTo(sizeFactor(2), 1);
    expect(size('huit')).toBeGreaterThan(size('deux'));
  });

  it('adds a word without moving the others', () => {
    const glyphs = new BoxGlyphs();
    const layout = new CloudLayout(glyphs);
    const data = words(200);
    const before = layout.update(data, options);
    const after = layout.update([...data, { text: 'nouveau', weight: 1 }], options);
    expect(after.mode).toBe('incremental');
    expect(after.words).toHaveLength(201);
    const places = new Map(before.words.map((word) => [word.text, word]));
    for (const word of after.words) {
      if (word.text !== 'nouveau') expect(word).toEqual(places.get(word.text));
    }
    expectNoOverlap(after, glyphs);
  });

  it('grows a word that gains a vote in its place when it can, and keeps the others still', () => {
    const glyphs = new BoxGlyphs();
    const layout = new CloudLayout(glyphs);
    const data = words(20);
    const before = layout.update(data, options);
    const grown = data.map((word) => (word.text === 'mot3' ? { ...word, weight: word.weight + 1 } : word));
    const after = layout.update(grown, options);
    expect(after.mode).toBe('incremental');
    const old = before.words.find((word) => word.text === 'mot3')!;
    const now = after.words.find((word) => word.text === 'mot3')!;
    expect(now.size).toBeGreaterThan(old.size);
    // Where its neighbours leave no room, it moves along a spiral from its own place, not across the cloud.
    expect(Math.hypot(now.x - old.x, now.y - old.y)).toBeLessThan(4 * now.size);
    for (const word of after.words) {
      if (word.text !== 'mot3') expect(word).toEqual(before.words.find((other) => other.text === word.text));
    }
    expectNoOverlap(after, glyphs);

    const alone = new CloudLayout(glyphs);
    const first = alone.update([{ text: 'seul', weight: 1 }], options).words[0]!;
    const second = alone.update([{ text: 'seul', weight: 2 }], options).words[0]!;
    expect([second.x, second.y]).toEqual([first.x, first.y]);
    expect(second.size).toBeGreaterThan(first.size);
  });

  it('frees the room of a removed word, and lays out again when most words are gone', () => {
    const glyphs = new BoxGlyphs();
    const layout = new CloudLayout(glyphs);
    const data = words(30);
    layout.update(data, options);
    const fewer = layout.update(data.slice(1), options);
    expect(fewer.mode).toBe('incremental');
    expect(fewer.words.map((word) => word.text)).not.toContain('mot0');
    const reset = layout.update(data.slice(0, 5), options);
    expect(reset.mode).toBe('full');
    expectNoOverlap(reset, glyphs);
  });

  it('shrinks the scale until 500 words fit, and says which words, if any, do not', () => {
    const glyphs = new BoxGlyphs();
    const data = words(500, (i) => (i < 10 ? 20 - i : 1 + (i % 3)));
    const result = new CloudLayout(glyphs).update(data, options);
    expect(result.words.length + result.unplaced.length).toBe(500);
    expect(new Set([...result.words.map((word) => word.text), ...result.unplaced]).size).toBe(500);
    expect(result.words.length).toBeGreaterThan(400);
    expectNoOverlap(result, glyphs);
  });

  it('lays everything out again on a new board size, and keeps long words inside it', () => {
    const glyphs = new BoxGlyphs();
    const layout = new CloudLayout(glyphs);
    layout.update(words(40), options);
    const long = 'anticonstitutionnellement'.repeat(4);
    const small = { width: 320, height: 320, rotate: true };
    const result = layout.update([...words(40), { text: long, weight: 20 }], small);
    expect(result.mode).toBe('full');
    expect(result.words.map((word) => word.text)).toContain(long);
    expectNoOverlap(result, glyphs, 320, 320);
  });

  it('turns about one word in three when rotation is on, the same words every time', () => {
    const rotated = (result: LayoutResult) =>
      result.words
        .filter((word) => word.rotate !== 0)
        .map((word) => word.text)
        .sort();
    const a = new CloudLayout(new BoxGlyphs()).update(words(60), { ...options, rotate: true });
    const b = new CloudLayout(new BoxGlyphs()).update(words(60), { ...options, rotate: true });
    expect(rotated(a).length).toBeGreaterThan(5);
    expect(rotated(a).length).toBeLessThan(40);
    expect(rotated(b)).toEqual(rotated(a));
    expect(rotated(new CloudLayout(new BoxGlyphs()).update(words(60), options))).toEqual([]);
  });

  it('handles an empty cloud', () => {
    const layout = new CloudLayout(new BoxGlyphs());
    expect(layout.update([], options).words).toEqual([]);
    expect(layout.update(words(3), options).words).toHaveLength(3);
  });
});
