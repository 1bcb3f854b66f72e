/**
 * Vocabulary of units of government (đơn vị hành chính) shared by the importer, the repository,
 * the HTTP routes and the CLI.
 */
import type { UnitCrosswalkTable, UnitTable } from '../db/schema.js';

export const UNIT_TYPES = [
  'province', // tỉnh
  'centrally_run_city', // thành phố trực thuộc trung ương
  'district', // huyện, quận, thị xã, thành phố thuộc tỉnh (until 2025-06-30)
  'commune', // xã
  'ward', // phường
  'special_zone', // đặc khu
  'department', // sở, ban, ngành
  'office', // phòng, văn phòng
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const isUnitType = (value: string): value is UnitType => (UNIT_TYPES as readonly string[]).includes(value);

/**
 * Filters by type accept the unit types above, and two level words: `province` means every
 * province-level unit (tỉnh and thành phố trực thuộc trung ương), `commune` every commune-level unit
 * (xã, phường, đặc khu). So `--type province --q "ha noi"` finds the city of Hà Nội.
 */
export const TYPE_FILTER_GROUPS: Record<UnitType, readonly UnitType[]> = {
  province: ['province', 'centrally_run_city'],
  centrally_run_city: ['centrally_run_city'],
  district: ['district'],
  commune: ['commune', 'ward', 'special_zone'],
  ward: ['ward'],
  special_zone: ['special_zone'],
  department: ['department'],
  office: ['office'],
};

/** Unit types a filter word stands for (see TYPE_FILTER_GROUPS). */
export function expandTypeFilter(words: readonly UnitType[]): UnitType[] {
  return [...new Set(words.flatMap((w) => TYPE_FILTER_GROUPS[w]))];
}

/** Order of types when a list mixes them: provinces before districts before communes, offices last. */
export const TYPE_RANK: Record<UnitType, number> = {
  centrally_run_city: 0,
  province: 0,
  district: 1,
  commune: 2,
  ward: 2,
  special_zone: 2,
  department: 3,
  office: 4,
};

export const CODE_SYSTEMS = ['vn2008', 'vn2025', 'local'] as const;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

/** Last day of the 63-province map, first day of the 34-province map (Nghị quyết 202/2025/QH15). */
export const VN2008_VALID_TO = '2025-06-30';
export const VN2025_VALID_FROM = '2025-07-01';

export type UnitRow = UnitTable;
export type CrosswalkRow = UnitCrosswalkTable;

export const unitId = (codeSystem: string, code: string): string => `${codeSystem}:${code}`;
