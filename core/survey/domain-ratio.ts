/**
 * Domain ratios of totals with Taylor-linearised variance, as R `svyby(~y, ~domain, design, svyratio,
 * denominator = ~x, na.rm = TRUE, deff = TRUE)` (R survey `svyratio.survey.design2`; Lumley 2010 §2.2.2):
 *
 *   R̂_d = Σ w y / Σ w x,   influence z_i = w_i (y_i − R̂_d x_i) / Σ w x
 *
 * over rows of d where both y and x are present. The design effect is R's `deff(svytotal(r))` of the
 * linearised variable r_i = (y_i − R̂ x_i)/X̂.
 */
import { cellSums, domainSums } from './cell-sums.js';
import { srsVarianceOfTotal } from './design-effect.js';
import type { DomainCells } from './domain-cells.js';
import { linearisedEstimates, weightedSpread } from './linearised-estimates.js';
import type { DomainEstimates, SurveyDesign } from './types.js';

export function domainRatios(
  design: SurveyDesign,
  cells: DomainCells,
  numerator: Float64Array,
  denominator: Float64Array,
): DomainEstimates {
  const { weights } = design;
  const ys = domainSums(cells, cellSums(cells, weights, numerator, denominator));
  const xsCells = cellSums(cells, weights, denominator, numerator);
  const xs = domainSums(cells, xsCells);
  const nd = cells.nDomains;
  const estimate = new Float64Array(nd);
  for (let d = 0; d < nd; d++) estimate[d] = ys.swx[d]! / xs.swx[d]!;

  // The linearised variable r_i = (y_i − R̂ x_i)/X̂ (NaN where y or x is missing), its weighted sum per cell
  // (the influence totals) and per domain.
  const r = new Float64Array(numerator.length).fill(Number.NaN);
  const z = new Float64Array(cells.nCells);
  const rSum = new Float64Array(nd);
  const { cellOfRow, cellDomain } = cells;
  for (let i = 0; i < numerator.length; i++) {
    const y = numerator[i]!;
    const x = denominator[i]!;
    const c = cellOfRow[i]!;
    if (c < 0 || Number.isNaN(y) || Number.isNaN(x)) continue;
    const d = cellDomain[c]!;
    r[i] = (y - estimate[d]! * x) / xs.swx[d]!;
    z[c]! += r[i]! * weights[i]!;
    rSum[d]! += r[i]! * weights[i]!;
  }
  // The design effect centres r on its weighted mean (0 up to rounding; R centres it anyway).
  const rMean = new Float64Array(nd);
  for (let d = 0; d < nd; d++) rMean[d] = rSum[d]! / xs.sw[d]!;
  return linearisedEstimates(design, cells, {
    estimate,
    influence: z,
    cellCounts: xsCells.count,
    spread: weightedSpread(cells, weights, r, rMean),
    sumWeights: xs.sw,
    n: xs.count,
    srsVarianceOf: srsVarianceOfTotal,
  });
}
