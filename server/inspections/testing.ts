/** Fixtures of the inspections module for tests and the authorisation matrix. */
import type { Kysely } from 'kysely';
import type { Framework } from '../../core/index/framework.js';
import { systemActor } from '../audit/actor.js';
import type { Database } from '../db/schema.js';
import { todayIso } from '../db/time.js';
import { loadShippedIndexData } from '../io/published-scores.js';
import { createAction, createFinding, createInspection, transitionAction, transitionInspection } from './commands.js';

export async function latestFramework(): Promise<Framework> {
  const set = (await loadShippedIndexData()).frameworks.frameworks;
  return [...set].sort((a, b) => b.years.to - a.years.to)[0] as Framework;
}

export interface InspectionFixture {
  inspectionId: string;
  findingId: string;
  actionId: string;
}

/**
 * An inspection of `unitId` by `inspectingUnitId`, started, with one D2 finding and one remediation action;
 * `actionDone` marks the action done (so the finding may be marked remediated).
 */
export async function inspectionWithFinding(
  db: Kysely<Database>,
  unitId: string,
  inspectingUnitId: string,
  options: { actionDone?: boolean } = {},
): Promise<InspectionFixture> {
  const actor = systemActor('fixture');
  const inspectionId = await createInspection(db, actor, {
    unitId,
    inspectingUnitId,
    kind: 'scheduled',
    scheduledOn: todayIso(),
    team: ['Nguyễn Văn An'],
    scope: 'Công khai ngân sách',
  });
  await transitionInspection(db, actor, inspectionId, { event: 'start' });
  const findingId = await createFinding(
    db,
    actor,
    inspectionId,
    { description: 'Chưa niêm yết dự toán đủ 90 ngày', dimension: 'd2', subdimension: '2.3' },
    await latestFramework(),
  );
  const actionId = await createAction(db, actor, findingId, { description: 'Niêm yết lại', deadline: todayIso() });
  if (options.actionDone) await transitionAction(db, actor, actionId, 'complete');
  return { inspectionId, findingId, actionId };
}
