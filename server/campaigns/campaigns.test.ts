import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createFixtureUsers, FIXTURE_USERS, insertFixtureUnits, TestClient, UNITS } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { submitResponse } from './commands.js';
import { webDir } from './page.js';
import { campaignsSeedStep, DEMO_TOKENS } from './seed.js';
import { insertTestQuestionnaire, openTestCampaign, TEST_FORM } from './testing.js';
import { tokenHash } from './tokens.js';

type App = Awaited<ReturnType<typeof buildApp>>;

/** Columns a response row may have. Anything else (a name, an IP, a user agent, a token…) fails the test. */
const RESPONSE_COLUMNS = [
  'answers_json',
  'campaign_id',
  'cluster',
  'id',
  'questionnaire_version_id',
  'received_on',
  'source',
  'stratum',
  'weight',
];

describe.each(DIALECTS)('survey campaigns on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: App;
  let province: TestClient;
  let commune: TestClient;
  let citizen: TestClient;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    await createFixtureUsers(tdb.db);
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    province = await new TestClient(app).login(FIXTURE_USERS.provinceA.username);
    commune = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    citizen = new TestClient(app);
    await citizen.fetchCsrf();
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  const countResponses = async (campaignId: string) =>
    Number(
      (
        await tdb.db
          .selectFrom('survey_response')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('campaign_id', '=', campaignId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  const post = (token: string, responseId: string, answers: Record<string, unknown>) =>
    citizen.inject({ method: 'POST', url: `/api/s/${token}/responses`, payload: { responseId, answers } });

  it('stores a response once; a retry with the same UUID answers 200 with the same receipt; another UUID gets 409', async () => {
    const { campaignId, tokens } = await openTestCampaign(tdb.db, UNITS.a1);
    const token = tokens[0] as string;
    const id = randomUUID();
    const first = await post(token, id, { satisfaction: '3', age: 40 });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ responseId: id });
    const retry = await post(token, id, { satisfaction: '3', age: 40 });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const other = await post(token, randomUUID(), { satisfaction: '1', why: 'chậm' });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'conflict' });
    expect(await countResponses(campaignId)).toBe(1);
    // The public form now says the token is used.
    const form = await citizen.inject({ method: 'GET', url: `/api/s/${token}` });
    expect(form.json()).toMatchObject({ used: true });
  });

  it('under 8 concurrent duplicate POSTs stores exactly one response (one 201, seven 200)', async () => {
    const { campaignId, tokens } = await openTestCampaign(tdb.db, UNITS.a1);
    const id = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        submitResponse(tdb.db, { token: tokens[0] as string, responseId: id, answers: { satisfaction: '4' } }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.responseId))).toEqual(new Set([id]));
    expect(await countResponses(campaignId)).toBe(1);
    // And over HTTP, duplicates and a competing UUID racing for the same token: one row, the rest 200 or 409.
    const token = tokens[1] as string;
    const mine = randomUUID();
    const theirs = randomUUID();
    const statuses = await Promise.all([
      post(token, mine, { satisfaction: '4' }),
      post(token, mine, { satisfaction: '4' }),
      post(token, theirs, { satisfaction: '2', why: 'x' }),
      post(token, mine, { satisfaction: '4' }),
    ]).then((rs) => rs.map((r) => r.statusCode));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => [200, 201, 409].includes(s))).toBe(true);
    expect(await countResponses(campaignId)).toBe(2);
  });

  it('stores no personal data: only answers and design columns; not even the invitation is linked', async () => {
    const { campaignId, tokens } = await openTestCampaign(tdb.db, UNITS.a1);
    const id = randomUUID();
    const res = await citizen.inject({
      method: 'POST',
      url: `/api/s/${tokens[0]}/responses`,
      payload: { responseId: id, answers: { satisfaction: '1', why: 'Phải đi lại nhiều lần' } },
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 10) PersonalPhone', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(res.statusCode).toBe(201);
    const tables = await tdb.db.introspection.getTables();
    const columns = tables
      .find((t) => t.name === 'survey_response')
      ?.columns.map((c) => c.name)
      .sort();
    expect(columns).toEqual(RESPONSE_COLUMNS);
    const row = await tdb.db
      .selectFrom('survey_response')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    for (const secret of ['203.0.113.7', 'PersonalPhone', tokens[0] as string, id, tokenHash(tokens[0] as string)]) {
      expect(stored).not.toContain(secret);
    }
    expect(JSON.parse(row.answers_json)).toEqual({ satisfaction: '1', why: 'Phải đi lại nhiều lần' });
    expect(row).toMatchObject({ cluster: 'Thôn 1', weight: 250, source: 'web' });
    // The invitation keeps a hash of the client's UUID, never the response row's id; the audit row neither.
    const inv = await tdb.db
      .selectFrom('survey_invitation')
      .selectAll()
      .where('token_hash', '=', tokenHash(tokens[0] as string))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(inv)).not.toContain(row.id);
    expect(inv.used_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const audit = await tdb.db.selectFrom('audit_log').selectAll().where('entity_id', '=', row.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(inv.id);
    expect(JSON.stringify(audit)).not.toContain('203.0.113.7');
  });

  it('rejects invalid answers with 400 naming the question, and stores nothing; drops non-relevant answers', async () => {
    const { campaignId, tokens } = await openTestCampaign(tdb.db, UNITS.a1);
    const missing = await post(tokens[0] as string, randomUUID(), { satisfaction: '1' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'invalid_answers', path: ['answers', 'why'] });
    const young = await post(tokens[0] as string, randomUUID(), { satisfaction: '4', age: 12 });
    expect(young.statusCode).toBe(400);
    expect(young.json()).toMatchObject({ path: ['answers', 'age'] });
    expect(await countResponses(campaignId)).toBe(0);
    // The token is still usable after rejected attempts; the hidden follow-up answer is dropped.
    const ok = await post(tokens[0] as string, randomUUID(), { satisfaction: '4', why: 'left over', age: 30 });
    expect(ok.statusCode).toBe(201);
    const row = await tdb.db
      .selectFrom('survey_response')
      .select('answers_json')
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.answers_json)).toEqual({ satisfaction: '4', age: 30 });
  });

  it('answers 404 for an unknown token, 410 when the campaign is closed, 400 for a response id that is not a UUID', async () => {
    const { campaignId, tokens } = await openTestCampaign(tdb.db, UNITS.a1);
    expect((await citizen.inject({ method: 'GET', url: '/api/s/AAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
    expect((await post('AAAAAAAAAAAAAAAAAAAAAA', randomUUID(), { satisfaction: '4' })).statusCode).toBe(404);
    expect((await post(tokens[0] as string, 'not-a-uuid', { satisfaction: '4' })).statusCode).toBe(400);
    const patch = await commune.inject({
      method: 'PATCH',
      url: `/api/campaigns/${campaignId}`,
      payload: { status: 'closed' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ status: 'closed', accepting: false });
    const closed = await post(tokens[0] as string, randomUUID(), { satisfaction: '4' });
    expect(closed.statusCode).toBe(410);
    expect(closed.json()).toMatchObject({ code: 'campaign_closed' });
    const form = await citizen.inject({ method: 'GET', url: `/api/s/${tokens[0]}` });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({ used: false, campaign: { accepting: false } });
  });

  it('officers create a campaign, issue invitations (tokens once, hashes kept), list them and print a sheet', async () => {
    const versionId = await insertTestQuestionnaire(tdb.db);
    const created = await province.inject({
      method: 'POST',
      url: '/api/campaigns',
      payload: {
        unitId: UNITS.a2,
        questionnaireVersionId: versionId,
        title: 'Khảo sát Phố Hiến',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    });
    expect(created.statusCode).toBe(201);
    const campaign = created.json() as { id: string; status: string; invitations: number };
    expect(campaign).toMatchObject({ status: 'draft', invitations: 0, unitNameVi: 'Phố Hiến' });
    // Bad period and unknown questionnaire: 400, nothing stored.
    const bad = await province.inject({
      method: 'POST',
      url: '/api/campaigns',
      payload: {
        unitId: UNITS.a2,
        questionnaireVersionId: versionId,
        title: 'x',
        periodStart: '2026-12-31',
        periodEnd: '2026-01-01',
      },
    });
    expect(bad.json()).toMatchObject({ code: 'bad_period', path: ['periodEnd'] });
    const unknown = await province.inject({
      method: 'POST',
      url: '/api/campaigns',
      payload: {
        unitId: UNITS.a2,
        questionnaireVersionId: 'nope',
        title: 'x',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    });
    expect(unknown.json()).toMatchObject({ code: 'unknown_questionnaire' });

    const issued = await province.inject({
      method: 'POST',
      url: `/api/campaigns/${campaign.id}/invitations`,
      payload: { count: 3, cluster: 'Tổ dân phố 5' },
    });
    expect(issued.statusCode).toBe(201);
    const invitations = (issued.json() as { invitations: { serial: number; token: string; url: string }[] })
      .invitations;
    expect(invitations.map((i) => i.serial)).toEqual([1, 2, 3]);
    expect(new Set(invitations.map((i) => i.token)).size).toBe(3);
    for (const i of invitations) {
      expect(i.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(i.url).toMatch(new RegExp(`/s/${i.token}$`));
    }
    const stored = JSON.stringify(
      await tdb.db.selectFrom('survey_invitation').selectAll().where('campaign_id', '=', campaign.id).execute(),
    );
    for (const i of invitations) expect(stored).not.toContain(i.token);
    const more = await province.inject({
      method: 'POST',
      url: `/api/campaigns/${campaign.id}/invitations`,
      payload: { count: 2 },
    });
    expect((more.json() as { invitations: { serial: number }[] }).invitations.map((i) => i.serial)).toEqual([4, 5]);

    const list = await province.inject({ method: 'GET', url: `/api/campaigns/${campaign.id}/invitations` });
    expect(list.json()).toMatchObject({
      items: [{ serial: 1, used: false, cluster: 'Tổ dân phố 5' }, {}, {}, {}, { serial: 5, cluster: null }],
    });
    expect(list.body).not.toContain(invitations[0]?.token);

    const sheet = await province.inject({
      method: 'POST',
      url: `/api/campaigns/${campaign.id}/invitations/sheet`,
      payload: { tokens: invitations.map((i) => i.token) },
    });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toMatch(/text\/html/);
    expect(sheet.body).toContain('Phiếu mời số 3');
    expect(sheet.body.match(/<svg/g)).toHaveLength(3);
    expect(sheet.body).toContain(`/s/${invitations[1]?.token}`);
    // A token of another campaign is refused: a sheet never prints links it does not own.
    const { tokens: foreign } = await openTestCampaign(tdb.db, UNITS.a1, 1);
    const mixed = await province.inject({
      method: 'POST',
      url: `/api/campaigns/${campaign.id}/invitations/sheet`,
      payload: { tokens: [invitations[0]?.token, foreign[0]] },
    });
    expect(mixed.statusCode).toBe(404);

    const qr = await citizen.inject({ method: 'GET', url: `/api/s/${invitations[0]?.token}/qr.svg` });
    expect(qr.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(qr.body).toContain('<svg');
    const manifest = await citizen.inject({
      method: 'GET',
      url: `/api/s/${invitations[0]?.token}/manifest.webmanifest`,
    });
    expect(manifest.json()).toMatchObject({
      start_url: `/s/${invitations[0]?.token}`,
      scope: '/s/',
      display: 'standalone',
    });

    // Counts follow: 5 issued, none used yet.
    const one = await province.inject({ method: 'GET', url: `/api/campaigns/${campaign.id}` });
    expect(one.json()).toMatchObject({ invitations: 5, used: 0, responses: 0 });
    // Reach: the commune officer of a1 cannot see a campaign of a2.
    expect((await commune.inject({ method: 'GET', url: `/api/campaigns/${campaign.id}` })).statusCode).toBe(404);
    const communeList = (await commune.inject({ method: 'GET', url: '/api/campaigns' })).json() as {
      items: { id: string }[];
    };
    expect(communeList.items.map((c) => c.id)).not.toContain(campaign.id);
  });

  it('fields a questionnaire only in its own unit or below (a Hà Nội form is not fielded in Ân Thi)', async () => {
    const hanoi = await insertTestQuestionnaire(tdb.db, TEST_FORM, UNITS.B);
    const res = await province.inject({
      method: 'POST',
      url: '/api/campaigns',
      payload: {
        unitId: UNITS.a1,
        questionnaireVersionId: hanoi,
        title: 'x',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'questionnaire_out_of_unit', path: ['questionnaireVersionId'] });
  });

  it('seeds an open Hưng Yên campaign whose demo links open the form, once (idempotent)', async () => {
    const lines: string[] = [];
    await campaignsSeedStep.run(tdb, (l) => lines.push(l));
    await campaignsSeedStep.run(tdb, (l) => lines.push(l));
    expect(lines.filter((l) => l.includes('/s/demo-hungyen-0001'))).toHaveLength(1);
    const form = await citizen.inject({ method: 'GET', url: `/api/s/${DEMO_TOKENS[0]}` });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({
      used: false,
      campaign: { accepting: true, unitNameVi: 'Hưng Yên' },
      form: { formId: 'sipas_services' },
    });
    const campaigns = (await province.inject({ method: 'GET', url: '/api/campaigns' })).json() as {
      items: { title: string; invitations: number }[];
    };
    expect(campaigns.items.find((c) => c.title.includes('(demo)'))).toMatchObject({ invitations: DEMO_TOKENS.length });
  });

  it('serves the citizen form page at /s/:token (survey.html when built), outside /api', async () => {
    const res = await citizen.inject({ method: 'GET', url: `/s/${DEMO_TOKENS[1]}` });
    if (existsSync(`${webDir()}/index.html`)) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<div id="root">');
    } else {
      expect(res.statusCode).toBe(404);
    }
    expect((await citizen.inject({ method: 'GET', url: '/s/bad!token' })).statusCode).toBe(400);
  });
});
