/**
 * What the API (and the audit log) shows for a unit of government and a crosswalk row: camelCase,
 * no internal columns (name_folded, timestamps).
 */
import { z } from 'zod';
import type { UnitCrosswalkTable, UnitTable } from '../db/schema.js';

export const UnitDtoSchema = z.object({
  id: z.string().meta({ example: 'vn2025:33' }),
  codeSystem: z
    .string()
    .meta({ description: "'vn2008' (63 provinces), 'vn2025' (34 provinces, 3,321 communes), 'local'" }),
  code: z.string().meta({ example: '33' }),
  nameVi: z.string().meta({ example: 'Hưng Yên' }),
  nameEn: z.string().meta({ example: 'Hung Yen' }),
  fullNameVi: z.string().meta({ example: 'Tỉnh Hưng Yên' }),
  fullNameEn: z.string().meta({ example: 'Hung Yen Province' }),
  unitType: z.string().meta({
    description: 'province | centrally_run_city | district | commune | ward | special_zone | department | office',
  }),
  level: z.number().int(),
  parentId: z.string().nullable(),
  path: z.string().meta({ example: '/vn2025:33/' }),
  validFrom: z.string().nullable().meta({ description: 'first day (YYYY-MM-DD); null = since always' }),
  validTo: z.string().nullable().meta({ description: 'last day (YYYY-MM-DD); null = still valid' }),
});
export type UnitDto = z.infer<typeof UnitDtoSchema>;

export const UnitDetailDtoSchema = UnitDtoSchema.extend({
  ancestors: z.array(UnitDtoSchema),
  childCount: z.number().int(),
});
export type UnitDetailDto = z.infer<typeof UnitDetailDtoSchema>;

export const CrosswalkDtoSchema = z.object({
  fromUnitId: z.string().meta({ example: 'vn2008:34' }),
  toUnitId: z.string().meta({ example: 'vn2025:33' }),
  effectiveDate: z.string().meta({ example: '2025-07-01' }),
  kind: z.string().meta({ description: "'full' (whole old unit) or 'partial' (split)" }),
  codeReused: z.boolean().meta({ description: "the new unit kept the old unit's code" }),
});
export type CrosswalkDto = z.infer<typeof CrosswalkDtoSchema>;

export function presentUnit(u: UnitTable): UnitDto {
  return {
    id: u.id,
    codeSystem: u.code_system,
    code: u.code,
    nameVi: u.name_vi,
    nameEn: u.name_en,
    fullNameVi: u.full_name_vi,
    fullNameEn: u.full_name_en,
    unitType: u.unit_type,
    level: u.level,
    parentId: u.parent_id,
    path: u.path,
    validFrom: u.valid_from,
    validTo: u.valid_to,
  };
}

export function presentCrosswalk(c: UnitCrosswalkTable): CrosswalkDto {
  return {
    fromUnitId: c.from_unit_id,
    toUnitId: c.to_unit_id,
    effectiveDate: c.effective_date,
    kind: c.kind,
    codeReused: c.code_reused === 1,
  };
}
