/**
 * Re-basing a microdata run to the 34 provinces formed on 2025-07-01 (issue 4, the microdata path): the
 * design stays, the domain changes. Each respondent's old (63, vn2008) province code is mapped to its new
 * (34, vn2025) province through a crosswalk; strata, clusters (PSUs) and survey weights are kept unchanged,
 * and the same pipeline (runIndex) re-estimates indicators, intervals and rank intervals on the merged
 * domains. No population weighting is added: the survey weights already carry it (unlike rebase.ts, which
 * can only average published scores with census weights).
 */
import { InputError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { FrameworkSet } from './framework.js';
import type { ProvinceRef } from './provinces.js';
import { normaliseProvinceCode } from './provinces.js';
import type { IndexRun, MicrodataInput, ScoringMethod } from './run.js';
import { runIndex, runToSeries } from './run.js';
import type { ScoreSeries } from './series.js';

export interface ProvinceDomain {
  codes: Int32Array;
  labels: readonly string[];
}

export interface RebasedIndexRun extends IndexRun {
  /** The geography of every result: the 34 provinces formed on 2025-07-01. */
  geography: '34';
  rebase: {
    from: '63';
    /** New province code → the old province codes of the data merged into it (data order). */
    components: Record<string, string[]>;
    textVi: string;
    textEn: string;
  };
}

/** Where an unknown old code is reported (the CLI passes its file and column; row = respondent index + 2). */
export interface DomainErrorPlace {
  file?: string;
  column?: string;
  /** Row number of respondent i as the user counts it; default i + 2 (a header row, then 1-based rows). */
  rowOf?: (respondent: number) => number;
}

/**
 * Relabel the province domain from old codes to new ones. Labels of the result are the new codes in order
 * of first appearance among the old labels; an old label that no respondent uses is ignored. An old code
 * missing from the crosswalk throws InputError naming it and the first respondent row that carries it.
 */
export function mergeProvinceDomain(
  province: ProvinceDomain,
  crosswalk: ReadonlyMap<string, string>,
  place: DomainErrorPlace = {},
): { domain: ProvinceDomain; components: Record<string, string[]> } {
  const used = new Uint8Array(province.labels.length);
  for (const c of province.codes) used[c] = 1;
  const newIndex = new Map<string, number>();
  const labels: string[] = [];
  const components: Record<string, string[]> = {};
  const remap = new Int32Array(province.labels.length).fill(-1);
  province.labels.forEach((old, k) => {
    if (!used[k]) return;
    const key = normaliseProvinceCode(old);
    const to = crosswalk.get(key);
    if (to === undefined) {
      const i = province.codes.indexOf(k);
      throw new InputError(
        `province "${old}" is not one of the 63 old province codes of the crosswalk (--geography 34 expects old codes such as 01, 02, 79)`,
        { file: place.file, row: place.rowOf ? place.rowOf(i) : i + 2, column: place.column ?? 'province' },
      );
    }
    if (!newIndex.has(to)) {
      newIndex.set(to, labels.length);
      labels.push(to);
      components[to] = [];
    }
    remap[k] = newIndex.get(to)!;
    components[to]!.push(key);
  });
  const codes = Int32Array.from(province.codes, (c) => remap[c]!);
  return { domain: { codes, labels }, components };
}

/**
 * runIndex on the merged domains: indicator estimates Σw·y/Σw over all respondents of the component old
 * provinces, bootstrap intervals and rank intervals among the new provinces. Strata, clusters and weights
 * are those of the input, unchanged.
 */
export function runIndexRebased34(
  framework: IndexRun['framework'],
  input: MicrodataInput,
  crosswalk: ReadonlyMap<string, string>,
  method: Partial<ScoringMethod> = {},
  place: DomainErrorPlace = {},
): RebasedIndexRun {
  const { domain, components } = mergeProvinceDomain(input.province, crosswalk, place);
  const run = runIndex(framework, { ...input, province: domain }, method);
  const merged = Object.values(components).filter((c) => c.length > 1).length;
  return {
    ...run,
    log: [
      `domains re-based from old (63) to new (34) provinces: ${input.province.labels.length} old codes → ${domain.labels.length} provinces (${merged} formed by merging); strata, clusters and weights unchanged`,
      ...run.log,
    ],
    geography: '34',
    rebase: {
      from: '63',
      components,
      textVi: t('vi', 'rebaseMicrodata:note'),
      textEn: t('en', 'rebaseMicrodata:note'),
    },
  };
}

/**
 * The re-based run as a ScoreSeries on the 34 provinces (vn2025), so ranking tables, diagnosis and what-if
 * work on it; the approximation note says both that it is a microdata reconstruction and that it is re-based.
 */
export function rebasedRunToSeries(
  run: RebasedIndexRun,
  ctx: { year: number; frameworks: FrameworkSet; provinces34: readonly ProvinceRef[] },
): ScoreSeries {
  const s = runToSeries(run, {
    year: ctx.year,
    frameworks: ctx.frameworks,
    provinces: ctx.provinces34,
    codeSystem: 'vn2025',
  });
  const a = s.approximation!;
  return {
    ...s,
    approximation: { ...a, textVi: `${a.textVi} ${run.rebase.textVi}`, textEn: `${a.textEn} ${run.rebase.textEn}` },
  };
}
