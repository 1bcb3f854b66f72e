import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { type Actor, systemActor } from '../audit/actor.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { inTransaction } from '../db/transaction.js';
import {
  computeLevel,
  computePath,
  findAncestors,
  insertUnit,
  isInSubtree,
  listUnits,
  pathIds,
  updateUnit,
} from './repository.js';

describe('tree helpers', () => {
  it('computes path and level from the parent', () => {
    expect(computePath(null, 'vn2025:33')).toBe('/vn2025:33/');
    expect(computePath({ path: '/vn2025:33/' }, 'vn2025:12142')).toBe('/vn2025:33/vn2025:12142/');
    expect(computeLevel(null)).toBe(1);
    expect(computeLevel({ level: 2 })).toBe(3);
    expect(pathIds('/vn2025:33/vn2025:12142/')).toEqual(['vn2025:33', 'vn2025:12142']);
  });
  it('tells whether a unit lies in a subtree, by whole ids only', () => {
    const u = { path: '/vn2025:33/vn2025:12142/' };
    expect(isInSubtree(u, 'vn2025:33')).toBe(true);
    expect(isInSubtree(u, 'vn2025:12142')).toBe(true);
    expect(isInSubtree(u, 'vn2025:3')).toBe(false);
    expect(isInSubtree(u, 'vn2025:01')).toBe(false);
  });
});

describe.each(DIALECTS)('unit repository writes on %s', (dialect) => {
  let tdb: TestDatabase;
  const actor: Actor = { kind: 'user', userId: 'u-1', username: 'tinh.hungyen' };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await inTransaction(tdb.db, async (tx) => {
      await insertUnit(tx, systemActor('test'), {
        codeSystem: 'vn2025',
        code: '33',
        nameVi: 'Hưng Yên',
        nameEn: 'Hung Yen',
        fullNameVi: 'Tỉnh Hưng Yên',
        fullNameEn: 'Hung Yen Province',
        unitType: 'province',
        parentId: null,
        validFrom: '2025-07-01',
      });
    });
  });
  afterAll(async () => tdb.destroy());

  it('inserts a department under a province with a local id, path, level, folded name and an audit row', async () => {
    const dept = await inTransaction(tdb.db, (tx) =>
      insertUnit(tx, actor, {
        nameVi: 'Sở Nội vụ',
        nameEn: 'Department of Home Affairs',
        unitType: 'department',
        parentId: 'vn2025:33',
      }),
    );
    expect(dept.id).toMatch(/^local:[0-9a-f-]{36}$/);
    expect(dept).toMatchObject({
      code_system: 'local',
      code: dept.id.slice('local:'.length),
      level: 2,
      parent_id: 'vn2025:33',
      path: `/vn2025:33/${dept.id}/`,
      full_name_vi: 'Sở Nội vụ',
      name_folded: 'so noi vu so noi vu department of home affairs',
    });
    const audit = await tdb.db.selectFrom('audit_log').selectAll().where('entity_id', '=', dept.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor_id: 'u-1', actor_name: 'tinh.hungyen', unit_id: dept.id });
    expect((await findAncestors(tdb.db, dept)).map((u) => u.id)).toEqual(['vn2025:33']);
    const found = await listUnits(tdb.db, { asOf: '2025-08-01', q: 'so noi vu', withinPath: '/vn2025:33/' });
    expect(found.rows.map((u) => u.id)).toEqual([dept.id]);
  });

  it('refuses an unknown parent and a duplicate code', async () => {
    const unknownParent = inTransaction(tdb.db, (tx) =>
      insertUnit(tx, actor, { nameVi: 'X', nameEn: 'X', unitType: 'office', parentId: 'vn2025:99' }),
    );
    await expect(unknownParent).rejects.toBeInstanceOf(InputError);
    await expect(unknownParent).rejects.toMatchObject({ code: 'unknown_parent' });
    const dup = inTransaction(tdb.db, (tx) =>
      insertUnit(tx, actor, {
        codeSystem: 'vn2025',
        code: '33',
        nameVi: 'X',
        nameEn: 'X',
        unitType: 'province',
        parentId: null,
      }),
    );
    await expect(dup).rejects.toMatchObject({ code: 'duplicate_code' });
  });

  it('updates names with before/after audit, and writes nothing for a no-op patch', async () => {
    const office = await inTransaction(tdb.db, (tx) =>
      insertUnit(tx, actor, {
        nameVi: 'Phòng Tổng hợp',
        nameEn: 'General Office',
        unitType: 'office',
        parentId: 'vn2025:33',
      }),
    );
    const updated = await inTransaction(tdb.db, (tx) => updateUnit(tx, actor, office.id, { nameVi: 'Văn phòng' }));
    expect(updated.name_vi).toBe('Văn phòng');
    expect(updated.name_folded).toBe('van phong phong tong hop general office');
    const same = await inTransaction(tdb.db, (tx) => updateUnit(tx, actor, office.id, { nameVi: 'Văn phòng' }));
    expect(same.updated_at).toBe(updated.updated_at);
    const audits = await tdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', office.id)
      .orderBy('at')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audits[1]!.before_json!).nameVi).toBe('Phòng Tổng hợp');
    expect(JSON.parse(audits[1]!.after_json!).nameVi).toBe('Văn phòng');
    await expect(inTransaction(tdb.db, (tx) => updateUnit(tx, actor, 'local:nope', {}))).rejects.toMatchObject({
      code: 'unknown_unit',
    });
  });
});
