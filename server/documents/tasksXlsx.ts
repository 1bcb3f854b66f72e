/**
 * The task list as the XLSX officials keep their trackers in (exceljs): one sheet "Nhiệm vụ" with the
 * columns STT | Nhiệm vụ | Mô tả | Nội dung PAPI | Chỉ số thành phần | Chỉ tiêu | Đơn vị chủ trì | Đơn vị
 * phối hợp | Ngày bắt đầu | Thời hạn | Sản phẩm dự kiến | Tiến độ % | Trạng thái, a Vietnamese header row
 * (frozen, filtered), drop-down lists (dimensions, sub-dimensions, units, statuses — kept on a hidden
 * "Danh mục" sheet) and date/number checks; and the reader that validates EVERY row before anything is
 * stored, throwing an InputError that names the sheet, the row and the column (letter and header).
 */
import ExcelJS from 'exceljs';
import { InputError } from '../../core/errors.js';
import { type Lang, t } from '../../core/i18n/index.js';
import { TASK_STATUSES, type TaskStatus } from '../../core/plans/tasks.js';
import { foldVietnamese } from '../../core/text/fold.js';

const MB = 1024 * 1024;
/** Limits of one import: a yearly plan has tens of tasks, a province's tracker a few hundred. */
export const TASK_XLSX_LIMITS = { maxBytes: 5 * MB, maxRows: 2000, maxText: 4000 } as const;

type ColumnKey =
  | 'stt'
  | 'title'
  | 'description'
  | 'dimension'
  | 'subdimension'
  | 'indicator'
  | 'leadUnit'
  | 'cooperatingUnits'
  | 'startDate'
  | 'deadline'
  | 'expectedOutput'
  | 'progress'
  | 'status';

/** Column order and widths (characters); the letter is the position (A = STT … M = Trạng thái). */
export const TASK_COLUMNS: readonly { key: ColumnKey; width: number; required?: boolean }[] = [
  { key: 'stt', width: 6 },
  { key: 'title', width: 48, required: true },
  { key: 'description', width: 40 },
  { key: 'dimension', width: 34 },
  { key: 'subdimension', width: 30 },
  { key: 'indicator', width: 18 },
  { key: 'leadUnit', width: 28, required: true },
  { key: 'cooperatingUnits', width: 34 },
  { key: 'startDate', width: 14 },
  { key: 'deadline', width: 14, required: true },
  { key: 'expectedOutput', width: 32 },
  { key: 'progress', width: 10 },
  { key: 'status', width: 18 },
];

export const columnLetter = (index: number): string => String.fromCharCode(65 + index);
const header = (lang: Lang, key: ColumnKey) => t(lang, `documents:xlsx.${key}`);

/** Unit codes as officials write them: a GSO number, or an OpenPAPI id (vn2025:…, local:…). */
const isUnitCode = (value: string): boolean => /^\d+$/.test(value) || /^(vn2008|vn2025|local):/i.test(value);

/** A unit a task can name as lead or cooperating unit (the plan's unit, its subtree, its offices). */
export interface TaskSheetUnit {
  id: string;
  code: string;
  nameVi: string;
  fullNameVi: string;
  /** As a plan names the agency: "UBND xã Ân Thi" for a level of government, "Sở Nội vụ" otherwise. */
  label: string;
}

/** The PAPI dimensions and sub-dimensions of the plan's year (from the framework). */
export interface TaskSheetDimension {
  number: number;
  nameVi: string;
  subdimensions: { code: string; nameVi: string }[];
}

export interface TaskSheetContext {
  units: readonly TaskSheetUnit[];
  dimensions: readonly TaskSheetDimension[];
  lang: Lang;
}

/** One task as the sheet holds it (what export writes and import returns). */
export interface TaskSheetRow {
  title: string;
  description: string;
  dimension: number | null;
  subdimension: string | null;
  indicator: string | null;
  leadUnit: { unitId: string | null; name: string };
  cooperatingUnits: { unitId: string | null; name: string }[];
  startDate: string | null;
  dueDate: string | null;
  expectedOutput: string;
  progress: number;
  status: TaskStatus;
}

const dimensionLabel = (d: TaskSheetDimension) => `D${d.number} - ${d.nameVi}`;
const subLabel = (s: { code: string; nameVi: string }) => `${s.code} - ${s.nameVi}`;
const statusLabel = (lang: Lang, s: TaskStatus) => t(lang, `documents:status.${s}`);

function isoToDate(iso: string | null): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

