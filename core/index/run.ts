/**
 * An index run from respondent microdata, COINr-style: one object holding the framework, a summary of the
 * data, the method (every parameter), a method log and the results, so the run can be regenerated with one
 * parameter changed (`rerunIndex(run, input, { seed: 7 })`).
 *
 * Pipeline: recode every indicator of the framework present in the data (recode.ts) → design-based weighted
 * estimate per province and nationally with Rao–Wu bootstrap replicates (core/survey: surveyDesign,
 * domainCells, raoWuBootstrapFactors, replicateDomainEstimates) → scoreFromReplicates (rescale 1 + 9x on
 * fixed bounds, aggregate to sub-dimension, dimension and total on PAPI's scales; SE, 95% interval and rank
 * interval from the same replicates).
 */
import { InputError } from '../errors.js';
import { raoWuBootstrapFactors } from '../survey/bootstrap-factors.js';
import { surveyDesign } from '../survey/design.js';
import { domainCells } from '../survey/domain-cells.js';
import { replicateDomainEstimates } from '../survey/replicate-estimates.js';
import type { LonelyPsuPolicy } from '../survey/types.js';
import type { Framework, FrameworkSet } from './framework.js';
import { subdimensionsOf } from './framework.js';
import { groupOf, rankAmong, thresholds } from './groups.js';
import type { CodeSystem, ProvinceRef } from './provinces.js';
import { recodeColumn, rescale10 } from './recode.js';
import type { DomainScores } from './scoring.js';
import { scoreFromReplicates } from './scoring.js';
import type { Interval, ProvinceYearScores, ScoreSeries } from './series.js';
import { aggregateProvinceYear } from './series.js';
import type { WhatIfChange, WhatIfResult } from './whatif.js';
import { whatIf } from './whatif.js';

export interface MicrodataInput {
  /** Raw answers by microdata variable name (the framework's `indicator.variable`), NaN = missing. */
  columns: ReadonlyMap<string, Float64Array>;
  /** Province of each respondent: codes into `labels`. */
  province: { codes: Int32Array; labels: readonly string[] };
  weights: Float64Array;
  strata?: Int32Array;
  clusters?: Int32Array;
}

export interface ScoringMethod {
  /** Bootstrap replicates (Rao–Wu, m_h = n_h − 1). */
  replicates: number;
  seed: number;
  level: number;
  lonelyPsu: LonelyPsuPolicy;
  normalisation: 'fixed-bounds-1+9x';
  interval: 'replicate-se-normal';
  rankInterval: 'replicate-rank-quantiles';
}

export const DEFAULT_METHOD: ScoringMethod = {
  replicates: 1000,
  seed: 20250701,
  level: 0.95,
  lonelyPsu: 'adjust',
  normalisation: 'fixed-bounds-1+9x',
  interval: 'replicate-se-normal',
  rankInterval: 'replicate-rank-quantiles',
};

export interface IndexRun {
  kind: 'openpapi.index-run/1';
  framework: Framework;
  method: ScoringMethod;
  data: {
    respondents: number;
    provinces: string[];
    indicatorsUsed: string[];
    indicatorsMissing: string[];
    subdimensionsMissing: string[];
  };
  /** What was done, in order, in plain English. */
  log: string[];
  results: { provinces: DomainScores[]; national: DomainScores };
}

