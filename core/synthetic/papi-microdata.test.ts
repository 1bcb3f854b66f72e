import { describe, expect, it } from 'vitest';
import { syntheticItemNames, syntheticPapiRespondents } from './papi-microdata.js';

describe('synthetic PAPI microdata', () => {
  it('is deterministic by seed, nests PSUs in strata in provinces, and has item non-response', () => {
    const a = [...syntheticPapiRespondents({ seed: 3, respondents: 2000, items: 10 })];
    const b = [...syntheticPapiRespondents({ seed: 3, respondents: 2000, items: 10 })];
    const c = [...syntheticPapiRespondents({ seed: 4, respondents: 2000, items: 10 })];
    expect(a).toHaveLength(2000);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a.map((r) => r.province)).size).toBe(34);
    expect(new Set(a.map((r) => r.stratum)).size).toBe(68);
    for (const r of a) expect(r.stratum.startsWith(r.province)).toBe(true);
    const missing = a.reduce((s, r) => s + r.answers.filter(Number.isNaN).length, 0);
    expect(missing / (2000 * 10)).toBeGreaterThan(0.01);
    expect(a.every((r) => r.weight > 0)).toBe(true);
    expect(syntheticItemNames(3)).toEqual(['q001', 'q002', 'q003']);
  });
});
