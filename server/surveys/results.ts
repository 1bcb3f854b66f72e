/**
 * Campaign results on the server: reads the campaign's questionnaire version and responses
 * (server/campaigns tables), the current PAPI framework and the province's last official scores (shipped
 * published series), and hands them to core/surveys/results.ts.
 */
import type { Kysely } from 'kysely';
import type { Framework } from '../../core/index/framework.js';
import { frameworkForYear } from '../../core/index/framework.js';
import { provinceYear } from '../../core/index/series.js';
import type { AnswerValue, SurveyForm } from '../../core/surveys/form.js';
import {
  type AnalysisTable,
  analysisTable,
  computeResults,
  type OfficialScores,
  type ResponseRecord,
  type ResultsOptions,
  type SurveyResults,
} from '../../core/surveys/results.js';
import type { Database } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import { loadShippedIndexData, shippedSeries } from '../io/published-scores.js';
import { findQuestionnaireVersion } from './repository.js';

export interface CampaignData {
  campaign: { id: string; unitId: string; title: string; questionnaireVersionId: string };
  form: SurveyForm;
  responses: ResponseRecord[];
}

export async function loadCampaignData(db: Kysely<Database>, campaignId: string): Promise<CampaignData> {
  const c = await db
    .selectFrom('survey_campaign')
    .select(['id', 'unit_id', 'title', 'questionnaire_version_id'])
    .where('id', '=', campaignId)
    .executeTakeFirst();
  if (!c) throw notFound('Campaign');
  const version = await findQuestionnaireVersion(db, c.questionnaire_version_id);
  if (!version) throw notFound('Questionnaire version');
  const rows = await db
    .selectFrom('survey_response')
    .select(['id', 'answers_json', 'stratum', 'cluster', 'weight'])
    .where('campaign_id', '=', campaignId)
    .orderBy('received_on')
    .orderBy('id')
    .execute();
  return {
    campaign: { id: c.id, unitId: c.unit_id, title: c.title, questionnaireVersionId: c.questionnaire_version_id },
    form: version.form,
    responses: rows.map((r) => ({
      answers: JSON.parse(r.answers_json) as Record<string, AnswerValue>,
      stratum: r.stratum,
      cluster: r.cluster,
      weight: r.weight === null ? null : Number(r.weight),
    })),
  };
}

/** The framework of the latest published PAPI year (the scale pulse results are put on). */
export async function currentFramework(): Promise<{ framework: Framework; year: number }> {
  const data = await loadShippedIndexData();
  const year = Math.max(...data.series63.years.map((y) => y.year));
  const framework = frameworkForYear(data.frameworks, year);
  if (!framework) throw new Error(`no framework for ${year}`);
  return { framework, year };
}

/**
 * The last official PAPI scores of the province a unit lies in: vn2025 units read the 34-province series
 * (re-based from the published 63, an approximation), vn2008 units the published 63. Null for local units
 * outside a province or a province without scores.
 */
export async function officialScoresFor(db: Kysely<Database>, unitId: string): Promise<OfficialScores | null> {
  const unit = await db.selectFrom('unit').select(['path']).where('id', '=', unitId).executeTakeFirst();
  if (!unit) return null;
  const provinceId = unit.path.split('/').filter(Boolean)[0] ?? '';
  const [system, code] = provinceId.split(':');
  if ((system !== 'vn2025' && system !== 'vn2008') || !code) return null;
  const { series } = await shippedSeries(system === 'vn2025' ? '34' : '63');
  const years = series.years.map((y) => y.year).sort((a, b) => b - a);
  for (const year of years) {
    const py = provinceYear(series, year, code);
    if (py && py.total !== null)
      return { year, provinceCode: code, dimensions: py.dimensions, subdimensions: py.subdimensions, total: py.total };
  }
  return null;
}

export async function campaignResults(
  db: Kysely<Database>,
  campaignId: string,
  options: ResultsOptions = {},
): Promise<{ data: CampaignData; results: SurveyResults; framework: Framework }> {
  const data = await loadCampaignData(db, campaignId);
  const { framework } = await currentFramework();
  const official = await officialScoresFor(db, data.campaign.unitId);
  const results = computeResults(data.form, data.responses, framework, official, options);
  return { data, results, framework };
}

/** The respondent table of a campaign (what the responses export writes and `openpapi estimate` reads). */
export async function campaignAnalysisTable(
  db: Kysely<Database>,
  campaignId: string,
  domain?: string,
): Promise<{ data: CampaignData; table: AnalysisTable }> {
  const data = await loadCampaignData(db, campaignId);
  const { framework } = await currentFramework();
  return { data, table: analysisTable(data.form, data.responses, framework, domain) };
}
