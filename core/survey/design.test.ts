import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { logitInterval, tInterval, wilsonInterval } from './confidence-interval.js';
import { surveyDesign } from './design.js';
import { dictionaryEncode } from './dictionary-encode.js';
import { domainCells } from './domain-cells.js';
import { domainMeans } from './domain-mean.js';
import { estimateByDomain } from './estimate.js';

describe('surveyDesign', () => {
  it('nests PSU ids in strata and counts R degf', () => {
    const d = surveyDesign({
      weights: new Float64Array(6).fill(1),
      strata: Int32Array.from([0, 0, 0, 1, 1, 1]),
      clusters: Int32Array.from([1, 2, 2, 1, 2, 3]), // PSU 1 of stratum 0 ≠ PSU 1 of stratum 1
    });
    expect(d.nPsu).toBe(5);
    expect(Array.from(d.psuCountOfStratum)).toEqual([2, 3]);
    expect(d.degf).toBe(3);
  });

  it('rejects negative weights, fpc that varies in a stratum or is below the sample, and lonely PSUs by default', () => {
    expect(() => surveyDesign({ weights: Float64Array.from([1, -1]) })).toThrow(InputError);
    expect(() => surveyDesign({ weights: new Float64Array(2).fill(1), fpc: Float64Array.from([10, 11]) })).toThrow(
      /fpc differs/,
    );
    expect(() => surveyDesign({ weights: new Float64Array(3).fill(1), fpc: Float64Array.from([2, 2, 2]) })).toThrow(
      /smaller than/,
    );
    const lonely = {
      weights: new Float64Array(3).fill(1),
      strata: Int32Array.from([0, 0, 1]),
      stratumLabels: ['a', 'b'],
    };
    expect(() => surveyDesign(lonely)).toThrow(/stratum b has only one PSU/);
    expect(surveyDesign({ ...lonely, lonelyPsu: 'certainty' }).degf).toBe(1);
  });
});

describe('hand-worked example', () => {
  it('weighted mean and its with-replacement variance for an unstratified sample of 4', () => {
    // x = 1, 2, 3, 4 with weights 1, 1, 2, 2: mean = (1+2+6+8)/6 = 17/6;
    // z_i = w_i (x_i − x̄)/Σw, V = n/(n − 1) Σ z_i² (one stratum, each row a PSU, Σ z = 0).
    const x = Float64Array.from([1, 2, 3, 4]);
    const w = Float64Array.from([1, 1, 2, 2]);
    const d = surveyDesign({ weights: w });
    const est = domainMeans(d, domainCells(d), x);
    const m = 17 / 6;
    const z = [0, 1, 2, 3].map((i) => (w[i]! * (x[i]! - m)) / 6);
    expect(est.estimate[0]).toBeCloseTo(m, 15);
    expect(est.variance[0]).toBeCloseTo((4 / 3) * z.reduce((a, b) => a + b * b, 0), 15);
  });
});

describe('intervals', () => {
  it('t, logit and Wilson intervals behave at the edges', () => {
    const t = tInterval(10, 1, Number.POSITIVE_INFINITY);
    expect(t.high - 10).toBeCloseTo(1.959963984540054, 12);
    expect(logitInterval(0, 0, 10)).toEqual({ low: 0, high: 0 });
    const w = wilsonInterval(0, 0, Number.POSITIVE_INFINITY, 0.95, 20); // n* falls back to the row count
    expect(w.low).toBe(0);
    expect(w.high).toBeCloseTo(0.16112515999, 8); // Wilson upper bound for 0/20
  });
});

describe('estimateByDomain', () => {
  it('names categories, excludes rows without a domain, and sorts domains in Vietnamese order', () => {
    const by = dictionaryEncode(['Huế', 'An Giang', 'Đà Nẵng', null, 'Huế', 'An Giang', 'Đà Nẵng', 'Huế']);
    const cat = dictionaryEncode(['a', 'b', 'a', 'a', 'b', 'b', 'a', null]);
    const d = surveyDesign({ weights: new Float64Array(8).fill(1) });
    const rows = estimateByDomain({ design: d, domain: by, categorical: [{ name: 'c', ...cat }] });
    expect(rows.map((r) => `${r.by}:${r.variable}`)).toEqual([
      'An Giang:c=a',
      'An Giang:c=b',
      'Đà Nẵng:c=a',
      'Đà Nẵng:c=b',
      'Huế:c=a',
      'Huế:c=b',
    ]);
    expect(rows.find((r) => r.by === 'Huế' && r.variable === 'c=b')).toMatchObject({ estimate: 0.5, n: 2 });
  });
});
