/**
 * The audit log viewer (nhật ký): filter, page (keyset cursor, newest first) and export to CSV.
 * System admins only (policies: AuditLog). Reading is not a write, so it is not itself audited.
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import type { AuditLogTable, Database } from '../db/schema.js';
import { authorizeUser } from '../policies/request.js';
import { AUDIT_CSV_COLUMNS, AuditEntryDtoSchema, auditCsvRecord, presentAuditEntry } from '../presenters/audit.js';

/** 'YYYY-MM-DD' (a UTC day) or a full ISO-8601 timestamp. */
const DateOrTime = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || !Number.isNaN(Date.parse(v)), 'expected YYYY-MM-DD or ISO-8601 time');

const Filters = z.object({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actor: z.string().max(200).optional().meta({ description: "username ('admin', 'system:units-import') or user id" }),
  action: z.string().max(100).optional(),
  from: DateOrTime.optional().meta({ description: 'from this day/time (inclusive)' }),
  to: DateOrTime.optional().meta({ description: 'up to this day (inclusive) or time (exclusive)' }),
});
type AuditFilters = z.infer<typeof Filters>;

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

type AuditQuery = SelectQueryBuilder<Database, 'audit_log', AuditLogTable>;

function filtered(db: Kysely<Database>, f: AuditFilters): AuditQuery {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor) {
    const actor = f.actor;
    q = q.where((eb) => eb.or([eb('actor_name', '=', actor), eb('actor_id', '=', actor)]));
  }
  if (f.from) q = q.where('at', '>=', isDay(f.from) ? `${f.from}T00:00:00.000Z` : new Date(f.from).toISOString());
  if (f.to) q = q.where('at', '<', isDay(f.to) ? nextDay(f.to) : new Date(f.to).toISOString());
  return q;
}

const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return [value[0] as string, value[1] as string];
    }
  } catch {
    // fall through
  }
  throw new InputError('Invalid cursor', { path: ['query', 'cursor'] }, 'invalid_cursor');
}

/** Rows after `after` in (at, id) order, `direction` desc (viewer) or asc (export). */
function page(q: AuditQuery, direction: 'asc' | 'desc', after: [string, string] | null, limit: number) {
  let out = q;
  if (after) {
    const [at, id] = after;
    const cmp = direction === 'desc' ? '<' : '>';
    out = out.where((eb) => eb.or([eb('at', cmp, at), eb.and([eb('at', '=', at), eb('id', cmp, id)])]));
  }
  return out.orderBy('at', direction).orderBy('id', direction).limit(limit).execute();
}

const EXPORT_BATCH = 1000;

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first, filtered and paged (cursor)',
        querystring: Filters.extend({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          cursor: z.string().max(500).optional(),
        }),
        response: { 200: z.object({ items: z.array(AuditEntryDtoSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'AuditLog');
      const { limit, cursor, ...filters } = request.query;
      const rows = await page(filtered(db, filters), 'desc', cursor ? decodeCursor(cursor) : null, limit + 1);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map(presentAuditEntry),
        nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null,
      };
    },
  );

  app.get(
    '/audit/export.csv',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log as CSV (UTF-8 with BOM, oldest first; same filters as /api/audit)',
        querystring: Filters,
      },
    },
    async (request, reply) => {
      await authorizeUser(request, 'read', 'AuditLog');
      const query = filtered(db, request.query);
      async function* csv() {
        // The BOM makes Excel read the file as UTF-8 (Vietnamese names intact).
        yield `\uFEFF${stringify([AUDIT_CSV_COLUMNS])}`;
        let after: [string, string] | null = null;
        for (;;) {
          const rows = await page(query, 'asc', after, EXPORT_BATCH);
          if (rows.length > 0) yield stringify(rows.map(auditCsvRecord));
          const last = rows.at(-1);
          if (!last || rows.length < EXPORT_BATCH) return;
          after = [last.at, last.id];
        }
      }
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="openpapi-audit-${day}.csv"`)
        .send(Readable.from(csv()));
    },
  );
};
