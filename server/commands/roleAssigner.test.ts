import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/actor.js';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { assignRole, removeRole } from './roleAssigner.js';
import { createUser } from './userCreator.js';

describe.each(DIALECTS)('assignRole / removeRole on %s', (dialect) => {
  let tdb: TestDatabase;
  let userId: string;
  let adminId: string;
  const actor = systemActor('test');

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    userId = (await createUser(tdb.db, actor, { username: 'officer', password: 'long-enough-1' })).id;
    adminId = (
      await createUser(tdb.db, actor, {
        username: 'only.admin',
        password: 'long-enough-1',
        roles: [{ role: 'system_admin' }],
      })
    ).id;
  });
  afterAll(async () => tdb.destroy());

  const auditFor = (entityId: string) =>
    tdb.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('at').execute();

  it('assigns a role on a unit, audited with the unit', async () => {
    const role = await assignRole(tdb.db, actor, userId, { role: 'province_officer', unitId: UNITS.A });
    expect(role).toMatchObject({ userId, role: 'province_officer', unitId: UNITS.A });
    const [row] = await auditFor(role.id);
    expect(row).toMatchObject({ action: 'create', entity_type: 'role_assignment', unit_id: UNITS.A });
    expect(JSON.parse(row?.after_json ?? '')).toEqual({
      id: role.id,
      userId,
      username: 'officer',
      role: 'province_officer',
      unitId: UNITS.A,
    });
  });

  it('refuses the same role twice (409) and unknown users (404)', async () => {
    await expect(
      assignRole(tdb.db, actor, userId, { role: 'province_officer', unitId: UNITS.A }),
    ).rejects.toMatchObject({
      status: 409,
    });
    await expect(assignRole(tdb.db, actor, 'nobody', { role: 'viewer', unitId: UNITS.A })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('removes a role, audited with its before state', async () => {
    const role = await assignRole(tdb.db, actor, userId, { role: 'viewer', unitId: UNITS.b1 });
    const removed = await removeRole(tdb.db, actor, userId, role.id);
    expect(removed.id).toBe(role.id);
    const rows = await auditFor(role.id);
    expect(rows.map((r) => r.action)).toEqual(['create', 'delete']);
    expect(JSON.parse(rows[1]?.before_json ?? '')).toMatchObject({ role: 'viewer', unitId: UNITS.b1 });
    expect(rows[1]?.after_json).toBeNull();
    await expect(removeRole(tdb.db, actor, userId, role.id)).rejects.toMatchObject({ status: 404 });
  });

  it('never removes the last system administrator', async () => {
    const [adminRole] = await tdb.db
      .selectFrom('role_assignment')
      .select('id')
      .where('user_id', '=', adminId)
      .execute();
    await expect(removeRole(tdb.db, actor, adminId, adminRole?.id ?? '')).rejects.toMatchObject({ status: 409 });
    await assignRole(tdb.db, actor, userId, { role: 'system_admin' });
    await removeRole(tdb.db, actor, adminId, adminRole?.id ?? '');
    const left = await tdb.db.selectFrom('role_assignment').select('id').where('user_id', '=', adminId).execute();
    expect(left).toEqual([]);
  });
});
