/**
 * Writes of the campaigns module. Each: validate → one transaction → write + audit.
 *
 * Exactly-once submission (submitResponse): the client makes the response UUID before it queues the
 * answers; the invitation is claimed with ONE conditional UPDATE (`… where used_on is null`), so of
 * two concurrent POSTs only one inserts a response. The loser, and any later retry, re-reads the
 * invitation: same UUID → the stored receipt (200), another UUID → 409.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { InputError } from '../../core/errors.js';
import type { Actor } from '../audit/actor.js';
import { systemActor } from '../audit/actor.js';
import { insertAudited, recordAudit, recordAudits } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso, todayIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, HttpError, notFound } from '../http/errors.js';
import { checkAnswers, findQuestionnaireVersion } from './questionnaires.js';
import { type CampaignRow, findCampaign, findInvitationByToken } from './repository.js';
import type { SurveyCampaignTable } from './tables.js';
import { newToken, responseKeyHash, tokenHash } from './tokens.js';

type Db = Kysely<Database>;

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Largest batch of invitations made at once (one printed sheet of a village or two). */
export const MAX_INVITATIONS_PER_BATCH = 500;

export interface CreateCampaignInput {
  unitId: string;
  questionnaireVersionId: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  status?: CampaignStatus;
}

function checkPeriod(start: string, end: string): void {
  if (end < start) {
    throw new InputError(`The period ends (${end}) before it starts (${start})`, { path: ['periodEnd'] }, 'bad_period');
  }
}

export async function createCampaign(db: Db, actor: Actor, input: CreateCampaignInput): Promise<CampaignRow> {
  const title = input.title.trim();
  if (!title) throw new InputError('A title is required', { path: ['title'] }, 'title_required');
  checkPeriod(input.periodStart, input.periodEnd);
  const id = randomUUID();
  await inTransaction(db, async (tx) => {
    const version = await findQuestionnaireVersion(tx, input.questionnaireVersionId);
    if (!version) {
      throw new InputError(
        `Questionnaire version ${input.questionnaireVersionId} does not exist`,
        { path: ['questionnaireVersionId'] },
        'unknown_questionnaire',
      );
    }
    // A questionnaire is fielded by its own unit or a unit below it (a province form in its communes).
    const units = await tx
      .selectFrom('unit')
      .select(['id', 'path'])
      .where('id', 'in', [input.unitId, version.unitId])
      .execute();
    const campaignPath = units.find((u) => u.id === input.unitId)?.path;
    const formPath = units.find((u) => u.id === version.unitId)?.path;
    if (!campaignPath)
      throw new InputError(`Unit ${input.unitId} does not exist`, { path: ['unitId'] }, 'unknown_unit');
    if (!formPath || !campaignPath.startsWith(formPath)) {
      throw new InputError(
        `The questionnaire belongs to ${version.unitId}, which is not ${input.unitId} or above it`,
        { path: ['questionnaireVersionId'] },
        'questionnaire_out_of_unit',
      );
    }
    const now = nowIso();
    const row: SurveyCampaignTable = {
      id,
      unit_id: input.unitId,
      questionnaire_version_id: version.versionId,
      title,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      status: input.status ?? 'draft',
      created_at: now,
      updated_at: now,
    };
    await insertAudited(tx, actor, 'survey_campaign', row, input.unitId);
  });
  const created = await findCampaign(db, id);
  if (!created) throw notFound('Campaign');
  return created;
}

export interface UpdateCampaignInput {
  title?: string;
  periodStart?: string;
  periodEnd?: string;
  status?: CampaignStatus;
}

export async function updateCampaign(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateCampaignInput,
): Promise<CampaignRow> {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('survey_campaign').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Campaign');
    const title = input.title === undefined ? before.title : input.title.trim();
    if (!title) throw new InputError('A title is required', { path: ['title'] }, 'title_required');
    const after: SurveyCampaignTable = {
      ...before,
      title,
      period_start: input.periodStart ?? before.period_start,
      period_end: input.periodEnd ?? before.period_end,
      status: input.status ?? before.status,
      updated_at: nowIso(),
    };
    checkPeriod(after.period_start, after.period_end);
    await tx.updateTable('survey_campaign').set(after).where('id', '=', id).execute();
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'survey_campaign',
      entityId: id,
      unitId: before.unit_id,
      before,
      after,
    });
  });
  const updated = await findCampaign(db, id);
  if (!updated) throw notFound('Campaign');
  return updated;
}

export interface CreateInvitationsInput {
  count: number;
  /** Village / residential group (thôn, tổ dân phố) these invitations go to: the sampling cluster. */
  cluster?: string | null;
  stratum?: string | null;
  /** Design weight (inverse inclusion probability) of each respondent reached by these invitations. */
  weight?: number | null;
}

export interface IssuedInvitation {
  id: string;
  serial: number;
  /** Shown once (to print); only its hash is stored. */
  token: string;
}

