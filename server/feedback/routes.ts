/**
 * Feedback HTTP API (README.md): public submission, tracking and published answers without sign-in;
 * officers' inbox, actions, CSV export, board and configuration behind the `Feedback` policy.
 */
import { stringify } from 'csv-stringify/sync';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { computeBoard } from '../../core/feedback/board.js';
import { parseTrackingCode } from '../../core/feedback/trackingCode.js';
import { FEEDBACK_DIMENSIONS, type Status, TRACKS, type Track } from '../../core/feedback/types.js';
import { type Lang, type TranslationKey, t } from '../../core/i18n/index.js';
import { systemActor } from '../audit/actor.js';
import { loadPrincipal } from '../auth/principal.js';
import type { Database } from '../db/schema.js';
import { FILE_LIMITS, listFiles, readMultipart, readStoredFile, sendStoredFile } from '../files/index.js';
import { forbidden, HttpError, notFound } from '../http/errors.js';
import { actorOf, type Principal } from '../policies/principal.js';
import { authorizeUser, can } from '../policies/request.js';
import { unitIdInReach, unitReach } from '../policies/scope.js';
import {
  addNote,
  assignHandler,
  createRoutingRule,
  deleteRoutingRule,
  extendFeedback,
  FEEDBACK_OWNER,
  moderateFeedback,
  rateFeedback,
  submitFeedback,
  transitionFeedback,
  updateTrackConfig,
} from './commands.js';
import { mayReadIdentity, readableContact } from './confidentiality.js';
import {
  BoardDtoSchema,
  CategoryDtoSchema,
  type FeedbackDetailDto,
  FeedbackDetailDtoSchema,
  type FeedbackSummaryDto,
  FeedbackSummaryDtoSchema,
  PublicAnswerDtoSchema,
  RoutingRuleDtoSchema,
  StatusSchema,
  SubmitResultDtoSchema,
  TrackConfigDtoSchema,
  TrackingDtoSchema,
  TrackSchema,
} from './dto.js';
import { issueChallenge, verifyChallenge } from './pow.js';
import {
  allowedTransitions,
  categoryDto,
  type FeedbackRow,
  findByCode,
  findById,
  loadCategories,
  loadRoutingRules,
  loadTrackConfig,
  overdueOf,
  presentContext,
  presentPublicAnswer,
  presentSummary,
  presentTracking,
  ratingOf,
  unitRefs,
  vietnamDay,
} from './repository.js';
import { feedbackSettings } from './settings.js';

type Db = Kysely<Database>;

/** CSV columns: never any identity (name, phone, e-mail, address) nor attachment names. */
const CSV_COLUMNS = [
  'trackingCode',
  'track',
  'category',
  'dimension',
  'commune',
  'unit',
  'title',
  'status',
  'receivedAt',
  'acceptDue',
  'resolveDue',
  'overdue',
  'answeredAt',
  'answeredOnTime',
  'moderation',
  'ratingResolved',
  'ratingScore',
] as const;

/** Anonymous writes are done by the public form, not by a user. */
export const PUBLIC_ACTOR = systemActor('public-form');

const Trimmed = (max: number) => z.string().max(max);

export const SubmitBodySchema = z.object({
  submissionId: z.uuid(),
  track: TrackSchema,
  categoryId: z.string().min(1).max(60),
  communeId: z.string().min(1).max(60),
  title: Trimmed(200).optional(),
  description: z.string().trim().min(10, 'at least 10 characters').max(5000),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  place: Trimmed(300).optional(),
  contact: z
    .object({
      name: Trimmed(120).optional(),
      phone: z
        .string()
        .max(20)
        .regex(/^[0-9+ ().-]*$/, 'digits only')
        .optional(),
      email: z.union([z.email(), z.literal('')]).optional(),
      address: Trimmed(300).optional(),
    })
    .optional(),
  challenge: z.string().min(1).max(200),
  nonce: z.string().min(1).max(24),
  website: z.string().max(500).optional(),
});
export type SubmitBody = z.infer<typeof SubmitBodySchema>;

const PageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

const ItemFilters = z.object({
  status: StatusSchema.optional(),
  track: TrackSchema.optional(),
  categoryId: z.string().optional(),
  dimension: z.enum(FEEDBACK_DIMENSIONS).optional(),
  unitId: z.string().optional(),
  overdue: z.enum(['0', '1']).optional(),
  moderation: z.enum(['clear', 'pending', 'approved', 'rejected']).optional(),
  q: z.string().max(200).optional(),
  ...PageQuery,
});
type ItemFilters = z.infer<typeof ItemFilters>;

const TransitionBody = z.object({
  to: StatusSchema,
  reason: z.string().max(2000).optional(),
  answer: z.string().max(10000).optional(),
  note: z.string().max(2000).optional(),
  notePublic: z.boolean().optional(),
  complex: z.boolean().optional(),
  remoteArea: z.boolean().optional(),
});

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const clientKey = (prefix: string) => (request: FastifyRequest) => `${prefix}|${request.ip}`;

/** The submission body from JSON, or from multipart (field `payload` + files `attachments`). */
async function readSubmission(request: FastifyRequest) {
  if (request.isMultipart()) {
    const { fields, files } = await readMultipart(request, FILE_LIMITS.citizenAttachment);
    let payload: unknown;
    try {
      payload = JSON.parse(fields.payload ?? '');
    } catch {
      throw new HttpError(400, 'validation_failed', 'Field "payload" must hold the submission as JSON', ['payload']);
    }
    return { body: SubmitBodySchema.parse(payload), files };
  }
  return { body: SubmitBodySchema.parse(request.body), files: [] };
}

export async function presentDetail(db: Db, principal: Principal | null, r: FeedbackRow): Promise<FeedbackDetailDto> {
  const ctx = await presentContext(db, [r]);
  const identity = mayReadIdentity(principal, r);
  const files = await listFiles(db, FEEDBACK_OWNER, r.id);
  const events = await db
    .selectFrom('feedback_event')
    .selectAll()
    .where('feedback_id', '=', r.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const handler = await handlerOf(db, r.handler_user_id);
  const unitPath = (await unitRefs(db, [r.unit_id])).get(r.unit_id)?.path ?? '';
  const canEdit = can(principal, 'update', 'Feedback', { unitPath, unitId: r.unit_id });
  const contactHidden = r.track === 'denunciation' && !identity;
  return {
    ...presentSummary(r, ctx, { handler, hasAttachments: files.length > 0 }),
    description: r.description,
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    place: r.place,
    rejectReason: r.reject_reason,
    answer: r.answer,
    answeredAt: r.answered_at,
    acceptedOn: r.accepted_on,
    closedAt: r.closed_at,
    complex: Number(r.complex) === 1,
    remoteArea: Number(r.remote_area) === 1,
    contact: await readableContact(db, principal, r),
    contactHidden,
    attachments: files.map((f) => ({
      id: f.id,
      filename: r.track === 'denunciation' && !identity ? null : f.filename,
      mediaType: f.mediaType,
      size: f.size,
    })),
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      status: e.status as Status | null,
      note: e.note,
      public: Number(e.public) === 1,
      actorName: e.actor_name,
    })),
    rating: ratingOf(r),
    canEdit,
    isHandler: principal !== null && r.handler_user_id === principal.userId,
    allowedTransitions: canEdit ? allowedTransitions(r.status as Status) : [],
  };
}

async function handlerOf(db: Db, userId: string | null): Promise<FeedbackSummaryDto['handler']> {
  if (!userId) return null;
  const u = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return u ? { id: u.id, username: u.username, displayName: u.display_name } : null;
}

