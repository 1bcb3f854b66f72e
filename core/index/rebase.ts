/**
 * Re-basing published 63-province scores to the 34 provinces formed on 2025-07-01 (Nghị quyết 202/2025/QH15).
 * NOT an official PAPI figure: PAPI has published no merging method (METHOD.md §5). The approximation:
 *
 *   for each new province P, year y and dimension d, over the component old provinces c that have d in year y
 *   (A_d), with population weights w_c (2019 census):
 *     sub-dimension s of d:  S_Ps = Σ_{c∈A_d} w_c·S_cs / Σ_{c∈A_d} w_c
 *     dimension:             D_Pd = Σ_s S_Ps  (= the same weighted mean of the component dimension scores)
 *     total:                 Σ_d D_Pd, only when every dimension has a value.
 *
 * Missing components (e.g. Bình Dương 2023, merged into Hồ Chí Minh): the weights are renormalised over the
 * components that have the dimension, and the province-year is flagged `coverage.partial` with the population
 * share actually covered. A dimension whose covered share is below `minPopulationShare` (default 0: any
 * component suffices) is left missing.
 */
import { InputError } from '../errors.js';
import type { ProvinceRef } from './provinces.js';
import type { ApproximationNote, ProvinceYearScores, ScoreSeries, YearScores } from './series.js';
import { aggregateProvinceYear } from './series.js';

export interface PopulationWeight {
  /** vn2008 code of the old province. */
  oldCode: string;
  weight: number;
  basis: 'adults-18-plus' | 'total-population';
}

export interface MergeMapping {
  oldCode: string;
  newCode: string;
}

export interface RebaseOptions {
  /** Minimum population share of the components that must have a dimension for it to be scored (0–1). */
  minPopulationShare?: number;
}

export function rebaseApproximationNote(basis: PopulationWeight['basis'], minShare: number): ApproximationNote {
  const weights =
    basis === 'adults-18-plus'
      ? 'adults aged 18+ of each old province, 2019 Population and Housing Census'
      : 'total population of each old province, 2019 Population and Housing Census (adult counts not available; assumes the adult share is similar across merged provinces)';
  return {
    kind: 'rebased-34-population-weighted',
    official: false,
    method:
      'population-weighted mean of the published sub-dimension scores of the old provinces merged into each of the 34 provinces; dimension = sum of sub-dimensions, total = sum of dimensions',
    weights,
    missingRule: `weights renormalised over the component provinces that have the dimension; province-year flagged partial; a dimension is left missing when covered population share < ${minShare}`,
    textEn:
      'Approximation, not an official PAPI score: the published scores of the old provinces merged on 1 July 2025 are averaged with 2019 census population weights.',
    textVi:
      'Số liệu ước tính, không phải điểm PAPI chính thức: điểm công bố của các tỉnh cũ hợp nhất từ ngày 1/7/2025 được bình quân gia quyền theo dân số Tổng điều tra 2019.',
  };
}

export function rebaseTo34(
  series63: ScoreSeries,
  ctx: { mapping: readonly MergeMapping[]; weights: readonly PopulationWeight[]; provinces34: readonly ProvinceRef[] },
  opts: RebaseOptions = {},
): ScoreSeries {
  if (series63.codeSystem !== 'vn2008') throw new InputError('re-basing starts from the 63-province (vn2008) series');
  const minShare = opts.minPopulationShare ?? 0;
  const weightOf = new Map(ctx.weights.map((w) => [w.oldCode, w.weight]));
  const components = new Map<string, string[]>();
  for (const m of ctx.mapping) {
    if (!weightOf.has(m.oldCode)) throw new InputError(`no population weight for old province ${m.oldCode}`);
    components.set(m.newCode, [...(components.get(m.newCode) ?? []), m.oldCode]);
  }
  for (const p of ctx.provinces34)
    if (!components.has(p.code)) throw new InputError(`no old province maps to new province ${p.code}`);
  const bases = new Set(ctx.weights.map((w) => w.basis));
  const basis = bases.has('total-population') ? 'total-population' : 'adults-18-plus';
  const years: YearScores[] = series63.years.map((ys) => {
    const fw = series63.frameworks.frameworks.find((f) => f.id === ys.frameworkId)!;
    const old = new Map(ys.provinces.map((p) => [p.provinceCode, p]));
    const provinces: ProvinceYearScores[] = ctx.provinces34.map((p34) => {
      const comps = components.get(p34.code)!;
      const wTotal = comps.reduce((s, c) => s + weightOf.get(c)!, 0);
      const subdimensions: Record<string, number | null> = {};
      const partialDimensions: string[] = [];
      for (const dim of fw.dimensions) {
        const have = comps.filter((c) => {
          const v = old.get(c)?.dimensions[dim.code];
          return v !== null && v !== undefined;
        });
        const wHave = have.reduce((s, c) => s + weightOf.get(c)!, 0);
        if (have.length < comps.length) partialDimensions.push(dim.code);
        const scored = have.length > 0 && wHave / wTotal >= minShare;
        for (const sub of dim.subdimensions)
          subdimensions[sub.code] = scored
            ? have.reduce((s, c) => s + weightOf.get(c)! * old.get(c)!.subdimensions[sub.code]!, 0) / wHave
            : null;
      }
      const available = comps.filter((c) => old.get(c)?.total !== null && old.get(c)?.total !== undefined);
      const missing = comps
        .filter((c) => !available.includes(c))
        .map((c) => {
          const ref = series63.provinces.find((p) => p.code === c);
          return { code: c, nameVi: ref?.nameVi ?? c, nameEn: ref?.nameEn ?? c };
        });
      const agg = aggregateProvinceYear(fw, subdimensions);
      return {
        year: ys.year,
        provinceCode: p34.code,
        codeSystem: 'vn2025',
        frameworkId: fw.id,
        subdimensions,
        ...agg,
        coverage: {
          components: comps,
          available,
          populationShare: available.reduce((s, c) => s + weightOf.get(c)!, 0) / wTotal,
          partial: partialDimensions.length > 0,
          ...(partialDimensions.length > 0 ? { partialDimensions } : {}),
          ...(missing.length > 0 ? { missing } : {}),
        },
      };
    });
    return { year: ys.year, frameworkId: ys.frameworkId, provinces };
  });
  return {
    codeSystem: 'vn2025',
    provinces: [...ctx.provinces34],
    frameworks: series63.frameworks,
    years,
    source: 'rebased',
    approximation: rebaseApproximationNote(basis, minShare),
  };
}
