/**
 * The public scores API's answers, computed by the index engine on the stored series (never by hand):
 * rankings (rankingTable), profiles (provinceProfile + sub-dimension rankings), diagnosis, comparison.
 * Plain data shapes (DTOs) for JSON, CSV and XLSX; numbers are the engine's unrounded values.
 */
import { InputError } from '../../core/errors.js';
import { diagnose } from '../../core/index/diagnosis.js';
import { diagnosisSentences, type Lang } from '../../core/index/diagnosis-text.js';
import type {
  ChangeDto,
  CompareDto,
  DiagnosisDto,
  Geography,
  MeasureNameDto,
  ProfileDto,
  ProfileMeasureDto,
  ProfileYearDto,
  RankingRowDto,
  RankingsDto,
} from '../../core/index/dto.js';
import type { Framework, MeasureKey } from '../../core/index/framework.js';
import type { Change, RankingTable } from '../../core/index/ranking.js';
import { previousComparableYear, provinceProfile, rankingTable, yearOnYearChange } from '../../core/index/ranking.js';
import type { ScoreSeries } from '../../core/index/series.js';
import { frameworkOfYear, yearScores } from '../../core/index/series.js';
import { HttpError, notFound } from '../http/errors.js';
import { referenceData } from './repository.js';

export const TOTAL_NAME = { nameVi: 'Chỉ số PAPI tổng hợp', nameEn: 'PAPI total score' };

export function measureName(fw: Framework, measure: string): MeasureNameDto {
  if (measure === 'total') return { measure, ...TOTAL_NAME };
  for (const d of fw.dimensions) {
    if (d.code === measure) return { measure, nameVi: d.nameVi, nameEn: d.nameEn };
    for (const s of d.subdimensions) if (s.code === measure) return { measure, nameVi: s.nameVi, nameEn: s.nameEn };
  }
  throw new InputError(`${measure} is not part of the ${fw.era} framework`, { path: ['measure'] });
}

// Memo per series object: a new import gives new series objects, so stale entries simply fall away.
const tableMemo = new WeakMap<ScoreSeries, Map<string, RankingTable>>();
export function cachedRankingTable(series: ScoreSeries, year: number, measure: string): RankingTable {
  let m = tableMemo.get(series);
  if (!m) {
    m = new Map();
    tableMemo.set(series, m);
  }
  const key = `${year}|${measure}`;
  let t = m.get(key);
  if (!t) {
    t = rankingTable(series, year, measure as MeasureKey);
    m.set(key, t);
  }
  return t;
}

export function latestYear(series: ScoreSeries): number {
  const y = series.years.at(-1)?.year;
  if (y === undefined) throw new HttpError(404, 'not_found', 'No scores are stored yet (import the published scores)');
  return y;
}

export function requireYear(series: ScoreSeries, year: number | undefined): { year: number; fw: Framework } {
  const y = year ?? latestYear(series);
  const fw = frameworkOfYear(series, y);
  if (!fw || !yearScores(series, y)) throw notFound(`Scores for ${y}`);
  return { year: y, fw };
}

/** A province code of the geography: 400 when malformed, 404 when unknown. */
export function requireProvince(series: ScoreSeries, raw: string) {
  const code = /^\d$/.test(raw) ? `0${raw}` : raw;
  if (!/^\d{2}$/.test(code))
    throw new HttpError(400, 'invalid_province_code', `"${raw}" is not a province code (two digits, e.g. 01, 22)`, [
      'params',
      'code',
    ]);
  const p = series.provinces.find((x) => x.code === code);
  if (!p) throw notFound(`Province ${code} (${series.codeSystem === 'vn2008' ? '63 provinces' : '34 provinces'})`);
  return p;
}

export function rankings(
  series: ScoreSeries,
  geography: Geography,
  q: { year?: number; measure: string; region?: string },
): RankingsDto {
  const { year, fw } = requireYear(series, q.year);
  const name = measureName(fw, q.measure);
  const table = cachedRankingTable(series, year, q.measure);
  const rows = table.entries
    .filter((e) => !q.region || e.province.region === q.region)
    .map(
      (e): RankingRowDto => ({
        rank: e.rank,
        code: e.province.code,
        nameVi: e.province.nameVi,
        nameEn: e.province.nameEn,
        region: e.province.region ?? null,
        score: e.score,
        interval: e.interval ? { lo: e.interval.lo, hi: e.interval.hi } : null,
        // Published tables carry no uncertainty; rank intervals come with microdata runs.
        rankInterval: null,
        group: e.group,
        status: e.score === null ? 'not-rated' : e.status,
      }),
    );
  return {
    year,
    geography,
    codeSystem: series.codeSystem,
    frameworkId: table.frameworkId,
    measure: name,
    region: q.region ?? null,
    rated: table.thresholds?.n ?? 0,
    thresholds: table.thresholds,
    rows,
    approximation: table.approximation ?? null,
  };
}

const changeDto = (c: Change | undefined): ChangeDto | null =>
  c
    ? {
        fromYear: c.fromYear,
        toYear: c.toYear,
        delta: c.delta,
        comparable: c.comparable,
        reason: c.reason ?? null,
        breakYears: c.breakYears ?? [],
        significant: c.significant,
      }
    : null;

/**
 * Profiles depend only on the (immutable, cached) series and the province: computed once per series, so
 * a cold visit to a profile waits for the network, not for 14 years of rankings to be rebuilt.
 */
const profiles = new WeakMap<ScoreSeries, Map<string, Promise<ProfileDto>>>();

