import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFramework } from '../index/framework.js';
import { checkForm, validateResponse } from './form.js';
import { computeResults, indicatorDefinitions, type ResponseRecord } from './results.js';
import { drawSample, type VillageFrameRow } from './sampling.js';
import { syntheticResponses } from './synthetic.js';
import { PAPI_PULSE, SIPAS_SERVICES, TEMPLATES } from './templates.js';

const framework = parseFramework(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../data/papi/frameworks/papi-2021-2024.json'), 'utf8')),
);

function campaign(seed: number): ResponseRecord[] {
  const villages: VillageFrameRow[] = Array.from({ length: 24 }, (_, i) => ({
    code: `V${i + 1}`,
    name: null,
    population: 200 + ((i * 137) % 400),
    stratum: i < 12 ? 'A' : 'B',
  }));
  const s = drawSample(villages, null, { villages: 10, residentsPerVillage: 25, seed });
  return syntheticResponses(
    PAPI_PULSE,
    s.members.map((m) => ({ stratum: m.stratum, cluster: m.psu, weight: m.weight })),
    seed,
  );
}

describe('templates', () => {
  it('are valid forms; the pulse covers every sub-dimension of all 8 dimensions', () => {
    for (const t of TEMPLATES) expect(checkForm(t.form), t.key).toEqual([]);
    const defs = indicatorDefinitions(PAPI_PULSE, framework);
    const subs = new Set([...defs.keys()].map((c) => c.split('.').slice(0, 2).join('.')));
    const all = framework.dimensions.flatMap((d) => d.subdimensions.map((s) => s.code));
    expect(all.filter((s) => !subs.has(s))).toEqual([]);
    // every official indicator of the framework is asked
    const official = framework.dimensions.flatMap((d) =>
      d.subdimensions.flatMap((s) => s.indicators.map((i) => i.code)),
    );
    expect(official.filter((c) => !defs.has(c))).toEqual([]);
    expect([...defs.values()].filter((d) => d.local).map((d) => d.def.code)).toEqual(['3.1.p1', '3.2.p1', '3.3.p1']);
    expect(indicatorDefinitions(SIPAS_SERVICES, framework).size).toBe(2);
  });
});

describe('campaign results', () => {
  const responses = campaign(11);

  it('synthetic responses are valid', () => {
    for (const r of responses.slice(0, 50)) expect(validateResponse(PAPI_PULSE, r.answers).errors).toEqual([]);
  });

  it('weighted proportions equal Σw·1[x=c]/Σw over the answering respondents', () => {
    const res = computeResults(PAPI_PULSE, responses, framework, null, { replicates: 50 });
    const cell = res.estimates.find((e) => e.domain === '' && e.variable === 'q1_1_1=1')!;
    let num = 0;
    let den = 0;
    for (const r of responses) {
      const v = r.answers.q1_1_1;
      if (v === undefined) continue;
      den += r.weight!;
      if (v === '1') num += r.weight!;
    }
    expect(cell.estimate).toBeCloseTo(num / den, 12);
    expect(cell.n).toBe(responses.filter((r) => r.answers.q1_1_1 !== undefined).length);
    // the indicator column is the same share (binary yes = 1)
    const ind = res.estimates.find((e) => e.domain === '' && e.indicator === '1.1.1')!;
    expect(ind.estimate).toBeCloseTo(num / den, 12);
    // lower-better indicator reversed: 4.1.1 = share who DISAGREE
    const agree = res.estimates.find((e) => e.domain === '' && e.variable === 'q4_1_1=1')!;
    const ind411 = res.estimates.find((e) => e.domain === '' && e.indicator === '4.1.1')!;
    expect(ind411.estimate! + agree.estimate!).toBeCloseTo(1, 12);
  });

  it('scores all 8 dimensions on PAPI scales and compares with the official score', () => {
    const official = {
      year: 2024,
      provinceCode: '33',
      subdimensions: {},
      dimensions: { d1: 5.1, d2: 5.5, d3: 4.4, d4: 6.6, d5: 7.3, d6: 7.4, d7: 3.6, d8: 4.2 },
      total: 44.1,
    };
    const res = computeResults(PAPI_PULSE, responses, framework, official, { replicates: 100 });
    const overall = res.papi!.byDomain[0]!;
    expect(overall.dimensions.map((d) => d.code)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8']);
    for (const d of overall.dimensions) {
      expect(d.value).not.toBeNull();
      expect(d.value!).toBeGreaterThanOrEqual(1);
      expect(d.value!).toBeLessThanOrEqual(10);
      expect(d.lo!).toBeLessThan(d.value!);
      expect(d.difference).toBeCloseTo(d.value! - d.official!, 12);
      expect(d.differs).toBe(d.official! < d.lo! || d.official! > d.hi!);
    }
    // dimension = Σ its sub-dimensions on the published scale
    const d1 = overall.subdimensions.filter((s) => s.code.startsWith('1.')).reduce((a, s) => a + s.value!, 0);
    expect(overall.dimensions[0]!.value).toBeCloseTo(d1, 10);
    expect(overall.total.value).toBeCloseTo(
      overall.dimensions.reduce((a, d) => a + d.value!, 0),
      10,
    );
  });

  it('suppresses cells under 30 respondents and flags a CV above 30%', () => {
    // Keep only 20 respondents answering 'khac' (other): that domain falls under the threshold.
    let khac = 0;
    const few = responses.filter((r) => r.answers.gioi_tinh !== 'khac' || ++khac <= 20);
    const res = computeResults(PAPI_PULSE, few, framework, null, { domain: 'gioi_tinh', replicates: 50 });
    expect(
      res
        .papi!.byDomain.find((d) => d.domain === 'khac')!
        .dimensions.every((d) => d.status === 'suppressed' && d.value === null),
    ).toBe(true);
    const small = res.estimates.filter((e) => e.n < 30);
    expect(small.length).toBeGreaterThan(0);
    for (const e of small) {
      expect(e.status).toBe('suppressed');
      expect(e.estimate).toBeNull();
    }
    const flagged = res.estimates.filter((e) => e.status === 'flagged');
    expect(flagged.length).toBeGreaterThan(0);
    for (const e of flagged) expect(e.cv!).toBeGreaterThan(0.3);
    for (const e of res.estimates.filter((x) => x.status === 'ok')) expect(e.cv === null || e.cv <= 0.3).toBe(true);
    expect(res.domains).toEqual(['', 'nam', 'nu', 'khac']);
  });
});
