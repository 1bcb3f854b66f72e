/**
 * The public scores API (server/routes/scores.ts) as typed react-query hooks. The page shows what
 * these return, formatted; it never computes a score, rank or group itself.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../api/client';

export type Geography = '63' | '34';
export type Group = 'best' | 'high-average' | 'low-average' | 'poorest';
export type Status = 'rated' | 'partial' | 'not-rated';

export interface Approximation {
  kind: string;
  official: boolean;
  textVi: string;
  textEn: string;
}
export interface Interval {
  lo: number;
  hi: number;
}
export interface Thresholds {
  p25: number;
  p50: number;
  p75: number;
  n: number;
}
export interface ProvinceRef {
  code: string;
  nameVi: string;
  nameEn: string;
  region: string | null;
}
export interface YearsDto {
  years: { year: number; frameworkId: string; era: string; rated: number }[];
  geographies: { id: Geography; codeSystem: string; provinces: number; official: boolean }[];
  regions: { id: string; nameVi: string; nameEn: string }[];
  provinces: Record<Geography, ProvinceRef[]>;
}
export interface FrameworkDto {
  id: string;
  era: string;
  years: { from: number; to: number };
  dimensions: {
    code: string;
    number: number;
    nameVi: string;
    nameEn: string;
    subdimensions: { code: string; nameVi: string; nameEn: string }[];
  }[];
}
export interface MeasureName {
  measure: string;
  nameVi: string;
  nameEn: string;
}
export interface RankingRow {
  rank: number | null;
  code: string;
  nameVi: string;
  nameEn: string;
  region: string | null;
  score: number | null;
  interval: Interval | null;
  rankInterval: Interval | null;
  group: Group | null;
  status: Status;
}
export interface RankingsDto {
  year: number;
  geography: Geography;
  frameworkId: string;
  measure: MeasureName;
  region: string | null;
  rated: number;
  thresholds: Thresholds | null;
  rows: RankingRow[];
  approximation: Approximation | null;
}
export interface ChangeDto {
  fromYear: number;
  toYear: number;
  delta: number | null;
  comparable: boolean;
  reason: string | null;
  breakYears: number[];
  significant: boolean | null;
}
export interface ProfileMeasure extends MeasureName {
  dimension: string | null;
  score: number | null;
  rank: number | null;
  of: number;
  group: Group | null;
  interval: Interval | null;
  nationalMedian: number | null;
  change: ChangeDto | null;
}
export interface ProfileYear {
  year: number;
  frameworkId: string;
  status: Status;
  total: ProfileMeasure;
  dimensions: ProfileMeasure[];
  subdimensions: ProfileMeasure[];
}
export interface ProfileDto {
  geography: Geography;
  province: {
    code: string;
    nameVi: string;
    nameEn: string;
    region: string | null;
    regionVi: string | null;
    regionEn: string | null;
  };
  years: ProfileYear[];
  approximation: Approximation | null;
}
export interface DiagnosisDto {
  year: number;
  lang: 'vi' | 'en';
  sentences: string[];
}
export interface CompareDto {
  year: number;
  geography: Geography;
  measures: (MeasureName & { dimension: string | null; nationalMedian: number | null })[];
  provinces: (ProvinceRef & {
    status: Status;
    values: Record<string, { score: number | null; rank: number | null; group: Group | null }>;
  })[];
  approximation: Approximation | null;
}

const forever = { staleTime: 10 * 60_000 };

export const useYears = () =>
  useQuery({ queryKey: ['scores', 'years'], queryFn: () => apiGet<YearsDto>('/api/scores/years'), ...forever });
export const useFrameworks = () =>
  useQuery({
    queryKey: ['frameworks'],
    queryFn: () => apiGet<{ items: FrameworkDto[] }>('/api/frameworks').then((r) => r.items),
    ...forever,
  });

export interface RankingsQuery {
  year?: number;
  measure: string;
  geography: Geography;
  region?: string;
}
export const useRankings = (q: RankingsQuery, enabled = true) =>
  useQuery({
    queryKey: ['scores', 'rankings', q],
    queryFn: () => apiGet<RankingsDto>('/api/scores/rankings', { ...q }),
    enabled,
    ...forever,
  });
export const rankingsFileUrl = (q: RankingsQuery, ext: 'csv' | 'xlsx') =>
  withQuery(`/api/scores/rankings.${ext}`, { ...q });

const getProfile = (code: string, geography: Geography) =>
  apiGet<ProfileDto>(`/api/scores/provinces/${encodeURIComponent(code)}`, { geography });

/**
 * Requests started before React renders (render-as-you-fetch), each handed to the first query that
 * asks for it. On a cold load the page's data then travels while the app boots instead of after.
 */
const early = new Map<string, Promise<unknown>>();
function takeEarly<T>(key: string, load: () => Promise<T>): Promise<T> {
  const p = early.get(key) as Promise<T> | undefined;
  early.delete(key);
  return p ?? load();
}

/** Starts loading a province profile now; the next useProfile of the same province takes it. */
export function prefetchProfile(code: string, geography: Geography): void {
  const key = `profile:${code}:${geography}`;
  if (early.has(key)) return;
  const p = getProfile(code, geography);
  p.catch(() => undefined); // the query that takes it reports the error; an unused one stays silent
  early.set(key, p);
}

export const useProfile = (code: string, geography: Geography) =>
  useQuery({
    queryKey: ['scores', 'profile', code, geography],
    queryFn: () => takeEarly(`profile:${code}:${geography}`, () => getProfile(code, geography)),
    ...forever,
  });
export const useDiagnosis = (code: string, geography: Geography, year: number | undefined, lang: 'vi' | 'en') =>
  useQuery({
    queryKey: ['scores', 'diagnosis', code, geography, year, lang],
    queryFn: () =>
      apiGet<DiagnosisDto>(`/api/scores/provinces/${encodeURIComponent(code)}/diagnosis`, { geography, year, lang }),
    enabled: year !== undefined,
    ...forever,
  });
export const useCompare = (codes: string[], year: number | undefined, geography: Geography) =>
  useQuery({
    queryKey: ['scores', 'compare', codes, year, geography],
    queryFn: () => apiGet<CompareDto>('/api/scores/compare', { codes: codes.join(','), year, geography }),
    enabled: codes.length >= 2,
    ...forever,
  });
