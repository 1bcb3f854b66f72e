/**
 * Reads of the plans module, as plain typed objects (DTO shapes of schemas.ts). Authorisation and
 * scoping are the callers' job (routes: server/policies; documents and reminders: their own checks).
 */
import type { Kysely } from 'kysely';
import type { CitedPlan, PlanDocumentData } from '../../core/documents/plan.js';
import { periodPhrase, type ReportDocumentData } from '../../core/documents/report.js';
import { type Lang, t } from '../../core/i18n/index.js';
import { addDays, parsePeriod, submissionDeadline, timeliness, vietnamDateOf } from '../../core/plans/periods.js';
import { completeness } from '../../core/plans/reports.js';
import { isOverdue } from '../../core/plans/tasks.js';
import type { Database } from '../db/schema.js';
import { listFiles, type StoredFileMeta } from '../files/index.js';
import { type Reach, unitIdInReach } from '../policies/scope.js';
import type {
  Cooperating,
  PlanDetail,
  PlanRef,
  PlanSummary,
  ReportDetail,
  ReportSummary,
  Task,
  TaskComment,
  TaskDetail,
  UnitRef,
} from './schemas.js';
import type { PlanReportTable, PlanTable, PlanTaskTable } from './tables.js';

type Db = Kysely<Database>;

export const EVIDENCE_OWNER = 'plan_task';

export const parseJsonArray = <T>(text: string): T[] => {
  const v = JSON.parse(text) as unknown;
  return Array.isArray(v) ? (v as T[]) : [];
};

// ---------- units ----------

export async function unitRefs(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, UnitRef & { path: string; parentId: string | null }>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, UnitRef & { path: string; parentId: string | null }>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('unit')
      .select(['id', 'name_vi', 'name_en', 'unit_type', 'level', 'path', 'parent_id'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      out.set(r.id, {
        id: r.id,
        nameVi: r.name_vi,
        nameEn: r.name_en,
        unitType: r.unit_type,
        level: r.level,
        path: r.path,
        parentId: r.parent_id,
      });
    }
  }
  return out;
}

export async function unitRef(db: Db, id: string) {
  return (await unitRefs(db, [id])).get(id);
}

const plainUnit = (u: UnitRef): UnitRef => ({
  id: u.id,
  nameVi: u.nameVi,
  nameEn: u.nameEn,
  unitType: u.unitType,
  level: u.level,
});

// ---------- plans ----------

export const findPlanRow = (db: Db, id: string): Promise<PlanTable | undefined> =>
  db.selectFrom('plan').selectAll().where('id', '=', id).executeTakeFirst();

export const findPlanByUnitYear = (db: Db, unitId: string, year: number): Promise<PlanTable | undefined> =>
  db.selectFrom('plan').selectAll().where('unit_id', '=', unitId).where('year', '=', year).executeTakeFirst();

export function presentPlanRef(p: PlanTable): PlanRef {
  return {
    id: p.id,
    unitId: p.unit_id,
    year: p.year,
    status: p.status as PlanRef['status'],
    title: p.title,
    number: p.number,
    symbol: p.symbol,
    issuedDate: p.issued_date,
    issuingBody: p.issuing_body,
  };
}

interface TaskStats {
  taskCount: number;
  doneCount: number;
  overdueCount: number;
  progress: number;
}

function statsOf(tasks: readonly Pick<PlanTaskTable, 'status' | 'progress' | 'due_date'>[], today: string): TaskStats {
  const counted = tasks.filter((t) => t.status !== 'cancelled');
  return {
    taskCount: tasks.length,
    doneCount: tasks.filter((t) => t.status === 'done').length,
    overdueCount: tasks.filter((t) => isOverdue({ status: t.status, dueDate: t.due_date }, today)).length,
    progress: counted.length ? Math.round(counted.reduce((s, t) => s + t.progress, 0) / counted.length) : 0,
  };
}

