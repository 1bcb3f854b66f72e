/**
 * Agreement with R survey 4.1.1 on every committed fixture (scripts/r/make-survey-fixtures.R):
 * point estimates, linearised SEs, design effects, intervals and replicate SEs to 1e-8 relative.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { logitInterval, tInterval, wilsonInterval } from './confidence-interval.js';
import { surveyDesign } from './design.js';
import { dictionaryEncode } from './dictionary-encode.js';
import { domainCells } from './domain-cells.js';
import { domainMeans } from './domain-mean.js';
import { domainProportions } from './domain-proportions.js';
import { domainRatios } from './domain-ratio.js';
import { domainTotals } from './domain-total.js';
import { jackknifeFactors } from './jackknife-factors.js';
import { replicateDomainEstimates } from './replicate-estimates.js';
import { type ReplicateFactors, replicateFactorsFromWeights } from './replicate-factors.js';
import type { DomainEstimates, LonelyPsuPolicy, SurveyDesign } from './types.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');

interface ResultRow {
  statistic: 'mean' | 'total' | 'ratio' | 'proportion';
  variable: string;
  domain: string;
  estimate: number | null;
  se: number | null;
  deff: number | null;
}
interface IntervalRow {
  kind: 't' | 'logit' | 'wilson';
  variable: string;
  domain: string;
  level: number;
  df: number | 'Inf';
  estimate: number;
  se: number;
  low: number;
  high: number;
}
interface Fixture {
  case: string;
  data: Record<string, (number | string | null)[]>;
  design: {
    strata?: string;
    cluster?: string;
    weight: string;
    fpc?: string;
    by: string;
    categorical: string;
    lonely: LonelyPsuPolicy;
    adjustDomainLonely?: boolean;
  };
  degf: number;
  results?: ResultRow[];
  intervals?: IntervalRow[];
  replicates?: {
    type: string;
    scale: number;
    rscales: number[];
    mse: boolean;
    replicates: number;
    weights?: number[][];
    results: ResultRow[];
  }[];
  r_failed?: boolean;
}

const fixtures: Fixture[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture);

const numeric = (col: (number | string | null)[]) =>
  Float64Array.from(col, (v) => (v === null ? Number.NaN : Number(v)));

/** |ours − R| ≤ 1e-8·|R| (plus 1e-13·scale so that R's exact zeros match our 1e-17s). */
function expectClose(ours: number, r: number, scale: number, what: string): void {
  const tol = 1e-8 * Math.abs(r) + 1e-13 * Math.max(1, Math.abs(scale));
  if (!(Math.abs(ours - r) <= tol)) {
    throw new Error(`${what}: ours ${ours}, R ${r}, relative ${Math.abs(ours - r) / Math.abs(r)}`);
  }
}

function build(fx: Fixture): { design: SurveyDesign; by: ReturnType<typeof dictionaryEncode> } {
  const d = fx.design;
  const strata = d.strata ? dictionaryEncode(fx.data[d.strata]!) : undefined;
  return {
    design: surveyDesign({
      weights: numeric(fx.data[d.weight]!),
      strata: strata?.codes,
      stratumLabels: strata?.labels,
      clusters: d.cluster ? dictionaryEncode(fx.data[d.cluster]!).codes : undefined,
      fpc: d.fpc ? numeric(fx.data[d.fpc]!) : undefined,
      lonelyPsu: d.lonely,
      adjustDomainLonely: d.adjustDomainLonely ?? false,
    }),
    by: dictionaryEncode(fx.data[d.by]!),
  };
}

/** Our linearised estimates for one R result block (statistic + variable), by domain or whole sample. */
function ours(fx: Fixture, design: SurveyDesign, domain: Int32Array | undefined, nd: number, row: ResultRow) {
  const cells = domainCells(design, domain, nd);
  if (row.statistic === 'mean') return domainMeans(design, cells, numeric(fx.data[row.variable]!));
  if (row.statistic === 'total') return domainTotals(design, cells, numeric(fx.data[row.variable]!));
  if (row.statistic === 'ratio') {
    const [y, x] = row.variable.split('/') as [string, string];
    return domainRatios(design, cells, numeric(fx.data[y]!), numeric(fx.data[x]!));
  }
  const [name, level] = row.variable.split('=') as [string, string];
  const cat = dictionaryEncode(fx.data[name]!);
  return domainProportions(design, cells, cat.codes, cat.labels.length)[cat.labels.indexOf(level)]!;
}

