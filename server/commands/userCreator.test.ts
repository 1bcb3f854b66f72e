import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { systemActor } from '../audit/actor.js';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { createUser } from './userCreator.js';

describe.each(DIALECTS)('createUser on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
  });
  afterAll(async () => tdb.destroy());

  const actor = { kind: 'user' as const, userId: 'admin-id', username: 'the.admin' };

  it('creates the account with an argon2id hash and its roles, and audits both without secrets', async () => {
    const created = await createUser(tdb.db, actor, {
      username: ' Nguyen.Van.A ',
      displayName: 'Nguyễn  Văn A',
      password: 'mật-khẩu-dài-đủ',
      roles: [{ role: 'commune_officer', unitId: UNITS.a1 }],
    });
    expect(created).toMatchObject({ username: 'nguyen.van.a', displayName: 'Nguyễn Văn A', locale: 'vi' });
    const row = await tdb.db.selectFrom('app_user').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('at')
      .orderBy('entity_type', 'desc')
      .execute();
    expect(audit.map((a) => [a.action, a.entity_type, a.actor_name, a.unit_id])).toEqual([
      ['create', 'user', 'the.admin', UNITS.a1],
      ['create', 'role_assignment', 'the.admin', UNITS.a1],
    ]);
    expect(JSON.parse(audit[0]?.after_json ?? '')).toEqual({
      id: created.id,
      username: 'nguyen.van.a',
      displayName: 'Nguyễn Văn A',
      locale: 'vi',
      disabled: false,
    });
    expect(JSON.parse(audit[1]?.after_json ?? '')).toMatchObject({ role: 'commune_officer', unitId: UNITS.a1 });
    expect(JSON.stringify(audit)).not.toMatch(/argon2|mật-khẩu/);
  });

  it('refuses a taken username (409), whatever its case', async () => {
    await expect(
      createUser(tdb.db, actor, { username: 'NGUYEN.VAN.A', password: 'long-enough-1' }),
    ).rejects.toMatchObject({ status: 409, code: 'conflict', path: ['username'] });
  });

  it('refuses weak passwords and bad usernames with the field named', async () => {
    await expect(createUser(tdb.db, actor, { username: 'shorty', password: '123456789' })).rejects.toMatchObject({
      code: 'weak_password',
      location: { path: ['password'] },
    });
    await expect(
      createUser(tdb.db, actor, { username: 'has space', password: 'long-enough-1' }),
    ).rejects.toBeInstanceOf(InputError);
  });

  it('rolls everything back when a role is invalid', async () => {
    const attempt = createUser(tdb.db, systemActor('test'), {
      username: 'rollback.me',
      password: 'long-enough-1',
      roles: [
        { role: 'viewer', unitId: UNITS.A },
        { role: 'viewer', unitId: 'vn2025:99999' },
      ],
    });
    await expect(attempt).rejects.toMatchObject({ code: 'unknown_unit', location: { path: ['roles', 1, 'unitId'] } });
    const left = await tdb.db.selectFrom('app_user').select('id').where('username', '=', 'rollback.me').execute();
    expect(left).toEqual([]);
    const audit = await tdb.db.selectFrom('audit_log').select('id').where('actor_name', '=', 'system:test').execute();
    expect(audit).toEqual([]);
    await expect(
      createUser(tdb.db, actor, { username: 'no.unit', password: 'long-enough-1', roles: [{ role: 'viewer' }] }),
    ).rejects.toMatchObject({ code: 'unit_required' });
    await expect(
      createUser(tdb.db, actor, {
        username: 'bad.role',
        password: 'long-enough-1',
        roles: [{ role: 'king', unitId: UNITS.A }],
      }),
    ).rejects.toMatchObject({ code: 'unknown_role' });
  });

  it('stores system_admin without a unit', async () => {
    const created = await createUser(tdb.db, actor, {
      username: 'root2',
      password: 'long-enough-1',
      roles: [{ role: 'system_admin', unitId: UNITS.A }],
    });
    expect(created.roles).toEqual([{ id: expect.any(String), userId: created.id, role: 'system_admin', unitId: null }]);
  });
});
