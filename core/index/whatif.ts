/**
 * What-if (giả định): change sub-dimension or dimension scores of one province and see its new dimension
 * scores, total, ranks and groups. Everyone else keeps their scores; the percentile thresholds are recomputed
 * from the changed set (the province's own new score counts, as it would in a real year).
 *
 * Units: a sub-dimension ("2.1") is on PAPI's published scale (1/n … 10/n, the figures in the reports, so the
 * dimension stays the sum of its sub-dimensions); a dimension ("d4") on 1–10. `=v` sets, `=+v` / `=-v` adds.
 * Setting a dimension directly overrides the sum of its sub-dimensions (they are reported unchanged).
 *
 * Smallest change to reach the next group: solved exactly. With the province's own score x among N scores,
 * the others sorted o₀ ≤ … ≤ o_{N−2}, and for quantile q: h = (N−1)q, l = ⌊h⌋, f = h − l, the type-7
 * quantile of the set *including x* satisfies
 *   x > P_q(x)  ⇔  x > o_l                       (strict, used for "best": score > P75)
 *   x ≥ P_q(x)  ⇔  x ≥ o_l  if f > 0,  x ≥ o_{l−1} if f = 0   (used for P50 and P25)
 * because P_q(x) moves with x at a slope below 1 except where x is itself the order statistic. So the
 * target is an order statistic of the others; the needed increase is that minus the current score (for the
 * strict case any amount *above* it). whatif.test.ts checks this against bisection on the monotone group(x).
 */
import { InputError } from '../errors.js';
import type { MeasureKey } from './framework.js';
import { subdimensionsOf } from './framework.js';
import type { Group } from './groups.js';
import { groupOf, nextGroup, rankAmong, thresholds } from './groups.js';
import type { ApproximationNote, ProvinceYearScores, ScoreSeries } from './series.js';
import { frameworkOfYear, measureValue, yearScores } from './series.js';

export interface WhatIfChange {
  /** Sub-dimension code ("2.1") or dimension code ("d4"). */
  target: string;
  mode: 'set' | 'add';
  value: number;
}

/** Parse "2.1=+0.3", "d4=6.5", "D4=-0.2" (CLI --set). */
export function parseWhatIfSpec(spec: string): WhatIfChange {
  const m = /^\s*([dD][1-8]|\d\.\d)\s*=\s*([+-]?)(\d+(?:\.\d+)?|\.\d+)\s*$/.exec(spec);
  if (!m)
    throw new InputError(`cannot read "${spec}"; write e.g. 2.1=+0.3 (add), 2.1=2.5 (set) or d4=6.5`, {
      path: ['set'],
    });
  const value = Number(m[3]) * (m[2] === '-' ? -1 : 1);
  return { target: m[1]!.toLowerCase(), mode: m[2] ? 'add' : 'set', value };
}

export interface MeasureOutcome {
  measure: MeasureKey;
  before: number | null;
  after: number | null;
  rankBefore: number | null;
  rankAfter: number | null;
  groupBefore: Group | null;
  groupAfter: Group | null;
  /** Number of rated provinces for this measure. */
  of: number;
}

export interface WhatIfResult {
  year: number;
  provinceCode: string;
  changes: WhatIfChange[];
  subdimensions: { code: string; before: number | null; after: number | null }[];
  dimensions: MeasureOutcome[];
  total: MeasureOutcome;
  /** Dimensions whose value was set directly (their sub-dimensions no longer add up to them). */
  overriddenDimensions: string[];
  approximation?: ApproximationNote;
}

/** Rank and group of `score` among `others` with thresholds recomputed on others ∪ {score}. */
export function placeAmong(score: number, others: readonly number[]): { rank: number; group: Group } {
  return { rank: rankAmong(score, others), group: groupOf(score, thresholds([...others, score])) };
}

function othersOf(series: ScoreSeries, year: number, provinceCode: string, measure: MeasureKey): number[] {
  const out: number[] = [];
  for (const p of yearScores(series, year)?.provinces ?? []) {
    if (p.provinceCode === provinceCode) continue;
    const v = measureValue(p, measure);
    if (v !== null) out.push(v);
  }
  return out;
}