/** Plans with their unit and task statistics, in the given order. */
export async function presentPlanSummaries(db: Db, plans: readonly PlanTable[], today: string): Promise<PlanSummary[]> {
  if (plans.length === 0) return [];
  const units = await unitRefs(
    db,
    plans.map((p) => p.unit_id),
  );
  const tasks = await db
    .selectFrom('plan_task')
    .select(['plan_id', 'status', 'progress', 'due_date'])
    .where(
      'plan_id',
      'in',
      plans.map((p) => p.id),
    )
    .execute();
  const byPlan = new Map<string, typeof tasks>();
  for (const t of tasks) byPlan.set(t.plan_id, [...(byPlan.get(t.plan_id) ?? []), t]);
  return plans.map((p) => {
    const unit = units.get(p.unit_id);
    return {
      ...presentPlanRef(p),
      unit: unit ? plainUnit(unit) : { id: p.unit_id, nameVi: p.unit_id, nameEn: p.unit_id, unitType: '', level: 0 },
      version: p.version,
      ...statsOf(byPlan.get(p.id) ?? [], today),
      updatedAt: p.updated_at,
    };
  });
}

/** Tasks as DTOs, with unit names, child counts and overdue flags. */
export async function presentTasks(db: Db, rows: readonly PlanTaskTable[], today: string): Promise<Task[]> {
  if (rows.length === 0) return [];
  const units = await unitRefs(
    db,
    rows.map((r) => r.unit_id),
  );
  const counts = new Map<string, number>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const c = await db
      .selectFrom('plan_task')
      .select(['parent_task_id', db.fn.countAll<string | number>().as('n')])
      .where('parent_task_id', 'in', ids.slice(i, i + 500))
      .groupBy('parent_task_id')
      .execute();
    for (const r of c) if (r.parent_task_id) counts.set(r.parent_task_id, Number(r.n));
  }
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    unitId: r.unit_id,
    unitNameVi: units.get(r.unit_id)?.nameVi ?? r.unit_id,
    unitNameEn: units.get(r.unit_id)?.nameEn ?? r.unit_id,
    position: r.position,
    title: r.title,
    description: r.description,
    dimension: r.dimension,
    subdimension: r.subdimension,
    indicator: r.indicator,
    leadUnitId: r.lead_unit_id,
    leadUnitName: r.lead_unit_name,
    cooperating: parseJsonArray<Cooperating>(r.cooperating_json),
    startDate: r.start_date,
    dueDate: r.due_date,
    expectedOutput: r.expected_output,
    status: r.status as Task['status'],
    progress: r.progress,
    overdue: isOverdue({ status: r.status, dueDate: r.due_date }, today),
    parentTaskId: r.parent_task_id,
    childCount: counts.get(r.id) ?? 0,
    libraryKey: r.library_key,
    completedAt: r.completed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export const planTaskRows = (db: Db, planId: string): Promise<PlanTaskTable[]> =>
  db.selectFrom('plan_task').selectAll().where('plan_id', '=', planId).orderBy('position').orderBy('id').execute();

export const findTaskRow = (db: Db, id: string): Promise<PlanTaskTable | undefined> =>
  db.selectFrom('plan_task').selectAll().where('id', '=', id).executeTakeFirst();

/** A plan's content per dimension (nội dung theo lĩnh vực), in dimension order. */
function planSections(db: Db, planId: string) {
  return db
    .selectFrom('plan_section')
    .select(['dimension', 'content'])
    .where('plan_id', '=', planId)
    .orderBy('dimension')
    .execute();
}

/** A plan's targets (chỉ tiêu), in the order the plan lists them. */
function planTargets(db: Db, planId: string) {
  return db.selectFrom('plan_target').selectAll().where('plan_id', '=', planId).orderBy('position').execute();
}

/** An evidence file (minh chứng) as the API shows it: no owner ids or uploader, those stay server-side. */
export function presentEvidence(f: StoredFileMeta) {
  return {
    id: f.id,
    filename: f.filename,
    mediaType: f.mediaType,
    size: f.size,
    sha256: f.sha256,
    createdAt: f.createdAt,
  };
}

