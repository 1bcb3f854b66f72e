/**
 * File adapters for the index engine: published PAPI sub-dimension scores (CSV via csv-parse, XLSX via exceljs,
 * the long layout of data/papi/papi_subdimensions_long_2011_2024.csv), the published aggregate table, the
 * framework JSON files, and the shipped reference tables (provinces, regions, population, 63→34 mapping).
 * Parsing only; validation and the series model are in core/index.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { InputError } from '../../core/errors.js';
import type { FrameworkSet } from '../../core/index/framework.js';
import { buildFrameworkSet, parseFramework } from '../../core/index/framework.js';
import type { ProvinceRef, RegionRef } from '../../core/index/provinces.js';
import { normaliseProvinceCode } from '../../core/index/provinces.js';
import type { RawRecord } from '../../core/index/published.js';
import { checkPublishedAggregates, validatePublishedScoreRecords } from '../../core/index/published.js';
import type { MergeMapping, PopulationWeight } from '../../core/index/rebase.js';
import { rebaseTo34 } from '../../core/index/rebase.js';
import type { ScoreRow, ScoreSeries } from '../../core/index/series.js';
import { buildSeries } from '../../core/index/series.js';

/** A parsed table: headers and records with their 1-based spreadsheet row numbers (header = row 1). */
export interface ParsedTable {
  headers: string[];
  records: RawRecord[];
  file: string;
  sheet?: string;
  columnLabel?: (header: string) => string;
}

/** The repository's data/ folder, found by walking up from this file (works from sources and from dist/). */
export function shippedDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'data', 'papi', 'frameworks'))) return join(dir, 'data');
    dir = dirname(dir);
  }
  throw new Error('cannot find the shipped data/ folder (data/papi/frameworks)');
}

export function parseCsvTable(text: string, file: string): ParsedTable {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new InputError(`not a valid CSV file: ${e.message}`, { file, row: e.lines });
  }
  if (rows.length === 0) throw new InputError('the file is empty', { file, row: 1 });
  const headers = rows[0]!.map((h) => h.trim());
  // skip_empty_lines can shift numbering only for blank lines, which our files do not contain mid-table.
  const records = rows.slice(1).map((cells, i) => ({
    row: i + 2,
    values: Object.fromEntries(headers.map((h, j) => [h, cells[j]])),
  }));
  return { headers, records, file };
}

function columnLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function excelCellText(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return excelCellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** First worksheet of an XLSX file; the same layout as the CSV (header in row 1). */
export async function parseXlsxTable(data: Buffer | ArrayBuffer, file: string): Promise<ParsedTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch (err) {
    throw new InputError(`not a valid XLSX file: ${(err as Error).message}`, { file });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new InputError('the workbook has no worksheet', { file });
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  const letters = new Map<string, string>();
  headerRow.eachCell({ includeEmpty: false }, (cell, col) => {
    const h = String(excelCellText(cell.value) ?? '').trim();
    headers[col - 1] = h;
    letters.set(h, columnLetter(col));
  });
  const records: RawRecord[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: RawRecord['values'] = {};
    headers.forEach((h, j) => {
      if (h) values[h] = excelCellText(row.getCell(j + 1).value);
    });
    records.push({ row: rowNumber, values });
  });
  return {
    headers: headers.filter((h) => h !== undefined),
    records,
    file,
    sheet: ws.name,
    columnLabel: (h) => (letters.has(h) ? `${letters.get(h)} (${h})` : h),
  };
}

/** Read a CSV or XLSX table by extension. */
export async function readTable(path: string): Promise<ParsedTable> {
  const file = basename(path);
  if (!existsSync(path)) throw new InputError('file not found', { file: path });
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return parseXlsxTable(readFileSync(path), file);
  if (ext === '.csv') return parseCsvTable(readFileSync(path, 'utf8'), file);
  throw new InputError(`unsupported file type ${ext || '(none)'}; use .csv or .xlsx`, { file });
}

/** Published long-layout sub-dimension scores → validated flat rows (throws InputError with file/row/column). */
export function publishedRowsFromTable(
  table: ParsedTable,
  ctx: { frameworks: FrameworkSet; provinces: readonly ProvinceRef[] },
): ScoreRow[] {
  return validatePublishedScoreRecords(table.records, { ...table, ...ctx, codeSystem: 'vn2008' });
}

