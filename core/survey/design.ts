/**
 * A one-stage stratified cluster design, as R `svydesign(ids = ~psu, strata = ~stratum, weights = ~w,
 * fpc = ~fpc, nest = TRUE)`: PSUs are identified within their stratum, so PSU code 1 in stratum A and PSU
 * code 1 in stratum B are different PSUs. Without clusters every row is its own PSU; without strata there is
 * one stratum. Sampling below the PSU is not modelled (ultimate-cluster variance, Lumley 2010 §3.2).
 *
 * fpc, as in R `svydesign(fpc=)`: either the population number of PSUs N_h of the row's stratum (all
 * values > 1), or the sampling fraction n_h/N_h (all values ≤ 1); it must be constant within a stratum.
 */
import { InputError } from '../errors.js';
import { designDegreesOfFreedom } from './degrees-of-freedom.js';
import type { LonelyPsuPolicy, SurveyDesign } from './types.js';

export interface SurveyDesignInput {
  weights: Float64Array;
  /** Stratum code per row (≥ 0); omit for an unstratified design. */
  strata?: Int32Array;
  /** PSU code per row (≥ 0), unique within stratum; omit when rows are the sampled units. */
  clusters?: Int32Array;
  fpc?: Float64Array;
  lonelyPsu?: LonelyPsuPolicy;
  adjustDomainLonely?: boolean;
  /** Labels of stratum codes, used in messages. */
  stratumLabels?: readonly string[];
}

/** Below this 1 − f a stratum counts as sampled exhaustively (R `onestrat`: `f < 0.0000001`). */
export const CERTAINTY_FPC = 1e-7;