/** The whole plan as the API returns it (canEdit is the route's to set). */
export async function loadPlanDetail(
  db: Db,
  planId: string,
  today: string,
): Promise<Omit<PlanDetail, 'canEdit'> | undefined> {
  const p = await findPlanRow(db, planId);
  if (!p) return undefined;
  const [summary] = await presentPlanSummaries(db, [p], today);
  const parent = p.parent_plan_id ? await findPlanRow(db, p.parent_plan_id) : undefined;
  const parentUnit = parent ? await unitRef(db, parent.unit_id) : undefined;
  const sections = await planSections(db, planId);
  const targets = await planTargets(db, planId);
  const versions = await db
    .selectFrom('plan_version')
    .select(['version', 'status', 'reason', 'created_by', 'created_at'])
    .where('plan_id', '=', planId)
    .orderBy('version')
    .execute();
  const tasks = await presentTasks(db, await planTaskRows(db, planId), today);
  return {
    ...(summary as PlanSummary),
    place: p.place,
    signerName: p.signer_name,
    signerTitle: p.signer_title,
    parentPlan: parent && parentUnit ? { ...presentPlanRef(parent), unit: plainUnit(parentUnit) } : null,
    basis: parseJsonArray<string>(p.basis_json),
    purpose: p.purpose,
    requirements: p.requirements,
    communication: p.communication,
    inspection: p.inspection,
    organisation: p.organisation,
    recipients: parseJsonArray<string>(p.recipients_json),
    sections,
    targets: targets.map((t) => ({
      id: t.id,
      position: t.position,
      dimension: t.dimension,
      kind: t.kind,
      comparator: t.comparator,
      value: t.value,
      group: t.group_name,
      note: t.note,
    })),
    tasks,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      reason: v.reason,
      createdBy: v.created_by,
      createdAt: v.created_at,
    })),
    createdAt: p.created_at,
    issuedAt: p.issued_at,
    closedAt: p.closed_at,
  };
}

export async function loadTaskDetail(
  db: Db,
  taskId: string,
  today: string,
): Promise<Omit<TaskDetail, 'canEdit'> | undefined> {
  const row = await findTaskRow(db, taskId);
  if (!row) return undefined;
  const plan = await findPlanRow(db, row.plan_id);
  if (!plan) return undefined;
  const parentRow = row.parent_task_id ? await findTaskRow(db, row.parent_task_id) : undefined;
  const childRows = await db
    .selectFrom('plan_task')
    .selectAll()
    .where('parent_task_id', '=', taskId)
    .orderBy('unit_id')
    .execute();
  const [task, parent, ...children] = await presentTasks(db, [row, ...(parentRow ? [parentRow] : [])], today).then(
    async (a) => [a[0], parentRow ? a[1] : null, ...(await presentTasks(db, childRows, today))] as const,
  );
  const comments = await db
    .selectFrom('plan_task_comment')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const evidence = await listFiles(db, EVIDENCE_OWNER, taskId);
  return {
    ...(task as Task),
    plan: presentPlanRef(plan),
    parent: parent ?? null,
    children: children as Task[],
    comments: comments.map(
      (c): TaskComment => ({
        id: c.id,
        authorName: c.author_name,
        body: c.body,
        progress: c.progress,
        status: c.status,
        createdAt: c.created_at,
      }),
    ),
    evidence: evidence.map(presentEvidence),
  };
}

// ---------- reports ----------

export const findReportRow = (db: Db, id: string): Promise<PlanReportTable | undefined> =>
  db.selectFrom('plan_report').selectAll().where('id', '=', id).executeTakeFirst();

