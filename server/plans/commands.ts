/**
 * Writes of the plans module. Each: validated (zod at the edge, core/plans rules here), in ONE
 * transaction, audited. Rule violations (invalid transitions) become 409 with the rule's message.
 * Authorisation is the route's job (server/policies); these functions trust their caller.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { InputError } from '../../core/errors.js';
import { t } from '../../core/i18n/index.js';
import { RuleViolation } from '../../core/plans/errors.js';
import { planAllows, planTransition } from '../../core/plans/lifecycle.js';
import { parsePeriod, submissionDeadline } from '../../core/plans/periods.js';
import { mergeReports, reportTransition } from '../../core/plans/reports.js';
import { applyProgress, rollUp, type TaskState, type TaskStatus } from '../../core/plans/tasks.js';
import { type Actor, actorName } from '../audit/actor.js';
import { recordAudit, recordAudits } from '../audit/record.js';
import type { Database } from '../db/schema.js';
import { nowIso, todayIso } from '../db/time.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { deleteFilesOf, FILE_LIMITS, type StoredFileMeta, storeFile } from '../files/index.js';
import type { UploadedFile } from '../files/limits.js';
import { conflict, HttpError, notFound } from '../http/errors.js';
import {
  EVIDENCE_OWNER,
  findPlanByUnitYear,
  findPlanRow,
  findReportRow,
  findTaskRow,
  loadPlanDetail,
  planTaskRows,
  unitRef,
  unitRefs,
  unitTypeWord,
} from './repository.js';
import {
  type IssuePlanBody,
  type PlanContentInput,
  type TargetInput,
  type TaskInput,
  TaskInput as TaskInputSchema,
} from './schemas.js';
import type { PlanReportTable, PlanTable, PlanTaskTable } from './tables.js';

type Db = Kysely<Database>;

/** Runs a core rule and turns its RuleViolation into 409 (or 400 for bad input such as a period id). */
export function rule<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RuleViolation) {
      if (e.code === 'invalid_period' || e.code === 'invalid_progress')
        throw new HttpError(400, e.code, e.message, e.path);
      throw new HttpError(409, e.code === 'invalid_transition' ? 'conflict' : e.code, e.message, e.path);
    }
    throw e;
  }
}

/**
 * A unit as the lead or cooperating agency of a task: a level of government is its People's Committee
 * ("UBND xã Ân Thi"); a department or office keeps its own name ("Sở Nội vụ").
 */
export function agencyName(unit: { nameVi: string; unitType: string } | undefined): string {
  if (!unit) return '';
  const word = unitTypeWord(unit.unitType);
  return word ? `UBND ${word} ${unit.nameVi}` : unit.nameVi;
}

const ALL_DIMENSIONS = [1, 2, 3, 4, 5, 6, 7, 8];

// ---------- plans ----------

async function requireUnit(db: Db, unitId: string, path: (string | number)[]) {
  const unit = await unitRef(db, unitId);
  if (!unit) throw new InputError(`Unit ${unitId} does not exist`, { path }, 'unknown_unit');
  return unit;
}

async function checkParentPlan(db: Db, unitPath: string, year: number, parentPlanId: string | null | undefined) {
  if (!parentPlanId) return null;
  const parent = await findPlanRow(db, parentPlanId);
  if (!parent)
    throw new InputError(`Parent plan ${parentPlanId} does not exist`, { path: ['parentPlanId'] }, 'unknown_plan');
  const parentUnit = await unitRef(db, parent.unit_id);
  if (!parentUnit || !unitPath.startsWith(parentUnit.path) || unitPath === parentUnit.path) {
    throw new InputError(
      'The parent plan must belong to a unit above this one',
      { path: ['parentPlanId'] },
      'invalid_parent_plan',
    );
  }
  if (parent.year !== year) {
    throw new InputError(
      `The parent plan is for ${parent.year}, this plan for ${year}`,
      { path: ['parentPlanId'] },
      'invalid_parent_plan',
    );
  }
  return parent;
}

function defaultContent(unit: { nameVi: string; unitType: string }, year: number): PlanContentInput {
  const name = `${unitTypeWord(unit.unitType)} ${unit.nameVi}`.trim();
  return {
    title: t('vi', 'plans:domain.planTitle', { unit: name, year }),
    issuingBody: t('vi', 'plans:domain.issuingBody', { unit: name.toLocaleUpperCase('vi') }),
    place: unit.nameVi,
    parentPlanId: null,
    basis: [],
    purpose: t('vi', 'plans:domain.purpose', { year }),
    requirements: t('vi', 'plans:domain.requirements'),
    communication: t('vi', 'plans:domain.communication'),
    inspection: t('vi', 'plans:domain.inspection'),
    organisation: t('vi', 'plans:domain.organisation'),
    recipients: [t('vi', 'plans:domain.recipientUnits'), t('vi', 'plans:domain.recipientArchive')],
    sections: [],
    targets: [],
    signerName: null,
    signerTitle: null,
  };
}

async function writeSections(
  tx: Tx,
  planId: string,
  sections: readonly { dimension: number; content: string }[],
  fresh: boolean,
) {
  // A new plan gets all eight sections in one insert; an edit replaces only the sections sent.
  const dimensions = fresh ? ALL_DIMENSIONS : sections.map((s) => s.dimension);
  if (dimensions.length === 0) return;
  if (!fresh)
    await tx.deleteFrom('plan_section').where('plan_id', '=', planId).where('dimension', 'in', dimensions).execute();
  await tx
    .insertInto('plan_section')
    .values(
      dimensions.map((dimension) => ({
        plan_id: planId,
        dimension,
        content: sections.find((s) => s.dimension === dimension)?.content ?? '',
      })),
    )
    .execute();
}

