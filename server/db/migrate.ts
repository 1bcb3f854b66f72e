import { type MigrationProvider, Migrator } from 'kysely';
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
] as const;