export async function presentReportSummaries(
  db: Db,
  rows: readonly PlanReportTable[],
  today: string,
): Promise<ReportSummary[]> {
  if (rows.length === 0) return [];
  const units = await unitRefs(
    db,
    rows.map((r) => r.unit_id),
  );
  const sections = await db
    .selectFrom('plan_report_section')
    .select(['report_id', 'dimension', 'narrative'])
    .where(
      'report_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => {
    const unit = units.get(r.unit_id);
    return {
      id: r.id,
      unit: unit ? plainUnit(unit) : { id: r.unit_id, nameVi: r.unit_id, nameEn: r.unit_id, unitType: '', level: 0 },
      planId: r.plan_id,
      period: r.period,
      year: r.year,
      status: r.status as ReportSummary['status'],
      dueDate: r.due_date,
      submittedAt: r.submitted_at,
      decidedAt: r.decided_at,
      returnReason: r.return_reason,
      consolidatedAt: r.consolidated_at,
      timeliness: timeliness(r.due_date, r.submitted_at, today),
      completeness: completeness({ summary: r.summary, sections: sections.filter((s) => s.report_id === r.id) }),
      updatedAt: r.updated_at,
    };
  });
}

export async function loadReportDetail(
  db: Db,
  reportId: string,
  today: string,
): Promise<Omit<ReportDetail, 'canEdit' | 'canDecide'> | undefined> {
  const r = await findReportRow(db, reportId);
  if (!r) return undefined;
  const [summary] = await presentReportSummaries(db, [r], today);
  const sections = await reportSections(db, reportId);
  const lines = await reportTaskLines(db, reportId);
  const events = await db
    .selectFrom('plan_report_event')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const sources = await db
    .selectFrom('plan_report_source')
    .innerJoin('plan_report', 'plan_report.id', 'plan_report_source.child_report_id')
    .select(['plan_report_source.child_report_id', 'plan_report.unit_id', 'plan_report_source.merged_at'])
    .where('plan_report_source.report_id', '=', reportId)
    .execute();
  const units = await unitRefs(db, [...lines.map((l) => l.unit_id), ...sources.map((s) => s.unit_id)]);
  const plan = r.plan_id ? await findPlanRow(db, r.plan_id) : undefined;
  return {
    ...(summary as ReportSummary),
    summary: r.summary,
    proposals: r.proposals,
    sections,
    tasks: lines.map((l) => ({
      taskId: l.task_id,
      unitId: l.unit_id,
      unitNameVi: units.get(l.unit_id)?.nameVi ?? l.unit_id,
      position: l.position,
      title: l.title,
      dimension: l.dimension,
      status: l.status,
      progress: l.progress,
      dueDate: l.due_date,
      note: l.note,
    })),
    events: events.map((e) => ({ at: e.at, actorName: e.actor_name, action: e.action, reason: e.reason })),
    sources: sources.map((s) => ({
      reportId: s.child_report_id,
      unitId: s.unit_id,
      unitNameVi: units.get(s.unit_id)?.nameVi ?? s.unit_id,
      mergedAt: s.merged_at,
    })),
    plan: plan ? presentPlanRef(plan) : null,
  };
}

/** Direct child units (province → communes) that exist on `asOf`. */
export async function childUnits(db: Db, unitId: string, asOf: string) {
  const rows = await db
    .selectFrom('unit')
    .select(['id', 'name_vi', 'name_en', 'unit_type', 'level', 'valid_to', 'valid_from'])
    .where('parent_id', '=', unitId)
    .where('code_system', '!=', 'local')
    .execute();
  return rows
    .filter((r) => (r.valid_to === null || r.valid_to >= asOf) && (r.valid_from === null || r.valid_from <= asOf))
    .map((r) => ({ id: r.id, nameVi: r.name_vi, nameEn: r.name_en, unitType: r.unit_type, level: r.level }))
    .sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi'));
}

