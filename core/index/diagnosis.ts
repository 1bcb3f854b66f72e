/**
 * Diagnosis (chẩn đoán) of one province in one year: its group and rank per dimension and for the total, the
 * gap in points to the next group, strengths and weaknesses per sub-dimension against the national median,
 * the best-group threshold (P75) and peer provinces (same socio-economic region, or chosen peers), its trend
 * against the previous comparable year, and a what-if that moves it up a group. Data only; the sentences are
 * in diagnosis-text.ts.
 *
 * Rules (documented for plan drafting, which takes tasks from `weakest`):
 * - strength: the sub-dimension is in the best group nationally (score > P75);
 * - weakness: below the national median;
 * - weakest: the three sub-dimensions furthest below their P75, measured on the 1–10 scale so that
 *   sub-dimensions of dimensions with different n compare fairly (ties: worse national rank first).
 */
import { InputError } from '../errors.js';
import type { MeasureKey, SubdimensionDef } from './framework.js';
import type { Group, Thresholds } from './groups.js';
import { competitionRanks, groupOf, median, thresholds } from './groups.js';
import type { ProvinceRef, RegionRef } from './provinces.js';
import type { Change } from './ranking.js';
import { previousComparableYear, yearOnYearChange } from './ranking.js';
import type { ApproximationNote, Coverage, RatingStatus, ScoreSeries } from './series.js';
import { frameworkOfYear, measureValue, yearScores } from './series.js';
import type { NextGroupTarget, WhatIfResult } from './whatif.js';
import { practicalIncrease, smallestChangeToNextGroup, whatIf } from './whatif.js';

export interface MeasureDiagnosis {
  measure: MeasureKey;
  nameVi: string;
  nameEn: string;
  score: number | null;
  rank: number | null;
  of: number;
  group: Group | null;
  thresholds: Thresholds | null;
  nationalMedian: number | null;
  peerMedian: number | null;
  /** Gap to the next group (null when not rated). */
  nextGroup: NextGroupTarget | null;
  /** Change from the previous comparable year with a score; null when there is none. */
  trend: Change | null;
}

export interface SubdimensionDiagnosis {
  code: string;
  dimension: string;
  conceptId: string;
  nameVi: string;
  nameEn: string;
  /** Number of sub-dimensions in the dimension (published scale = 1–10 score / n). */
  n: number;
  score: number | null;
  score10: number | null;
  rank: number | null;
  of: number;
  group: Group | null;
  nationalMedian: number | null;
  /** Best-group threshold on the published scale. */
  p75: number | null;
  /** max(0, P75 − score) on the published scale and on 1–10. */
  gapToBestGroup: number | null;
  gapToBestGroup10: number | null;
  peerMedian: number | null;
  assessment: 'strength' | 'weakness' | 'neutral' | 'not-rated';
  trend: Change | null;
}

export interface WhatIfSuggestion {
  /** The measure whose group moves: the total, or a dimension when the total is already best. */
  measure: MeasureKey;
  /** Sub-dimension raised and by how much (published scale). */
  subdimension: string;
  increase: number;
  result: WhatIfResult;
  /** Group of `measure` before and after. */
  from: Group;
  to: Group;
}

export interface PeerSet {
  basis: 'region' | 'chosen';
  region?: RegionRef;
  codes: string[];
}

export interface Diagnosis {
  year: number;
  province: ProvinceRef;
  codeSystem: ScoreSeries['codeSystem'];
  frameworkId: string;
  status: RatingStatus;
  total: MeasureDiagnosis;
  dimensions: MeasureDiagnosis[];
  subdimensions: SubdimensionDiagnosis[];
  /** Sub-dimension codes, best first. */
  strengths: string[];
  /** Sub-dimension codes below the national median, furthest below P75 first. */
  weaknesses: string[];
  /** The three sub-dimensions furthest below P75 (1–10 scale): the starting point for plan tasks. */
  weakest: string[];
  peers: PeerSet;
  suggestion: WhatIfSuggestion | null;
  approximation?: ApproximationNote;
  /** Re-based series: which merged components are covered this year. */
  coverage?: Coverage;
}

