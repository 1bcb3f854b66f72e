/**
 * Reading spreadsheets for the surveys module: every worksheet of an .xlsx (XLSForm) as text rows, and
 * the first table of a CSV or XLSX (sampling frames). Errors say file, sheet, row and column; a column is
 * named by its letter and header ("C (relevant)") so an official can find it in Excel.
 */

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { InputError } from '../../core/errors.js';
import type { SurveyForm } from '../../core/surveys/form.js';
import type { SheetRows } from '../../core/surveys/xlsform.js';
import { importXlsForm } from '../../core/surveys/xlsform.js';

export function columnLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

export interface WorkbookSheets {
  sheets: SheetRows[];
  /** sheet name → header → column letter */
  letters: Map<string, Map<string, string>>;
}

/** Every worksheet: header row 1, then rows keyed by header (spreadsheet row numbers kept). */
export async function readWorkbook(data: Buffer, file: string): Promise<WorkbookSheets> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new InputError(`not a valid XLSX file: ${(err as Error).message}`, { file }, 'invalid_file');
  }
  const sheets: SheetRows[] = [];
  const letters = new Map<string, Map<string, string>>();
  for (const ws of wb.worksheets) {
    const headers: string[] = [];
    const byHeader = new Map<string, string>();
    const columns: [number, string][] = [];
    ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
      const h = cellText(cell.value).trim();
      if (h === '') return;
      if (byHeader.has(h))
        throw new InputError(
          `the column '${h}' appears twice`,
          { file, sheet: ws.name, row: 1, column: `${columnLetter(col)} (${h})` },
          'invalid_file',
        );
      headers.push(h);
      byHeader.set(h, columnLetter(col));
      columns.push([col, h]);
    });
    const rows: SheetRows['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: Record<string, string> = {};
      for (const [col, h] of columns) cells[h] = cellText(row.getCell(col).value);
      rows.push({ row: rowNumber, cells });
    });
    sheets.push({ name: ws.name, headers, rows });
    letters.set(ws.name.trim().toLowerCase(), byHeader);
  }
  return { sheets, letters };
}

/** Names a column as "C (type)" when the header is known on that sheet. */
export function withColumnLetter(err: InputError, letters: Map<string, Map<string, string>>): InputError {
  const { sheet, column } = err.location;
  if (!sheet || !column) return err;
  const letter = letters.get(sheet.trim().toLowerCase())?.get(column);
  if (!letter) return err;
  return new InputError(err.message, { ...err.location, column: `${letter} (${column})` }, err.code);
}

/** An XLSForm .xlsx → SurveyForm, or an InputError naming file, sheet, row and column. */
export async function readXlsForm(data: Buffer, file: string): Promise<SurveyForm> {
  const { sheets, letters } = await readWorkbook(data, file);
  try {
    return importXlsForm(sheets, { file });
  } catch (err) {
    if (err instanceof InputError) throw withColumnLetter(err, letters);
    throw err;
  }
}

/** The first table of a CSV or XLSX file (by content: XLSX files are zip archives starting "PK"). */
export async function readTableFile(data: Buffer, file: string): Promise<SheetRows> {
  if (data.length >= 2 && data[0] === 0x50 && data[1] === 0x4b) {
    const { sheets } = await readWorkbook(data, file);
    const first = sheets[0];
    if (!first) throw new InputError('the workbook has no worksheet', { file }, 'invalid_file');
    return first;
  }
  let records: string[][];
  try {
    records = parse(data.toString('utf8').replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new InputError(
      `not a valid CSV file: ${e.message}`,
      { file, ...(e.lines ? { row: e.lines } : {}) },
      'invalid_file',
    );
  }
  const header = records[0];
  if (!header) throw new InputError('the file is empty', { file, row: 1 }, 'invalid_file');
  const headers = header.map((h) => h.trim());
  const rows: SheetRows['rows'] = [];
  records.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length > headers.length && cells.slice(headers.length).some((c) => c.trim() !== ''))
      throw new InputError(
        `the row has ${cells.length} cells but the header has ${headers.length}`,
        { file, row: i + 2 },
        'invalid_file',
      );
    rows.push({ row: i + 2, cells: Object.fromEntries(headers.map((h, j) => [h, cells[j] ?? ''])) });
  });
  return { name: file, headers, rows };
}