async function writeTargets(tx: Tx, planId: string, targets: readonly TargetInput[]) {
  await tx.deleteFrom('plan_target').where('plan_id', '=', planId).execute();
  if (targets.length === 0) return;
  await tx
    .insertInto('plan_target')
    .values(
      targets.map((tg, i) => ({
        id: randomUUID(),
        plan_id: planId,
        position: i + 1,
        dimension: tg.dimension,
        kind: tg.kind,
        comparator: tg.comparator,
        value: tg.value ?? null,
        group_name: tg.group ?? null,
        note: tg.note ?? null,
      })),
    )
    .execute();
}

function contentColumns(c: Partial<PlanContentInput>): Partial<PlanTable> {
  const out: Partial<PlanTable> = {};
  if (c.title !== undefined) out.title = c.title.trim();
  if (c.issuingBody !== undefined) out.issuing_body = c.issuingBody.trim();
  if (c.place !== undefined) out.place = c.place;
  if (c.parentPlanId !== undefined) out.parent_plan_id = c.parentPlanId;
  if (c.basis !== undefined) out.basis_json = JSON.stringify(c.basis);
  if (c.purpose !== undefined) out.purpose = c.purpose;
  if (c.requirements !== undefined) out.requirements = c.requirements;
  if (c.communication !== undefined) out.communication = c.communication;
  if (c.inspection !== undefined) out.inspection = c.inspection;
  if (c.organisation !== undefined) out.organisation = c.organisation;
  if (c.recipients !== undefined) out.recipients_json = JSON.stringify(c.recipients);
  if (c.signerName !== undefined) out.signer_name = c.signerName;
  if (c.signerTitle !== undefined) out.signer_title = c.signerTitle;
  return out;
}

/** Inserts a draft plan (inside the caller's transaction). */
export async function insertPlan(
  tx: Tx,
  actor: Actor,
  input: { unitId: string; year: number } & Partial<PlanContentInput>,
): Promise<PlanTable> {
  const unit = await requireUnit(tx, input.unitId, ['unitId']);
  if (await findPlanByUnitYear(tx, unit.id, input.year)) {
    throw conflict(`${unit.nameVi} already has a plan for ${input.year}`, ['year']);
  }
  await checkParentPlan(tx, unit.path, input.year, input.parentPlanId);
  const content = { ...defaultContent(unit, input.year), ...stripUndefined(input) };
  const now = nowIso();
  const row: PlanTable = {
    id: randomUUID(),
    unit_id: unit.id,
    year: input.year,
    status: 'draft',
    version: 0,
    title: content.title,
    number: null,
    symbol: null,
    issued_date: null,
    place: content.place,
    issuing_body: content.issuingBody,
    signer_name: content.signerName,
    signer_title: content.signerTitle,
    parent_plan_id: content.parentPlanId,
    basis_json: JSON.stringify(content.basis),
    purpose: content.purpose,
    requirements: content.requirements,
    communication: content.communication,
    inspection: content.inspection,
    organisation: content.organisation,
    recipients_json: JSON.stringify(content.recipients),
    created_by: actorName(actor),
    created_at: now,
    updated_at: now,
    issued_at: null,
    closed_at: null,
  };
  await tx.insertInto('plan').values(row).execute();
  await writeSections(tx, row.id, content.sections, true);
  if (content.targets.length > 0) await writeTargets(tx, row.id, content.targets);
  await recordAudit(tx, actor, {
    action: 'create',
    entityType: 'plan',
    entityId: row.id,
    unitId: row.unit_id,
    after: row,
  });
  return row;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function createPlan(db: Db, actor: Actor, input: { unitId: string; year: number } & Partial<PlanContentInput>) {
  return inTransaction(db, (tx) => insertPlan(tx, actor, input));
}

async function lockPlan(tx: Tx, planId: string): Promise<PlanTable> {
  const plan = await findPlanRow(tx, planId);
  if (!plan) throw notFound('Plan');
  return plan;
}

async function applyContent(tx: Tx, plan: PlanTable, changes: Partial<PlanContentInput>, extra: Partial<PlanTable>) {
  if (changes.parentPlanId !== undefined) {
    const unit = await unitRef(tx, plan.unit_id);
    await checkParentPlan(tx, unit?.path ?? '', plan.year, changes.parentPlanId);
  }
  const cols = { ...contentColumns(changes), ...extra, updated_at: nowIso() };
  await tx.updateTable('plan').set(cols).where('id', '=', plan.id).execute();
  if (changes.sections) await writeSections(tx, plan.id, changes.sections, false);
  if (changes.targets) await writeTargets(tx, plan.id, changes.targets);
  return cols;
}

export function updatePlan(db: Db, actor: Actor, planId: string, changes: Partial<PlanContentInput>) {
  return inTransaction(db, async (tx) => {
    const plan = await lockPlan(tx, planId);
    rule(() => planTransition(plan.status, 'edit'));
    const cols = await applyContent(tx, plan, changes, {});
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'plan',
      entityId: planId,
      unitId: plan.unit_id,
      before: plan,
      after: { ...changes, ...cols },
    });
  });
}

async function keepVersion(
  tx: Tx,
  actor: Actor,
  planId: string,
  version: number,
  status: string,
  reason: string | null,
) {
  const snapshot = await loadPlanDetail(tx, planId, todayIso());
  await tx
    .insertInto('plan_version')
    .values({
      plan_id: planId,
      version,
      status,
      reason,
      snapshot_json: JSON.stringify(snapshot),
      created_by: actorName(actor),
      created_at: nowIso(),
    })
    .execute();
}

