/**
 * Reads of the feedback module and the presenters that turn rows into the DTOs of dto.ts.
 * Identity data is never read here: see confidentiality.ts.
 */
import type { Kysely } from 'kysely';
import { type Category, mergeCategories } from '../../core/feedback/categories.js';
import { answeredOnTime, answerIsPublic, isOverdue } from '../../core/feedback/deadlines.js';
import type { RoutingRule } from '../../core/feedback/routing.js';
import { TRANSITIONS } from '../../core/feedback/status.js';
import { mergeTrackConfig, type TrackConfig } from '../../core/feedback/tracks.js';
import type { Moderation, Status, Track } from '../../core/feedback/types.js';
import { todayInVietnam } from '../../core/i18n/format.js';
import type { Database } from '../db/schema.js';
import type { CategoryDto, FeedbackSummaryDto, PublicAnswerDto, TrackingDto, UnitRef } from './dto.js';
import type { FeedbackTable } from './tables.js';

type Db = Kysely<Database>;
export type FeedbackRow = FeedbackTable;

export async function loadCategories(db: Db): Promise<Category[]> {
  const rows = await db.selectFrom('feedback_category').selectAll().execute();
  return mergeCategories(
    rows.map((r) => ({
      id: r.id,
      nameVi: r.name_vi,
      nameEn: r.name_en,
      dimension: r.dimension as Category['dimension'],
      sortOrder: Number(r.sort_order),
      active: Number(r.active) === 1,
    })),
  );
}

export async function loadTrackConfig(db: Db): Promise<Record<Track, TrackConfig>> {
  const rows = await db.selectFrom('feedback_track_config').selectAll().execute();
  return mergeTrackConfig(
    rows.map((r) => ({
      track: r.track as Track,
      acceptDays: Number(r.accept_days),
      acceptWorkingDays: Number(r.accept_working_days) === 1,
      resolveDays: Number(r.resolve_days),
      resolveWorkingDays: Number(r.resolve_working_days) === 1,
      complexResolveDays: Number(r.complex_resolve_days),
      remoteResolveDays: Number(r.remote_resolve_days),
    })),
  );
}

export async function loadRoutingRules(db: Db): Promise<RoutingRule[]> {
  const rows = await db.selectFrom('feedback_routing_rule').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    communeId: r.commune_id,
    track: r.track as Track | null,
    target: r.target as RoutingRule['target'],
    targetUnitId: r.target_unit_id,
  }));
}

export const findById = (db: Db, id: string) =>
  db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();
export const findByCode = (db: Db, code: string) =>
  db.selectFrom('feedback').selectAll().where('tracking_code', '=', code).executeTakeFirst();
export const findBySubmission = (db: Db, submissionId: string) =>
  db.selectFrom('feedback').selectAll().where('submission_id', '=', submissionId).executeTakeFirst();

export async function unitRefs(db: Db, ids: readonly string[]): Promise<Map<string, UnitRef & { path: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit')
    .select(['id', 'name_vi', 'name_en', 'path'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, nameVi: r.name_vi, nameEn: r.name_en, path: r.path }]));
}

export const categoryDto = (c: Category | undefined, id: string): CategoryDto =>
  c
    ? { id: c.id, nameVi: c.nameVi, nameEn: c.nameEn, dimension: c.dimension }
    : { id, nameVi: id, nameEn: id, dimension: '' };

const unitRef = (units: Map<string, UnitRef>, id: string): UnitRef => {
  const u = units.get(id);
  return u ? { id: u.id, nameVi: u.nameVi, nameEn: u.nameEn } : { id, nameVi: id, nameEn: id };
};

/** Everything a presenter needs besides the row. */
export interface PresentContext {
  categories: Map<string, Category>;
  units: Map<string, UnitRef>;
  today: string;
}

export async function presentContext(db: Db, rows: readonly FeedbackRow[]): Promise<PresentContext> {
  const categories = new Map((await loadCategories(db)).map((c) => [c.id, c]));
  const units = await unitRefs(
    db,
    rows.flatMap((r) => [r.commune_id, r.unit_id]),
  );
  return { categories, units, today: todayInVietnam() };
}

