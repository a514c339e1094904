import { saveBlob } from '../api/save-file';

/**
 * CSV for spreadsheets, made in the browser from the table on screen (the same rows, the same
 * headings, in the page's language). UTF-8 with a byte-order mark, so Excel reads Chinese; CRLF
 * line ends and RFC 4180 quoting, so a comma, quote or line break inside a cell stays in its cell.
 */
export const BOM = '\uFEFF';

export type CsvCell = string | number | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading = + - @ would make a spreadsheet run the cell as a formula: quote it as text.
  const guarded = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) || guarded !== text ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves `csv` as `filename` through the browser's own download. */
export function downloadCsv(filename: string, csv: string): void {
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), filename);
}
