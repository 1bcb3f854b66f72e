/**
 * Validation of published PAPI sub-dimension scores (the long layout of
 * data/papi/papi_subdimensions_long_2011_2024.csv, from CSV or XLSX). File parsing lives in
 * server/io/published-scores.ts; this module checks the records and returns flat ScoreRows.
 *
 * Checks, each failing with an InputError that names file, (sheet,) row and column:
 * - required columns: year, gso_code, subdimension, score_published_scale;
 * - year has a framework (era), gso_code is a known province, the sub-dimension exists in that year's
 *   framework (this is where the 2016, 2018 and 2021 breaks bite), no duplicate year × province × sub-dimension;
 * - the value is empty (missing, kept as null: "not rated") or a number on the published scale
 *   [1/n, 10/n] widened by PUBLISHED_SCALE_TOLERANCE/n (n = sub-dimensions in the dimension);
 * - optional columns must agree: dimension (number), n_subdimensions_in_dimension, score_1_to_10 = value × n.
 * Dimension = Σ sub-dimensions and total = Σ dimensions are checked against a published aggregate table by
 * checkPublishedAggregates.
 */
import { InputError } from '../errors.js';
import type { FrameworkSet } from './framework.js';
import { frameworkForYear } from './framework.js';
import type { CodeSystem, ProvinceRef } from './provinces.js';
import { normaliseProvinceCode } from './provinces.js';
import type { ScoreRow, ScoreSeries } from './series.js';
import { yearScores } from './series.js';

/**
 * Tolerance on the published scale, in points of the 1–10 scale: a value v of a sub-dimension in a dimension
 * of n is accepted when 1 − 0.01 ≤ v·n ≤ 10 + 0.01. The lowest published value found is 0.995/n
 * (2020 Phú Yên 8.1: 0.995226·3 on the 1–10 scale; METHOD.md §2.1), below the theoretical floor by rounding.
 */
export const PUBLISHED_SCALE_TOLERANCE = 0.01;
/** |score_1_to_10 − value·n| allowed (both columns are rounded to 6 decimals). */
export const RESCALED_TOLERANCE = 1e-4;
/** |published dimension − Σ sub-dimensions| and |published total − Σ dimensions| allowed (6-decimal rounding). */
export const AGGREGATE_TOLERANCE = 2e-5;

/** One record of a table as parsed by an adapter: its 1-based spreadsheet row and cells keyed by header. */
export interface RawRecord {
  row: number;
  values: Record<string, string | number | null | undefined>;
}

export interface TableSource {
  file?: string;
  sheet?: string;
  /** How to name a column in errors, e.g. "score_published_scale (K)" for a spreadsheet. */
  columnLabel?: (header: string) => string;
}

const REQUIRED = ['year', 'gso_code', 'subdimension', 'score_published_scale'] as const;
const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'na', 'not rated']);

function cellText(v: RawRecord['values'][string]): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

