import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultProvinceCodes, syntheticPapiRespondents } from '../synthetic/papi-microdata.js';
import { buildFrameworkSet, parseFramework } from './framework.js';
import { rankingTable, yearOnYearChange } from './ranking.js';
import { recodeValue, rescale10 } from './recode.js';
import type { MicrodataInput } from './run.js';
import { diagnoseIndicators, rerunIndex, runIndex, runToSeries, whatIfIndicators } from './run.js';
import { scoreFromReplicates } from './scoring.js';
import { tinyFramework } from './testing/fixtures.js';
import { syntheticFramework, syntheticMicrodataInput } from './testing/synthetic-framework.js';

describe('recoding and rescaling (hand-worked)', () => {
  const bin = { scale: { type: 'binary' as const, yes: [1], missingCodes: [9] }, direction: 'higher-better' as const };
  const lik = { scale: { type: 'likert' as const, points: 5, missingCodes: [] }, direction: 'lower-better' as const };
  it('binary favourable = 1, Likert (v−1)/(k−1), reverse-coded, missing codes', () => {
    expect([1, 0, 2, 9, Number.NaN].map((v) => recodeValue(bin, v))).toEqual([1, 0, 0, Number.NaN, Number.NaN]);
    expect([1, 2, 5, 6, 2.5].map((v) => recodeValue(lik, v))).toEqual([1, 0.75, 0, Number.NaN, Number.NaN]);
    expect(
      recodeValue(
        { scale: { type: 'continuous', min: 0, max: 100, missingCodes: [] }, direction: 'higher-better' },
        130,
      ),
    ).toBe(1);
  });
  it('rescales 0 → 1, 1 → 10, 0.5 → 5.5 on fixed bounds', () => {
    expect([0, 1, 0.5, 0.2].map((x) => rescale10(x))).toEqual([1, 10, 5.5, 2.8]);
    expect(rescale10(30, 0, 60)).toBe(5.5);
  });
});

/** Tiny framework with indicators: 1.1 ← two indicators, 1.2 ← one, 2.1 ← one. */
function tinyWithIndicators() {
  const fw = structuredClone(tinyFramework());
  const ind = (code: string) => ({
    code,
    variable: `v${code}`,
    status: 'inferred' as const,
    nameEn: code,
    nameVi: code,
    direction: 'higher-better' as const,
    scale: { type: 'binary' as const, yes: [1], missingCodes: [] },
    bounds: [0, 1] as [number, number],
  });
  fw.dimensions[0]!.subdimensions[0]!.indicators = [ind('1.1.1'), ind('1.1.2')];
  fw.dimensions[0]!.subdimensions[1]!.indicators = [ind('1.2.1')];
  fw.dimensions[1]!.subdimensions[0]!.indicators = [ind('2.1.1')];
  return parseFramework(fw);
}

