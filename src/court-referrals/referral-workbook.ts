import { Readable } from 'node:stream';
import { Workbook, type Worksheet } from 'exceljs';
import type { DocumentLanguage } from '../common/documents-i18n/language';
import { columnOfHeader, SHEET_COLUMNS, templateNotes } from './referral-sheet';

/** A data row of an uploaded sheet: its row number and its cells as text, by column key. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export interface ReadSheet {
  /** Column keys the header row names. */
  columns: string[];
  rows: SheetRow[];
}

export type SheetFormat = 'xlsx' | 'csv';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The first worksheet of an .xlsx workbook or a UTF-8 .csv file (exceljs reads both), its
 * header row mapped to the template's columns. Cells are read as text (`cell.text`): a long ID
 * number or a phone number with its "+" must not become a number.
 */
export async function readSheet(bytes: Buffer, format: SheetFormat): Promise<ReadSheet> {
  const workbook = new Workbook();
  let sheet: Worksheet | undefined;
  if (format === 'xlsx') {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    sheet = workbook.worksheets[0];
  } else {
    // `map` keeps every value a string: exceljs would otherwise turn "+8613800138000" into a number and dates into Dates.
    sheet = await workbook.csv.read(Readable.from([bytes]), { map: (value: unknown) => value });
  }
  if (!sheet) return { columns: [], rows: [] };
  const byColumn = new Map<number, string>();
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, index) => {
    const key = columnOfHeader(cell.text);
    if (key && ![...byColumn.values()].includes(key)) byColumn.set(index, key);
  });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    for (const [index, key] of byColumn) cells[key] = row.getCell(index).text.trim();
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: rowNumber, cells });
  });
  return { columns: [...byColumn.values()], rows };
}

/** The blank template: the header row in the chosen language, and (in .xlsx) a second sheet of notes. */
export async function templateFile(lang: DocumentLanguage, format: SheetFormat): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(lang === 'zh-CN' ? '委派案件' : 'Referrals');
  // Text cells throughout, so Excel keeps ID numbers, phone numbers and leading zeros as typed.
  sheet.columns = SHEET_COLUMNS.map((c) => ({
    header: c.header[lang],
    key: c.key,
    width: Math.max(14, c.header[lang].length * (lang === 'zh-CN' ? 2.2 : 1.1)),
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  if (format === 'csv') return withBom(await workbook.csv.writeBuffer());
  const notes = workbook.addWorksheet(lang === 'zh-CN' ? '填写说明' : 'How to fill in');
  notes.columns = [
    { header: lang === 'zh-CN' ? '列' : 'Column', key: 'header', width: 36 },
    { header: lang === 'zh-CN' ? '必填' : 'Required', key: 'required', width: 10 },
    { header: lang === 'zh-CN' ? '可选值' : 'Allowed values', key: 'allowed', width: 60 },
    { header: lang === 'zh-CN' ? '说明' : 'Notes', key: 'note', width: 50 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const n of templateNotes(lang)) notes.addRow({ ...n, required: n.required ? (lang === 'zh-CN' ? '是' : 'Yes') : '' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rows as CSV that Excel opens with its Chinese intact: UTF-8 with a byte-order mark. */
export async function csvFile(header: string[], rows: string[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('export');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return withBom(await workbook.csv.writeBuffer());
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const withBom = (csv: ArrayBuffer | Buffer): Buffer => Buffer.concat([BOM, Buffer.from(csv as ArrayBuffer)]);
