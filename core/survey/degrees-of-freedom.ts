/**
 * Design degrees of freedom, R `degf(design)` for a one-stage design: number of PSUs minus number of strata
 * (Lumley 2010, §2.3; R survey `degf.survey.design2`). Used as the t degrees of freedom of confidence intervals.
 * A stratified design without clusters has one PSU per row, so df = n − H.
 */
export function designDegreesOfFreedom(nPsu: number, nStrata: number): number {
  return nPsu - nStrata;
}
