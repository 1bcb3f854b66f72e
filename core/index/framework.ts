/**
 * PAPI frameworks as data (khung chỉ số PAPI): dimensions (chỉ số nội dung), sub-dimensions (nội dung thành phần)
 * and indicators (chỉ tiêu), versioned by era. The JSON files live in data/papi/frameworks/; this module is the
 * zod schema that validates them on load, plus the era lookup and the crosswalk between versions.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';

export const DIRECTIONS = ['higher-better', 'lower-better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

const pair = z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, 'lower bound must be below upper bound');

/**
 * How a raw answer becomes a value u in [0, 1] (METHOD.md §2.2 [I]); then `direction` reverse-codes
 * lower-better items (y = 1 − u) so that the favourable answer is always 1.
 * Codes in `missingCodes` (e.g. 98 "don't know") and NaN are missing.
 */
const missingCodes = z.array(z.number()).default([]);
const indicatorScaleSchema = z.discriminatedUnion('type', [
  // binary: codes in `yes` → 1, any other valid code → 0
  z.object({ type: z.literal('binary'), yes: z.array(z.number()).min(1).default([1]), missingCodes }),
  // k-point Likert with codes 1..k → (v − 1)/(k − 1); other codes are missing
  z.object({ type: z.literal('likert'), points: z.number().int().min(2).max(11), missingCodes }),
  // a continuous value on fixed bounds → (v − min)/(max − min), clamped to [0, 1]
  z.object({ type: z.literal('continuous'), min: z.number(), max: z.number(), missingCodes }),
]);

const indicatorSchema = z.object({
  code: z.string().regex(/^\d\.\d\.\d+$/, 'indicator code looks like "1.1.2"'),
  /** Column name of the answer in respondent-level microdata. */
  variable: z.string().min(1),
  /** "official" once taken from PAPI's ProvincialIndicators workbook; "inferred" for METHOD.md §1.3 guesses. */
  status: z.enum(['official', 'inferred']),
  nameEn: z.string().min(1),
  nameVi: z.string().min(1),
  direction: z.enum(DIRECTIONS),
  scale: indicatorScaleSchema,
  /** Fixed bounds of the recoded value x for the 1 + 9·x rescale (default [0, 1]). */
  bounds: pair.default([0, 1]),
  weight: z.number().positive().optional(),
  source: z.string().optional(),
});

const subdimensionSchema = z.object({
  code: z.string().regex(/^\d\.\d$/, 'sub-dimension code looks like "2.1"'),
  /** Stable id of the concept across versions, e.g. "d2.poverty-lists" (2.1 until 2017, 2.2 from 2018). */
  conceptId: z.string().regex(/^d\d\.[a-z0-9-]+$/),
  nameEn: z.string().min(1),
  nameVi: z.string().min(1),
  nameViStatus: z.enum(['official', 'translated']),
  direction: z.enum(DIRECTIONS),
  weight: z.number().positive(),
  scale: z.object({ score: pair, published: pair }),
  indicatorList: z.enum(['official', 'inferred-illustrative', 'unknown']),
  indicators: z.array(indicatorSchema),
});

const dimensionSchema = z.object({
  code: z.string().regex(/^d[1-8]$/, 'dimension code is d1 … d8'),
  number: z.number().int().min(1).max(8),
  nameEn: z.string().min(1),
  nameVi: z.string().min(1),
  direction: z.enum(DIRECTIONS),
  weight: z.number().positive(),
  range: pair,
  subdimensions: z.array(subdimensionSchema).min(1),
});

export const frameworkSchema = z.object({
  schema: z.literal('openpapi.papi-framework/1'),
  id: z.string().regex(/^papi-\d{4}(-\d{4})?$/),
  era: z.string(),
  years: z.object({ from: z.number().int(), to: z.number().int() }),
  nameEn: z.string(),
  nameVi: z.string(),
  aggregate: z.object({ method: z.literal('sum'), range: pair }),
  officialIndicatorList: z.object({ status: z.enum(['official', 'unknown']), note: z.string() }),
  sources: z.array(z.string()),
  /** Crosswalk to the previous era: which dimensions were revised (not comparable across the break). */
  comparability: z
    .object({ previous: z.string(), revisedDimensions: z.array(z.string()), notes: z.string() })
    .optional(),
  dimensions: z.array(dimensionSchema).min(1),
});

export type Framework = z.infer<typeof frameworkSchema>;
export type DimensionDef = Framework['dimensions'][number];
export type SubdimensionDef = DimensionDef['subdimensions'][number];
export type IndicatorDef = SubdimensionDef['indicators'][number];
export type IndicatorScale = IndicatorDef['scale'];

const WEIGHT_TOLERANCE = 1e-9;
const SCALE_TOLERANCE = 1e-6;

/**
 * Validate one framework definition (parsed JSON). Throws InputError naming the file and the path of the bad
 * field, e.g. `papi-2018.json, field dimensions.1.subdimensions.0.weight: …`.
 */
