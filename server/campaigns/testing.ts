/**
 * Test helpers of the campaigns module: a small questionnaire with skip logic and a constraint,
 * stored as a questionnaire version, and an open campaign of it with invitations.
 */
import type { Kysely } from 'kysely';
import type { SurveyForm } from '../../core/surveys/form.js';
import { systemActor } from '../audit/actor.js';
import type { Database } from '../db/schema.js';
import { createQuestionnaire } from '../surveys/repository.js';
import { createCampaign, createInvitations } from './commands.js';

/** Three questions: a rating, a follow-up shown only when the rating is low, an age with a constraint. */
export const TEST_FORM: SurveyForm = {
  formId: 'pulse_test',
  version: '1',
  title: { vi: 'Khảo sát thử', en: 'Test survey' },
  defaultLanguage: 'vi',
  choiceLists: {
    rating: [
      { name: '1', label: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' } },
      { name: '2', label: { vi: 'Không hài lòng', en: 'Dissatisfied' } },
      { name: '3', label: { vi: 'Hài lòng', en: 'Satisfied' } },
      { name: '4', label: { vi: 'Rất hài lòng', en: 'Very satisfied' } },
    ],
  },
  children: [
    {
      kind: 'question',
      name: 'satisfaction',
      type: 'select_one',
      choices: 'rating',
      required: true,
      label: {
        vi: 'Ông/bà hài lòng với dịch vụ hành chính công ở mức nào?',
        en: 'How satisfied are you with public administrative services?',
      },
    },
    {
      kind: 'question',
      name: 'why',
      type: 'text',
      required: true,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an XLSForm expression, not a JS template
      relevant: '${satisfaction} <= 2',
      label: { vi: 'Vì sao ông/bà chưa hài lòng?', en: 'Why are you not satisfied?' },
    },
    {
      kind: 'question',
      name: 'age',
      type: 'integer',
      required: false,
      constraint: '. >= 18 and . <= 110',
      label: { vi: 'Tuổi của ông/bà', en: 'Your age' },
    },
  ],
};

/** A questionnaire of the province above `unitId` (or of `unitId` itself) at version 1; returns the version id. */
export async function insertTestQuestionnaire(
  db: Kysely<Database>,
  form: SurveyForm = TEST_FORM,
  unitId = 'vn2025:33',
): Promise<string> {
  const { version } = await createQuestionnaire(db, systemActor('test'), unitId, { form, source: 'json' });
  return version.id;
}

/** An open campaign of unit `unitId` over this year, with `count` invitations; returns ids and tokens. */
export async function openTestCampaign(
  db: Kysely<Database>,
  unitId: string,
  count = 3,
): Promise<{ campaignId: string; versionId: string; tokens: string[] }> {
  const versionId = await insertTestQuestionnaire(db, TEST_FORM, unitId);
  const year = new Date().getUTCFullYear();
  const actor = systemActor('test');
  const c = await createCampaign(db, actor, {
    unitId,
    questionnaireVersionId: versionId,
    title: 'Khảo sát thử',
    periodStart: `${year - 1}-01-01`,
    periodEnd: `${year + 1}-12-31`,
    status: 'open',
  });
  const issued = await createInvitations(db, actor, c.id, { count, cluster: 'Thôn 1', weight: 250 });
  return { campaignId: c.id, versionId, tokens: issued.map((i) => i.token) };
}
