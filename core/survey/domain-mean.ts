/**
 * Domain means with Taylor-linearised variance, as R `svyby(~x, ~domain, design, svymean, na.rm = TRUE,
 * deff = TRUE)` (Lumley 2010 §2.2; R survey `svymean.survey.design2`):
 *
 *   x̄_d = Σ_{i∈d} w_i x_i / Σ_{i∈d} w_i,   influence z_i = w_i (x_i − x̄_d) / Σ_{i∈d} w_i
 *
 * over rows of domain d with x present; rows outside are z = 0 but the full design (every stratum and PSU)
 * stays, as R's subset of a design does. The variance is `stratifiedVariance` of the PSU totals of z.
 */
import { cellSums, domainSums } from './cell-sums.js';
import { srsVarianceOfMean } from './design-effect.js';
import type { DomainCells } from './domain-cells.js';
import { stratifiedVariance } from './stratified-variance.js';
import type { DomainEstimates, SurveyDesign } from './types.js';

export function domainMeans(design: SurveyDesign, cells: DomainCells, x: Float64Array): DomainEstimates {
  const { weights } = design;
  const sums = cellSums(cells, weights, x);
  const dom = domainSums(cells, sums);
  const nd = cells.nDomains;
  const estimate = new Float64Array(nd);
  for (let d = 0; d < nd; d++) estimate[d] = dom.swx[d]! / dom.sw[d]!;

  // Second pass: influence totals per cell and Σ w (x − x̄)² per domain, centred exactly as R does.
  const z = new Float64Array(cells.nCells);
  const squares = new Float64Array(nd);
  const nonZero = new Int32Array(nd);
  const { cellOfRow, cellDomain } = cells;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const c = cellOfRow[i]!;
    if (c < 0 || Number.isNaN(v)) continue;
    const d = cellDomain[c]!;
    const w = weights[i]!;
    const dev = v - estimate[d]!;
    z[c]! += (dev * w) / dom.sw[d]!;
    squares[d]! += w * dev * dev;
    if (w !== 0) nonZero[d]!++;
  }
  const variance = new Float64Array(nd);
  const deff = new Float64Array(nd);
  const srsVariance = new Float64Array(nd);
  for (let d = 0; d < nd; d++) {
    variance[d] = stratifiedVariance(design, cells, d, z, sums.count);
    srsVariance[d] = srsVarianceOfMean(squares[d]!, dom.sw[d]!, nonZero[d]!);
    deff[d] = variance[d]! / srsVariance[d]!;
  }
  return { estimate, variance, n: dom.count, sumWeights: dom.sw, deff, srsVariance };
}
