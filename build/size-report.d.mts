export interface SizeReport {
  bundles: Record<string, { file: string; minified: number; gzip: number; imports: string[] }>;
  firstPaint: Record<string, number>;
  /** Per path of budgets.json's `inAll`: what a page downloads in all, and the bundles counted. */
  inAll: Record<string, { gzip: number; bundles: string[] }>;
}
export function measure(): SizeReport;
