/**
 * The portable backup archive (format version 1): gzip'd JSON lines, dialect-neutral, so a backup of
 * SQLite restores into PostgreSQL and back.
 *
 *   {"format":"openpapi-backup","version":1,"createdAt":…,"dialect":"sqlite","migrations":[…],"tables":[…]}
 *   {"table":"unit","columns":["id","code_system",…]}
 *   ["vn2025:01","vn2025",…]                       ← one line per row, values in column order
 *   {"end":"unit","rows":3418}
 *   … every table in TABLES_IN_DEPENDENCY_ORDER …
 *   {"end":"backup","rows":{"unit":3418,…}}        ← a missing trailer means a truncated file
 *
 * Values are JSON primitives (text, numbers, null; portable schema: no native booleans/dates);
 * byte arrays, should a table ever hold one, are written as {"$base64":"…"}.
 */
import { z } from 'zod';

export const BACKUP_FORMAT = 'openpapi-backup';
export const BACKUP_VERSION = 1;

export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  /** Migrations applied to the source database: the schema the rows fit. */
  migrations: z.array(z.string()),
  /** Tables in the order they follow, parents first. */
  tables: z.array(z.string()),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export const TableStart = z.object({ table: z.string(), columns: z.array(z.string()).min(1) });
export const TableEnd = z.object({ end: z.string(), rows: z.number().int().min(0) });
export const Trailer = z.object({ end: z.literal('backup'), rows: z.record(z.string(), z.number().int().min(0)) });

export type Cell = string | number | boolean | null | { $base64: string };

/** A database value as it goes into the archive. */
export function encodeCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return { $base64: Buffer.from(v).toString('base64') };
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/** An archive value as it goes into the target database. */
export function decodeCell(v: Cell, dialect: 'sqlite' | 'postgres'): unknown {
  if (v !== null && typeof v === 'object') return Buffer.from(v.$base64, 'base64');
  // better-sqlite3 cannot bind booleans.
  if (typeof v === 'boolean' && dialect === 'sqlite') return v ? 1 : 0;
  return v;
}
