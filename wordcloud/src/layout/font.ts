/**
 * The font of the cloud, shared by the layout (which measures with it, in the worker) and the SVG (which draws
 * with it), so that what was measured is what is drawn. Kept apart so the page does not load the layout code.
 */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const FONT_WEIGHT = 700;

export function font(size: number): string {
  return `${FONT_WEIGHT} ${size}px ${FONT_FAMILY}`;
}
