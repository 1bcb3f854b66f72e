/**
 * Table types of the campaigns module (survey campaigns — đợt khảo sát: invitations, one per token, and
 * responses with no personal data), merged into `Database` (server/db/schema.ts).
 */

/** A survey campaign of one unit over one period, fielding one questionnaire version. */
export interface SurveyCampaignTable {
  id: string;
  unit_id: string;
  questionnaire_version_id: string;
  title: string;
  /** YYYY-MM-DD, first and last day responses are accepted. */
  period_start: string;
  period_end: string;
  /** draft (nháp) | open (đang thu) | closed (đã đóng) */
  status: string;
  created_at: string;
  updated_at: string;
}

/** An invitation (phiếu mời): one token, one response. Only the token's hash is kept. */
export interface SurveyInvitationTable {
  id: string;
  campaign_id: string;
  /** 1, 2, 3… within the campaign: the number printed on the invitation sheet. */
  serial: number;
  /** sha256(token), hex. */
  token_hash: string;
  /** Sampling design carried to the response (thôn/tổ dân phố, stratum, weight); never a person. */
  cluster: string | null;
  stratum: string | null;
  weight: number | null;
  created_at: string;
  /** YYYY-MM-DD the token was used (a date, not a time, so it does not pin the response down). */
  used_on: string | null;
  /** sha256 of the client's response UUID: a retried POST is recognised, the response row is not named. */
  response_key_hash: string | null;
}

/** An anonymous response: answers and design columns only (no name, IP, user agent, token, invitation). */
export interface SurveyResponseTable {
  id: string;
  campaign_id: string;
  questionnaire_version_id: string;
  /** { [questionName]: value } as JSON text. */
  answers_json: string;
  cluster: string | null;
  stratum: string | null;
  weight: number | null;
  /** web (citizen form) | import (ODK Central / KoboToolbox CSV) */
  source: string;
  received_on: string;
}

export type CampaignTables = {
  survey_campaign: SurveyCampaignTable;
  survey_invitation: SurveyInvitationTable;
  survey_response: SurveyResponseTable;
};

/** This module's tables, parents before children (backup/restore order; see server/db/migrate.ts). */
export const CAMPAIGN_TABLE_NAMES = [
  'survey_campaign',
  'survey_invitation',
  'survey_response',
] as const satisfies readonly (keyof CampaignTables)[];
