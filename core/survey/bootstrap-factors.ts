/**
 * Rao–Wu rescaled bootstrap with m_h = n_h − 1 (Rao, Wu & Yue 1992), exactly R survey
 * `as.svrepdesign(design, type = "subbootstrap", replicates = R)` (`subbootweights`): in every replicate and
 * stratum, draw n_h − 1 of the n_h PSUs with replacement; PSU i gets the factor
 *
 *   a_hi = m_hi · n_h/(n_h − 1),   m_hi = times PSU i was drawn,
 *
 * and V = 1/(R − 1) · Σ_r (θ_r − θ̄)² (scale 1/(R − 1), rscales 1, centred at the replicate mean).
 * As in R, the finite-population correction is not used by this bootstrap. A stratum with a single PSU has
 * no bootstrap analogue (R yields NaN weights); here its PSU keeps factor 1, i.e. it is treated as a
 * certainty PSU — the design's lonely-PSU policy `fail` already refused such designs.
 *
 * Draws come from pure-rand's xoroshiro128+ seeded with `seed`: the same seed gives the same replicates.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { InputError } from '../errors.js';
import type { ReplicateFactors } from './replicate-factors.js';
import type { SurveyDesign } from './types.js';

export function raoWuBootstrapFactors(design: SurveyDesign, replicates: number, seed: number): ReplicateFactors {
  if (!Number.isInteger(replicates) || replicates < 2) {
    throw new InputError(`replicates must be an integer ≥ 2, got ${replicates}`, { path: ['replicates'] });
  }
  const { nPsu, nStrata, stratumOfPsu } = design;
  const rng = xoroshiro128plus(seed | 0);
  const psusOf: number[][] = Array.from({ length: nStrata }, () => []);
  for (let p = 0; p < nPsu; p++) psusOf[stratumOfPsu[p]!]!.push(p);
  const factors = new Float64Array(replicates * nPsu);
  for (let h = 0; h < nStrata; h++) {
    const psus = psusOf[h]!;
    const nh = psus.length;
    for (let r = 0; r < replicates; r++) {
      const base = r * nPsu;
      if (nh === 1) {
        factors[base + psus[0]!] = 1;
        continue;
      }
      const step = nh / (nh - 1);
      for (let k = 0; k < nh - 1; k++) factors[base + psus[uniformInt(rng, 0, nh - 1)]!]! += step;
    }
  }
  return {
    type: 'subbootstrap',
    unit: 'psu',
    replicates,
    nUnits: nPsu,
    factors,
    scale: 1 / (replicates - 1),
    rscales: new Float64Array(replicates).fill(1),
    mse: false,
    seed,
  };
}