export function issuePlan(db: Db, actor: Actor, planId: string, body: IssuePlanBody) {
  return inTransaction(db, async (tx) => {
    const plan = await lockPlan(tx, planId);
    const status = rule(() => planTransition(plan.status, 'issue'));
    const now = nowIso();
    const cols = {
      status,
      version: 1,
      number: body.number.trim(),
      symbol: body.symbol.trim(),
      issued_date: body.issuedDate,
      signer_name: body.signerName.trim(),
      signer_title: body.signerTitle.trim(),
      issued_at: now,
      updated_at: now,
    };
    await tx.updateTable('plan').set(cols).where('id', '=', planId).execute();
    await keepVersion(tx, actor, planId, 1, status, null);
    await recordAudit(tx, actor, {
      action: 'issue',
      entityType: 'plan',
      entityId: planId,
      unitId: plan.unit_id,
      before: { status: plan.status },
      after: cols,
    });
  });
}

export function amendPlan(
  db: Db,
  actor: Actor,
  planId: string,
  body: { reason: string; changes: Partial<PlanContentInput> },
) {
  return inTransaction(db, async (tx) => {
    const plan = await lockPlan(tx, planId);
    const status = rule(() => planTransition(plan.status, 'amend'));
    const version = plan.version + 1;
    const cols = await applyContent(tx, plan, body.changes, { status, version });
    await keepVersion(tx, actor, planId, version, status, body.reason.trim());
    await recordAudit(tx, actor, {
      action: 'amend',
      entityType: 'plan',
      entityId: planId,
      unitId: plan.unit_id,
      before: plan,
      after: { reason: body.reason, ...body.changes, ...cols },
    });
  });
}

export function closePlan(db: Db, actor: Actor, planId: string) {
  return inTransaction(db, async (tx) => {
    const plan = await lockPlan(tx, planId);
    const status = rule(() => planTransition(plan.status, 'close'));
    const now = nowIso();
    await tx.updateTable('plan').set({ status, closed_at: now, updated_at: now }).where('id', '=', planId).execute();
    await recordAudit(tx, actor, {
      action: 'close',
      entityType: 'plan',
      entityId: planId,
      unitId: plan.unit_id,
      before: { status: plan.status },
      after: { status },
    });
  });
}

// ---------- tasks ----------

export interface TaskRowInput extends TaskInput {
  parentTaskId?: string | null;
  libraryKey?: string | null;
}

/**
 * Adds tasks to a plan (inside the caller's transaction; XLSX import uses it). Every row is validated
 * first — an InputError names `rows[i].field` (`location.row` = i + 1) — and nothing is written unless all
 * rows are valid. Lead units given by id must exist; their name is taken from the tree.
 */
