/**
 * From validated unit files to the rows we want stored: ids, tree (parent, path, level), validity dates,
 * folded search names. No database here, so the importer can diff desired against stored rows.
 */
import { foldVietnamese, stripVietnameseMarks } from '../../core/text/fold.js';
import type { UnitFiles } from '../io/units-csv.js';
import { computeLevel, computePath, foldUnitNames } from './repository.js';
import { type CrosswalkRow, type UnitRow, unitId, VN2008_VALID_TO, VN2025_VALID_FROM } from './types.js';

/** A unit as the importer wants it stored (timestamps are the importer's business). */
export type UnitRecord = Omit<UnitRow, 'created_at' | 'updated_at'>;

/**
 * Former names still used in searches. Thừa Thiên Huế became Thành phố Huế on 2025-01-01
 * (Nghị quyết 175/2024/QH15); people still type "thua thien hue".
 */
const FORMER_NAMES: Record<string, string[]> = {
  'vn2008:46': ['Thừa Thiên Huế'],
  'vn2025:46': ['Thừa Thiên Huế'],
};

export function buildUnitRecords(files: UnitFiles): { units: UnitRecord[]; crosswalk: CrosswalkRow[] } {
  const units: UnitRecord[] = [];
  const folded = (id: string, nameVi: string, fullNameVi: string, nameEn: string) =>
    [foldUnitNames({ nameVi, fullNameVi, nameEn }), ...(FORMER_NAMES[id] ?? []).map(foldVietnamese)].join(' ');

  // The 2025 provinces: English names come with the file.
  const englishByFoldedName = new Map<string, string>();
  for (const p of files.provinces2025) {
    const id = unitId('vn2025', p.code);
    englishByFoldedName.set(foldVietnamese(p.name), p.nameEn);
    units.push({
      id,
      code_system: 'vn2025',
      code: p.code,
      name_vi: p.name,
      name_en: p.nameEn,
      full_name_vi: p.fullName,
      full_name_en: p.fullNameEn,
      name_folded: folded(id, p.name, p.fullName, p.nameEn),
      unit_type: p.unitType,
      level: computeLevel(null),
      parent_id: null,
      path: computePath(null, id),
      valid_from: VN2025_VALID_FROM,
      valid_to: null,
    });
  }

  // The 63 old provinces have no English names in the source: reuse the 2025 one when the name
  // survived ("Hà Nội" → "Hanoi"), otherwise the name without diacritics ("Hà Giang" → "Ha Giang").
  for (const p of files.provinces2008) {
    const id = unitId('vn2008', p.code);
    const nameEn = englishByFoldedName.get(foldVietnamese(p.name)) ?? stripVietnameseMarks(p.name);
    const fullNameEn = `${nameEn} ${p.unitType === 'centrally_run_city' ? 'City' : 'Province'}`;
    units.push({
      id,
      code_system: 'vn2008',
      code: p.code,
      name_vi: p.name,
      name_en: nameEn,
      full_name_vi: p.fullName,
      full_name_en: fullNameEn,
      name_folded: folded(id, p.name, p.fullName, nameEn),
      unit_type: p.unitType,
      level: computeLevel(null),
      parent_id: null,
      path: computePath(null, id),
      valid_from: null,
      valid_to: VN2008_VALID_TO,
    });
  }

  const provinceById = new Map(units.map((u) => [u.id, u]));
  for (const c of files.communes) {
    const id = unitId('vn2025', c.code);
    const parent = provinceById.get(unitId('vn2025', c.provinceCode))!;
    units.push({
      id,
      code_system: 'vn2025',
      code: c.code,
      name_vi: c.name,
      name_en: c.nameEn,
      full_name_vi: c.fullName,
      full_name_en: c.fullNameEn,
      name_folded: folded(id, c.name, c.fullName, c.nameEn),
      unit_type: c.unitType,
      level: computeLevel(parent),
      parent_id: parent.id,
      path: computePath(parent, id),
      valid_from: VN2025_VALID_FROM,
      valid_to: null,
    });
  }

  const crosswalk: CrosswalkRow[] = files.crosswalk.map((m) => ({
    from_unit_id: unitId('vn2008', m.oldCode),
    to_unit_id: unitId('vn2025', m.newCode),
    effective_date: VN2025_VALID_FROM,
    kind: m.kind,
    code_reused: m.codeReused ? 1 : 0,
  }));
  return { units, crosswalk };
}
