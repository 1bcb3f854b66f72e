/**
 * CSV and XLSX writers for survey exports (responses with design columns, results, samples).
 * CSV: UTF-8 with BOM (Excel on Vietnamese Windows opens it with the right diacritics), numbers written
 * with full precision (shortest round-trip form) so `openpapi estimate` reads back exactly what we computed.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export type Cell = string | number;

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[], bom = true): string {
  return (
    (bom ? '\uFEFF' : '') +
    stringify([header as string[], ...(rows as Cell[][])], { cast: { number: (n) => String(n) } })
  );
}

export async function toXlsx(
  sheets: readonly { name: string; header: readonly string[]; rows: readonly (readonly Cell[])[] }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OpenPAPI';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    ws.addRow([...s.header]).font = { bold: true };
    for (const r of s.rows) ws.addRow([...r]);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    s.header.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.min(40, Math.max(10, h.length + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
