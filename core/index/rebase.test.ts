import { describe, expect, it } from 'vitest';
import { rankingTable } from './ranking.js';
import { rebaseTo34 } from './rebase.js';
import { tinySeries } from './testing/fixtures.js';

describe('re-basing to merged provinces (hand-worked)', () => {
  // Old 01 (weight 3) and 02 (weight 1) merge into A; old 03 alone becomes B.
  const series = tinySeries([
    [2, 2, 5],
    [4, 4, 9],
    [1, 3, 6],
  ]);
  const ctx = {
    mapping: [
      { oldCode: '01', newCode: 'A' },
      { oldCode: '02', newCode: 'A' },
      { oldCode: '03', newCode: 'B' },
    ],
    weights: [
      { oldCode: '01', weight: 3, basis: 'total-population' as const },
      { oldCode: '02', weight: 1, basis: 'total-population' as const },
      { oldCode: '03', weight: 5, basis: 'total-population' as const },
    ],
    provinces34: [
      { code: 'A', codeSystem: 'vn2025' as const, nameVi: 'A', nameEn: 'A' },
      { code: 'B', codeSystem: 'vn2025' as const, nameVi: 'B', nameEn: 'B' },
    ],
  };
  it('takes population-weighted means and states the approximation', () => {
    const r = rebaseTo34(series, ctx);
    const a = r.years[0]!.provinces[0]!;
    // 1.1: (3·2 + 1·4)/4 = 2.5; 1.2 the same; d1 = 5 = (3·4 + 1·8)/4; 2.1: (3·5 + 9)/4 = 6; total 11
    expect(a.subdimensions).toEqual({ '1.1': 2.5, '1.2': 2.5, '2.1': 6 });
    expect(a.dimensions).toEqual({ d1: 5, d2: 6 });
    expect(a.total).toBe(11);
    expect(a.coverage).toMatchObject({
      components: ['01', '02'],
      available: ['01', '02'],
      populationShare: 1,
      partial: false,
    });
    expect(r.approximation?.official).toBe(false);
    expect(r.approximation?.textEn).toMatch(/not an official PAPI score/);
    expect(rankingTable(r, 2030, 'total').approximation?.kind).toBe('rebased-34-population-weighted');
  });
  it('renormalises over available components and flags partial coverage', () => {
    const gappy = tinySeries([
      [2, 2, 5],
      [null, null, 9], // 02 lacks d1
      [1, 3, 6],
    ]);
    const a = rebaseTo34(gappy, ctx).years[0]!.provinces[0]!;
    expect(a.dimensions.d1).toBe(4); // only 01
    expect(a.dimensions.d2).toBe(6); // both
    expect(a.total).toBe(10);
    expect(a.coverage).toMatchObject({
      available: ['01'],
      populationShare: 0.75,
      partial: true,
      partialDimensions: ['d1'],
    });
    // with a minimum share of 0.8 the d1 of A (share 0.75) is left missing, and so is the total
    const strict = rebaseTo34(gappy, ctx, { minPopulationShare: 0.8 }).years[0]!.provinces[0]!;
    expect(strict.dimensions.d1).toBeNull();
    expect(strict.total).toBeNull();
    expect(strict.status).toBe('partial');
  });
});
