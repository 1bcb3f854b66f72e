/**
 * Indicator recoding (mã hóa lại chỉ tiêu): raw answers → y ∈ [0, 1], favourable = 1 (METHOD.md §2.2 [I]).
 *   binary      u = 1 if the code is in `yes`, else 0
 *   likert(k)   u = (v − 1)/(k − 1) for integer codes 1..k, other codes missing
 *   continuous  u = clamp((v − min)/(max − min), 0, 1)
 *   y = u, or 1 − u for lower-better (reverse-coded) items. NaN and `missingCodes` stay NaN.
 * Then the 1–10 rescale on fixed bounds (METHOD.md §2.2): s = 1 + 9·clamp((x − lo)/(hi − lo)).
 */
import type { IndicatorDef } from './framework.js';

export function recodeValue(ind: Pick<IndicatorDef, 'scale' | 'direction'>, v: number): number {
  if (Number.isNaN(v) || ind.scale.missingCodes.includes(v)) return Number.NaN;
  let u: number;
  const sc = ind.scale;
  if (sc.type === 'binary') u = sc.yes.includes(v) ? 1 : 0;
  else if (sc.type === 'likert') {
    if (!Number.isInteger(v) || v < 1 || v > sc.points) return Number.NaN;
    u = (v - 1) / (sc.points - 1);
  } else u = Math.min(1, Math.max(0, (v - sc.min) / (sc.max - sc.min)));
  return ind.direction === 'lower-better' ? 1 - u : u;
}

/** Recode a whole column (Float64Array, NaN = missing). */
export function recodeColumn(ind: Pick<IndicatorDef, 'scale' | 'direction'>, raw: ArrayLike<number>): Float64Array {
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = recodeValue(ind, raw[i]!);
  return out;
}

/** PAPI's 1–10 rescale of an indicator estimate on fixed bounds [lo, hi] (default the theoretical [0, 1]). */
export function rescale10(x: number, lo = 0, hi = 1): number {
  return 1 + (9 * Math.min(hi - lo, Math.max(0, x - lo))) / (hi - lo);
}
