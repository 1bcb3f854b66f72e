/**
 * Reading inspection work: plans, inspections with their findings, actions and files, and the DTOs the
 * API returns. Visibility follows the inspected unit (inspection.unit_id); a plan follows its inspecting unit.
 */
import type { Kysely } from 'kysely';
import { type BoardAction, timeliness } from '../../core/inspections/board.js';
import {
  ACTION_MACHINE,
  type ActionStatus,
  eventsFrom,
  FINDING_MACHINE,
  type FindingStatus,
  INSPECTION_MACHINE,
  type InspectionStatus,
  PLAN_MACHINE,
  type PlanStatus,
} from '../../core/inspections/states.js';
import type { Database } from '../db/schema.js';
import { todayIso } from '../db/time.js';
import type { Tx } from '../db/transaction.js';
import { listFiles } from '../files/index.js';
import { type FileDto, presentFile } from '../files/schemas.js';
import type { InspectionFindingTable, InspectionPlanTable, InspectionTable, RemediationActionTable } from './tables.js';

type Db = Kysely<Database> | Tx;

export const OWNER = { inspection: 'inspection', finding: 'inspection_finding', action: 'remediation_action' } as const;

async function unitNames(db: Db, ids: string[]): Promise<Map<string, { vi: string; en: string; path: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit')
    .select(['id', 'name_vi', 'name_en', 'path'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { vi: r.name_vi, en: r.name_en, path: r.path }]));
}
const nameOf = (m: Map<string, { vi: string; en: string }>, id: string) => ({
  vi: m.get(id)?.vi ?? id,
  en: m.get(id)?.en ?? id,
});

export async function findPlan(db: Db, id: string) {
  return db
    .selectFrom('inspection_plan')
    .innerJoin('unit', 'unit.id', 'inspection_plan.unit_id')
    .selectAll('inspection_plan')
    .select('unit.path as unit_path')
    .where('inspection_plan.id', '=', id)
    .executeTakeFirst();
}

export async function findInspection(db: Db, id: string) {
  return db
    .selectFrom('inspection')
    .innerJoin('unit', 'unit.id', 'inspection.unit_id')
    .innerJoin('unit as iu', 'iu.id', 'inspection.inspecting_unit_id')
    .selectAll('inspection')
    .select(['unit.path as unit_path', 'iu.path as inspecting_unit_path'])
    .where('inspection.id', '=', id)
    .executeTakeFirst();
}