/** The officers' list query: reach, then filters. */
async function filteredItems(db: Db, principal: Principal | null, f: ItemFilters) {
  let q = db
    .selectFrom('feedback')
    .selectAll('feedback')
    .where(unitIdInReach(unitReach(principal, 'read', 'Feedback'), 'feedback.unit_id'));
  if (f.status) q = q.where('feedback.status', '=', f.status);
  if (f.track) q = q.where('feedback.track', '=', f.track);
  if (f.categoryId) q = q.where('feedback.category_id', '=', f.categoryId);
  if (f.dimension) {
    const ids = (await loadCategories(db)).filter((c) => c.dimension === f.dimension).map((c) => c.id);
    q = q.where('feedback.category_id', 'in', ids.length ? ids : ['-']);
  }
  if (f.moderation) q = q.where('feedback.moderation', '=', f.moderation);
  if (f.unitId) {
    const unit = await db.selectFrom('unit').select('path').where('id', '=', f.unitId).executeTakeFirst();
    const prefix = `${(unit?.path ?? '/-/').replace(/[!%_]/g, '!$&')}%`;
    q = q.where(sql<boolean>`feedback.unit_id in (select fu.id from unit fu where fu.path like ${prefix} escape '!')`);
  }
  if (f.q?.trim()) {
    // Title and description only: searching identity would let any officer probe a denouncer's name.
    const like = `%${f.q.trim().toLowerCase().replace(/[!%_]/g, '!$&')}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(feedback.title) like ${like} escape '!'`,
        sql<boolean>`lower(feedback.description) like ${like} escape '!'`,
        eb('feedback.tracking_code', '=', parseTrackingCode(f.q ?? '') ?? '-'),
      ]),
    );
  }
  let rows = await q.orderBy('feedback.received_at', 'desc').orderBy('feedback.id').execute();
  if (f.overdue === '1') {
    const today = (await presentContext(db, [])).today;
    rows = rows.filter((r) => overdueOf(r, today));
  }
  return rows;
}

async function summaries(db: Db, rows: FeedbackRow[]): Promise<FeedbackSummaryDto[]> {
  const ctx = await presentContext(db, rows);
  const ids = rows.map((r) => r.id);
  const withFiles = new Set(
    ids.length
      ? (
          await db
            .selectFrom('stored_file')
            .select('owner_id')
            .where('owner_type', '=', FEEDBACK_OWNER)
            .where('owner_id', 'in', ids)
            .execute()
        ).map((x) => x.owner_id)
      : [],
  );
  const handlerIds = [...new Set(rows.map((r) => r.handler_user_id).filter((x): x is string => x !== null))];
  const handlers = new Map(
    handlerIds.length
      ? (
          await db
            .selectFrom('app_user')
            .select(['id', 'username', 'display_name'])
            .where('id', 'in', handlerIds)
            .execute()
        ).map((u) => [u.id, { id: u.id, username: u.username, displayName: u.display_name }])
      : [],
  );
  return rows.map((r) =>
    presentSummary(r, ctx, {
      handler: r.handler_user_id ? (handlers.get(r.handler_user_id) ?? null) : null,
      hasAttachments: withFiles.has(r.id),
    }),
  );
}

/**
 * Loads an item for an officer: a read outside reach is 404 (as if missing), a write outside reach 403
 * (server/policies/README.md).
 */
async function itemFor(request: FastifyRequest, action: 'read' | 'update', id: string) {
  const db = request.server.ctx.handle.db;
  await authorizeUser(request, action, 'Feedback');
  const row = await findById(db, id);
  if (!row) throw notFound('Feedback');
  const principal = await authorizeUser(request, action, 'Feedback', row.unit_id);
  return { row, principal };
}

