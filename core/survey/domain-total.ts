/**
 * Domain totals with Taylor-linearised variance, as R `svyby(~x, ~domain, design, svytotal, na.rm = TRUE,
 * deff = TRUE)` (R survey `svytotal.survey.design2`): T̂_d = Σ_{i∈d} w_i x_i, influence z_i = w_i x_i.
 */
import { cellSums, domainSums } from './cell-sums.js';
import { srsVarianceOfTotal } from './design-effect.js';
import type { DomainCells } from './domain-cells.js';
import { linearisedEstimates, weightedSpread } from './linearised-estimates.js';
import type { DomainEstimates, SurveyDesign } from './types.js';

export function domainTotals(design: SurveyDesign, cells: DomainCells, x: Float64Array): DomainEstimates {
  const { weights } = design;
  const sums = cellSums(cells, weights, x);
  const dom = domainSums(cells, sums);
  const mean = new Float64Array(cells.nDomains);
  for (let d = 0; d < cells.nDomains; d++) mean[d] = dom.swx[d]! / dom.sw[d]!;
  return linearisedEstimates(design, cells, {
    estimate: dom.swx,
    influence: sums.swx,
    cellCounts: sums.count,
    spread: weightedSpread(cells, weights, x, mean),
    sumWeights: dom.sw,
    n: dom.count,
    srsVarianceOf: srsVarianceOfTotal,
  });
}