function mustFind(series: ScoreSeries, year: number, provinceCode: string): ProvinceYearScores {
  const py = yearScores(series, year)?.provinces.find((p) => p.provinceCode === provinceCode);
  if (!py) throw new InputError(`no scores for province ${provinceCode} in ${year}`, { path: ['province'] });
  return py;
}

export function whatIf(
  series: ScoreSeries,
  year: number,
  provinceCode: string,
  changes: readonly WhatIfChange[],
): WhatIfResult {
  const fw = frameworkOfYear(series, year);
  if (!fw) throw new InputError(`no framework for ${year}`, { path: ['year'] });
  const py = mustFind(series, year, provinceCode);
  const subs = { ...py.subdimensions };
  const dimOverride = new Map<string, number>();
  changes.forEach((c, i) => {
    if (c.target.startsWith('d')) {
      const dim = fw.dimensions.find((d) => d.code === c.target);
      if (!dim) throw new InputError(`${c.target} is not a dimension in ${year}`, { path: ['set', i] });
      const current = dimOverride.get(dim.code) ?? py.dimensions[dim.code] ?? null;
      if (c.mode === 'add' && current === null)
        throw new InputError(`${c.target} has no score in ${year}; set it instead of adding`, { path: ['set', i] });
      const v = c.mode === 'set' ? c.value : current! + c.value;
      if (v < dim.range[0] || v > dim.range[1])
        throw new InputError(`${c.target} = ${round(v)} is outside ${dim.range[0]}–${dim.range[1]}`, {
          path: ['set', i],
        });
      dimOverride.set(dim.code, v);
      return;
    }
    const sub = subdimensionsOf(fw).find((s) => s.code === c.target);
    if (!sub) throw new InputError(`${c.target} is not a sub-dimension in ${year} (${fw.era})`, { path: ['set', i] });
    const current = subs[sub.code] ?? null;
    if (c.mode === 'add' && current === null)
      throw new InputError(`${c.target} has no score in ${year}; set it instead of adding`, { path: ['set', i] });
    const v = c.mode === 'set' ? c.value : current! + c.value;
    const [lo, hi] = sub.scale.published;
    if (v < lo - 1e-9 || v > hi + 1e-9)
      throw new InputError(
        `${c.target} = ${round(v)} is outside its published scale ${round(lo)}–${round(hi)} (sub-dimension scores are on the published 1/n–10/n scale)`,
        { path: ['set', i] },
      );
    subs[sub.code] = v;
  });
  const dimsAfter: Record<string, number | null> = {};
  for (const d of fw.dimensions) {
    const parts = d.subdimensions.map((s) => subs[s.code] ?? null);
    dimsAfter[d.code] =
      dimOverride.get(d.code) ?? (parts.some((p) => p === null) ? null : parts.reduce((a, b) => a! + b!, 0));
  }
  const totalAfter = fw.dimensions.some((d) => dimsAfter[d.code] === null)
    ? null
    : fw.dimensions.reduce((s, d) => s + dimsAfter[d.code]! * d.weight, 0);
  const outcome = (measure: MeasureKey, before: number | null, after: number | null): MeasureOutcome => {
    const others = othersOf(series, year, provinceCode, measure);
    const b = before === null ? null : placeAmong(before, others);
    const a = after === null ? null : placeAmong(after, others);
    return {
      measure,
      before,
      after,
      rankBefore: b?.rank ?? null,
      rankAfter: a?.rank ?? null,
      groupBefore: b?.group ?? null,
      groupAfter: a?.group ?? null,
      of: others.length + (after === null ? 0 : 1),
    };
  };
  return {
    year,
    provinceCode,
    changes: [...changes],
    subdimensions: subdimensionsOf(fw).map((s) => ({
      code: s.code,
      before: py.subdimensions[s.code] ?? null,
      after: subs[s.code] ?? null,
    })),
    dimensions: fw.dimensions.map((d) =>
      outcome(d.code as MeasureKey, py.dimensions[d.code] ?? null, dimsAfter[d.code] ?? null),
    ),
    total: outcome('total', py.total, totalAfter),
    overriddenDimensions: [...dimOverride.keys()],
    ...(series.approximation ? { approximation: series.approximation } : {}),
  };
}

