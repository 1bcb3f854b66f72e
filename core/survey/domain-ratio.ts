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
import { stratifiedVariance } from './stratified-variance.js';
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

  const z = new Float64Array(cells.nCells);
  const rSum = new Float64Array(nd);
  const { cellOfRow, cellDomain } = cells;
  for (let i = 0; i < numerator.length; i++) {
    const y = numerator[i]!;
    const x = denominator[i]!;
    const c = cellOfRow[i]!;
    if (c < 0 || Number.isNaN(y) || Number.isNaN(x)) continue;
    const d = cellDomain[c]!;
    const r = (y - estimate[d]! * x) / xs.swx[d]!;
    z[c]! += r * weights[i]!;
    rSum[d]! += r * weights[i]!;
  }
  // Σ w (r − r̄)² for the design effect (r̄ is 0 up to rounding; R centres it anyway).
  const squares = new Float64Array(nd);
  const nonZero = new Int32Array(nd);
  for (let i = 0; i < numerator.length; i++) {
    const y = numerator[i]!;
    const x = denominator[i]!;
    const c = cellOfRow[i]!;
    if (c < 0 || Number.isNaN(y) || Number.isNaN(x)) continue;
    const d = cellDomain[c]!;
    const w = weights[i]!;
    const dev = (y - estimate[d]! * x) / xs.swx[d]! - rSum[d]! / xs.sw[d]!;
    squares[d]! += w * dev * dev;
    if (w !== 0) nonZero[d]!++;
  }
  const variance = new Float64Array(nd);
  const deff = new Float64Array(nd);
  const srsVariance = new Float64Array(nd);
  for (let d = 0; d < nd; d++) {
    variance[d] = stratifiedVariance(design, cells, d, z, xsCells.count);
    srsVariance[d] = srsVarianceOfTotal(squares[d]!, xs.sw[d]!, nonZero[d]!);
    deff[d] = variance[d]! / srsVariance[d]!;
  }
  return { estimate, variance, n: xs.count, sumWeights: xs.sw, deff, srsVariance };
}
