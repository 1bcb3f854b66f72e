/**
 * Scores from indicator estimates, with uncertainty carried through the whole pipeline by replicates
 * (the pure half of microdata scoring; run.ts feeds it from core/survey).
 *
 * Input: per domain (province, or the nation) and indicator, the full-sample estimate x ∈ [0, 1] and R
 * replicate estimates θ_r (bootstrap). For the full sample and for every replicate alike (METHOD.md §2.2 [I]):
 *   indicator     s = 1 + 9·clamp((x − lo)/(hi − lo))                 (1–10, fixed bounds, default [0, 1])
 *   sub-dimension S = Σ_i w_i s_i (weights, default equal)             (1–10)
 *   published     S* = S / n_d                                         (1/n … 10/n)
 *   dimension     D = Σ S*  (= mean of the 1–10 sub-dimension scores)  (1–10)
 *   total         Σ_d D                                                (6–60 or 8–80)
 * A sub-dimension is missing when it has no indicators in the framework or one of its indicators has no
 * estimate; a dimension when one of its sub-dimensions is missing; the total when one dimension is.
 * Uncertainty: SE² = the replicate variance (R svrVar: scale·Σ rscales (θ_r − θ̄)²), interval = estimate ±
 * z·SE (normal, as R confint on replicate designs). Rank interval of a province: the (1−level)/2 and
 * (1+level)/2 type-7 quantiles of its competition rank over the replicates (floor / ceiling to whole ranks).
 */
import { criticalValue } from '../survey/confidence-interval.js';
import { replicateVariance } from '../survey/replicate-variance.js';
import type { Framework } from './framework.js';
import { competitionRanks, quantileSorted } from './groups.js';
import { rescale10 } from './recode.js';

export interface IndicatorReplicates {
  /** Domain labels: province codes (and e.g. "national"). */
  domains: readonly string[];
  /** Indicator codes, the columns of `estimate`. */
  indicators: readonly string[];
  /** Full-sample x, index d·nIndicators + i (NaN = no estimate). */
  estimate: Float64Array;
  /** Replicate x, index (d·nIndicators + i)·replicates + r. */
  thetas: Float64Array;
  replicates: number;
  /** Variance formula of the replicates (R svrVar). */
  scale: number;
  rscales: ArrayLike<number>;
  mse: boolean;
  /** Respondents with a value, index d·nIndicators + i. */
  n?: Int32Array;
}

export interface ScoreEstimate {
  value: number | null;
  se: number | null;
  lo: number | null;
  hi: number | null;
}

export interface IndicatorScore extends ScoreEstimate {
  /** The estimate on [0, 1] (share or normalised mean) before the 1–10 rescale. */
  x: number | null;
  n?: number;
}

export interface DomainScores {
  domain: string;
  /** 1–10 indicator scores, by indicator code. */
  indicators: Record<string, IndicatorScore>;
  /** Published scale, by sub-dimension code. */
  subdimensions: Record<string, ScoreEstimate>;
  dimensions: Record<string, ScoreEstimate>;
  total: ScoreEstimate;
  rank?: number | null;
  rankInterval?: { lo: number; hi: number } | null;
}

export interface ScoreOptions {
  level?: number;
  /** Domains ranked among themselves (default all); e.g. the provinces, not the national figure. */
  rankDomains?: readonly string[];
}

const MISSING: ScoreEstimate = { value: null, se: null, lo: null, hi: null };

function summarise(value: number, reps: Float64Array, r: IndicatorReplicates, z: number): ScoreEstimate {
  if (Number.isNaN(value)) return MISSING;
  const v = replicateVariance(reps, r.scale, r.rscales, r.mse, value);
  const se = Number.isNaN(v) ? null : Math.sqrt(v);
  return { value, se, lo: se === null ? null : value - z * se, hi: se === null ? null : value + z * se };
}