export async function createTasks(
  tx: Tx,
  actor: Actor,
  planId: string,
  rows: readonly TaskRowInput[],
): Promise<PlanTaskTable[]> {
  const plan = await findPlanRow(tx, planId);
  if (!plan) throw notFound('Plan');
  rule(() => planTransition(plan.status, 'addTask'));
  const parsed = rows.map((r, i) => {
    const res = TaskInputSchema.safeParse(r);
    if (!res.success) {
      const issue = res.error.issues[0];
      const field = String(issue?.path[0] ?? '');
      throw new InputError(
        issue?.message ?? 'invalid task',
        {
          row: i + 1,
          column: field,
          path: ['rows', i, ...(issue?.path.map((p) => (typeof p === 'number' ? p : String(p))) ?? [])],
        },
        'invalid_task',
      );
    }
    return { ...res.data, parentTaskId: r.parentTaskId ?? null, libraryKey: r.libraryKey ?? null };
  });
  const unitIds = parsed.flatMap((r) => [
    ...(r.leadUnitId ? [r.leadUnitId] : []),
    ...(r.cooperating ?? []).flatMap((c) => (c.unitId ? [c.unitId] : [])),
  ]);
  const units = await unitRefs(tx, unitIds);
  parsed.forEach((r, i) => {
    const fail = (column: string, message: string) => {
      throw new InputError(message, { row: i + 1, column, path: ['rows', i, column] }, 'invalid_task');
    };
    if (r.leadUnitId && !units.has(r.leadUnitId)) fail('leadUnitId', `Lead unit ${r.leadUnitId} does not exist`);
    if (!r.leadUnitId && !r.leadUnitName?.trim()) fail('leadUnitName', 'A lead unit (chủ trì) is required');
    (r.cooperating ?? []).forEach((c) => {
      if (c.unitId && !units.has(c.unitId)) fail('cooperating', `Cooperating unit ${c.unitId} does not exist`);
      if (!c.unitId && !c.name?.trim()) fail('cooperating', 'A cooperating unit needs a name or a unit id');
    });
    if (r.startDate && r.dueDate && r.dueDate < r.startDate)
      fail('dueDate', `The deadline ${r.dueDate} is before the start ${r.startDate}`);
    if (r.subdimension && r.dimension && !r.subdimension.startsWith(`${r.dimension}.`)) {
      fail('subdimension', `Sub-dimension ${r.subdimension} is not in dimension ${r.dimension}`);
    }
  });
  const max = await tx
    .selectFrom('plan_task')
    .select((eb) => eb.fn.max('position').as('m'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  let position = Number(max?.m ?? 0);
  const now = nowIso();
  const out: PlanTaskTable[] = parsed.map((r) => ({
    id: randomUUID(),
    plan_id: planId,
    unit_id: plan.unit_id,
    position: ++position,
    title: r.title.trim(),
    description: r.description ?? '',
    dimension: r.dimension ?? (r.subdimension ? Number(r.subdimension.split('.')[0]) : null),
    subdimension: r.subdimension ?? null,
    indicator: r.indicator ?? null,
    lead_unit_id: r.leadUnitId ?? null,
    lead_unit_name: r.leadUnitId ? agencyName(units.get(r.leadUnitId)) : (r.leadUnitName ?? '').trim(),
    cooperating_json: JSON.stringify(
      (r.cooperating ?? []).map((c) => ({
        unitId: c.unitId ?? null,
        name: c.unitId ? agencyName(units.get(c.unitId)) : (c.name ?? '').trim(),
      })),
    ),
    start_date: r.startDate ?? null,
    due_date: r.dueDate ?? null,
    expected_output: r.expectedOutput ?? '',
    status: 'not_started',
    progress: 0,
    parent_task_id: r.parentTaskId,
    library_key: r.libraryKey,
    completed_at: null,
    created_at: now,
    updated_at: now,
  }));
  await insertTaskRows(tx, actor, out);
  return out;
}

/** Inserts new tasks (in batches that stay under the drivers' parameter limits) with a create audit each. */
async function insertTaskRows(tx: Tx, actor: Actor, rows: readonly PlanTaskTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await tx
      .insertInto('plan_task')
      .values(rows.slice(i, i + 200))
      .execute();
  await recordAudits(
    tx,
    actor,
    rows.map((row) => ({
      action: 'create',
      entityType: 'plan_task',
      entityId: row.id,
      unitId: row.unit_id,
      after: row,
    })),
  );
}

export function createTask(db: Db, actor: Actor, planId: string, input: TaskInput): Promise<PlanTaskTable> {
  return inTransaction(db, async (tx) => (await createTasks(tx, actor, planId, [input]))[0] as PlanTaskTable);
}

async function loadTaskAndPlan(tx: Tx, taskId: string) {
  const task = await findTaskRow(tx, taskId);
  if (!task) throw notFound('Task');
  const plan = await findPlanRow(tx, task.plan_id);
  if (!plan) throw notFound('Plan');
  return { task, plan };
}

export function updateTask(db: Db, actor: Actor, taskId: string, changes: Partial<TaskInput>) {
  return inTransaction(db, async (tx) => {
    const { task, plan } = await loadTaskAndPlan(tx, taskId);
    rule(() => planTransition(plan.status, 'editTask'));
    const cols: Partial<PlanTaskTable> = { updated_at: nowIso() };
    if (changes.title !== undefined) cols.title = changes.title.trim();
    if (changes.description !== undefined) cols.description = changes.description;
    if (changes.dimension !== undefined) cols.dimension = changes.dimension;
    if (changes.subdimension !== undefined) cols.subdimension = changes.subdimension;
    if (changes.indicator !== undefined) cols.indicator = changes.indicator;
    if (changes.startDate !== undefined) cols.start_date = changes.startDate;
    if (changes.dueDate !== undefined) cols.due_date = changes.dueDate;
    if (changes.expectedOutput !== undefined) cols.expected_output = changes.expectedOutput;
    if (changes.leadUnitId !== undefined || changes.leadUnitName !== undefined) {
      if (changes.leadUnitId) {
        const u = await requireUnit(tx, changes.leadUnitId, ['leadUnitId']);
        cols.lead_unit_id = u.id;
        cols.lead_unit_name = agencyName(u);
      } else {
        if (!changes.leadUnitName?.trim())
          throw new InputError('A lead unit (chủ trì) is required', { path: ['leadUnitName'] }, 'invalid_task');
        cols.lead_unit_id = null;
        cols.lead_unit_name = changes.leadUnitName.trim();
      }
    }
    if (changes.cooperating !== undefined) {
      const units = await unitRefs(
        tx,
        changes.cooperating.flatMap((c) => (c.unitId ? [c.unitId] : [])),
      );
      cols.cooperating_json = JSON.stringify(
        changes.cooperating.map((c, i) => {
          if (c.unitId && !units.has(c.unitId))
            throw new InputError(
              `Cooperating unit ${c.unitId} does not exist`,
              { path: ['cooperating', i, 'unitId'] },
              'unknown_unit',
            );
          const name = c.unitId ? agencyName(units.get(c.unitId)) : (c.name ?? '').trim();
          if (!name)
            throw new InputError(
              'A cooperating unit needs a name or a unit id',
              { path: ['cooperating', i, 'name'] },
              'invalid_task',
            );
          return { unitId: c.unitId ?? null, name };
        }),
      );
    }
    const start = cols.start_date !== undefined ? cols.start_date : task.start_date;
    const due = cols.due_date !== undefined ? cols.due_date : task.due_date;
    if (start && due && due < start)
      throw new InputError(`The deadline ${due} is before the start ${start}`, { path: ['dueDate'] }, 'invalid_task');
    await tx.updateTable('plan_task').set(cols).where('id', '=', taskId).execute();
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'plan_task',
      entityId: taskId,
      unitId: task.unit_id,
      before: task,
      after: cols,
    });
  });
}

