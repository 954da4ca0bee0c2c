/**
 * Glyphs for the layout, drawn with a 2D canvas: an `OffscreenCanvas` in the layout worker, or a page canvas
 * where workers are not allowed, in the cloud's font (font.ts), the one the SVG draws with.
 */
import { font } from './font.js';
import type { Glyphs, Rotation, Sprite } from './layout.js';

/** Free space kept around each word, growing with it: words side by side must not read as one. */
const padding = (size: number): number => Math.max(1, Math.round(size / 14));

type Context = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function makeCanvas(): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(1, 1);
  return document.createElement('canvas');
}

export class CanvasGlyphs implements Glyphs {
  readonly #canvas = makeCanvas();
  readonly #context: Context;
  readonly #cache = new Map<string, Sprite>();

  constructor() {
    const context = this.#canvas.getContext('2d', { willReadFrequently: true }) as Context | null;
    if (!context) throw new Error('No 2D canvas here.');
    this.#context = context;
  }

  measure(text: string, size: number): { width: number; height: number } {
    const context = this.#context;
    context.font = font(size);
    const metrics = context.measureText(text);
    const height = metrics.actualBoundingBoxAscent + metrics.actualBoundingBoxDescent;
    const pad = padding(size);
    return { width: metrics.width + 2 * pad, height: (height || size) + 2 * pad };
  }

  sprite(text: string, size: number, rotate: Rotation): Sprite {
    const key = `${size}\u0000${rotate}\u0000${text}`;
    let sprite = this.#cache.get(key);
    if (!sprite) {
      sprite = this.#draw(text, size, rotate);
      if (this.#cache.size > 4000) this.#cache.clear();
      this.#cache.set(key, sprite);
    }
    return sprite;
  }

  #draw(text: string, size: number, rotate: Rotation): Sprite {
    const context = this.#context;
    context.font = font(size);
    const metrics = context.measureText(text);
    // The box of the inked pixels around the anchor (text-anchor middle, alphabetic baseline), padded.
    const pad = padding(size);
    const half = metrics.width / 2;
    const left = Math.ceil(Math.max(metrics.actualBoundingBoxLeft, half)) + pad;
    const right = Math.ceil(Math.max(metrics.actualBoundingBoxRight, half)) + pad;
    const ascent = Math.ceil(metrics.actualBoundingBoxAscent || size) + pad;
    const descent = Math.ceil(metrics.actualBoundingBoxDescent) + pad;
    // Unrotated box: x in [-left, right], y in [-ascent, descent]. Rotated by -90°: (x, y) → (y, -x).
    const x0 = rotate === 0 ? -left : -ascent;
    const y0 = rotate === 0 ? -ascent : -right;
    const pw = rotate === 0 ? left + right : ascent + descent;
    const h = rotate === 0 ? ascent + descent : left + right;
    const canvas = this.#canvas;
    if (canvas.width < pw || canvas.height < h) {
      canvas.width = Math.max(canvas.width, pw);
      canvas.height = Math.max(canvas.height, h);
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, pw, h);
    context.font = font(size);
    context.textAlign = 'center';
    context.textBaseline = 'alphabetic';
    context.fillStyle = '#000';
    context.strokeStyle = '#000';
    context.lineWidth = 2 * pad;
    context.lineJoin = 'round';
    context.translate(-x0, -y0);
    if (rotate !== 0) context.rotate((rotate * Math.PI) / 180);
    context.fillText(text, 0, 0);
    context.strokeText(text, 0, 0);
    const pixels = context.getImageData(0, 0, pw, h).data;
    const stride = (pw + 31) >> 5;
    const bits = new Uint32Array(stride * h);
    for (let y = 0; y < h; y++) {
      const row = y * pw * 4;
      for (let x = 0; x < pw; x++) {
        if (pixels[row + x * 4 + 3]! > 0) bits[y * stride + (x >> 5)]! |= 1 << (31 - (x & 31));
      }
    }
    return { w: stride << 5, h, pw, bits, x0, y0 };
  }
}
