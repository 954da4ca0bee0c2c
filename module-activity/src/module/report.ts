/**
 * The trainers' report as CSV: one row per trainee, for each module step its progress (%), time spent (minutes) and
 * score (%), then the same for the whole training. `;` separated with a byte-order mark and decimal commas in French,
 * as French spreadsheets open it; names and titles go through `csvCell` (formula injection neutralised).
 */
import { csvCell } from '../../../wordcloud/src/csv.js';
import type { Report, ReportFigures } from './trainer-protocol.js';

export interface CsvLabels {
  trainee: string;
  programme: string;
  progress(title: string): string;
  time(title: string): string;
  score(title: string): string;
}

export function reportCsv(
  steps: Report['steps'],
  rows: Report['rows'],
  labels: CsvLabels,
  locale: 'fr' | 'en',
): string {
  const number = (value: number | null) =>
    value === null ? '' : locale === 'fr' ? String(value).replace('.', ',') : String(value);
  const minutes = (seconds: number) => number(Math.round(seconds / 6) / 10);
  const figures = (value: ReportFigures | undefined) =>
    value ? [number(value.percent), minutes(value.seconds), number(value.score)] : ['0', '0', ''];
  const header = [
    csvCell(labels.trainee),
    ...steps.flatMap((step) => [
      csvCell(labels.progress(step.title)),
      csvCell(labels.time(step.title)),
      csvCell(labels.score(step.title)),
    ]),
    csvCell(labels.progress(labels.programme)),
    csvCell(labels.time(labels.programme)),
    csvCell(labels.score(labels.programme)),
  ];
  // Numbers are written by this code, not typed by users: they skip csvCell (which would quote "66,7" or mark "-1").
  const lines = rows.map((row) => [
    csvCell(row.name),
    ...steps.flatMap((step) => figures(row.steps[step.stepId])),
    ...figures(row.programme),
  ]);
  return `\ufeff${[header, ...lines].map((line) => line.join(';')).join('\r\n')}\r\n`;
}