export function deleteTask(db: Db, actor: Actor, taskId: string) {
  return inTransaction(db, async (tx) => {
    const { task, plan } = await loadTaskAndPlan(tx, taskId);
    rule(() => planTransition(plan.status, 'deleteTask'));
    await lockChain(tx, task.parent_task_id);
    const child = await tx.selectFrom('plan_task').select('id').where('parent_task_id', '=', taskId).executeTakeFirst();
    if (child) throw conflict('This task has been assigned to lower units; it cannot be removed');
    const inReport = await tx
      .selectFrom('plan_report_task')
      .select('report_id')
      .where('task_id', '=', taskId)
      .executeTakeFirst();
    if (inReport) throw conflict('This task appears in a periodic report; it cannot be removed');
    await deleteFilesOf(tx, actor, EVIDENCE_OWNER, taskId);
    await tx.deleteFrom('plan_task_comment').where('task_id', '=', taskId).execute();
    await tx.deleteFrom('plan_task').where('id', '=', taskId).execute();
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'plan_task',
      entityId: taskId,
      unitId: task.unit_id,
      before: task,
    });
    if (task.parent_task_id) await rollUpFrom(tx, actor, task.parent_task_id);
  });
}

/**
 * Locks the chain of tasks above `taskId` (nearest first), so concurrent progress reports of sibling
 * units serialise on their common parent and each roll-up sees the other's committed child (PostgreSQL
 * READ COMMITTED); a no-op UPDATE takes the row lock on both dialects. Same order everywhere → no deadlock.
 */
async function lockChain(tx: Tx, taskId: string | null): Promise<void> {
  let id = taskId;
  const seen = new Set<string>();
  while (id && !seen.has(id)) {
    seen.add(id);
    await tx
      .updateTable('plan_task')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', id)
      .execute();
    const row = await tx.selectFrom('plan_task').select('parent_task_id').where('id', '=', id).executeTakeFirst();
    id = row?.parent_task_id ?? null;
  }
}

/** The columns a task's new state writes: the first completion date stays while done, cleared when reopened. */
function taskStateColumns(task: Pick<PlanTaskTable, 'completed_at'>, next: TaskState, now: string) {
  return {
    status: next.status,
    progress: next.progress,
    updated_at: now,
    completed_at: next.status === 'done' ? (task.completed_at ?? now) : null,
  };
}

/** Applies the roll-up rule (core/plans/tasks.ts) to `taskId` and every ancestor, in the caller's transaction. */
export async function rollUpFrom(tx: Tx, actor: Actor, taskId: string | null): Promise<void> {
  let id = taskId;
  const seen = new Set<string>();
  while (id && !seen.has(id)) {
    seen.add(id);
    const task = await findTaskRow(tx, id);
    if (!task) return;
    const children = await tx
      .selectFrom('plan_task')
      .select(['status', 'progress'])
      .where('parent_task_id', '=', id)
      .execute();
    const next = rollUp(children.map((c) => ({ status: c.status as TaskStatus, progress: c.progress })));
    if (next && (next.status !== task.status || next.progress !== task.progress)) {
      const now = nowIso();
      const cols = taskStateColumns(task, next, now);
      await tx.updateTable('plan_task').set(cols).where('id', '=', id).execute();
      await recordAudit(tx, actor, {
        action: 'rollup',
        entityType: 'plan_task',
        entityId: id,
        unitId: task.unit_id,
        before: { status: task.status, progress: task.progress },
        after: { status: next.status, progress: next.progress },
      });
    }
    id = task.parent_task_id;
  }
}

export function reportProgress(
  db: Db,
  actor: Actor,
  taskId: string,
  body: { progress?: number; status?: TaskStatus; note?: string },
) {
  return inTransaction(db, async (tx) => {
    const { task: before, plan } = await loadTaskAndPlan(tx, taskId);
    rule(() => planTransition(plan.status, 'progress'));
    await lockChain(tx, before.parent_task_id);
    const task = (await findTaskRow(tx, taskId)) ?? before;
    const children = await tx.selectFrom('plan_task').select('id').where('parent_task_id', '=', taskId).execute();
    if (children.length > 0) {
      throw conflict(
        `The progress of this task is rolled up from the ${children.length} lower units it was assigned to; update their tasks instead`,
        ['progress'],
      );
    }
    const next: TaskState = rule(() =>
      applyProgress({ status: task.status as TaskStatus, progress: task.progress }, body),
    );
    const now = nowIso();
    const cols = taskStateColumns(task, next, now);
    await tx.updateTable('plan_task').set(cols).where('id', '=', taskId).execute();
    await tx
      .insertInto('plan_task_comment')
      .values({
        id: randomUUID(),
        task_id: taskId,
        author_id: actor.kind === 'user' ? actor.userId : null,
        author_name: actorName(actor),
        body: body.note?.trim() ?? '',
        progress: next.progress,
        status: next.status,
        created_at: now,
      })
      .execute();
    await recordAudit(tx, actor, {
      action: 'progress',
      entityType: 'plan_task',
      entityId: taskId,
      unitId: task.unit_id,
      before: { status: task.status, progress: task.progress },
      after: { ...next, note: body.note ?? null },
    });
    await rollUpFrom(tx, actor, task.parent_task_id);
  });
}

export function addComment(db: Db, actor: Actor, taskId: string, body: string) {
  return inTransaction(db, async (tx) => {
    const { task } = await loadTaskAndPlan(tx, taskId);
    const text = body.trim();
    if (!text) throw new InputError('The comment is empty', { path: ['body'] }, 'empty_comment');
    const row = {
      id: randomUUID(),
      task_id: taskId,
      author_id: actor.kind === 'user' ? actor.userId : null,
      author_name: actorName(actor),
      body: text,
      progress: null,
      status: null,
      created_at: nowIso(),
    };
    await tx.insertInto('plan_task_comment').values(row).execute();
    await recordAudit(tx, actor, {
      action: 'comment',
      entityType: 'plan_task',
      entityId: taskId,
      unitId: task.unit_id,
      after: { commentId: row.id, body: text },
    });
    return row;
  });
}

