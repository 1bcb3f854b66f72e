// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to questions as ${name}
/**
 * Test helpers of the surveys module: multipart bodies, real .xlsx workbooks, and per-unit fixtures
 * (a questionnaire, a village list, a sample, a campaign with responses).
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { PAPI_PULSE } from '../../core/surveys/templates.js';
import { systemActor } from '../audit/actor.js';
import type { TestClient } from '../auth/testing.js';
import { openTestCampaign } from '../campaigns/testing.js';
import type { Database } from '../db/schema.js';
import { type FormPart, multipart } from '../files/testing.js';
import { createQuestionnaire } from './repository.js';
import { drawAndStoreSample, uploadFrame } from './sampling.js';

/** The same client (cookies, CSRF) sending this multipart body instead of the JSON payload. */
export function sendingMultipart(base: TestClient, parts: FormPart[]): TestClient {
  const form = multipart(parts);
  const client = Object.create(base) as TestClient;
  client.inject = (opts) => base.inject({ ...opts, payload: form.payload, headers: { ...form.headers } });
  return client;
}

export type Grid = (string | number | null)[][];

/** A real .xlsx file with these sheets. */
export async function xlsxOf(sheets: Record<string, Grid>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, grid] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of grid) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A minimal valid XLSForm. */
export function smallXlsForm(): Promise<Buffer> {
  return xlsxOf({
    survey: [
      ['type', 'name', 'label::Vietnamese (vi)', 'label::English (en)', 'required', 'relevant', 'papi_indicator'],
      ['select_one yn', 'q8_2_1', 'Có Internet tại nhà?', 'Internet at home?', 'yes', null, '8.2.1'],
      ['integer', 'hours', 'Số giờ dùng mỗi ngày', 'Hours a day', 'no', "${q8_2_1} = '1'", null],
    ],
    choices: [
      ['list_name', 'name', 'label::Vietnamese (vi)', 'label::English (en)'],
      ['yn', '1', 'Có', 'Yes'],
      ['yn', '0', 'Không', 'No'],
    ],
    settings: [
      ['form_title', 'form_id'],
      ['Khảo sát Internet', 'internet'],
    ],
  });
}

export const VILLAGES_CSV = [
  'ma_thon,ten_thon,dan_so,xa',
  ...Array.from({ length: 12 }, (_, i) => `T${i + 1},Thôn ${i + 1},${100 + i * 37},${i < 6 ? 'A' : 'B'}`),
].join('\n');

export interface UnitFixture {
  questionnaireId: string;
  frameId: string;
  sampleId: string;
  campaignId: string;
}

/** One of everything in `unitId`; the campaign (test form of server/campaigns) has three responses. */
export async function surveyFixture(db: Kysely<Database>, unitId: string): Promise<UnitFixture> {
  const actor = systemActor('test');
  const { questionnaire } = await createQuestionnaire(db, actor, unitId, {
    form: PAPI_PULSE,
    source: 'template:papi-pulse',
  });
  const frame = await uploadFrame(db, actor, {
    unitId,
    kind: 'villages',
    name: 'Danh sách thôn',
    file: { filename: 'thon.csv', content: Buffer.from(VILLAGES_CSV) },
  });
  const sample = await drawAndStoreSample(db, actor, {
    unitId,
    name: 'Mẫu thử',
    villageFrameId: frame.id,
    villages: 4,
    residentsPerVillage: 5,
    seed: 1,
  });
  const { campaignId, versionId } = await openTestCampaign(db, unitId, 1);
  await db
    .insertInto('survey_response')
    .values(
      ['1', '3', '4'].map((s, i) => ({
        id: `${campaignId}-r${i}`,
        campaign_id: campaignId,
        questionnaire_version_id: versionId,
        answers_json: JSON.stringify({ satisfaction: s, ...(s === '1' ? { why: 'Chờ lâu' } : {}) }),
        cluster: `Thôn ${i + 1}`,
        stratum: null,
        weight: 100 + i,
        source: 'import',
        received_on: '2026-05-01',
      })),
    )
    .execute();
  return { questionnaireId: questionnaire.id, frameId: frame.id, sampleId: sample.id, campaignId };
}