export function runIndex(framework: Framework, input: MicrodataInput, method: Partial<ScoringMethod> = {}): IndexRun {
  const m: ScoringMethod = { ...DEFAULT_METHOD, ...method };
  const log: string[] = [];
  const n = input.weights.length;
  if (input.province.codes.length !== n)
    throw new InputError(`province has ${input.province.codes.length} rows, weights has ${n}`);
  if (!(m.replicates >= 2)) throw new InputError('at least 2 replicates are needed', { path: ['replicates'] });

  const used: string[] = [];
  const missing: string[] = [];
  const variables: Float64Array[] = [];
  for (const sub of subdimensionsOf(framework))
    for (const ind of sub.indicators) {
      const raw = input.columns.get(ind.variable);
      if (!raw) {
        missing.push(ind.code);
        continue;
      }
      if (raw.length !== n) throw new InputError(`column ${ind.variable} has ${raw.length} rows, expected ${n}`);
      used.push(ind.code);
      variables.push(recodeColumn(ind, raw));
    }
  if (used.length === 0)
    throw new InputError(
      `none of the framework's indicator variables is in the data (${framework.id} expects e.g. ${subdimensionsOf(
        framework,
      )
        .flatMap((s) => s.indicators.map((i) => i.variable))
        .slice(0, 3)
        .join(', ')})`,
    );
  log.push(
    `framework ${framework.id}: ${used.length} indicators recoded to [0, 1] (binary yes → 1; Likert (v − 1)/(k − 1); lower-better reversed)` +
      (missing.length > 0 ? `; ${missing.length} indicators not in the data: ${missing.join(', ')}` : ''),
  );
  const subsMissing = subdimensionsOf(framework)
    .filter((s) => s.indicators.length === 0 || s.indicators.some((i) => missing.includes(i.code)))
    .map((s) => s.code);
  if (subsMissing.length > 0)
    log.push(
      `sub-dimensions without (all) indicators, left missing with their dimension and the total: ${subsMissing.join(', ')}`,
    );

  const design = surveyDesign({
    weights: input.weights,
    strata: input.strata,
    clusters: input.clusters,
    lonelyPsu: m.lonelyPsu,
  });
  log.push(
    `design: ${n} respondents, ${design.nStrata} strata, ${design.nPsu} PSUs, weights; lonely PSU policy "${m.lonelyPsu}"`,
  );
  const rf = raoWuBootstrapFactors(design, m.replicates, m.seed);
  log.push(`Rao–Wu bootstrap: ${m.replicates} replicates, seed ${m.seed}`);

  const estimate = (domain: Int32Array | undefined, nDomains: number) => {
    const cells = domainCells(design, domain, nDomains);
    const est = replicateDomainEstimates(design, cells, variables, rf, { keepReplicates: true });
    const counts = new Int32Array(nDomains * variables.length);
    for (let v = 0; v < variables.length; v++) {
      const x = variables[v]!;
      for (let i = 0; i < n; i++) {
        const d = domain ? domain[i]! : 0;
        if (d >= 0 && !Number.isNaN(x[i]!)) counts[d * variables.length + v]!++;
      }
    }
    return { est, counts };
  };
  const labels = [...input.province.labels];
  const prov = estimate(input.province.codes, labels.length);
  const nat = estimate(undefined, 1);
  log.push(
    'weighted indicator estimates (Σw·y/Σw) per province and nationally, for the full sample and every replicate',
  );
  const base = { indicators: used, replicates: m.replicates, scale: rf.scale, rscales: rf.rscales, mse: rf.mse };
  const provinces = scoreFromReplicates(
    framework,
    { ...base, domains: labels, estimate: prov.est.estimate, thetas: prov.est.thetas!, n: prov.counts },
    { level: m.level },
  );
  const [national] = scoreFromReplicates(
    framework,
    { ...base, domains: ['national'], estimate: nat.est.estimate, thetas: nat.est.thetas!, n: nat.counts },
    { level: m.level, rankDomains: [] },
  );
  log.push(
    `scores: 1 + 9x on fixed bounds; sub-dimension = mean of its indicators (÷ n for the published scale); dimension = Σ sub-dimensions; total = Σ dimensions; ${Math.round(m.level * 100)}% intervals = estimate ± z·SE (replicate SE); rank intervals from replicate ranks`,
  );
  return {
    kind: 'openpapi.index-run/1',
    framework,
    method: m,
    data: {
      respondents: n,
      provinces: labels,
      indicatorsUsed: used,
      indicatorsMissing: missing,
      subdimensionsMissing: subsMissing,
    },
    log,
    results: { provinces, national: national! },
  };
}

/** Regenerate a run with some method parameters changed (the data must be the same input). */
export function rerunIndex(run: IndexRun, input: MicrodataInput, change: Partial<ScoringMethod>): IndexRun {
  return runIndex(run.framework, input, { ...run.method, ...change });
}

/**
 * The run's provincial results as a ScoreSeries for one year, so ranking tables, groups, diagnosis and
 * what-if work on it; every measure carries its interval (so year-on-year significance can be judged).
 * Province labels of the data must be codes of `provinces`.
 */
export function runToSeries(
  run: IndexRun,
  ctx: { year: number; frameworks: FrameworkSet; provinces: readonly ProvinceRef[]; codeSystem: CodeSystem },
): ScoreSeries {
  const fw = run.framework;
  const byCode = new Map(run.results.provinces.map((p) => [p.domain, p]));
  for (const code of byCode.keys())
    if (!ctx.provinces.some((p) => p.code === code))
      throw new InputError(`province "${code}" of the data is not a known ${ctx.codeSystem} code`, {
        column: 'province',
      });
  const provinces: ProvinceYearScores[] = ctx.provinces.map((p) => {
    const r = byCode.get(p.code);
    const subdimensions: Record<string, number | null> = {};
    const intervals: Record<string, Interval> = {};
    const keep = (
      key: string,
      e: { value: number | null; lo: number | null; hi: number | null; se: number | null },
    ) => {
      if (e.lo !== null && e.hi !== null)
        intervals[key] = { lo: e.lo, hi: e.hi, ...(e.se !== null ? { se: e.se } : {}) };
    };
    for (const s of subdimensionsOf(fw)) {
      const e = r?.subdimensions[s.code];
      subdimensions[s.code] = e?.value ?? null;
      if (e) keep(s.code, e);
    }
    if (r) {
      for (const [k, e] of Object.entries(r.dimensions)) keep(k, e);
      keep('total', r.total);
    }
    return {
      year: ctx.year,
      provinceCode: p.code,
      codeSystem: ctx.codeSystem,
      frameworkId: fw.id,
      subdimensions,
      ...aggregateProvinceYear(fw, subdimensions),
      intervals,
    };
  });
  return {
    codeSystem: ctx.codeSystem,
    provinces: [...ctx.provinces],
    frameworks: ctx.frameworks,
    years: [{ year: ctx.year, frameworkId: fw.id, provinces }],
    source: 'microdata',
    approximation: {
      kind: 'microdata-reconstruction',
      official: false,
      method: run.log.join('; '),
      weights: 'survey weights of the microdata',
      textEn:
        'Computed by OpenPAPI from respondent data with the reconstructed PAPI method (indicator list and rescaling inferred, METHOD.md §2.2); not an official PAPI score.',
      textVi:
        'Do OpenPAPI tính từ dữ liệu người trả lời theo phương pháp PAPI tái dựng (danh mục chỉ tiêu và cách quy đổi là suy luận); không phải điểm PAPI chính thức.',
    },
  };
}

