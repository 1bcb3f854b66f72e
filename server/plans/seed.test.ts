import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/actor.js';
import { insertFixtureUnits, UNITS } from '../auth/testing.js';
import { importPublishedScores } from '../commands/publishedScoresImporter.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { todayIso } from '../db/time.js';
import { reportBoard } from './repository.js';
import { seedDemoPlans } from './seed.js';

describe.each(DIALECTS)('plans demo seed on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    await importPublishedScores(tdb.db, systemActor('test'));
  }, 120_000);
  afterAll(async () => tdb.destroy());

  it('seeds Hưng Yên’s issued plan cascaded to two communes, with reports, once', async () => {
    expect(await seedDemoPlans(tdb)).toBe(true);
    expect(await seedDemoPlans(tdb)).toBe(false);
    const plans = await tdb.db
      .selectFrom('plan')
      .select(['unit_id', 'status', 'number', 'parent_plan_id'])
      .orderBy('unit_id')
      .execute();
    expect(plans.map((p) => [p.unit_id, p.status, p.number])).toEqual(
      [
        [UNITS.a2, 'issued', '08'],
        [UNITS.a1, 'issued', '10'],
        [UNITS.A, 'issued', '192'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const cascaded = await tdb.db
      .selectFrom('plan_task')
      .select(['unit_id', 'progress'])
      .where('parent_task_id', 'is not', null)
      .execute();
    expect(cascaded).toHaveLength(4);
    const parents = await tdb.db
      .selectFrom('plan_task')
      .select(['progress', 'status'])
      .where('unit_id', '=', UNITS.A)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('plan_task as c')
          .select('c.parent_task_id')
          .where('c.parent_task_id', 'is not', null)
          .$castTo<string>(),
      )
      .execute();
    expect(parents.map((p) => p.progress).sort()).toEqual([45, 90]);
    const board = await reportBoard(tdb.db, UNITS.A, '2026Q2', todayIso());
    expect(board?.rows.map((r) => [r.unit.id, r.status, r.timeliness]).sort()).toEqual(
      [
        [UNITS.a1, 'approved', 'on_time'],
        [UNITS.a2, 'submitted', 'late'],
      ].sort(),
    );
    const q1 = await tdb.db
      .selectFrom('plan_report')
      .select(['status', 'consolidated_at'])
      .where('unit_id', '=', UNITS.A)
      .where('period', '=', '2026Q1')
      .executeTakeFirst();
    expect(q1?.status).toBe('submitted');
    expect(q1?.consolidated_at).not.toBeNull();
  });
});
