/**
 * Demo seed of the surveys module for Hưng Yên (vn2025:33): the PAPI pulse questionnaire, a village list
 * with a reproducible two-stage sample, and a closed pulse campaign whose responses are SYNTHETIC
 * (core/surveys/synthetic.ts, seeded) — titled "dữ liệu minh họa" so nobody takes them for real — so the
 * results tab shows estimates, PAPI scales and the comparison with the official score on a fresh start.
 * Idempotent: skipped when the province already has the pulse questionnaire.
 */
import { randomUUID } from 'node:crypto';
import { drawSample, type VillageFrameRow } from '../../core/surveys/sampling.js';
import { syntheticResponses } from '../../core/surveys/synthetic.js';
import { templateForm } from '../../core/surveys/templates.js';
import { systemActor } from '../audit/actor.js';
import { createCampaign } from '../campaigns/commands.js';
import { todayIso } from '../db/time.js';
import type { SeedStep } from '../demo/seed.js';
import { createQuestionnaire } from './repository.js';
import { drawAndStoreSample, uploadFrame } from './sampling.js';

const PROVINCE = 'vn2025:33';
const SEED = 2026;

const addDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export const surveysSeedStep: SeedStep = {
  name: 'surveys (Hưng Yên: PAPI pulse questionnaire, sample, illustrative results)',
  async run(handle, log) {
    const { db } = handle;
    const form = templateForm('papi-pulse');
    const unit = await db.selectFrom('unit').select('id').where('id', '=', PROVINCE).executeTakeFirst();
    if (!unit || !form) return;
    const exists = await db
      .selectFrom('questionnaire')
      .select('id')
      .where('unit_id', '=', PROVINCE)
      .where('form_id', '=', form.formId)
      .executeTakeFirst();
    if (exists) return;
    const actor = systemActor('demo-seed');
    const { version } = await createQuestionnaire(db, actor, PROVINCE, { form, source: 'template:papi-pulse' });

    // 30 villages in two communes (strata), sizes between 300 and 1,500 people.
    const villages: VillageFrameRow[] = Array.from({ length: 30 }, (_, i) => ({
      code: `HY-${String(i + 1).padStart(2, '0')}`,
      name: `Thôn ${i + 1}`,
      population: 300 + ((i * 389) % 1200),
      stratum: i < 16 ? 'Xã Ân Thi' : 'Phường Phố Hiến',
    }));
    const csv = [
      'ma_thon,ten_thon,dan_so,xa',
      ...villages.map((v) => `${v.code},${v.name},${v.population},${v.stratum}`),
    ].join('\n');
    const frame = await uploadFrame(db, actor, {
      unitId: PROVINCE,
      kind: 'villages',
      name: 'Danh sách thôn, tổ dân phố (minh họa)',
      file: { filename: 'thon-minh-hoa.csv', content: Buffer.from(csv) },
    });
    const params = { villages: 12, residentsPerVillage: 30, seed: SEED };
    await drawAndStoreSample(db, actor, {
      unitId: PROVINCE,
      name: 'Mẫu khảo sát nhanh 2026 (minh họa)',
      villageFrameId: frame.id,
      ...params,
    });

    const today = todayIso();
    const campaign = await createCampaign(db, actor, {
      unitId: PROVINCE,
      questionnaireVersionId: version.id,
      title: 'Khảo sát nhanh PAPI (dữ liệu minh họa)',
      periodStart: addDays(today, -60),
      periodEnd: addDays(today, -10),
      status: 'closed',
    });
    const { members } = drawSample(villages, null, params);
    const responses = syntheticResponses(
      form,
      members.map((m) => ({ stratum: m.stratum, cluster: m.psu, weight: m.weight })),
      SEED,
    );
    for (let i = 0; i < responses.length; i += 100)
      await db
        .insertInto('survey_response')
        .values(
          responses.slice(i, i + 100).map((r) => ({
            id: randomUUID(),
            campaign_id: campaign.id,
            questionnaire_version_id: version.id,
            answers_json: JSON.stringify(r.answers),
            cluster: r.cluster,
            stratum: r.stratum,
            weight: r.weight,
            source: 'import',
            received_on: addDays(today, -30),
          })),
        )
        .execute();
    log(`demo data: pulse campaign "${campaign.title}" with ${responses.length} synthetic responses`);
  },
};
