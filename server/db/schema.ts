import type { CampaignTables } from '../campaigns/tables.js';
import type { DisclosureTables } from '../disclosures/tables.js';
import type { FeedbackTables } from '../feedback/tables.js';
import type { FileTables } from '../files/tables.js';
import type { InspectionTables } from '../inspections/tables.js';
import type { PlanTables } from '../plans/tables.js';
import type { ReminderTables } from '../reminders/tables.js';
import type { SurveyTables } from '../surveys/tables.js';

/**
 * Table types for the one schema that runs on SQLite and PostgreSQL (see db/README.md for the
 * portability rules: text ids, ISO-8601 UTC text timestamps, 0/1 integer booleans, JSON as text).
 * Each module adds its tables here, next to its migration.
 */
/** Unit of government (đơn vị hành chính) or an office inside one (sở, phòng). DHIS2-style org unit. */
export interface UnitTable {
  /** `${codeSystem}:${code}`, e.g. 'vn2025:01' (Hà Nội after 2025-07-01), 'vn2008:15' (Yên Bái), 'local:<uuid>'. */
  id: string;
  /** 'vn2008' (63 provinces, valid until 2025-06-30), 'vn2025' (34 provinces, 3,321 communes), 'local'. */
  code_system: string;
  code: string;
  name_vi: string;
  name_en: string;
  full_name_vi: string;
  full_name_en: string;
  /** Folded (no diacritics, đ→d, lower case) names for diacritics-insensitive search. */
  name_folded: string;
  /** province | centrally_run_city | district | commune | ward | special_zone | department | office */
  unit_type: string;
  /** Depth in the tree: 1 = province level. */
  level: number;
  parent_id: string | null;
  /** Materialised path of ids, '/vn2025:01/vn2025:00004/'; a subtree is `path LIKE '<path>%'`. */
  path: string;
  /** ISO date (YYYY-MM-DD) from which the unit exists; null = since always. */
  valid_from: string | null;
  /** ISO date of the last day the unit exists; null = still valid. */
  valid_to: string | null;
  created_at: string;
  updated_at: string;
}

/** Old → new unit after a merger (sáp nhập), e.g. Hà Giang → Tuyên Quang on 2025-07-01. */
export interface UnitCrosswalkTable {
  from_unit_id: string;
  to_unit_id: string;
  /** First day the new unit exists. */
  effective_date: string;
  /** 'full' = the whole old unit went into the new one; 'partial' = split. */
  kind: string;
  /** 1 when the new unit kept the old unit's code. */
  code_reused: number;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  locale: string;
  disabled: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

/** A role bound to a unit; its reach is that unit's subtree. */
export interface RoleAssignmentTable {
  id: string;
  user_id: string;
  /** system_admin | province_officer | commune_officer | viewer */
  role: string;
  unit_id: string | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 (hex) of the random token in the cookie; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
}

/** Every write: who, when, which entity, before and after. */
export interface AuditLogTable {
  id: string;
  at: string;
  /** user id, or null for system actors */
  actor_id: string | null;
  /** username, or 'system:<name>' */
  actor_name: string;
  /** create | update | delete | import | login | logout ... */
  action: string;
  entity_type: string;
  entity_id: string;
  /** Unit the entity belongs to, so audit reading can be scoped like everything else. */
  unit_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

/** A set of stored PAPI scores: the published tables, or one microdata run. */
export interface ScoreDatasetTable {
  /** e.g. 'published' (the published sub-dimension tables on the 63 provinces). */
  id: string;
  /** 'published' | 'microdata' */
  source: string;
  /** 'vn2008' | 'vn2025' */
  code_system: string;
  label: string;
  created_at: string;
  /** ApproximationNote (JSON) when the scores are not official; null for published tables. */
  approximation_json: string | null;
}

/** One sub-dimension score (published scale); value null = not rated (chưa xếp hạng), never 0. */
export interface ScoreValueTable {
  dataset_id: string;
  year: number;
  province_code: string;
  code_system: string;
  /** Sub-dimension code of the year's framework, e.g. '2.1'. */
  subdimension: string;
  value: number | null;
}

export interface Database
  extends PlanTables,
    ReminderTables,
    FeedbackTables,
    DisclosureTables,
    InspectionTables,
    SurveyTables,
    CampaignTables,
    FileTables {
  unit: UnitTable;
  unit_crosswalk: UnitCrosswalkTable;
  app_user: AppUserTable;
  role_assignment: RoleAssignmentTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  app_meta: AppMetaTable;
  score_dataset: ScoreDatasetTable;
  score_value: ScoreValueTable;
}
