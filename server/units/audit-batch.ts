/**
 * Audit rows for a bulk write, inserted in batches. Same row shape as recordAudit (server/audit/record.ts):
 * one row per entity, written inside the caller's transaction. Per-row recordAudit costs one round trip
 * each — 3,481 of them made the first units import take 1.5–6 s on PostgreSQL under load; batching brings
 * it well under a second. Entries here never carry secrets (unit and crosswalk DTOs), so no redaction.
 * (A general `recordAudits` in server/audit would be the better home; until then this stays local.)
 */
import { randomUUID } from 'node:crypto';
import { type Actor, actorName } from '../audit/actor.js';
import type { AuditEntry } from '../audit/record.js';
import type { AuditLogTable } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import type { Tx } from '../db/transaction.js';

/** 10 columns × 1,000 rows: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const BATCH = 1000;

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function recordAuditBatch(tx: Tx, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  const at = nowIso();
  const rows: AuditLogTable[] = entries.map((e) => ({
    id: randomUUID(),
    at,
    actor_id: actor.kind === 'user' ? actor.userId : null,
    actor_name: actorName(actor),
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    unit_id: e.unitId ?? null,
    before_json: json(e.before),
    after_json: json(e.after),
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx
      .insertInto('audit_log')
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}
