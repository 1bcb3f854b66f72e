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
import { linearisedEstimates, weightedSpread } from './linearised-estimates.js';
import type { DomainEstimates, SurveyDesign } from './types.js';

export function domainMeans(design: SurveyDesign, cells: DomainCells, x: Float64Array): DomainEstimates {
  const { weights } = design;
  const sums = cellSums(cells, weights, x);
  const dom = domainSums(cells, sums);
  const nd = cells.nDomains;
  const estimate = new Float64Array(nd);
  for (let d = 0; d < nd; d++) estimate[d] = dom.swx[d]! / dom.sw[d]!;

  // Second pass: influence totals per cell, centred exactly as R does.
  const z = new Float64Array(cells.nCells);
  const { cellOfRow, cellDomain } = cells;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const c = cellOfRow[i]!;
    if (c < 0 || Number.isNaN(v)) continue;
    const d = cellDomain[c]!;
    z[c]! += ((v - estimate[d]!) * weights[i]!) / dom.sw[d]!;
  }
  return linearisedEstimates(design, cells, {
    estimate,
    influence: z,
    cellCounts: sums.count,
    spread: weightedSpread(cells, weights, x, estimate),
    sumWeights: dom.sw,
    n: dom.count,
    srsVarianceOf: srsVarianceOfMean,
  });
}
