/**
 * A CSV cell holding user text, safe to open in a spreadsheet (test/vectors/wordcloud-csv.json).
 *
 * - Formula injection: a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
 *   `'`, so that Excel, LibreOffice and Google Sheets show it as text instead of evaluating it.
 * - Quoting (RFC 4180): a cell containing `"`, `,`, `;` (the separator of French spreadsheets), a tab, a
 *   carriage return or a line feed, or starting or ending with a space, is written between double quotes,
 *   with its double quotes doubled.
 *
 * For user text only: numbers the export writes itself (weights, ranks) do not go through it, or `-1`
 * would become `'-1`.
 */
const FORMULA_START = /^[=+\-@\t\r]/u;
const NEEDS_QUOTES = /[",;\t\r\n]|^ | $/u;

export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}