export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;
  const settings = feedbackSettings();

  // ------------------------------------------------------------------ public
  app.get(
    '/feedback/categories',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Feedback categories, each tagged to a PAPI dimension (public)',
        response: { 200: z.array(CategoryDtoSchema) },
      },
    },
    async () => (await loadCategories(db)).filter((c) => c.active).map((c) => categoryDto(c, c.id)),
  );

  app.get(
    '/feedback/challenge',
    {
      config: { rateLimit: { ...settings.challenge, keyGenerator: clientKey('fb-challenge') } },
      schema: {
        tags: ['feedback'],
        summary: 'A proof-of-work challenge for one public submission (see README: SHA-256 leading zero bits)',
        response: { 200: z.object({ challenge: z.string(), bits: z.number(), expiresAt: z.string() }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return issueChallenge(db, settings.powBits, settings.challengeTtlMs);
    },
  );

  app.post(
    '/feedback',
    {
      bodyLimit: 64 * 1024,
      config: { rateLimit: { ...settings.submit, keyGenerator: clientKey('fb-submit') } },
      schema: {
        tags: ['feedback'],
        summary:
          'Submit feedback, a complaint or a denunciation without signing in (JSON, or multipart: field payload + files attachments)',
        response: { 200: SubmitResultDtoSchema, 201: SubmitResultDtoSchema },
      },
    },
    async (request, reply) => {
      const { body, files } = await readSubmission(request);
      // Honeypot: a field people never see; bots fill every input.
      if (body.website?.trim()) throw new HttpError(400, 'rejected', 'The submission was rejected', ['website']);
      const { row, created } = await submitFeedback(db, PUBLIC_ACTOR, { ...body, source: 'web', files }, () =>
        verifyChallenge(db, body.challenge, body.nonce),
      );
      return reply.status(created ? 201 : 200).send({
        trackingCode: row.tracking_code,
        track: row.track as Track,
        status: row.status as Status,
        acceptDue: row.accept_due,
        moderation: row.moderation as 'clear' | 'pending',
      });
    },
  );

  app.get(
    '/feedback/track/:code',
    {
      config: { rateLimit: { ...settings.track, keyGenerator: clientKey('fb-track') } },
      schema: {
        tags: ['feedback'],
        summary: 'Track a submission by its code (public): status, deadline and, for feedback, the answer',
        params: z.object({ code: z.string().max(40) }),
        response: { 200: TrackingDtoSchema },
      },
    },
    async (request, reply) => {
      const code = parseTrackingCode(request.params.code);
      const row = code ? await findByCode(db, code) : undefined;
      if (!row) throw notFound('Tracking code');
      reply.header('cache-control', 'no-store');
      return presentTracking(db, row);
    },
  );

  app.post(
    '/feedback/track/:code/rating',
    {
      config: { rateLimit: { ...settings.submit, keyGenerator: clientKey('fb-rate') } },
      schema: {
        tags: ['feedback'],
        summary: '"Was it resolved?" follow-up rating by the citizen, once after the answer (public, by code)',
        params: z.object({ code: z.string().max(40) }),
        body: z.object({
          resolved: z.boolean(),
          score: z.number().int().min(1).max(5).optional(),
          comment: z.string().max(1000).optional(),
        }),
        response: { 200: TrackingDtoSchema },
      },
    },
    async (request) => {
      const code = parseTrackingCode(request.params.code);
      const row = code ? await findByCode(db, code) : undefined;
      if (!row) throw notFound('Tracking code');
      return presentTracking(db, await rateFeedback(db, PUBLIC_ACTOR, row.id, request.body));
    },
  );

  const publishedAnswers = () =>
    db
      .selectFrom('feedback')
      .selectAll()
      .where('track', '=', 'feedback')
      .where('status', 'in', ['answered', 'closed'])
      .where('answer', 'is not', null)
      .where('moderation', 'in', ['clear', 'approved']);

  app.get(
    '/feedback/answers',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Published answers to feedback and petitions (public portal; no personal data)',
        querystring: z.object({
          unitId: z.string().optional(),
          categoryId: z.string().optional(),
          dimension: z.enum(FEEDBACK_DIMENSIONS).optional(),
          q: z.string().max(200).optional(),
          ...PageQuery,
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(PublicAnswerDtoSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const { unitId, categoryId, dimension, q, page, pageSize } = request.query;
      let query = publishedAnswers();
      if (categoryId) query = query.where('category_id', '=', categoryId);
      if (dimension) {
        const ids = (await loadCategories(db)).filter((c) => c.dimension === dimension).map((c) => c.id);
        query = query.where('category_id', 'in', ids.length ? ids : ['-']);
      }
      if (unitId) {
        const unit = await db.selectFrom('unit').select('path').where('id', '=', unitId).executeTakeFirst();
        const prefix = `${(unit?.path ?? '/-/').replace(/[!%_]/g, '!$&')}%`;
        query = query.where(
          sql<boolean>`(unit_id in (select fu.id from unit fu where fu.path like ${prefix} escape '!') or commune_id in (select fu.id from unit fu where fu.path like ${prefix} escape '!'))`,
        );
      }
      if (q?.trim()) {
        const like = `%${q.trim().toLowerCase().replace(/[!%_]/g, '!$&')}%`;
        query = query.where(
          sql<boolean>`(lower(title) like ${like} escape '!' or lower(description) like ${like} escape '!' or lower(answer) like ${like} escape '!')`,
        );
      }
      const rows = await query.orderBy('answered_at', 'desc').orderBy('id').execute();
      const slice = rows.slice((page - 1) * pageSize, page * pageSize);
      const ctx = await presentContext(db, slice);
      return { items: slice.map((r) => presentPublicAnswer(r, ctx)), total: rows.length };
    },
  );

  app.get(
    '/feedback/answers/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: 'One published answer (public)',
        params: z.object({ id: z.string().max(60) }),
        response: { 200: PublicAnswerDtoSchema },
      },
    },
    async (request) => {
      const row = await publishedAnswers().where('id', '=', request.params.id).executeTakeFirst();
      if (!row) throw notFound('Answer');
      return presentPublicAnswer(row, await presentContext(db, [row]));
    },
  );

  // ------------------------------------------------------------------ officers
  app.get(
    '/feedback/items',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Feedback handled by units in your reach (inbox), newest first',
        querystring: ItemFilters,
        response: { 200: z.object({ items: z.array(FeedbackSummaryDtoSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const principal = await authorizeUser(request, 'read', 'Feedback');
      const { page, pageSize } = request.query;
      const rows = await filteredItems(db, principal, request.query);
      return { items: await summaries(db, rows.slice((page - 1) * pageSize, page * pageSize)), total: rows.length };
    },
  );

  app.get(
    '/feedback/items/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: "One item with its history; the citizen's identity only when you may see it",
        params: z.object({ id: z.string().max(60) }),
        response: { 200: FeedbackDetailDtoSchema },
      },
    },
    async (request) => {
      const { row, principal } = await itemFor(request, 'read', request.params.id);
      return presentDetail(db, principal, row);
    },
  );

  app.get(
    '/feedback/items/:id/attachments/:fileId',
    {
      schema: {
        tags: ['feedback'],
        summary: "An item's attachment (a denunciation's: its handling officer only)",
        params: z.object({ id: z.string().max(60), fileId: z.string().max(60) }),
      },
    },
    async (request, reply) => {
      const { row, principal } = await itemFor(request, 'read', request.params.id);
      if (row.track === 'denunciation' && !mayReadIdentity(principal, row)) throw notFound('Attachment');
      const file = await readStoredFile(db, request.params.fileId);
      if (!file || file.meta.ownerType !== FEEDBACK_OWNER || file.meta.ownerId !== row.id) throw notFound('Attachment');
      return sendStoredFile(reply, file);
    },
  );

  app.post(
    '/feedback/items/:id/transition',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Accept, reject (with reason), start, answer or close an item',
        params: z.object({ id: z.string().max(60) }),
        body: TransitionBody,
        response: { 200: FeedbackDetailDtoSchema },
      },
    },
    async (request) => {
      const { principal } = await itemFor(request, 'update', request.params.id);
      const row = await transitionFeedback(db, actorOf(principal), request.params.id, request.body);
      return presentDetail(db, principal, row);
    },
  );

  app.post(
    '/feedback/items/:id/extend',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Extend an accepted case as complex (gia hạn): resolve deadline becomes the complex one',
        params: z.object({ id: z.string().max(60) }),
        body: z.object({ reason: z.string().min(1).max(2000) }),
        response: { 200: FeedbackDetailDtoSchema },
      },
    },
    async (request) => {
      const { principal } = await itemFor(request, 'update', request.params.id);
      const row = await extendFeedback(db, actorOf(principal), request.params.id, request.body.reason);
      return presentDetail(db, principal, row);
    },
  );

  app.get(
    '/feedback/items/:id/handlers',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Officers who may be assigned as handling officer of this item (those who can act on its unit)',
        params: z.object({ id: z.string().max(60) }),
        response: {
          200: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string().nullable() })),
        },
      },
    },
    async (request) => {
      const { row } = await itemFor(request, 'update', request.params.id);
      const unitPath = (await unitRefs(db, [row.unit_id])).get(row.unit_id)?.path ?? '';
      // Officer roles on the unit or an ancestor (path prefix), or system administrators.
      const ancestors = unitPath.split('/').filter(Boolean);
      const users = await db
        .selectFrom('app_user')
        .innerJoin('role_assignment', 'role_assignment.user_id', 'app_user.id')
        .select(['app_user.id', 'app_user.username', 'app_user.display_name'])
        .where('app_user.disabled', '=', 0)
        .where((eb) =>
          eb.or([
            eb('role_assignment.role', '=', 'system_admin'),
            eb.and([
              eb('role_assignment.role', 'in', ['province_officer', 'commune_officer']),
              eb('role_assignment.unit_id', 'in', ancestors.length ? ancestors : ['-']),
            ]),
          ]),
        )
        .distinct()
        .orderBy('app_user.username')
        .execute();
      return users.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name }));
    },
  );

  app.post(
    '/feedback/items/:id/assign',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Assign the handling officer (who alone sees a denouncer’s identity)',
        params: z.object({ id: z.string().max(60) }),
        body: z.object({ userId: z.string().min(1).max(60) }),
        response: { 200: FeedbackDetailDtoSchema },
      },
    },
    async (request) => {
      const { row, principal } = await itemFor(request, 'update', request.params.id);
      const handler = await loadPrincipal(db, request.body.userId, null);
      const unitPath = (await unitRefs(db, [row.unit_id])).get(row.unit_id)?.path ?? '';
      if (!handler || !can(handler, 'update', 'Feedback', { unitPath, unitId: row.unit_id })) {
        throw new HttpError(
          400,
          'handler_not_eligible',
          'The handling officer must be an officer who can act on this unit',
          ['userId'],
        );
      }
      const updated = await assignHandler(db, actorOf(principal), row.id, request.body.userId);
      return presentDetail(db, principal, updated);
    },
  );

  app.post(
    '/feedback/items/:id/notes',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Add an internal or public note',
        params: z.object({ id: z.string().max(60) }),
        body: z.object({ note: z.string().min(1).max(2000), public: z.boolean().optional() }),
        response: { 200: FeedbackDetailDtoSchema },
      },
    },
    async (request) => {
      const { principal } = await itemFor(request, 'update', request.params.id);
      const row = await addNote(
        db,
        actorOf(principal),
        request.params.id,
        request.body.note,
        request.body.public ?? false,
      );
      return presentDetail(db, principal, row);
    },
  );

  app.post(
    '/feedback/items/:id/moderation',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Approve or reject an item held in the moderation queue (publication only)',
        params: z.object({ id: z.string().max(60) }),
        body: z.object({ decision: z.enum(['approved', 'rejected']), note: z.string().max(1000).optional() }),
        response: { 200: FeedbackDetailDtoSchema },
      },
    },
    async (request) => {
      const { principal } = await itemFor(request, 'update', request.params.id);
      const row = await moderateFeedback(
        db,
        actorOf(principal),
        request.params.id,
        request.body.decision,
        request.body.note,
      );
      return presentDetail(db, principal, row);
    },
  );

  app.get(
    '/feedback/export.csv',
    {
      schema: {
        tags: ['feedback'],
        summary: 'CSV export of the items in your reach (same filters as the list); never any identity data',
        querystring: ItemFilters.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'read', 'Feedback');
      const rows = await filteredItems(db, principal, { ...request.query, page: 1, pageSize: 1 });
      const ctx = await presentContext(db, rows);
      // The officer's language; codes (track, status) become words, dates stay ISO for spreadsheets.
      const lang: Lang = principal.locale === 'en' ? 'en' : 'vi';
      const tr = (key: string) => t(lang, `feedback:server.${key}` as TranslationKey);
      const yesNo = (v: boolean) => tr(v ? 'yes' : 'no');
      const header = CSV_COLUMNS.map((c) => tr(`csv.${c}`));
      const lines = rows.map((r) => {
        const c = ctx.categories.get(r.category_id);
        const answeredOn = vietnamDay(r.answered_at);
        return [
          r.tracking_code,
          tr(`tracks.${r.track}`),
          (lang === 'en' ? c?.nameEn : c?.nameVi) ?? r.category_id,
          c?.dimension ?? '',
          (lang === 'en' ? ctx.units.get(r.commune_id)?.nameEn : ctx.units.get(r.commune_id)?.nameVi) ?? r.commune_id,
          (lang === 'en' ? ctx.units.get(r.unit_id)?.nameEn : ctx.units.get(r.unit_id)?.nameVi) ?? r.unit_id,
          r.title,
          tr(`statuses.${r.status}`),
          r.received_at,
          r.accept_due,
          r.resolve_due ?? '',
          yesNo(overdueOf(r, ctx.today)),
          r.answered_at ?? '',
          answeredOn ? yesNo(r.resolve_due !== null && answeredOn <= r.resolve_due) : '',
          r.moderation,
          r.rating_resolved === null ? '' : yesNo(Number(r.rating_resolved) === 1),
          r.rating_score === null ? '' : String(r.rating_score),
        ];
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="openpapi-feedback-${ctx.today}.csv"`)
        .send(`\uFEFF${stringify([header, ...lines])}`);
    },
  );

  app.get(
    '/feedback/board',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Volume, on-time answer rate and satisfaction per PAPI dimension, unit and track',
        querystring: z.object({ unitId: z.string().optional(), from: IsoDay.optional(), to: IsoDay.optional() }),
        response: { 200: BoardDtoSchema },
      },
    },
    async (request) => {
      const principal = await authorizeUser(request, 'read', 'Feedback');
      if (request.query.unitId) await authorizeUser(request, 'read', 'Feedback', request.query.unitId);
      let rows = await filteredItems(db, principal, {
        unitId: request.query.unitId,
        page: 1,
        pageSize: 1,
      });
      const { from, to } = request.query;
      if (from) rows = rows.filter((r) => r.received_on >= from);
      if (to) rows = rows.filter((r) => r.received_on <= to);
      const ctx = await presentContext(db, rows);
      const board = computeBoard(
        rows.map((r) => ({
          track: r.track as Track,
          dimension: ctx.categories.get(r.category_id)?.dimension ?? '',
          unitId: r.unit_id,
          status: r.status as Status,
          acceptDue: r.accept_due,
          resolveDue: r.resolve_due,
          answeredOn: vietnamDay(r.answered_at),
          ratingResolved: r.rating_resolved === null ? null : Number(r.rating_resolved) === 1,
          ratingScore: r.rating_score === null ? null : Number(r.rating_score),
        })),
        ctx.today,
      );
      const label = (key: string, kind: 'dimension' | 'unit' | 'track' | 'total') =>
        kind === 'unit' ? (ctx.units.get(key)?.nameVi ?? key) : key;
      return {
        total: { ...board.total, label: label('total', 'total') },
        byDimension: board.byDimension.map((r) => ({ ...r, label: label(r.key, 'dimension') })),
        byUnit: board.byUnit.map((r) => ({ ...r, label: label(r.key, 'unit') })),
        byTrack: board.byTrack.map((r) => ({ ...r, label: label(r.key, 'track') })),
      };
    },
  );

  app.get(
    '/feedback/config',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Deadlines per track, categories and routing rules',
        response: {
          200: z.object({
            tracks: z.array(TrackConfigDtoSchema),
            categories: z.array(CategoryDtoSchema),
            rules: z.array(RoutingRuleDtoSchema),
          }),
        },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Feedback');
      const tracks = await loadTrackConfig(db);
      return {
        tracks: TRACKS.map((t) => tracks[t]),
        categories: (await loadCategories(db)).map((c) => categoryDto(c, c.id)),
        rules: await loadRoutingRules(db),
      };
    },
  );

  app.put(
    '/feedback/config/tracks/:track',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Change the deadlines of a track (system administrators)',
        params: z.object({ track: TrackSchema }),
        body: TrackConfigDtoSchema.omit({ track: true }),
        response: { 200: TrackConfigDtoSchema },
      },
    },
    async (request) => {
      const principal = await authorizeUser(request, 'read', 'Feedback');
      if (!principal.roles.some((r) => r.role === 'system_admin')) {
        throw forbidden('Only system administrators change statutory deadlines');
      }
      return updateTrackConfig(db, actorOf(principal), { ...request.body, track: request.params.track });
    },
  );

  app.post(
    '/feedback/routing-rules',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Add a routing rule (category and/or commune → responsible unit); both units in your reach',
        body: z.object({
          categoryId: z.string().max(60).optional(),
          communeId: z.string().max(60).optional(),
          track: TrackSchema.optional(),
          target: z.enum(['commune', 'province', 'unit']),
          targetUnitId: z.string().max(60).optional(),
        }),
        response: { 201: RoutingRuleDtoSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      // A rule for one commune needs write reach on it; a rule for every commune is a system-wide change.
      const scopeUnit = body.communeId ?? null;
      const principal = scopeUnit
        ? await authorizeUser(request, 'update', 'Feedback', scopeUnit)
        : await authorizeUser(request, 'update', 'Feedback');
      if (!scopeUnit && !principal.roles.some((r) => r.role === 'system_admin')) {
        throw forbidden('A rule for every commune is set by system administrators; name a commune');
      }
      if (body.target === 'unit' && body.targetUnitId) {
        await authorizeUser(request, 'update', 'Feedback', body.targetUnitId);
      }
      const row = await createRoutingRule(db, actorOf(principal), body, scopeUnit);
      return reply.status(201).send({
        id: row.id,
        categoryId: row.category_id,
        communeId: row.commune_id,
        track: row.track as Track | null,
        target: row.target,
        targetUnitId: row.target_unit_id,
      });
    },
  );

  app.delete(
    '/feedback/routing-rules/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Remove a routing rule',
        params: z.object({ id: z.string().max(60) }),
      },
    },
    async (request, reply) => {
      const rule = await db
        .selectFrom('feedback_routing_rule')
        .selectAll()
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      await authorizeUser(request, 'update', 'Feedback');
      if (!rule) throw notFound('Routing rule');
      const principal = rule.commune_id
        ? await authorizeUser(request, 'update', 'Feedback', rule.commune_id)
        : await authorizeUser(request, 'update', 'Feedback');
      if (!rule.commune_id && !principal.roles.some((r) => r.role === 'system_admin')) throw forbidden();
      await deleteRoutingRule(db, actorOf(principal), rule.id, rule.commune_id);
      return reply.status(204).send();
    },
  );
};