export function addEvidence(
  db: Db,
  actor: Actor,
  taskId: string,
  files: readonly UploadedFile[],
): Promise<StoredFileMeta[]> {
  return inTransaction(db, async (tx) => {
    const { task, plan } = await loadTaskAndPlan(tx, taskId);
    rule(() => planTransition(plan.status, 'progress'));
    if (files.length === 0) throw new InputError('No file was sent (form field "file")', { path: ['file'] }, 'no_file');
    const out: StoredFileMeta[] = [];
    for (const file of files) {
      out.push(
        await storeFile(tx, actor, {
          ownerType: EVIDENCE_OWNER,
          ownerId: taskId,
          unitId: task.unit_id,
          file,
          limits: FILE_LIMITS.evidence,
        }),
      );
    }
    await tx.updateTable('plan_task').set({ updated_at: nowIso() }).where('id', '=', taskId).execute();
    return out;
  });
}

/**
 * Cascade (giao nhiệm vụ xuống cấp dưới): a child task per lower unit, in that unit's plan for the same
 * year — a draft plan citing this one is created when the unit has none. Units must lie strictly below
 * the task's unit; a unit that already has a child of this task is refused (409). The parent's state is
 * rolled up from the new children at once.
 */
export function cascadeTask(
  db: Db,
  actor: Actor,
  taskId: string,
  body: { unitIds: string[]; dueDate?: string | null; note?: string },
) {
  return inTransaction(db, async (tx) => {
    const { task, plan } = await loadTaskAndPlan(tx, taskId);
    rule(() => planTransition(plan.status, 'addTask'));
    await lockChain(tx, taskId);
    const owner = await unitRef(tx, task.unit_id);
    const units = await unitRefs(tx, body.unitIds);
    const unique = [...new Set(body.unitIds)];
    const existing = await tx.selectFrom('plan_task').select('unit_id').where('parent_task_id', '=', taskId).execute();
    unique.forEach((id, i) => {
      const u = units.get(id);
      if (!u) throw new InputError(`Unit ${id} does not exist`, { path: ['unitIds', i] }, 'unknown_unit');
      if (!owner || !u.path.startsWith(owner.path) || u.path === owner.path) {
        throw new InputError(
          `${u.nameVi} is not below ${owner?.nameVi ?? task.unit_id}; tasks are assigned to lower units only`,
          { path: ['unitIds', i] },
          'not_below',
        );
      }
      if (existing.some((e) => e.unit_id === id))
        throw conflict(`This task is already assigned to ${u.nameVi}`, ['unitIds', i]);
    });
    const dueDate = body.dueDate === undefined || body.dueDate === null ? task.due_date : body.dueDate;
    if (dueDate && task.start_date && dueDate < task.start_date) {
      throw new InputError(
        `The deadline ${dueDate} is before the task's start ${task.start_date}`,
        { path: ['dueDate'] },
        'invalid_task',
      );
    }
    // One query for the units' plans of that year, one insert for the child tasks: cascading to the 104
    // communes of a province is a few statements, not a few per commune. Missing plans are created first.
    const plans = new Map(
      (
        await tx.selectFrom('plan').selectAll().where('year', '=', plan.year).where('unit_id', 'in', unique).execute()
      ).map((p) => [p.unit_id, p]),
    );
    for (const id of unique) {
      if (!plans.has(id))
        plans.set(id, await insertPlan(tx, actor, { unitId: id, year: plan.year, parentPlanId: plan.id }));
      const p = plans.get(id) as PlanTable;
      if (!planAllows(p.status, 'addTask'))
        throw conflict(
          `The ${plan.year} plan of ${units.get(id)?.nameVi ?? id} is closed; no task can be added to it`,
          ['unitIds', unique.indexOf(id)],
        );
    }
    const planIds = [...plans.values()].map((p) => p.id);
    const maxes = await tx
      .selectFrom('plan_task')
      .select(['plan_id', (eb) => eb.fn.max('position').as('m')])
      .where('plan_id', 'in', planIds)
      .groupBy('plan_id')
      .execute();
    const next = new Map(maxes.map((m) => [m.plan_id, Number(m.m ?? 0)]));
    const now = nowIso();
    const description = [task.description, body.note?.trim()].filter(Boolean).join('\n');
    const created: PlanTaskTable[] = unique.map((id) => {
      const p = plans.get(id) as PlanTable;
      const position = (next.get(p.id) ?? 0) + 1;
      next.set(p.id, position);
      return {
        id: randomUUID(),
        plan_id: p.id,
        unit_id: id,
        position,
        title: task.title,
        description,
        dimension: task.dimension,
        subdimension: task.subdimension,
        indicator: task.indicator,
        lead_unit_id: id,
        lead_unit_name: agencyName(units.get(id)),
        cooperating_json: '[]',
        start_date: task.start_date,
        due_date: dueDate,
        expected_output: task.expected_output,
        status: 'not_started',
        progress: 0,
        parent_task_id: taskId,
        library_key: task.library_key,
        completed_at: null,
        created_at: now,
        updated_at: now,
      };
    });
    await insertTaskRows(tx, actor, created);
    await recordAudit(tx, actor, {
      action: 'cascade',
      entityType: 'plan_task',
      entityId: taskId,
      unitId: task.unit_id,
      after: { children: created.map((c) => ({ id: c.id, unitId: c.unit_id, planId: c.plan_id })) },
    });
    await rollUpFrom(tx, actor, taskId);
    return created;
  });
}