export interface DiagnoseOptions {
  /** Chosen peer provinces (codes); default: the other provinces of the same region. */
  peers?: readonly string[];
  regions?: readonly RegionRef[];
  /** How many weakest sub-dimensions to list (default 3). */
  weakestCount?: number;
}

export function diagnose(
  series: ScoreSeries,
  year: number,
  provinceCode: string,
  opts: DiagnoseOptions = {},
): Diagnosis {
  const fw = frameworkOfYear(series, year);
  const ys = yearScores(series, year);
  if (!fw || !ys) throw new InputError(`no scores for ${year}`, { path: ['year'] });
  const province = series.provinces.find((p) => p.code === provinceCode);
  const py = ys.provinces.find((p) => p.provinceCode === provinceCode);
  if (!province || !py) throw new InputError(`unknown province ${provinceCode}`, { path: ['province'] });

  const peerCodes = opts.peers
    ? opts.peers.filter((c) => c !== provinceCode)
    : series.provinces
        .filter((p) => p.region && p.region === province.region && p.code !== provinceCode)
        .map((p) => p.code);
  const peers: PeerSet = opts.peers
    ? { basis: 'chosen', codes: [...peerCodes] }
    : {
        basis: 'region',
        codes: peerCodes,
        ...(opts.regions?.find((r) => r.id === province.region)
          ? { region: opts.regions.find((r) => r.id === province.region)! }
          : {}),
      };

  const valuesOf = (m: MeasureKey) =>
    ys.provinces.flatMap((p) => {
      const v = measureValue(p, m);
      return v === null ? [] : [{ code: p.provinceCode, v }];
    });
  const trendOf = (m: MeasureKey): Change | null => {
    const prev = previousComparableYear(series, provinceCode, m, year);
    if (prev !== null) return yearOnYearChange(series, provinceCode, m, prev, year);
    const earlier = series.years.filter((y) => y.year < year).at(-1);
    // No comparable earlier year: report the break against the previous year so the text can say so.
    return earlier ? yearOnYearChange(series, provinceCode, m, earlier.year, year) : null;
  };
  const measureDiag = (m: MeasureKey, nameVi: string, nameEn: string, max: number): MeasureDiagnosis => {
    const all = valuesOf(m);
    const scores = all.map((x) => x.v);
    const t = scores.length > 0 ? thresholds(scores) : null;
    const ranks = competitionRanks(scores);
    const i = all.findIndex((x) => x.code === provinceCode);
    const score = i >= 0 ? all[i]!.v : null;
    const peerVals = all.filter((x) => peerCodes.includes(x.code)).map((x) => x.v);
    const others = all.filter((x) => x.code !== provinceCode).map((x) => x.v);
    return {
      measure: m,
      nameVi,
      nameEn,
      score,
      rank: i >= 0 ? ranks[i]! : null,
      of: scores.length,
      group: score !== null && t ? groupOf(score, t) : null,
      thresholds: t,
      nationalMedian: t ? t.p50 : null,
      peerMedian: peerVals.length > 0 ? median(peerVals) : null,
      nextGroup: score === null ? null : smallestChangeToNextGroup(score, others, max, m),
      trend: trendOf(m),
    };
  };

  const total = measureDiag('total', 'Chỉ số PAPI tổng hợp', 'PAPI aggregate score', fw.aggregate.range[1]);
  const dimensions = fw.dimensions.map((d) => measureDiag(d.code as MeasureKey, d.nameVi, d.nameEn, d.range[1]));

  const subdimensions: SubdimensionDiagnosis[] = fw.dimensions.flatMap((d) =>
    d.subdimensions.map((s: SubdimensionDef) => {
      const md = measureDiag(s.code as MeasureKey, s.nameVi, s.nameEn, s.scale.published[1]);
      const n = d.subdimensions.length;
      const p75 = md.thresholds?.p75 ?? null;
      const gap = md.score !== null && p75 !== null ? Math.max(0, p75 - md.score) : null;
      const assessment: SubdimensionDiagnosis['assessment'] =
        md.score === null
          ? 'not-rated'
          : md.group === 'best'
            ? 'strength'
            : md.nationalMedian !== null && md.score < md.nationalMedian
              ? 'weakness'
              : 'neutral';
      return {
        code: s.code,
        dimension: d.code,
        conceptId: s.conceptId,
        nameVi: s.nameVi,
        nameEn: s.nameEn,
        n,
        score: md.score,
        score10: md.score === null ? null : md.score * n,
        rank: md.rank,
        of: md.of,
        group: md.group,
        nationalMedian: md.nationalMedian,
        p75,
        gapToBestGroup: gap,
        gapToBestGroup10: gap === null ? null : gap * n,
        peerMedian: md.peerMedian,
        assessment,
        trend: md.trend,
      };
    }),
  );
  const byWeakness = (a: SubdimensionDiagnosis, b: SubdimensionDiagnosis) =>
    b.gapToBestGroup10! - a.gapToBestGroup10! || b.rank! / b.of - a.rank! / a.of;
  const rated = subdimensions.filter((s) => s.score !== null);
  const weaknesses = rated.filter((s) => s.assessment === 'weakness').sort(byWeakness);
  const weakest = rated
    .filter((s) => s.group !== 'best')
    .sort(byWeakness)
    .slice(0, opts.weakestCount ?? 3);
  const strengths = rated.filter((s) => s.assessment === 'strength').sort((a, b) => a.rank! / a.of - b.rank! / b.of);

  const diag: Diagnosis = {
    year,
    province,
    codeSystem: series.codeSystem,
    frameworkId: fw.id,
    status: py.status,
    total,
    dimensions,
    subdimensions,
    strengths: strengths.map((s) => s.code),
    weaknesses: weaknesses.map((s) => s.code),
    weakest: weakest.map((s) => s.code),
    peers,
    suggestion: null,
    ...(series.approximation ? { approximation: series.approximation } : {}),
    ...(py.coverage ? { coverage: py.coverage } : {}),
  };
  diag.suggestion = suggestMove(series, diag);
  return diag;
}

