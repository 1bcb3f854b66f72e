import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import type { Group } from './groups.js';
import { GROUPS, groupIndex } from './groups.js';
import { rankingTable } from './ranking.js';
import { tinySeries } from './testing/fixtures.js';
import {
  groupAfterIncrease,
  parseWhatIfSpec,
  placeAmong,
  practicalIncrease,
  smallestChangeToNextGroup,
  whatIf,
} from './whatif.js';

/** Independent reference: bisection on the monotone step function g(x) = group index of x among others. */
function bisectRequired(current: number, others: number[], target: Group): number {
  const gi = (x: number) => groupIndex(placeAmong(x, others).group);
  let lo = current;
  let hi = Math.max(...others, current) + 1;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (gi(mid) >= groupIndex(target)) hi = mid;
    else lo = mid;
  }
  return hi;
}

describe('smallest change to reach the next group', () => {
  it('hand-worked: 5 provinces 1..5, the one at 3 needs more than 5 for best (the threshold moves with it)', () => {
    // Others {1, 2, 4, 5}; P75 of {1, 2, 4, 5, x} sits at position 3 of the sorted five. For 4 < x ≤ 5 it is
    // x itself (x > P75 fails); for x > 5 it is 5 (x > P75 holds). So the target is "more than 5": +2.
    const t = smallestChangeToNextGroup(3, [1, 2, 4, 5]);
    expect(t).toMatchObject({
      group: 'high-average',
      nextGroup: 'best',
      requiredScore: 5,
      increase: 2,
      inclusive: false,
    });
    expect(placeAmong(4.5, [1, 2, 4, 5]).group).toBe('high-average');
    expect(placeAmong(5, [1, 2, 4, 5]).group).toBe('high-average');
    expect(placeAmong(5.0001, [1, 2, 4, 5]).group).toBe('best');
    // the one at 1 (poorest) needs ≥ 2 (P25 of {x,2,3,4,5} at x = 2 is 2)
    expect(smallestChangeToNextGroup(1, [2, 3, 4, 5])).toMatchObject({ requiredScore: 2, inclusive: true });
    expect(placeAmong(2, [2, 3, 4, 5]).group).toBe('low-average');
    expect(placeAmong(1.9999, [2, 3, 4, 5]).group).toBe('poorest');
  });

  it('agrees with bisection on random sets of 8–70 provinces, thresholds moving with the province', () => {
    const rng = xoroshiro128plus(20251121);
    // coarse values so that ties occur
    const next = () => uniformInt(rng, 0, 2000) / 100;
    let checked = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 8 + (trial % 63);
      const others = Array.from({ length: n - 1 }, next);
      const current = next();
      const t = smallestChangeToNextGroup(current, others);
      if (!t.nextGroup) continue;
      const ref = bisectRequired(current, others, t.nextGroup);
      expect(Math.abs(ref - t.requiredScore!)).toBeLessThan(1e-9);
      // just below fails, at (or just above, when strict) succeeds
      expect(groupAfterIncrease(current, others, t.increase! - 1e-7)).toBe(t.group);
      const step = t.inclusive ? t.increase! : t.increase! + 1e-9;
      expect(GROUPS.indexOf(groupAfterIncrease(current, others, step))).toBe(GROUPS.indexOf(t.nextGroup));
      checked++;
    }
    expect(checked).toBeGreaterThan(250);
  });

  it('rounds a practical step up to 3 decimals, strictly above when needed', () => {
    expect(practicalIncrease({ ...smallestChangeToNextGroup(3, [1, 2, 4, 5]) })).toBeCloseTo(2.001, 12);
    expect(practicalIncrease({ ...smallestChangeToNextGroup(1, [2, 3, 4, 5]) })).toBeCloseTo(1, 12);
  });

  it('reports infeasible when the required score is above the scale maximum', () => {
    expect(smallestChangeToNextGroup(3, [1, 2, 4, 5], 5).feasible).toBe(false);
    expect(smallestChangeToNextGroup(3, [1, 2, 4, 5], 5.5).feasible).toBe(true);
  });
});

describe('whatIf', () => {
  // five provinces; d1 = 1.1 + 1.2 (published 0.5–5 each), d2 = 2.1 (1–10)
  const series = tinySeries([
    [2, 2, 5], // 01: d1 4, total 9
    [3, 3, 6], // 02: d1 6, total 12
    [1, 1, 4], // 03: d1 2, total 6
    [4, 4, 8], // 04: d1 8, total 16
    [2.5, 2.5, 5], // 05: d1 5, total 10
  ]);
  it('hand-worked: raising 1.1 of province 01 by 1.5 lifts d1 to 5.5 and the total to 10.5', () => {
    const r = whatIf(series, 2030, '01', [parseWhatIfSpec('1.1=+1.5')]);
    expect(r.dimensions[0]).toMatchObject({ before: 4, after: 5.5, rankBefore: 4, rankAfter: 3 });
    // totals of the others: 12, 6, 16, 10 → with 10.5: P25 = 10, P50 = 10.5, P75 = 12 → high-average, rank 3
    expect(r.total).toMatchObject({
      before: 9,
      after: 10.5,
      rankBefore: 4,
      rankAfter: 3,
      groupBefore: 'low-average',
      groupAfter: 'high-average',
      of: 5,
    });
    // others unchanged
    expect(rankingTable(series, 2030, 'total').entries.map((e) => e.score)).toEqual([16, 12, 10, 9, 6]);
  });
  it('sets a dimension directly and validates scales', () => {
    const r = whatIf(series, 2030, '03', [parseWhatIfSpec('d2=9')]);
    expect(r.total.after).toBe(11);
    expect(r.overriddenDimensions).toEqual(['d2']);
    expect(() => whatIf(series, 2030, '03', [parseWhatIfSpec('1.1=+4.5')])).toThrow(/outside its published scale/);
    expect(() => parseWhatIfSpec('2.1+=3')).toThrow(/cannot read/);
    expect(parseWhatIfSpec('D4=-0.25')).toEqual({ target: 'd4', mode: 'add', value: -0.25 });
  });
});
