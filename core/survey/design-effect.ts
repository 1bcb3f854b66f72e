/**
 * Design effects as R survey `deff = TRUE` (Kish's deff against without-replacement simple random sampling):
 *
 *   s² = n/(n − 1) · Σ w (x − x̄)² / Σ w              (R `svyvar`; n = rows with non-zero weight)
 *   mean:  V_srs = s² · (N̂ − n)/(N̂ n)                 (R `svymean.survey.design2`; NaN when N̂ < n, R's NA)
 *   total: V_srs = s² · N̂² · (N̂ − n)/(N̂ n)            (R `svytotal.survey.design2`)
 *   deff = V / V_srs
 *
 * with N̂ = Σ w. Ratios use the total formula on the linearised variable (R `svyratio` → `svytotal(r)`).
 * @param weightedSquares Σ w (x − x̄)² over the rows used.
 */
export function srsVarianceOfMean(weightedSquares: number, sumWeights: number, n: number): number {
  if (n < 2 || sumWeights < n) return Number.NaN;
  const s2 = ((weightedSquares / sumWeights) * n) / (n - 1);
  return (s2 * (sumWeights - n)) / (sumWeights * n);
}

export function srsVarianceOfTotal(weightedSquares: number, sumWeights: number, n: number): number {
  if (n < 2) return Number.NaN;
  const s2 = ((weightedSquares / sumWeights) * n) / (n - 1);
  return (s2 * sumWeights * sumWeights * (sumWeights - n)) / (sumWeights * n);
}
