/**
 * The word cloud's layout: Jonathan Feinberg's algorithm as d3-cloud implements it (each word's glyphs as a
 * bitmask sprite, placed along an Archimedean spiral at the first position where it collides with nothing on a
 * bitmask board), rewritten for a live cloud:
 *
 * - **Incremental.** The board outlives a layout. When the words change, new words are placed around the
 *   others, a word whose weight changed is first tried at its own place, a removed word frees its pixels, and
 *   every other word keeps its place: no full redraw, nothing jumps. d3-cloud starts from an empty board on
 *   every `start()`, so one new word moves every word.
 * - **Seeded.** Nothing is random: a word's start point, spiral direction and orientation come from a hash of
 *   its text, and a full layout places words in a fixed order (weight, then text). The same words and weights
 *   on the same board give the same picture on every screen.
 * - **Nothing dropped silently.** A full layout shrinks the whole scale until every word fits (down to a
 *   floor); a word that still does not fit is returned in `unplaced`, so the element can say how many words are
 *   only in the table. An incremental update that cannot place a word falls back to a full layout.
 * - **Sizes that do not depend on the others.** A word's font size is `scale × (1 + 0.8 log2(weight))`: when
 *   one word gains a vote, only that word changes size (with d3's usual linear scale to the maximum weight,
 *   every word would resize whenever the heaviest one grows).
 *
 * Pure and synchronous: the glyph rasterizer is injected (sprites.ts draws with an OffscreenCanvas in the
 * worker; tests may pass boxes). It runs in a worker (layout.worker.ts), off the main thread.
 */
import { hashText } from './text-hash.js';

export { hashText } from './text-hash.js';

export interface LayoutWord {
  text: string;
  /** Number of distinct people who wrote the word, ≥ 1. */
  weight: number;
}

export interface LayoutOptions {
  /** Board size in layout units (the SVG's viewBox). */
  width: number;
  height: number;
  /** Some words drawn vertically. */
  rotate: boolean;
  /** Font size floor in layout units: a full layout never shrinks the scale below this for weight 1. */
  minFontSize?: number;
}

export type Rotation = 0 | -90;

/** A rasterized word: its glyphs as bits, relative to the text's anchor (SVG `text-anchor: middle`, baseline). */
export interface Sprite {
  /** Width in bits, a multiple of 32, and height in rows. */
  w: number;
  h: number;
  /** Width of the inked pixels (≤ `w`). */
  pw: number;
  /** `h` rows of `w / 32` words; bit 31 of a word is its leftmost pixel. */
  bits: Uint32Array;
  /** Offset of the sprite's top-left corner from the anchor. */
  x0: number;
  y0: number;
}

/** What the layout needs to know of a font: injected, so that the layout stays pure. */
export interface Glyphs {
  /** The word's glyphs at `size`, with the padding that keeps words apart. */
  sprite(text: string, size: number, rotate: Rotation): Sprite;
  /** The word's box at `size`, unrotated (cheap: no pixels). */
  measure(text: string, size: number): { width: number; height: number };
}

export interface PlacedWord {
  text: string;
  weight: number;
  /** Anchor of the text in layout units. */
  x: number;
  y: number;
  size: number;
  rotate: Rotation;
}

export interface LayoutResult {
  words: PlacedWord[];
  /** Words that do not fit, even at the smallest scale: shown only in the table. */
  unplaced: string[];
  scale: number;
  /** `full`: every word was (re)placed; `incremental`: the others kept their places. */
  mode: 'full' | 'incremental';
}

interface Placement extends PlacedWord {
  sprite: Sprite;
  left: number;
  top: number;
}

const DEFAULT_MIN_FONT = 6;
/** The share of the board the words' boxes should cover at the start of a full layout. */
const FILL = 0.33;
const SHRINK = 0.85;
const MAX_SHRINKS = 14;
/** A word never grows wider than this share of the board: a long word shrinks alone, not the whole cloud. */
const MAX_WORD_WIDTH = 0.92;

/** The size factor of a weight: 1 for one person, ×1.8 for two, ×2.6 for four, ×4.2 for sixteen. */
export function sizeFactor(weight: number): number {
  return 1 + 0.8 * Math.log2(Math.max(1, weight));
}

/** A small seeded generator (mulberry32), for a word's start point. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Vertical for about one word in three, when rotation is on; decided by the text, so stable. */
export function rotationOf(text: string, rotate: boolean): Rotation {
  return rotate && hashText(text) % 3 === 0 ? -90 : 0;
}

/** Heaviest first, then by text: the order of a full layout. */
function byWeight(a: LayoutWord, b: LayoutWord): number {
  return b.weight - a.weight || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}