export function parseFramework(input: unknown, file?: string): Framework {
  const parsed = frameworkSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(issue.message, { file, path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) });
  }
  const fw = parsed.data;
  const fail = (message: string, path: (string | number)[]): never => {
    throw new InputError(message, { file, path });
  };
  if (fw.years.from > fw.years.to) fail('years.from is after years.to', ['years', 'from']);
  const dimCodes = new Set<string>();
  const subCodes = new Set<string>();
  const indicatorCodes = new Set<string>();
  const variables = new Set<string>();
  fw.dimensions.forEach((dim, di) => {
    const dPath = ['dimensions', di];
    if (dimCodes.has(dim.code)) fail(`duplicate dimension code ${dim.code}`, [...dPath, 'code']);
    dimCodes.add(dim.code);
    if (dim.code !== `d${dim.number}`) fail(`code ${dim.code} does not match number ${dim.number}`, [...dPath, 'code']);
    const n = dim.subdimensions.length;
    let weightSum = 0;
    dim.subdimensions.forEach((sub, si) => {
      const sPath = [...dPath, 'subdimensions', si];
      if (subCodes.has(sub.code)) fail(`duplicate sub-dimension code ${sub.code}`, [...sPath, 'code']);
      subCodes.add(sub.code);
      if (!sub.code.startsWith(`${dim.number}.`))
        fail(`sub-dimension ${sub.code} does not belong to dimension ${dim.code}`, [...sPath, 'code']);
      if (!sub.conceptId.startsWith(`${dim.code}.`))
        fail(`conceptId ${sub.conceptId} does not belong to dimension ${dim.code}`, [...sPath, 'conceptId']);
      weightSum += sub.weight;
      // The published scale is the 1–10 score divided by the number of sub-dimensions (METHOD.md §2.1 [D]).
      const [lo, hi] = sub.scale.published;
      if (Math.abs(lo - 1 / n) > SCALE_TOLERANCE || Math.abs(hi - 10 / n) > SCALE_TOLERANCE)
        fail(`published scale must be [1/${n}, 10/${n}] in a dimension of ${n} sub-dimensions`, [
          ...sPath,
          'scale',
          'published',
        ]);
      let indicatorWeights = 0;
      let weighted = 0;
      sub.indicators.forEach((ind, ii) => {
        const iPath = [...sPath, 'indicators', ii];
        if (indicatorCodes.has(ind.code)) fail(`duplicate indicator code ${ind.code}`, [...iPath, 'code']);
        indicatorCodes.add(ind.code);
        if (!ind.code.startsWith(`${sub.code}.`))
          fail(`indicator ${ind.code} does not belong to sub-dimension ${sub.code}`, [...iPath, 'code']);
        if (variables.has(ind.variable)) fail(`duplicate microdata variable ${ind.variable}`, [...iPath, 'variable']);
        variables.add(ind.variable);
        if (ind.scale.type === 'continuous' && ind.scale.min >= ind.scale.max)
          fail('continuous scale needs min < max', [...iPath, 'scale']);
        if (ind.weight !== undefined) {
          weighted++;
          indicatorWeights += ind.weight;
        }
      });
      if (weighted > 0 && weighted < sub.indicators.length)
        fail('give a weight to every indicator of the sub-dimension or to none', [...sPath, 'indicators']);
      if (weighted > 0 && Math.abs(indicatorWeights - 1) > WEIGHT_TOLERANCE)
        fail(`indicator weights sum to ${indicatorWeights}, not 1`, [...sPath, 'indicators']);
    });
    if (Math.abs(weightSum - 1) > WEIGHT_TOLERANCE)
      fail(`sub-dimension weights of ${dim.code} sum to ${weightSum}, not 1`, [...dPath, 'subdimensions']);
  });
  const nDims = fw.dimensions.length;
  const dimWeights = fw.dimensions.reduce((s, d) => s + d.weight, 0);
  // The unweighted aggregate is a plain sum: each dimension weighs 1, so the total runs n..10n.
  if (Math.abs(dimWeights - nDims) > WEIGHT_TOLERANCE)
    fail(`dimension weights sum to ${dimWeights}, not ${nDims} (aggregate is a sum)`, ['dimensions']);
  const [aLo, aHi] = fw.aggregate.range;
  if (aLo !== nDims || aHi !== 10 * nDims)
    fail(`aggregate range must be [${nDims}, ${10 * nDims}]`, ['aggregate', 'range']);
  return fw;
}

/** The set of frameworks that covers a span of years, one per era, in time order. */
export interface FrameworkSet {
  readonly frameworks: readonly Framework[];
}

/** Validate a list of frameworks together: no two cover the same year; `comparability.previous` exists. */
export function buildFrameworkSet(frameworks: readonly Framework[]): FrameworkSet {
  const sorted = [...frameworks].sort((a, b) => a.years.from - b.years.from);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.years.from <= prev.years.to)
      throw new InputError(`${cur.id} overlaps ${prev.id} (years ${cur.years.from}–${prev.years.to})`, {
        file: `${cur.id}.json`,
        path: ['years'],
      });
    if (cur.comparability && cur.comparability.previous !== prev.id)
      throw new InputError(`comparability.previous is ${cur.comparability.previous}, expected ${prev.id}`, {
        file: `${cur.id}.json`,
        path: ['comparability', 'previous'],
      });
  }
  return { frameworks: sorted };
}