// ---------- reports ----------

async function prefillLines(tx: Tx, report: Pick<PlanReportTable, 'id' | 'unit_id' | 'plan_id'>) {
  const old = await tx
    .selectFrom('plan_report_task')
    .selectAll()
    .where('report_id', '=', report.id)
    .where('unit_id', '=', report.unit_id)
    .execute();
  await tx
    .deleteFrom('plan_report_task')
    .where('report_id', '=', report.id)
    .where('unit_id', '=', report.unit_id)
    .execute();
  if (!report.plan_id) return;
  const tasks = await planTaskRows(tx, report.plan_id);
  if (tasks.length === 0) return;
  await tx
    .insertInto('plan_report_task')
    .values(
      tasks.map((tk) => ({
        report_id: report.id,
        task_id: tk.id,
        unit_id: report.unit_id,
        position: tk.position,
        title: tk.title,
        dimension: tk.dimension,
        status: tk.status,
        progress: tk.progress,
        due_date: tk.due_date,
        note: old.find((o) => o.task_id === tk.id)?.note ?? '',
      })),
    )
    .execute();
}

export function createReport(db: Db, actor: Actor, input: { unitId: string; period: string }) {
  return inTransaction(db, async (tx) => {
    const period = rule(() => parsePeriod(input.period));
    const unit = await requireUnit(tx, input.unitId, ['unitId']);
    const dup = await tx
      .selectFrom('plan_report')
      .select('id')
      .where('unit_id', '=', unit.id)
      .where('period', '=', period.id)
      .executeTakeFirst();
    if (dup) throw conflict(`${unit.nameVi} already has a report for ${period.id}`, ['period']);
    const plan = await findPlanByUnitYear(tx, unit.id, period.year);
    const now = nowIso();
    const row: PlanReportTable = {
      id: randomUUID(),
      unit_id: unit.id,
      plan_id: plan?.id ?? null,
      period: period.id,
      year: period.year,
      status: 'draft',
      summary: '',
      proposals: '',
      due_date: submissionDeadline(period, unit.level),
      submitted_at: null,
      submitted_by: null,
      decided_at: null,
      decided_by: null,
      return_reason: null,
      consolidated_at: null,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('plan_report').values(row).execute();
    await tx
      .insertInto('plan_report_section')
      .values(ALL_DIMENSIONS.map((dimension) => ({ report_id: row.id, dimension, narrative: '' })))
      .execute();
    await prefillLines(tx, row);
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'plan_report',
      entityId: row.id,
      unitId: unit.id,
      after: row,
    });
    return row;
  });
}

async function loadReport(tx: Tx, reportId: string) {
  const r = await findReportRow(tx, reportId);
  if (!r) throw notFound('Report');
  return r;
}

async function writeReportText(
  tx: Tx,
  reportId: string,
  body: { summary?: string; proposals?: string; sections?: { dimension: number; narrative: string }[] },
) {
  const cols: Partial<PlanReportTable> = { updated_at: nowIso() };
  if (body.summary !== undefined) cols.summary = body.summary;
  if (body.proposals !== undefined) cols.proposals = body.proposals;
  await tx.updateTable('plan_report').set(cols).where('id', '=', reportId).execute();
  for (const s of body.sections ?? []) {
    await tx
      .updateTable('plan_report_section')
      .set({ narrative: s.narrative })
      .where('report_id', '=', reportId)
      .where('dimension', '=', s.dimension)
      .execute();
  }
  return cols;
}

export function updateReport(
  db: Db,
  actor: Actor,
  reportId: string,
  body: {
    summary?: string;
    proposals?: string;
    sections?: { dimension: number; narrative: string }[];
    tasks?: { taskId: string; note?: string }[];
  },
) {
  return inTransaction(db, async (tx) => {
    const r = await loadReport(tx, reportId);
    rule(() => reportTransition(r.status, 'edit'));
    const cols = await writeReportText(tx, reportId, body);
    for (const [i, line] of (body.tasks ?? []).entries()) {
      if (line.note === undefined) continue;
      const res = await tx
        .updateTable('plan_report_task')
        .set({ note: line.note })
        .where('report_id', '=', reportId)
        .where('task_id', '=', line.taskId)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0)
        throw new InputError(
          `Task ${line.taskId} is not in this report`,
          { path: ['tasks', i, 'taskId'] },
          'unknown_task',
        );
    }
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'plan_report',
      entityId: reportId,
      unitId: r.unit_id,
      before: { summary: r.summary, proposals: r.proposals },
      after: { ...body, ...cols },
    });
  });
}

export function refreshReport(db: Db, actor: Actor, reportId: string) {
  return inTransaction(db, async (tx) => {
    const r = await loadReport(tx, reportId);
    rule(() => reportTransition(r.status, 'edit'));
    const plan = r.plan_id ? null : await findPlanByUnitYear(tx, r.unit_id, r.year);
    if (plan) await tx.updateTable('plan_report').set({ plan_id: plan.id }).where('id', '=', reportId).execute();
    await prefillLines(tx, { ...r, plan_id: r.plan_id ?? plan?.id ?? null });
    await tx.updateTable('plan_report').set({ updated_at: nowIso() }).where('id', '=', reportId).execute();
    await recordAudit(tx, actor, {
      action: 'refresh',
      entityType: 'plan_report',
      entityId: reportId,
      unitId: r.unit_id,
    });
  });
}

