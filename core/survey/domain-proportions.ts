/**
 * Domain proportions of each category of a categorical variable, as R `svyby(~factor(v), ~domain, design,
 * svymean, na.rm = TRUE)`: the mean of the 0/1 indicator of each category over rows with v present
 * (Lumley 2010 §2.2). Category codes come from `dictionaryEncode`; −1 = missing.
 */
import type { DomainCells } from './domain-cells.js';
import { domainMeans } from './domain-mean.js';
import type { DomainEstimates, SurveyDesign } from './types.js';

export function domainProportions(
  design: SurveyDesign,
  cells: DomainCells,
  categories: Int32Array,
  nCategories: number,
): DomainEstimates[] {
  const out: DomainEstimates[] = [];
  const indicator = new Float64Array(categories.length);
  for (let k = 0; k < nCategories; k++) {
    for (let i = 0; i < categories.length; i++) {
      const c = categories[i]!;
      indicator[i] = c < 0 ? Number.NaN : c === k ? 1 : 0;
    }
    out.push(domainMeans(design, cells, indicator));
  }
  return out;
}
