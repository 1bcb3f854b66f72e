/**
 * Table types of the shared file store: evidence, attachments and photos are kept IN the database so a
 * record and its files commit or roll back together, on both dialects (blob on SQLite, bytea on PostgreSQL).
 */
export interface StoredFileTable {
  id: string;
  /** What the file belongs to, e.g. 'task', 'feedback', 'disclosure', 'finding'. */
  owner_type: string;
  owner_id: string;
  /** Unit the owner belongs to (scoped reads, audit); null for files of no unit. */
  unit_id: string | null;
  /** The name the uploader gave it (NFC, stripped of any path). */
  filename: string;
  /** Media type detected from the bytes, never taken from the client. */
  media_type: string;
  size: number;
  /** SHA-256 (hex) of the content: integrity and de-duplication checks. */
  sha256: string;
  content: Buffer;
  created_at: string;
  /** username or 'system:<name>' */
  created_by: string;
}

export type FileTables = { stored_file: StoredFileTable };

/** This module's tables, parents before children (backup/restore order; see server/db/migrate.ts). */
export const FILE_TABLE_NAMES = ['stored_file'] as const satisfies readonly (keyof FileTables)[];
