import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/actor.js';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { createLocalUnit } from './unitCreator.js';

describe.each(DIALECTS)('createLocalUnit on %s', (dialect) => {
  let tdb: TestDatabase;
  const actor = { kind: 'user' as const, userId: 'u', username: 'tinh.hungyen' };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
  });
  afterAll(async () => tdb.destroy());

  it('creates a local:<uuid> department under its parent with path, level and folded name, audited', async () => {
    const unit = await createLocalUnit(tdb.db, actor, {
      parentId: UNITS.A,
      nameVi: 'Sở Nội vụ',
      nameEn: 'Department of Home Affairs',
      unitType: 'department',
    });
    expect(unit.id).toMatch(/^local:[0-9a-f-]{36}$/);
    expect(unit).toMatchObject({
      code_system: 'local',
      code: unit.id.slice('local:'.length),
      parent_id: UNITS.A,
      level: 2,
      path: `/${UNITS.A}/${unit.id}/`,
      unit_type: 'department',
      full_name_vi: 'Sở Nội vụ',
    });
    expect(unit.name_folded).toContain('so noi vu');
    const office = await createLocalUnit(tdb.db, actor, {
      parentId: unit.id,
      nameVi: 'Phòng Cải cách hành chính',
      nameEn: 'Administrative Reform Office',
      unitType: 'office',
      code: 'SNV-CCHC',
    });
    expect(office).toMatchObject({ code: 'SNV-CCHC', level: 3, path: `${unit.path}${office.id}/` });
    const audit = await tdb.db.selectFrom('audit_log').selectAll().where('entity_id', '=', office.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'create',
      entity_type: 'unit',
      actor_name: 'tinh.hungyen',
      unit_id: office.id,
    });
    expect(JSON.parse(audit[0]?.after_json ?? '')).toMatchObject({
      nameVi: 'Phòng Cải cách hành chính',
      parentId: unit.id,
    });
  });

  it('refuses unknown or closed parents and duplicate codes', async () => {
    const base = { nameVi: 'Văn phòng', nameEn: 'Office', unitType: 'office' as const };
    await expect(createLocalUnit(tdb.db, actor, { ...base, parentId: 'vn2025:nope' })).rejects.toMatchObject({
      code: 'unknown_parent',
    });
    await tdb.db.updateTable('unit').set({ valid_to: '2025-06-30' }).where('id', '=', UNITS.b1).execute();
    await expect(createLocalUnit(tdb.db, systemActor('t'), { ...base, parentId: UNITS.b1 })).rejects.toMatchObject({
      code: 'parent_not_valid',
    });
    await tdb.db.updateTable('unit').set({ valid_to: null }).where('id', '=', UNITS.b1).execute();
    await expect(
      createLocalUnit(tdb.db, actor, { ...base, parentId: UNITS.a1, code: 'SNV-CCHC' }),
    ).rejects.toMatchObject({
      code: 'duplicate_code',
    });
  });
});
