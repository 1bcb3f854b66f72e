/**
 * Writes of the feedback module: validate → one transaction → write + audit. Identity data (contact) is
 * written to its own table and never put into an audit entry.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { InputError } from '../../core/errors.js';
import { acceptDueDate, resolveDueDate } from '../../core/feedback/deadlines.js';
import { insideVietnam } from '../../core/feedback/geo.js';
import { moderationFlags, normaliseForHash } from '../../core/feedback/moderation.js';
import { routeTo } from '../../core/feedback/routing.js';
import { canTransition, checkTransition } from '../../core/feedback/status.js';
import { generateTrackingCode } from '../../core/feedback/trackingCode.js';
import { type TrackConfig, trackConfigProblems } from '../../core/feedback/tracks.js';
import type { Status, Track } from '../../core/feedback/types.js';
import type { Actor } from '../audit/actor.js';
import { actorName } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso, todayIso } from '../db/time.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { checkUpload, FILE_LIMITS, storeFile, type UploadedFile } from '../files/index.js';
import { conflict, HttpError, notFound } from '../http/errors.js';
import type { ContactDto } from './dto.js';
import {
  type FeedbackRow,
  findById,
  findBySubmission,
  loadCategories,
  loadRoutingRules,
  loadTrackConfig,
} from './repository.js';

type Db = Kysely<Database>;

export const FEEDBACK_OWNER = 'feedback';

export interface SubmitInput {
  submissionId: string;
  track: Track;
  categoryId: string;
  communeId: string;
  title?: string | undefined;
  description: string;
  lat?: number | undefined;
  lon?: number | undefined;
  place?: string | undefined;
  contact?: Partial<ContactDto> | undefined;
  source: 'web' | 'open311';
  files?: UploadedFile[];
}

export interface SubmitOutcome {
  row: FeedbackRow;
  /** false: the submissionId was already stored (a retry); nothing new was written. */
  created: boolean;
}

const COMMUNE_TYPES = new Set(['commune', 'ward', 'special_zone']);
const DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;

const clean = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

function defaultTitle(description: string): string {
  const words = description.trim().split(/\s+/).slice(0, 12).join(' ');
  return words.length > 120 ? `${words.slice(0, 117)}…` : words;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint/.test(e.message ?? '');
}

async function replayOf(db: Db, input: SubmitInput): Promise<SubmitOutcome | undefined> {
  const existing = await findBySubmission(db, input.submissionId);
  if (!existing) return undefined;
  const same =
    existing.track === input.track &&
    existing.category_id === input.categoryId &&
    existing.commune_id === input.communeId &&
    existing.description === input.description.trim();
  if (!same) {
    throw new HttpError(409, 'submission_conflict', 'This submissionId was already used for a different submission', [
      'submissionId',
    ]);
  }
  return { row: existing, created: false };
}

/**
 * Stores a citizen's submission once per submissionId. `spendChallenge` verifies the proof of work and
 * returns the challenge id (single use), or null when the source needs none (Open311).
 */