export function scoreFromReplicates(fw: Framework, reps: IndicatorReplicates, opts: ScoreOptions = {}): DomainScores[] {
  const level = opts.level ?? 0.95;
  const z = criticalValue(level, Number.POSITIVE_INFINITY);
  const R = reps.replicates;
  const nI = reps.indicators.length;
  const col = new Map(reps.indicators.map((c, i) => [c, i]));
  const out: DomainScores[] = [];
  const totalsByDomain: Float64Array[] = [];
  reps.domains.forEach((domain, d) => {
    // Row 0 = full sample, rows 1..R = replicates; one Float64Array per quantity.
    const series = (value: number, theta: (r: number) => number) => {
      const a = new Float64Array(R + 1);
      a[0] = value;
      for (let r = 0; r < R; r++) a[r + 1] = theta(r);
      return a;
    };
    const indicators: Record<string, IndicatorScore> = {};
    const indScore = new Map<string, Float64Array>();
    for (const dim of fw.dimensions)
      for (const sub of dim.subdimensions)
        for (const ind of sub.indicators) {
          const i = col.get(ind.code);
          if (i === undefined) continue;
          const k = d * nI + i;
          const [lo, hi] = ind.bounds;
          const s = series(rescale10(reps.estimate[k]!, lo, hi), (r) => rescale10(reps.thetas[k * R + r]!, lo, hi));
          if (Number.isNaN(reps.estimate[k]!)) s.fill(Number.NaN);
          indScore.set(ind.code, s);
          const x = reps.estimate[k]!;
          indicators[ind.code] = {
            ...summarise(s[0]!, s.subarray(1), reps, z),
            x: Number.isNaN(x) ? null : x,
            ...(reps.n ? { n: reps.n[k]! } : {}),
          };
        }
    const subdimensions: Record<string, ScoreEstimate> = {};
    const dimensions: Record<string, ScoreEstimate> = {};
    const total = new Float64Array(R + 1);
    let totalMissing = false;
    for (const dim of fw.dimensions) {
      const n = dim.subdimensions.length;
      const dimSum = new Float64Array(R + 1);
      let dimMissing = false;
      for (const sub of dim.subdimensions) {
        const parts = sub.indicators.filter((ind) => indScore.has(ind.code));
        if (parts.length === 0 || parts.length < sub.indicators.length) {
          subdimensions[sub.code] = MISSING;
          dimMissing = true;
          continue;
        }
        const equal = parts.every((p) => p.weight === undefined);
        const published = new Float64Array(R + 1);
        for (const p of parts) {
          const w = equal ? 1 / parts.length : p.weight!;
          const s = indScore.get(p.code)!;
          for (let r = 0; r <= R; r++) published[r]! += (w * s[r]!) / n;
        }
        if (Number.isNaN(published[0]!)) dimMissing = true;
        subdimensions[sub.code] = summarise(published[0]!, published.subarray(1), reps, z);
        for (let r = 0; r <= R; r++) dimSum[r]! += published[r]!;
      }
      if (dimMissing) {
        dimensions[dim.code] = MISSING;
        totalMissing = true;
        continue;
      }
      dimensions[dim.code] = summarise(dimSum[0]!, dimSum.subarray(1), reps, z);
      for (let r = 0; r <= R; r++) total[r]! += dim.weight * dimSum[r]!;
    }
    if (totalMissing) total.fill(Number.NaN);
    totalsByDomain.push(total);
    out.push({
      domain,
      indicators,
      subdimensions,
      dimensions,
      total: summarise(total[0]!, total.subarray(1), reps, z),
    });
  });

  // Ranks and rank intervals among the ranked domains with a total.
  const ranked = out
    .map((ds, d) => ({ ds, t: totalsByDomain[d]! }))
    .filter(({ ds, t }) => (opts.rankDomains ? opts.rankDomains.includes(ds.domain) : true) && !Number.isNaN(t[0]!));
  if (ranked.length > 0) {
    const full = competitionRanks(ranked.map((x) => x.t[0]!));
    const rankReps = ranked.map(() => new Float64Array(R));
    for (let r = 1; r <= R; r++)
      for (let k = 0; k < ranked.length; k++) {
        // competition rank among the provinces that have a total in this replicate (NaN: none)
        const v = ranked[k]!.t[r]!;
        let higher = 0;
        for (let j = 0; j < ranked.length; j++) if (ranked[j]!.t[r]! > v) higher++;
        rankReps[k]![r - 1] = Number.isNaN(v) ? Number.NaN : higher + 1;
      }
    ranked.forEach(({ ds }, k) => {
      ds.rank = full[k]!;
      const sorted = rankReps[k]!.filter((x) => !Number.isNaN(x)).sort();
      ds.rankInterval =
        sorted.length > 1
          ? {
              lo: Math.floor(quantileSorted(sorted, (1 - level) / 2)),
              hi: Math.ceil(quantileSorted(sorted, (1 + level) / 2)),
            }
          : null;
    });
  }
  for (const ds of out)
    if (ds.rank === undefined && (!opts.rankDomains || opts.rankDomains.includes(ds.domain))) {
      ds.rank = null;
      ds.rankInterval = null;
    }
  return out;
}
