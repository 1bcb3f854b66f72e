/**
 * Table types of the disclosures module (Public disclosure register (công khai)), merged into `Database` (server/db/schema.ts).
 */

/** A kind of item communes must disclose (nội dung công khai); seeded by migration 0006, configurable. */
export interface DisclosureTypeTable {
  /** Stable code ('budget_estimate'). */
  id: string;
  name_vi: string;
  name_en: string;
  legal_basis_vi: string;
  legal_basis_en: string;
  /** 'days' (at least min_days) | 'throughout' (the whole period the item concerns). */
  rule_kind: string;
  min_days: number | null;
  /** 0/1: the item names people; never public unless the public copy is redacted. */
  personal_data: number;
  /** 0/1: counted on the compliance board. */
  required: number;
  /** 0/1 */
  active: number;
  /** JSON PapiLink[] (core/disclosures/types.ts). */
  papi_json: string;
  position: number;
  created_at: string;
  updated_at: string;
}

/** One posting of an item by a unit (lần công khai). */
export interface DisclosureTable {
  id: string;
  unit_id: string;
  type_id: string;
  title: string;
  /** '2026', '2026Q1', '2021-2030' (core/disclosures/record.ts PERIOD_PATTERN). */
  period: string;
  /** First year of the period: the year it counts for on the compliance board. */
  year: number;
  /** JSON DisclosurePlace[] */
  places_json: string;
  place_note: string | null;
  posted_from: string;
  posted_until: string | null;
  period_end: string | null;
  /** 0/1: the public copy is on the portal. */
  published: number;
  /** 0/1: the officer confirmed the public copy has no personal data. */
  redacted: number;
  summary: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export type DisclosureTables = {
  disclosure_type: DisclosureTypeTable;
  disclosure: DisclosureTable;
};

/** This module's tables, parents before children (backup/restore order; see server/db/migrate.ts). */
export const DISCLOSURE_TABLE_NAMES = [
  'disclosure_type',
  'disclosure',
] as const satisfies readonly (keyof DisclosureTables)[];
