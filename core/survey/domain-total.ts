/**
 * Domain totals with Taylor-linearised variance, as R `svyby(~x, ~domain, design, svytotal, na.rm = TRUE,
 * deff = TRUE)` (R survey `svytotal.survey.design2`): T̂_d = Σ_{i∈d} w_i x_i, influence z_i = w_i x_i.
 */
import { cellSums, domainSums } from './cell-sums.js';
import { srsVarianceOfTotal } from './design-effect.js';
import type { DomainCells } from './domain-cells.js';
import { stratifiedVariance } from './stratified-variance.js';
import type { DomainEstimates, SurveyDesign } from './types.js';

export function domainTotals(design: SurveyDesign, cells: DomainCells, x: Float64Array): DomainEstimates {
  const { weights } = design;
  const sums = cellSums(cells, weights, x);
  const dom = domainSums(cells, sums);
  const nd = cells.nDomains;
  const mean = new Float64Array(nd);
  for (let d = 0; d < nd; d++) mean[d] = dom.swx[d]! / dom.sw[d]!;
  const squares = new Float64Array(nd);
  const nonZero = new Int32Array(nd);
  const { cellOfRow, cellDomain } = cells;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const c = cellOfRow[i]!;
    if (c < 0 || Number.isNaN(v)) continue;
    const d = cellDomain[c]!;
    const w = weights[i]!;
    const dev = v - mean[d]!;
    squares[d]! += w * dev * dev;
    if (w !== 0) nonZero[d]!++;
  }
  const variance = new Float64Array(nd);
  const deff = new Float64Array(nd);
  const srsVariance = new Float64Array(nd);
  for (let d = 0; d < nd; d++) {
    variance[d] = stratifiedVariance(design, cells, d, sums.swx, sums.count);
    srsVariance[d] = srsVarianceOfTotal(squares[d]!, dom.sw[d]!, nonZero[d]!);
    deff[d] = variance[d]! / srsVariance[d]!;
  }
  return { estimate: dom.swx, variance, n: dom.count, sumWeights: dom.sw, deff, srsVariance };
}