export class CloudLayout {
  readonly #glyphs: Glyphs;
  #options: Required<LayoutOptions> = { width: 0, height: 0, rotate: false, minFontSize: DEFAULT_MIN_FONT };
  #stride = 1;
  #board = new Uint32Array(0);
  #placed = new Map<string, Placement>();
  #scale = 0;
  #unplaced: string[] = [];

  constructor(glyphs: Glyphs) {
    this.#glyphs = glyphs;
  }

  /**
   * Lays out `words` (unique texts). Keeps the current places when the board and its options are unchanged
   * and every change fits; otherwise lays out everything again.
   */
  update(words: readonly LayoutWord[], options: LayoutOptions): LayoutResult {
    const next = { minFontSize: DEFAULT_MIN_FONT, ...options };
    const sameBoard =
      next.width === this.#options.width &&
      next.height === this.#options.height &&
      next.rotate === this.#options.rotate &&
      next.minFontSize === this.#options.minFontSize;
    const wanted = new Map(words.map((word) => [word.text, word]));
    // A cloud that lost most of its words (a reset, a big merge) is laid out again to use the room it has.
    const shrunk = wanted.size < this.#placed.size / 2;
    if (sameBoard && this.#scale > 0 && !shrunk && this.#unplaced.length === 0 && this.#incremental(wanted)) {
      return this.#result('incremental');
    }
    this.#options = next;
    this.#full(words);
    return this.#result('full');
  }

  /** Frees the board (a worker keeps one layout per cloud). */
  clear(): void {
    this.#placed.clear();
    this.#board = new Uint32Array(0);
    this.#scale = 0;
    this.#unplaced = [];
  }

