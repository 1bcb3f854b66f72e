/**
 * Table types of the surveys module: questionnaires (phiếu khảo sát, versioned), sampling frames
 * (khung mẫu) and samples (mẫu), merged into `Database` (server/db/schema.ts). See README.md.
 */

/** A questionnaire of a unit. Its content lives in immutable versions (campaigns field one version). */
export interface QuestionnaireTable {
  id: string;
  unit_id: string;
  /** XLSForm settings.form_id / SurveyForm.formId. */
  form_id: string;
  title_vi: string;
  title_en: string;
  /** Highest version number (1, 2, …). */
  current_version: number;
  /** 0/1: hidden from lists; versions stay because campaigns refer to them. */
  archived: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One immutable version of a questionnaire: the SurveyForm as JSON (core/surveys/form.ts). */
export interface QuestionnaireVersionTable {
  id: string;
  questionnaire_id: string;
  version: number;
  form_json: string;
  /** json | xlsform | template:<key> */
  source: string;
  file_name: string | null;
  created_by: string | null;
  created_at: string;
}

/** An uploaded sampling frame: villages (with population) or residents (id per village only: no names). */
export interface SamplingFrameTable {
  id: string;
  unit_id: string;
  /** villages | residents */
  kind: string;
  name: string;
  file_name: string | null;
  row_count: number;
  /** JSON VillageFrameRow[] or ResidentFrameRow[] (core/surveys/sampling.ts). */
  rows_json: string;
  created_by: string | null;
  created_at: string;
}

/** A reproducible draw: PPS villages, then SRS residents per village. */
export interface SurveySampleTable {
  id: string;
  unit_id: string;
  name: string;
  village_frame_id: string;
  resident_frame_id: string | null;
  seed: number;
  /** Villages to draw (over all strata). */
  villages: number;
  residents_per_village: number;
  /** JSON SampleSummary (core/surveys/sampling.ts): selected villages with probabilities, interval, start. */
  summary_json: string;
  created_by: string | null;
  created_at: string;
}

/** A sampled resident (or a sampled village when no resident frame was given) with its design columns. */
export interface SurveySampleMemberTable {
  sample_id: string;
  seq: number;
  stratum: string;
  psu: string;
  village_code: string;
  village_name: string | null;
  resident_id: string | null;
  village_probability: number;
  resident_probability: number;
  weight: number;
  fpc: number | null;
  certainty: number;
}

/** Instance ids of imported ODK Central / KoboToolbox submissions (sha256), so a re-import adds nothing twice. */
export interface SurveyImportKeyTable {
  campaign_id: string;
  key_hash: string;
  imported_at: string;
}

export type SurveyTables = {
  questionnaire: QuestionnaireTable;
  questionnaire_version: QuestionnaireVersionTable;
  sampling_frame: SamplingFrameTable;
  survey_sample: SurveySampleTable;
  survey_sample_member: SurveySampleMemberTable;
  survey_import_key: SurveyImportKeyTable;
};

/** This module's tables, parents before children (backup/restore order; see server/db/migrate.ts). */
export const SURVEY_TABLE_NAMES = [
  'questionnaire',
  'questionnaire_version',
  'sampling_frame',
  'survey_sample',
  'survey_sample_member',
  'survey_import_key',
] as const satisfies readonly (keyof SurveyTables)[];
