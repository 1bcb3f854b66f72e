/**
 * Writes of inspection work, each in one transaction with its audit rows: plans, inspections (and
 * re-inspections), findings tagged to PAPI and plan tasks, remediation actions, transitions through the
 * state machines of core/inspections (invalid ones → 409), and evidence files.
 * Authorisation (which unit the caller must reach) is the route's job; the checks here are domain rules.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { InputError } from '../../core/errors.js';
import type { Framework } from '../../core/index/framework.js';
import {
  type ActionEvent,
  type ActionStatus,
  actionStep,
  assertInspectionClosable,
  type FindingEvent,
  type FindingStatus,
  findingStep,
  type InspectionEvent,
  type InspectionStatus,
  InvalidTransition,
  inspectionStep,
  type PlanEvent,
  type PlanStatus,
  planStep,
} from '../../core/inspections/states.js';
import { validatePapiTag } from '../../core/inspections/tags.js';
import type { Actor } from '../audit/actor.js';
import { actorName } from '../audit/actor.js';
import { insertAudited, recordAudit } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso, todayIso } from '../db/time.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { FILE_LIMITS, type StoredFileMeta, storeFile, type UploadedFile } from '../files/index.js';
import { conflict, notFound } from '../http/errors.js';
import type { OWNER } from './repository.js';
import type { InspectionFindingTable, InspectionPlanTable, InspectionTable, RemediationActionTable } from './tables.js';

type Db = Kysely<Database>;

export const INSPECTION_KINDS = ['scheduled', 'surprise'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** An invalid transition as the HTTP answer: 409 with the reason and the allowed events. */
const asConflict = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InvalidTransition) throw conflict(e.message, ['event']);
    throw e;
  }
};

const unitPath = async (tx: Tx, id: string, field: string): Promise<string> => {
  const u = await tx.selectFrom('unit').select('path').where('id', '=', id).executeTakeFirst();
  if (!u) throw new InputError(`Unit ${id} does not exist`, { path: [field] }, 'unknown_unit');
  return u.path;
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const checkDay = (value: string, field: string) => {
  const d = new Date(`${value}T00:00:00Z`);
  if (!ISO_DAY.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new InputError(`"${value}" is not a date`, { path: [field] }, 'invalid_date');
  }
};
const required = (value: string, field: string, what: string) => {
  const v = value.trim();
  if (!v) throw new InputError(`${what} is required`, { path: [field] }, 'required');
  return v;
};

// ------------------------------------------------------------------------------------------- plans
export interface PlanInput {
  unitId: string;
  year: number;
  kind: InspectionKind;
  title: string;
  scope: string;
}

export async function createPlan(db: Db, actor: Actor, input: PlanInput): Promise<string> {
  const title = required(input.title, 'title', 'Title');
  return inTransaction(db, async (tx) => {
    await unitPath(tx, input.unitId, 'unitId');
    const now = nowIso();
    const row: InspectionPlanTable = {
      id: randomUUID(),
      unit_id: input.unitId,
      year: input.year,
      kind: input.kind,
      title,
      scope: input.scope.trim(),
      status: 'draft',
      created_by: actorName(actor),
      created_at: now,
      updated_at: now,
    };
    await insertAudited(tx, actor, 'inspection_plan', row, row.unit_id);
    return row.id;
  });
}

export async function transitionPlan(db: Db, actor: Actor, id: string, event: PlanEvent): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('inspection_plan').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Inspection plan');
    const status = asConflict(() => planStep(before.status as PlanStatus, event));
    const after = { ...before, status, updated_at: nowIso() };
    await tx
      .updateTable('inspection_plan')
      .set({ status, updated_at: after.updated_at })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, actor, {
      action: event,
      entityType: 'inspection_plan',
      entityId: id,
      unitId: before.unit_id,
      before,
      after,
    });
  });
}

// ------------------------------------------------------------------------------------- inspections
export interface InspectionInput {
  planId?: string | null;
  /** The inspected unit. */
  unitId: string;
  inspectingUnitId: string;
  kind: InspectionKind;
  scheduledOn: string;
  team: string[];
  scope: string;
  reinspectionOf?: string | null;
}

