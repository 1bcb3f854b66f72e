/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) for feedback and petitions (phản ánh,
 * kiến nghị) only — complaints and denunciations have their own legal procedure and never appear here.
 *
 *   GET  /api/open311/v2/services.{json|xml}              service list (one service per category)
 *   GET  /api/open311/v2/services/{service_code}.{fmt}     service definition (no extra attributes)
 *   POST /api/open311/v2/requests.{fmt}                    create (application/x-www-form-urlencoded)
 *   GET  /api/open311/v2/requests.{fmt}                    list (service_request_id, service_code,
 *                                                          start_date, end_date, status)
 *   GET  /api/open311/v2/requests/{service_request_id}.{fmt}
 *
 * `jurisdiction_id` names the commune (a vn2025 unit id such as vn2025:12142); it is required on POST
 * because the commune decides who answers. Items held for moderation are not listed until approved.
 * Errors answer with the spec's array of {code, description} (XML <errors><error>) and the HTTP status.
 */
import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { isOpen } from '../../core/feedback/status.js';
import type { Status } from '../../core/feedback/types.js';
import { t } from '../../core/i18n/index.js';
import type { Database } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { submitFeedback } from './commands.js';
import { type FeedbackRow, loadCategories, type PresentContext, presentContext } from './repository.js';
import { PUBLIC_ACTOR } from './routes.js';
import { feedbackSettings } from './settings.js';

type Db = Kysely<Database>;
type Format = 'json' | 'xml';
const FormatSchema = z.enum(['json', 'xml']);

const xml = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false });

/** One XML document: root element, one child per item. */
function toXml(root: string, child: string, items: readonly Record<string, unknown>[]): string {
  const clean = (v: unknown): unknown => {
    if (v === null || v === undefined) return '';
    // XML 1.0 has no place for C0 control characters a citizen might paste.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly what is removed
    if (typeof v === 'string') return v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
    if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
    return v;
  };
  return `<?xml version="1.0" encoding="utf-8"?>${xml.build({ [root]: { [child]: items.map((i) => clean(i)) } })}`;
}

function send(reply: FastifyReply, format: Format, root: string, child: string, items: Record<string, unknown>[]) {
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, child, items));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(items));
}

/** W3C datetime with the Vietnam offset (+07:00), as the spec's examples carry an offset. */
export function w3cVietnam(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 7 * 3600 * 1000);
  return `${t.toISOString().slice(0, 19)}+07:00`;
}

const formatOf = (request: FastifyRequest): Format => (request.url.split('?')[0]?.endsWith('.xml') ? 'xml' : 'json');

class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function presentRequest(r: FeedbackRow, ctx: PresentContext, notes: Map<string, string>) {
  const category = ctx.categories.get(r.category_id);
  const status = r.status as Status;
  return {
    service_request_id: r.id,
    status: isOpen(status) ? 'open' : 'closed',
    status_notes: status === 'rejected' ? (r.reject_reason ?? '') : (notes.get(r.id) ?? ''),
    service_name: category?.nameVi ?? r.category_id,
    service_code: r.category_id,
    description: r.description,
    agency_responsible: ctx.units.get(r.unit_id)?.nameVi ?? r.unit_id,
    service_notice: r.answer ?? '',
    requested_datetime: w3cVietnam(r.received_at),
    updated_datetime: w3cVietnam(r.updated_at),
    expected_datetime: r.resolve_due ? `${r.resolve_due}T23:59:59+07:00` : `${r.accept_due}T23:59:59+07:00`,
    address: r.place ?? '',
    address_id: '',
    zipcode: '',
    lat: r.lat === null ? '' : Number(r.lat),
    long: r.lon === null ? '' : Number(r.lon),
    media_url: '',
  };
}

/** The latest public note of each item (Open311 status_notes). */
async function latestNotes(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('feedback_event')
    .select(['feedback_id', 'note', 'at'])
    .where('feedback_id', 'in', ids)
    .where('public', '=', 1)
    .where('note', 'is not', null)
    .orderBy('at')
    .execute();
  return new Map(rows.map((r) => [r.feedback_id, r.note ?? '']));
}

const publicRequests = (db: Db) =>
  db
    .selectFrom('feedback')
    .selectAll()
    .where('track', '=', 'feedback')
    .where('moderation', 'in', ['clear', 'approved']);

