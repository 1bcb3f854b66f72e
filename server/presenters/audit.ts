/** What the audit viewer shows for one audit_log row (JSON columns parsed), and its CSV columns. */
import { z } from 'zod';
import type { AuditLogTable } from '../db/schema.js';

export const AuditEntryDtoSchema = z
  .object({
    id: z.string(),
    at: z.string().meta({ description: 'ISO-8601 UTC' }),
    actorId: z.string().nullable(),
    actorName: z.string().meta({ example: 'admin', description: "username, or 'system:<name>'" }),
    action: z.string().meta({ example: 'update' }),
    entityType: z.string().meta({ example: 'user' }),
    entityId: z.string(),
    unitId: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryDto = z.infer<typeof AuditEntryDtoSchema>;

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

export const presentAuditEntry = (r: AuditLogTable): AuditEntryDto => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  unitId: r.unit_id,
  before: parse(r.before_json),
  after: parse(r.after_json),
});

export const AUDIT_CSV_COLUMNS = ['at', 'actor', 'action', 'entity_type', 'entity_id', 'unit_id', 'before', 'after'];

/** One CSV record in AUDIT_CSV_COLUMNS order; before/after stay JSON text. */
export const auditCsvRecord = (r: AuditLogTable): string[] => [
  r.at,
  r.actor_name,
  r.action,
  r.entity_type,
  r.entity_id,
  r.unit_id ?? '',
  r.before_json ?? '',
  r.after_json ?? '',
];