export async function createInspection(db: Db, actor: Actor, input: InspectionInput): Promise<string> {
  checkDay(input.scheduledOn, 'scheduledOn');
  const scope = required(input.scope, 'scope', 'Scope');
  const team = input.team.map((m) => m.trim()).filter(Boolean);
  if (team.length === 0)
    throw new InputError('Name at least one member of the team', { path: ['team'] }, 'team_required');
  return inTransaction(db, async (tx) => {
    const inspectedPath = await unitPath(tx, input.unitId, 'unitId');
    const inspectingPath = await unitPath(tx, input.inspectingUnitId, 'inspectingUnitId');
    // A unit inspects itself or units below it (a province its communes), never a sibling.
    if (!inspectedPath.startsWith(inspectingPath)) {
      throw new InputError(
        'The inspected unit must be the inspecting unit or lie under it',
        { path: ['unitId'] },
        'outside_inspecting_unit',
      );
    }
    if (input.planId) {
      const plan = await tx.selectFrom('inspection_plan').selectAll().where('id', '=', input.planId).executeTakeFirst();
      if (!plan) throw new InputError('Unknown inspection plan', { path: ['planId'] }, 'unknown_plan');
      if (plan.unit_id !== input.inspectingUnitId) {
        throw new InputError('The plan belongs to another inspecting unit', { path: ['planId'] }, 'plan_of_other_unit');
      }
      if (plan.status === 'completed' || plan.status === 'cancelled') {
        throw conflict(`The plan is ${plan.status}: no more inspections can be added`, ['planId']);
      }
    }
    if (input.reinspectionOf) {
      const prev = await tx
        .selectFrom('inspection')
        .selectAll()
        .where('id', '=', input.reinspectionOf)
        .executeTakeFirst();
      if (!prev)
        throw new InputError('Unknown inspection to re-inspect', { path: ['reinspectionOf'] }, 'unknown_inspection');
      if (prev.unit_id !== input.unitId) {
        throw new InputError(
          'A re-inspection checks the same unit',
          { path: ['reinspectionOf'] },
          'reinspection_other_unit',
        );
      }
      if (prev.status !== 'concluded' && prev.status !== 'closed') {
        throw conflict(`Only a concluded inspection can be re-inspected (this one is ${prev.status})`, [
          'reinspectionOf',
        ]);
      }
    }
    const now = nowIso();
    const row: InspectionTable = {
      id: randomUUID(),
      plan_id: input.planId ?? null,
      unit_id: input.unitId,
      inspecting_unit_id: input.inspectingUnitId,
      kind: input.kind,
      scheduled_on: input.scheduledOn,
      conducted_on: null,
      team_json: JSON.stringify(team),
      scope,
      status: 'planned',
      conclusion: null,
      reinspection_of: input.reinspectionOf ?? null,
      created_by: actorName(actor),
      created_at: now,
      updated_at: now,
    };
    await insertAudited(tx, actor, 'inspection', row, row.unit_id);
    return row.id;
  });
}

export interface InspectionTransition {
  event: InspectionEvent;
  /** start: the day it was conducted (default today). */
  conductedOn?: string;
  /** conclude: the conclusion (kết luận kiểm tra), required. */
  conclusion?: string;
}

export async function transitionInspection(db: Db, actor: Actor, id: string, t: InspectionTransition): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('inspection').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Inspection');
    const status = asConflict(() => inspectionStep(before.status as InspectionStatus, t.event));
    const changes: Partial<InspectionTable> = { status, updated_at: nowIso() };
    if (t.event === 'start') {
      const day = t.conductedOn ?? todayIso();
      checkDay(day, 'conductedOn');
      changes.conducted_on = day;
    }
    if (t.event === 'conclude') {
      changes.conclusion = required(t.conclusion ?? '', 'conclusion', 'The conclusion');
    }
    if (t.event === 'close') {
      const findings = await tx
        .selectFrom('inspection_finding')
        .select('status')
        .where('inspection_id', '=', id)
        .execute();
      asConflict(() => assertInspectionClosable(findings.map((f) => ({ status: f.status as FindingStatus }))));
    }
    await tx.updateTable('inspection').set(changes).where('id', '=', id).execute();
    await recordAudit(tx, actor, {
      action: t.event,
      entityType: 'inspection',
      entityId: id,
      unitId: before.unit_id,
      before,
      after: { ...before, ...changes },
    });
  });
}