export const overdueOf = (r: FeedbackRow, today: string): boolean =>
  isOverdue({ status: r.status as Status, acceptDue: r.accept_due, resolveDue: r.resolve_due }, today);

/** Answer date in Vietnam (answered_at is a UTC instant). */
export const vietnamDay = (iso: string | null): string | null => (iso === null ? null : todayInVietnam(new Date(iso)));

export function ratingOf(r: FeedbackRow): TrackingDto['rating'] {
  if (r.rating_resolved === null || r.rated_at === null) return null;
  return {
    resolved: Number(r.rating_resolved) === 1,
    score: r.rating_score === null ? null : Number(r.rating_score),
    comment: r.rating_comment,
    ratedAt: r.rated_at,
  };
}

export const parseFlags = (r: FeedbackRow): string[] => JSON.parse(r.moderation_flags) as string[];

export const isPublishable = (r: FeedbackRow): boolean => r.moderation === 'clear' || r.moderation === 'approved';

/** What the citizen tracking a code and the officer's inbox both see of an item (dto feedbackStatusFields). */
function presentStatus(r: FeedbackRow, ctx: PresentContext) {
  return {
    trackingCode: r.tracking_code,
    track: r.track as Track,
    category: categoryDto(ctx.categories.get(r.category_id), r.category_id),
    commune: unitRef(ctx.units, r.commune_id),
    unit: unitRef(ctx.units, r.unit_id),
    title: r.title,
    status: r.status as Status,
    receivedAt: r.received_at,
    acceptDue: r.accept_due,
    resolveDue: r.resolve_due,
    overdue: overdueOf(r, ctx.today),
  };
}

export function presentSummary(
  r: FeedbackRow,
  ctx: PresentContext,
  extra: { handler: FeedbackSummaryDto['handler']; hasAttachments: boolean },
): FeedbackSummaryDto {
  return {
    id: r.id,
    ...presentStatus(r, ctx),
    moderation: r.moderation as Moderation,
    moderationFlags: parseFlags(r),
    handler: extra.handler,
    source: r.source,
    hasAttachments: extra.hasAttachments,
  };
}

export async function publicEvents(db: Db, feedbackId: string): Promise<TrackingDto['events']> {
  const rows = await db
    .selectFrom('feedback_event')
    .select(['at', 'status', 'note'])
    .where('feedback_id', '=', feedbackId)
    .where('public', '=', 1)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((e) => ({ at: e.at, status: e.status as Status | null, note: e.note }));
}

export async function presentTracking(db: Db, r: FeedbackRow): Promise<TrackingDto> {
  const ctx = await presentContext(db, [r]);
  const publicAnswer = answerIsPublic(r.track as Track);
  const status = r.status as Status;
  return {
    ...presentStatus(r, ctx),
    rejectReason: r.reject_reason,
    answer: publicAnswer ? r.answer : null,
    answeredAt: r.answered_at,
    events: await publicEvents(db, r.id),
    rating: ratingOf(r),
    canRate: (status === 'answered' || status === 'closed') && r.rated_at === null,
  };
}

export function presentPublicAnswer(r: FeedbackRow, ctx: PresentContext): PublicAnswerDto {
  const rating = ratingOf(r);
  return {
    id: r.id,
    category: categoryDto(ctx.categories.get(r.category_id), r.category_id),
    commune: unitRef(ctx.units, r.commune_id),
    unit: unitRef(ctx.units, r.unit_id),
    title: r.title,
    description: r.description,
    receivedAt: r.received_at,
    answer: r.answer ?? '',
    answeredAt: r.answered_at ?? '',
    onTime: answeredOnTime(r.resolve_due, vietnamDay(r.answered_at)),
    rating: rating ? { resolved: rating.resolved, score: rating.score } : null,
  };
}

export const allowedTransitions = (status: Status): Status[] => [...TRANSITIONS[status]];
