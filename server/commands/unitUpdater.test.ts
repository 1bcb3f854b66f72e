import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { createLocalUnit } from './unitCreator.js';
import { updateLocalUnit } from './unitUpdater.js';

describe.each(DIALECTS)('updateLocalUnit on %s', (dialect) => {
  let tdb: TestDatabase;
  let localId: string;
  const actor = { kind: 'user' as const, userId: 'u', username: 'xa.anthi' };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    localId = (
      await createLocalUnit(tdb.db, actor, {
        parentId: UNITS.a1,
        nameVi: 'Văn phòng',
        nameEn: 'Office',
        unitType: 'office',
      })
    ).id;
  });
  afterAll(async () => tdb.destroy());

  it('renames and closes a local unit, audited with before and after', async () => {
    const renamed = await updateLocalUnit(tdb.db, actor, localId, {
      nameVi: 'Văn phòng HĐND-UBND',
      validTo: '2026-12-31',
    });
    expect(renamed).toMatchObject({
      name_vi: 'Văn phòng HĐND-UBND',
      full_name_vi: 'Văn phòng HĐND-UBND',
      valid_to: '2026-12-31',
    });
    expect(renamed.name_folded).toContain('van phong hdnd-ubnd');
    const rows = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', localId)
      .where('action', '=', 'update')
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.before_json ?? '')).toMatchObject({ nameVi: 'Văn phòng', validTo: null });
    expect(JSON.parse(rows[0]?.after_json ?? '')).toMatchObject({
      nameVi: 'Văn phòng HĐND-UBND',
      validTo: '2026-12-31',
    });
    const reopened = await updateLocalUnit(tdb.db, actor, localId, { validTo: null });
    expect(reopened.valid_to).toBeNull();
  });

  it('refuses official units (403) and unknown ids (404)', async () => {
    await expect(updateLocalUnit(tdb.db, actor, UNITS.a1, { nameVi: 'X' })).rejects.toMatchObject({ status: 403 });
    await expect(updateLocalUnit(tdb.db, actor, 'local:nope', { nameVi: 'X' })).rejects.toMatchObject({ status: 404 });
    const official = await tdb.db
      .selectFrom('unit')
      .select('name_vi')
      .where('id', '=', UNITS.a1)
      .executeTakeFirstOrThrow();
    expect(official.name_vi).toBe('Ân Thi');
  });
});
