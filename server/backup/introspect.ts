/**
 * What tables, columns, keys and foreign keys the database really has, on either dialect. Backup and
 * restore rely on it, and a test compares it with TABLES_IN_DEPENDENCY_ORDER so no table is forgotten.
 */
import { sql } from 'kysely';
import type { DbHandle } from '../db/connection.js';

/** Kysely's own bookkeeping; recreated by migrating, never backed up. */
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'] as const;

type Handle = Pick<DbHandle, 'db' | 'dialect' | 'schema'>;

export interface ForeignKey {
  column: string;
  refTable: string;
  refColumn: string;
}

export interface TableInfo {
  name: string;
  /** In declaration order. */
  columns: string[];
  /** Primary-key columns in key order; empty when the table has none. */
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

const schemaOf = (h: Handle) => h.schema ?? 'public';

/** Every base table of ours (migration bookkeeping and SQLite internals left out), sorted by name. */
export async function listDatabaseTables(h: Handle): Promise<string[]> {
  const rows =
    h.dialect === 'sqlite'
      ? (
          await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(h.db)
        ).rows
      : (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = ${schemaOf(h)} and table_type = 'BASE TABLE'`.execute(h.db)
        ).rows;
  return rows
    .map((r) => r.name)
    .filter((n) => !(MIGRATION_TABLES as readonly string[]).includes(n))
    .sort();
}

export async function describeTable(h: Handle, table: string): Promise<TableInfo> {
  if (h.dialect === 'sqlite') {
    const cols = (
      await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table}) order by cid`.execute(
        h.db,
      )
    ).rows;
    const fks = (
      await sql<{
        from: string;
        table: string;
        to: string | null;
      }>`select "from", "table", "to" from pragma_foreign_key_list(${table})`.execute(h.db)
    ).rows;
    const primaryKey = cols
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    return {
      name: table,
      columns: cols.map((c) => c.name),
      primaryKey,
      // A foreign key without a target column references the target's primary key ('id' by our convention).
      foreignKeys: fks.map((f) => ({ column: f.from, refTable: f.table, refColumn: f.to ?? 'id' })),
    };
  }
  const schema = schemaOf(h);
  const cols = (
    await sql<{ name: string }>`select column_name as name from information_schema.columns
      where table_schema = ${schema} and table_name = ${table} order by ordinal_position`.execute(h.db)
  ).rows;
  const pk = (
    await sql<{ name: string }>`select k.column_name as name
      from information_schema.table_constraints c
      join information_schema.key_column_usage k
        on k.constraint_name = c.constraint_name and k.constraint_schema = c.constraint_schema and k.table_name = c.table_name
      where c.table_schema = ${schema} and c.table_name = ${table} and c.constraint_type = 'PRIMARY KEY'
      order by k.ordinal_position`.execute(h.db)
  ).rows;
  const fks = (
    await sql<{
      column: string;
      ref_table: string;
      ref_column: string;
    }>`select a.attname as column, cf.relname as ref_table, af.attname as ref_column
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join pg_class cf on cf.oid = c.confrelid
      cross join lateral unnest(c.conkey, c.confkey) as k(attnum, fattnum)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
      join pg_attribute af on af.attrelid = c.confrelid and af.attnum = k.fattnum
      where c.contype = 'f' and n.nspname = ${schema} and cl.relname = ${table}`.execute(h.db)
  ).rows;
  return {
    name: table,
    columns: cols.map((c) => c.name),
    primaryKey: pk.map((c) => c.name),
    foreignKeys: fks.map((f) => ({ column: f.column, refTable: f.ref_table, refColumn: f.ref_column })),
  };
}

/** Names of the migrations applied to this database, in order. */
export async function appliedMigrations(h: Handle): Promise<string[]> {
  const tables =
    h.dialect === 'sqlite'
      ? (
          await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(h.db)
        ).rows
      : (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = ${schemaOf(h)} and table_name = 'kysely_migration'`.execute(h.db)
        ).rows;
  if (tables.length === 0) return [];
  const rows = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(h.db)).rows;
  return rows.map((r) => r.name);
}
