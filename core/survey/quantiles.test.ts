import { describe, expect, it } from 'vitest';
import { R_QNORM, R_QT } from './__fixtures__/r-quantiles.js';
import { normalQuantile, studentCdf, studentQuantile } from './quantiles.js';

describe('quantiles against R', () => {
  it.each(R_QT)('qt(%s, %s) = %s', (p, df, q) => {
    // Right next to p = 0.5 R's own value carries the rounding of p − 0.5 (≈1e-9 relative); 1e-12 elsewhere.
    const tol = p - 0.5 < 1e-3 ? 1e-8 : 1e-12;
    expect(Math.abs(studentQuantile(p, df) - q)).toBeLessThanOrEqual(tol * Math.abs(q));
    expect(Math.abs(studentQuantile(1 - p, df) + q)).toBeLessThanOrEqual(1e-9 * Math.abs(q) + 1e-12);
  });
  it.each(R_QNORM)('qnorm(%s) = %s', (p, q) => {
    expect(Math.abs(normalQuantile(p) - q)).toBeLessThanOrEqual(1e-14 * Math.abs(q));
  });
  it('inverts the t CDF and handles the edges', () => {
    expect(studentCdf(studentQuantile(0.975, 7), 7)).toBeCloseTo(0.975, 14);
    expect(studentQuantile(0.975, Number.POSITIVE_INFINITY)).toBe(normalQuantile(0.975));
    expect(studentQuantile(0.975, 0)).toBeNaN();
    expect(studentQuantile(0.5, 10)).toBe(0);
  });
});
