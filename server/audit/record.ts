import { randomUUID } from 'node:crypto';
import { nowIso } from '../db/time.js';
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

function serialise(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (REDACTED_KEYS.has(key) ? '[redacted]' : v));
}

/**
 * Records one write inside the transaction that makes it, so the log and the data never disagree.
 */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: nowIso(),
      actor_id: actor.kind === 'user' ? actor.userId : null,
      actor_name: actorName(actor),
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      unit_id: entry.unitId ?? null,
      before_json: serialise(entry.before),
      after_json: serialise(entry.after),
    })
    .execute();
}
