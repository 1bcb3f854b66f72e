import { randomUUID } from 'node:crypto';
import type { InsertObject } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.js';
import type { Tx } from '../db/transaction.js';
import { type Actor, actorName } from './actor.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  /** The unit the entity belongs to (for scoped reading of the log). */
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Keys never written to the audit log, whatever entity they appear in. */
const REDACTED_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'token']);

/** 10 columns × 1,000 rows stays far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const BATCH = 1000;

let lastTick = 0;

/**
 * Audit time: ISO-8601 UTC in milliseconds like every timestamp, but strictly increasing within the
 * process, so writes made in the same millisecond keep their order in the log (the viewer and its cursor
 * sort by time, then id).
 */
function auditTime(): string {
  lastTick = Math.max(Date.now(), lastTick + 1);
  return new Date(lastTick).toISOString();
}

function serialise(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (REDACTED_KEYS.has(key) ? '[redacted]' : v));
}

function auditRow(actor: Actor, entry: AuditEntry, at: string): AuditLogTable {
  return {
    id: randomUUID(),
    at,
    actor_id: actor.kind === 'user' ? actor.userId : null,
    actor_name: actorName(actor),
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    unit_id: entry.unitId ?? null,
    before_json: serialise(entry.before),
    after_json: serialise(entry.after),
  };
}

/**
 * Records one write inside the transaction that makes it, so the log and the data never disagree.
 */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values(auditRow(actor, entry, auditTime()))
    .execute();
}

/**
 * Records a bulk write (an import) in batches: one round trip per 1,000 rows instead of per row, which
 * took the first units import from seconds to well under one on PostgreSQL.
 */
export async function recordAudits(tx: Tx, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  const at = auditTime();
  const rows = entries.map((e) => auditRow(actor, e, at));
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx
      .insertInto('audit_log')
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}

/** Tables whose rows have a text `id` (the audit entry's entity id). */
type TableWithId = { [K in keyof Database]: Database[K] extends { id: string } ? K : never }[keyof Database];

/**
 * Inserts one new row and records its creation, in the caller's transaction: the audit entry names
 * the table as the entity type and holds the whole row as `after`.
 */
export async function insertAudited<K extends TableWithId>(
  tx: Tx,
  actor: Actor,
  table: K,
  row: Database[K] & { id: string },
  unitId: string | null,
): Promise<void> {
  // Kysely cannot relate a generic table name to its row type; the signature above does.
  await tx
    .insertInto(table)
    .values(row as InsertObject<Database, K>)
    .execute();
  await recordAudit(tx, actor, { action: 'create', entityType: table, entityId: row.id, unitId, after: row });
}
