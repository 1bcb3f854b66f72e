import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { buildFrameworkSet, parseFramework } from './framework.js';
import { rankingTable } from './ranking.js';
import { mergeProvinceDomain, rebasedRunToSeries, runIndexRebased34 } from './rebase-microdata.js';
import type { MicrodataInput } from './run.js';
import { runIndex } from './run.js';
import { tinyFramework } from './testing/fixtures.js';
import { syntheticFramework, syntheticMicrodataInput } from './testing/synthetic-framework.js';

/** Tiny framework with binary indicators: 1.1 ← a, b; 1.2 ← c; 2.1 ← d. */
function tinyWithIndicators() {
  const fw = structuredClone(tinyFramework());
  const ind = (code: string, variable: string) => ({
    code,
    variable,
    status: 'inferred' as const,
    nameEn: code,
    nameVi: code,
    direction: 'higher-better' as const,
    scale: { type: 'binary' as const, yes: [1], missingCodes: [] },
    bounds: [0, 1] as [number, number],
  });
  fw.dimensions[0]!.subdimensions[0]!.indicators = [ind('1.1.1', 'a'), ind('1.1.2', 'b')];
  fw.dimensions[0]!.subdimensions[1]!.indicators = [ind('1.2.1', 'c')];
  fw.dimensions[1]!.subdimensions[0]!.indicators = [ind('2.1.1', 'd')];
  return parseFramework(fw);
}