/** Timeliness and completeness of the child units' reports for one period. */
export async function reportBoard(db: Db, unitId: string, periodId: string, today: string) {
  const period = parsePeriod(periodId);
  const unit = await unitRef(db, unitId);
  if (!unit) return undefined;
  const children = await childUnits(db, unitId, period.end);
  const reports = children.length
    ? await db
        .selectFrom('plan_report')
        .selectAll()
        .where('period', '=', period.id)
        .where(
          'unit_id',
          'in',
          children.map((c) => c.id),
        )
        .execute()
    : [];
  const summaries = await presentReportSummaries(db, reports, today);
  const rows = children.map((c) => {
    const s = summaries.find((x) => x.unit.id === c.id);
    const due = s?.dueDate ?? submissionDeadline(period, c.level);
    return {
      unit: c,
      reportId: s?.id ?? null,
      status: s?.status ?? ('none' as const),
      dueDate: due,
      submittedAt: s?.submittedAt ?? null,
      timeliness: timeliness(due, s?.submittedAt ?? null, today),
      completeness: s?.completeness.percent ?? 0,
    };
  });
  const count = (k: string) => rows.filter((r) => r.timeliness === k).length;
  return {
    unit: plainUnit(unit),
    period: { ...period, dueDate: submissionDeadline(period, unit.level) },
    today,
    rows,
    totals: {
      units: rows.length,
      onTime: count('on_time'),
      late: count('late'),
      missing: count('missing'),
      pending: count('pending'),
      approved: rows.filter((r) => r.status === 'approved').length,
    },
  };
}

// ---------- seams for documents (H2) and reminders ----------

const cited = (p: PlanTable, unit: { nameVi: string; unitType: string } | undefined): CitedPlan => ({
  number: p.number,
  symbol: p.symbol,
  issuedDate: p.issued_date,
  issuingBody: unit
    ? `Ủy ban nhân dân ${unitTypeWord(unit.unitType)} ${unit.nameVi}`.replace(/\s+/g, ' ')
    : p.issuing_body,
  title: p.title,
});

/** "tỉnh", "xã", "phường"… as the name of a unit is written in running text ("UBND tỉnh Hưng Yên"). */
export function unitTypeWord(type: string): string {
  return (
    (
      {
        province: 'tỉnh',
        centrally_run_city: 'thành phố',
        commune: 'xã',
        ward: 'phường',
        special_zone: 'đặc khu',
        district: 'huyện',
      } as Record<string, string>
    )[type] ?? ''
  );
}

/** The unit named as plans name it: "tỉnh Hưng Yên", "xã Ân Thi" (vi); "Hung Yen province" (en). */
export function unitWithType(unit: { nameVi: string; nameEn: string; unitType: string }) {
  const en = (
    {
      province: 'province',
      centrally_run_city: 'city',
      commune: 'commune',
      ward: 'ward',
      special_zone: 'special zone',
    } as Record<string, string>
  )[unit.unitType];
  return {
    nameVi: `${unitTypeWord(unit.unitType)} ${unit.nameVi}`.trim(),
    nameEn: en ? `${unit.nameEn} ${en}` : unit.nameEn,
  };
}