export async function submitFeedback(
  db: Db,
  actor: Actor,
  input: SubmitInput,
  spendChallenge: () => Promise<string | null>,
): Promise<SubmitOutcome> {
  const replay = await replayOf(db, input);
  if (replay) return replay;
  const challengeId = await spendChallenge();

  const description = input.description.trim();
  const categories = await loadCategories(db);
  const category = categories.find((c) => c.id === input.categoryId && c.active);
  if (!category)
    throw new InputError(`Unknown category ${input.categoryId}`, { path: ['categoryId'] }, 'unknown_category');
  const today = todayIso();
  const commune = await db
    .selectFrom('unit')
    .select(['id', 'path', 'unit_type', 'valid_from', 'valid_to', 'code_system'])
    .where('id', '=', input.communeId)
    .executeTakeFirst();
  if (
    !commune ||
    !COMMUNE_TYPES.has(commune.unit_type) ||
    (commune.valid_from !== null && commune.valid_from > today) ||
    (commune.valid_to !== null && commune.valid_to < today)
  ) {
    throw new InputError(
      `${input.communeId} is not a commune or ward that exists today`,
      { path: ['communeId'] },
      'unknown_commune',
    );
  }
  if ((input.lat === undefined) !== (input.lon === undefined)) {
    throw new InputError('Give both lat and lon, or neither', { path: ['lat'] }, 'incomplete_point');
  }
  if (input.lat !== undefined && input.lon !== undefined && !insideVietnam(input.lat, input.lon)) {
    throw new InputError('The map point is outside Vietnam', { path: ['lat'] }, 'outside_vietnam');
  }
  const files = input.files ?? [];
  for (const f of files) await checkUpload(f, FILE_LIMITS.citizenAttachment);

  const provinceId = commune.path.split('/').filter(Boolean)[0] ?? commune.id;
  const unitId = routeTo(await loadRoutingRules(db), {
    categoryId: category.id,
    communeId: commune.id,
    provinceId,
    track: input.track,
  });
  const config = (await loadTrackConfig(db))[input.track];
  const title = clean(input.title) ?? defaultTitle(description);
  const contentHash = createHash('sha256')
    .update(normaliseForHash(`${title}\n${description}`))
    .digest('hex');
  const since = new Date(Date.now() - DUPLICATE_WINDOW_MS).toISOString();
  const duplicate = await db
    .selectFrom('feedback')
    .select('id')
    .where('content_hash', '=', contentHash)
    .where('received_at', '>=', since)
    .executeTakeFirst();
  const flags = moderationFlags({ title, description, duplicateOfRecent: duplicate !== undefined });
  const now = nowIso();
  const id = randomUUID();
  const row: FeedbackRow = {
    id,
    submission_id: input.submissionId,
    tracking_code: generateTrackingCode((n) => randomBytes(n)),
    track: input.track,
    category_id: category.id,
    commune_id: commune.id,
    unit_id: unitId,
    title,
    description,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    place: clean(input.place),
    source: input.source,
    status: 'received',
    reject_reason: null,
    answer: null,
    received_at: now,
    received_on: today,
    accepted_on: null,
    answered_at: null,
    closed_at: null,
    accept_due: acceptDueDate(config, today),
    resolve_due: null,
    complex: 0,
    remote_area: 0,
    extension_days: 0,
    handler_user_id: null,
    moderation: flags.length > 0 ? 'pending' : 'clear',
    moderation_flags: JSON.stringify(flags),
    content_hash: contentHash,
    challenge_id: challengeId,
    rating_resolved: null,
    rating_score: null,
    rating_comment: null,
    rated_at: null,
    updated_at: now,
  };
  const contact = {
    name: clean(input.contact?.name),
    phone: clean(input.contact?.phone),
    email: clean(input.contact?.email),
    address: clean(input.contact?.address),
  };
  try {
    await inTransaction(db, async (tx) => {
      await tx.insertInto('feedback').values(row).execute();
      if (contact.name || contact.phone || contact.email || contact.address) {
        await tx
          .insertInto('feedback_contact')
          .values({ feedback_id: id, ...contact })
          .execute();
      }
      await addEvent(tx, actor, id, { kind: 'status', status: 'received', note: null, public: true });
      for (const [i, f] of files.entries()) {
        // A denouncer's file name may identify them: it is not kept (tệp-1.jpg).
        const ext = f.filename.includes('.') ? f.filename.slice(f.filename.lastIndexOf('.')).slice(0, 8) : '';
        const file = input.track === 'denunciation' ? { ...f, filename: `tep-dinh-kem-${i + 1}${ext}` } : f;
        await storeFile(tx, actor, {
          ownerType: FEEDBACK_OWNER,
          ownerId: id,
          unitId,
          file,
          limits: FILE_LIMITS.citizenAttachment,
        });
      }
      await recordAudit(tx, actor, {
        action: 'create',
        entityType: 'feedback',
        entityId: id,
        unitId,
        // No identity, no text: the audit log must not become a second copy of a denunciation.
        after: { track: row.track, category: row.category_id, commune: row.commune_id, moderation: row.moderation },
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // A concurrent retry with the same submissionId won the race: answer as its replay.
    const replayed = await replayOf(db, input);
    if (replayed) return replayed;
    throw conflict('This proof-of-work challenge was already spent: fetch a new one', ['challenge']);
  }
  return { row, created: true };
}

async function addEvent(
  tx: Tx,
  actor: Actor,
  feedbackId: string,
  e: { kind: string; status: Status | null; note: string | null; public: boolean },
): Promise<void> {
  await tx
    .insertInto('feedback_event')
    .values({
      id: randomUUID(),
      feedback_id: feedbackId,
      at: nowIso(),
      kind: e.kind,
      status: e.status,
      note: e.note,
      public: e.public ? 1 : 0,
      actor_name: actorName(actor),
    })
    .execute();
}

async function mustFind(tx: Db | Tx, id: string): Promise<FeedbackRow> {
  const row = await findById(tx as Db, id);
  if (!row) throw notFound('Feedback');
  return row;
}

export interface TransitionCommand {
  to: Status;
  reason?: string | undefined;
  answer?: string | undefined;
  note?: string | undefined;
  notePublic?: boolean | undefined;
  complex?: boolean | undefined;
  remoteArea?: boolean | undefined;
}

export async function transitionFeedback(
  db: Db,
  actor: Actor,
  id: string,
  cmd: TransitionCommand,
): Promise<FeedbackRow> {
  const configs = await loadTrackConfig(db);
  return inTransaction(db, async (tx) => {
    const before = await mustFind(tx, id);
    const from = before.status as Status;
    if (!canTransition(from, cmd.to)) {
      throw new HttpError(409, 'invalid_transition', `Cannot go from ${from} to ${cmd.to}`, ['to']);
    }
    checkTransition(from, cmd);
    const now = nowIso();
    const today = todayIso();
    const patch: Partial<FeedbackRow> = { status: cmd.to, updated_at: now };
    if (cmd.to === 'accepted') {
      const complex = cmd.complex ?? false;
      const remoteArea = cmd.remoteArea ?? false;
      patch.accepted_on = today;
      patch.complex = complex ? 1 : 0;
      patch.remote_area = remoteArea ? 1 : 0;
      patch.resolve_due = resolveDueDate(configs[before.track as Track] as TrackConfig, today, { complex, remoteArea });
    }
    if (cmd.to === 'rejected') patch.reject_reason = cmd.reason?.trim() ?? null;
    if (cmd.to === 'answered') {
      patch.answer = cmd.answer?.trim() ?? null;
      patch.answered_at = now;
      // An officer answering has read it: a held item is approved with its answer.
      if (before.moderation === 'pending') patch.moderation = 'approved';
    }
    if (cmd.to === 'closed') patch.closed_at = now;
    if (cmd.to === 'in_progress' && from === 'answered') {
      patch.answered_at = null;
    }
    await tx.updateTable('feedback').set(patch).where('id', '=', id).execute();
    const publicNote =
      cmd.to === 'rejected' ? (cmd.reason?.trim() ?? null) : cmd.notePublic ? (clean(cmd.note) ?? null) : null;
    await addEvent(tx, actor, id, { kind: 'status', status: cmd.to, note: publicNote, public: true });
    if (clean(cmd.note) && !cmd.notePublic) {
      await addEvent(tx, actor, id, { kind: 'note', status: null, note: clean(cmd.note), public: false });
    }
    await recordAudit(tx, actor, {
      action: `transition:${cmd.to}`,
      entityType: 'feedback',
      entityId: id,
      unitId: before.unit_id,
      before: { status: from },
      after: { status: cmd.to, resolveDue: patch.resolve_due ?? before.resolve_due },
    });
    return mustFind(tx, id);
  });
}

/**
 * Extension (gia hạn) of an accepted case as complex (vụ việc phức tạp): the resolve deadline becomes the
 * track's complex deadline from the acceptance day (complaints 45 days, denunciations 30 + 30).
 */
export async function extendFeedback(db: Db, actor: Actor, id: string, reason: string): Promise<FeedbackRow> {
  const text = clean(reason);
  if (!text) throw new InputError('An extension needs a reason', { path: ['reason'] }, 'reason_required');
  const configs = await loadTrackConfig(db);
  return inTransaction(db, async (tx) => {
    const before = await mustFind(tx, id);
    if ((before.status !== 'accepted' && before.status !== 'in_progress') || !before.accepted_on) {
      throw new HttpError(409, 'not_in_progress', 'Only an accepted case in progress can be extended');
    }
    if (Number(before.complex) === 1)
      throw new HttpError(409, 'already_extended', 'This case has already been extended');
    const resolveDue = resolveDueDate(configs[before.track as Track] as TrackConfig, before.accepted_on, {
      complex: true,
      remoteArea: Number(before.remote_area) === 1,
    });
    await tx
      .updateTable('feedback')
      .set({ complex: 1, resolve_due: resolveDue, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await addEvent(tx, actor, id, { kind: 'extend', status: null, note: text, public: true });
    await recordAudit(tx, actor, {
      action: 'extend',
      entityType: 'feedback',
      entityId: id,
      unitId: before.unit_id,
      before: { resolveDue: before.resolve_due },
      after: { resolveDue },
    });
    return mustFind(tx, id);
  });
}

export async function assignHandler(db: Db, actor: Actor, id: string, userId: string): Promise<FeedbackRow> {
  return inTransaction(db, async (tx) => {
    const before = await mustFind(tx, id);
    await tx
      .updateTable('feedback')
      .set({ handler_user_id: userId, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await addEvent(tx, actor, id, { kind: 'assign', status: null, note: null, public: false });
    await recordAudit(tx, actor, {
      action: 'assign',
      entityType: 'feedback',
      entityId: id,
      unitId: before.unit_id,
      before: { handler: before.handler_user_id },
      after: { handler: userId },
    });
    return mustFind(tx, id);
  });
}

export async function addNote(db: Db, actor: Actor, id: string, note: string, isPublic: boolean): Promise<FeedbackRow> {
  const text = clean(note);
  if (!text) throw new InputError('The note is empty', { path: ['note'] }, 'note_required');
  return inTransaction(db, async (tx) => {
    const before = await mustFind(tx, id);
    await addEvent(tx, actor, id, { kind: 'note', status: null, note: text, public: isPublic });
    await tx.updateTable('feedback').set({ updated_at: nowIso() }).where('id', '=', id).execute();
    await recordAudit(tx, actor, { action: 'note', entityType: 'feedback', entityId: id, unitId: before.unit_id });
    return mustFind(tx, id);
  });
}

export async function moderateFeedback(
  db: Db,
  actor: Actor,
  id: string,
  decision: 'approved' | 'rejected',
  note: string | undefined,
): Promise<FeedbackRow> {
  return inTransaction(db, async (tx) => {
    const before = await mustFind(tx, id);
    await tx.updateTable('feedback').set({ moderation: decision, updated_at: nowIso() }).where('id', '=', id).execute();
    await addEvent(tx, actor, id, { kind: 'moderation', status: null, note: clean(note) ?? decision, public: false });
    await recordAudit(tx, actor, {
      action: `moderation:${decision}`,
      entityType: 'feedback',
      entityId: id,
      unitId: before.unit_id,
      before: { moderation: before.moderation },
      after: { moderation: decision },
    });
    return mustFind(tx, id);
  });
}

/** "Was it resolved?" — the citizen's follow-up, once, after the answer. */
export async function rateFeedback(
  db: Db,
  actor: Actor,
  id: string,
  rating: { resolved: boolean; score?: number | undefined; comment?: string | undefined },
): Promise<FeedbackRow> {
  return inTransaction(db, async (tx) => {
    const before = await mustFind(tx, id);
    if (before.status !== 'answered' && before.status !== 'closed') {
      throw new HttpError(409, 'not_answered', 'It can be rated once it has been answered');
    }
    if (before.rated_at !== null) throw new HttpError(409, 'already_rated', 'It has already been rated');
    const now = nowIso();
    await tx
      .updateTable('feedback')
      .set({
        rating_resolved: rating.resolved ? 1 : 0,
        rating_score: rating.score ?? null,
        rating_comment: clean(rating.comment),
        rated_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('rated_at', 'is', null)
      .execute();
    await addEvent(tx, actor, id, { kind: 'rating', status: null, note: null, public: false });
    await recordAudit(tx, actor, {
      action: 'rate',
      entityType: 'feedback',
      entityId: id,
      unitId: before.unit_id,
      after: { resolved: rating.resolved, score: rating.score ?? null },
    });
    return mustFind(tx, id);
  });
}

export async function updateTrackConfig(db: Db, actor: Actor, config: TrackConfig): Promise<TrackConfig> {
  const problems = trackConfigProblems(config);
  if (problems[0]) throw new InputError(problems[0].message, { path: [problems[0].field] }, 'invalid_config');
  return inTransaction(db, async (tx) => {
    const values = {
      track: config.track,
      accept_days: config.acceptDays,
      accept_working_days: config.acceptWorkingDays ? 1 : 0,
      resolve_days: config.resolveDays,
      resolve_working_days: config.resolveWorkingDays ? 1 : 0,
      complex_resolve_days: config.complexResolveDays,
      remote_resolve_days: config.remoteResolveDays,
      updated_at: nowIso(),
    };
    await tx.deleteFrom('feedback_track_config').where('track', '=', config.track).execute();
    await tx.insertInto('feedback_track_config').values(values).execute();
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'feedback_track_config',
      entityId: config.track,
      after: config,
    });
    return config;
  });
}

export interface RoutingRuleInput {
  categoryId?: string | undefined;
  communeId?: string | undefined;
  track?: Track | undefined;
  target: 'commune' | 'province' | 'unit';
  targetUnitId?: string | undefined;
}

export async function createRoutingRule(db: Db, actor: Actor, input: RoutingRuleInput, unitId: string | null) {
  if (input.target === 'unit' && !input.targetUnitId) {
    throw new InputError('Name the unit to route to', { path: ['targetUnitId'] }, 'target_required');
  }
  if (input.categoryId && !(await loadCategories(db)).some((c) => c.id === input.categoryId)) {
    throw new InputError(`Unknown category ${input.categoryId}`, { path: ['categoryId'] }, 'unknown_category');
  }
  return inTransaction(db, async (tx) => {
    const row = {
      id: randomUUID(),
      category_id: input.categoryId ?? null,
      commune_id: input.communeId ?? null,
      track: input.track ?? null,
      target: input.target,
      target_unit_id: input.target === 'unit' ? (input.targetUnitId ?? null) : null,
      created_at: nowIso(),
    };
    await tx.insertInto('feedback_routing_rule').values(row).execute();
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'feedback_routing_rule',
      entityId: row.id,
      unitId,
      after: row,
    });
    return row;
  });
}

export async function deleteRoutingRule(db: Db, actor: Actor, id: string, unitId: string | null): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('feedback_routing_rule').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Routing rule');
    await tx.deleteFrom('feedback_routing_rule').where('id', '=', id).execute();
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'feedback_routing_rule',
      entityId: id,
      unitId,
      before,
    });
  });
}