// ---------------------------------------------------------------------------------------- findings
export interface FindingInput {
  description: string;
  dimension: string;
  subdimension?: string | null;
  indicator?: string | null;
  /** The unit concerned; default the inspected unit. */
  unitId?: string | null;
  /** The plan task (nhiệm vụ) the finding concerns. */
  taskId?: string | null;
}

export async function createFinding(
  db: Db,
  actor: Actor,
  inspectionId: string,
  input: FindingInput,
  framework: Framework,
): Promise<string> {
  const description = required(input.description, 'description', 'The description');
  const tag = validatePapiTag(
    { dimension: input.dimension, subdimension: input.subdimension, indicator: input.indicator },
    framework,
  );
  return inTransaction(db, async (tx) => {
    const insp = await tx.selectFrom('inspection').selectAll().where('id', '=', inspectionId).executeTakeFirst();
    if (!insp) throw notFound('Inspection');
    if (insp.status !== 'in_progress' && insp.status !== 'concluded') {
      throw conflict(
        `Findings are recorded while an inspection is in progress or concluded (this one is ${insp.status})`,
        ['inspectionId'],
      );
    }
    const unitId = input.unitId || insp.unit_id;
    if (unitId !== insp.unit_id) {
      const inspected = await unitPath(tx, insp.unit_id, 'unitId');
      if (!(await unitPath(tx, unitId, 'unitId')).startsWith(inspected)) {
        throw new InputError(
          'A finding concerns the inspected unit or a unit under it',
          { path: ['unitId'] },
          'outside_inspected_unit',
        );
      }
    }
    if (input.taskId) {
      const task = await tx.selectFrom('plan_task').select('id').where('id', '=', input.taskId).executeTakeFirst();
      if (!task) throw new InputError(`Plan task ${input.taskId} does not exist`, { path: ['taskId'] }, 'unknown_task');
    }
    const now = nowIso();
    const row: InspectionFindingTable = {
      id: randomUUID(),
      inspection_id: inspectionId,
      unit_id: unitId,
      description,
      dimension: tag.dimension,
      subdimension: tag.subdimension,
      indicator: tag.indicator,
      task_id: input.taskId || null,
      status: 'open',
      closed_on: null,
      closing_note: null,
      created_by: actorName(actor),
      created_at: now,
      updated_at: now,
    };
    await insertAudited(tx, actor, 'inspection_finding', row, insp.unit_id);
    return row.id;
  });
}

export async function transitionFinding(
  db: Db,
  actor: Actor,
  id: string,
  event: FindingEvent,
  note?: string | null,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('inspection_finding').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Finding');
    const actions = await tx.selectFrom('remediation_action').select('status').where('finding_id', '=', id).execute();
    const status = asConflict(() =>
      findingStep(
        before.status as FindingStatus,
        event,
        actions.map((a) => ({ status: a.status as ActionStatus })),
      ),
    );
    const changes: Partial<InspectionFindingTable> = { status, updated_at: nowIso() };
    if (event === 'close') {
      changes.closed_on = todayIso();
      changes.closing_note = note?.trim() || null;
    }
    if (event === 'reopen') {
      changes.closing_note = note?.trim() || null;
      // Not accepted: the actions go back to work.
      await tx
        .updateTable('remediation_action')
        .set({ status: 'open', updated_at: nowIso() })
        .where('finding_id', '=', id)
        .execute();
    }
    await tx.updateTable('inspection_finding').set(changes).where('id', '=', id).execute();
    const insp = await tx
      .selectFrom('inspection')
      .select('unit_id')
      .where('id', '=', before.inspection_id)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, {
      action: event,
      entityType: 'inspection_finding',
      entityId: id,
      unitId: insp.unit_id,
      before,
      after: { ...before, ...changes },
    });
  });
}

