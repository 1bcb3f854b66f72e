/**
 * PAPI performance groups (nhóm) and ranks.
 *
 * Groups (METHOD.md §2.3 [D], reproduces 16/16/15/16 for 63 provinces and 15/16/15/15 for 61 in 2023):
 *   percentiles by linear interpolation at position (n − 1)·p of the sorted scores (R type 7, Excel PERCENTILE.INC)
 *   best          : score >  P75
 *   high-average  : P50 ≤ score ≤ P75
 *   low-average   : P25 ≤ score <  P50
 *   poorest       : score <  P25
 * Ranks: on unrounded scores, higher is better, competition ranking ("1224"): tied provinces share the best
 * rank of the tie and the next rank skips (two provinces tied 2nd → next is 4th).
 */

export const GROUPS = ['poorest', 'low-average', 'high-average', 'best'] as const;
export type Group = (typeof GROUPS)[number];

export interface Thresholds {
  p25: number;
  p50: number;
  p75: number;
  /** Number of scored provinces the thresholds come from. */
  n: number;
}

/** R type-7 quantile of an ascending-sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  return a + (sorted[hi]! - a) * (h - lo);
}

export function quantile(values: readonly number[], p: number): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function thresholds(values: readonly number[]): Thresholds {
  const s = [...values].sort((a, b) => a - b);
  return { p25: quantileSorted(s, 0.25), p50: quantileSorted(s, 0.5), p75: quantileSorted(s, 0.75), n: s.length };
}

export function groupOf(score: number, t: Thresholds): Group {
  if (score > t.p75) return 'best';
  if (score >= t.p50) return 'high-average';
  if (score >= t.p25) return 'low-average';
  return 'poorest';
}

export function groupIndex(g: Group): number {
  return GROUPS.indexOf(g);
}

export function nextGroup(g: Group): Group | null {
  const i = groupIndex(g);
  return i < GROUPS.length - 1 ? GROUPS[i + 1]! : null;
}

/** Competition ranks (1 = highest score) for an array of scores; the output is aligned with the input. */
export function competitionRanks(scores: readonly number[]): number[] {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const ranks = new Array<number>(scores.length);
  for (let k = 0; k < order.length; k++) {
    const [s, i] = order[k]!;
    ranks[i] = k > 0 && order[k - 1]![0] === s ? ranks[order[k - 1]![1]]! : k + 1;
  }
  return ranks;
}

/** Rank that a score would get among the others (competition ranking): 1 + number of strictly higher scores. */
export function rankAmong(score: number, others: readonly number[]): number {
  let higher = 0;
  for (const o of others) if (o > score) higher++;
  return higher + 1;
}

export interface GroupCounts {
  best: number;
  'high-average': number;
  'low-average': number;
  poorest: number;
}

export function countGroups(values: readonly number[]): GroupCounts {
  const t = thresholds(values);
  const c: GroupCounts = { best: 0, 'high-average': 0, 'low-average': 0, poorest: 0 };
  for (const v of values) c[groupOf(v, t)]++;
  return c;
}
