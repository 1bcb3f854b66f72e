import { describe, expect, it } from 'vitest';
import { raoWuBootstrapFactors } from './bootstrap-factors.js';
import { surveyDesign } from './design.js';
import { domainCells } from './domain-cells.js';
import { domainMeans } from './domain-mean.js';
import { jackknifeFactors } from './jackknife-factors.js';
import { replicateDomainEstimates } from './replicate-estimates.js';
import { replicateFactorsFromWeights, rowReplicateWeights } from './replicate-factors.js';
import { replicateVariance } from './replicate-variance.js';

// 3 strata with 2, 3 and 4 PSUs of 2 rows each.
const psus = [2, 3, 4];
const strata: number[] = [];
const clusters: number[] = [];
psus.forEach((n, h) => {
  for (let j = 0; j < n; j++) {
    strata.push(h, h);
    clusters.push(j, j);
  }
});
const n = strata.length;
const design = surveyDesign({
  weights: Float64Array.from({ length: n }, (_, i) => 1 + (i % 5)),
  strata: Int32Array.from(strata),
  clusters: Int32Array.from(clusters),
});
const y = Float64Array.from({ length: n }, (_, i) => (i * 7) % 11);

describe('Rao–Wu bootstrap factors', () => {
  it('are reproducible by seed and rescale each stratum to n_h', () => {
    const a = raoWuBootstrapFactors(design, 50, 42);
    const b = raoWuBootstrapFactors(design, 50, 42);
    const c = raoWuBootstrapFactors(design, 50, 43);
    expect(a.factors).toEqual(b.factors);
    expect(a.factors).not.toEqual(c.factors);
    expect(a.scale).toBeCloseTo(1 / 49, 15);
    for (let r = 0; r < 50; r++) {
      let p = 0;
      psus.forEach((nh) => {
        let sum = 0;
        for (let j = 0; j < nh; j++) {
          const f = a.factors[r * design.nPsu + p + j]!;
          // a = m · n/(n − 1) with m whole
          expect(Math.abs((f * (nh - 1)) / nh - Math.round((f * (nh - 1)) / nh))).toBeLessThan(1e-12);
          sum += f;
        }
        expect(sum).toBeCloseTo(nh, 12);
        p += nh;
      });
    }
  });

  it('give a variance close to the linearised one with many replicates', () => {
    const cells = domainCells(design);
    const lin = domainMeans(design, cells, y).variance[0]!;
    const rep = replicateDomainEstimates(design, cells, [y], raoWuBootstrapFactors(design, 20000, 1)).variance[0]!;
    expect(rep / lin).toBeGreaterThan(0.9);
    expect(rep / lin).toBeLessThan(1.1);
  });
});

describe('jackknife factors', () => {
  it('JKn: one replicate per PSU, n_h/(n_h − 1) in the stratum, and the JKn variance of a total', () => {
    const jk = jackknifeFactors(design);
    expect(jk.type).toBe('JKn');
    expect(jk.replicates).toBe(9);
    expect(Array.from(jk.rscales)).toEqual([1 / 2, 1 / 2, 2 / 3, 2 / 3, 2 / 3, 3 / 4, 3 / 4, 3 / 4, 3 / 4]);
    // For a total the JKn variance equals the linearised one exactly (Wolter 2007, §4.5).
    const cells = domainCells(design);
    const rep = replicateDomainEstimates(design, cells, [y], jk, { statistic: 'total' }).variance[0]!;
    let lin = 0;
    let p = 0;
    for (const nh of psus) {
      const t: number[] = [];
      for (let j = 0; j < nh; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) if (design.psuOfRow[i] === p + j) s += design.weights[i]! * y[i]!;
        t.push(s);
      }
      const m = t.reduce((a, b) => a + b, 0) / nh;
      lin += (nh / (nh - 1)) * t.reduce((a, b) => a + (b - m) ** 2, 0);
      p += nh;
    }
    expect(rep).toBeCloseTo(lin, 6);
  });

  it('JK1 for an unstratified design', () => {
    const d = surveyDesign({ weights: new Float64Array(6).fill(2), clusters: Int32Array.from([0, 0, 1, 1, 2, 2]) });
    const jk = jackknifeFactors(d);
    expect(jk.type).toBe('JK1');
    expect(jk.scale).toBeCloseTo(2 / 3, 15);
    expect(Array.from(jk.factors.subarray(0, 3))).toEqual([0, 1.5, 1.5]);
  });
});

describe('replicate weights export and import', () => {
  it('round-trips to the same factors (PSU unit) and detects row-level weights', () => {
    const rf = raoWuBootstrapFactors(design, 10, 5);
    const weights = Array.from({ length: 10 }, () => new Float64Array(n));
    const buf = new Float64Array(10);
    for (let i = 0; i < n; i++) {
      rowReplicateWeights(design, rf, i, buf);
      for (let r = 0; r < 10; r++) weights[r]![i] = buf[r]!;
    }
    const back = replicateFactorsFromWeights(design, weights, { scale: rf.scale });
    expect(back.unit).toBe('psu');
    for (let k = 0; k < rf.factors.length; k++) expect(back.factors[k]).toBeCloseTo(rf.factors[k]!, 14);
    weights[0]![0] = weights[0]![0]! * 1.5; // no longer constant within PSU 0
    const rows = replicateFactorsFromWeights(design, weights, { scale: rf.scale });
    expect(rows.unit).toBe('row');
    const cells = domainCells(design, undefined, 1, 'row');
    expect(Number.isFinite(replicateDomainEstimates(design, cells, [y], rows).variance[0])).toBe(true);
  });
});

describe('replicateVariance (R svrVar)', () => {
  it('centres at the replicate mean, or the full estimate with mse, and drops NaN replicates', () => {
    expect(replicateVariance([1, 2, 3], 0.5, [1, 1, 1])).toBeCloseTo(0.5 * 2, 15);
    expect(replicateVariance([1, 2, 3], 1, [1, 1, 1], true, 0)).toBeCloseTo(14, 15);
    expect(replicateVariance([1, Number.NaN, 3], 1, [1, 1, 1])).toBeCloseTo(2, 15);
    expect(replicateVariance([Number.NaN], 1, [1])).toBeNaN();
  });
});
