/**
 * Shared shapes of the survey engine. Values are columnar: one typed array per variable, NaN = missing;
 * strata, PSUs and domains are dictionary codes (Int32Array, 0-based; a negative domain code = not in any domain).
 */

/**
 * What to do with a stratum that has a single PSU (R `options(survey.lonely.psu = ...)`):
 * - `fail`: refuse, naming the stratum (default);
 * - `adjust`: centre the lonely PSU at the grand mean instead of the stratum mean (conservative);
 * - `average`: leave the stratum out and scale the variance up by #strata / #strata-with-variance;
 * - `certainty`: treat the lonely PSU as sampled with certainty (no variance contribution);
 * - `remove`: same numbers as `certainty` in R's one-stage code.
 */
export type LonelyPsuPolicy = 'fail' | 'adjust' | 'average' | 'certainty' | 'remove';

export interface SurveyDesign {
  /** Number of rows (respondents). */
  readonly n: number;
  /** Sampling weight of each row (1/π_i), ≥ 0. */
  readonly weights: Float64Array;
  /** PSU of each row, 0..nPsu-1, unique across strata (PSUs are nested in strata, R `nest = TRUE`). */
  readonly psuOfRow: Int32Array;
  /** Stratum of each PSU, 0..nStrata-1. */
  readonly stratumOfPsu: Int32Array;
  readonly nPsu: number;
  readonly nStrata: number;
  /** n_h: number of sampled PSUs in each stratum of the whole design (R `fpc$sampsize`). */
  readonly psuCountOfStratum: Int32Array;
  /** 1 − f_h = (N_h − n_h)/N_h for each stratum; 1 when no finite-population correction is given. */
  readonly fpcFactorOfStratum: Float64Array;
  /** Design degrees of freedom, R `degf`: #PSUs − #strata. */
  readonly degf: number;
  readonly lonelyPsu: LonelyPsuPolicy;
  /** R `options(survey.adjust.domain.lonely = TRUE)`: also apply the lonely-PSU policy to strata that have
   * one PSU only inside a domain. Default false, as in R. */
  readonly adjustDomainLonely: boolean;
  /** Stratum labels for messages (index = stratum code). */
  readonly stratumLabels: readonly string[];
}

/** Estimates of one variable for every domain, columnar (index = domain code). */
export interface DomainEstimates {
  readonly estimate: Float64Array;
  readonly variance: Float64Array;
  /** Rows that entered the estimate (in the domain, value(s) present). */
  readonly n: Int32Array;
  /** Σ w over those rows (the estimated domain size for means). */
  readonly sumWeights: Float64Array;
  /** Design effect as R `deff = TRUE` (variance over the SRS-without-replacement variance). */
  readonly deff: Float64Array;
  /** The simple-random-sampling variance in the denominator of deff (reused by replicate variances). */
  readonly srsVariance: Float64Array;
}
