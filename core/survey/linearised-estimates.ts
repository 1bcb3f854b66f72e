/**
 * The two steps every linearised domain estimator shares (mean, total, ratio):
 *
 * - `weightedSpread`: Σ_{i∈d} w_i (v_i − c_d)² and the count of rows with w ≠ 0, the ingredients of the
 *   simple-random-sampling variance in R's `deff = TRUE`;
 * - `linearisedEstimates`: the stratified (Taylor) variance of each domain's influence totals
 *   (`stratifiedVariance`), the SRS variance and their ratio, the design effect.
 */
import type { DomainCells } from './domain-cells.js';
import { stratifiedVariance } from './stratified-variance.js';
import type { DomainEstimates, SurveyDesign } from './types.js';

export interface WeightedSpread {
  /** Σ w (v − centre)² per domain. */
  squares: Float64Array;
  /** Rows with a non-zero weight per domain. */
  nonZero: Int32Array;
}

/** Rows outside every domain (cell < 0) or with v missing are left out, as in the estimate itself. */
export function weightedSpread(
  cells: DomainCells,
  weights: Float64Array,
  values: Float64Array,
  centre: Float64Array,
): WeightedSpread {
  const squares = new Float64Array(cells.nDomains);
  const nonZero = new Int32Array(cells.nDomains);
  const { cellOfRow, cellDomain } = cells;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const c = cellOfRow[i]!;
    if (c < 0 || Number.isNaN(v)) continue;
    const d = cellDomain[c]!;
    const w = weights[i]!;
    const dev = v - centre[d]!;
    squares[d]! += w * dev * dev;
    if (w !== 0) nonZero[d]!++;
  }
  return { squares, nonZero };
}

export interface LinearisedParts {
  estimate: Float64Array;
  /** Influence totals per cell (domain × PSU). */
  influence: Float64Array;
  /** Rows per cell that entered the estimate (for the lonely-PSU and certainty rules). */
  cellCounts: Int32Array;
  spread: WeightedSpread;
  /** Σ w per domain over the rows that entered the estimate. */
  sumWeights: Float64Array;
  /** Rows per domain that entered the estimate. */
  n: Int32Array;
  /** SRS variance of this statistic (design-effect.ts: of a mean or of a total). */
  srsVarianceOf: (weightedSquares: number, sumWeights: number, n: number) => number;
}

export function linearisedEstimates(design: SurveyDesign, cells: DomainCells, p: LinearisedParts): DomainEstimates {
  const nd = cells.nDomains;
  const variance = new Float64Array(nd);
  const deff = new Float64Array(nd);
  const srsVariance = new Float64Array(nd);
  for (let d = 0; d < nd; d++) {
    variance[d] = stratifiedVariance(design, cells, d, p.influence, p.cellCounts);
    srsVariance[d] = p.srsVarianceOf(p.spread.squares[d]!, p.sumWeights[d]!, p.spread.nonZero[d]!);
    deff[d] = variance[d]! / srsVariance[d]!;
  }
  return { estimate: p.estimate, variance, n: p.n, sumWeights: p.sumWeights, deff, srsVariance };
}
