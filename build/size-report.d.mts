export interface SizeReport {
  bundles: Record<string, { file: string; minified: number; gzip: number; imports: string[] }>;
  firstPaint: Record<string, number>;
}
export function measure(): SizeReport;