export function profile(series: ScoreSeries, geography: Geography, rawCode: string): Promise<ProfileDto> {
  const ref = requireProvince(series, rawCode);
  let bySeries = profiles.get(series);
  if (!bySeries) {
    bySeries = new Map();
    profiles.set(series, bySeries);
  }
  const key = `${geography}:${ref.code}`;
  let p = bySeries.get(key);
  if (!p) {
    p = buildProfile(series, geography, ref);
    // A failure is not remembered: the next request tries again.
    p.catch(() => bySeries.delete(key));
    bySeries.set(key, p);
  }
  return p;
}

async function buildProfile(
  series: ScoreSeries,
  geography: Geography,
  ref: ReturnType<typeof requireProvince>,
): Promise<ProfileDto> {
  const regions = (await referenceData()).regions;
  const region = regions.find((r) => r.id === ref.region);
  const engine = provinceProfile(series, ref.code);
  const years: ProfileYearDto[] = engine.years.map((py, i) => {
    const fw = series.frameworks.frameworks.find((f) => f.id === py.frameworkId)!;
    const prevYear = i > 0 ? engine.years[i - 1]!.year : null;
    const measureDto = (
      m: (typeof py.dimensions)[number] | undefined,
      measure: string,
      dimension: string | null,
    ): ProfileMeasureDto => {
      const table = cachedRankingTable(series, py.year, measure);
      const e = m ? null : table.entries.find((x) => x.province.code === ref.code);
      let change =
        m?.change ??
        (prevYear !== null ? yearOnYearChange(series, ref.code, measure as MeasureKey, prevYear, py.year) : undefined);
      // Previous year not rated (e.g. 2023): compare with the last comparable year that has a score.
      if (change?.comparable && change.delta === null && change.to !== null) {
        const back = previousComparableYear(series, ref.code, measure as MeasureKey, py.year);
        if (back !== null) change = yearOnYearChange(series, ref.code, measure as MeasureKey, back, py.year);
      }
      const score = m ? m.score : (e?.score ?? null);
      const iv = m ? m.interval : e?.interval;
      return {
        ...measureName(fw, measure),
        dimension,
        score,
        rank: m ? m.rank : (e?.rank ?? null),
        of: m ? m.of : (table.thresholds?.n ?? 0),
        group: m ? m.group : (e?.group ?? null),
        interval: iv ? { lo: iv.lo, hi: iv.hi } : null,
        nationalMedian: table.thresholds?.p50 ?? null,
        change: changeDto(change),
      };
    };
    return {
      year: py.year,
      frameworkId: py.frameworkId,
      status: py.status,
      total: measureDto(py.total, 'total', null),
      dimensions: py.dimensions.map((d) => measureDto(d, d.measure, null)),
      subdimensions: fw.dimensions.flatMap((d) => d.subdimensions.map((s) => measureDto(undefined, s.code, d.code))),
    };
  });
  return {
    geography,
    codeSystem: series.codeSystem,
    province: {
      code: ref.code,
      nameVi: ref.nameVi,
      nameEn: ref.nameEn,
      region: ref.region ?? null,
      regionVi: region?.nameVi ?? null,
      regionEn: region?.nameEn ?? null,
    },
    years,
    approximation: engine.approximation ?? null,
  };
}

export async function diagnosis(
  series: ScoreSeries,
  rawCode: string,
  q: { year?: number; lang: Lang },
): Promise<DiagnosisDto> {
  const ref = requireProvince(series, rawCode);
  const { year } = requireYear(series, q.year);
  const d = diagnose(series, year, ref.code, { regions: (await referenceData()).regions });
  return { year, lang: q.lang, sentences: diagnosisSentences(d, q.lang), diagnosis: d };
}

export function compare(series: ScoreSeries, geography: Geography, codes: string[], yearQ?: number): CompareDto {
  const refs = codes.map((c) => requireProvince(series, c));
  if (new Set(refs.map((r) => r.code)).size !== refs.length)
    throw new HttpError(400, 'validation_failed', 'each province may appear only once', ['querystring', 'codes']);
  const { year, fw } = requireYear(series, yearQ);
  const measures = [
    { measure: 'total', dimension: null as string | null },
    ...fw.dimensions.map((d) => ({ measure: d.code, dimension: null as string | null })),
    ...fw.dimensions.flatMap((d) => d.subdimensions.map((s) => ({ measure: s.code, dimension: d.code }))),
  ];
  const tables = new Map(measures.map((m) => [m.measure, cachedRankingTable(series, year, m.measure)]));
  const ys = yearScores(series, year)!;
  return {
    year,
    geography,
    frameworkId: fw.id,
    measures: measures.map((m) => ({
      ...measureName(fw, m.measure),
      dimension: m.dimension,
      nationalMedian: tables.get(m.measure)?.thresholds?.p50 ?? null,
    })),
    provinces: refs.map((r) => ({
      code: r.code,
      nameVi: r.nameVi,
      nameEn: r.nameEn,
      region: r.region ?? null,
      status: ys.provinces.find((p) => p.provinceCode === r.code)?.status ?? 'not-rated',
      values: Object.fromEntries(
        measures.map((m) => {
          const e = tables.get(m.measure)!.entries.find((x) => x.province.code === r.code);
          return [m.measure, { score: e?.score ?? null, rank: e?.rank ?? null, group: e?.group ?? null }];
        }),
      ),
    })),
    approximation: series.approximation ?? null,
  };
}
