/**
 * Taylor-linearised (ultimate-cluster) variance of an estimator from its influence values summed per PSU,
 * for one domain: R survey `onestage` / `onestrat` (svyrecvar for a one-stage design), Lumley 2010 §2.2, §3.2:
 *
 *   V = Σ_h (1 − f_h) · n_h/(n_h − 1) · Σ_i (z_hi − z̄_h)²,   z̄_h = (Σ_i z_hi) / n_h
 *
 * where z_hi is the PSU total of the influence values and the sum runs over all n_h PSUs of stratum h in the
 * WHOLE design: PSUs with no row in the domain count as z = 0 (R pads them with zero rows), which is why a
 * domain's variance reflects the random size of the domain.
 *
 * Lonely PSUs (n_h = 1, or one PSU of the stratum inside the domain when `adjustDomainLonely`) follow R:
 * `certainty`/`remove` → the single PSU is centred on itself (contributes 0); `adjust` → centred at 0
 * (the grand mean, as influence values sum to 0) with scale (1 − f_h); `average` → the stratum is dropped and
 * V is multiplied by (#strata in the domain)/(#strata with a variance). A stratum with 1 − f_h < 1e-7 is
 * exhaustively sampled and contributes 0.
 */
import { InputError } from '../errors.js';
import { CERTAINTY_FPC } from './design.js';
import type { DomainCells } from './domain-cells.js';
import type { SurveyDesign } from './types.js';

/**
 * @param z influence total of each cell (index = cell), already divided by the estimator's denominator.
 * @param count rows of each cell that entered the estimate; a cell with 0 rows is outside the subset.
 * @param d the domain whose cells are walked.
 */
export function stratifiedVariance(
  design: SurveyDesign,
  cells: DomainCells,
  d: number,
  z: Float64Array,
  count: Int32Array | Float64Array,
): number {
  const { stratumOfPsu, psuCountOfStratum, fpcFactorOfStratum, lonelyPsu, adjustDomainLonely } = design;
  const { cellPsu, domainStart } = cells;
  const end = domainStart[d + 1]!;
  let total = 0;
  let nStrata = 0;
  let nOkStrata = 0;
  let c = domainStart[d]!;
  while (c < end) {
    const h = stratumOfPsu[cellPsu[c]!]!;
    let e = c;
    let nSub = 0;
    let sum = 0;
    while (e < end && stratumOfPsu[cellPsu[e]!] === h) {
      if (count[e]! > 0) {
        nSub++;
        sum += z[e]!;
      }
      e++;
    }
    const from = c;
    c = e;
    if (nSub === 0) continue; // the stratum has no row in this subset: R never sees it
    nStrata++;
    const f = fpcFactorOfStratum[h]!;
    if (f < CERTAINTY_FPC) {
      nOkStrata++;
      continue;
    }
    const nh = psuCountOfStratum[h]!;
    const scale = nh > 1 ? (f * nh) / (nh - 1) : f;
    let centre = true;
    if (nh === 1) {
      if (lonelyPsu === 'fail') {
        throw new InputError(`stratum ${design.stratumLabels[h]} has only one PSU`, {}, 'lonely_psu');
      }
      if (lonelyPsu === 'average') continue;
      if (lonelyPsu === 'adjust') centre = false;
    } else if (nSub === 1 && adjustDomainLonely) {
      if (lonelyPsu === 'average') continue;
      if (lonelyPsu === 'adjust') centre = false;
    }
    const mean = centre ? sum / nh : 0;
    let ss = 0;
    for (let k = from; k < e; k++) {
      if (count[k]! > 0) {
        const dz = z[k]! - mean;
        ss += dz * dz;
      }
    }
    ss += (nh - nSub) * mean * mean; // the zero-padded PSUs of the stratum
    total += scale * ss;
    nOkStrata++;
  }
  if (nStrata === 0) return 0;
  if (nOkStrata === 0) return Number.NaN;
  return (total * nStrata) / nOkStrata;
}