  #result(mode: LayoutResult['mode']): LayoutResult {
    const words = [...this.#placed.values()].map(({ text, weight, x, y, size, rotate }) => ({
      text,
      weight,
      x,
      y,
      size,
      rotate,
    }));
    return { words, unplaced: [...this.#unplaced], scale: this.#scale, mode };
  }

  /** Applies the difference in place; false (and the board unchanged in meaning) when something did not fit. */
  #incremental(wanted: Map<string, LayoutWord>): boolean {
    const removed: Placement[] = [];
    const resized: { before: Placement; word: LayoutWord }[] = [];
    for (const placement of this.#placed.values()) {
      const word = wanted.get(placement.text);
      if (!word) removed.push(placement);
      else if (word.weight !== placement.weight) resized.push({ before: placement, word });
    }
    const added = [...wanted.values()].filter((word) => !this.#placed.has(word.text)).sort(byWeight);
    if (removed.length === 0 && resized.length === 0 && added.length === 0) return true;

    for (const placement of removed) this.#unpaint(placement);
    for (const { before } of resized) this.#unpaint(before);
    const done: Placement[] = [];
    const undo = (): false => {
      for (const placement of done) this.#unpaint(placement);
      for (const { before } of resized) this.#paint(before);
      for (const placement of removed) this.#paint(placement);
      return false;
    };
    resized.sort((a, b) => byWeight(a.word, b.word));
    for (const { before, word } of resized) {
      const placement = this.#place(word, this.#scale, { x: before.x, y: before.y });
      if (!placement) return undo();
      done.push(placement);
    }
    for (const word of added) {
      const placement = this.#place(word, this.#scale);
      if (!placement) return undo();
      done.push(placement);
    }
    for (const placement of removed) this.#placed.delete(placement.text);
    for (const placement of done) this.#placed.set(placement.text, placement);
    return true;
  }

  #full(words: readonly LayoutWord[]): void {
    const { width, height, minFontSize } = this.#options;
    this.#stride = (width >> 5) + 2;
    this.#board = new Uint32Array(this.#stride * height);
    this.#placed.clear();
    this.#unplaced = [];
    const ordered = [...words].sort(byWeight);
    if (ordered.length === 0) {
      this.#scale = Math.max(minFontSize, height / 8);
      return;
    }
    let scale = this.#initialScale(ordered);
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= MAX_SHRINKS || scale * SHRINK < minFontSize;
      const failed: string[] = [];
      for (const word of ordered) {
        const placement = this.#place(word, scale);
        if (placement) this.#placed.set(word.text, placement);
        else if (last) failed.push(word.text);
        else break;
      }
      if (last || this.#placed.size === ordered.length) {
        this.#scale = scale;
        this.#unplaced = failed;
        return;
      }
      this.#board.fill(0);
      this.#placed.clear();
      scale = Math.max(minFontSize, scale * SHRINK);
    }
  }

  /** A scale at which the words' boxes cover about `FILL` of the board, from one measure per word. */
  #initialScale(words: readonly LayoutWord[]): number {
    const { width, height, minFontSize } = this.#options;
    let area = 0;
    for (const word of words) {
      const box = this.#glyphs.measure(word.text, 10);
      const factor = sizeFactor(word.weight);
      area += (box.width / 10) * factor * ((box.height / 10) * factor);
    }
    const scale = Math.sqrt((FILL * width * height) / Math.max(area, 1));
    return Math.max(minFontSize, Math.min(scale, height / 5 / sizeFactor(words[0]!.weight)));
  }

  /**
   * Places one word at `scale`: at `prefer` first when given (a word that changed size stays where it was if
   * it can), then along a spiral from a start point drawn from its text. Paints it on the board.
   */
  #place(word: LayoutWord, scale: number, prefer?: { x: number; y: number }): Placement | null {
    const { width, height, rotate: rotateOn } = this.#options;
    const rotate = rotationOf(word.text, rotateOn);
    let size = Math.max(1, Math.round(scale * sizeFactor(word.weight) * 10) / 10);
    let sprite = this.#glyphs.sprite(word.text, size, rotate);
    const extent = rotate === 0 ? sprite.pw : sprite.h;
    const room = (rotate === 0 ? width : height) * MAX_WORD_WIDTH;
    if (extent > room) {
      size = Math.max(1, Math.floor(((size * room) / extent) * 10) / 10);
      sprite = this.#glyphs.sprite(word.text, size, rotate);
    }
    const at = (x: number, y: number): Placement | null => {
      const left = x + sprite.x0;
      const top = y + sprite.y0;
      if (left < 0 || top < 0 || left + sprite.pw > width || top + sprite.h > height) return null;
      if (this.#collides(sprite, left, top)) return null;
      const placement: Placement = { text: word.text, weight: word.weight, x, y, size, rotate, sprite, left, top };
      this.#paint(placement);
      return placement;
    };
    if (prefer) {
      const placement = at(prefer.x, prefer.y);
      if (placement) return placement;
    }
    const hash = hashText(word.text);
    const rand = random(hash);
    const startX = prefer?.x ?? Math.round(width / 2 + (rand() - 0.5) * width * 0.2);
    const startY = prefer?.y ?? Math.round(height / 2 + (rand() - 0.5) * height * 0.2);
    const direction = hash & 1 ? 1 : -1;
    const ratio = width / height;
    // An Archimedean spiral (r = θ, rings 2π apart, stretched to the board's shape, as d3-cloud's), walked in
    // steps of about 2 pixels: d3-cloud steps 0.1 radian, which leaves gaps of 50 pixels near the edges.
    const maxRadius =
      Math.hypot(width, height) / 2 / Math.min(ratio, 1) + Math.hypot(startX - width / 2, startY - height / 2);
    for (let angle = 0; angle <= maxRadius; angle += Math.min(0.5, 2 / Math.max(angle, 1))) {
      const dx = Math.trunc(ratio * angle * Math.cos(angle * direction));
      const dy = Math.trunc(angle * Math.sin(angle * direction));
      const placement = at(startX + dx, startY + dy);
      if (placement) return placement;
    }
    return null;
  }

  /** Whether the sprite, with its top-left corner at (left, top), touches a painted pixel. */
  #collides(sprite: Sprite, left: number, top: number): boolean {
    const board = this.#board;
    const words = sprite.w >> 5;
    const shift = left & 31;
    const back = 32 - shift;
    let row = top * this.#stride + (left >> 5);
    for (let r = 0, k = 0; r < sprite.h; r++, row += this.#stride) {
      let carry = 0;
      for (let i = 0; i < words; i++, k++) {
        const bits = sprite.bits[k]!;
        if (board[row + i]! & ((bits >>> shift) | carry)) return true;
        carry = shift ? bits << back : 0;
      }
      if (carry && board[row + words]! & carry) return true;
    }
    return false;
  }

  #paint(placement: Placement): void {
    this.#apply(placement, true);
  }

  #unpaint(placement: Placement): void {
    this.#apply(placement, false);
  }

  /** Sets or clears a placed word's pixels; words never overlap, so clearing frees exactly its own. */
  #apply({ sprite, left, top }: Placement, set: boolean): void {
    const board = this.#board;
    const words = sprite.w >> 5;
    const shift = left & 31;
    const back = 32 - shift;
    let row = top * this.#stride + (left >> 5);
    for (let r = 0, k = 0; r < sprite.h; r++, row += this.#stride) {
      let carry = 0;
      for (let i = 0; i <= words; i++) {
        const bits = i < words ? sprite.bits[k++]! : 0;
        const value = (bits >>> shift) | carry;
        carry = shift ? bits << back : 0;
        if (set) board[row + i]! |= value;
        else board[row + i]! &= ~value;
      }
    }
  }
}