/**
 * A what-if that moves the province up one group: for the total (or, if the total is already best, for the
 * lowest-group dimension), the smallest practical increase (3 decimals) put on the weakest sub-dimension that
 * has room for it on its scale. Verified by running whatIf; null when no single sub-dimension can do it.
 */
export function suggestMove(series: ScoreSeries, d: Diagnosis): WhatIfSuggestion | null {
  const candidates: MeasureDiagnosis[] = [];
  if (d.total.group && d.total.group !== 'best') candidates.push(d.total);
  else
    candidates.push(
      ...d.dimensions
        .filter((m) => m.group && m.group !== 'best')
        .sort(
          (a, b) =>
            (a.nextGroup?.increase ?? Number.POSITIVE_INFINITY) - (b.nextGroup?.increase ?? Number.POSITIVE_INFINITY),
        ),
    );
  const fw = frameworkOfYear(series, d.year)!;
  for (const m of candidates) {
    if (!m.nextGroup?.nextGroup || !m.nextGroup.feasible) continue;
    const step = practicalIncrease(m.nextGroup)!;
    const pool = d.subdimensions
      .filter((s) => s.score !== null && (m.measure === 'total' || s.dimension === m.measure))
      .sort((a, b) => b.gapToBestGroup10! - a.gapToBestGroup10!);
    for (const s of pool) {
      const max = fw.dimensions.flatMap((x) => x.subdimensions).find((x) => x.code === s.code)!.scale.published[1];
      if (s.score! + step > max) continue;
      const result = whatIf(series, d.year, d.province.code, [{ target: s.code, mode: 'add', value: step }]);
      const after = m.measure === 'total' ? result.total : result.dimensions.find((x) => x.measure === m.measure)!;
      if (after.groupAfter === m.nextGroup.nextGroup)
        return {
          measure: m.measure,
          subdimension: s.code,
          increase: step,
          result,
          from: m.group!,
          to: after.groupAfter,
        };
    }
  }
  return null;
}
