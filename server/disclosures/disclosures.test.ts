import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/disclosures/index.js';
import { buildApp } from '../app.js';
import { createFixtureUsers, FIXTURE_USERS, insertFixtureUnits, TestClient, UNITS } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { todayIso } from '../db/time.js';
import { multipart, PNG_1X1 } from '../files/testing.js';

type App = Awaited<ReturnType<typeof buildApp>>;
// biome-ignore lint/suspicious/noExplicitAny: JSON of the API under test
type Json = any;

describe.each(DIALECTS)('disclosure register API on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: App;
  let commune: TestClient;
  let province: TestClient;
  let admin: TestClient;
  let anonymous: TestClient;
  const today = todayIso();
  const year = Number(today.slice(0, 4));

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    await createFixtureUsers(tdb.db);
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    commune = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    province = await new TestClient(app).login(FIXTURE_USERS.provinceA.username);
    admin = await new TestClient(app).login(FIXTURE_USERS.admin.username);
    anonymous = new TestClient(app);
    await anonymous.fetchCsrf();
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  const budget = (over: Record<string, unknown> = {}) => ({
    unitId: UNITS.a1,
    typeId: 'budget_estimate',
    title: `Dự toán ngân sách xã Ân Thi năm ${year}`,
    period: String(year),
    places: ['commune_office', 'loudspeaker'],
    postedFrom: addDays(today, -100),
    postedUntil: addDays(today, -5),
    published: true,
    ...over,
  });

  it('lists the seeded kinds with legal basis and rule, publicly', async () => {
    const res = await anonymous.inject({ method: 'GET', url: '/api/disclosures/types' });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as Json).items as Json[];
    expect(items.map((t) => t.id)).toEqual(
      expect.arrayContaining(['poor_households', 'budget_estimate', 'budget_settlement', 'land_use_plan']),
    );
    const b = items.find((t) => t.id === 'budget_estimate');
    expect(b.rule).toEqual({ kind: 'days', days: 90 });
    expect(b.legalBasisVi).toMatch(/343\/2016\/TT-BTC/);
    expect(b.papi[0].conceptId).toBe('d2.communal-budget');
  });

  it('records a posting with a photo in one multipart request; the file is stored with it and audited', async () => {
    const form = multipart([
      { name: 'data', value: JSON.stringify(budget()) },
      { name: 'evidence', value: PNG_1X1, filename: 'bảng tin UBND.png', contentType: 'image/png' },
    ]);
    const res = await commune.inject({ method: 'POST', url: '/api/disclosures', ...form });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json() as Json;
    expect(d).toMatchObject({
      unitId: UNITS.a1,
      year,
      published: true,
      compliance: { status: 'complete', postedDays: 96 },
    });
    expect(d.evidence).toMatchObject([{ filename: 'bảng tin UBND.png', mediaType: 'image/png', size: PNG_1X1.length }]);
    const file = await commune.inject({ method: 'GET', url: `/api/disclosures/${d.id}/files/${d.evidence[0].id}` });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG_1X1)).toBe(true);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .select(['entity_type', 'action'])
      .where('entity_id', '=', d.id)
      .execute();
    expect(audit).toEqual([{ entity_type: 'disclosure', action: 'create' }]);
    // Evidence is not public, even of a published posting.
    expect(
      (await anonymous.inject({ method: 'GET', url: `/api/public/disclosures/${d.id}/files/${d.evidence[0].id}` }))
        .statusCode,
    ).toBe(404);
  });

  it('stores nothing when a file is refused (type detected from the bytes) or a field is wrong', async () => {
    const before = await tdb.db
      .selectFrom('disclosure')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const bad = multipart([
      { name: 'data', value: JSON.stringify(budget({ title: 'Không được lưu' })) },
      {
        name: 'evidence',
        value: Buffer.from('MZ\u0090\u0000 not really an image'),
        filename: 'anh.png',
        contentType: 'image/png',
      },
    ]);
    const res = await commune.inject({ method: 'POST', url: '/api/disclosures', ...bad });
    expect(res.statusCode).toBe(400);
    expect((res.json() as Json).message).toMatch(/anh\.png/);
    const wrongDates = await commune.inject({
      method: 'POST',
      url: '/api/disclosures',
      payload: budget({ postedUntil: addDays(today, -200) }),
    });
    expect(wrongDates.statusCode).toBe(400);
    expect(wrongDates.json()).toMatchObject({ code: 'end_before_start', path: ['postedUntil'] });
    const badPlace = await commune.inject({
      method: 'POST',
      url: '/api/disclosures',
      payload: budget({ places: ['chợ'] }),
    });
    expect(badPlace.statusCode).toBe(400);
    expect((badPlace.json() as Json).path).toEqual(['body', 'places', 0]);
    const after = await tdb.db
      .selectFrom('disclosure')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('never publishes a poor-household list with personal data; a redacted public copy may be', async () => {
    const poor = budget({ typeId: 'poor_households', title: `Danh sách hộ nghèo năm ${year}` });
    const refused = await commune.inject({ method: 'POST', url: '/api/disclosures', payload: poor });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'personal_data_not_redacted', path: ['redacted'] });
    const internal = await commune.inject({
      method: 'POST',
      url: '/api/disclosures',
      payload: { ...poor, published: false },
    });
    expect(internal.statusCode).toBe(201);
    const portal = (
      await anonymous.inject({ method: 'GET', url: `/api/public/disclosures?unitId=${UNITS.A}` })
    ).json() as Json;
    expect(portal.items.some((i: Json) => i.typeId === 'poor_households')).toBe(false);
    // Publishing later needs the redaction statement too.
    const id = (internal.json() as Json).id;
    expect(
      (await commune.inject({ method: 'PATCH', url: `/api/disclosures/${id}`, payload: { published: true } }))
        .statusCode,
    ).toBe(400);
    const ok = await commune.inject({
      method: 'PATCH',
      url: `/api/disclosures/${id}`,
      payload: { published: true, redacted: true },
    });
    expect(ok.statusCode).toBe(200);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_id', '=', id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json ?? '{}').published).toBe(0);
    expect(JSON.parse(audit.after_json ?? '{}').published).toBe(1);
  });

  it('the portal lists published postings of a province, without evidence or author, with the public copy', async () => {
    const created = (
      await commune.inject({
        method: 'POST',
        url: '/api/disclosures',
        ...multipart([
          {
            name: 'data',
            value: JSON.stringify(budget({ typeId: 'budget_settlement', title: 'Quyết toán ngân sách' })),
          },
          { name: 'publicCopy', value: PNG_1X1, filename: 'quyet-toan.png', contentType: 'image/png' },
        ]),
      })
    ).json() as Json;
    expect(created.publicCopies).toHaveLength(1);
    const res = await anonymous.inject({
      method: 'GET',
      url: `/api/public/disclosures?unitId=${UNITS.A}&year=${year}`,
    });
    expect(res.statusCode).toBe(200);
    const item = ((res.json() as Json).items as Json[]).find((i) => i.id === created.id);
    expect(item).toMatchObject({ unitNameVi: 'Ân Thi', provinceNameVi: 'Hưng Yên', title: 'Quyết toán ngân sách' });
    expect(item.evidence).toBeUndefined();
    expect(item.createdBy).toBeUndefined();
    const copy = await anonymous.inject({
      method: 'GET',
      url: `/api/public/disclosures/${created.id}/files/${item.publicCopies[0].id}`,
    });
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-type']).toBe('image/png');
    // Another province sees none of it.
    const other = (
      await anonymous.inject({ method: 'GET', url: `/api/public/disclosures?unitId=${UNITS.B}` })
    ).json() as Json;
    expect(other.items).toEqual([]);
  });

  it('compliance board: complete, too short, ongoing and missing per commune and kind', async () => {
    await province.inject({
      method: 'POST',
      url: '/api/disclosures',
      payload: budget({ unitId: UNITS.a2, postedFrom: addDays(today, -60), postedUntil: addDays(today, -40) }),
    });
    await province.inject({
      method: 'POST',
      url: '/api/disclosures',
      payload: budget({
        unitId: UNITS.a2,
        typeId: 'citizen_collections',
        title: 'Các khoản thu',
        postedFrom: addDays(today, -10),
        postedUntil: null,
      }),
    });
    const res = await province.inject({
      method: 'GET',
      url: `/api/disclosures/compliance?unitId=${UNITS.A}&year=${year}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json() as Json;
    expect(board.units.map((u: Json) => u.id).sort()).toEqual([UNITS.a1, UNITS.a2].sort());
    const cell = (u: string, t: string) => board.cells.find((c: Json) => c.unitId === u && c.typeId === t)?.status;
    expect(cell(UNITS.a1, 'budget_estimate')).toBe('complete');
    expect(cell(UNITS.a2, 'budget_estimate')).toBe('too_short');
    expect(cell(UNITS.a2, 'citizen_collections')).toBe('ongoing');
    expect(cell(UNITS.a2, 'land_use_plan')).toBe('missing');
    expect(board.types.some((t: Json) => t.id === 'investment_projects')).toBe(false);
    // A commune officer sees its own commune's board, not the province's.
    expect(
      (
        await commune.inject({ method: 'GET', url: `/api/disclosures/compliance?unitId=${UNITS.a1}&year=${year}` })
      ).json(),
    ).toMatchObject({
      units: [{ id: UNITS.a1 }],
    });
    expect(
      (await commune.inject({ method: 'GET', url: `/api/disclosures/compliance?unitId=${UNITS.A}&year=${year}` }))
        .statusCode,
    ).toBe(404);
  });

  it('scopes lists to the reach; writes outside it are 403; types are configured by administrators only', async () => {
    const mine = ((await commune.inject({ method: 'GET', url: '/api/disclosures' })).json() as Json).items as Json[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((d) => d.unitId === UNITS.a1)).toBe(true);
    const all = ((await province.inject({ method: 'GET', url: '/api/disclosures' })).json() as Json).items as Json[];
    expect(all.some((d) => d.unitId === UNITS.a2)).toBe(true);
    expect(
      (await commune.inject({ method: 'POST', url: '/api/disclosures', payload: budget({ unitId: UNITS.a2 }) }))
        .statusCode,
    ).toBe(403);
    const a2 = all.find((d) => d.unitId === UNITS.a2);
    expect((await commune.inject({ method: 'GET', url: `/api/disclosures/${a2.id}` })).statusCode).toBe(404);
    expect((await commune.inject({ method: 'DELETE', url: `/api/disclosures/${a2.id}` })).statusCode).toBe(403);

    const patch = { rule: { kind: 'days', days: 120 } };
    expect(
      (await province.inject({ method: 'PATCH', url: '/api/disclosures/types/budget_estimate', payload: patch }))
        .statusCode,
    ).toBe(403);
    const changed = await admin.inject({
      method: 'PATCH',
      url: '/api/disclosures/types/budget_estimate',
      payload: patch,
    });
    expect(changed.statusCode).toBe(200);
    expect((changed.json() as Json).rule).toEqual({ kind: 'days', days: 120 });
    const added = await admin.inject({
      method: 'POST',
      url: '/api/disclosures/types',
      payload: {
        id: 'school_fees',
        nameVi: 'Các khoản thu trong trường học',
        nameEn: 'School fees',
        rule: { kind: 'days', days: 30 },
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(
      (
        await admin.inject({
          method: 'POST',
          url: '/api/disclosures/types',
          payload: { id: 'school_fees', nameVi: 'x', nameEn: 'x', rule: { kind: 'throughout' } },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('deletes a posting with its files, audited', async () => {
    const d = (
      await commune.inject({
        method: 'POST',
        url: '/api/disclosures',
        ...multipart([
          { name: 'data', value: JSON.stringify(budget({ title: 'Sẽ xoá' })) },
          { name: 'evidence', value: PNG_1X1, filename: 'a.png', contentType: 'image/png' },
        ]),
      })
    ).json() as Json;
    expect((await commune.inject({ method: 'DELETE', url: `/api/disclosures/${d.id}` })).statusCode).toBe(204);
    expect(await tdb.db.selectFrom('stored_file').select('id').where('owner_id', '=', d.id).execute()).toEqual([]);
    const actions = await tdb.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [d.id, d.evidence[0].id])
      .orderBy('at')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'create', 'delete', 'delete']);
  });
});
