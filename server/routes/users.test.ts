import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { systemActor } from '../audit/actor.js';
import { createFixtureUsers, FIXTURE_USERS, insertFixtureUnits, TestClient, UNITS } from '../auth/testing.js';
import { createUser } from '../commands/userCreator.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';

type App = Awaited<ReturnType<typeof buildApp>>;
interface UserBody {
  id: string;
  username: string;
  disabled: boolean;
  roles: { id: string; role: string; unitId: string | null }[];
}

describe.each(DIALECTS)('users API on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: App;
  let ids: Awaited<ReturnType<typeof createFixtureUsers>>;
  let admin: TestClient;
  let province: TestClient;
  let commune: TestClient;
  let viewer: TestClient;
  let inB: string;
  let spanning: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    ids = await createFixtureUsers(tdb.db);
    const sys = systemActor('test');
    inB = (
      await createUser(tdb.db, sys, {
        username: 'b.officer',
        password: 'long-enough-1',
        roles: [{ role: 'commune_officer', unitId: UNITS.b1 }],
      })
    ).id;
    spanning = (
      await createUser(tdb.db, sys, {
        username: 'two.provinces',
        password: 'long-enough-1',
        roles: [
          { role: 'viewer', unitId: UNITS.a1 },
          { role: 'viewer', unitId: UNITS.B },
        ],
      })
    ).id;
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    admin = await new TestClient(app).login(FIXTURE_USERS.admin.username);
    province = await new TestClient(app).login(FIXTURE_USERS.provinceA.username);
    commune = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    viewer = await new TestClient(app).login(FIXTURE_USERS.viewerA.username);
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  const newUser = (username: string, role: string, unitId: string | null) => ({
    username,
    displayName: `Cán bộ ${username}`,
    password: 'initial-password-1',
    role: { role, unitId },
  });

  it('lets a province officer create a commune officer in the province', async () => {
    const res = await province.inject({
      method: 'POST',
      url: '/api/users',
      payload: newUser('can.bo.a2', 'commune_officer', UNITS.a2),
    });
    expect(res.statusCode).toBe(201);
    const user = (res.json() as { user: UserBody }).user;
    expect(user).toMatchObject({
      username: 'can.bo.a2',
      disabled: false,
      roles: [{ role: 'commune_officer', unitId: UNITS.a2 }],
    });
    expect(JSON.stringify(res.json())).not.toMatch(/argon2|password/i);
    await new TestClient(app).login('can.bo.a2', 'initial-password-1');
    const audit = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', ids.provinceA)
      .where('action', '=', 'create')
      .execute();
    expect(audit.map((a) => a.entity_type).sort()).toEqual(['role_assignment', 'user']);
  });

  it('never lets a province officer grant system_admin or reach outside the province', async () => {
    const admin403 = await province.inject({
      method: 'POST',
      url: '/api/users',
      payload: newUser('wannabe', 'system_admin', null),
    });
    expect(admin403.statusCode).toBe(403);
    const outside = await province.inject({
      method: 'POST',
      url: '/api/users',
      payload: newUser('outsider', 'viewer', UNITS.b1),
    });
    expect(outside.statusCode).toBe(403);
    const grant = await province.inject({
      method: 'POST',
      url: `/api/users/${ids.communeA1}/roles`,
      payload: { role: 'system_admin' },
    });
    expect(grant.statusCode).toBe(403);
    const grantB = await province.inject({
      method: 'POST',
      url: `/api/users/${ids.communeA1}/roles`,
      payload: { role: 'viewer', unitId: UNITS.B },
    });
    expect(grantB.statusCode).toBe(403);
    expect(
      await tdb.db.selectFrom('app_user').select('id').where('username', 'in', ['wannabe', 'outsider']).execute(),
    ).toEqual([]);
  });

  it('lists only the users whose roles all lie in the officer province; everything for admins', async () => {
    const mine = (await province.inject({ method: 'GET', url: '/api/users' })).json() as {
      items: UserBody[];
      total: number;
    };
    const names = mine.items.map((u) => u.username);
    expect(names).toEqual(['can.bo.a2', 'fx.commune.a1', 'fx.province.a', 'fx.viewer.a']);
    expect(mine.total).toBe(4);
    const all = (await admin.inject({ method: 'GET', url: '/api/users?limit=2&offset=0' })).json() as {
      items: UserBody[];
      total: number;
    };
    expect(all.total).toBe(7); // 4 fixture users, b.officer, two.provinces, can.bo.a2
    expect(all.items).toHaveLength(2);
    const search = (await admin.inject({ method: 'GET', url: '/api/users?q=PROVINCE.A' })).json() as {
      items: UserBody[];
    };
    expect(search.items.map((u) => u.username)).toEqual(['fx.province.a']);
  });

  it('hides users outside reach (404) and refuses to change them (403)', async () => {
    for (const id of [inB, spanning, ids.admin]) {
      expect((await province.inject({ method: 'GET', url: `/api/users/${id}` })).statusCode).toBe(404);
      expect(
        (await province.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { displayName: 'x' } })).statusCode,
      ).toBe(403);
    }
    expect((await province.inject({ method: 'GET', url: '/api/users/no-such-id' })).statusCode).toBe(404);
    expect((await admin.inject({ method: 'GET', url: `/api/users/${spanning}` })).statusCode).toBe(200);
  });

  it('gives commune officers and viewers no user management at all (403), anonymous 401', async () => {
    for (const client of [commune, viewer]) {
      expect((await client.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(403);
      expect((await client.inject({ method: 'GET', url: `/api/users/${ids.communeA1}` })).statusCode).toBe(403);
      expect(
        (await client.inject({ method: 'POST', url: '/api/users', payload: newUser('x.y', 'viewer', UNITS.a1) }))
          .statusCode,
      ).toBe(403);
    }
    const anon = new TestClient(app);
    await anon.fetchCsrf();
    expect((await anon.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
  });

  it('patches, resets the password, assigns and removes roles, each audited', async () => {
    const target = ids.viewerA;
    let res = await province.inject({
      method: 'PATCH',
      url: `/api/users/${target}`,
      payload: { displayName: 'Người xem', password: 'reset-by-officer' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { displayName: 'Người xem' } });
    await new TestClient(app).login(FIXTURE_USERS.viewerA.username, 'reset-by-officer');
    // Old session of the viewer was ended by the reset.
    expect((await viewer.inject({ method: 'GET', url: '/api/auth/me' })).json()).toEqual({ user: null });

    res = await province.inject({
      method: 'POST',
      url: `/api/users/${target}/roles`,
      payload: { role: 'commune_officer', unitId: UNITS.a1 },
    });
    expect(res.statusCode).toBe(201);
    const added = (res.json() as { user: UserBody }).user.roles.find((r) => r.role === 'commune_officer');
    expect(added?.unitId).toBe(UNITS.a1);
    res = await province.inject({
      method: 'POST',
      url: `/api/users/${target}/roles`,
      payload: { role: 'commune_officer', unitId: UNITS.a1 },
    });
    expect(res.statusCode).toBe(409);
    res = await province.inject({
      method: 'POST',
      url: `/api/users/${target}/roles`,
      payload: { role: 'viewer', unitId: 'vn2025:nope' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'unknown_unit', path: ['body', 'unitId'] });

    res = await province.inject({ method: 'DELETE', url: `/api/users/${target}/roles/${added?.id}` });
    expect(res.statusCode).toBe(204);
    res = await province.inject({ method: 'DELETE', url: `/api/users/${target}/roles/${added?.id}` });
    expect(res.statusCode).toBe(404);

    res = await admin.inject({ method: 'PATCH', url: `/api/users/${target}`, payload: { disabled: true } });
    expect(res.json()).toMatchObject({ user: { disabled: true } });
    await expect(new TestClient(app).login(FIXTURE_USERS.viewerA.username, 'reset-by-officer')).rejects.toThrow(/401/);
    await admin.inject({ method: 'PATCH', url: `/api/users/${target}`, payload: { disabled: false } });

    const rows = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', 'in', ['user', 'role_assignment'])
      .where('actor_name', 'in', ['fx.province.a', 'fx.admin'])
      .execute();
    const summary = rows.map((r) => `${r.actor_name} ${r.action} ${r.entity_type}`);
    for (const expected of [
      'fx.province.a update user',
      'fx.province.a password_change user',
      'fx.province.a create role_assignment',
      'fx.province.a delete role_assignment',
      'fx.admin update user',
    ]) {
      expect(summary).toContain(expected);
    }
    const update = rows.find((r) => r.action === 'update' && r.actor_name === 'fx.province.a');
    expect(JSON.parse(update?.before_json ?? '')).toMatchObject({ displayName: 'fx.viewer.a' });
    expect(JSON.parse(update?.after_json ?? '')).toMatchObject({ displayName: 'Người xem' });
    expect(JSON.stringify(rows)).not.toMatch(/reset-by-officer|argon2/);
  });

  it('validates input with the field named', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: { ...newUser('weak.one', 'viewer', UNITS.A), password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'weak_password', path: ['password'] });
    const dup = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: newUser('FX.Admin', 'viewer', UNITS.A),
    });
    expect(dup.statusCode).toBe(409);
    const badRole = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: newUser('x.z', 'emperor', UNITS.A),
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json()).toMatchObject({ code: 'validation_failed' });
  });
});
