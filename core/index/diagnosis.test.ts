import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnosis.js';
import { diagnosisSentences } from './diagnosis-text.js';
import { matchProvince } from './provinces.js';
import { tinySeries } from './testing/fixtures.js';

// Eight provinces (odd codes north, even south). d1 = 1.1 + 1.2 (0.5–5 each), d2 = 2.1 (1–10).
const series = tinySeries([
  [2.0, 1.0, 3.0], // 01 north: d1 3, total 6
  [3.0, 3.0, 6.0], // 02 south
  [2.5, 2.5, 5.0], // 03 north
  [4.0, 4.0, 9.0], // 04 south
  [1.5, 3.5, 4.0], // 05 north
  [3.5, 3.0, 7.0], // 06 south
  [2.0, 2.0, 8.0], // 07 north
  [4.5, 4.0, 2.0], // 08 south
]);

describe('diagnose (hand-worked on eight provinces)', () => {
  const d = diagnose(series, 2030, '01');
  it('places every measure in its group with rank and the gap to the next group', () => {
    // totals: 6, 12, 10, 17, 9, 13.5, 12, 10.5 → province 01 last (8 of 8), poorest
    expect(d.total).toMatchObject({ score: 6, rank: 8, of: 8, group: 'poorest' });
    // others sorted: 9, 10, 10.5, 12, 12, 13.5, 17; N = 8, P25 at h = 1.75 (f > 0) → needs ≥ o_1 = 10
    expect(d.total.nextGroup).toMatchObject({
      nextGroup: 'low-average',
      requiredScore: 10,
      increase: 4,
      inclusive: true,
    });
  });
  it('lists weakest sub-dimensions by the gap to P75 on the 1–10 scale, with ids for plans', () => {
    // 1.1: 2 vs P75 of {2,3,2.5,4,1.5,3.5,2,4.5} = 3.625 → gap 1.625 published = 3.25 on 1–10
    // 1.2: 1 vs P75 = 3.625 → gap 2.625 → 5.25 on 1–10; 2.1: 3 vs P75 7.25 → 4.25
    expect(d.weakest).toEqual(['1.2', '2.1', '1.1']);
    const s12 = d.subdimensions.find((s) => s.code === '1.2')!;
    expect(s12.gapToBestGroup10).toBeCloseTo(5.25, 12);
    expect(s12.assessment).toBe('weakness');
    expect(d.strengths).toEqual([]);
  });
  it('compares with the region peers and suggests a verified move up a group', () => {
    // north peers 03, 05, 07: totals 10, 9, 12 → median 10
    expect(d.peers).toMatchObject({ basis: 'region', codes: ['03', '05', '07'] });
    expect(d.total.peerMedian).toBe(10);
    expect(d.suggestion).toMatchObject({
      measure: 'total',
      subdimension: '1.2',
      increase: 4,
      from: 'poorest',
      to: 'low-average',
    });
    expect(d.suggestion!.result.total.after).toBe(10);
    const chosen = diagnose(series, 2030, '01', { peers: ['04', '08'] });
    expect(chosen.peers.basis).toBe('chosen');
    expect(chosen.total.peerMedian).toBe(13.75);
  });
  it('writes the same facts in Vietnamese and English', () => {
    const en = diagnosisSentences(d, 'en');
    expect(en[0]).toBe(
      'PAPI 2030: Province 1 scored 6.00 in aggregate, ranked 8 of 8, in the poor performers group; needs 4.00 points more to reach the low-average group.',
    );
    const vi = diagnosisSentences(d, 'vi');
    expect(vi[0]).toBe(
      'PAPI 2030: Tỉnh 1 đạt 6,00 điểm tổng hợp, xếp thứ 8/8, thuộc nhóm đạt điểm thấp nhất; cần thêm 4,00 điểm để vào nhóm đạt điểm trung bình thấp.',
    );
    expect(vi.length).toBe(en.length);
  });
});

describe('matchProvince', () => {
  const refs = [
    { code: '22', codeSystem: 'vn2008' as const, nameVi: 'Quảng Ninh', nameEn: 'Quang Ninh' },
    { code: '46', codeSystem: 'vn2008' as const, nameVi: 'Thừa Thiên-Huế', nameEn: 'Thua Thien-Hue' },
    { code: '79', codeSystem: 'vn2008' as const, nameVi: 'TP. Hồ Chí Minh', nameEn: 'TP. Ho Chi Minh' },
    { code: '44', codeSystem: 'vn2008' as const, nameVi: 'Quảng Bình', nameEn: 'Quang Binh' },
  ];
  it('matches codes and names diacritics-insensitively', () => {
    expect(matchProvince('quang ninh', refs).code).toBe('22');
    expect(matchProvince('QUẢNG NINH', refs).code).toBe('22');
    expect(matchProvince('2', [{ ...refs[0]!, code: '02' }]).code).toBe('02');
    expect(matchProvince('hue', refs).code).toBe('46');
    expect(matchProvince('ho chi minh', refs).code).toBe('79');
    expect(() => matchProvince('quang', refs)).toThrow(/several provinces: Quảng Ninh, Quảng Bình/);
    expect(() => matchProvince('atlantis', refs)).toThrow(/no province matches/);
  });
});
