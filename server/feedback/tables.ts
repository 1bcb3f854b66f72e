/**
 * Table types of the feedback module (Citizen feedback and petitions (phản ánh, kiến nghị), complaints
 * (khiếu nại), denunciations (tố cáo)), merged into `Database` (server/db/schema.ts). Migration 0005.
 */

/** Category tagged to a PAPI dimension (D3–D7; D8 for e-government). */
export interface FeedbackCategoryTable {
  id: string;
  name_vi: string;
  name_en: string;
  dimension: string;
  sort_order: number;
  active: number;
}

/** Deadlines per track (thời hạn thụ lý, giải quyết); working = 1 counts working days. */
export interface FeedbackTrackConfigTable {
  track: string;
  accept_days: number;
  accept_working_days: number;
  resolve_days: number;
  resolve_working_days: number;
  complex_resolve_days: number;
  remote_resolve_days: number;
  updated_at: string;
}

/** Routing rule: category and/or commune (and/or track) → responsible unit. Most specific wins. */
export interface FeedbackRoutingRuleTable {
  id: string;
  category_id: string | null;
  commune_id: string | null;
  track: string | null;
  target: string;
  target_unit_id: string | null;
  created_at: string;
}

export interface FeedbackTable {
  id: string;
  submission_id: string;
  tracking_code: string;
  track: string;
  category_id: string;
  commune_id: string;
  unit_id: string;
  title: string;
  description: string;
  lat: number | null;
  lon: number | null;
  place: string | null;
  source: string;
  status: string;
  reject_reason: string | null;
  answer: string | null;
  received_at: string;
  received_on: string;
  accepted_on: string | null;
  answered_at: string | null;
  closed_at: string | null;
  accept_due: string;
  resolve_due: string | null;
  complex: number;
  remote_area: number;
  extension_days: number;
  handler_user_id: string | null;
  moderation: string;
  moderation_flags: string;
  content_hash: string;
  challenge_id: string | null;
  rating_resolved: number | null;
  rating_score: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  updated_at: string;
}

/** The citizen's identity, apart: read only through server/feedback/confidentiality.ts. */
export interface FeedbackContactTable {
  feedback_id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface FeedbackEventTable {
  id: string;
  feedback_id: string;
  at: string;
  kind: string;
  status: string | null;
  note: string | null;
  public: number;
  actor_name: string;
}

export type FeedbackTables = {
  feedback_category: FeedbackCategoryTable;
  feedback_track_config: FeedbackTrackConfigTable;
  feedback_routing_rule: FeedbackRoutingRuleTable;
  feedback: FeedbackTable;
  feedback_contact: FeedbackContactTable;
  feedback_event: FeedbackEventTable;
};

/** This module's tables, parents before children (backup/restore order; see server/db/migrate.ts). */
export const FEEDBACK_TABLE_NAMES = [
  'feedback_category',
  'feedback_track_config',
  'feedback_routing_rule',
  'feedback',
  'feedback_contact',
  'feedback_event',
] as const satisfies readonly (keyof FeedbackTables)[];