export interface NextGroupTarget {
  measure: MeasureKey;
  current: number;
  group: Group;
  /** null when already in the best group. */
  nextGroup: Group | null;
  /** The score that reaches the next group (or, when `inclusive` is false, the score to exceed). */
  requiredScore: number | null;
  /** requiredScore − current. */
  increase: number | null;
  /** true: reaching requiredScore suffices; false: the score must be strictly above it (the "best" rule). */
  inclusive: boolean;
  /** Whether the required score is within the measure's scale maximum. */
  feasible: boolean;
  max: number;
}

/**
 * The smallest score that moves a province from its group to the next one, its own score counting in the
 * thresholds (see the module comment for the derivation).
 */
export function smallestChangeToNextGroup(
  current: number,
  others: readonly number[],
  max: number = Number.POSITIVE_INFINITY,
  measure: MeasureKey = 'total',
): NextGroupTarget {
  const group = placeAmong(current, others).group;
  const next = nextGroup(group);
  if (!next)
    return {
      measure,
      current,
      group,
      nextGroup: null,
      requiredScore: null,
      increase: null,
      inclusive: true,
      feasible: true,
      max,
    };
  const o = [...others].sort((a, b) => a - b);
  const n = o.length + 1;
  const q = next === 'best' ? 0.75 : next === 'high-average' ? 0.5 : 0.25;
  const h = (n - 1) * q;
  const l = Math.floor(h);
  const f = h - l;
  let required: number;
  let inclusive: boolean;
  if (next === 'best') {
    required = o[Math.min(l, o.length - 1)]!;
    inclusive = false;
  } else {
    const idx = f > 0 ? l : l - 1;
    required = idx < 0 ? Number.NEGATIVE_INFINITY : o[Math.min(idx, o.length - 1)]!;
    inclusive = true;
  }
  const feasible = inclusive ? required <= max : required < max;
  return {
    measure,
    current,
    group,
    nextGroup: next,
    requiredScore: required,
    increase: required - current,
    inclusive,
    feasible,
    max,
  };
}

/** A practical step: the smallest multiple of 10^-decimals that reaches the target (strictly above when needed). */
export function practicalIncrease(t: NextGroupTarget, decimals = 3): number | null {
  if (t.increase === null) return null;
  const unit = 10 ** -decimals;
  let k = Math.ceil(t.increase / unit - 1e-9);
  if (!t.inclusive && k * unit <= t.increase + 1e-12) k += 1;
  return Math.max(k, 1) * unit;
}

/** Next-group targets of one province for the total and every dimension in a year. */
export function nextGroupTargets(series: ScoreSeries, year: number, provinceCode: string): NextGroupTarget[] {
  const fw = frameworkOfYear(series, year);
  if (!fw) throw new InputError(`no framework for ${year}`, { path: ['year'] });
  const py = mustFind(series, year, provinceCode);
  const out: NextGroupTarget[] = [];
  if (py.total !== null)
    out.push(
      smallestChangeToNextGroup(
        py.total,
        othersOf(series, year, provinceCode, 'total'),
        fw.aggregate.range[1],
        'total',
      ),
    );
  for (const d of fw.dimensions) {
    const v = py.dimensions[d.code];
    if (v === null || v === undefined) continue;
    out.push(
      smallestChangeToNextGroup(
        v,
        othersOf(series, year, provinceCode, d.code as MeasureKey),
        d.range[1],
        d.code as MeasureKey,
      ),
    );
  }
  return out;
}

/** Group of a measure after an increase, for tests and for checking a suggested move. */
export function groupAfterIncrease(current: number, others: readonly number[], increase: number): Group {
  return placeAmong(current + increase, others).group;
}

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
