// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to questions as ${name}
/**
 * The surveys API end to end on SQLite and PostgreSQL: XLSForm upload (accepted, and refused naming sheet,
 * row and column with nothing stored), versions, templates, frames → sample → export, ODK Central and
 * KoboToolbox imports exactly once, results and exports.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createFixtureUsers, FIXTURE_USERS, insertFixtureUnits, TestClient, UNITS } from '../auth/testing.js';
import { openTestCampaign } from '../campaigns/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { sendingMultipart, smallXlsForm, VILLAGES_CSV, xlsxOf } from './testing.js';

type App = Awaited<ReturnType<typeof buildApp>>;

describe.each(DIALECTS)('surveys API on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: App;
  let commune: TestClient;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    await createFixtureUsers(tdb.db);
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    commune = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.destroy();
  });

  const upload = (url: string, parts: Parameters<typeof sendingMultipart>[1]) =>
    sendingMultipart(commune, parts).inject({ method: 'POST', url });

  it('creates a questionnaire from an XLSForm and keeps versions', async () => {
    const res = await upload('/api/surveys/questionnaires/xlsform', [
      { name: 'unitId', value: UNITS.a1 },
      { name: 'file', value: await smallXlsForm(), filename: 'Phiếu Internet.xlsx' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const q = res.json() as {
      id: string;
      formId: string;
      currentVersion: number;
      version: { form: { children: unknown[] } };
    };
    expect(q.formId).toBe('internet');
    expect(q.version.form.children).toHaveLength(2);
    const v2 = await upload(`/api/surveys/questionnaires/${q.id}/xlsform`, [
      { name: 'file', value: await smallXlsForm(), filename: 'v2.xlsx' },
    ]);
    expect(v2.statusCode, v2.body).toBe(200);
    const got = (await commune.inject({ method: 'GET', url: `/api/surveys/questionnaires/${q.id}` })).json() as {
      currentVersion: number;
      versions: { version: number; fileName: string }[];
    };
    expect(got.currentVersion).toBe(2);
    expect(got.versions.map((v) => [v.version, v.fileName])).toEqual([
      [1, 'Phiếu Internet.xlsx'],
      [2, 'v2.xlsx'],
    ]);
  });

  it('refuses an XLSForm with a repeat group naming sheet, row and column, and stores nothing', async () => {
    const before = await tdb.db
      .selectFrom('questionnaire')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const file = await xlsxOf({
      survey: [
        ['type', 'name', 'label', 'relevant'],
        ['text', 'a', 'A', null],
        ['begin_repeat', 'hh', 'Thành viên hộ', null],
        ['text', 'b', 'B', null],
        ['end_repeat', null, null, null],
      ],
    });
    const res = await upload('/api/surveys/questionnaires/xlsform', [
      { name: 'unitId', value: UNITS.a1 },
      { name: 'file', value: file, filename: 'ho.xlsx' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      "ho.xlsx, sheet survey, row 3, column A (type): type 'begin_repeat': repeat groups are not supported",
    );
    const bad = await upload('/api/surveys/questionnaires/xlsform', [
      { name: 'unitId', value: UNITS.a1 },
      {
        name: 'file',
        value: await xlsxOf({
          survey: [
            ['type', 'name', 'label', 'relevant'],
            ['text', 'a', 'A', 'today() > 1'],
          ],
        }),
        filename: 'x.xlsx',
      },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(
      /^x\.xlsx, sheet survey, row 2, column D \(relevant\): unsupported function today\(\)/,
    );
    const after = await tdb.db
      .selectFrom('questionnaire')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('instantiates templates', async () => {
    const res = await commune.inject({
      method: 'POST',
      url: '/api/surveys/templates/papi-pulse/instantiate',
      payload: { unitId: UNITS.a1 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().formId).toBe('papi_pulse');
    expect(
      (
        await commune.inject({
          method: 'POST',
          url: '/api/surveys/templates/nope/instantiate',
          payload: { unitId: UNITS.a1 },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('uploads a village list, draws a reproducible sample and exports its design columns', async () => {
    const f = await upload('/api/surveys/frames', [
      { name: 'unitId', value: UNITS.a1 },
      { name: 'kind', value: 'villages' },
      { name: 'file', value: Buffer.from(VILLAGES_CSV), filename: 'thon.csv' },
    ]);
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json().rows).toBe(12);
    const draw = () =>
      commune.inject({
        method: 'POST',
        url: '/api/surveys/samples',
        payload: { unitId: UNITS.a1, villageFrameId: f.json().id, villages: 6, residentsPerVillage: 8, seed: 99 },
      });
    const s1 = await draw();
    const s2 = await draw();
    expect(s1.statusCode, s1.body).toBe(201);
    expect(s2.json().summary).toEqual(s1.json().summary);
    const one = (await commune.inject({ method: 'GET', url: `/api/surveys/samples/${s1.json().id}` })).json() as {
      members: number;
      invitationBatches: { count: number; weight: number }[];
    };
    expect(one.members).toBe(48);
    expect(one.invitationBatches.reduce((a, b) => a + b.count, 0)).toBe(48);
    const csv = await commune.inject({ method: 'GET', url: `/api/surveys/samples/${s1.json().id}/export?format=csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(48);
    expect(Object.keys(rows[0]!)).toEqual([
      'seq',
      'stratum',
      'psu',
      'village_code',
      'village_name',
      'resident_id',
      'village_probability',
      'resident_probability',
      'weight',
      'fpc',
      'certainty',
    ]);
    for (const r of rows)
      expect(Number(r.weight)).toBeCloseTo(1 / (Number(r.village_probability) * Number(r.resident_probability)), 9);
    // A bad list is refused naming the row and column.
    const bad = await upload('/api/surveys/frames', [
      { name: 'unitId', value: UNITS.a1 },
      { name: 'kind', value: 'villages' },
      { name: 'file', value: Buffer.from('ma_thon,dan_so\nT1,100\nT2,-5\n'), filename: 'thon.csv' },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^thon\.csv, row 3, column dan_so: population must be a positive number/);
  });

  it('imports ODK Central and KoboToolbox exports exactly once, then computes and exports results', async () => {
    const { campaignId } = await openTestCampaign(tdb.db, UNITS.a1, 1);
    // ODK Central: KEY and meta-instanceID, metadata columns that are never kept.
    const central = [
      'SubmissionDate,satisfaction,why,age,meta-instanceID,KEY,SubmitterName,DeviceID',
      '2026-05-02T08:00:00.000Z,2,Chờ lâu,45,uuid:a-1,uuid:a-1,Nguyễn Văn A,collect:xyz',
      '2026-05-02T09:00:00.000Z,4,,33,uuid:a-2,uuid:a-2,Nguyễn Văn B,collect:xyz',
    ].join('\n');
    const r1 = await upload(`/api/surveys/campaigns/${campaignId}/import`, [
      { name: 'file', value: Buffer.from(central), filename: 'central.csv' },
    ]);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({
      imported: 2,
      alreadyImported: 0,
      keyColumn: 'meta-instanceID',
      ignoredColumns: [],
    });
    // KoboToolbox XLSX export of an overlapping set: _uuid without the prefix, one new row, one repeated in the file.
    const kobo = await xlsxOf({
      data: [
        ['satisfaction', 'why', 'age', '_uuid', '_submission_time', '_submitted_by', 'weight', 'cluster'],
        ['2', 'Chờ lâu', 45, 'a-1', '2026-05-02T08:00:00', 'a', null, null],
        ['3', null, 60, 'b-1', '2026-05-03T08:00:00', 'b', 120, 'Thôn 2'],
        ['3', null, 60, 'b-1', '2026-05-03T08:00:00', 'b', 120, 'Thôn 2'],
      ],
    });
    const r2 = await upload(`/api/surveys/campaigns/${campaignId}/import`, [
      { name: 'file', value: kobo, filename: 'kobo.xlsx' },
    ]);
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toMatchObject({ imported: 1, alreadyImported: 1, duplicateRows: [4] });
    const again = await upload(`/api/surveys/campaigns/${campaignId}/import`, [
      { name: 'file', value: Buffer.from(central), filename: 'central.csv' },
    ]);
    expect(again.json()).toMatchObject({ imported: 0, alreadyImported: 2 });
    const stored = await tdb.db
      .selectFrom('survey_response')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .execute();
    expect(stored).toHaveLength(3);
    expect(stored.map((s) => s.answers_json).join()).not.toMatch(/Nguyễn|collect|uuid/);
    expect(stored.find((s) => s.weight !== null)).toMatchObject({ cluster: 'Thôn 2', received_on: '2026-05-03' });

    // An invalid answer stops the import naming row and column; nothing is stored.
    const wrong = await upload(`/api/surveys/campaigns/${campaignId}/import`, [
      { name: 'file', value: Buffer.from('KEY,satisfaction,age\nuuid:c-1,3,40\nuuid:c-2,3,7\n'), filename: 'bad.csv' },
    ]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toBe('bad.csv, row 3, column age: answer to age: constraint');
    expect(
      await tdb.db.selectFrom('survey_response').select('id').where('campaign_id', '=', campaignId).execute(),
    ).toHaveLength(3);

    const results = await commune.inject({
      method: 'GET',
      url: `/api/surveys/campaigns/${campaignId}/results?replicates=50`,
    });
    expect(results.statusCode, results.body).toBe(200);
    const body = results.json() as {
      results: { respondents: number; estimates: { variable: string; status: string; estimate: number | null }[] };
    };
    expect(body.results.respondents).toBe(3);
    // 3 respondents: every cell is under 30 → suppressed
    expect(body.results.estimates.every((e) => e.status === 'suppressed' && e.estimate === null)).toBe(true);

    const xlsx = await commune.inject({
      method: 'GET',
      url: `/api/surveys/campaigns/${campaignId}/results/export?format=xlsx&replicates=50&lang=en`,
    });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.getRow(1).values).toContain('status');
    const responses = await commune.inject({
      method: 'GET',
      url: `/api/surveys/campaigns/${campaignId}/responses/export`,
    });
    expect(responses.headers['content-disposition']).toMatch(/attachment; filename="phieu-tra-loi-/);
    const rows = parse(responses.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!).slice(0, 4)).toEqual(['id', 'stratum', 'psu', 'weight']);
  });
});
