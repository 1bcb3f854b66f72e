import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { nowIso } from '../db/time.js';
import type { Principal, Role } from './principal.js';
import { scopeToUnits, unitIdInReach, unitPathInReach } from './scope.js';

function principal(role: Role, unitPath: string): Principal {
  return {
    userId: 'u',
    username: 'u',
    displayName: 'u',
    locale: 'vi',
    sessionId: null,
    roles: [
      { id: 'r', role, unitId: unitPath.split('/').at(-2) ?? null, unitPath, unitNameVi: null, unitNameEn: null },
    ],
  };
}

describe.each(DIALECTS)('SQL scoping on %s', (dialect) => {
  let tdb: TestDatabase;
  const A = `/${UNITS.A}/`;
  const a1 = `/${UNITS.A}/${UNITS.a1}/`;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    // Units whose ids contain LIKE wildcards: 'local:x_y' must not reach 'local:xzy', nor 'local:p%' reach 'local:pq'.
    const now = nowIso();
    for (const id of ['local:x_y', 'local:xzy', 'local:p%', 'local:pq']) {
      await tdb.db
        .insertInto('unit')
        .values({
          id,
          code_system: 'local',
          code: id.slice(6),
          name_vi: id,
          name_en: id,
          full_name_vi: id,
          full_name_en: id,
          name_folded: id,
          unit_type: 'office',
          level: 2,
          parent_id: UNITS.B,
          path: `/${UNITS.B}/${id}/`,
          valid_from: null,
          valid_to: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    // One audit row per unit: the entity whose unit_id we scope on.
    for (const u of await tdb.db.selectFrom('unit').select('id').execute()) {
      await tdb.db
        .insertInto('audit_log')
        .values({
          id: `row-${u.id}`,
          at: now,
          actor_id: null,
          actor_name: 't',
          action: 'x',
          entity_type: 'thing',
          entity_id: u.id,
          unit_id: u.id,
          before_json: null,
          after_json: null,
        })
        .execute();
    }
    await tdb.db
      .insertInto('audit_log')
      .values({
        id: 'row-none',
        at: now,
        actor_id: null,
        actor_name: 't',
        action: 'x',
        entity_type: 'thing',
        entity_id: 'none',
        unit_id: null,
        before_json: null,
        after_json: null,
      })
      .execute();
  });
  afterAll(async () => tdb.destroy());

  const visible = async (p: Principal | null, action: 'read' | 'update' = 'read') =>
    (
      await scopeToUnits(tdb.db.selectFrom('audit_log').select('audit_log.entity_id'), p, 'audit_log.unit_id', {
        action,
      })
        .orderBy('audit_log.entity_id')
        .execute()
    ).map((r) => r.entity_id);

  it('returns rows of units in the caller subtree only', async () => {
    expect(await visible(principal('province_officer', A))).toEqual([UNITS.a2, UNITS.a1, UNITS.A].sort());
    expect(await visible(principal('commune_officer', a1))).toEqual([UNITS.a1]);
    expect(await visible(principal('viewer', A))).toHaveLength(3);
    expect(await visible(principal('viewer', A), 'update')).toEqual([]);
    expect(await visible(null)).toEqual([]);
    const all = await visible(principal('system_admin', '/'));
    expect(all).toHaveLength(10); // 9 units + the row without unit
  });

  it('treats LIKE wildcards in ids literally', async () => {
    expect(await visible(principal('viewer', `/${UNITS.B}/local:x_y/`))).toEqual(['local:x_y']);
    expect(await visible(principal('viewer', `/${UNITS.B}/local:p%/`))).toEqual(['local:p%']);
  });

  it('offers the bare expressions for joins and other statements', async () => {
    const rows = await tdb.db
      .selectFrom('unit')
      .select('unit.id')
      .where(unitPathInReach([a1, `/${UNITS.B}/${UNITS.b1}/`], 'unit.path'))
      .orderBy('unit.id')
      .execute();
    expect(rows.map((r) => r.id)).toEqual([UNITS.b1, UNITS.a1].sort());
    const updated = await tdb.db
      .updateTable('audit_log')
      .set({ action: 'touched' })
      .where(unitIdInReach([A], 'audit_log.unit_id'))
      .executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(3);
    expect(await tdb.db.selectFrom('unit').select('id').where(unitIdInReach([], 'unit.id')).execute()).toEqual([]);
  });
});