export async function findFinding(db: Db, id: string) {
  return db.selectFrom('inspection_finding').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAction(db: Db, id: string) {
  return db.selectFrom('remediation_action').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface PlanDto {
  id: string;
  unitId: string;
  unitNameVi: string;
  unitNameEn: string;
  year: number;
  kind: string;
  title: string;
  scope: string;
  status: string;
  allowedEvents: string[];
  inspections: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export async function presentPlans(db: Db, rows: InspectionPlanTable[]): Promise<PlanDto[]> {
  const names = await unitNames(
    db,
    rows.map((r) => r.unit_id),
  );
  const counts = rows.length
    ? await db
        .selectFrom('inspection')
        .select(['plan_id', (eb) => eb.fn.countAll().as('n')])
        .where(
          'plan_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy('plan_id')
        .execute()
    : [];
  const countOf = new Map(counts.map((c) => [c.plan_id, Number(c.n)]));
  return rows.map((r) => {
    const n = nameOf(names, r.unit_id);
    return {
      id: r.id,
      unitId: r.unit_id,
      unitNameVi: n.vi,
      unitNameEn: n.en,
      year: Number(r.year),
      kind: r.kind,
      title: r.title,
      scope: r.scope,
      status: r.status,
      allowedEvents: eventsFrom(PLAN_MACHINE, r.status as PlanStatus),
      inspections: countOf.get(r.id) ?? 0,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export interface ActionDto {
  id: string;
  findingId: string;
  unitId: string;
  unitNameVi: string;
  unitNameEn: string;
  description: string;
  deadline: string;
  status: string;
  completedOn: string | null;
  completionNote: string | null;
  overdue: boolean;
  allowedEvents: string[];
  files: FileDto[];
}

export interface FindingDto {
  id: string;
  inspectionId: string;
  unitId: string;
  unitNameVi: string;
  unitNameEn: string;
  description: string;
  dimension: string;
  subdimension: string | null;
  indicator: string | null;
  taskId: string | null;
  taskTitle: string | null;
  status: string;
  closedOn: string | null;
  closingNote: string | null;
  timeliness: string;
  allowedEvents: string[];
  actions: ActionDto[];
  files: FileDto[];
}

export interface InspectionDto {
  id: string;
  planId: string | null;
  unitId: string;
  unitNameVi: string;
  unitNameEn: string;
  inspectingUnitId: string;
  inspectingUnitNameVi: string;
  inspectingUnitNameEn: string;
  kind: string;
  scheduledOn: string;
  conductedOn: string | null;
  team: string[];
  scope: string;
  status: string;
  conclusion: string | null;
  reinspectionOf: string | null;
  allowedEvents: string[];
  findingsTotal: number;
  findingsOpen: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface InspectionDetailDto extends InspectionDto {
  findings: FindingDto[];
  files: FileDto[];
}

export async function presentInspections(db: Db, rows: InspectionTable[]): Promise<InspectionDto[]> {
  const names = await unitNames(
    db,
    rows.flatMap((r) => [r.unit_id, r.inspecting_unit_id]),
  );
  const counts = rows.length
    ? await db
        .selectFrom('inspection_finding')
        .select(['inspection_id', 'status', (eb) => eb.fn.countAll().as('n')])
        .where(
          'inspection_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy(['inspection_id', 'status'])
        .execute()
    : [];
  return rows.map((r) => {
    const mine = counts.filter((c) => c.inspection_id === r.id);
    const u = nameOf(names, r.unit_id);
    const iu = nameOf(names, r.inspecting_unit_id);
    return {
      id: r.id,
      planId: r.plan_id,
      unitId: r.unit_id,
      unitNameVi: u.vi,
      unitNameEn: u.en,
      inspectingUnitId: r.inspecting_unit_id,
      inspectingUnitNameVi: iu.vi,
      inspectingUnitNameEn: iu.en,
      kind: r.kind,
      scheduledOn: r.scheduled_on,
      conductedOn: r.conducted_on,
      team: JSON.parse(r.team_json) as string[],
      scope: r.scope,
      status: r.status,
      conclusion: r.conclusion,
      reinspectionOf: r.reinspection_of,
      allowedEvents: eventsFrom(INSPECTION_MACHINE, r.status as InspectionStatus),
      findingsTotal: mine.reduce((s, c) => s + Number(c.n), 0),
      findingsOpen: mine.filter((c) => c.status !== 'closed').reduce((s, c) => s + Number(c.n), 0),
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

const boardActions = (actions: RemediationActionTable[]): BoardAction[] =>
  actions.map((a) => ({ deadline: a.deadline, completedOn: a.status === 'done' ? a.completed_on : null }));

export async function presentFindings(db: Db, findings: InspectionFindingTable[]): Promise<FindingDto[]> {
  const ids = findings.map((f) => f.id);
  const actions = ids.length
    ? await db
        .selectFrom('remediation_action')
        .selectAll()
        .where('finding_id', 'in', ids)
        .orderBy('deadline')
        .orderBy('id')
        .execute()
    : [];
  const taskIds = findings.map((f) => f.task_id).filter((t): t is string => t !== null);
  const tasks = taskIds.length
    ? await db.selectFrom('plan_task').select(['id', 'title']).where('id', 'in', taskIds).execute()
    : [];
  const taskTitle = new Map(tasks.map((t) => [t.id, t.title]));
  const names = await unitNames(db, [...findings.map((f) => f.unit_id), ...actions.map((a) => a.unit_id)]);
  const today = todayIso();
  const out: FindingDto[] = [];
  for (const f of findings) {
    const mine = actions.filter((a) => a.finding_id === f.id);
    const actionDtos: ActionDto[] = [];
    for (const a of mine) {
      const n = nameOf(names, a.unit_id);
      actionDtos.push({
        id: a.id,
        findingId: a.finding_id,
        unitId: a.unit_id,
        unitNameVi: n.vi,
        unitNameEn: n.en,
        description: a.description,
        deadline: a.deadline,
        status: a.status,
        completedOn: a.completed_on,
        completionNote: a.completion_note,
        overdue: a.status !== 'done' && a.deadline < today,
        allowedEvents: eventsFrom(ACTION_MACHINE, a.status as ActionStatus),
        files: (await listFiles(db, OWNER.action, a.id)).map(presentFile),
      });
    }
    const n = nameOf(names, f.unit_id);
    out.push({
      id: f.id,
      inspectionId: f.inspection_id,
      unitId: f.unit_id,
      unitNameVi: n.vi,
      unitNameEn: n.en,
      description: f.description,
      dimension: f.dimension,
      subdimension: f.subdimension,
      indicator: f.indicator,
      taskId: f.task_id,
      taskTitle: f.task_id ? (taskTitle.get(f.task_id) ?? null) : null,
      status: f.status,
      closedOn: f.closed_on,
      closingNote: f.closing_note,
      timeliness: timeliness(boardActions(mine), today),
      allowedEvents: eventsFrom(FINDING_MACHINE, f.status as FindingStatus),
      actions: actionDtos,
      files: (await listFiles(db, OWNER.finding, f.id)).map(presentFile),
    });
  }
  return out;
}

export async function presentInspectionDetail(db: Db, row: InspectionTable): Promise<InspectionDetailDto> {
  const [base] = await presentInspections(db, [row]);
  const findings = await db
    .selectFrom('inspection_finding')
    .selectAll()
    .where('inspection_id', '=', row.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    ...(base as InspectionDto),
    findings: await presentFindings(db, findings),
    files: (await listFiles(db, OWNER.inspection, row.id)).map(presentFile),
  };
}

export { boardActions };
