/**
 * Demo seed: an open satisfaction survey of Hưng Yên (vn2025:33) on the built-in administrative-services
 * questionnaire, with five invitations whose tokens are fixed and printed in the log, so a tester can open
 * /s/demo-hungyen-0001 on a phone at once. Idempotent: skipped when the first demo token exists.
 */
import { templateForm } from '../../core/surveys/templates.js';
import { systemActor } from '../audit/actor.js';
import { todayIso } from '../db/time.js';
import type { SeedStep } from '../demo/seed.js';
import { createQuestionnaire } from '../surveys/repository.js';
import { createCampaign, createInvitations } from './commands.js';
import { findInvitationByToken } from './repository.js';

export const DEMO_PROVINCE = 'vn2025:33';
export const DEMO_TOKENS = [
  'demo-hungyen-0001',
  'demo-hungyen-0002',
  'demo-hungyen-0003',
  'demo-hungyen-0004',
  'demo-hungyen-0005',
];

const addDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export const campaignsSeedStep: SeedStep = {
  name: 'survey campaign (Hưng Yên, demo invitations)',
  async run(handle, log) {
    const { db } = handle;
    if (await findInvitationByToken(db, DEMO_TOKENS[0] as string)) return;
    const unit = await db.selectFrom('unit').select('id').where('id', '=', DEMO_PROVINCE).executeTakeFirst();
    const form = templateForm('sipas-services');
    if (!unit || !form) {
      log(
        `demo data: survey campaign skipped (${unit ? 'template sipas-services missing' : `unit ${DEMO_PROVINCE} not loaded`})`,
      );
      return;
    }
    const actor = systemActor('demo-seed');
    // Reuse the province's administrative-services questionnaire when another step made one.
    const existing = await db
      .selectFrom('questionnaire as q')
      .innerJoin('questionnaire_version as v', (j) =>
        j.onRef('v.questionnaire_id', '=', 'q.id').onRef('v.version', '=', 'q.current_version'),
      )
      .select('v.id')
      .where('q.unit_id', '=', DEMO_PROVINCE)
      .where('q.form_id', '=', form.formId)
      .executeTakeFirst();
    const versionId =
      existing?.id ??
      (await createQuestionnaire(db, actor, DEMO_PROVINCE, { form, source: 'template:sipas-services' })).version.id;
    const today = todayIso();
    const campaign = await createCampaign(db, actor, {
      unitId: DEMO_PROVINCE,
      questionnaireVersionId: versionId,
      title: 'Khảo sát mức độ hài lòng về dịch vụ hành chính công (demo)',
      periodStart: addDays(today, -30),
      periodEnd: addDays(today, 60),
      status: 'open',
    });
    await createInvitations(db, actor, campaign.id, { count: DEMO_TOKENS.length, cluster: 'Thôn Đông' }, DEMO_TOKENS);
    log(`demo data: survey campaign "${campaign.title}" open; citizen links (one response each):`);
    for (const token of DEMO_TOKENS) log(`  /s/${token}`);
  },
};
