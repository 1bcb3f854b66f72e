/**
 * Replicate variance, R survey `svrVar`:  V = scale · Σ_r rscales_r (θ_r − θ̄)²,
 * θ̄ = mean of the replicates with rscales > 0 (or the full-sample θ̂ when `mse`). Replicates that give NaN
 * (e.g. a domain with no weight left in that replicate) are dropped, as R's `na.action = na.omit` does.
 */
export function replicateVariance(
  thetas: ArrayLike<number>,
  scale: number,
  rscales: ArrayLike<number>,
  mse = false,
  full = Number.NaN,
): number {
  let centre = full;
  if (!mse) {
    let sum = 0;
    let k = 0;
    for (let r = 0; r < thetas.length; r++) {
      const t = thetas[r]!;
      if (!Number.isNaN(t) && rscales[r]! > 0) {
        sum += t;
        k++;
      }
    }
    if (k === 0) return Number.NaN;
    centre = sum / k;
  }
  let v = 0;
  for (let r = 0; r < thetas.length; r++) {
    const t = thetas[r]!;
    if (Number.isNaN(t)) continue;
    const d = t - centre;
    v += d * d * rscales[r]!;
  }
  return v * scale;
}
