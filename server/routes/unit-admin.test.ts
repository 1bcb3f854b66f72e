import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createFixtureUsers, FIXTURE_USERS, insertFixtureUnits, TestClient, UNITS } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';

type App = Awaited<ReturnType<typeof buildApp>>;

describe.each(DIALECTS)('unit administration API on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: App;
  let commune: TestClient;
  let province: TestClient;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    await createFixtureUsers(tdb.db);
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    commune = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    province = await new TestClient(app).login(FIXTURE_USERS.provinceA.username);
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  const office = (parentId: string) => ({
    parentId,
    nameVi: 'Văn phòng HĐND và UBND',
    nameEn: 'Office',
    unitType: 'office',
  });

  it('creates an office under a unit in reach and returns the unit', async () => {
    const res = await commune.inject({ method: 'POST', url: '/api/units', payload: office(UNITS.a1) });
    expect(res.statusCode).toBe(201);
    const unit = res.json() as { id: string; path: string; level: number; codeSystem: string; parentId: string };
    expect(unit).toMatchObject({
      codeSystem: 'local',
      parentId: UNITS.a1,
      level: 3,
      path: `/${UNITS.A}/${UNITS.a1}/${unit.id}/`,
    });
    expect(unit.id).toMatch(/^local:/);
    const audit = await tdb.db.selectFrom('audit_log').selectAll().where('entity_id', '=', unit.id).execute();
    expect(audit).toMatchObject([
      { action: 'create', entity_type: 'unit', actor_name: FIXTURE_USERS.communeA1.username },
    ]);
  });

  it('refuses parents outside reach (403), unknown parents (404), bad types (400)', async () => {
    expect((await commune.inject({ method: 'POST', url: '/api/units', payload: office(UNITS.a2) })).statusCode).toBe(
      403,
    );
    expect((await commune.inject({ method: 'POST', url: '/api/units', payload: office(UNITS.A) })).statusCode).toBe(
      403,
    );
    expect((await province.inject({ method: 'POST', url: '/api/units', payload: office(UNITS.B) })).statusCode).toBe(
      403,
    );
    expect(
      (await province.inject({ method: 'POST', url: '/api/units', payload: office('vn2025:nope') })).statusCode,
    ).toBe(404);
    const bad = await province.inject({
      method: 'POST',
      url: '/api/units',
      payload: { ...office(UNITS.A), unitType: 'province' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('renames and closes local units in reach; official units never', async () => {
    const created = (
      await province.inject({
        method: 'POST',
        url: '/api/units',
        payload: { ...office(UNITS.A), unitType: 'department' },
      })
    ).json() as {
      id: string;
    };
    let res = await province.inject({
      method: 'PATCH',
      url: `/api/units/${created.id}`,
      payload: { nameVi: 'Sở Nội vụ', validTo: '2030-12-31' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nameVi: 'Sở Nội vụ', fullNameVi: 'Sở Nội vụ', validTo: '2030-12-31' });
    // The commune officer does not reach the province department.
    res = await commune.inject({ method: 'PATCH', url: `/api/units/${created.id}`, payload: { nameVi: 'X' } });
    expect(res.statusCode).toBe(403);
    res = await province.inject({ method: 'PATCH', url: `/api/units/${UNITS.a1}`, payload: { nameVi: 'Đổi tên' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'forbidden',
      message: 'Official units change only through the units import',
    });
    res = await province.inject({ method: 'PATCH', url: '/api/units/local:nope', payload: { nameVi: 'X' } });
    expect(res.statusCode).toBe(404);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', created.id)
      .where('action', '=', 'update')
      .execute();
    expect(JSON.parse(audit[0]?.before_json ?? '')).toMatchObject({ nameVi: 'Văn phòng HĐND và UBND', validTo: null });
    expect(JSON.parse(audit[0]?.after_json ?? '')).toMatchObject({ nameVi: 'Sở Nội vụ', validTo: '2030-12-31' });
  });

  it('lets an admin rename a local unit anywhere, and refuses viewers and anonymous callers', async () => {
    const admin = await new TestClient(app).login(FIXTURE_USERS.admin.username);
    const viewer = await new TestClient(app).login(FIXTURE_USERS.viewerA.username);
    const res = await admin.inject({ method: 'POST', url: '/api/units', payload: office(UNITS.b1) });
    expect(res.statusCode).toBe(201);
    expect((await viewer.inject({ method: 'POST', url: '/api/units', payload: office(UNITS.a1) })).statusCode).toBe(
      403,
    );
    const anon = new TestClient(app);
    await anon.fetchCsrf();
    expect((await anon.inject({ method: 'POST', url: '/api/units', payload: office(UNITS.a1) })).statusCode).toBe(401);
  });
});
