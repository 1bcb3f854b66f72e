/**
 * The (domain, PSU) cells of a design: every estimator in this folder sums rows into cells in one pass and
 * then works on cell sums only, so domains never re-scan the rows and replicate estimates never touch rows.
 * Cells are numbered so that the cells of domain d are `domainStart[d] .. domainStart[d+1]-1`, sorted by
 * stratum then PSU inside a domain (the order the stratified variance walks them).
 *
 * With `unit: 'row'` every row is its own cell (needed only for replicate weights that vary inside a PSU).
 */
import type { SurveyDesign } from './types.js';

export interface DomainCells {
  readonly nDomains: number;
  readonly nCells: number;
  /** Cell of each row, −1 when the row is in no domain. */
  readonly cellOfRow: Int32Array;
  readonly cellDomain: Int32Array;
  readonly cellPsu: Int32Array;
  /** Row (unit 'row') or PSU (unit 'psu') whose replicate factor applies to the cell. */
  readonly cellUnit: Int32Array;
  readonly domainStart: Int32Array;
}

/**
 * @param domain domain code per row (negative = in no domain); omit for the whole sample as one domain.
 * @param nDomains number of domain codes (max code + 1); inferred when omitted.
 */
export function domainCells(
  design: SurveyDesign,
  domain?: Int32Array,
  nDomains?: number,
  unit: 'psu' | 'row' = 'psu',
): DomainCells {
  const n = design.n;
  const { psuOfRow, stratumOfPsu, nPsu } = design;
  let nd = nDomains ?? 1;
  if (domain && nDomains === undefined) {
    nd = 0;
    for (let i = 0; i < n; i++) if (domain[i]! + 1 > nd) nd = domain[i]! + 1;
  }
  const domainOf = (i: number) => (domain ? domain[i]! : 0);

  // 1. Give each distinct (domain, PSU) or (domain, row) pair a provisional id.
  const provisional = new Int32Array(n);
  const pairDomain: number[] = [];
  const pairUnit: number[] = [];
  if (unit === 'row') {
    for (let i = 0; i < n; i++) {
      const d = domainOf(i);
      if (d < 0) {
        provisional[i] = -1;
        continue;
      }
      provisional[i] = pairDomain.length;
      pairDomain.push(d);
      pairUnit.push(i);
    }
  } else if (nd * nPsu <= 1 << 22) {
    const lookup = new Int32Array(nd * nPsu).fill(-1);
    for (let i = 0; i < n; i++) {
      const d = domainOf(i);
      if (d < 0) {
        provisional[i] = -1;
        continue;
      }
      const key = d * nPsu + psuOfRow[i]!;
      let id = lookup[key]!;
      if (id < 0) {
        id = pairDomain.length;
        lookup[key] = id;
        pairDomain.push(d);
        pairUnit.push(psuOfRow[i]!);
      }
      provisional[i] = id;
    }
  } else {
    const lookup = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const d = domainOf(i);
      if (d < 0) {
        provisional[i] = -1;
        continue;
      }
      const key = d * nPsu + psuOfRow[i]!;
      let id = lookup.get(key);
      if (id === undefined) {
        id = pairDomain.length;
        lookup.set(key, id);
        pairDomain.push(d);
        pairUnit.push(psuOfRow[i]!);
      }
      provisional[i] = id;
    }
  }

  // 2. Order cells by (domain, stratum, PSU, unit).
  const nCells = pairDomain.length;
  const psuOfPair = (k: number) => (unit === 'row' ? psuOfRow[pairUnit[k]!]! : pairUnit[k]!);
  const order = Array.from({ length: nCells }, (_, k) => k);
  order.sort((a, b) => {
    const da = pairDomain[a]! - pairDomain[b]!;
    if (da !== 0) return da;
    const pa = psuOfPair(a);
    const pb = psuOfPair(b);
    const sa = stratumOfPsu[pa]! - stratumOfPsu[pb]!;
    if (sa !== 0) return sa;
    return pa - pb || pairUnit[a]! - pairUnit[b]!;
  });
  const rank = new Int32Array(nCells);
  const cellDomain = new Int32Array(nCells);
  const cellPsu = new Int32Array(nCells);
  const cellUnit = new Int32Array(nCells);
  for (let c = 0; c < nCells; c++) {
    const k = order[c]!;
    rank[k] = c;
    cellDomain[c] = pairDomain[k]!;
    cellPsu[c] = psuOfPair(k);
    cellUnit[c] = pairUnit[k]!;
  }
  const cellOfRow = new Int32Array(n);
  for (let i = 0; i < n; i++) cellOfRow[i] = provisional[i]! < 0 ? -1 : rank[provisional[i]!]!;
  const domainStart = new Int32Array(nd + 1);
  for (let c = 0; c < nCells; c++) domainStart[cellDomain[c]! + 1]!++;
  for (let d = 0; d < nd; d++) domainStart[d + 1]! += domainStart[d]!;
  return { nDomains: nd, nCells, cellOfRow, cellDomain, cellPsu, cellUnit, domainStart };
}
