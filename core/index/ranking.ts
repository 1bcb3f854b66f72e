/**
 * Ranking tables (bảng xếp hạng) for a year and measure, year-on-year change with comparability and
 * significance, and a province profile over time.
 */

import { InputError } from '../errors.js';
import { vietnameseCollator as collator } from '../text/collate.js';
import type { MeasureKey } from './framework.js';
import { comparability } from './framework.js';
import type { Group, Thresholds } from './groups.js';
import { competitionRanks, groupOf, thresholds } from './groups.js';
import type { ProvinceRef } from './provinces.js';
import type { ApproximationNote, Interval, ProvinceYearScores, RatingStatus, ScoreSeries } from './series.js';
import { measureValue, yearScores } from './series.js';

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface RankingEntry {
  province: ProvinceRef;
  /** Unrounded score of the measure; null = not rated for this measure. */
  score: number | null;
  /** Competition rank (1 = best); null when not rated. */
  rank: number | null;
  group: Group | null;
  status: RatingStatus;
  interval?: Interval;
}

export interface RankingTable {
  year: number;
  measure: MeasureKey;
  codeSystem: ScoreSeries['codeSystem'];
  frameworkId: string;
  /** Group thresholds over the rated provinces; null when nobody is rated. */
  thresholds: Thresholds | null;
  /** Rated provinces by rank (ties by Vietnamese name), then not-rated ones by name. */
  entries: RankingEntry[];
  approximation?: ApproximationNote;
}

export function rankingTable(series: ScoreSeries, year: number, measure: MeasureKey): RankingTable {
  const ys = yearScores(series, year);
  if (!ys) throw new InputError(`no scores for ${year}`, { path: ['year'] });
  const refs = new Map(series.provinces.map((p) => [p.code, p]));
  const rated = ys.provinces.filter((p) => measureValue(p, measure) !== null);
  const fw = series.frameworks.frameworks.find((f) => f.id === ys.frameworkId)!;
  if (
    measure !== 'total' &&
    !fw.dimensions.some((d) => d.code === measure || d.subdimensions.some((s) => s.code === measure))
  )
    throw new InputError(`${measure} is not part of the ${fw.era} framework`, { path: ['dimension'] });
  const scores = rated.map((p) => measureValue(p, measure)!);
  const t = scores.length > 0 ? thresholds(scores) : null;
  const ranks = competitionRanks(scores);
  const entry = (p: ProvinceYearScores, i: number | null): RankingEntry => {
    const score = i === null ? null : scores[i]!;
    const interval = p.intervals?.[measure];
    return {
      province: refs.get(p.provinceCode) ?? {
        code: p.provinceCode,
        codeSystem: p.codeSystem,
        nameVi: p.provinceCode,
        nameEn: p.provinceCode,
      },
      score,
      rank: i === null ? null : ranks[i]!,
      group: i === null || !t ? null : groupOf(score!, t),
      status: p.status,
      ...(interval ? { interval } : {}),
    };
  };
  const ratedEntries = rated
    .map((p, i) => entry(p, i))
    .sort((a, b) => a.rank! - b.rank! || collator.compare(a.province.nameVi, b.province.nameVi));
  const notRated = ys.provinces
    .filter((p) => measureValue(p, measure) === null)
    .map((p) => entry(p, null))
    .sort((a, b) => collator.compare(a.province.nameVi, b.province.nameVi));
  return {
    year,
    measure,
    codeSystem: series.codeSystem,
    frameworkId: ys.frameworkId,
    thresholds: t,
    entries: [...ratedEntries, ...notRated],
    ...(series.approximation ? { approximation: series.approximation } : {}),
  };
}

export interface Change {
  measure: MeasureKey;
  provinceCode: string;
  fromYear: number;
  toYear: number;
  from: number | null;
  to: number | null;
  /** to − from; null when either is missing or the measure is not comparable. */
  delta: number | null;
  comparable: boolean;
  /** Why not comparable (era break) or why no delta (missing score). */
  reason?: string;
  /** First years of the eras crossed that revised the measure (when not comparable). */
  breakYears?: number[];
  /** |delta| > 1.96·√(se₁² + se₂²); null when either year has no interval. */
  significant: boolean | null;
}