export function surveyDesign(input: SurveyDesignInput): SurveyDesign {
  const { weights } = input;
  const n = weights.length;
  const lonelyPsu = input.lonelyPsu ?? 'fail';
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || w === Number.POSITIVE_INFINITY) {
      throw new InputError(`weight must be a finite number ≥ 0, got ${w}`, { path: ['weights', i] });
    }
  }
  for (const [name, arr] of [
    ['strata', input.strata],
    ['clusters', input.clusters],
    ['fpc', input.fpc],
  ] as const) {
    if (arr && arr.length !== n) throw new InputError(`${name} has ${arr.length} rows, weights has ${n}`);
  }

  // Strata: re-code to 0..H-1 in order of first appearance.
  const stratumOfRow = new Int32Array(n);
  let nStrata = 1;
  let stratumLabels: string[] = ['1'];
  if (input.strata) {
    const recode = new Map<number, number>();
    stratumLabels = [];
    for (let i = 0; i < n; i++) {
      const s = input.strata[i]!;
      if (s < 0) throw new InputError('stratum is missing', { path: ['strata', i] });
      let h = recode.get(s);
      if (h === undefined) {
        h = recode.size;
        recode.set(s, h);
        stratumLabels.push(input.stratumLabels?.[s] ?? String(s));
      }
      stratumOfRow[i] = h;
    }
    nStrata = recode.size;
  }

  // PSUs: the pair (stratum, cluster) is the PSU (nest = TRUE), numbered in order of first appearance.
  const psuOfRow = new Int32Array(n);
  const stratumOfPsuList: number[] = [];
  if (input.clusters) {
    const psuKey = new Map<number, number>();
    let maxCluster = 0;
    for (let i = 0; i < n; i++) {
      const c = input.clusters[i]!;
      if (c < 0) throw new InputError('PSU (cluster) is missing', { path: ['clusters', i] });
      if (c > maxCluster) maxCluster = c;
    }
    const stride = maxCluster + 1;
    for (let i = 0; i < n; i++) {
      const key = stratumOfRow[i]! * stride + input.clusters[i]!;
      let p = psuKey.get(key);
      if (p === undefined) {
        p = stratumOfPsuList.length;
        psuKey.set(key, p);
        stratumOfPsuList.push(stratumOfRow[i]!);
      }
      psuOfRow[i] = p;
    }
  } else {
    for (let i = 0; i < n; i++) {
      psuOfRow[i] = i;
      stratumOfPsuList.push(stratumOfRow[i]!);
    }
  }
  const nPsu = stratumOfPsuList.length;
  const stratumOfPsu = Int32Array.from(stratumOfPsuList);
  const psuCountOfStratum = new Int32Array(nStrata);
  for (let p = 0; p < nPsu; p++) psuCountOfStratum[stratumOfPsu[p]!]!++;

  const fpcFactorOfStratum = new Float64Array(nStrata).fill(1);
  if (input.fpc) fillFpcFactors(input.fpc, stratumOfRow, psuCountOfStratum, stratumLabels, fpcFactorOfStratum);

  if (lonelyPsu === 'fail') {
    for (let h = 0; h < nStrata; h++) {
      if (psuCountOfStratum[h] === 1 && fpcFactorOfStratum[h]! >= CERTAINTY_FPC) {
        throw new InputError(
          `stratum ${stratumLabels[h]} has only one PSU, so its variance cannot be estimated; ` +
            'choose a lonely-PSU policy (adjust, average or certainty)',
          { path: ['strata', stratumLabels[h]!] },
          'lonely_psu',
        );
      }
    }
  }

  // R degf counts only PSUs and strata that have a row with non-zero weight.
  const psuUsed = new Uint8Array(nPsu);
  for (let i = 0; i < n; i++) if (weights[i] !== 0) psuUsed[psuOfRow[i]!] = 1;
  const stratumUsed = new Uint8Array(nStrata);
  let usedPsu = 0;
  for (let p = 0; p < nPsu; p++) {
    if (psuUsed[p]) {
      usedPsu++;
      stratumUsed[stratumOfPsu[p]!] = 1;
    }
  }
  const usedStrata = stratumUsed.reduce((a, b) => a + b, 0);

  return {
    n,
    weights,
    psuOfRow,
    stratumOfPsu,
    nPsu,
    nStrata,
    psuCountOfStratum,
    fpcFactorOfStratum,
    degf: designDegreesOfFreedom(usedPsu, usedStrata),
    lonelyPsu,
    adjustDomainLonely: input.adjustDomainLonely ?? false,
    stratumLabels,
  };
}

function fillFpcFactors(
  fpc: Float64Array,
  stratumOfRow: Int32Array,
  psuCount: Int32Array,
  labels: readonly string[],
  out: Float64Array,
): void {
  let anyFraction = false;
  let anyCount = false;
  const seen = new Float64Array(out.length).fill(Number.NaN);
  for (let i = 0; i < fpc.length; i++) {
    const v = fpc[i]!;
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new InputError(`fpc must be a positive number, got ${v}`, { path: ['fpc', i] });
    }
    if (v < 1) anyFraction = true;
    else if (v > 1) anyCount = true;
    const h = stratumOfRow[i]!;
    if (Number.isNaN(seen[h]!)) seen[h] = v;
    else if (seen[h] !== v) {
      throw new InputError(`fpc differs within stratum ${labels[h]}`, { path: ['fpc', i] });
    }
  }
  if (anyFraction && anyCount) {
    throw new InputError('fpc mixes sampling fractions (< 1) and population sizes (> 1)', { path: ['fpc'] });
  }
  for (let h = 0; h < out.length; h++) {
    const nh = psuCount[h]!;
    // R as.fpc: a fraction is turned into a population size n_h / fraction.
    const popsize = anyCount ? seen[h]! : nh / seen[h]!;
    if (popsize < nh) {
      throw new InputError(`fpc of stratum ${labels[h]} (${popsize}) is smaller than its ${nh} sampled PSUs`, {
        path: ['fpc'],
      });
    }
    out[h] = (popsize - nh) / popsize;
  }
}
