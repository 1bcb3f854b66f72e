import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import {
  allocate,
  drawSample,
  invitationBatches,
  type ResidentFrameRow,
  residentFrameFromTable,
  type VillageFrameRow,
  villageFrameFromTable,
} from './sampling.js';

function frame(): { villages: VillageFrameRow[]; residents: ResidentFrameRow[] } {
  const villages: VillageFrameRow[] = [];
  const residents: ResidentFrameRow[] = [];
  const sizes = [120, 80, 300, 45, 60, 1500, 90, 210, 75, 130, 55, 400];
  sizes.forEach((size, i) => {
    const code = `T${String(i + 1).padStart(2, '0')}`;
    villages.push({ code, name: `Thôn ${i + 1}`, population: size, stratum: i < 6 ? 'xa-a' : 'xa-b' });
    for (let r = 0; r < size; r++) residents.push({ village: code, id: `${code}-${r + 1}` });
  });
  return { villages, residents };
}

/** First-order inclusion probabilities of PPS with certainty units, computed independently. */
function inclusion(vs: VillageFrameRow[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  let rest = [...vs];
  let left = n;
  for (;;) {
    const total = rest.reduce((a, v) => a + v.population, 0);
    const big = rest.find((v) => (left * v.population) / total >= 1);
    if (!big) {
      for (const v of rest) out.set(v.code, (left * v.population) / total);
      return out;
    }
    out.set(big.code, 1);
    rest = rest.filter((v) => v !== big);
    left--;
  }
}

describe('PPS + SRS sampling', () => {
  it('is reproducible with the seed and changes with it', () => {
    const { villages, residents } = frame();
    const a = drawSample(villages, residents, { villages: 6, residentsPerVillage: 10, seed: 42 });
    const b = drawSample(villages, residents, { villages: 6, residentsPerVillage: 10, seed: 42 });
    const c = drawSample(villages, residents, { villages: 6, residentsPerVillage: 10, seed: 43 });
    expect(b).toEqual(a);
    expect(c.members.map((m) => m.residentId)).not.toEqual(a.members.map((m) => m.residentId));
    expect(a.members).toHaveLength(60);
  });

  it('takes a village at least as large as the interval with certainty, as its own stratum with residents as PSUs', () => {
    const { villages, residents } = frame();
    const s = drawSample(villages, residents, { villages: 6, residentsPerVillage: 10, seed: 1 });
    // Allocation by population: xa-a 2105 people → 4 villages, xa-b 960 → 2.
    // In xa-a, T06 (4·1500/2105 ≥ 1) is certain; then T03 (3·300/605 ≥ 1); 2 more by PPS over 305 people.
    expect(s.summary.strata.map((x) => [x.stratum, x.allocated, x.certainty])).toEqual([
      ['xa-a', 4, 2],
      ['xa-b', 2, 0],
    ]);
    const t06 = s.summary.villages.find((v) => v.code === 'T06');
    expect(t06).toMatchObject({ certainty: true, probability: 1 });
    const members = s.members.filter((m) => m.villageCode === 'T06');
    expect(members.every((m) => m.stratum === 'xa-a/T06' && m.fpc === 1500 && m.weight === 150)).toBe(true);
    expect(new Set(members.map((m) => m.psu)).size).toBe(10);
    const rest = s.summary.villages.filter((v) => v.stratum === 'xa-a' && !v.certainty);
    expect(rest).toHaveLength(2);
    for (const v of rest) expect(v.probability).toBeCloseTo((2 * v.population) / 305, 12);
    expect(s.summary.strata[0]?.interval).toBe(152.5);
  });

  it('gives inclusion probabilities that match selection frequencies, and unbiased totals', () => {
    const { villages, residents } = frame();
    const runs = 3000;
    const hits = new Map<string, number>();
    let sumTotal = 0;
    for (let seed = 0; seed < runs; seed++) {
      const s = drawSample(villages, residents, { villages: 6, residentsPerVillage: 5, seed });
      for (const v of s.summary.villages) hits.set(v.code, (hits.get(v.code) ?? 0) + 1);
      sumTotal += s.members.reduce((a, m) => a + m.weight, 0);
    }
    const pis = new Map([...inclusion(villages.slice(0, 6), 4), ...inclusion(villages.slice(6), 2)]);
    for (const v of villages) {
      const pi = pis.get(v.code)!;
      const freq = (hits.get(v.code) ?? 0) / runs;
      expect(Math.abs(freq - pi), v.code).toBeLessThan(4 * Math.sqrt((pi * (1 - pi)) / runs) + 1e-9);
    }
    // Horvitz–Thompson: E[Σ w] = number of residents.
    const N = residents.length;
    expect(Math.abs(sumTotal / runs - N) / N).toBeLessThan(0.02);
  });

  it('without a resident list draws slots against the village population', () => {
    const { villages } = frame();
    const s = drawSample(villages, null, { villages: 4, residentsPerVillage: 20, seed: 7 });
    expect(s.members).toHaveLength(80);
    expect(s.members.every((m) => m.residentId === null)).toBe(true);
    const m = s.members.find((x) => !x.certainty)!;
    const v = villages.find((x) => x.code === m.villageCode)!;
    expect(m.residentProbability).toBe(20 / v.population);
    expect(m.weight).toBeCloseTo(1 / (m.villageProbability * m.residentProbability), 9);
    // One invitation batch per PSU (village) with its weight, for the campaign's invitations.
    const batches = invitationBatches(s.members);
    expect(batches.reduce((a, b) => a + b.count, 0)).toBe(80);
    expect(batches.find((b) => b.cluster === m.psu)).toEqual({
      stratum: m.stratum,
      cluster: m.psu,
      weight: m.weight,
      count: 20,
    });
  });

  it('allocates proportionally with at least 2 per stratum, and refuses impossible sizes', () => {
    expect(
      allocate(10, [
        { population: 100, units: 20 },
        { population: 300, units: 20 },
      ]),
    ).toEqual([3, 7]);
    expect(
      allocate(5, [
        { population: 10, units: 20 },
        { population: 1000, units: 20 },
      ]),
    ).toEqual([2, 3]);
    expect(() =>
      allocate(3, [
        { population: 1, units: 5 },
        { population: 1, units: 5 },
      ]),
    ).toThrow(InputError);
    expect(() =>
      allocate(11, [
        { population: 1, units: 5 },
        { population: 1, units: 5 },
      ]),
    ).toThrow(/only 10 villages/);
  });

  it('reads frames from tables with Vietnamese headers and names bad rows', () => {
    const v = villageFrameFromTable(
      {
        name: 'thon.csv',
        headers: ['Mã thôn', 'Tên thôn', 'Dân số', 'Xã'],
        rows: [
          { row: 2, cells: { 'Mã thôn': 'T1', 'Tên thôn': 'Thôn Đông', 'Dân số': '1.234', Xã: 'A' } },
          { row: 3, cells: { 'Mã thôn': 'T2', 'Tên thôn': 'Thôn Tây', 'Dân số': '560', Xã: 'A' } },
        ],
      },
      'thon.csv',
    );
    expect(v).toEqual([
      { code: 'T1', name: 'Thôn Đông', population: 1234, stratum: 'A' },
      { code: 'T2', name: 'Thôn Tây', population: 560, stratum: 'A' },
    ]);
    try {
      villageFrameFromTable(
        { name: 'x', headers: ['code', 'population'], rows: [{ row: 2, cells: { code: 'T1', population: 'nhiều' } }] },
        'x.csv',
      );
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).location).toEqual({ file: 'x.csv', row: 2, column: 'population' });
    }
    const r = residentFrameFromTable(
      {
        name: 'dan.csv',
        headers: ['Mã thôn', 'Mã người dân', 'Họ tên'],
        rows: [{ row: 2, cells: { 'Mã thôn': 'T1', 'Mã người dân': 'A01', 'Họ tên': 'Nguyễn Văn A' } }],
      },
      'dan.csv',
    );
    expect(r).toEqual([{ village: 'T1', id: 'A01' }]); // the name is not kept
  });
});
