/**
 * Plans API (server/plans/README.md): plans and their lifecycle, tasks with cascade, progress, comments
 * and evidence, draft from diagnosis, periodic reports with bottom-up approval, consolidation and the
 * timeliness board. Subjects Plan / Task / Report are unit-scoped (server/policies): reads outside reach
 * → 404, writes → 403; invalid transitions → 409.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { draftPlanFromDiagnosis } from '../../core/plans/draft.js';
import { libraryFor, TASK_LIBRARY } from '../../core/plans/library.js';
import { PLAN_STATUSES } from '../../core/plans/lifecycle.js';
import { parsePeriod, periodsOfYear, submissionDeadline } from '../../core/plans/periods.js';
import { REPORT_STATUSES, reportAllows } from '../../core/plans/reports.js';
import { TASK_STATUSES } from '../../core/plans/tasks.js';
import { todayIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { FILE_LIMITS, readMultipart, readStoredFile, sendStoredFile } from '../files/index.js';
import { forbidden, HttpError, notFound } from '../http/errors.js';
import { actorOf, isSystemAdmin, type Principal } from '../policies/principal.js';
import { authorizeUser, can } from '../policies/request.js';
import { scopeToUnits } from '../policies/scope.js';
import { diagnosis as diagnosisOf } from '../scores/queries.js';
import { loadSeries } from '../scores/repository.js';
import {
  addComment,
  addEvidence,
  amendPlan,
  cascadeTask,
  closePlan,
  consolidateReport,
  createPlan,
  createReport,
  createTask,
  createTasks,
  decideReport,
  deleteTask,
  insertPlan,
  issuePlan,
  refreshReport,
  reportProgress,
  rule,
  submitReport,
  updatePlan,
  updateReport,
  updateTask,
} from './commands.js';
import {
  EVIDENCE_OWNER,
  findPlanByUnitYear,
  findPlanRow,
  findReportRow,
  findTaskRow,
  loadPlanDetail,
  loadReportDetail,
  loadTaskDetail,
  presentEvidence,
  presentPlanRef,
  presentPlanSummaries,
  presentReportSummaries,
  presentTasks,
  reportBoard,
  unitRef,
  unitWithType,
} from './repository.js';
import {
  AmendPlanBody,
  CascadeBody,
  CreatePlanBody,
  CreateReportBody,
  EvidenceFile,
  IsoDay,
  IssuePlanBody,
  LibraryItem,
  PeriodId,
  PeriodInfo,
  PlanContentInput,
  PlanDetail,
  PlanProposal,
  PlanSummary,
  ProgressBody,
  ReportBoard,
  ReportDetail,
  ReportSummary,
  Task,
  TaskComment,
  TaskDetail,
  TaskInput,
  UpdateReportBody,
} from './schemas.js';

const Id = z.string().min(1).max(100);
const Year = z.coerce.number().int().min(2000).max(2100);

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;

  const unitPathOf = async (unitId: string) => (await unitRef(db, unitId))?.path ?? '';
  /** The LIKE pattern for a unit and every unit under it (a list filtered by ?unitId=); 404 for an unknown unit. */
  const subtreeOf = async (unitId: string) => {
    const path = await unitPathOf(unitId);
    if (!path) throw notFound('Unit');
    return `${path}%`;
  };
  const canWrite = async (p: Principal | null, subject: 'Plan' | 'Task' | 'Report', unitId: string) =>
    can(p, 'update', subject, { unitPath: await unitPathOf(unitId) });

  async function planOr404(request: FastifyRequest, id: string, action: 'read' | 'update') {
    await authorizeUser(request, action, 'Plan');
    const plan = await findPlanRow(db, id);
    if (!plan) throw notFound('Plan');
    const principal = await authorizeUser(request, action, 'Plan', plan.unit_id);
    return { plan, principal };
  }
  async function taskOr404(request: FastifyRequest, id: string, action: 'read' | 'update') {
    await authorizeUser(request, action, 'Task');
    const task = await findTaskRow(db, id);
    if (!task) throw notFound('Task');
    const principal = await authorizeUser(request, action, 'Task', task.unit_id);
    return { task, principal };
  }
  async function reportOr404(request: FastifyRequest, id: string, action: 'read' | 'update') {
    await authorizeUser(request, action, 'Report');
    const report = await findReportRow(db, id);
    if (!report) throw notFound('Report');
    const principal = await authorizeUser(request, action, 'Report', report.unit_id);
    return { report, principal };
  }
  async function planDetail(request: FastifyRequest, id: string): Promise<PlanDetail> {
    const d = await loadPlanDetail(db, id, todayIso());
    if (!d) throw notFound('Plan');
    return { ...d, canEdit: await canWrite(request.principal, 'Plan', d.unitId) };
  }
  async function taskDetail(request: FastifyRequest, id: string): Promise<TaskDetail> {
    const d = await loadTaskDetail(db, id, todayIso());
    if (!d) throw notFound('Task');
    // The parent sees every child's state; a child unit sees its parent task only when in its reach.
    const parentVisible = d.parent
      ? can(request.principal, 'read', 'Task', { unitPath: await unitPathOf(d.parent.unitId) })
      : false;
    return {
      ...d,
      parent: parentVisible ? d.parent : null,
      canEdit: await canWrite(request.principal, 'Task', d.unitId),
    };
  }
  /** Return/approve: the caller must reach the PARENT of the report's unit (a unit above it). */
  async function canDecide(principal: Principal | null, unitId: string): Promise<boolean> {
    const unit = await unitRef(db, unitId);
    if (!unit) return false;
    if (!unit.parentId) return isSystemAdmin(principal);
    return can(principal, 'update', 'Report', { unitPath: await unitPathOf(unit.parentId) });
  }
  async function reportDetail(request: FastifyRequest, id: string): Promise<ReportDetail> {
    const d = await loadReportDetail(db, id, todayIso());
    if (!d) throw notFound('Report');
    return {
      ...d,
      canEdit: reportAllows(d.status, 'edit') && (await canWrite(request.principal, 'Report', d.unit.id)),
      canDecide: d.status === 'submitted' && (await canDecide(request.principal, d.unit.id)),
    };
  }

  // ---------- plans ----------

  app.get(
    '/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Plans in your reach (optionally of one unit’s subtree, one year, one status)',
        querystring: z.object({
          unitId: Id.optional().meta({ example: 'vn2025:33' }),
          year: Year.optional(),
          status: z.enum(PLAN_STATUSES).optional(),
        }),
        response: { 200: z.object({ plans: z.array(PlanSummary) }) },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Plan');
      const q = request.query;
      let qb = scopeToUnits(
        db.selectFrom('plan').innerJoin('unit', 'unit.id', 'plan.unit_id').selectAll('plan'),
        request.principal,
        'plan.unit_id',
        { subject: 'Plan' },
      );
      if (q.unitId) qb = qb.where('unit.path', 'like', await subtreeOf(q.unitId));
      if (q.year) qb = qb.where('plan.year', '=', q.year);
      if (q.status) qb = qb.where('plan.status', '=', q.status);
      const rows = await qb
        .orderBy('plan.year', 'desc')
        .orderBy('unit.level')
        .orderBy('unit.name_vi')
        .limit(2000)
        .execute();
      return { plans: await presentPlanSummaries(db, rows, todayIso()) };
    },
  );

  app.post(
    '/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Create a draft plan for a unit and year (one per unit and year)',
        body: CreatePlanBody,
        response: { 201: PlanDetail },
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'create', 'Plan', request.body.unitId);
      const plan = await createPlan(db, actorOf(principal), request.body);
      return reply.status(201).send(await planDetail(request, plan.id));
    },
  );

  app.get(
    '/plans/library',
    {
      schema: {
        tags: ['plans'],
        summary: 'The task library: typical tasks of real plans, tagged by PAPI sub-dimension',
        querystring: z.object({
          dimension: z.coerce.number().int().min(1).max(8).optional(),
          subdimension: z.string().optional(),
        }),
        response: { 200: z.object({ items: z.array(LibraryItem) }) },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Plan');
      return { items: libraryFor(request.query) };
    },
  );

  async function proposal(_request: FastifyRequest, unitId: string, year: number, libraryKeys?: string[]) {
    const unit = await unitRef(db, unitId);
    if (!unit) throw notFound('Unit');
    const provinceId = unit.path.split('/').filter(Boolean)[0] ?? unit.id;
    const code = provinceId.split(':')[1] ?? '';
    const d = await diagnosisOf(await loadSeries(app.ctx.handle, '34'), code, { lang: 'vi' });
    const parentPlan = unit.parentId ? await findPlanByUnitYear(db, unit.parentId, year) : undefined;
    const parentUnit = parentPlan ? await unitRef(db, parentPlan.unit_id) : undefined;
    const draft = draftPlanFromDiagnosis({
      unit: { ...unitWithType(unit), level: unit.level },
      year,
      diagnosis: d.diagnosis,
      parentPlan:
        parentPlan?.number && parentPlan.issued_date
          ? {
              reference: `${parentPlan.number}/${parentPlan.symbol ?? 'KH-UBND'}`,
              issuedDate: parentPlan.issued_date,
              issuingBody: parentUnit ? `UBND ${unitWithType(parentUnit).nameVi}` : parentPlan.issuing_body,
              title: parentPlan.title,
            }
          : null,
      ...(libraryKeys ? { libraryKeys } : {}),
    });
    return { unit, d, draft, parentPlan: parentPlan ?? null };
  }

  app.get(
    '/plans/proposal',
    {
      schema: {
        tags: ['plans'],
        summary: 'Draft-from-diagnosis preview: the plan the index engine’s diagnosis suggests (nothing stored)',
        querystring: z.object({ unitId: Id.meta({ example: 'vn2025:12142' }), year: Year.meta({ example: 2026 }) }),
        response: { 200: PlanProposal },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Plan', request.query.unitId);
      const { unit, d, draft, parentPlan } = await proposal(request, request.query.unitId, request.query.year);
      return {
        unit: { id: unit.id, nameVi: unit.nameVi, nameEn: unit.nameEn, unitType: unit.unitType, level: unit.level },
        year: request.query.year,
        diagnosisYear: d.year,
        focus: draft.focus,
        sentences: d.sentences,
        parentPlan: parentPlan ? presentPlanRef(parentPlan) : null,
        draft: { ...draft, tasks: draft.tasks.map(({ indicator: _i, ...t }) => t) },
      };
    },
  );

  app.post(
    '/plans/from-diagnosis',
    {
      schema: {
        tags: ['plans'],
        summary:
          'Create a draft plan from the diagnosis, with tasks from the library (officials edit it before issuing)',
        body: z.object({
          unitId: Id.meta({ example: 'vn2025:33' }),
          year: z.number().int().min(2000).max(2100).meta({ example: 2026 }),
          libraryKeys: z
            .array(z.string().min(1))
            .max(200)
            .optional()
            .meta({ description: 'the tasks to keep; default all proposed' }),
        }),
        response: { 201: PlanDetail },
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'create', 'Plan', request.body.unitId);
      const keys = request.body.libraryKeys;
      const unknown = keys?.find((k) => !TASK_LIBRARY.some((l) => l.key === k));
      if (unknown)
        throw new HttpError(400, 'unknown_library_task', `Unknown library task "${unknown}"`, ['body', 'libraryKeys']);
      const { draft, parentPlan } = await proposal(request, request.body.unitId, request.body.year, keys);
      const actor = actorOf(principal);
      const planId = await inTransaction(db, async (tx) => {
        const plan = await insertPlan(tx, actor, {
          unitId: request.body.unitId,
          year: request.body.year,
          title: draft.title,
          issuingBody: draft.issuingBody,
          parentPlanId: parentPlan?.id ?? null,
          basis: draft.basis,
          purpose: draft.purpose,
          requirements: draft.requirements,
          communication: draft.communication,
          inspection: draft.inspection,
          organisation: draft.organisation,
          recipients: draft.recipients,
          sections: draft.sections,
          targets: draft.targets.map((tg) => ({ ...tg, note: tg.note })),
        });
        await createTasks(
          tx,
          actor,
          plan.id,
          draft.tasks.map((tk) => ({
            title: tk.title,
            description: tk.description,
            dimension: tk.dimension,
            subdimension: tk.subdimension,
            leadUnitName: tk.leadUnitName,
            cooperating: tk.cooperating.map((name) => ({ name })),
            startDate: tk.startDate,
            dueDate: tk.dueDate,
            expectedOutput: tk.expectedOutput,
            libraryKey: tk.libraryKey,
          })),
        );
        return plan.id;
      });
      return reply.status(201).send(await planDetail(request, planId));
    },
  );

  const PlanParams = z.object({ planId: Id });

  app.get(
    '/plans/:planId',
    {
      schema: {
        tags: ['plans'],
        summary: 'A whole plan: content, sections, targets, tasks, versions',
        params: PlanParams,
        response: { 200: PlanDetail },
      },
    },
    async (request) => {
      await planOr404(request, request.params.planId, 'read');
      return planDetail(request, request.params.planId);
    },
  );

  app.patch(
    '/plans/:planId',
    {
      schema: {
        tags: ['plans'],
        summary: 'Edit a draft plan (issued plans change by amendment)',
        params: PlanParams,
        body: PlanContentInput.partial(),
        response: { 200: PlanDetail },
      },
    },
    async (request) => {
      const { principal } = await planOr404(request, request.params.planId, 'update');
      await updatePlan(db, actorOf(principal), request.params.planId, request.body);
      return planDetail(request, request.params.planId);
    },
  );

  app.post(
    '/plans/:planId/issue',
    {
      schema: {
        tags: ['plans'],
        summary: 'Issue a draft plan (number, symbol, date, signer); version 1 is kept',
        params: PlanParams,
        body: IssuePlanBody,
        response: { 200: PlanDetail },
      },
    },
    async (request) => {
      const { principal } = await planOr404(request, request.params.planId, 'update');
      await issuePlan(db, actorOf(principal), request.params.planId, request.body);
      return planDetail(request, request.params.planId);
    },
  );

  app.post(
    '/plans/:planId/amend',
    {
      schema: {
        tags: ['plans'],
        summary: 'Amend an issued plan with a reason; a new version is kept',
        params: PlanParams,
        body: AmendPlanBody,
        response: { 200: PlanDetail },
      },
    },
    async (request) => {
      const { principal } = await planOr404(request, request.params.planId, 'update');
      await amendPlan(db, actorOf(principal), request.params.planId, request.body);
      return planDetail(request, request.params.planId);
    },
  );

  app.post(
    '/plans/:planId/close',
    {
      schema: {
        tags: ['plans'],
        summary: 'Close an issued plan (read-only afterwards)',
        params: PlanParams,
        response: { 200: PlanDetail },
      },
    },
    async (request) => {
      const { principal } = await planOr404(request, request.params.planId, 'update');
      await closePlan(db, actorOf(principal), request.params.planId);
      return planDetail(request, request.params.planId);
    },
  );

  app.get(
    '/plans/:planId/versions/:version',
    {
      schema: {
        tags: ['plans'],
        summary: 'A kept version of the plan (snapshot at issue or amendment)',
        params: z.object({ planId: Id, version: z.coerce.number().int().min(1) }),
        response: {
          200: z.object({
            version: z.number().int(),
            status: z.string(),
            reason: z.string().nullable(),
            createdBy: z.string().nullable(),
            createdAt: z.string(),
            snapshot: z.unknown(),
          }),
        },
      },
    },
    async (request) => {
      await planOr404(request, request.params.planId, 'read');
      const v = await db
        .selectFrom('plan_version')
        .selectAll()
        .where('plan_id', '=', request.params.planId)
        .where('version', '=', request.params.version)
        .executeTakeFirst();
      if (!v) throw notFound('Plan version');
      return {
        version: v.version,
        status: v.status,
        reason: v.reason,
        createdBy: v.created_by,
        createdAt: v.created_at,
        snapshot: JSON.parse(v.snapshot_json) as unknown,
      };
    },
  );

  app.post(
    '/plans/:planId/tasks',
    {
      schema: {
        tags: ['plans'],
        summary: 'Add a task to a plan',
        params: PlanParams,
        body: TaskInput,
        response: { 201: Task },
      },
    },
    async (request, reply) => {
      const { principal } = await planOr404(request, request.params.planId, 'update');
      const row = await createTask(db, actorOf(principal), request.params.planId, request.body);
      const [task] = await presentTasks(db, [row], todayIso());
      return reply.status(201).send(task as Task);
    },
  );

  // ---------- tasks ----------

  app.get(
    '/tasks',
    {
      schema: {
        tags: ['plans'],
        summary: 'Tasks in your reach (filters: unit subtree, year, status, dimension, due on or before)',
        querystring: z.object({
          unitId: Id.optional(),
          year: Year.optional(),
          status: z.enum(TASK_STATUSES).optional(),
          dimension: z.coerce.number().int().min(1).max(8).optional(),
          dueBefore: IsoDay.optional(),
        }),
        response: { 200: z.object({ tasks: z.array(Task) }) },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Task');
      const q = request.query;
      let qb = scopeToUnits(
        db
          .selectFrom('plan_task')
          .innerJoin('unit', 'unit.id', 'plan_task.unit_id')
          .innerJoin('plan', 'plan.id', 'plan_task.plan_id')
          .selectAll('plan_task'),
        request.principal,
        'plan_task.unit_id',
        { subject: 'Task' },
      );
      if (q.unitId) qb = qb.where('unit.path', 'like', await subtreeOf(q.unitId));
      if (q.year) qb = qb.where('plan.year', '=', q.year);
      if (q.status) qb = qb.where('plan_task.status', '=', q.status);
      if (q.dimension) qb = qb.where('plan_task.dimension', '=', q.dimension);
      if (q.dueBefore) qb = qb.where('plan_task.due_date', '<=', q.dueBefore);
      const rows = await qb.orderBy('plan_task.due_date').orderBy('plan_task.id').limit(5000).execute();
      return { tasks: await presentTasks(db, rows, todayIso()) };
    },
  );

  const TaskParams = z.object({ taskId: Id });

  app.get(
    '/tasks/:taskId',
    {
      schema: {
        tags: ['plans'],
        summary: 'A task with its parent, every cascaded child’s state, comments and evidence',
        params: TaskParams,
        response: { 200: TaskDetail },
      },
    },
    async (request) => {
      await taskOr404(request, request.params.taskId, 'read');
      return taskDetail(request, request.params.taskId);
    },
  );

  app.patch(
    '/tasks/:taskId',
    {
      schema: {
        tags: ['plans'],
        summary: 'Edit a task',
        params: TaskParams,
        body: TaskInput.partial(),
        response: { 200: TaskDetail },
      },
    },
    async (request) => {
      const { principal } = await taskOr404(request, request.params.taskId, 'update');
      await updateTask(db, actorOf(principal), request.params.taskId, request.body);
      return taskDetail(request, request.params.taskId);
    },
  );

  app.delete(
    '/tasks/:taskId',
    {
      schema: {
        tags: ['plans'],
        summary: 'Remove a task of a draft plan (not one assigned down or reported on)',
        params: TaskParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { principal } = await taskOr404(request, request.params.taskId, 'update');
      await deleteTask(db, actorOf(principal), request.params.taskId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/tasks/:taskId/progress',
    {
      schema: {
        tags: ['plans'],
        summary: 'Report progress (percent, status, note); rolls up to the higher units’ tasks',
        params: TaskParams,
        body: ProgressBody,
        response: { 200: TaskDetail },
      },
    },
    async (request) => {
      const { principal } = await taskOr404(request, request.params.taskId, 'update');
      await reportProgress(db, actorOf(principal), request.params.taskId, request.body);
      return taskDetail(request, request.params.taskId);
    },
  );

  app.post(
    '/tasks/:taskId/cascade',
    {
      schema: {
        tags: ['plans'],
        summary: 'Assign the task to lower units: a child task in each unit’s plan (a draft plan is created if needed)',
        params: TaskParams,
        body: CascadeBody,
        response: { 201: z.object({ children: z.array(Task) }) },
      },
    },
    async (request, reply) => {
      const { principal } = await taskOr404(request, request.params.taskId, 'update');
      const created = await cascadeTask(db, actorOf(principal), request.params.taskId, request.body);
      return reply.status(201).send({ children: await presentTasks(db, created, todayIso()) });
    },
  );

  app.post(
    '/tasks/:taskId/comments',
    {
      schema: {
        tags: ['plans'],
        summary: 'Comment on a task',
        params: TaskParams,
        body: z.object({ body: z.string().min(1).max(5000) }),
        response: { 201: TaskComment },
      },
    },
    async (request, reply) => {
      // Commenting is open to everyone who may read the task's unit data and write in it.
      const { principal } = await taskOr404(request, request.params.taskId, 'update');
      const c = await addComment(db, actorOf(principal), request.params.taskId, request.body.body);
      return reply.status(201).send({
        id: c.id,
        authorName: c.author_name,
        body: c.body,
        progress: null,
        status: null,
        createdAt: c.created_at,
      });
    },
  );

  app.post(
    '/tasks/:taskId/evidence',
    {
      schema: {
        tags: ['plans'],
        summary: 'Attach evidence files (multipart/form-data, field "file"; photos, PDF, DOCX, XLSX; 10 MB each)',
        params: TaskParams,
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ files: z.array(EvidenceFile) }) },
      },
    },
    async (request, reply) => {
      const { principal } = await taskOr404(request, request.params.taskId, 'update');
      const { files } = await readMultipart(request, FILE_LIMITS.evidence);
      const stored = await addEvidence(db, actorOf(principal), request.params.taskId, files);
      return reply.status(201).send({
        files: stored.map(presentEvidence),
      });
    },
  );

  app.get(
    '/tasks/:taskId/evidence/:fileId',
    {
      schema: {
        tags: ['plans'],
        summary: 'Download an evidence file of a task',
        params: z.object({ taskId: Id, fileId: Id }),
      },
    },
    async (request, reply) => {
      await taskOr404(request, request.params.taskId, 'read');
      const file = await readStoredFile(db, request.params.fileId);
      if (!file || file.meta.ownerType !== EVIDENCE_OWNER || file.meta.ownerId !== request.params.taskId)
        throw notFound('File');
      return sendStoredFile(reply, file);
    },
  );

  // ---------- reports ----------

  app.get(
    '/reports/periods',
    {
      schema: {
        tags: ['reports'],
        summary: 'Reporting periods of a year with cut-off windows (NĐ 09/2019) and deadlines for a unit’s level',
        querystring: z.object({ year: Year.meta({ example: 2026 }), unitId: Id.optional() }),
        response: { 200: z.object({ periods: z.array(PeriodInfo) }) },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Report');
      const level = request.query.unitId ? ((await unitRef(db, request.query.unitId))?.level ?? 2) : 2;
      return {
        periods: periodsOfYear(request.query.year).map((p) => ({ ...p, dueDate: submissionDeadline(p, level) })),
      };
    },
  );

  app.get(
    '/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Periodic reports in your reach (filters: unit subtree, period, status)',
        querystring: z.object({
          unitId: Id.optional(),
          period: PeriodId.optional(),
          status: z.enum(REPORT_STATUSES).optional(),
        }),
        response: { 200: z.object({ reports: z.array(ReportSummary) }) },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Report');
      const q = request.query;
      let qb = scopeToUnits(
        db.selectFrom('plan_report').innerJoin('unit', 'unit.id', 'plan_report.unit_id').selectAll('plan_report'),
        request.principal,
        'plan_report.unit_id',
        {
          subject: 'Report',
        },
      );
      if (q.unitId) qb = qb.where('unit.path', 'like', await subtreeOf(q.unitId));
      if (q.period) qb = qb.where('plan_report.period', '=', q.period);
      if (q.status) qb = qb.where('plan_report.status', '=', q.status);
      const rows = await qb
        .orderBy('plan_report.period', 'desc')
        .orderBy('unit.level')
        .orderBy('unit.name_vi')
        .limit(5000)
        .execute();
      return { reports: await presentReportSummaries(db, rows, todayIso()) };
    },
  );

  app.post(
    '/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Start a unit’s report for a period, pre-filled from its tasks',
        body: CreateReportBody,
        response: { 201: ReportDetail },
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'create', 'Report', request.body.unitId);
      const r = await createReport(db, actorOf(principal), request.body);
      return reply.status(201).send(await reportDetail(request, r.id));
    },
  );

  app.get(
    '/reports/board',
    {
      schema: {
        tags: ['reports'],
        summary: 'Timeliness and completeness board: which lower units submitted on time, late, or not at all',
        querystring: z.object({ unitId: Id.meta({ example: 'vn2025:33' }), period: PeriodId }),
        response: { 200: ReportBoard },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Report', request.query.unitId);
      rule(() => parsePeriod(request.query.period));
      const board = await reportBoard(db, request.query.unitId, request.query.period, todayIso());
      if (!board) throw notFound('Unit');
      return board;
    },
  );

  const ReportParams = z.object({ reportId: Id });

  app.get(
    '/reports/:reportId',
    {
      schema: {
        tags: ['reports'],
        summary: 'A whole report: narratives, task lines, approval history, merged sources',
        params: ReportParams,
        response: { 200: ReportDetail },
      },
    },
    async (request) => {
      await reportOr404(request, request.params.reportId, 'read');
      return reportDetail(request, request.params.reportId);
    },
  );

  app.patch(
    '/reports/:reportId',
    {
      schema: {
        tags: ['reports'],
        summary: 'Edit a draft or returned report (narratives, summary, proposals, task notes)',
        params: ReportParams,
        body: UpdateReportBody,
        response: { 200: ReportDetail },
      },
    },
    async (request) => {
      const { principal } = await reportOr404(request, request.params.reportId, 'update');
      await updateReport(db, actorOf(principal), request.params.reportId, request.body);
      return reportDetail(request, request.params.reportId);
    },
  );

  app.post(
    '/reports/:reportId/refresh',
    {
      schema: {
        tags: ['reports'],
        summary: 'Re-fill the task lines from the current tasks (notes kept)',
        params: ReportParams,
        response: { 200: ReportDetail },
      },
    },
    async (request) => {
      const { principal } = await reportOr404(request, request.params.reportId, 'update');
      await refreshReport(db, actorOf(principal), request.params.reportId);
      return reportDetail(request, request.params.reportId);
    },
  );

  app.post(
    '/reports/:reportId/submit',
    {
      schema: {
        tags: ['reports'],
        summary: 'Submit the report to the unit above; it is locked until returned',
        params: ReportParams,
        response: { 200: ReportDetail },
      },
    },
    async (request) => {
      const { principal } = await reportOr404(request, request.params.reportId, 'update');
      await submitReport(db, actorOf(principal), request.params.reportId);
      return reportDetail(request, request.params.reportId);
    },
  );

  async function decide(request: FastifyRequest, reportId: string, decision: 'return' | 'approve', reason?: string) {
    await authorizeUser(request, 'update', 'Report');
    const report = await findReportRow(db, reportId);
    if (!report) throw notFound('Report');
    if (!(await canDecide(request.principal, report.unit_id))) {
      throw forbidden('Only an officer of the unit above may return or approve this report');
    }
    const principal = request.principal as Principal;
    await decideReport(db, actorOf(principal), reportId, decision, reason);
    return reportDetail(request, reportId);
  }

  app.post(
    '/reports/:reportId/return',
    {
      schema: {
        tags: ['reports'],
        summary: 'Return a submitted report for revision, with a reason (unit above only)',
        params: ReportParams,
        body: z.object({
          reason: z.string().min(1).max(5000).meta({ example: 'Bổ sung số liệu công khai ngân sách (D2)' }),
        }),
        response: { 200: ReportDetail },
      },
    },
    async (request) => decide(request, request.params.reportId, 'return', request.body.reason),
  );

  app.post(
    '/reports/:reportId/approve',
    {
      schema: {
        tags: ['reports'],
        summary: 'Approve a submitted report (unit above only); it stays locked',
        params: ReportParams,
        response: { 200: ReportDetail },
      },
    },
    async (request) => decide(request, request.params.reportId, 'approve'),
  );

  app.post(
    '/reports/:reportId/consolidate',
    {
      schema: {
        tags: ['reports'],
        summary: 'Merge the approved reports of the lower units into this report',
        params: ReportParams,
        response: { 200: ReportDetail },
      },
    },
    async (request) => {
      const { principal } = await reportOr404(request, request.params.reportId, 'update');
      await consolidateReport(db, actorOf(principal), request.params.reportId);
      return reportDetail(request, request.params.reportId);
    },
  );
};
