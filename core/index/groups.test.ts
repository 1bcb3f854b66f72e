import { describe, expect, it } from 'vitest';
import { competitionRanks, countGroups, groupOf, quantile, rankAmong, thresholds } from './groups.js';

describe('type-7 quantiles (hand-worked; same as R quantile(type = 7) and Excel PERCENTILE.INC)', () => {
  it('interpolates at (n − 1)p', () => {
    // R: quantile(c(1, 2, 3, 4, 10), c(.25, .5, .75)) → 2, 3, 4
    expect([0.25, 0.5, 0.75].map((p) => quantile([10, 3, 1, 4, 2], p))).toEqual([2, 3, 4]);
    // R: quantile(1:10, c(.25, .5, .75)) → 3.25, 5.5, 7.75
    const xs = Array.from({ length: 10 }, (_, i) => i + 1);
    expect([0.25, 0.5, 0.75].map((p) => quantile(xs, p))).toEqual([3.25, 5.5, 7.75]);
  });
});

describe('groups', () => {
  const distinct = (n: number) => Array.from({ length: n }, (_, i) => 30 + i * 0.1);
  it('splits 63 provinces 16/16/15/16 and 61 provinces 15/16/15/15', () => {
    expect(countGroups(distinct(63))).toEqual({ best: 16, 'high-average': 16, 'low-average': 15, poorest: 16 });
    expect(countGroups(distinct(61))).toEqual({ best: 15, 'high-average': 16, 'low-average': 15, poorest: 15 });
  });
  it('uses > P75, ≥ P50, ≥ P25 at the boundaries', () => {
    const t = thresholds([1, 2, 3, 4, 5]); // P25 = 2, P50 = 3, P75 = 4
    expect([1, 2, 3, 4, 5].map((x) => groupOf(x, t))).toEqual([
      'poorest',
      'low-average',
      'high-average',
      'high-average',
      'best',
    ]);
  });
});

describe('competition ranking', () => {
  it('gives ties the same rank and skips the next ("1224")', () => {
    expect(competitionRanks([40, 45, 45, 38, 50])).toEqual([4, 2, 2, 5, 1]);
    expect(rankAmong(45, [40, 45, 38, 50])).toBe(2);
  });
});