export async function readPublishedScores(
  path: string,
  ctx: { frameworks: FrameworkSet; provinces: readonly ProvinceRef[] },
): Promise<ScoreSeries> {
  const rows = publishedRowsFromTable(await readTable(path), ctx);
  return buildSeries(rows, { ...ctx, codeSystem: 'vn2008', source: 'published' });
}

/** Check a published aggregate table (D1…D8, total) against the series; returns the number of values compared. */
export async function checkAggregatesFile(series: ScoreSeries, path: string): Promise<number> {
  const table = await readTable(path);
  return checkPublishedAggregates(series, table.records, table);
}

export function readFrameworks(dir: string): FrameworkSet {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return buildFrameworkSet(
    files.map((f) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      } catch (err) {
        throw new InputError(`not valid JSON: ${(err as Error).message}`, { file: f });
      }
      return parseFramework(json, f);
    }),
  );
}

function csvObjects(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true });
}

export interface ShippedIndexData {
  dataDir: string;
  frameworks: FrameworkSet;
  provinces63: ProvinceRef[];
  provinces34: ProvinceRef[];
  regions: RegionRef[];
  mapping: MergeMapping[];
  weights: PopulationWeight[];
  /** Published scores 2011–2024 on the 63 provinces. */
  series63: ScoreSeries;
}

let cached: Promise<ShippedIndexData> | undefined;

/** Everything the index engine needs from data/, validated. Cached per process. */
export function loadShippedIndexData(dataDir: string = shippedDataDir()): Promise<ShippedIndexData> {
  if (!cached) cached = loadUncached(dataDir);
  return cached;
}

async function loadUncached(dataDir: string): Promise<ShippedIndexData> {
  const papi = join(dataDir, 'papi');
  const frameworks = readFrameworks(join(papi, 'frameworks'));
  const regionRows = csvObjects(join(papi, 'regions.csv'));
  const regions = new Map<string, RegionRef>();
  const ref = (cs: 'vn2008' | 'vn2025') =>
    regionRows
      .filter((r) => r.code_system === cs)
      .map((r) => {
        regions.set(r.region_id!, { id: r.region_id!, nameVi: r.region_vi!, nameEn: r.region_en! });
        return {
          code: normaliseProvinceCode(r.province_code!),
          codeSystem: cs,
          nameVi: r.province_vi!.normalize('NFC'),
          nameEn: r.province_en!,
          region: r.region_id!,
        } satisfies ProvinceRef;
      });
  const provinces63 = ref('vn2008');
  const provinces34 = ref('vn2025');
  const mapping = csvObjects(join(dataDir, 'vn-admin', 'province_mapping_old_to_new.csv')).map((r) => ({
    oldCode: normaliseProvinceCode(r.old_code!),
    newCode: normaliseProvinceCode(r.new_code!),
  }));
  const weights = csvObjects(join(papi, 'population_2019_census.csv')).map((r): PopulationWeight => {
    const adults = r.adults_18_plus_2019 ? Number(r.adults_18_plus_2019) : null;
    return {
      oldCode: normaliseProvinceCode(r.old_gso_code!),
      weight: adults ?? Number(r.population_2019),
      basis: adults !== null ? 'adults-18-plus' : 'total-population',
    };
  });
  const series63 = await readPublishedScores(join(papi, 'papi_subdimensions_long_2011_2024.csv'), {
    frameworks,
    provinces: provinces63,
  });
  return { dataDir, frameworks, provinces63, provinces34, regions: [...regions.values()], mapping, weights, series63 };
}

/** The published series on the requested geography: 63 (as published) or 34 (re-based approximation). */
export async function shippedSeries(geography: '63' | '34'): Promise<{ series: ScoreSeries; data: ShippedIndexData }> {
  const data = await loadShippedIndexData();
  if (geography === '63') return { series: data.series63, data };
  const series = rebaseTo34(data.series63, {
    mapping: data.mapping,
    weights: data.weights,
    provinces34: data.provinces34,
  });
  return { series, data };
}
