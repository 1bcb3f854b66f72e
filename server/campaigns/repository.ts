/**
 * Reads of the campaigns module: campaigns with their counts, invitations (never a token), and the
 * campaign an invitation token belongs to.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SurveyCampaignTable, SurveyInvitationTable } from './tables.js';
import { tokenHash } from './tokens.js';

export interface CampaignCounts {
  invitations: number;
  used: number;
  responses: number;
}

export interface CampaignRow extends SurveyCampaignTable {
  unit_path: string;
  unit_name_vi: string;
  unit_name_en: string;
}

type Db = Kysely<Database>;

const campaignColumns = [
  'survey_campaign.id',
  'survey_campaign.unit_id',
  'survey_campaign.questionnaire_version_id',
  'survey_campaign.title',
  'survey_campaign.period_start',
  'survey_campaign.period_end',
  'survey_campaign.status',
  'survey_campaign.created_at',
  'survey_campaign.updated_at',
  'unit.path as unit_path',
  'unit.name_vi as unit_name_vi',
  'unit.name_en as unit_name_en',
] as const;

export function campaignQuery(db: Db) {
  return db
    .selectFrom('survey_campaign')
    .innerJoin('unit', 'unit.id', 'survey_campaign.unit_id')
    .select(campaignColumns);
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  return campaignQuery(db).where('survey_campaign.id', '=', id).executeTakeFirst();
}

/** Counts per campaign (invitations issued, used, responses received), in two grouped queries. */
export async function campaignCounts(db: Db, ids: readonly string[]): Promise<Map<string, CampaignCounts>> {
  const out = new Map<string, CampaignCounts>(ids.map((id) => [id, { invitations: 0, used: 0, responses: 0 }]));
  if (ids.length === 0) return out;
  const inv = await db
    .selectFrom('survey_invitation')
    .select((eb) => [
      'campaign_id',
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.count<string | number>('used_on').as('used'),
    ])
    .where('campaign_id', 'in', ids)
    .groupBy('campaign_id')
    .execute();
  for (const r of inv) {
    const c = out.get(r.campaign_id);
    if (c) {
      c.invitations = Number(r.n);
      c.used = Number(r.used);
    }
  }
  const res = await db
    .selectFrom('survey_response')
    .select((eb) => ['campaign_id', eb.fn.countAll<string | number>().as('n')])
    .where('campaign_id', 'in', ids)
    .groupBy('campaign_id')
    .execute();
  for (const r of res) {
    const c = out.get(r.campaign_id);
    if (c) c.responses = Number(r.n);
  }
  return out;
}

export async function listInvitations(db: Db, campaignId: string): Promise<SurveyInvitationTable[]> {
  return db
    .selectFrom('survey_invitation')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('serial')
    .execute();
}

export async function findInvitationByToken(db: Db, token: string): Promise<SurveyInvitationTable | undefined> {
  return db.selectFrom('survey_invitation').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
}
