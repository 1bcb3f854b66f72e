import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/actor.js';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { nowIso } from '../db/time.js';
import { createPlan, createTask, issuePlan, reportProgress } from './commands.js';
import { publicPlansOfProvince } from './public.js';

const sys = systemActor('public-plans-test');
const ISSUE = {
  number: '192',
  symbol: 'KH-UBND',
  issuedDate: '2026-01-05',
  signerName: 'Nguyễn Văn A',
  signerTitle: 'PHÓ CHỦ TỊCH',
};

describe.each(DIALECTS)('public plans of a province on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    // Hưng Yên 63 (vn2008:33) merged into Hưng Yên 34 (vn2025:33) on 2025-07-01.
    const now = nowIso();
    await tdb.db
      .insertInto('unit')
      .values({
        id: 'vn2008:33',
        code_system: 'vn2008',
        code: '33',
        name_vi: 'Hưng Yên',
        name_en: 'Hung Yen',
        full_name_vi: 'Tỉnh Hưng Yên',
        full_name_en: 'Hung Yen Province',
        name_folded: 'hung yen',
        unit_type: 'province',
        level: 1,
        parent_id: null,
        path: '/vn2008:33/',
        valid_from: null,
        valid_to: '2025-06-30',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tdb.db
      .insertInto('unit_crosswalk')
      .values({
        from_unit_id: 'vn2008:33',
        to_unit_id: UNITS.A,
        effective_date: '2025-07-01',
        kind: 'full',
        code_reused: 1,
      })
      .execute();

    const issued = await createPlan(tdb.db, sys, {
      unitId: UNITS.A,
      year: 2026,
      title: 'Nâng cao Chỉ số PAPI năm 2026',
    });
    const t1 = await createTask(tdb.db, sys, issued.id, {
      title: 'Công khai danh sách hộ nghèo',
      leadUnitName: 'UBND xã',
      dimension: 2,
    });
    await createTask(tdb.db, sys, issued.id, {
      title: 'Niêm yết dự toán ngân sách',
      leadUnitName: 'UBND xã',
      dimension: 2,
    });
    const t3 = await createTask(tdb.db, sys, issued.id, {
      title: 'Đối thoại với người dân',
      leadUnitName: 'Văn phòng',
      dimension: 3,
    });
    await issuePlan(tdb.db, sys, issued.id, ISSUE);
    await reportProgress(tdb.db, sys, t1.id, { progress: 60 });
    await reportProgress(tdb.db, sys, t3.id, { status: 'done', progress: 100 });
    // A draft of the next year is not public.
    await createPlan(tdb.db, sys, { unitId: UNITS.A, year: 2027, title: 'Dự thảo 2027' });
  });
  afterAll(async () => tdb.destroy());

  it('lists only issued plans, with progress per dimension from the plan’s tasks', async () => {
    const res = await publicPlansOfProvince(tdb.db, '33', '34');
    expect(res.unit).toEqual({ id: UNITS.A, nameVi: 'Hưng Yên', nameEn: 'Hung Yen' });
    expect(res.plans.map((p) => [p.year, p.number, p.symbol, p.status])).toEqual([[2026, '192', 'KH-UBND', 'issued']]);
    const plan = res.plans[0]!;
    expect(plan).toMatchObject({ taskCount: 3, doneCount: 1, progress: Math.round((60 + 0 + 100) / 3) });
    expect(plan.dimensions).toEqual([
      { dimension: 2, taskCount: 2, doneCount: 0, overdueCount: 0, progress: 30 },
      { dimension: 3, taskCount: 1, doneCount: 1, overdueCount: 0, progress: 100 },
    ]);
  });

  it('finds the plan of the merged province from an old (63-province) code, and nothing for an unknown one', async () => {
    expect((await publicPlansOfProvince(tdb.db, '33', '63')).plans).toHaveLength(1);
    expect(await publicPlansOfProvince(tdb.db, '99', '34')).toEqual({ unit: null, plans: [] });
    // Hà Nội has no issued plan.
    expect((await publicPlansOfProvince(tdb.db, '01', '34')).plans).toEqual([]);
  });
});
