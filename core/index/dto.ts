/**
 * The answers of the public scores API (/api/scores/*) as plain JSON shapes, shared by the server
 * (server/scores/queries.ts builds them from the engine) and the web portal (web/src/portal/api.ts reads
 * them), so the two cannot drift apart. Numbers are the engine's unrounded values.
 */
import type { Diagnosis } from './diagnosis.js';
import type { Group, Thresholds } from './groups.js';
import type { ApproximationNote, RatingStatus } from './series.js';

/** '63' = the provinces before 1 July 2025 (vn2008); '34' = the provinces formed on that day (vn2025). */
export type Geography = '63' | '34';

/** The profile's URL, one spelling for the page that fetches it and the server that preloads it. */
export function profileUrl(code: string, geography: Geography): string {
  return `/api/scores/provinces/${encodeURIComponent(code)}?geography=${geography}`;
}

export interface IntervalDto {
  lo: number;
  hi: number;
}

export interface RankingRowDto {
  rank: number | null;
  code: string;
  nameVi: string;
  nameEn: string;
  region: string | null;
  /** Unrounded engine score; null = not rated (chưa xếp hạng). */
  score: number | null;
  interval: IntervalDto | null;
  rankInterval: IntervalDto | null;
  group: Group | null;
  status: RatingStatus;
}

export interface MeasureNameDto {
  measure: string;
  nameVi: string;
  nameEn: string;
}

export interface RankingsDto {
  year: number;
  geography: Geography;
  codeSystem: string;
  frameworkId: string;
  measure: MeasureNameDto;
  region: string | null;
  /** Number of rated provinces nationally (thresholds and ranks are national even when filtered by region). */
  rated: number;
  thresholds: Thresholds | null;
  rows: RankingRowDto[];
  approximation: ApproximationNote | null;
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

export interface ProfileMeasureDto extends MeasureNameDto {
  /** Dimension of a sub-dimension ('d2' for '2.1'); null for the total and dimensions. */
  dimension: string | null;
  score: number | null;
  rank: number | null;
  of: number;
  group: Group | null;
  interval: IntervalDto | null;
  /** National median (P50 of the rated provinces): the radar's reference. */
  nationalMedian: number | null;
  /** Change since the previous year of the series (not comparable across an era break). */
  change: ChangeDto | null;
}

export interface ProfileYearDto {
  year: number;
  frameworkId: string;
  status: RatingStatus;
  total: ProfileMeasureDto;
  dimensions: ProfileMeasureDto[];
  subdimensions: ProfileMeasureDto[];
}

export interface ProfileDto {
  geography: Geography;
  codeSystem: string;
  province: {
    code: string;
    nameVi: string;
    nameEn: string;
    region: string | null;
    regionVi: string | null;
    regionEn: string | null;
  };
  years: ProfileYearDto[];
  approximation: ApproximationNote | null;
}

export interface CompareDto {
  year: number;
  geography: Geography;
  frameworkId: string;
  measures: (MeasureNameDto & { dimension: string | null; nationalMedian: number | null })[];
  provinces: {
    code: string;
    nameVi: string;
    nameEn: string;
    region: string | null;
    status: RatingStatus;
    values: Record<string, { score: number | null; rank: number | null; group: Group | null }>;
  }[];
  approximation: ApproximationNote | null;
}

export interface DiagnosisDto {
  year: number;
  lang: 'vi' | 'en';
  /** Plain sentences (core/index/diagnosis-text.ts) in `lang`. */
  sentences: string[];
  diagnosis: Diagnosis;
}