describe('scoreFromReplicates: every aggregation step by hand', () => {
  const fw = tinyWithIndicators();
  // domain A: x = 0.5, 1, 0, 0.2; domain B: x = 0.6, 0.6, 0.6, 0.6
  const est = Float64Array.from([0.5, 1, 0, 0.2, 0.6, 0.6, 0.6, 0.6]);
  // two replicates: A shifts +0.1 then −0.1 on every indicator; B −0.3 then +0.3
  const thetas = new Float64Array(16);
  for (let k = 0; k < 8; k++) {
    const delta = k < 4 ? 0.1 : 0.3;
    const sign = k < 4 ? 1 : -1;
    thetas[k * 2] = est[k]! + sign * delta;
    thetas[k * 2 + 1] = est[k]! - sign * delta;
  }
  thetas[0] = 0.6; // A 1.1.1
  const reps = {
    domains: ['A', 'B'],
    indicators: ['1.1.1', '1.1.2', '1.2.1', '2.1.1'],
    estimate: est,
    thetas,
    replicates: 2,
    scale: 0.5,
    rscales: [1, 1],
    mse: false,
  };
  // 1.1.2 of A at x = 1 + 0.1 is clamped to 10 in replicate 1 (fixed bounds), so its shift there is 0.
  const [a, b] = scoreFromReplicates(fw, reps);

  it('indicator → sub-dimension → dimension → total', () => {
    expect(a!.indicators['1.1.1']!.value).toBe(5.5);
    expect(a!.indicators['1.1.2']!.value).toBe(10);
    // 1.1: mean(5.5, 10) = 7.75 → published 7.75/2 = 3.875; 1.2: 1/2 = 0.5; d1 = 4.375; 2.1: 2.8; total 7.175
    expect(a!.subdimensions['1.1']!.value).toBeCloseTo(3.875, 12);
    expect(a!.subdimensions['1.2']!.value).toBeCloseTo(0.5, 12);
    expect(a!.dimensions.d1!.value).toBeCloseTo(4.375, 12);
    expect(a!.dimensions.d2!.value).toBeCloseTo(2.8, 12);
    expect(a!.total.value).toBeCloseTo(7.175, 12);
    expect(b!.total.value).toBeCloseTo(2 * 6.4, 12); // every s = 6.4 → d1 = 6.4, d2 = 6.4
  });

  it('carries the replicates through: SE² = ½ Σ (θ_r − θ̄)², interval ± 1.96 SE', () => {
    // A total: replicate 1: 1.1.1 +0.9, 1.1.2 clamped +0, 1.2.1 +0.9, 2.1.1 +0.9 → 1.1 +0.225, 1.2 +0.45, 2.1 +0.9 → +1.575
    //          replicate 2: 1.1 −0.45, 1.2 0 (x = −0.1 clamped to 0), 2.1 −0.9 → −1.35
    // θ̄ = 7.175 + 0.1125; deviations ±1.4625; SE² = ½ (2 · 1.4625²) → SE = 1.4625
    expect(a!.total.se).toBeCloseTo(1.4625, 12);
    expect(a!.total.lo).toBeCloseTo(7.175 - 1.959963984540054 * 1.4625, 10);
    expect(a!.dimensions.d2!.se).toBeCloseTo(0.9, 12);
    expect(b!.total.se).toBeCloseTo(2 * 2.7, 12); // ±2.7 on each of the two dimensions
  });

  it('ranks on the full sample and gives rank intervals from the replicate ranks', () => {
    // full: B 12.8 > A 7.175. Replicate 1: A 8.75, B 12.8 − 5.4 = 7.4 → A first; replicate 2: A 5.825, B 18.2.
    expect([a!.rank, b!.rank]).toEqual([2, 1]);
    expect(a!.rankInterval).toEqual({ lo: 1, hi: 2 });
    expect(b!.rankInterval).toEqual({ lo: 1, hi: 2 });
  });

  it('leaves a sub-dimension missing when an indicator is absent, and its dimension and total', () => {
    const [x] = scoreFromReplicates(fw, {
      ...reps,
      domains: ['A'],
      indicators: ['1.1.1', '1.1.2', '1.2.1'],
      estimate: est.slice(0, 3),
      thetas: thetas.slice(0, 6),
    });
    expect(x!.subdimensions['2.1']!.value).toBeNull();
    expect(x!.dimensions.d2!.value).toBeNull();
    expect(x!.dimensions.d1!.value).toBeCloseTo(4.375, 12);
    expect(x!.total.value).toBeNull();
  });
});

