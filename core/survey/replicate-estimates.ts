/**
 * Domain estimates for every replicate, from per-cell sums (never n × R weights): for a replicate with unit
 * factors a_u,
 *
 *   mean_r  = Σ_c a_{u(c)} Σw·x_c / Σ_c a_{u(c)} Σw_c        (R `svymean.svyrep.design`)
 *   total_r = Σ_c a_{u(c)} Σw·x_c                            (R `svytotal.svyrep.design`)
 *   ratio_r = Σ_c a_{u(c)} Σw·y_c / Σ_c a_{u(c)} Σw·x_c      (R `svyratio.svyrep.design`)
 *
 * over the rows of domain d with the value(s) present, then `replicateVariance` per (domain, variable).
 * Variables are processed together so the inner loop runs over contiguous memory.
 */
import type { DomainCells } from './domain-cells.js';
import type { ReplicateFactors } from './replicate-factors.js';
import { replicateVariance } from './replicate-variance.js';
import type { SurveyDesign } from './types.js';

export type ReplicateStatistic = 'mean' | 'total';

export interface ReplicateEstimates {
  readonly nDomains: number;
  readonly nVariables: number;
  readonly replicates: number;
  /** Full-sample estimate, index d · nVariables + v. */
  readonly estimate: Float64Array;
  /** Replicate variance, index d · nVariables + v. */
  readonly variance: Float64Array;
  /** Replicate estimates θ_r, index (d · nVariables + v) · replicates + r (only with `keepReplicates`). */
  readonly thetas?: Float64Array;
}

/**
 * @param variables one Float64Array per variable (NaN = missing).
 * @param denominators for ratios: the denominator column of each variable (rows count when both present).
 */
export function replicateDomainEstimates(
  design: SurveyDesign,
  cells: DomainCells,
  variables: readonly Float64Array[],
  rf: ReplicateFactors,
  options: { statistic?: ReplicateStatistic; denominators?: readonly Float64Array[]; keepReplicates?: boolean } = {},
): ReplicateEstimates {
  const statistic = options.statistic ?? 'mean';
  const dens = options.denominators;
  const nv = variables.length;
  const nc = cells.nCells;
  const R = rf.replicates;
  const { weights } = design;
  const { cellOfRow, domainStart, cellUnit, nDomains } = cells;

  // Cell sums, interleaved by variable: num[c·nv + v], den[c·nv + v].
  const num = new Float64Array(nc * nv);
  const den = new Float64Array(nc * nv);
  for (let v = 0; v < nv; v++) {
    const x = variables[v]!;
    const y = dens?.[v];
    for (let i = 0; i < x.length; i++) {
      const c = cellOfRow[i]!;
      const xv = x[i]!;
      if (c < 0 || Number.isNaN(xv)) continue;
      const w = weights[i]!;
      const k = c * nv + v;
      if (y) {
        const yv = y[i]!;
        if (Number.isNaN(yv)) continue;
        num[k]! += w * xv;
        den[k]! += w * yv;
      } else {
        num[k]! += w * xv;
        den[k]! += w;
      }
    }
  }

  const estimate = new Float64Array(nDomains * nv);
  const variance = new Float64Array(nDomains * nv);
  const thetas = options.keepReplicates ? new Float64Array(nDomains * nv * R) : undefined;
  const theta = new Float64Array(nv * R);
  const accNum = new Float64Array(nv);
  const accDen = new Float64Array(nv);
  const { factors, nUnits } = rf;
  const isTotal = statistic === 'total' && !dens;
  for (let d = 0; d < nDomains; d++) {
    const a = domainStart[d]!;
    const b = domainStart[d + 1]!;
    accNum.fill(0);
    accDen.fill(0);
    for (let c = a; c < b; c++) {
      const off = c * nv;
      for (let v = 0; v < nv; v++) {
        accNum[v]! += num[off + v]!;
        accDen[v]! += den[off + v]!;
      }
    }
    for (let v = 0; v < nv; v++) estimate[d * nv + v] = isTotal ? accNum[v]! : accNum[v]! / accDen[v]!;

    for (let r = 0; r < R; r++) {
      accNum.fill(0);
      accDen.fill(0);
      const base = r * nUnits;
      for (let c = a; c < b; c++) {
        const f = factors[base + cellUnit[c]!]!;
        if (f === 0) continue;
        const off = c * nv;
        for (let v = 0; v < nv; v++) {
          accNum[v]! += f * num[off + v]!;
          accDen[v]! += f * den[off + v]!;
        }
      }
      for (let v = 0; v < nv; v++) theta[v * R + r] = isTotal ? accNum[v]! : accNum[v]! / accDen[v]!;
    }
    for (let v = 0; v < nv; v++) {
      const t = theta.subarray(v * R, (v + 1) * R);
      const k = d * nv + v;
      variance[k] = replicateVariance(t, rf.scale, rf.rscales, rf.mse, estimate[k]!);
      thetas?.set(t, k * R);
    }
  }
  return { nDomains, nVariables: nv, replicates: R, estimate, variance, thetas };
}
