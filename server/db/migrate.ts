import { type MigrationProvider, Migrator } from 'kysely';
import { CAMPAIGN_TABLE_NAMES } from '../campaigns/tables.js';
import { DISCLOSURE_TABLE_NAMES } from '../disclosures/tables.js';
import { FEEDBACK_TABLE_NAMES } from '../feedback/tables.js';
import { FILE_TABLE_NAMES } from '../files/tables.js';
import { INSPECTION_TABLE_NAMES } from '../inspections/tables.js';
import { PLAN_TABLE_NAMES } from '../plans/tables.js';
import { REMINDER_TABLE_NAMES } from '../reminders/tables.js';
import { SURVEY_TABLE_NAMES } from '../surveys/tables.js';
import type { DbHandle } from './connection.js';
import { migrations } from './migrations/index.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema to the latest version; safe to call at every start. */
export async function migrateToLatest(handle: DbHandle): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider,
    // Explicit schema so parallel test schemas never see each other's migration tables.
    migrationTableSchema: handle.dialect === 'postgres' ? handle.schema : undefined,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of all tables we own, in an order that respects foreign keys (parents first). */
export const TABLES_IN_DEPENDENCY_ORDER = [
  'app_meta',
  'unit',
  'unit_crosswalk',
  'app_user',
  'role_assignment',
  'session',
  'audit_log',
  'score_dataset',
  'score_value',
  ...PLAN_TABLE_NAMES,
  ...REMINDER_TABLE_NAMES,
  ...FEEDBACK_TABLE_NAMES,
  ...DISCLOSURE_TABLE_NAMES,
  ...INSPECTION_TABLE_NAMES,
  ...SURVEY_TABLE_NAMES,
  ...CAMPAIGN_TABLE_NAMES,
  ...FILE_TABLE_NAMES,
] as const;

/**
 * Tables whose rows the migrations themselves insert (reference data such as the statutory feedback
 * tracks and their default categories). A freshly migrated database already holds them, so restore does
 * not count them as data and replaces them with the archive's rows.
 */
export const REFERENCE_TABLES: readonly (typeof TABLES_IN_DEPENDENCY_ORDER)[number][] = [
  'feedback_category',
  'feedback_track_config',
  'disclosure_type',
];