interface DataValidationSheet {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** The XLSX of a plan's tasks, with lists and checks so what officials type comes back valid. */
export async function writeTaskWorkbook(rows: readonly TaskSheetRow[], ctx: TaskSheetContext): Promise<Buffer> {
  const { lang } = ctx;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OpenPAPI';
  const ws = wb.addWorksheet(t(lang, 'documents:xlsx.sheet'), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
  });
  ws.columns = TASK_COLUMNS.map((c) => ({ header: header(lang, c.key), key: c.key, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true, name: 'Times New Roman', size: 12 };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.height = 32;
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  ws.autoFilter = { from: 'A1', to: `${columnLetter(TASK_COLUMNS.length - 1)}1` };

  const dims = new Map(ctx.dimensions.map((d) => [d.number, d]));
  rows.forEach((r, i) => {
    const dim = r.dimension === null ? undefined : dims.get(r.dimension);
    const sub = dim?.subdimensions.find((s) => s.code === r.subdimension);
    ws.addRow({
      stt: i + 1,
      title: r.title,
      description: r.description,
      dimension: dim ? dimensionLabel(dim) : r.dimension === null ? '' : `D${r.dimension}`,
      subdimension: sub ? subLabel(sub) : (r.subdimension ?? ''),
      indicator: r.indicator ?? '',
      leadUnit: r.leadUnit.name,
      cooperatingUnits: r.cooperatingUnits.map((u) => u.name).join('; '),
      startDate: isoToDate(r.startDate),
      deadline: isoToDate(r.dueDate),
      expectedOutput: r.expectedOutput,
      progress: r.progress,
      status: statusLabel(lang, r.status),
    });
  });
  for (const key of ['startDate', 'deadline'] as const) ws.getColumn(key).numFmt = 'dd/mm/yyyy';
  ws.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
  });

