/**
 * One call for a table of domain estimates (what `openpapi estimate` and other modules use): means or totals
 * of numeric variables, proportions of each category of categorical variables, ratios — per domain, with
 * linearised or replicate standard errors, design effects and confidence intervals (t with the design df;
 * logit or Wilson for proportions on request). Missing values are excluded per variable (R `svyby(...,
 * na.rm = TRUE)`), the domain never shrinks the design.
 */
import { logitInterval, tInterval, wilsonInterval } from './confidence-interval.js';
import { type DomainCells, domainCells } from './domain-cells.js';
import { domainMeans } from './domain-mean.js';
import { domainRatios } from './domain-ratio.js';
import { domainTotals } from './domain-total.js';
import { replicateDomainEstimates } from './replicate-estimates.js';
import type { ReplicateFactors } from './replicate-factors.js';
import type { DomainEstimates, SurveyDesign } from './types.js';

export type Statistic = 'mean' | 'total' | 'proportion' | 'ratio';
export type ProportionInterval = 'wald' | 'logit' | 'wilson';

export interface EstimateSpec {
  design: SurveyDesign;
  /** Domain (subpopulation) of each row, e.g. province; omit for the whole sample (label ''). */
  domain?: { codes: Int32Array; labels: readonly string[] };
  /** Numeric variables; `statistic` says whether their means or totals are wanted. */
  variables?: readonly { name: string; values: Float64Array }[];
  statistic?: 'mean' | 'total';
  /** Categorical variables: one row per category, variable name `name=category`. */
  categorical?: readonly { name: string; codes: Int32Array; labels: readonly string[] }[];
  /** Ratios Σ w·numerator / Σ w·denominator; variable name `name`. */
  ratios?: readonly { name: string; numerator: Float64Array; denominator: Float64Array }[];
  /** Replicate factors for replicate variance; omit for Taylor linearisation. */
  replicates?: ReplicateFactors;
  /** Confidence level, default 0.95. */
  level?: number;
  /** Interval for proportions: t (`wald`, default), `logit` (R svyciprop) or `wilson`. */
  proportionInterval?: ProportionInterval;
  /** Degrees of freedom of the intervals; default the design df (R `degf`). */
  df?: number;
}

export interface EstimateRow {
  by: string;
  variable: string;
  statistic: Statistic;
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  /** Rows that entered the estimate. */
  n: number;
  /** Σ w of those rows. */
  sumWeights: number;
  deff: number;
}

export function estimateByDomain(spec: EstimateSpec): EstimateRow[] {
  const { design } = spec;
  const level = spec.level ?? 0.95;
  const df = spec.df ?? design.degf;
  const domainLabels = spec.domain?.labels ?? [''];
  const cells = domainCells(design, spec.domain?.codes, domainLabels.length);
  const rf = spec.replicates;
  const repCells: DomainCells | undefined =
    rf?.unit === 'row' ? domainCells(design, spec.domain?.codes, domainLabels.length, 'row') : cells;

  // Every output column: its linearised estimates, and (when asked) the replicate variance.
  interface Column {
    name: string;
    statistic: Statistic;
    lin: DomainEstimates;
    values?: Float64Array;
    denominator?: Float64Array;
  }
  const columns: Column[] = [];
  const statistic = spec.statistic ?? 'mean';
  for (const v of spec.variables ?? []) {
    const lin = statistic === 'total' ? domainTotals(design, cells, v.values) : domainMeans(design, cells, v.values);
    columns.push({ name: v.name, statistic, lin, values: v.values });
  }
  const collator = new Intl.Collator('vi', { numeric: true });
  for (const c of spec.categorical ?? []) {
    const categoryOrder = c.labels.map((_, k) => k).sort((a, b) => collator.compare(c.labels[a]!, c.labels[b]!));
    for (const k of categoryOrder) {
      const indicator = new Float64Array(c.codes.length);
      for (let i = 0; i < indicator.length; i++) {
        const code = c.codes[i]!;
        indicator[i] = code < 0 ? Number.NaN : code === k ? 1 : 0;
      }
      columns.push({
        name: `${c.name}=${c.labels[k]}`,
        statistic: 'proportion',
        lin: domainMeans(design, cells, indicator),
        values: indicator,
      });
    }
  }
  for (const r of spec.ratios ?? []) {
    columns.push({
      name: r.name,
      statistic: 'ratio',
      lin: domainRatios(design, cells, r.numerator, r.denominator),
      values: r.numerator,
      denominator: r.denominator,
    });
  }

  // Replicate variances, one batch per kind of statistic.
  const repVariance = new Map<Column, Float64Array>();
  if (rf && repCells) {
    const batches: { cols: Column[]; statistic: 'mean' | 'total'; ratio: boolean }[] = [
      {
        cols: columns.filter((c) => c.statistic === 'mean' || c.statistic === 'proportion'),
        statistic: 'mean',
        ratio: false,
      },
      { cols: columns.filter((c) => c.statistic === 'total'), statistic: 'total', ratio: false },
      { cols: columns.filter((c) => c.statistic === 'ratio'), statistic: 'mean', ratio: true },
    ];
    for (const batch of batches) {
      if (batch.cols.length === 0) continue;
      const res = replicateDomainEstimates(
        design,
        repCells,
        batch.cols.map((c) => c.values!),
        rf,
        {
          statistic: batch.statistic,
          denominators: batch.ratio ? batch.cols.map((c) => c.denominator!) : undefined,
        },
      );
      batch.cols.forEach((col, v) => {
        const out = new Float64Array(cells.nDomains);
        for (let d = 0; d < cells.nDomains; d++) out[d] = res.variance[d * batch.cols.length + v]!;
        repVariance.set(col, out);
      });
    }
  }

  const domainOrder = domainLabels
    .map((_, d) => d)
    .sort((a, b) => collator.compare(domainLabels[a]!, domainLabels[b]!));
  const rows: EstimateRow[] = [];
  for (const d of domainOrder) {
    for (const col of columns) {
      const est = col.lin.estimate[d]!;
      const variance = repVariance.get(col)?.[d] ?? col.lin.variance[d]!;
      const se = Math.sqrt(variance);
      const n = col.lin.n[d]!;
      let ci = tInterval(est, se, df, level);
      if (col.statistic === 'proportion' && spec.proportionInterval === 'logit') ci = logitInterval(est, se, df, level);
      if (col.statistic === 'proportion' && spec.proportionInterval === 'wilson') {
        ci = wilsonInterval(est, se, df, level, n);
      }
      rows.push({
        by: domainLabels[d]!,
        variable: col.name,
        statistic: col.statistic,
        estimate: est,
        se,
        ciLow: ci.low,
        ciHigh: ci.high,
        n,
        sumWeights: col.lin.sumWeights[d]!,
        deff: variance / col.lin.srsVariance[d]!,
      });
    }
  }
  return rows;
}
