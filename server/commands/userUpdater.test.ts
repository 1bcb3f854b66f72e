import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/actor.js';
import { verifyPassword } from '../auth/password.js';
import { createSession } from '../auth/sessions.js';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { createUser } from './userCreator.js';
import { setUserPassword, updateUser } from './userUpdater.js';

describe.each(DIALECTS)('updateUser / setUserPassword on %s', (dialect) => {
  let tdb: TestDatabase;
  let userId: string;
  const actor = systemActor('test');

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    userId = (
      await createUser(tdb.db, actor, {
        username: 'xa.anthi',
        password: 'long-enough-1',
        roles: [{ role: 'commune_officer', unitId: UNITS.a1 }],
      })
    ).id;
  });
  afterAll(async () => tdb.destroy());

  const audit = (action: string) =>
    tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', userId)
      .where('action', '=', action)
      .orderBy('at')
      .execute();

  it('records before and after of a change, and nothing for a change that changes nothing', async () => {
    expect(await updateUser(tdb.db, actor, userId, { displayName: 'UBND xã Ân Thi', locale: 'en' })).toBe(true);
    expect(await updateUser(tdb.db, actor, userId, { displayName: 'UBND xã Ân Thi' })).toBe(false);
    const rows = await audit('update');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.unit_id).toBe(UNITS.a1);
    expect(JSON.parse(rows[0]?.before_json ?? '')).toMatchObject({ displayName: 'xa.anthi', locale: 'vi' });
    expect(JSON.parse(rows[0]?.after_json ?? '')).toMatchObject({ displayName: 'UBND xã Ân Thi', locale: 'en' });
  });

  it('ends the sessions of a disabled account; nobody disables themselves', async () => {
    await createSession(tdb.db, userId, null);
    await updateUser(tdb.db, actor, userId, { disabled: true });
    expect(await tdb.db.selectFrom('session').select('id').where('user_id', '=', userId).execute()).toEqual([]);
    await updateUser(tdb.db, actor, userId, { disabled: false });
    const self = { kind: 'user' as const, userId, username: 'xa.anthi' };
    await expect(updateUser(tdb.db, self, userId, { disabled: true })).rejects.toMatchObject({ status: 409 });
  });

  it('changes the password, ending other sessions but the kept one, without secrets in the log', async () => {
    const keep = await createSession(tdb.db, userId, null);
    await createSession(tdb.db, userId, null);
    await expect(setUserPassword(tdb.db, actor, userId, 'short')).rejects.toMatchObject({ code: 'weak_password' });
    await setUserPassword(tdb.db, actor, userId, 'brand-new-password', keep.id);
    const user = await tdb.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, 'brand-new-password')).toBe(true);
    expect(await verifyPassword(user.password_hash, 'long-enough-1')).toBe(false);
    const sessions = await tdb.db.selectFrom('session').select('id').where('user_id', '=', userId).execute();
    expect(sessions.map((s) => s.id)).toEqual([keep.id]);
    const [row] = await audit('password_change');
    expect(JSON.parse(row?.after_json ?? '')).toEqual({
      id: userId,
      username: 'xa.anthi',
      passwordChanged: true,
      sessionsEnded: 1,
    });
    expect(JSON.stringify(row)).not.toMatch(/brand-new|argon2/);
  });
});
