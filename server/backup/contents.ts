/**
 * Every row of every table as canonical JSON (keys sorted, rows sorted): what "two databases hold the
 * same data" means for the backup round trip, the idempotent import and the "a rejected file changes
 * nothing" tests. Reads the tables named in TABLES_IN_DEPENDENCY_ORDER.
 */
import { sql } from 'kysely';
import type { DbHandle } from '../db/connection.js';
import { TABLES_IN_DEPENDENCY_ORDER } from '../db/migrate.js';

function canonical(row: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(row).sort()) {
    const v = row[k];
    // pg returns int8 as string and SQLite integers as numbers: compare the printed value.
    sorted[k] = typeof v === 'bigint' ? v.toString() : v;
  }
  return JSON.stringify(sorted);
}

/** `{ table: [canonical row JSON, …sorted] }` for every table we own. */
export async function tableContents(
  handle: Pick<DbHandle, 'db'>,
  tables: readonly string[] = TABLES_IN_DEPENDENCY_ORDER,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(handle.db);
    out[t] = rows.map(canonical).sort();
  }
  return out;
}
