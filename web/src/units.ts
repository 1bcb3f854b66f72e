/** Showing units: the name in the current language and the province a commune belongs to. */
import { useQuery } from '@tanstack/react-query';
import type { Lang } from '../../core/i18n/index';
import { apiGet } from './api/client';
import type { UnitDto, UnitList } from './api/types';

export const PUBLIC_UNIT_TYPES = 'province,centrally_run_city,commune,ward,special_zone';
export const PROVINCE_TYPES = 'province,centrally_run_city';

export function unitName(unit: Pick<UnitDto, 'fullNameVi' | 'fullNameEn' | 'nameVi'>, lang: Lang): string {
  return (lang === 'en' ? unit.fullNameEn : unit.fullNameVi) || unit.fullNameVi || unit.nameVi;
}

/** Id of the province a unit lies in (first id of its path), or undefined for a province itself. */
export function provinceIdOf(unit: UnitDto): string | undefined {
  if (unit.level <= 1) return undefined;
  return unit.path.split('/').filter(Boolean)[0];
}

/** All provinces valid on a date (34 today, 63 before 2025-07-01), cached: small and reused. */
export function useProvinces(asOf: string, enabled = true) {
  return useQuery({
    queryKey: ['units', 'provinces', asOf],
    queryFn: () => apiGet<UnitList>('/api/units', { type: PROVINCE_TYPES, asOf, limit: 100 }),
    staleTime: 10 * 60_000,
    enabled,
  });
}
