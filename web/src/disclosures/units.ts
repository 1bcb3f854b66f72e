/** Units an officer works on: their role units and the units directly below them (communes of a province). */
import { useQueries, useQuery } from '@tanstack/react-query';
import { todayInVietnam } from '../../../core/i18n/format';
import { apiGet } from '../api/client';
import type { Me, UnitDto, UnitList } from '../api/types';
import { PROVINCE_TYPES } from '../units';

export interface UnitChoice {
  id: string;
  nameVi: string;
  nameEn: string;
  /** 1 = province level. */
  level: number;
}

async function children(id: string): Promise<UnitDto[]> {
  const res = await apiGet<UnitDto[] | UnitList>(`/api/units/${encodeURIComponent(id)}/children`, {
    asOf: todayInVietnam(),
  });
  return (Array.isArray(res) ? res : res.items).filter((u) => u.codeSystem !== 'local');
}

export function useUnitChoices(me: Me): { units: UnitChoice[]; loading: boolean } {
  const roleUnits = me.roles.filter((r) => r.unitId);
  const isAdmin = me.roles.some((r) => r.role === 'system_admin');
  const provinces = useQuery({
    queryKey: ['units', 'provinces-choice'],
    queryFn: () => apiGet<UnitList>('/api/units', { type: PROVINCE_TYPES, asOf: todayInVietnam(), limit: 100 }),
    enabled: isAdmin,
    staleTime: 30 * 60_000,
  });
  const below = useQueries({
    queries: roleUnits.map((r) => ({
      queryKey: ['units', 'children-choice', r.unitId],
      queryFn: () => children(r.unitId as string),
      staleTime: 30 * 60_000,
    })),
  });
  const seen = new Set<string>();
  const units: UnitChoice[] = [];
  const add = (u: UnitChoice) => {
    if (!seen.has(u.id)) {
      seen.add(u.id);
      units.push(u);
    }
  };
  roleUnits.forEach((r, i) => {
    add({ id: r.unitId as string, nameVi: r.unitNameVi ?? '', nameEn: r.unitNameEn ?? '', level: 1 });
    for (const c of below[i]?.data ?? []) add({ id: c.id, nameVi: c.nameVi, nameEn: c.nameEn, level: 2 });
  });
  for (const p of provinces.data?.items ?? []) add({ id: p.id, nameVi: p.nameVi, nameEn: p.nameEn, level: 1 });
  return { units, loading: below.some((q) => q.isPending) || (isAdmin && provinces.isPending) };
}
