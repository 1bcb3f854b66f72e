/**
 * Replicate weights as factors: replicate r multiplies the weight of every row of unit u by
 * `factors[r * nUnits + u]`. Bootstrap and jackknife factors are constant within a PSU (unit = PSU), so
 * replicate estimates need only per-(domain, PSU) sums; imported weights that vary inside a PSU use unit = row.
 * The variance is R `svrVar`: V = scale · Σ_r rscales_r (θ_r − θ̄)², θ̄ the mean of the replicates (or the
 * full-sample estimate when `mse`).
 */
import { InputError } from '../errors.js';
import type { SurveyDesign } from './types.js';

export type ReplicateType = 'subbootstrap' | 'JK1' | 'JKn' | 'imported';

export interface ReplicateFactors {
  readonly type: ReplicateType;
  readonly unit: 'psu' | 'row';
  readonly replicates: number;
  readonly nUnits: number;
  readonly factors: Float64Array;
  readonly scale: number;
  readonly rscales: Float64Array;
  /** Centre replicates at the full-sample estimate instead of their mean (R `mse = TRUE`). */
  readonly mse: boolean;
  /** Seed of the PRNG that drew the bootstrap, for the record. */
  readonly seed?: number;
}

/** Combined replicate weights w_i · a_{r,unit(i)} of one row (for export), written into `out` (length R). */
export function rowReplicateWeights(
  design: SurveyDesign,
  rf: ReplicateFactors,
  row: number,
  out: Float64Array,
): Float64Array {
  const unit = rf.unit === 'psu' ? design.psuOfRow[row]! : row;
  const w = design.weights[row]!;
  for (let r = 0; r < rf.replicates; r++) out[r] = w * rf.factors[r * rf.nUnits + unit]!;
  return out;
}

/**
 * Turns imported combined replicate weights (one Float64Array per replicate, aligned with the design's rows)
 * into factors a = w_r / w; unit = PSU when every PSU has one factor per replicate (relative 1e-9), else row.
 */
export function replicateFactorsFromWeights(
  design: SurveyDesign,
  replicateWeights: readonly Float64Array[],
  meta: { scale: number; rscales?: ArrayLike<number>; mse?: boolean; type?: ReplicateType },
): ReplicateFactors {
  const R = replicateWeights.length;
  const { n, weights, psuOfRow, nPsu } = design;
  const rowFactors = new Float64Array(R * n);
  for (let r = 0; r < R; r++) {
    const rw = replicateWeights[r]!;
    if (rw.length !== n) throw new InputError(`replicate ${r + 1} has ${rw.length} rows, the design has ${n}`);
    for (let i = 0; i < n; i++) {
      const v = rw[i]!;
      if (!(v >= 0) || !Number.isFinite(v)) {
        throw new InputError(`replicate weight must be a finite number ≥ 0, got ${v}`, {
          row: i + 2,
          column: `repweight_${r + 1}`,
        });
      }
      const w = weights[i]!;
      if (w === 0 && v !== 0) {
        throw new InputError('replicate weight is non-zero where the sampling weight is 0', {
          row: i + 2,
          column: `repweight_${r + 1}`,
        });
      }
      rowFactors[r * n + i] = w === 0 ? 0 : v / w;
    }
  }
  const rscales = Float64Array.from(meta.rscales ?? new Float64Array(R).fill(1));
  if (rscales.length !== R) throw new InputError(`rscales has ${rscales.length} values for ${R} replicates`);
  const base = { type: meta.type ?? 'imported', replicates: R, scale: meta.scale, rscales, mse: meta.mse ?? false };

  const psuFactors = new Float64Array(R * nPsu).fill(Number.NaN);
  let constant = true;
  outer: for (let r = 0; r < R; r++) {
    for (let i = 0; i < n; i++) {
      if (weights[i] === 0) continue;
      const k = r * nPsu + psuOfRow[i]!;
      const a = rowFactors[r * n + i]!;
      const prev = psuFactors[k]!;
      if (Number.isNaN(prev)) psuFactors[k] = a;
      else if (Math.abs(prev - a) > 1e-9 * Math.max(1, Math.abs(a))) {
        constant = false;
        break outer;
      }
    }
  }
  if (constant) {
    for (let k = 0; k < psuFactors.length; k++) if (Number.isNaN(psuFactors[k])) psuFactors[k] = 0;
    return { ...base, unit: 'psu', nUnits: nPsu, factors: psuFactors } as ReplicateFactors;
  }
  return { ...base, unit: 'row', nUnits: n, factors: rowFactors } as ReplicateFactors;
}