export function frameworkForYear(set: FrameworkSet, year: number): Framework | undefined {
  return set.frameworks.find((f) => year >= f.years.from && year <= f.years.to);
}

export function subdimensionsOf(fw: Framework): SubdimensionDef[] {
  return fw.dimensions.flatMap((d) => d.subdimensions);
}

export function dimensionOfSubdimension(fw: Framework, subCode: string): DimensionDef | undefined {
  return fw.dimensions.find((d) => d.subdimensions.some((s) => s.code === subCode));
}

/** Measures a ranking or a change can be computed on: the total, a dimension (d1…d8) or a sub-dimension ("2.1"). */
export type MeasureKey = 'total' | `d${number}` | `${number}.${number}`;

export function isDimensionKey(m: string): m is `d${number}` {
  return /^d[1-8]$/.test(m);
}

/**
 * Crosswalk of sub-dimension codes between two framework versions through the stable conceptId:
 * e.g. 2011–2015 "2.1" (Poverty Lists) ↔ 2018 "2.2". Concepts present in only one version map to null.
 */
export function crosswalkSubdimensions(from: Framework, to: Framework): Record<string, string | null> {
  const byConcept = new Map(subdimensionsOf(to).map((s) => [s.conceptId, s.code]));
  const out: Record<string, string | null> = {};
  for (const s of subdimensionsOf(from)) out[s.code] = byConcept.get(s.conceptId) ?? null;
  return out;
}

export interface Comparability {
  comparable: boolean;
  /** Why not, in English (the diagnosis text layer translates the standard reasons). */
  reason?: string;
  /** The era breaks crossed between the two years that revised this measure. */
  breaks: { year: number; frameworkId: string; notes: string }[];
}

/**
 * Is a measure comparable between two years? A dimension is comparable when no era boundary crossed between
 * the years revised it (the `comparability.revisedDimensions` list of each framework, which also covers
 * structural changes such as 8.3 in 2019 and D5 in 2021). The total is comparable only when every dimension
 * is comparable and the set of dimensions is the same. A sub-dimension follows its dimension and must exist
 * under the same concept in both years.
 */
export function comparability(set: FrameworkSet, measure: MeasureKey, yearA: number, yearB: number): Comparability {
  const [y1, y2] = yearA <= yearB ? [yearA, yearB] : [yearB, yearA];
  const f1 = frameworkForYear(set, y1);
  const f2 = frameworkForYear(set, y2);
  if (!f1 || !f2) return { comparable: false, reason: 'no framework for one of the years', breaks: [] };
  const crossed = set.frameworks.filter((f) => f.years.from > y1 && f.years.from <= y2);
  const dims1 = f1.dimensions.map((d) => d.code);
  const dims2 = f2.dimensions.map((d) => d.code);
  const breaks: Comparability['breaks'] = [];
  const revises = (dim: string) =>
    crossed.filter((f) => {
      const revised = f.comparability?.revisedDimensions.includes(dim) ?? true;
      if (revised) breaks.push({ year: f.years.from, frameworkId: f.id, notes: f.comparability?.notes ?? '' });
      return revised;
    }).length > 0;
  if (measure === 'total') {
    if (dims1.join() !== dims2.join())
      return {
        comparable: false,
        reason: `the number of dimensions changed (${dims1.length} → ${dims2.length})`,
        breaks: crossed.map((f) => ({ year: f.years.from, frameworkId: f.id, notes: f.comparability?.notes ?? '' })),
      };
    const revised = dims1.filter((d) => revises(d));
    return revised.length === 0
      ? { comparable: true, breaks: [] }
      : { comparable: false, reason: `dimensions revised in between: ${revised.join(', ')}`, breaks: dedupe(breaks) };
  }
  const dim = isDimensionKey(measure) ? measure : `d${measure.split('.')[0]}`;
  if (!dims1.includes(dim) || !dims2.includes(dim))
    return { comparable: false, reason: `${dim} does not exist in both years`, breaks: [] };
  if (!isDimensionKey(measure)) {
    const s1 = subdimensionsOf(f1).find((s) => s.code === measure);
    const s2 = subdimensionsOf(f2).find((s) => s.code === measure);
    if (!s1 || !s2 || s1.conceptId !== s2.conceptId)
      return { comparable: false, reason: `sub-dimension ${measure} measures a different concept`, breaks: [] };
  }
  return revises(dim)
    ? { comparable: false, reason: `${dim} was revised in between`, breaks: dedupe(breaks) }
    : { comparable: true, breaks: [] };
}

function dedupe(breaks: Comparability['breaks']): Comparability['breaks'] {
  const seen = new Set<string>();
  return breaks.filter((b) => {
    if (seen.has(b.frameworkId)) return false;
    seen.add(b.frameworkId);
    return true;
  });
}