/** Makes `count` invitations with fresh tokens; returns the tokens (the only time they are known). */
export async function createInvitations(
  db: Db,
  actor: Actor,
  campaignId: string,
  input: CreateInvitationsInput,
  /** Fixed tokens (demo seed only); random ones otherwise. */
  fixedTokens?: readonly string[],
): Promise<IssuedInvitation[]> {
  const count = fixedTokens?.length ?? input.count;
  if (!Number.isInteger(count) || count < 1 || count > MAX_INVITATIONS_PER_BATCH) {
    throw new InputError(
      `Between 1 and ${MAX_INVITATIONS_PER_BATCH} invitations at a time`,
      { path: ['count'] },
      'bad_count',
    );
  }
  if (input.weight !== undefined && input.weight !== null && !(input.weight > 0)) {
    throw new InputError('A design weight must be positive', { path: ['weight'] }, 'bad_weight');
  }
  return inTransaction(db, async (tx) => {
    const campaign = await tx
      .selectFrom('survey_campaign')
      .select(['id', 'unit_id', 'status'])
      .where('id', '=', campaignId)
      .executeTakeFirst();
    if (!campaign) throw notFound('Campaign');
    if (campaign.status === 'closed') throw conflict('The campaign is closed: no new invitations');
    const last = await tx
      .selectFrom('survey_invitation')
      .select((eb) => eb.fn.max<number | null>('serial').as('m'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
    const start = Number(last?.m ?? 0) + 1;
    const now = nowIso();
    const issued: IssuedInvitation[] = [];
    const rows = [];
    for (let i = 0; i < count; i++) {
      const token = fixedTokens?.[i] ?? newToken();
      const inv = { id: randomUUID(), serial: start + i, token };
      issued.push(inv);
      rows.push({
        id: inv.id,
        campaign_id: campaignId,
        serial: inv.serial,
        token_hash: tokenHash(token),
        cluster: input.cluster?.trim() || null,
        stratum: input.stratum?.trim() || null,
        weight: input.weight ?? null,
        created_at: now,
        used_on: null,
        response_key_hash: null,
      });
    }
    for (let i = 0; i < rows.length; i += 200) {
      await tx
        .insertInto('survey_invitation')
        .values(rows.slice(i, i + 200))
        .execute();
    }
    await recordAudits(
      tx,
      actor,
      rows.map((r) => ({
        action: 'create',
        entityType: 'survey_invitation',
        entityId: r.id,
        unitId: campaign.unit_id,
        after: { campaignId, serial: r.serial, cluster: r.cluster, stratum: r.stratum, weight: r.weight },
      })),
    );
    return issued;
  });
}

/** What the citizen gets back, the first time and on every retry of the same response. */
export interface SubmissionReceipt {
  responseId: string;
  receivedOn: string;
  /** true when this POST stored the response, false when it was a retry of one already stored. */
  created: boolean;
}

export const campaignClosed = () =>
  new HttpError(410, 'campaign_closed', 'This survey is not accepting responses (closed or outside its period)');

/** True when the campaign accepts responses today. */
export function isAccepting(campaign: Pick<SurveyCampaignTable, 'status' | 'period_start' | 'period_end'>): boolean {
  const today = todayIso();
  return campaign.status === 'open' && campaign.period_start <= today && today <= campaign.period_end;
}

/**
 * Stores a citizen's answers for an invitation token, exactly once (see the file comment).
 * Nothing that identifies the person is stored with the answers; the audit row names the response
 * and the campaign, never the invitation.
 */
export async function submitResponse(
  db: Db,
  input: { token: string; responseId: string; answers: Record<string, unknown> },
): Promise<SubmissionReceipt> {
  const invitation = await findInvitationByToken(db, input.token);
  if (!invitation) throw notFound('Invitation');
  const key = responseKeyHash(input.responseId);
  const replay = (inv: { used_on: string | null; response_key_hash: string | null }): SubmissionReceipt => {
    if (inv.response_key_hash === key && inv.used_on) {
      return { responseId: input.responseId, receivedOn: inv.used_on, created: false };
    }
    throw conflict('This invitation has already been used to answer the survey', ['token']);
  };
  if (invitation.used_on) return replay(invitation);

  const campaign = await db
    .selectFrom('survey_campaign')
    .selectAll()
    .where('id', '=', invitation.campaign_id)
    .executeTakeFirst();
  if (!campaign) throw notFound('Campaign');
  if (!isAccepting(campaign)) throw campaignClosed();
  const version = await findQuestionnaireVersion(db, campaign.questionnaire_version_id);
  if (!version) throw notFound('Questionnaire');
  const answers = checkAnswers(version.form, input.answers);

  const today = todayIso();
  const outcome = await inTransaction(db, async (tx) => {
    const claimed = await tx
      .updateTable('survey_invitation')
      .set({ used_on: today, response_key_hash: key })
      .where('id', '=', invitation.id)
      .where('used_on', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return 'lost' as const;
    const id = randomUUID();
    await tx
      .insertInto('survey_response')
      .values({
        id,
        campaign_id: campaign.id,
        questionnaire_version_id: campaign.questionnaire_version_id,
        answers_json: JSON.stringify(answers),
        cluster: invitation.cluster,
        stratum: invitation.stratum,
        weight: invitation.weight,
        source: 'web',
        received_on: today,
      })
      .execute();
    await recordAudit(tx, systemActor('citizen-form'), {
      action: 'create',
      entityType: 'survey_response',
      entityId: id,
      unitId: campaign.unit_id,
      after: { campaignId: campaign.id },
    });
    return 'stored' as const;
  });
  if (outcome === 'stored') return { responseId: input.responseId, receivedOn: today, created: true };
  // Another request claimed the invitation between our read and our update: decide by its key.
  const now = await db
    .selectFrom('survey_invitation')
    .select(['used_on', 'response_key_hash'])
    .where('id', '=', invitation.id)
    .executeTakeFirstOrThrow();
  return replay(now);
}