describe('re-basing microdata to 34 provinces: hand-worked merge of two old provinces', () => {
  const fw = tinyWithIndicators();
  // Old provinces 01 (unchanged), 02 Hà Giang and 08 Tuyên Quang (merged into new 08).
  const prov = ['01', '01', '01', '02', '02', '02', '08', '08', '08', '08'];
  const w = [1, 2, 1, 3, 1, 2, 4, 1, 1, 2];
  const a = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1];
  const b = [0, 0, 1, 1, 1, Number.NaN, 0, 1, 0, 1];
  const c = [1, 1, 0, 0, 0, 1, 1, 0, 1, 0];
  const d = [0, 1, 1, 1, 1, 0, 0, 1, 1, 1];
  const labels = ['08', '01', '02']; // deliberately not in code order
  const input: MicrodataInput = {
    columns: new Map([
      ['a', Float64Array.from(a)],
      ['b', Float64Array.from(b)],
      ['c', Float64Array.from(c)],
      ['d', Float64Array.from(d)],
    ]),
    province: { codes: Int32Array.from(prov, (p) => labels.indexOf(p)), labels },
    weights: Float64Array.from(w),
  };
  const crosswalk = new Map([
    ['01', '01'],
    ['02', '08'],
    ['08', '08'],
  ]);
  const run = runIndexRebased34(fw, input, crosswalk, { replicates: 50, seed: 3 });
  // Direct Σw·y/Σw over the respondents of the given old provinces (missing answers skipped).
  const direct = (y: number[], olds: string[]) => {
    let num = 0;
    let den = 0;
    prov.forEach((p, i) => {
      if (!olds.includes(p) || Number.isNaN(y[i]!)) return;
      num += w[i]! * y[i]!;
      den += w[i]!;
    });
    return num / den;
  };

  it('estimates each indicator of the merged province over both old provinces’ respondents', () => {
    const p08 = run.results.provinces.find((p) => p.domain === '08')!;
    // a: (3·1 + 1·0 + 2·1 + 4·0 + 1·0 + 1·1 + 2·1)/(3+1+2+4+1+1+2) = 8/14, worked out by hand
    expect(p08.indicators['1.1.1']!.x).toBeCloseTo(8 / 14, 12);
    expect(p08.indicators['1.1.1']!.x).toBeCloseTo(direct(a, ['02', '08']), 12);
    expect(p08.indicators['1.1.2']!.x).toBeCloseTo(direct(b, ['02', '08']), 12);
    expect(p08.indicators['1.2.1']!.x).toBeCloseTo(direct(c, ['02', '08']), 12);
    expect(p08.indicators['2.1.1']!.x).toBeCloseTo(direct(d, ['02', '08']), 12);
    const p01 = run.results.provinces.find((p) => p.domain === '01')!;
    expect(p01.indicators['1.1.1']!.x).toBeCloseTo(direct(a, ['01']), 12);
    // Scores follow: 2.1 (one sub-dimension in d2) = 1 + 9x
    expect(p08.subdimensions['2.1']!.value).toBeCloseTo(1 + 9 * direct(d, ['02', '08']), 12);
  });

  it('labels the result as re-based (geography 34, components, note in vi and en) and ranks new provinces', () => {
    expect(run.geography).toBe('34');
    expect(run.data.provinces.sort()).toEqual(['01', '08']);
    expect(run.rebase.components).toEqual({ '08': ['08', '02'], '01': ['01'] });
    expect(run.rebase.textEn).toMatch(/34 provinces formed on 1 July 2025/);
    expect(run.rebase.textVi).toMatch(/34 tỉnh, thành phố/);
    expect(run.log[0]).toMatch(/3 old codes → 2 provinces \(1 formed by merging\)/);
    expect(run.results.provinces.map((p) => p.rank).sort()).toEqual([1, 2]);
    for (const p of run.results.provinces) expect(p.total.se!).toBeGreaterThan(0);
    expect(run.results.national.total.value).toBeCloseTo(
      runIndex(fw, input, { replicates: 50 }).results.national.total.value!,
      12,
    );
  });

  it('gives a 34-province series whose note says re-based, with ranks from the run', () => {
    const refs = ['01', '08', '04'].map((code) => ({
      code,
      codeSystem: 'vn2025' as const,
      nameVi: code,
      nameEn: code,
    }));
    const s = rebasedRunToSeries(run, { year: 2030, frameworks: buildFrameworkSet([fw]), provinces34: refs });
    expect(s.codeSystem).toBe('vn2025');
    const t = rankingTable(s, 2030, 'total');
    expect(t.entries.find((e) => e.province.code === '04')!.status).toBe('not-rated');
    expect(t.entries.find((e) => e.province.code === '08')!.score).toBeCloseTo(
      run.results.provinces.find((p) => p.domain === '08')!.total.value!,
      12,
    );
    expect(s.approximation!.textEn).toMatch(/not an official PAPI score\. Re-estimated from respondent data on the 34/);
    expect(s.approximation!.textVi).toMatch(/34 tỉnh, thành phố/);
  });

  it('names an old code missing from the crosswalk and its first row', () => {
    const bad = new Map([
      ['01', '01'],
      ['08', '08'],
    ]);
    let err: unknown;
    try {
      runIndexRebased34(fw, input, bad, { replicates: 10 }, { file: 'd.csv', column: 'tinh' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/province "02" is not one of the 63 old province codes/);
    expect((err as InputError).location).toEqual({ file: 'd.csv', row: 5, column: 'tinh' }); // respondent 4 → row 5
  });

  it('accepts a one-digit old code ("1" for "01") and ignores labels no respondent uses', () => {
    const m = mergeProvinceDomain(
      { codes: Int32Array.from([0, 0, 2]), labels: ['1', 'ZZ', '02'] },
      new Map([
        ['01', '01'],
        ['02', '08'],
      ]),
    );
    expect(m.domain.labels).toEqual(['01', '08']);
    expect([...m.domain.codes]).toEqual([0, 0, 1]);
  });
});

describe('re-basing microdata to 34 provinces: synthetic data against a hand relabelling', () => {
  const base = parseFramework(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../data/papi/frameworks/papi-2021-2024.json'), 'utf8')),
  );
  const { framework, items } = syntheticFramework(base);
  const input = syntheticMicrodataInput({ seed: 5, respondents: 2400, items, provinces: 10 });
  // P01+P02 → N1, P03 → N2, P04+P05+P06 → N3, P07..P10 → N4..N7
  const to: Record<string, string> = { P01: 'N1', P02: 'N1', P03: 'N2', P04: 'N3', P05: 'N3', P06: 'N3' };
  for (let k = 7; k <= 10; k++) to[`P${String(k).padStart(2, '0')}`] = `N${k - 3}`;
  const crosswalk = new Map(Object.entries(to));
  const method = { replicates: 60, seed: 17 };
  const rebased = runIndexRebased34(framework, input, crosswalk, method);

  // Independent reference: relabel every respondent's province string by hand, then a plain runIndex.
  const newLabels: string[] = [];
  const newCodes = new Int32Array(input.weights.length);
  input.province.codes.forEach((c, i) => {
    const label = to[input.province.labels[c]!]!;
    if (!newLabels.includes(label)) newLabels.push(label);
    newCodes[i] = newLabels.indexOf(label);
  });
  const byHand = runIndex(framework, { ...input, province: { codes: newCodes, labels: newLabels } }, method);

  it('gives the same point estimates, intervals and ranks as a run on the hand-relabelled input', () => {
    expect(rebased.results.provinces).toHaveLength(7);
    const ref = new Map(byHand.results.provinces.map((p) => [p.domain, p]));
    for (const p of rebased.results.provinces) {
      const q = ref.get(p.domain)!;
      expect(p.total.value).toBeCloseTo(q.total.value!, 12);
      for (const [k, e] of Object.entries(p.indicators)) expect(e.x).toBeCloseTo(q.indicators[k]!.x!, 12);
      for (const [k, e] of Object.entries(p.subdimensions)) expect(e.value).toBeCloseTo(q.subdimensions[k]!.value!, 12);
      // Same design and seed → same bootstrap factors → same SEs and rank intervals.
      expect(p.total.se).toBeCloseTo(q.total.se!, 12);
      expect(p.rank).toBe(q.rank);
      expect(p.rankInterval).toEqual(q.rankInterval);
    }
    expect(rebased.results.national.total.value).toBeCloseTo(byHand.results.national.total.value!, 12);
  });

  it('differs from the 63-domain run for a merged province (the merge is not a no-op)', () => {
    const old = runIndex(framework, input, method);
    const p01 = old.results.provinces.find((p) => p.domain === 'P01')!.total.value!;
    const p02 = old.results.provinces.find((p) => p.domain === 'P02')!.total.value!;
    const n1 = rebased.results.provinces.find((p) => p.domain === 'N1')!.total.value!;
    expect(n1).not.toBeCloseTo(p01, 6);
    expect(n1).toBeGreaterThan(Math.min(p01, p02) - 1e-9);
    expect(n1).toBeLessThan(Math.max(p01, p02) + 1e-9);
  });
});
