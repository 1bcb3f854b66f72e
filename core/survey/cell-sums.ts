/**
 * One pass over the rows: per (domain, PSU) cell, Σ w, Σ w·x and the number of rows with x present
 * (NaN = missing is skipped, as R `na.rm = TRUE`). Everything else — domain estimates, their linearised
 * variance, bootstrap and jackknife replicates — is computed from these sums.
 */
import type { DomainCells } from './domain-cells.js';

export interface CellSums {
  /** Σ w per cell. */
  readonly sw: Float64Array;
  /** Σ w·x per cell. */
  readonly swx: Float64Array;
  /** Rows with x present per cell. */
  readonly count: Int32Array;
}

/** @param mask optional second variable: a row counts only if it is present too (ratios: y and x both). */
export function cellSums(cells: DomainCells, weights: Float64Array, x: Float64Array, mask?: Float64Array): CellSums {
  const sw = new Float64Array(cells.nCells);
  const swx = new Float64Array(cells.nCells);
  const count = new Int32Array(cells.nCells);
  const { cellOfRow } = cells;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const c = cellOfRow[i]!;
    if (c < 0 || Number.isNaN(v) || (mask !== undefined && Number.isNaN(mask[i]!))) continue;
    const w = weights[i]!;
    sw[c]! += w;
    swx[c]! += w * v;
    count[c]!++;
  }
  return { sw, swx, count };
}

/** Adds cell sums into per-domain totals. */
export function domainSums(
  cells: DomainCells,
  sums: CellSums,
): { sw: Float64Array; swx: Float64Array; count: Int32Array } {
  const sw = new Float64Array(cells.nDomains);
  const swx = new Float64Array(cells.nDomains);
  const count = new Int32Array(cells.nDomains);
  for (let c = 0; c < cells.nCells; c++) {
    const d = cells.cellDomain[c]!;
    sw[d]! += sums.sw[c]!;
    swx[d]! += sums.swx[c]!;
    count[d]! += sums.count[c]!;
  }
  return { sw, swx, count };
}
