/**
 * The score series model: PAPI scores per province and year on one geography, from published tables, from a
 * re-basing to the 34 provinces, or from microdata. Flat rows (year, provinceCode, codeSystem, subdimension,
 * value) are the storage form; `ScoreSeries` is the computed view with dimensions, totals and status.
 * Missing values stay null ("not rated"), never zero.
 */
import type { Framework, FrameworkSet, MeasureKey } from './framework.js';
import { frameworkForYear } from './framework.js';
import type { CodeSystem, ProvinceRef } from './provinces.js';

/** One stored value: a sub-dimension score on PAPI's published scale (1/n … 10/n). */
export interface ScoreRow {
  year: number;
  provinceCode: string;
  codeSystem: CodeSystem;
  subdimension: string;
  value: number | null;
}

export interface Interval {
  lo: number;
  hi: number;
  /** Standard error when known (design-based or bootstrap). */
  se?: number;
}

export type RatingStatus = 'rated' | 'partial' | 'not-rated';

/** Re-basing coverage of a merged province in one year (see rebase.ts). */
export interface Coverage {
  components: string[];
  available: string[];
  /** Share of the merged province's population weight held by components with a total score. */
  populationShare: number;
  partial: boolean;
  /** Dimensions for which at least one component province has no score. */
  partialDimensions?: string[];
  /** Component old provinces without a total score this year. */
  missing?: { code: string; nameVi: string; nameEn: string }[];
}

/** Stated on every output that is not an official PAPI figure. */
export interface ApproximationNote {
  kind: 'rebased-34-population-weighted' | 'microdata-reconstruction';
  official: false;
  method: string;
  weights: string;
  missingRule?: string;
  textVi: string;
  textEn: string;
}

export interface ProvinceYearScores {
  year: number;
  provinceCode: string;
  codeSystem: CodeSystem;
  frameworkId: string;
  status: RatingStatus;
  /** Published scale (1/n … 10/n), keyed by sub-dimension code; null = missing. */
  subdimensions: Record<string, number | null>;
  /** 1–10, the sum of the sub-dimensions; null if any sub-dimension is missing. */
  dimensions: Record<string, number | null>;
  /** Sum of the dimensions; null if any dimension is missing. */
  total: number | null;
  /** 95% intervals by measure key (total, d1…, 2.1…) when the source has them. */
  intervals?: Partial<Record<string, Interval>>;
  coverage?: Coverage;
}

export interface YearScores {
  year: number;
  frameworkId: string;
  provinces: ProvinceYearScores[];
}

export interface ScoreSeries {
  codeSystem: CodeSystem;
  provinces: ProvinceRef[];
  frameworks: FrameworkSet;
  years: YearScores[];
  source: 'published' | 'rebased' | 'microdata';
  approximation?: ApproximationNote;
}

/** Dimension and total scores from sub-dimension values (dimension = Σ published sub-dimensions; total = Σ dimensions). */
export function aggregateProvinceYear(
  fw: Framework,
  subdimensions: Record<string, number | null>,
): Pick<ProvinceYearScores, 'dimensions' | 'total' | 'status'> {
  const dimensions: Record<string, number | null> = {};
  let total: number | null = 0;
  let any = false;
  let all = true;
  for (const dim of fw.dimensions) {
    let sum: number | null = 0;
    for (const sub of dim.subdimensions) {
      const v = subdimensions[sub.code];
      if (v === null || v === undefined) {
        sum = null;
        all = false;
      } else {
        any = true;
        if (sum !== null) sum += v;
      }
    }
    dimensions[dim.code] = sum;
    total = total === null || sum === null ? null : total + sum * dim.weight;
  }
  return { dimensions, total, status: !any ? 'not-rated' : all ? 'rated' : 'partial' };
}

/** Value of a measure (total, d1…d8 or a sub-dimension code) for one province-year; null if missing/absent. */
export function measureValue(py: ProvinceYearScores, measure: MeasureKey | string): number | null {
  if (measure === 'total') return py.total;
  if (/^d\d$/.test(measure)) return py.dimensions[measure] ?? null;
  return py.subdimensions[measure] ?? null;
}

/**
 * Build the series from flat rows. Every province of `provinces` appears in every year that has a framework
 * and at least one row; absent rows are missing values.
 */
export function buildSeries(
  rows: readonly ScoreRow[],
  ctx: {
    frameworks: FrameworkSet;
    provinces: readonly ProvinceRef[];
    codeSystem: CodeSystem;
    source?: ScoreSeries['source'];
  },
): ScoreSeries {
  const byYear = new Map<number, Map<string, Record<string, number | null>>>();
  for (const r of rows) {
    let y = byYear.get(r.year);
    if (!y) {
      y = new Map();
      byYear.set(r.year, y);
    }
    let p = y.get(r.provinceCode);
    if (!p) {
      p = {};
      y.set(r.provinceCode, p);
    }
    p[r.subdimension] = r.value;
  }
  const years: YearScores[] = [];
  for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
    const fw = frameworkForYear(ctx.frameworks, year);
    if (!fw) continue;
    const provinceRows = byYear.get(year)!;
    years.push({
      year,
      frameworkId: fw.id,
      provinces: ctx.provinces.map((pr) => {
        const given = provinceRows.get(pr.code) ?? {};
        const subdimensions: Record<string, number | null> = {};
        for (const d of fw.dimensions) for (const s of d.subdimensions) subdimensions[s.code] = given[s.code] ?? null;
        return {
          year,
          provinceCode: pr.code,
          codeSystem: ctx.codeSystem,
          frameworkId: fw.id,
          subdimensions,
          ...aggregateProvinceYear(fw, subdimensions),
        };
      }),
    });
  }
  return {
    codeSystem: ctx.codeSystem,
    provinces: [...ctx.provinces],
    frameworks: ctx.frameworks,
    years,
    source: ctx.source ?? 'published',
  };
}

/** Flat rows for storage: one per year × province × sub-dimension, nulls included. */
export function seriesRows(series: ScoreSeries): ScoreRow[] {
  const out: ScoreRow[] = [];
  for (const y of series.years)
    for (const p of y.provinces)
      for (const [subdimension, value] of Object.entries(p.subdimensions))
        out.push({ year: y.year, provinceCode: p.provinceCode, codeSystem: p.codeSystem, subdimension, value });
  return out;
}

export function yearScores(series: ScoreSeries, year: number): YearScores | undefined {
  return series.years.find((y) => y.year === year);
}

export function provinceYear(series: ScoreSeries, year: number, code: string): ProvinceYearScores | undefined {
  return yearScores(series, year)?.provinces.find((p) => p.provinceCode === code);
}

export function frameworkOfYear(series: ScoreSeries, year: number): Framework | undefined {
  return frameworkForYear(series.frameworks, year);
}