/** Standard error from an interval: the given se, or the half-width of a 95% interval over 1.96. */
export function intervalSe(iv: Interval | undefined): number | null {
  if (!iv) return null;
  if (iv.se !== undefined) return iv.se;
  return (iv.hi - iv.lo) / (2 * Z95);
}

export function yearOnYearChange(
  series: ScoreSeries,
  provinceCode: string,
  measure: MeasureKey,
  fromYear: number,
  toYear: number,
): Change {
  const a = yearScores(series, fromYear)?.provinces.find((p) => p.provinceCode === provinceCode);
  const b = yearScores(series, toYear)?.provinces.find((p) => p.provinceCode === provinceCode);
  const from = a ? measureValue(a, measure) : null;
  const to = b ? measureValue(b, measure) : null;
  const base = { measure, provinceCode, fromYear, toYear, from, to };
  const comp = comparability(series.frameworks, measure, fromYear, toYear);
  if (!comp.comparable)
    return {
      ...base,
      delta: null,
      comparable: false,
      reason: comp.reason,
      breakYears: comp.breaks.map((b) => b.year),
      significant: null,
    };
  if (from === null || to === null)
    return { ...base, delta: null, comparable: true, reason: 'not rated in one of the years', significant: null };
  const delta = to - from;
  const se1 = intervalSe(a?.intervals?.[measure]);
  const se2 = intervalSe(b?.intervals?.[measure]);
  const significant = se1 === null || se2 === null ? null : Math.abs(delta) > Z95 * Math.sqrt(se1 * se1 + se2 * se2);
  return { ...base, delta, comparable: true, significant };
}

/** The latest earlier year in which the measure is comparable with `year` (and has a value), or null. */
export function previousComparableYear(
  series: ScoreSeries,
  provinceCode: string,
  measure: MeasureKey,
  year: number,
): number | null {
  const years = series.years
    .map((y) => y.year)
    .filter((y) => y < year)
    .sort((a, b) => b - a);
  for (const y of years) {
    if (!comparability(series.frameworks, measure, y, year).comparable) return null;
    const py = yearScores(series, y)?.provinces.find((p) => p.provinceCode === provinceCode);
    if (py && measureValue(py, measure) !== null) return y;
  }
  return null;
}

export interface ProfileMeasure {
  measure: MeasureKey;
  score: number | null;
  rank: number | null;
  of: number;
  group: Group | null;
  interval?: Interval;
  /** Change from the previous year (comparable or not, with the reason). */
  change?: Change;
}

export interface ProvinceProfileYear {
  year: number;
  frameworkId: string;
  status: RatingStatus;
  total: ProfileMeasure;
  dimensions: ProfileMeasure[];
}

export interface ProvinceProfile {
  province: ProvinceRef;
  codeSystem: ScoreSeries['codeSystem'];
  years: ProvinceProfileYear[];
  approximation?: ApproximationNote;
}

/** Scores, ranks, groups, intervals and changes of one province for every year of the series. */
export function provinceProfile(series: ScoreSeries, provinceCode: string): ProvinceProfile {
  const province = series.provinces.find((p) => p.code === provinceCode);
  if (!province) throw new InputError(`unknown province ${provinceCode}`, { path: ['province'] });
  const years: ProvinceProfileYear[] = [];
  let prevYear: number | null = null;
  for (const ys of series.years) {
    const py = ys.provinces.find((p) => p.provinceCode === provinceCode);
    if (!py) continue;
    const fw = series.frameworks.frameworks.find((f) => f.id === ys.frameworkId)!;
    const measureOf = (m: MeasureKey): ProfileMeasure => {
      const table = rankingTable(series, ys.year, m);
      const e = table.entries.find((x) => x.province.code === provinceCode)!;
      return {
        measure: m,
        score: e.score,
        rank: e.rank,
        of: table.thresholds?.n ?? 0,
        group: e.group,
        ...(e.interval ? { interval: e.interval } : {}),
        ...(prevYear !== null ? { change: yearOnYearChange(series, provinceCode, m, prevYear, ys.year) } : {}),
      };
    };
    years.push({
      year: ys.year,
      frameworkId: ys.frameworkId,
      status: py.status,
      total: measureOf('total'),
      dimensions: fw.dimensions.map((d) => measureOf(d.code as MeasureKey)),
    });
    prevYear = ys.year;
  }
  return {
    province,
    codeSystem: series.codeSystem,
    years,
    ...(series.approximation ? { approximation: series.approximation } : {}),
  };
}