export function validatePublishedScoreRecords(
  records: readonly RawRecord[],
  ctx: TableSource & {
    headers: readonly string[];
    frameworks: FrameworkSet;
    provinces: readonly ProvinceRef[];
    codeSystem?: CodeSystem;
  },
): ScoreRow[] {
  const col = (h: string) => (ctx.columnLabel ? ctx.columnLabel(h) : h);
  const fail = (message: string, row: number | undefined, column?: string): never => {
    throw new InputError(message, { file: ctx.file, sheet: ctx.sheet, row, column: column && col(column) });
  };
  for (const h of REQUIRED) if (!ctx.headers.includes(h)) fail(`missing column "${h}"`, 1, h);
  const known = new Set(ctx.provinces.map((p) => p.code));
  const seen = new Set<string>();
  const out: ScoreRow[] = [];
  for (const rec of records) {
    const cell = (h: string) => cellText(rec.values[h]);
    const yearText = cell('year');
    if (!/^\d{4}$/.test(yearText)) fail(`year "${yearText}" is not a 4-digit year`, rec.row, 'year');
    const year = Number(yearText);
    const fw = frameworkForYear(ctx.frameworks, year);
    if (!fw) fail(`no PAPI framework covers ${year}`, rec.row, 'year');
    const codeText = cell('gso_code');
    if (!/^\d{1,2}$/.test(codeText)) fail(`province code "${codeText}" is not a GSO code`, rec.row, 'gso_code');
    const provinceCode = normaliseProvinceCode(codeText);
    if (!known.has(provinceCode)) fail(`unknown province code ${codeText}`, rec.row, 'gso_code');
    const sub = cell('subdimension');
    const dim = fw!.dimensions.find((d) => d.subdimensions.some((s) => s.code === sub));
    if (!dim)
      fail(`sub-dimension "${sub}" does not exist in the ${fw!.era} framework (${fw!.id})`, rec.row, 'subdimension');
    const n = dim!.subdimensions.length;
    const key = `${year}|${provinceCode}|${sub}`;
    if (seen.has(key))
      fail(`duplicate row for ${year}, province ${provinceCode}, sub-dimension ${sub}`, rec.row, 'subdimension');
    seen.add(key);
    if (ctx.headers.includes('dimension') && cell('dimension') !== '' && cell('dimension') !== String(dim!.number))
      fail(`sub-dimension ${sub} belongs to dimension ${dim!.number}, not ${cell('dimension')}`, rec.row, 'dimension');
    if (
      ctx.headers.includes('n_subdimensions_in_dimension') &&
      cell('n_subdimensions_in_dimension') !== '' &&
      Number(cell('n_subdimensions_in_dimension')) !== n
    )
      fail(`dimension ${dim!.number} has ${n} sub-dimensions in ${year}`, rec.row, 'n_subdimensions_in_dimension');
    const raw = cell('score_published_scale');
    let value: number | null = null;
    if (!MISSING.has(raw)) {
      value = Number(raw);
      if (!Number.isFinite(value)) fail(`"${raw}" is not a number`, rec.row, 'score_published_scale');
      const on10 = value * n;
      if (on10 < 1 - PUBLISHED_SCALE_TOLERANCE || on10 > 10 + PUBLISHED_SCALE_TOLERANCE)
        fail(
          `${value} is outside the published scale ${fmt(1 / n)}–${fmt(10 / n)} of sub-dimension ${sub} (n = ${n})`,
          rec.row,
          'score_published_scale',
        );
      if (ctx.headers.includes('score_1_to_10') && cell('score_1_to_10') !== '') {
        const rescaled = Number(cell('score_1_to_10'));
        if (!Number.isFinite(rescaled) || Math.abs(rescaled - on10) > RESCALED_TOLERANCE)
          fail(`score_1_to_10 ${cell('score_1_to_10')} is not ${n} × ${value}`, rec.row, 'score_1_to_10');
      }
    } else if (ctx.headers.includes('score_1_to_10') && !MISSING.has(cell('score_1_to_10'))) {
      fail('score_1_to_10 given but score_published_scale is empty', rec.row, 'score_published_scale');
    }
    out.push({ year, provinceCode, codeSystem: ctx.codeSystem ?? 'vn2008', subdimension: sub, value });
  }
  if (out.length === 0) fail('the table has no data rows', 2);
  return out;
}

function fmt(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}

/**
 * Check a published aggregate table (year, gso_code, d1…d8 or d1_<name>…, total or total_unweighted_sum) against
 * the series built from sub-dimensions: dimension = Σ sub-dimensions, total = Σ dimensions, missing where the
 * series is missing. Returns the number of values compared.
 */
export function checkPublishedAggregates(
  series: ScoreSeries,
  records: readonly RawRecord[],
  ctx: TableSource & { headers: readonly string[]; tolerance?: number },
): number {
  const tol = ctx.tolerance ?? AGGREGATE_TOLERANCE;
  const col = (h: string) => (ctx.columnLabel ? ctx.columnLabel(h) : h);
  const fail = (message: string, row: number, column: string): never => {
    throw new InputError(message, { file: ctx.file, sheet: ctx.sheet, row, column: col(column) });
  };
  const dimCols = new Map<string, string>();
  for (const h of ctx.headers) {
    const m = /^d([1-8])(_|$)/.exec(h);
    if (m) dimCols.set(`d${m[1]}`, h);
  }
  const totalCol = ctx.headers.find((h) => h === 'total' || h === 'total_unweighted_sum');
  let compared = 0;
  for (const rec of records) {
    const year = Number(cellText(rec.values.year));
    const code = normaliseProvinceCode(cellText(rec.values.gso_code));
    const py = yearScores(series, year)?.provinces.find((p) => p.provinceCode === code);
    if (!py) fail(`no sub-dimension scores for ${year}, province ${code}`, rec.row, 'gso_code');
    const compare = (header: string, ours: number | null) => {
      const text = cellText(rec.values[header]);
      const theirs = MISSING.has(text) ? null : Number(text);
      if (theirs !== null && !Number.isFinite(theirs)) fail(`"${text}" is not a number`, rec.row, header);
      if (theirs === null && ours === null) return;
      if (theirs === null || ours === null || Math.abs(theirs - ours) > tol)
        fail(
          `published ${header} ${theirs ?? 'empty'} differs from the sum of its parts ${ours ?? 'empty'}`,
          rec.row,
          header,
        );
      compared++;
    };
    for (const [dim, header] of dimCols) compare(header, py!.dimensions[dim] ?? null);
    if (totalCol) compare(totalCol, py!.total);
  }
  return compared;
}