/** A report changes state (nộp, trả lại, duyệt): write its columns, add the history event, audit the change. */
async function moveReport(
  tx: Tx,
  actor: Actor,
  r: PlanReportTable,
  action: string,
  cols: Partial<PlanReportTable>,
  reason: string | null,
): Promise<void> {
  await tx.updateTable('plan_report').set(cols).where('id', '=', r.id).execute();
  await reportEvent(tx, actor, r.id, action, reason);
  await recordAudit(tx, actor, {
    action,
    entityType: 'plan_report',
    entityId: r.id,
    unitId: r.unit_id,
    before: { status: r.status },
    after: cols,
  });
}

async function reportEvent(tx: Tx, actor: Actor, reportId: string, action: string, reason: string | null) {
  await tx
    .insertInto('plan_report_event')
    .values({
      id: randomUUID(),
      report_id: reportId,
      at: nowIso(),
      actor_id: actor.kind === 'user' ? actor.userId : null,
      actor_name: actorName(actor),
      action,
      reason,
    })
    .execute();
}

/** Submits (gửi) the report: task lines are refreshed from the tasks, then the report is locked. */
export function submitReport(db: Db, actor: Actor, reportId: string) {
  return inTransaction(db, async (tx) => {
    const r = await loadReport(tx, reportId);
    const status = rule(() => reportTransition(r.status, 'submit', { summary: r.summary }));
    await prefillLines(tx, r);
    const now = nowIso();
    const cols = {
      status,
      submitted_at: now,
      submitted_by: actorName(actor),
      decided_at: null,
      decided_by: null,
      updated_at: now,
    };
    await moveReport(tx, actor, r, 'submit', cols, null);
  });
}

export function decideReport(db: Db, actor: Actor, reportId: string, decision: 'return' | 'approve', reason?: string) {
  return inTransaction(db, async (tx) => {
    const r = await loadReport(tx, reportId);
    const status = rule(() => reportTransition(r.status, decision, { reason: reason ?? null }));
    const now = nowIso();
    const cols = {
      status,
      decided_at: now,
      decided_by: actorName(actor),
      return_reason: decision === 'return' ? (reason ?? '').trim() : r.return_reason,
      updated_at: now,
    };
    await moveReport(tx, actor, r, decision, cols, decision === 'return' ? (reason ?? '').trim() : null);
  });
}

/**
 * Consolidation (tổng hợp): merges the approved reports of the direct lower units for the same period
 * that were not merged before — narratives per dimension, summary and proposals (core mergeReports),
 * and their task lines (keeping each line's unit). Refused (409) when there is nothing new to merge.
 */
export function consolidateReport(db: Db, actor: Actor, reportId: string) {
  return inTransaction(db, async (tx) => {
    const r = await loadReport(tx, reportId);
    rule(() => reportTransition(r.status, 'consolidate'));
    const merged = await tx
      .selectFrom('plan_report_source')
      .select('child_report_id')
      .where('report_id', '=', reportId)
      .execute();
    const children = await tx
      .selectFrom('plan_report')
      .innerJoin('unit', 'unit.id', 'plan_report.unit_id')
      .selectAll('plan_report')
      .select(['unit.name_vi'])
      .where('unit.parent_id', '=', r.unit_id)
      .where('plan_report.period', '=', r.period)
      .where('plan_report.status', '=', 'approved')
      .execute();
    const fresh = children
      .filter((c) => !merged.some((m) => m.child_report_id === c.id))
      .sort((a, b) => a.name_vi.localeCompare(b.name_vi, 'vi'));
    if (fresh.length === 0)
      throw conflict('No approved reports of lower units are waiting to be consolidated for this period');
    const own = await tx
      .selectFrom('plan_report_section')
      .select(['dimension', 'narrative'])
      .where('report_id', '=', reportId)
      .execute();
    const inputs = [];
    for (const c of fresh) {
      const sections = await tx
        .selectFrom('plan_report_section')
        .select(['dimension', 'narrative'])
        .where('report_id', '=', c.id)
        .execute();
      inputs.push({ unitName: c.name_vi, summary: c.summary, proposals: c.proposals, sections });
    }
    const result = mergeReports({ summary: r.summary, proposals: r.proposals, sections: own }, inputs);
    const now = nowIso();
    await writeReportText(tx, reportId, result);
    const maxPos = await tx
      .selectFrom('plan_report_task')
      .select((eb) => eb.fn.max('position').as('m'))
      .where('report_id', '=', reportId)
      .executeTakeFirst();
    let position = Number(maxPos?.m ?? 0);
    for (const c of fresh) {
      const lines = await tx
        .selectFrom('plan_report_task')
        .selectAll()
        .where('report_id', '=', c.id)
        .orderBy('position')
        .execute();
      const present = await tx
        .selectFrom('plan_report_task')
        .select('task_id')
        .where('report_id', '=', reportId)
        .execute();
      const add = lines.filter((l) => !present.some((p) => p.task_id === l.task_id));
      if (add.length)
        await tx
          .insertInto('plan_report_task')
          .values(add.map((l) => ({ ...l, report_id: reportId, position: ++position })))
          .execute();
      await tx
        .insertInto('plan_report_source')
        .values({ report_id: reportId, child_report_id: c.id, merged_at: now })
        .execute();
    }
    await tx
      .updateTable('plan_report')
      .set({ consolidated_at: now, updated_at: now })
      .where('id', '=', reportId)
      .execute();
    await reportEvent(tx, actor, reportId, 'consolidate', null);
    await recordAudit(tx, actor, {
      action: 'consolidate',
      entityType: 'plan_report',
      entityId: reportId,
      unitId: r.unit_id,
      after: { children: fresh.map((c) => c.id) },
    });
  });
}
