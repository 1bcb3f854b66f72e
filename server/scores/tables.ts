/**
 * Downloads of the ranking table: CSV (UTF-8 with BOM, so Excel opens Vietnamese names correctly) and
 * XLSX (exceljs). Same columns in both; unrounded engine scores; not rated = empty cell, never 0.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { GROUP_LABELS } from '../../core/index/diagnosis-text.js';
import type { CompareDto, ProfileDto, RankingsDto } from '../../core/index/dto.js';

export const RANKING_COLUMNS = [
  'rank',
  'code',
  'province_vi',
  'province_en',
  'region',
  'score',
  'interval_lo',
  'interval_hi',
  'group',
  'group_vi',
  'group_en',
  'status',
] as const;

type Cell = string | number | null;

function rowsOf(t: RankingsDto): Cell[][] {
  return t.rows.map((r) => [
    r.rank,
    r.code,
    r.nameVi,
    r.nameEn,
    r.region,
    r.score,
    r.interval?.lo ?? null,
    r.interval?.hi ?? null,
    r.group,
    r.group ? GROUP_LABELS.vi[r.group] : null,
    r.group ? GROUP_LABELS.en[r.group] : null,
    r.status,
  ]);
}

export function rankingFileName(t: RankingsDto, ext: 'csv' | 'xlsx'): string {
  const region = t.region ? `-${t.region}` : '';
  return `papi-${t.year}-${t.measure.measure}-${t.geography}${region}.${ext}`;
}

export function rankingsCsv(t: RankingsDto): string {
  return `\uFEFF${stringify([[...RANKING_COLUMNS], ...rowsOf(t).map((r) => r.map((c) => (c === null ? '' : c)))])}`;
}

export async function rankingsXlsx(t: RankingsDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OpenPAPI';
  const ws = wb.addWorksheet(`PAPI ${t.year}`);
  ws.addRow([...RANKING_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const r of rowsOf(t)) ws.addRow(r);
  ws.getColumn(3).width = 24;
  ws.getColumn(4).width = 24;
  ws.getColumn(6).numFmt = '0.000000';
  const about = wb.addWorksheet('About');
  about.addRows([
    ['year', t.year],
    ['measure', t.measure.measure],
    ['measure_vi', t.measure.nameVi],
    ['measure_en', t.measure.nameEn],
    ['geography', `${t.geography} provinces (${t.codeSystem})`],
    ['framework', t.frameworkId],
    ['thresholds_p25_p50_p75', t.thresholds ? `${t.thresholds.p25}; ${t.thresholds.p50}; ${t.thresholds.p75}` : ''],
    ['source', 'PAPI published sub-dimension scores (papi.org.vn), computed by OpenPAPI'],
    ...(t.approximation
      ? [
          ['approximation_vi', t.approximation.textVi],
          ['approximation_en', t.approximation.textEn],
        ]
      : []),
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Any flat table (header + rows) as CSV with BOM; null = empty cell. */
export function flatCsv(columns: readonly string[], rows: Cell[][]): string {
  return `\uFEFF${stringify([[...columns], ...rows.map((r) => r.map((c) => (c === null ? '' : c)))])}`;
}

/** Any flat table as XLSX: the table on the first sheet, key/value notes on "About". */
export async function flatXlsx(
  sheet: string,
  columns: readonly string[],
  rows: Cell[][],
  about: [string, string | number][],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OpenPAPI';
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.addRow([...columns]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  wb.addWorksheet('About').addRows(about);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const PROFILE_COLUMNS = [
  'year',
  'measure',
  'name_vi',
  'name_en',
  'dimension',
  'score',
  'rank',
  'of',
  'group',
  'national_median',
  'change_from_year',
  'change',
  'comparable',
  'significant',
] as const;

/** The profile as a long table: one row per year × measure (total, dimensions, sub-dimensions). */
export function profileRows(p: ProfileDto): Cell[][] {
  return p.years.flatMap((y) =>
    [y.total, ...y.dimensions, ...y.subdimensions].map((m) => [
      y.year,
      m.measure,
      m.nameVi,
      m.nameEn,
      m.dimension,
      m.score,
      m.rank,
      m.of,
      m.group,
      m.nationalMedian,
      m.change?.fromYear ?? null,
      m.change?.delta ?? null,
      m.change ? String(m.change.comparable) : null,
      m.change?.significant === null || m.change === null ? null : String(m.change.significant),
    ]),
  );
}

/** The comparison as a table: one row per measure, score/rank/group columns per province. */
export function compareTable(c: CompareDto): { columns: string[]; rows: Cell[][] } {
  const columns = [
    'measure',
    'name_vi',
    'name_en',
    ...c.provinces.flatMap((p) => [`score_${p.code}`, `rank_${p.code}`, `group_${p.code}`]),
    'national_median',
  ];
  const rows = c.measures.map((m) => [
    m.measure,
    m.nameVi,
    m.nameEn,
    ...c.provinces.flatMap((p) => {
      const v = p.values[m.measure];
      return [v?.score ?? null, v?.rank ?? null, v?.group ?? null];
    }),
    m.nationalMedian,
  ]);
  return { columns, rows };
}