async function documentUnit(db: Db, unitId: string) {
  const u = await db
    .selectFrom('unit')
    .select(['name_vi', 'full_name_vi', 'unit_type', 'parent_id'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  return { nameVi: u?.name_vi ?? unitId, fullNameVi: u?.full_name_vi ?? unitId, unitType: u?.unit_type ?? '' };
}

/** A whole plan for the DOCX/PDF/XLSX exports (core/documents PlanDocumentData). */
export async function loadPlanDocumentData(db: Db, planId: string): Promise<PlanDocumentData | undefined> {
  const p = await findPlanRow(db, planId);
  if (!p) return undefined;
  const unit = await documentUnit(db, p.unit_id);
  const parent = p.parent_plan_id ? await findPlanRow(db, p.parent_plan_id) : undefined;
  const parentUnit = parent ? await documentUnit(db, parent.unit_id) : undefined;
  const sections = await planSections(db, planId);
  const targets = await planTargets(db, planId);
  const tasks = await planTaskRows(db, planId);
  return {
    unit,
    issuingBody: p.issuing_body,
    place: p.place,
    year: p.year,
    number: p.number,
    symbol: p.symbol,
    issuedDate: p.issued_date,
    title: p.title,
    parentPlan: parent ? cited(parent, parentUnit) : null,
    basis: parseJsonArray<string>(p.basis_json),
    purpose: p.purpose,
    requirements: p.requirements,
    targets: targets.map((t) => ({
      dimension: t.dimension,
      kind: t.kind,
      comparator: t.comparator,
      value: t.value,
      groupName: t.group_name,
      note: t.note,
    })),
    sections: sections.filter((s) => s.content.trim() !== ''),
    communication: p.communication,
    inspection: p.inspection,
    organisation: p.organisation,
    recipients: parseJsonArray<string>(p.recipients_json),
    signer: { title: p.signer_title ?? '', name: p.signer_name ?? '' },
    tasks: tasks.map((t) => ({
      position: t.position,
      title: t.title,
      dimension: t.dimension,
      leadUnit: t.lead_unit_name,
      cooperatingUnits: parseJsonArray<Cooperating>(t.cooperating_json).map((c) => c.name),
      startDate: t.start_date,
      dueDate: t.due_date,
      expectedOutput: t.expected_output,
    })),
  };
}

/** A report's narrative per dimension (phần thuyết minh), in dimension order. */
function reportSections(db: Db, reportId: string) {
  return db
    .selectFrom('plan_report_section')
    .select(['dimension', 'narrative'])
    .where('report_id', '=', reportId)
    .orderBy('dimension')
    .execute();
}

/** A report's task lines (the snapshot of each task's progress), in the order the report lists them. */
function reportTaskLines(db: Db, reportId: string) {
  return db
    .selectFrom('plan_report_task')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('position')
    .orderBy('task_id')
    .execute();
}

/** A whole report for the DOCX/PDF exports (core/documents ReportDocumentData). */
export async function loadReportDocumentData(db: Db, reportId: string): Promise<ReportDocumentData | undefined> {
  const r = await findReportRow(db, reportId);
  if (!r) return undefined;
  const unit = await documentUnit(db, r.unit_id);
  const plan = r.plan_id ? await findPlanRow(db, r.plan_id) : undefined;
  const sections = await reportSections(db, reportId);
  const lines = await reportTaskLines(db, reportId);
  const units = await unitRefs(
    db,
    lines.map((l) => l.unit_id),
  );
  return {
    unit,
    issuingBody: plan?.issuing_body ?? null,
    place: plan?.place ?? null,
    period: r.period,
    date: r.submitted_at ? vietnamDateOf(r.submitted_at) : null,
    plan: plan ? cited(plan, unit) : null,
    summary: r.summary,
    sections,
    tasks: lines.map((l) => ({
      position: l.position,
      title: l.title,
      dimension: l.dimension,
      unitName: units.get(l.unit_id)?.nameVi ?? l.unit_id,
      status: l.status,
      progress: l.progress,
      dueDate: l.due_date,
      note: l.note,
    })),
    proposals: r.proposals,
    recipients: plan ? parseJsonArray<string>(plan.recipients_json) : [],
    signer: { title: plan?.signer_title ?? '', name: plan?.signer_name ?? '' },
  };
}

/** How near a deadline is: at most `withinDays` away (sắp đến hạn) or past (quá hạn). */
export type DueThreshold = 'due_soon' | 'overdue';

export interface DueItem {
  kind: 'task' | 'report';
  id: string;
  /** A task's title; for a report, "Báo cáo <period>" in the reader's language. */
  title: string;
  unitId: string;
  /** The unit's name in the reader's language. */
  unitName: string;
  dueDate: string;
  /** Days from today to the deadline: 0 = today, negative = overdue by that many days. */
  daysLeft: number;
  threshold: DueThreshold;
  /** The plan of a task (to link to it) or of a report. */
  planId: string | null;
  /** The period id of a report; null for a task. */
  period: string | null;
}

/**
 * What is due — the one query behind the reminders list and e-mails: open tasks (not done/cancelled) of
 * plans in force (issued/amended), or assigned from above (cascaded children, whose deadline holds whatever
 * the state of the commune's own plan), plans not closed; and unsubmitted reports (draft/returned) — in a
 * reach of units (unit paths, subtrees included), whose deadline is on or before today + withinDays, overdue
 * ones included, most urgent first (ties by unit and title so the list is stable).
 * Reports not yet created are not listed (the board shows them as missing).
 */
export async function dueItems(
  db: Db,
  reach: Reach,
  q: { today: string; withinDays: number; lang?: Lang },
): Promise<DueItem[]> {
  if (reach !== 'all' && reach.length === 0) return [];
  const horizon = addDays(q.today, q.withinDays);
  const lang = q.lang ?? 'vi';
  const tasks = await db
    .selectFrom('plan_task')
    .innerJoin('plan', 'plan.id', 'plan_task.plan_id')
    .innerJoin('unit', 'unit.id', 'plan_task.unit_id')
    .select([
      'plan_task.id',
      'plan_task.title',
      'plan_task.unit_id',
      'plan_task.due_date',
      'plan_task.plan_id',
      'unit.name_vi',
      'unit.name_en',
    ])
    .where('plan_task.status', 'not in', ['done', 'cancelled'])
    .where('plan_task.due_date', 'is not', null)
    .where('plan_task.due_date', '<=', horizon)
    .where('plan.status', '!=', 'closed')
    // A draft plan's own tasks are proposals; tasks assigned from above hold whatever the plan's state.
    .where((eb) =>
      eb.or([eb('plan.status', 'in', ['issued', 'amended']), eb('plan_task.parent_task_id', 'is not', null)]),
    )
    .where(unitIdInReach(reach, 'plan_task.unit_id'))
    .execute();
  const reports = await db
    .selectFrom('plan_report')
    .innerJoin('unit', 'unit.id', 'plan_report.unit_id')
    .select([
      'plan_report.id',
      'plan_report.period',
      'plan_report.unit_id',
      'plan_report.due_date',
      'plan_report.plan_id',
      'unit.name_vi',
      'unit.name_en',
    ])
    .where('plan_report.status', 'in', ['draft', 'returned'])
    .where('plan_report.due_date', '<=', horizon)
    .where(unitIdInReach(reach, 'plan_report.unit_id'))
    .execute();

  const item = (
    kind: DueItem['kind'],
    r: { id: string; unit_id: string; name_vi: string; name_en: string; plan_id: string | null },
    title: string,
    dueDate: string,
    period: string | null,
  ): DueItem => {
    const daysLeft = daysBetween(q.today, dueDate);
    return {
      kind,
      id: r.id,
      title,
      unitId: r.unit_id,
      unitName: lang === 'en' ? r.name_en : r.name_vi,
      dueDate,
      daysLeft,
      threshold: daysLeft < 0 ? 'overdue' : 'due_soon',
      planId: r.plan_id,
      period,
    };
  };
  const all = [
    ...tasks.map((r) => item('task', r, r.title, r.due_date as string, null)),
    ...reports.map((r) =>
      item(
        'report',
        r,
        t(lang, 'documents:reminders.reportTitle', { period: periodPhraseOrId(r.period, lang) }),
        r.due_date,
        r.period,
      ),
    ),
  ];
  return all.sort(
    (a, b) =>
      a.daysLeft - b.daysLeft || a.unitName.localeCompare(b.unitName, 'vi') || a.title.localeCompare(b.title, 'vi'),
  );
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "quý II năm 2026" for a well-formed period id; the id itself for one the phrase cannot read. */
function periodPhraseOrId(period: string, lang: Lang): string {
  try {
    return periodPhrase(period, lang);
  } catch {
    return period;
  }
}
