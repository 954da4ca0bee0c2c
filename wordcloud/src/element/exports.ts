/**
 * The trainer's exports: CSV (aggregated words; entries with their authors only in named mode, as the host
 * decides) and PNG of the cloud. Every user text goes through `csvCell` (formula injection neutralised).
 */
import { csvCell } from '../csv.js';

export { download } from '../../../activities/src/util/download.js';

/** `;` and a byte-order mark: what a French spreadsheet opens without asking. */
const SEPARATOR = ';';
const BOM = '\ufeff';

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) =>
    cells.map((cell) => (typeof cell === 'number' ? String(cell) : csvCell(cell))).join(SEPARATOR);
  return `${BOM}${[header, ...rows].map(line).join('\r\n')}\r\n`;
}

/** Draws the cloud's SVG on a canvas, `width` pixels wide, over `background`, and encodes it as PNG. */
export async function svgToPng(source: SVGSVGElement, width: number, background: string): Promise<Blob> {
  const box = source.viewBox.baseVal;
  const height = Math.round((width * box.height) / box.width);
  const copy = source.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  // The page's styles do not travel with the copy: each word carries its own.
  const words = source.querySelectorAll<SVGTextElement>('text');
  copy.querySelectorAll<SVGTextElement>('text').forEach((text, index) => {
    const style = getComputedStyle(words[index]!);
    text.setAttribute('font-weight', style.fontWeight);
    text.setAttribute('text-anchor', 'middle');
    text.style.animation = 'none';
    text.style.transition = 'none';
  });
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d')!;
    context.fillStyle = background;
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