describe('runIndex on synthetic microdata (core/survey engine)', () => {
  const base = parseFramework(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../data/papi/frameworks/papi-2021-2024.json'), 'utf8')),
  );
  const { framework, items } = syntheticFramework(base);
  const input: MicrodataInput = syntheticMicrodataInput({ seed: 7, respondents: 3000, items, provinces: 12 });
  // The same seeded respondents, read directly, as an independent reference for the estimates.
  const provinces = defaultProvinceCodes(12);
  const rows = [...syntheticPapiRespondents({ seed: 7, respondents: 3000, items, provinces })];
  const run = runIndex(framework, input, { replicates: 200, seed: 11 });

  it('estimates indicators as weighted shares (checked against a direct Σw·y/Σw)', () => {
    const ind = framework.dimensions[0]!.subdimensions[0]!.indicators[0]!; // binary q001
    let num = 0;
    let den = 0;
    for (const r of rows) {
      if (r.province !== 'P03' || Number.isNaN(r.answers[0]!)) continue;
      num += r.weight * (r.answers[0] === 1 ? 1 : 0);
      den += r.weight;
    }
    const p03 = run.results.provinces.find((p) => p.domain === 'P03')!;
    expect(p03.indicators[ind.code]!.x).toBeCloseTo(num / den, 12);
    expect(p03.indicators[ind.code]!.value).toBeCloseTo(1 + (9 * num) / den, 12);
  });

  it('aggregates consistently and gives every measure an interval, every province a rank interval', () => {
    for (const p of run.results.provinces) {
      const dims = Object.values(p.dimensions).map((d) => d.value!);
      expect(dims).toHaveLength(8);
      expect(p.total.value).toBeCloseTo(
        dims.reduce((s, x) => s + x, 0),
        10,
      );
      expect(p.total.value!).toBeGreaterThanOrEqual(8);
      expect(p.total.value!).toBeLessThanOrEqual(80);
      for (const e of [
        p.total,
        ...Object.values(p.dimensions),
        ...Object.values(p.subdimensions),
        ...Object.values(p.indicators),
      ]) {
        expect(e.se!).toBeGreaterThan(0);
        expect(e.lo!).toBeLessThan(e.value!);
        expect(e.hi!).toBeGreaterThan(e.value!);
      }
      expect(p.rankInterval!.lo).toBeLessThanOrEqual(p.rank!);
      expect(p.rankInterval!.hi).toBeGreaterThanOrEqual(p.rank!);
    }
    expect(run.results.national.total.se!).toBeLessThan(Math.min(...run.results.provinces.map((p) => p.total.se!)));
    expect(run.log.length).toBeGreaterThanOrEqual(4);
  });

  it('regenerates with one parameter changed: same seed → same run, other seed → same estimates, other SEs', () => {
    const again = runIndex(framework, input, { replicates: 200, seed: 11 });
    expect(again.results).toEqual(run.results);
    const other = rerunIndex(run, input, { seed: 12 });
    expect(other.method.seed).toBe(12);
    expect(other.results.provinces[0]!.total.value).toBe(run.results.provinces[0]!.total.value);
    expect(other.results.provinces[0]!.total.se).not.toBe(run.results.provinces[0]!.total.se);
    expect(Math.abs(other.results.provinces[0]!.total.se! / run.results.provinces[0]!.total.se! - 1)).toBeLessThan(
      0.25,
    );
  });

  it('feeds ranking tables and significance through runToSeries', () => {
    const refs = provinces.map((code) => ({ code, codeSystem: 'vn2025' as const, nameVi: code, nameEn: code }));
    const set = buildFrameworkSet([base]);
    const s = runToSeries(run, { year: 2024, frameworks: set, provinces: refs, codeSystem: 'vn2025' });
    const t = rankingTable(s, 2024, 'total');
    expect(t.entries.map((e) => e.rank)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(t.entries[0]!.interval!.se).toBeGreaterThan(0);
    expect(t.approximation?.kind).toBe('microdata-reconstruction');
    const s2 = runToSeries(run, { year: 2023, frameworks: set, provinces: refs, codeSystem: 'vn2025' });
    const both = { ...s, years: [...s2.years, ...s.years] };
    const c = yearOnYearChange(both, 'P01', 'total', 2023, 2024);
    expect(c).toMatchObject({ comparable: true, delta: 0, significant: false });
  });

  it('what-if on an indicator: recomputes its sub-dimension exactly and moves the total by the same amount', () => {
    const refs = provinces.map((code) => ({ code, codeSystem: 'vn2025' as const, nameVi: code, nameEn: code }));
    const s = runToSeries(run, {
      year: 2024,
      frameworks: buildFrameworkSet([base]),
      provinces: refs,
      codeSystem: 'vn2025',
    });
    const p = run.results.provinces.find((d) => d.domain === 'P05')!;
    const old = p.indicators['2.2.1']!;
    const r = whatIfIndicators(run, s, 2024, 'P05', [{ indicator: '2.2.1', x: 1 }]);
    // 2.2 has 2 indicators in a dimension of 4 sub-dimensions: Δ published = (10 − s_old)/2/4
    const delta = (10 - old.value!) / 8;
    expect(r.subdimensions.find((x) => x.code === '2.2')!.after! - p.subdimensions['2.2']!.value!).toBeCloseTo(
      delta,
      12,
    );
    expect(r.total.after! - r.total.before!).toBeCloseTo(delta, 12);
    expect(() => whatIfIndicators(run, s, 2024, 'P05', [{ indicator: '2.2.1', x: 1.5 }])).toThrow(/\[0, 1\]/);
  });

  it('diagnoses indicators against the median and P75 of the provinces', () => {
    const d = diagnoseIndicators(run, 'P02');
    expect(d).toHaveLength(56);
    expect(d.filter((x) => x.assessment === 'strength').length).toBeGreaterThan(0);
    for (const x of d) {
      expect(x.of).toBe(12);
      if (x.assessment === 'strength') expect(x.score!).toBeGreaterThan(x.p75!);
      if (x.assessment === 'weakness') expect(x.score!).toBeLessThan(x.nationalMedian!);
    }
  });

  it('rejects data without any framework variable', () => {
    expect(() => runIndex(base, { ...input, columns: new Map() })).toThrow(
      /none of the framework's indicator variables/,
    );
  });
});
