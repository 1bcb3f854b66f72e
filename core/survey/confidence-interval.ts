/**
 * Confidence intervals for design-based estimates.
 *
 * - `tInterval`: θ̂ ± t_{df, 1−α/2} · SE, R `confint(svystat, df = degf(design))` (Lumley 2010 §2.3);
 *   df = Infinity gives the normal interval.
 * - `logitInterval`: for a proportion p̂, expit(logit p̂ ± t · SE/(p̂(1 − p̂))), R `svyciprop(method =
 *   "logit")`, which fits an intercept-only quasibinomial svyglm whose sandwich SE of the intercept is exactly
 *   SE(p̂)/(p̂(1 − p̂)).
 * - `wilsonInterval`: the Wilson score interval at the effective sample size n* = p̂(1 − p̂)/SE² (Kish;
 *   Kott & Carr 1997; Dean & Pagano 2015 "Evaluating confidence interval methods for binomial proportions in
 *   clustered surveys"), with the quantile t_{df} (z when df = Infinity). With df = Infinity it equals R
 *   `prop.test(x = p̂ n*, n = n*, correct = FALSE)$conf.int`, which the fixtures check. When SE = 0 (p̂ = 0 or 1,
 *   or no between-PSU variation) n* is undefined and the caller's row count `n` is used instead.
 */
import { studentQuantile } from './quantiles.js';

export interface Interval {
  low: number;
  high: number;
}

let lastCritical = { level: Number.NaN, df: Number.NaN, q: Number.NaN };

/** Two-sided critical value t_{df, (1+level)/2}; the normal quantile when df is infinite. The last value is
 * remembered: a table of estimates asks for the same one thousands of times. */
export function criticalValue(level: number, df: number): number {
  if (!(df > 0)) return Number.NaN;
  if (lastCritical.level === level && lastCritical.df === df) return lastCritical.q;
  const q = studentQuantile(1 - (1 - level) / 2, df);
  lastCritical = { level, df, q };
  return q;
}

export function tInterval(estimate: number, se: number, df: number, level = 0.95): Interval {
  const q = criticalValue(level, df);
  return { low: estimate - q * se, high: estimate + q * se };
}

export function logitInterval(p: number, se: number, df: number, level = 0.95): Interval {
  if (p <= 0 || p >= 1) return { low: p, high: p };
  const q = criticalValue(level, df);
  const eta = Math.log(p / (1 - p));
  const seEta = se / (p * (1 - p));
  const expit = (v: number) => 1 / (1 + Math.exp(-v));
  return { low: expit(eta - q * seEta), high: expit(eta + q * seEta) };
}

export function wilsonInterval(p: number, se: number, df: number, level = 0.95, n = Number.NaN): Interval {
  const q = criticalValue(level, df);
  const nEff = se > 0 ? (p * (1 - p)) / (se * se) : n;
  if (!(nEff > 0)) return { low: Number.NaN, high: Number.NaN };
  const q2n = (q * q) / nEff;
  const centre = (p + q2n / 2) / (1 + q2n);
  const half = (q / (1 + q2n)) * Math.sqrt((p * (1 - p)) / nEff + (q * q) / (4 * nEff * nEff));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