describe.each(fixtures.map((f) => [f.case, f] as const))('R survey fixture %s', (_name, fx) => {
  if (fx.r_failed !== undefined) {
    it('refuses a lonely PSU under the default policy, as R does', () => {
      expect(fx.r_failed).toBe(true);
      expect(() => build(fx)).toThrow(InputError);
      expect(() => build(fx)).toThrow(/stratum S2 has only one PSU/);
    });
    return;
  }
  const { design, by } = build(fx);

  it('has R degrees of freedom', () => {
    expect(design.degf).toBe(fx.degf);
  });

  it('matches svyby / svymean / svytotal / svyratio estimates, linearised SEs and deff', () => {
    const cache = new Map<string, DomainEstimates>();
    let checked = 0;
    for (const row of fx.results ?? []) {
      const whole = row.domain === '';
      const key = `${row.statistic}|${row.variable}|${whole}`;
      let est = cache.get(key);
      if (!est) {
        est = whole ? ours(fx, design, undefined, 1, row) : ours(fx, design, by.codes, by.labels.length, row);
        cache.set(key, est);
      }
      const d = whole ? 0 : by.labels.indexOf(row.domain);
      const what = `${row.statistic} ${row.variable} [${row.domain}]`;
      expect(d, what).toBeGreaterThanOrEqual(0);
      if (est.n[d] === 0) {
        // No row left (e.g. the one respondent of the domain skipped the item): R reports 0/0 as 0 or NA,
        // we report NaN — nothing was estimated.
        expect(Number.isNaN(est.estimate[d]!), what).toBe(true);
        expect(row.estimate === null || (row.estimate === 0 && row.se === 0), what).toBe(true);
        continue;
      }
      expectClose(est.estimate[d]!, row.estimate!, row.estimate!, `${what} estimate`);
      if (row.se === null) {
        expect(Number.isNaN(est.variance[d]!), `${what} se is NA in R`).toBe(true);
        continue;
      }
      expectClose(Math.sqrt(est.variance[d]!), row.se, row.estimate!, `${what} se`);
      // deff is 0/0 noise when the SE is 0 up to rounding (R then prints NaN or 1e+31).
      const seIsZero = row.se <= 1e-12 * Math.max(1, Math.abs(row.estimate!));
      // With one row the SRS variance has n − 1 = 0 in a denominator: R returns 0 or NaN by rounding, we NaN.
      if (est.n[d]! < 2) expect(Number.isNaN(est.deff[d]!), `${what} deff`).toBe(true);
      else if (row.deff !== null && !seIsZero) expectClose(est.deff[d]!, row.deff, 1, `${what} deff`);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  if (fx.intervals) {
    it('matches confint(df = degf), svyciprop(method = "logit") and the Wilson reference', () => {
      for (const iv of fx.intervals!) {
        const df = iv.df === 'Inf' ? Number.POSITIVE_INFINITY : iv.df;
        const ci =
          iv.kind === 't'
            ? tInterval(iv.estimate, iv.se, df, iv.level)
            : iv.kind === 'logit'
              ? logitInterval(iv.estimate, iv.se, df, iv.level)
              : wilsonInterval(iv.estimate, iv.se, df, iv.level);
        // svyciprop's logit interval comes from an IRLS fit; it still agrees to ~2e-10.
        const tol = 1e-8;
        const what = `${iv.kind} ${iv.variable} [${iv.domain}] level ${iv.level} df ${iv.df}`;
        expect(Math.abs(ci.low - iv.low), what).toBeLessThanOrEqual(tol * Math.abs(iv.low) + 1e-14);
        expect(Math.abs(ci.high - iv.high), what).toBeLessThanOrEqual(tol * Math.abs(iv.high) + 1e-14);
      }
    });
  }

  for (const rep of fx.replicates ?? []) {
    it(`matches replicate SEs (${rep.type}, ${rep.replicates} replicates${rep.weights ? ", R's weights" : ''})`, () => {
      let rf: ReplicateFactors;
      if (rep.weights) {
        rf = replicateFactorsFromWeights(
          design,
          rep.weights.map((w) => Float64Array.from(w)),
          { scale: rep.scale, rscales: rep.rscales, mse: rep.mse },
        );
        expect(rf.unit).toBe('psu'); // bootstrap weights are constant within PSU
      } else {
        rf = jackknifeFactors(design);
        expect(rf.type).toBe(rep.type);
        expect(rf.replicates).toBe(rep.replicates);
        expectClose(rf.scale, rep.scale, 1, 'scale');
        const a = Array.from(rf.rscales).sort((p, q) => p - q);
        const b = [...rep.rscales].sort((p, q) => p - q);
        for (let i = 0; i < a.length; i++) expectClose(a[i]!, b[i]!, 1, 'rscales');
      }
      const cells = domainCells(design, by.codes, by.labels.length, rf.unit);
      let checked = 0;
      for (const row of rep.results) {
        if (row.se === null || row.estimate === null) continue; // R: no replicate left for an empty domain
        const ratio = row.statistic === 'ratio';
        const [y, x] = row.variable.split('/') as [string, string];
        const res = replicateDomainEstimates(design, cells, [numeric(fx.data[y]!)], rf, {
          statistic: row.statistic === 'total' ? 'total' : 'mean',
          denominators: ratio ? [numeric(fx.data[x]!)] : undefined,
        });
        const d = by.labels.indexOf(row.domain);
        const what = `${rep.type} ${row.statistic} ${row.variable} [${row.domain}]`;
        expectClose(res.estimate[d]!, row.estimate!, row.estimate!, `${what} estimate`);
        expectClose(Math.sqrt(res.variance[d]!), row.se, row.estimate!, `${what} se`);
        checked++;
      }
      expect(checked).toBeGreaterThan(5);
    });
  }
});