const PostBody = z.object({
  jurisdiction_id: z.string().optional(),
  service_code: z.string().optional(),
  lat: z.string().optional(),
  long: z.string().optional(),
  address_string: z.string().max(300).optional(),
  address_id: z.string().optional(),
  email: z.string().max(200).optional(),
  device_id: z.string().optional(),
  account_id: z.string().optional(),
  first_name: z.string().max(60).optional(),
  last_name: z.string().max(60).optional(),
  phone: z.string().max(20).optional(),
  description: z.string().max(5000).optional(),
  media_url: z.string().max(500).optional(),
  api_key: z.string().optional(),
});

export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;
  const settings = feedbackSettings();

  // The spec's POST is form-encoded; parsed here only (this plugin is encapsulated).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_r, body, done) => {
      const out: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body as string)) out[k] = v;
      done(null, out);
    },
  );

  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    let status = 500;
    let description = 'Internal server error';
    if (err instanceof Open311Error || err instanceof HttpError) {
      status = err.status;
      description = err.message;
    } else if (err instanceof InputError) {
      status = 400;
      description = err.toString();
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      description = err.validation
        .map((v) => `${v.instancePath.replace(/^\//, '') || 'request'}: ${v.message}`)
        .join('; ');
    } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
      status = err.statusCode;
      description = err.message;
    }
    if (status >= 500) request.log.error({ err }, 'open311 request failed');
    const body = [{ code: status, description }];
    reply.status(status);
    return send(reply, formatOf(request), 'errors', 'error', body);
  });

  app.get(
    '/open311/v2/services.:format',
    {
      schema: {
        tags: ['open311'],
        summary: 'GeoReport v2 service list: one service per feedback category',
        params: z.object({ format: FormatSchema }),
        querystring: z.object({ jurisdiction_id: z.string().optional() }),
      },
    },
    async (request, reply) => {
      const categories = (await loadCategories(db)).filter((c) => c.active);
      return send(
        reply,
        request.params.format,
        'services',
        'service',
        categories.map((c) => ({
          service_code: c.id,
          service_name: c.nameVi,
          description: `${c.nameVi} — ${c.nameEn} (PAPI ${c.dimension})`,
          metadata: false,
          type: 'realtime',
          keywords: `${c.nameEn.toLowerCase()}, ${c.dimension}`,
          group: c.dimension,
        })),
      );
    },
  );

  app.get(
    '/open311/v2/services/:service_code.:format',
    {
      schema: {
        tags: ['open311'],
        summary: 'GeoReport v2 service definition (no extra attributes)',
        params: z.object({ service_code: z.string().max(60), format: FormatSchema }),
      },
    },
    async (request, reply) => {
      const c = (await loadCategories(db)).find((x) => x.id === request.params.service_code && x.active);
      if (!c) throw new Open311Error(404, `service_code ${request.params.service_code} not found`);
      const def = { service_code: c.id, attributes: [] as unknown[] };
      if (request.params.format === 'xml') {
        return reply
          .type('text/xml; charset=utf-8')
          .send(
            `<?xml version="1.0" encoding="utf-8"?>${xml.build({ service_definition: { service_code: c.id, attributes: '' } })}`,
          );
      }
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(def));
    },
  );

  app.post(
    '/open311/v2/requests.:format',
    {
      config: { csrf: false, rateLimit: { ...settings.submit, keyGenerator: (r) => `o311-submit|${r.ip}` } },
      schema: {
        tags: ['open311'],
        summary: 'GeoReport v2 create request (form-encoded; jurisdiction_id = commune unit id)',
        params: z.object({ format: FormatSchema }),
        body: PostBody,
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (!b.service_code) throw new Open311Error(400, 'service_code was not provided');
      const categories = await loadCategories(db);
      if (!categories.some((c) => c.id === b.service_code && c.active)) {
        throw new Open311Error(404, `service_code ${b.service_code} not found`);
      }
      if (!b.jurisdiction_id)
        throw new Open311Error(400, 'jurisdiction_id (the commune, e.g. vn2025:12142) was not provided');
      const hasPoint = b.lat !== undefined && b.long !== undefined && b.lat !== '' && b.long !== '';
      if (!hasPoint && !b.address_string?.trim()) {
        throw new Open311Error(400, 'A location is required: lat and long, or address_string');
      }
      const lat = hasPoint ? Number(b.lat) : undefined;
      const lon = hasPoint ? Number(b.long) : undefined;
      if (hasPoint && (!Number.isFinite(lat) || !Number.isFinite(lon)))
        throw new Open311Error(400, 'lat and long must be numbers');
      const description = (b.description ?? '').trim();
      if (description.length < 10) throw new Open311Error(400, 'description must have at least 10 characters');
      const name = [b.last_name, b.first_name].filter((x) => x?.trim()).join(' ');
      const { row } = await submitFeedback(
        db,
        PUBLIC_ACTOR,
        {
          submissionId: randomUUID(),
          track: 'feedback',
          categoryId: b.service_code,
          communeId: b.jurisdiction_id,
          description: b.media_url ? `${description}\n${b.media_url}` : description,
          lat,
          lon,
          place: b.address_string,
          contact: { name, phone: b.phone, email: b.email },
          source: 'open311',
        },
        async () => null,
      );
      reply.status(201);
      return send(reply, request.params.format, 'service_requests', 'request', [
        {
          service_request_id: row.id,
          service_notice: t('vi', 'feedback:server.open311Notice', { date: row.accept_due }),
          account_id: '',
        },
      ]);
    },
  );

  app.get(
    '/open311/v2/requests.:format',
    {
      schema: {
        tags: ['open311'],
        summary: 'GeoReport v2 request list (default: last 90 days, at most 1,000)',
        params: z.object({ format: FormatSchema }),
        querystring: z.object({
          jurisdiction_id: z.string().optional(),
          service_request_id: z.string().optional(),
          service_code: z.string().optional(),
          start_date: z.string().optional(),
          end_date: z.string().optional(),
          status: z.string().optional(),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const date = (v: string | undefined, field: string) => {
        if (!v) return undefined;
        const t = Date.parse(v);
        if (Number.isNaN(t)) throw new Open311Error(400, `${field} must be a W3C datetime`);
        return new Date(t).toISOString();
      };
      let query = publicRequests(db);
      const ids = q.service_request_id
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids?.length) {
        query = query.where('id', 'in', ids);
      } else {
        const end = date(q.end_date, 'end_date');
        const start = date(q.start_date, 'start_date') ?? new Date(Date.now() - 90 * 86400_000).toISOString();
        query = query.where('received_at', '>=', start);
        if (end) query = query.where('received_at', '<=', end);
        const codes = q.service_code
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (codes?.length) query = query.where('category_id', 'in', codes);
        const statuses = q.status
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (statuses?.length) {
          if (statuses.some((s) => s !== 'open' && s !== 'closed'))
            throw new Open311Error(400, 'status must be open or closed');
          if (!statuses.includes('open'))
            query = query.where('status', 'not in', ['received', 'accepted', 'in_progress']);
          if (!statuses.includes('closed'))
            query = query.where('status', 'in', ['received', 'accepted', 'in_progress']);
        }
        if (q.jurisdiction_id) query = query.where('commune_id', '=', q.jurisdiction_id);
      }
      const rows = await query.orderBy('received_at', 'desc').orderBy('id').limit(1000).execute();
      const ctx = await presentContext(db, rows);
      const notes = await latestNotes(
        db,
        rows.map((r) => r.id),
      );
      return send(
        reply,
        request.params.format,
        'service_requests',
        'request',
        rows.map((r) => presentRequest(r, ctx, notes)),
      );
    },
  );

  app.get(
    '/open311/v2/requests/:service_request_id.:format',
    {
      schema: {
        tags: ['open311'],
        summary: 'GeoReport v2 one request (an array of one, as the spec says)',
        params: z.object({ service_request_id: z.string().max(60), format: FormatSchema }),
      },
    },
    async (request, reply) => {
      const row = await publicRequests(db).where('id', '=', request.params.service_request_id).executeTakeFirst();
      if (!row) throw new Open311Error(404, `service_request_id ${request.params.service_request_id} not found`);
      const ctx = await presentContext(db, [row]);
      const notes = await latestNotes(db, [row.id]);
      return send(reply, request.params.format, 'service_requests', 'request', [presentRequest(row, ctx, notes)]);
    },
  );
};
