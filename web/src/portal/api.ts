/**
 * The public scores API (server/routes/scores.ts) as typed react-query hooks. The page shows what
 * these return, formatted; it never computes a score, rank or group itself.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../api/client';

// The answers' shapes are the server's own (core/index/dto.ts), under the names the pages use.
export type {
  ChangeDto,
  CompareDto,
  DiagnosisDto,
  Geography,
  IntervalDto as Interval,
  MeasureNameDto as MeasureName,
  ProfileDto,
  ProfileMeasureDto as ProfileMeasure,
  ProfileYearDto as ProfileYear,
  RankingRowDto as RankingRow,
  RankingsDto,
} from '../../../core/index/dto';
export type { Group, Thresholds } from '../../../core/index/groups';
export type { ApproximationNote as Approximation, RatingStatus as Status } from '../../../core/index/series';

import {
  type CompareDto,
  type DiagnosisDto,
  type Geography,
  type ProfileDto,
  profileUrl,
  type RankingsDto,
} from '../../../core/index/dto';

/** Shapes of /api/scores/years and /api/frameworks, read only by the web app. */
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

// The server preloads this very URL for a shared profile link (server/http/preload.ts).
const getProfile = (code: string, geography: Geography) => apiGet<ProfileDto>(profileUrl(code, geography));

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

/** A province's issued improvement plans (server/plans/public.ts), for its profile. */
export interface PublicPlansDto {
  unit: { id: string; nameVi: string; nameEn: string } | null;
  plans: {
    id: string;
    year: number;
    status: 'issued' | 'amended' | 'closed';
    title: string;
    number: string | null;
    symbol: string | null;
    issuedDate: string | null;
    taskCount: number;
    doneCount: number;
    overdueCount: number;
    progress: number;
    dimensions: { dimension: number; taskCount: number; doneCount: number; overdueCount: number; progress: number }[];
  }[];
}
export const usePublicPlans = (province: string, geography: Geography) =>
  useQuery({
    queryKey: ['portal', 'plans', province, geography],
    queryFn: () => apiGet<PublicPlansDto>('/api/portal/plans', { province, geography }),
  });
