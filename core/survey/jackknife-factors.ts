/**
 * Delete-one-PSU jackknife, exactly R survey `as.svrepdesign(design, type = "auto")`:
 * - unstratified → JK1 (`jk1weights`): replicate j drops PSU j, the others get n/(n − 1);
 *   scale = (1 − f)(n − 1)/n, rscales = 1.
 * - stratified → JKn (`jknweights`): replicate (h, j) drops PSU j of stratum h, the other PSUs of h get
 *   n_h/(n_h − 1), other strata keep 1; scale = 1, rscales_hj = (1 − f_h)(n_h − 1)/n_h.
 *   Exhaustively sampled strata (1 − f_h = 0) get no replicate (R `survey.drop.replicates`). A stratum with
 *   one PSU follows the lonely-PSU policy as R does: `certainty`/`remove`/`average` give it no replicate
 *   (`average` then multiplies scale by #PSUs/#replicates); `adjust` gives one replicate that drops it and
 *   multiplies every other PSU by H/(H − 1), rscale (H − 1)/H.
 * Replicates are ordered by stratum then PSU, in order of first appearance. V = scale · Σ rscales_r (θ_r − θ̄)².
 */
import { InputError } from '../errors.js';
import { CERTAINTY_FPC } from './design.js';
import type { ReplicateFactors } from './replicate-factors.js';
import type { SurveyDesign } from './types.js';

export function jackknifeFactors(design: SurveyDesign): ReplicateFactors {
  const { nPsu, nStrata, stratumOfPsu, fpcFactorOfStratum } = design;
  const psusOf: number[][] = Array.from({ length: nStrata }, () => []);
  for (let p = 0; p < nPsu; p++) psusOf[stratumOfPsu[p]!]!.push(p);
  const columns: Float64Array[] = [];
  const rscales: number[] = [];

  if (nStrata === 1) {
    const n = nPsu;
    const f = fpcFactorOfStratum[0]!;
    if (n < 2) throw new InputError('the jackknife needs at least 2 PSUs', {}, 'lonely_psu');
    if (f >= CERTAINTY_FPC) {
      for (let j = 0; j < n; j++) {
        const col = new Float64Array(nPsu).fill(n / (n - 1));
        col[j] = 0;
        columns.push(col);
        rscales.push(1);
      }
    }
    return pack('JK1', columns, rscales, (f * (n - 1)) / n, nPsu);
  }

  let scale = 1;
  for (let h = 0; h < nStrata; h++) {
    const psus = psusOf[h]!;
    const nh = psus.length;
    const f = fpcFactorOfStratum[h]!;
    if (f < CERTAINTY_FPC) continue;
    if (nh === 1) {
      const policy = design.lonelyPsu;
      if (policy === 'fail') {
        throw new InputError(`stratum ${design.stratumLabels[h]} has only one PSU`, {}, 'lonely_psu');
      }
      if (policy === 'adjust') {
        const col = new Float64Array(nPsu).fill(nStrata / (nStrata - 1));
        col[psus[0]!] = 0;
        columns.push(col);
        rscales.push((nStrata - 1) / nStrata);
      }
      continue;
    }
    for (const drop of psus) {
      const col = new Float64Array(nPsu).fill(1);
      for (const p of psus) col[p] = nh / (nh - 1);
      col[drop] = 0;
      columns.push(col);
      rscales.push((f * (nh - 1)) / nh);
    }
  }
  if (columns.length === 0) throw new InputError('every stratum was sampled exhaustively: no sampling variance');
  if (columns.length < nPsu && design.lonelyPsu === 'average') scale = nPsu / columns.length;
  return pack('JKn', columns, rscales, scale, nPsu);
}

function pack(
  type: 'JK1' | 'JKn',
  columns: Float64Array[],
  rscales: number[],
  scale: number,
  nPsu: number,
): ReplicateFactors {
  const factors = new Float64Array(columns.length * nPsu);
  columns.forEach((col, r) => {
    factors.set(col, r * nPsu);
  });
  return {
    type,
    unit: 'psu',
    replicates: columns.length,
    nUnits: nPsu,
    factors,
    scale,
    rscales: Float64Array.from(rscales),
    mse: false,
  };
}
