/**
 * SYNTHETIC PAPI-shaped survey microdata (not real respondents): a seeded, deterministic generator of
 * `id, province, stratum, psu, weight, q001…` rows, with strata nested in provinces, PSUs (clusters) nested
 * in strata (PSU ids restart in every stratum, so designs need `nest = TRUE`), unequal weights, cluster
 * effects (so design effects exceed 1) and item non-response. Used by benchmarks, the survey-engine
 * tests and the index engine. Pure: no I/O; the CSV writer is `server/io/synthetic-csv.ts`.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export interface SyntheticPapiOptions {
  seed: number;
  respondents: number;
  items: number;
  /** Province labels; default 34 codes `P01`…`P34`. */
  provinces?: readonly string[];
  /** Strata per province (urban/rural…); default 2. */
  strataPerProvince?: number;
  /** Mean respondents per PSU (commune/village cluster); default 20. */
  clusterSize?: number;
  /** Largest item non-response rate; each item draws its own rate in [0, maxMissingRate]. Default 0.1. */
  maxMissingRate?: number;
}

export interface SyntheticRespondent {
  id: number;
  province: string;
  stratum: string;
  /** PSU id, unique only within its stratum. */
  psu: number;
  weight: number;
  /** One value per item; NaN = item non-response. */
  answers: Float64Array;
}

/** Kind of answer of item i (0-based): yes/no, 1–5 Likert, or a 0–100 score with one decimal. */
export type SyntheticItemKind = 'binary' | 'likert' | 'score';
export function syntheticItemKind(i: number): SyntheticItemKind {
  const k = i % 5;
  return k < 2 ? 'binary' : k < 4 ? 'likert' : 'score';
}

export function syntheticItemNames(items: number): string[] {
  return Array.from({ length: items }, (_, i) => `q${String(i + 1).padStart(3, '0')}`);
}

export function defaultProvinceCodes(n = 34): string[] {
  return Array.from({ length: n }, (_, i) => `P${String(i + 1).padStart(2, '0')}`);
}

/** Yields respondents in file order (province, stratum, PSU). Same options → same rows. */
export function* syntheticPapiRespondents(options: SyntheticPapiOptions): Generator<SyntheticRespondent> {
  const rng = xoroshiro128plus(options.seed | 0);
  const u = () => uniformFloat64(rng);
  const normal = () => {
    // Box–Muller; 1 - u() avoids log(0).
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    return r * Math.cos(2 * Math.PI * u());
  };
  const provinces = options.provinces ?? defaultProvinceCodes();
  const strataPer = options.strataPerProvince ?? 2;
  const clusterSize = options.clusterSize ?? 20;
  const maxMissing = options.maxMissingRate ?? 0.1;
  const items = options.items;

  const missingRate = Float64Array.from({ length: items }, () => u() * maxMissing);
  const itemShift = Float64Array.from({ length: items }, () => normal() * 0.6);
  const nStrata = provinces.length * strataPer;
  // Respondents per stratum: equal shares, remainder spread over the first strata.
  const base = Math.floor(options.respondents / nStrata);
  let extra = options.respondents - base * nStrata;
  let id = 0;
  for (let p = 0; p < provinces.length; p++) {
    const province = provinces[p]!;
    const provinceEffect = Float64Array.from({ length: items }, () => normal() * 0.4);
    for (let s = 0; s < strataPer; s++) {
      const stratum = `${province}-${s + 1}`;
      let size = base + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      // Population per sampled person differs by stratum (unequal selection probabilities).
      const baseWeight = 200 + 1800 * u();
      let psu = 0;
      while (size > 0) {
        psu++;
        const take = Math.min(size, Math.max(2, Math.round(clusterSize * (0.5 + u()))));
        size -= take;
        const psuEffect = normal() * 0.5;
        for (let k = 0; k < take; k++) {
          const answers = new Float64Array(items);
          const person = normal() * 0.3;
          for (let i = 0; i < items; i++) {
            if (u() < missingRate[i]!) {
              answers[i] = Number.NaN;
              continue;
            }
            const latent = itemShift[i]! + provinceEffect[i]! + psuEffect + person + normal();
            const kind = syntheticItemKind(i);
            if (kind === 'binary') answers[i] = latent > 0 ? 1 : 0;
            else if (kind === 'likert') answers[i] = Math.min(5, Math.max(1, Math.round(3 + latent)));
            else answers[i] = Math.round(Math.min(100, Math.max(0, 50 + 15 * latent)) * 10) / 10;
          }
          id++;
          yield {
            id,
            province,
            stratum,
            psu,
            weight: Math.round(baseWeight * (0.7 + 0.6 * u()) * 1e4) / 1e4,
            answers,
          };
        }
      }
    }
  }
}