// ------------------------------------------------------------------------------ remediation actions
export interface ActionInput {
  description: string;
  deadline: string;
  /** Responsible unit (đơn vị chịu trách nhiệm); default the finding's unit. */
  unitId?: string | null;
}

export async function createAction(db: Db, actor: Actor, findingId: string, input: ActionInput): Promise<string> {
  const description = required(input.description, 'description', 'The action');
  checkDay(input.deadline, 'deadline');
  return inTransaction(db, async (tx) => {
    const finding = await tx
      .selectFrom('inspection_finding')
      .selectAll()
      .where('id', '=', findingId)
      .executeTakeFirst();
    if (!finding) throw notFound('Finding');
    if (finding.status === 'closed') throw conflict('The finding is closed: no more actions', ['findingId']);
    const unitId = input.unitId || finding.unit_id;
    await unitPath(tx, unitId, 'unitId');
    const now = nowIso();
    const row: RemediationActionTable = {
      id: randomUUID(),
      finding_id: findingId,
      unit_id: unitId,
      description,
      deadline: input.deadline,
      status: 'open',
      completed_on: null,
      completion_note: null,
      created_by: actorName(actor),
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('remediation_action').values(row).execute();
    // A new action on a finding marked remediated puts it back to work.
    if (finding.status === 'remediated') {
      await tx
        .updateTable('inspection_finding')
        .set({ status: 'open', updated_at: now })
        .where('id', '=', findingId)
        .execute();
    }
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'remediation_action',
      entityId: row.id,
      unitId,
      after: row,
    });
    return row.id;
  });
}

export async function transitionAction(
  db: Db,
  actor: Actor,
  id: string,
  event: ActionEvent,
  opts: { completedOn?: string; note?: string | null } = {},
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('remediation_action').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Remediation action');
    const finding = await tx
      .selectFrom('inspection_finding')
      .select(['status'])
      .where('id', '=', before.finding_id)
      .executeTakeFirstOrThrow();
    if (finding.status === 'closed') throw conflict('The finding is closed', ['event']);
    const status = asConflict(() => actionStep(before.status as ActionStatus, event));
    const changes: Partial<RemediationActionTable> = { status, updated_at: nowIso() };
    if (event === 'complete') {
      const day = opts.completedOn ?? todayIso();
      checkDay(day, 'completedOn');
      if (day > todayIso())
        throw new InputError('The completion day is in the future', { path: ['completedOn'] }, 'date_in_future');
      changes.completed_on = day;
      changes.completion_note = opts.note?.trim() || null;
    } else {
      changes.completed_on = null;
    }
    await tx.updateTable('remediation_action').set(changes).where('id', '=', id).execute();
    await recordAudit(tx, actor, {
      action: event,
      entityType: 'remediation_action',
      entityId: id,
      unitId: before.unit_id,
      before,
      after: { ...before, ...changes },
    });
  });
}

// ------------------------------------------------------------------------------------------- files
export async function addInspectionFiles(
  db: Db,
  actor: Actor,
  owner: { type: (typeof OWNER)[keyof typeof OWNER]; id: string; unitId: string },
  files: UploadedFile[],
): Promise<StoredFileMeta[]> {
  if (files.length === 0) throw new InputError('Choose at least one file', { path: ['files'] }, 'file_required');
  return inTransaction(db, async (tx) => {
    const stored: StoredFileMeta[] = [];
    for (const file of files) {
      stored.push(
        await storeFile(tx, actor, {
          ownerType: owner.type,
          ownerId: owner.id,
          unitId: owner.unitId,
          file,
          limits: FILE_LIMITS.evidence,
        }),
      );
    }
    return stored;
  });
}