  // Lists on a hidden sheet (a list written inline is limited to 255 characters).
  const lists = wb.addWorksheet(t(lang, 'documents:xlsx.listsSheet'), { state: 'hidden' });
  const columnsOf: string[][] = [
    ctx.dimensions.map(dimensionLabel),
    ctx.dimensions.flatMap((d) => d.subdimensions.map(subLabel)),
    [...new Set(ctx.units.map((u) => u.label))],
    TASK_STATUSES.map((s) => statusLabel(lang, s)),
  ];
  columnsOf.forEach((values, c) => {
    values.forEach((v, r) => {
      lists.getCell(r + 1, c + 1).value = v;
    });
  });
  const listRef = (c: number) => {
    const n = Math.max(1, columnsOf[c]?.length ?? 1);
    return `'${lists.name}'!$${columnLetter(c)}$1:$${columnLetter(c)}$${n}`;
  };
  const last = Math.max(500, rows.length + 200);
  const at = (key: ColumnKey) => {
    const letter = columnLetter(TASK_COLUMNS.findIndex((c) => c.key === key));
    return `${letter}2:${letter}${last}`;
  };
  const dv = (ws as unknown as DataValidationSheet).dataValidations;
  const list = (c: number, key: ColumnKey, strict: boolean) =>
    dv.add(at(key), {
      type: 'list',
      allowBlank: true,
      formulae: [listRef(c)],
      showErrorMessage: strict,
      errorStyle: 'stop',
      error: header(lang, key),
    });
  list(0, 'dimension', true);
  list(1, 'subdimension', true);
  // Units in reach are offered, other agencies may be typed: not a strict list.
  list(2, 'leadUnit', false);
  list(3, 'status', true);
  for (const key of ['startDate', 'deadline'] as const) {
    dv.add(at(key), {
      type: 'date',
      operator: 'greaterThan',
      allowBlank: true,
      formulae: [new Date(Date.UTC(2000, 0, 1))],
      showErrorMessage: true,
      error: t(lang, 'documents:xlsx.errDate', { value: '' }),
    });
  }
  dv.add(at('progress'), {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [0, 100],
    showErrorMessage: true,
    error: t(lang, 'documents:xlsx.errProgress', { value: '' }),
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------
// Reading

/** The plain value of a cell: text (rich text and hyperlinks flattened), number, Date, or null. */
function cellValue(cell: ExcelJS.Cell): string | number | Date | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') {
    if ('richText' in v)
      return (
        v.richText
          .map((r) => r.text)
          .join('')
          .trim() || null
      );
    if ('result' in v) {
      const r = v.result;
      if (r === undefined || r === null || typeof r === 'object') return r instanceof Date ? r : null;
      return typeof r === 'boolean' ? String(r) : r;
    }
    if ('text' in v && typeof v.text === 'string') return v.text.trim() || null;
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

/** "30/06/2026", "30/6/2026", "2026-06-30", an Excel date cell or serial number → "2026-06-30". */
export function parseSheetDate(v: string | number | Date): string | null {
  let y: number;
  let m: number;
  let d: number;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    [y, m, d] = [v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()];
  } else if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > 2958465) return null;
    const date = new Date(Date.UTC(1899, 11, 30) + v * 86_400_000); // Excel's day 0 (1900 system)
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else {
    const s = v.trim();
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    else if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    else return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 2000 || y > 2100) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Every problem found, the first one as the message; nothing is imported when there is any. */
export class TaskSheetError extends InputError {
  constructor(readonly problems: InputError[]) {
    const first = problems[0] ?? new InputError('invalid file');
    const more = problems.length > 1 ? ` (+${problems.length - 1})` : '';
    super(`${first.message}${more}`, first.location, 'invalid_task_sheet');
  }
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Reads and validates a task sheet. Every row is checked; on any problem a TaskSheetError (an
 * InputError) names the file, sheet, row and column of the first one — and the caller stores nothing.
 */
export async function readTaskWorkbook(content: Buffer, file: string, ctx: TaskSheetContext): Promise<TaskSheetRow[]> {
  const { lang } = ctx;
  if (content.length > TASK_XLSX_LIMITS.maxBytes) {
    throw new InputError(
      t(lang, 'documents:xlsx.errTooBig', {
        size: (content.length / MB).toFixed(1),
        max: TASK_XLSX_LIMITS.maxBytes / MB,
      }),
      { file },
      'file_too_large',
    );
  }
  const notXlsx = () => new InputError(t(lang, 'documents:xlsx.errNotXlsx'), { file }, 'not_xlsx');
  if (!isZip(content)) throw notXlsx();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw notXlsx();
  }
  const wanted = [t('vi', 'documents:xlsx.sheet'), t('en', 'documents:xlsx.sheet')].map(fold);
  const ws =
    wb.worksheets.find((w) => wanted.includes(fold(w.name))) ?? wb.worksheets.find((w) => w.state === 'visible');
  if (!ws) {
    throw new InputError(t(lang, 'documents:xlsx.errNoSheet', { sheet: t(lang, 'documents:xlsx.sheet') }), { file });
  }
  const sheet = ws.name;
  const where = (row: number, i: number, key: ColumnKey) => ({
    file,
    sheet,
    row,
    column: `${columnLetter(i)} (${header(lang, key)})`,
  });

  // The header row: each column must be where the template has it (in either language).
  const problems: InputError[] = [];
  TASK_COLUMNS.forEach((c, i) => {
    const actual = cellValue(ws.getRow(1).getCell(i + 1));
    const ok = [header('vi', c.key), header('en', c.key)].map(fold).includes(fold(String(actual ?? '')));
    if (!ok) {
      problems.push(
        new InputError(
          t(lang, 'documents:xlsx.errHeader', { expected: header(lang, c.key), actual: String(actual ?? '') }),
          where(1, i, c.key),
        ),
      );
    }
  });
  if (problems.length > 0) throw new TaskSheetError(problems);

  // Lookups: units by id, code, name or full name; dimensions "D1", "1" or "D1 - …"; statuses by label or code.
  const unitIndex = new Map<string, TaskSheetUnit>();
  for (const u of ctx.units) {
    // "UBND xã Ân Thi", "Ủy ban nhân dân xã Ân Thi", "Xã Ân Thi", "Ân Thi", "12142", "vn2025:12142".
    const spelled = u.label.replace(/^UBND /, 'Ủy ban nhân dân ');
    for (const k of [u.id, u.code, u.nameVi, u.fullNameVi, u.label, spelled]) if (k) unitIndex.set(fold(k), u);
  }
  const findUnit = (s: string) => unitIndex.get(fold(s));
  const dims = new Map(ctx.dimensions.map((d) => [d.number, d]));
  const statusIndex = new Map<string, TaskStatus>();
  for (const s of TASK_STATUSES) {
    for (const k of [s, statusLabel('vi', s), statusLabel('en', s)]) statusIndex.set(fold(k), s);
  }

  const rows: TaskSheetRow[] = [];
  const lastRow = ws.actualRowCount === 0 ? 1 : (ws.lastRow?.number ?? 1);
  if (lastRow - 1 > TASK_XLSX_LIMITS.maxRows) {
    throw new InputError(
      t(lang, 'documents:xlsx.errTooManyRows', { rows: lastRow - 1, max: TASK_XLSX_LIMITS.maxRows }),
      { file, sheet },
      'too_many_rows',
    );
  }
  for (let r = 2; r <= lastRow; r++) {
    const row = ws.getRow(r);
    const values = TASK_COLUMNS.map((_, i) => cellValue(row.getCell(i + 1)));
    // Only the STT filled in (a numbered empty line) counts as empty too.
    if (values.slice(1).every((v) => v === null)) continue;
    const before = problems.length;
    const fail = (i: number, message: string) =>
      problems.push(new InputError(message, where(r, i, TASK_COLUMNS[i]!.key)));
    const text = (i: number): string => {
      const v = values[i];
      if (v === null) return '';
      const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
      if (s.length > TASK_XLSX_LIMITS.maxText) {
        fail(i, t(lang, 'documents:xlsx.errText', { length: s.length, max: TASK_XLSX_LIMITS.maxText }));
      }
      return s;
    };
    TASK_COLUMNS.forEach((c, i) => {
      if (c.required && values[i] === null) fail(i, t(lang, 'documents:xlsx.errRequired'));
    });
    const col = (key: ColumnKey) => TASK_COLUMNS.findIndex((c) => c.key === key);

    // Nội dung PAPI and chỉ số thành phần.
    let dimension: number | null = null;
    const dimText = text(col('dimension'));
    if (dimText) {
      const m = /^\s*d?\s*(\d+)\b/i.exec(dimText);
      const n = m ? Number(m[1]) : Number.NaN;
      if (dims.has(n)) dimension = n;
      else
        fail(col('dimension'), t(lang, 'documents:xlsx.errDimension', { value: dimText, max: ctx.dimensions.length }));
    }
    let subdimension: string | null = null;
    const subText = text(col('subdimension'));
    if (subText) {
      const code = /^\s*(\d+\.\d+)/.exec(subText)?.[1] ?? subText;
      const owner = ctx.dimensions.find((d) => d.subdimensions.some((s) => s.code === code));
      if (!owner || (dimension !== null && owner.number !== dimension)) {
        fail(
          col('subdimension'),
          t(lang, 'documents:xlsx.errSubdimension', { value: subText, dimension: dimension ? `D${dimension}` : '—' }),
        );
      } else {
        subdimension = code;
        dimension ??= owner.number;
      }
    }

    // Đơn vị chủ trì and phối hợp.
    // A unit named as in the tree is linked to it; a name of an agency outside it ("Sở Tài chính") is kept
    // as written, as plans do; a value written as a code or id must name a unit in the plan's reach.
    const leadText = text(col('leadUnit'));
    const lead = leadText ? findUnit(leadText) : undefined;
    if (leadText && !lead && isUnitCode(leadText)) {
      fail(col('leadUnit'), t(lang, 'documents:xlsx.errUnknownUnit', { value: leadText }));
    }
    const cooperatingUnits: TaskSheetRow['cooperatingUnits'] = [];
    for (const name of text(col('cooperatingUnits'))
      .split(/[;\n]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const u = findUnit(name);
      if (u) cooperatingUnits.push({ unitId: u.id, name: u.label });
      else if (isUnitCode(name))
        fail(col('cooperatingUnits'), t(lang, 'documents:xlsx.errUnknownUnit', { value: name }));
      else cooperatingUnits.push({ unitId: null, name });
    }

    // Dates.
    const date = (key: ColumnKey): string | null => {
      const i = col(key);
      const v = values[i];
      if (v === null || v === undefined) return null;
      const iso = parseSheetDate(v);
      if (!iso) fail(i, t(lang, 'documents:xlsx.errDate', { value: v instanceof Date ? v.toISOString() : String(v) }));
      return iso;
    };
    const startDate = date('startDate');
    const dueDate = date('deadline');
    if (startDate && dueDate && dueDate < startDate) fail(col('deadline'), t(lang, 'documents:xlsx.errDateOrder'));

    // Tiến độ % and trạng thái.
    let progress = 0;
    const p = values[col('progress')];
    if (p !== null && p !== undefined) {
      const n =
        typeof p === 'number'
          ? p
          : p instanceof Date
            ? Number.NaN
            : Number(String(p).replace('%', '').replace(',', '.').trim());
      if (!Number.isFinite(n) || n < 0 || n > 100) {
        fail(
          col('progress'),
          t(lang, 'documents:xlsx.errProgress', { value: p instanceof Date ? p.toISOString() : String(p) }),
        );
      } else progress = Math.round(n);
    }
    let status: TaskStatus = progress >= 100 ? 'done' : progress > 0 ? 'in_progress' : 'not_started';
    const statusText = text(col('status'));
    if (statusText) {
      const s = statusIndex.get(fold(statusText));
      if (!s) {
        fail(
          col('status'),
          t(lang, 'documents:xlsx.errStatus', {
            value: statusText,
            allowed: TASK_STATUSES.map((x) => statusLabel(lang, x)).join(', '),
          }),
        );
      } else status = s;
    }
    if (status === 'done') progress = 100;

    const title = text(col('title'));
    if (problems.length === before) {
      rows.push({
        title,
        description: text(col('description')),
        dimension,
        subdimension,
        indicator: text(col('indicator')) || null,
        leadUnit: { unitId: lead?.id ?? null, name: lead?.label ?? leadText },
        cooperatingUnits,
        startDate,
        dueDate,
        expectedOutput: text(col('expectedOutput')),
        progress,
        status,
      });
    }
  }
  if (problems.length > 0) throw new TaskSheetError(problems);
  if (rows.length === 0) throw new InputError(t(lang, 'documents:xlsx.errEmpty'), { file, sheet, row: 2 });
  return rows;
}