export interface IndicatorChange {
  /** Indicator code, e.g. "2.2.1". */
  indicator: string;
  /** New estimate on [0, 1] (a share or normalised mean). */
  x: number;
}

/**
 * Indicator-level what-if on a microdata run: replace indicator estimates of one province, recompute its
 * sub-dimensions (point estimates, same rescale and aggregation as the run) and hand them to whatIf, which
 * recomputes dimensions, total, ranks and groups against the other provinces of the run.
 */
export function whatIfIndicators(
  run: IndexRun,
  series: ScoreSeries,
  year: number,
  provinceCode: string,
  changes: readonly IndicatorChange[],
): WhatIfResult {
  const p = run.results.provinces.find((d) => d.domain === provinceCode);
  if (!p) throw new InputError(`province ${provinceCode} is not in the run`, { path: ['province'] });
  const x = new Map(Object.entries(p.indicators).map(([code, e]) => [code, e.x]));
  changes.forEach((c, i) => {
    if (!x.has(c.indicator)) throw new InputError(`indicator ${c.indicator} is not in the run`, { path: ['set', i] });
    if (!(c.x >= 0 && c.x <= 1))
      throw new InputError(`indicator estimate must be in [0, 1], got ${c.x}`, { path: ['set', i] });
    x.set(c.indicator, c.x);
  });
  const touched = new Set(changes.map((c) => c.indicator.split('.').slice(0, 2).join('.')));
  const subChanges: WhatIfChange[] = [];
  for (const dim of run.framework.dimensions)
    for (const sub of dim.subdimensions) {
      if (!touched.has(sub.code)) continue;
      const equal = sub.indicators.every((i) => i.weight === undefined);
      let s = 0;
      for (const ind of sub.indicators) {
        const v = x.get(ind.code);
        if (v === null || v === undefined)
          throw new InputError(`indicator ${ind.code} has no estimate`, { path: ['set'] });
        s += (equal ? 1 / sub.indicators.length : ind.weight!) * rescale10(v, ind.bounds[0], ind.bounds[1]);
      }
      subChanges.push({ target: sub.code, mode: 'set', value: s / dim.subdimensions.length });
    }
  return { ...whatIf(series, year, provinceCode, subChanges), changes: subChanges };
}

export interface IndicatorDiagnosis {
  code: string;
  subdimension: string;
  nameVi: string;
  nameEn: string;
  score: number | null;
  nationalMedian: number | null;
  p75: number | null;
  gapToBestGroup: number | null;
  rank: number | null;
  of: number;
  assessment: 'strength' | 'weakness' | 'neutral' | 'not-rated';
}

/** Strengths and weaknesses per indicator of one province (1–10 scores across the run's provinces). */
export function diagnoseIndicators(run: IndexRun, provinceCode: string): IndicatorDiagnosis[] {
  const p = run.results.provinces.find((d) => d.domain === provinceCode);
  if (!p) throw new InputError(`province ${provinceCode} is not in the run`, { path: ['province'] });
  return run.framework.dimensions.flatMap((dim) =>
    dim.subdimensions.flatMap((sub) =>
      sub.indicators
        .filter((ind) => ind.code in p.indicators)
        .map((ind) => {
          const all = run.results.provinces.flatMap((d) => {
            const v = d.indicators[ind.code]?.value;
            return v === null || v === undefined ? [] : [v];
          });
          const score = p.indicators[ind.code]!.value;
          const t = all.length > 0 ? thresholds(all) : null;
          const group = score !== null && t ? groupOf(score, t) : null;
          return {
            code: ind.code,
            subdimension: sub.code,
            nameVi: ind.nameVi,
            nameEn: ind.nameEn,
            score,
            nationalMedian: t?.p50 ?? null,
            p75: t?.p75 ?? null,
            gapToBestGroup: score !== null && t ? Math.max(0, t.p75 - score) : null,
            rank: score === null ? null : rankAmong(score, all),
            of: all.length,
            assessment:
              score === null
                ? 'not-rated'
                : group === 'best'
                  ? 'strength'
                  : t && score < t.p50
                    ? 'weakness'
                    : 'neutral',
          };
        }),
    ),
  );
}
