/**
 * Inspections API (kiểm tra): plans, inspections and re-inspections, findings tagged to PAPI and plan tasks,
 * remediation actions, evidence, and the board of findings remediated on time.
 * Authorisation (subject `Inspection`): reading follows the inspected unit (the plan: its inspecting unit);
 * the inspecting unit conducts, records findings and closes them; the inspected unit remediates.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Framework } from '../../core/index/framework.js';
import { remediationBoard } from '../../core/inspections/board.js';
import { ACTION_MACHINE, FINDING_MACHINE, INSPECTION_MACHINE, PLAN_MACHINE } from '../../core/inspections/states.js';
import { todayIso } from '../db/time.js';
import { FILE_LIMITS, readMultipart, readStoredFile, sendStoredFile } from '../files/index.js';
import { FileSchema } from '../files/schemas.js';
import { notFound } from '../http/errors.js';
import { loadShippedIndexData } from '../io/published-scores.js';
import { actorOf } from '../policies/principal.js';
import { authorizeUser } from '../policies/request.js';
import { scopeToUnits } from '../policies/scope.js';
import {
  addInspectionFiles,
  createAction,
  createFinding,
  createInspection,
  createPlan,
  INSPECTION_KINDS,
  transitionAction,
  transitionFinding,
  transitionInspection,
  transitionPlan,
} from './commands.js';
import {
  boardActions,
  findAction,
  findFinding,
  findInspection,
  findPlan,
  OWNER,
  presentInspectionDetail,
  presentInspections,
  presentPlans,
} from './repository.js';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Year = z.coerce.number().int().min(2000).max(2100);
const Id = z.object({ id: z.string().min(1) });
const events = (m: object) => Object.keys(m) as [string, ...string[]];

const PlanSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitNameVi: z.string(),
  unitNameEn: z.string(),
  year: z.number(),
  kind: z.string(),
  title: z.string(),
  scope: z.string(),
  status: z.string(),
  allowedEvents: z.array(z.string()),
  inspections: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const InspectionSchema = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  unitId: z.string(),
  unitNameVi: z.string(),
  unitNameEn: z.string(),
  inspectingUnitId: z.string(),
  inspectingUnitNameVi: z.string(),
  inspectingUnitNameEn: z.string(),
  kind: z.string(),
  scheduledOn: z.string(),
  conductedOn: z.string().nullable(),
  team: z.array(z.string()),
  scope: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  reinspectionOf: z.string().nullable(),
  allowedEvents: z.array(z.string()),
  findingsTotal: z.number(),
  findingsOpen: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ActionSchema = z.object({
  id: z.string(),
  findingId: z.string(),
  unitId: z.string(),
  unitNameVi: z.string(),
  unitNameEn: z.string(),
  description: z.string(),
  deadline: z.string(),
  status: z.string(),
  completedOn: z.string().nullable(),
  completionNote: z.string().nullable(),
  overdue: z.boolean(),
  allowedEvents: z.array(z.string()),
  files: z.array(FileSchema),
});
const FindingSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  unitId: z.string(),
  unitNameVi: z.string(),
  unitNameEn: z.string(),
  description: z.string(),
  dimension: z.string(),
  subdimension: z.string().nullable(),
  indicator: z.string().nullable(),
  taskId: z.string().nullable(),
  taskTitle: z.string().nullable(),
  status: z.string(),
  closedOn: z.string().nullable(),
  closingNote: z.string().nullable(),
  timeliness: z.string(),
  allowedEvents: z.array(z.string()),
  actions: z.array(ActionSchema),
  files: z.array(FileSchema),
});
const DetailSchema = InspectionSchema.extend({ findings: z.array(FindingSchema), files: z.array(FileSchema) });
const BoardRowSchema = z.object({
  dimension: z.string(),
  unitId: z.string(),
  findings: z.number(),
  closed: z.number(),
  on_time: z.number(),
  late: z.number(),
  overdue: z.number(),
  pending: z.number(),
  onTimeRate: z.number().nullable(),
});

/** The framework in force for tagging new findings: the latest era shipped. */
async function currentFramework(): Promise<Framework> {
  const set = (await loadShippedIndexData()).frameworks.frameworks;
  return [...set].sort((a, b) => b.years.to - a.years.to)[0] as Framework;
}

export const inspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;
  type Req = Parameters<typeof authorizeUser>[0];

  const planOr404 = async (request: Req, id: string, action: 'read' | 'update') => {
    await authorizeUser(request, action, 'Inspection');
    const plan = await findPlan(db, id);
    if (!plan) throw notFound('Inspection plan');
    const principal = await authorizeUser(request, action, 'Inspection', {
      unitPath: plan.unit_path,
      unitId: plan.unit_id,
    });
    return { plan, principal };
  };
  /** The inspection after checking the caller reaches `side` of it: the inspected or the inspecting unit. */
  const inspectionOr404 = async (
    request: Req,
    id: string,
    action: 'read' | 'update',
    side: 'inspected' | 'inspecting' = 'inspected',
  ) => {
    await authorizeUser(request, action, 'Inspection');
    const insp = await findInspection(db, id);
    if (!insp) throw notFound('Inspection');
    const target =
      side === 'inspected'
        ? { unitPath: insp.unit_path, unitId: insp.unit_id }
        : { unitPath: insp.inspecting_unit_path, unitId: insp.inspecting_unit_id };
    const principal = await authorizeUser(request, action, 'Inspection', target);
    return { insp, principal };
  };
  const findingOr404 = async (request: Req, id: string, side: 'inspected' | 'inspecting') => {
    await authorizeUser(request, 'update', 'Inspection');
    const finding = await findFinding(db, id);
    if (!finding) throw notFound('Finding');
    const { insp, principal } = await inspectionOr404(request, finding.inspection_id, 'update', side);
    return { finding, insp, principal };
  };
  const detail = async (id: string) => {
    const row = await findInspection(db, id);
    if (!row) throw notFound('Inspection');
    return presentInspectionDetail(db, row);
  };

  // ------------------------------------------------------------------------------------- plans
  app.get(
    '/inspections/plans',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Inspection plans of units in your reach',
        querystring: z.object({ year: Year.optional() }),
        response: { 200: z.object({ items: z.array(PlanSchema) }) },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Inspection');
      let q = scopeToUnits(db.selectFrom('inspection_plan').selectAll(), request.principal, 'inspection_plan.unit_id');
      if (request.query.year) q = q.where('year', '=', request.query.year);
      return {
        items: await presentPlans(
          db,
          await q.orderBy('year', 'desc').orderBy('created_at', 'desc').limit(500).execute(),
        ),
      };
    },
  );

  app.post(
    '/inspections/plans',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Draft an inspection plan (scheduled or surprise) of a unit in your reach',
        body: z.object({
          unitId: z.string().min(1).meta({ example: 'vn2025:33' }),
          year: z.number().int().min(2000).max(2100),
          kind: z.enum(INSPECTION_KINDS),
          title: z.string().min(1).max(300),
          scope: z.string().max(4000).default(''),
        }),
        response: { 201: PlanSchema },
      },
    },
    async (request, reply) => {
      const principal = await authorizeUser(request, 'create', 'Inspection', request.body.unitId);
      const id = await createPlan(db, actorOf(principal), request.body);
      const [dto] = await presentPlans(
        db,
        await db.selectFrom('inspection_plan').selectAll().where('id', '=', id).execute(),
      );
      return reply.status(201).send(dto);
    },
  );

  app.get(
    '/inspections/plans/:id',
    {
      schema: {
        tags: ['inspections'],
        summary: 'An inspection plan with its inspections',
        params: Id,
        response: { 200: PlanSchema.extend({ items: z.array(InspectionSchema) }) },
      },
    },
    async (request) => {
      const { plan } = await planOr404(request, request.params.id, 'read');
      const [dto] = await presentPlans(db, [plan]);
      const rows = await scopeToUnits(db.selectFrom('inspection').selectAll(), request.principal, 'inspection.unit_id')
        .where('plan_id', '=', plan.id)
        .orderBy('scheduled_on')
        .execute();
      return { ...(dto as z.infer<typeof PlanSchema>), items: await presentInspections(db, rows) };
    },
  );

  app.post(
    '/inspections/plans/:id/transitions',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Approve, complete or cancel a plan (409 when not allowed from its status)',
        params: Id,
        body: z.object({ event: z.enum(events(PLAN_MACHINE)) }),
        response: { 200: PlanSchema },
      },
    },
    async (request) => {
      const { principal } = await planOr404(request, request.params.id, 'update');
      await transitionPlan(db, actorOf(principal), request.params.id, request.body.event as keyof typeof PLAN_MACHINE);
      const [dto] = await presentPlans(
        db,
        await db.selectFrom('inspection_plan').selectAll().where('id', '=', request.params.id).execute(),
      );
      return dto as z.infer<typeof PlanSchema>;
    },
  );

  // ------------------------------------------------------------------------------- inspections
  app.get(
    '/inspections',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Inspections of units in your reach',
        querystring: z.object({ year: Year.optional(), unitId: z.string().optional(), status: z.string().optional() }),
        response: { 200: z.object({ items: z.array(InspectionSchema) }) },
      },
    },
    async (request) => {
      await authorizeUser(request, 'read', 'Inspection');
      const { year, unitId, status } = request.query;
      let q = scopeToUnits(
        db.selectFrom('inspection').innerJoin('unit', 'unit.id', 'inspection.unit_id').selectAll('inspection'),
        request.principal,
        'inspection.unit_id',
      );
      if (year)
        q = q
          .where('inspection.scheduled_on', '>=', `${year}-01-01`)
          .where('inspection.scheduled_on', '<=', `${year}-12-31`);
      if (status) q = q.where('inspection.status', '=', status);
      if (unitId) {
        const unit = await db.selectFrom('unit').select('path').where('id', '=', unitId).executeTakeFirst();
        if (!unit) throw notFound('Unit');
        q = q.where('unit.path', 'like', `${unit.path}%`);
      }
      const rows = await q.orderBy('inspection.scheduled_on', 'desc').orderBy('inspection.id').limit(500).execute();
      return { items: await presentInspections(db, rows) };
    },
  );

  app.post(
    '/inspections',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Schedule an inspection (or a re-inspection) of a unit in your reach by a unit in your reach',
        body: z.object({
          planId: z.string().nullable().optional(),
          unitId: z.string().min(1).meta({ example: 'vn2025:12142' }),
          inspectingUnitId: z.string().min(1).meta({ example: 'vn2025:33' }),
          kind: z.enum(INSPECTION_KINDS),
          scheduledOn: IsoDay,
          team: z.array(z.string().max(200)).min(1).max(30),
          scope: z.string().min(1).max(4000),
          reinspectionOf: z.string().nullable().optional(),
        }),
        response: { 201: DetailSchema },
      },
    },
    async (request, reply) => {
      await authorizeUser(request, 'create', 'Inspection', request.body.inspectingUnitId);
      const principal = await authorizeUser(request, 'create', 'Inspection', request.body.unitId);
      const id = await createInspection(db, actorOf(principal), request.body);
      return reply.status(201).send(await detail(id));
    },
  );

  app.get(
    '/inspections/board',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Findings remediated on time per PAPI dimension and unit, for inspections of a year under a unit',
        querystring: z.object({ unitId: z.string().min(1), year: Year }),
        response: {
          200: z.object({
            today: z.string(),
            rows: z.array(BoardRowSchema),
            byDimension: z.array(BoardRowSchema),
            byUnit: z.array(BoardRowSchema),
            total: BoardRowSchema,
            units: z.array(z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const { unitId, year } = request.query;
      await authorizeUser(request, 'read', 'Inspection', unitId);
      const unit = await db.selectFrom('unit').select('path').where('id', '=', unitId).executeTakeFirstOrThrow();
      const findings = await db
        .selectFrom('inspection_finding')
        .innerJoin('inspection', 'inspection.id', 'inspection_finding.inspection_id')
        .innerJoin('unit', 'unit.id', 'inspection.unit_id')
        .select([
          'inspection_finding.id',
          'inspection_finding.dimension',
          'inspection_finding.status',
          'inspection.unit_id as inspected_unit_id',
        ])
        .where('unit.path', 'like', `${unit.path}%`)
        .where('inspection.scheduled_on', '>=', `${year}-01-01`)
        .where('inspection.scheduled_on', '<=', `${year}-12-31`)
        .execute();
      const actions = findings.length
        ? await db
            .selectFrom('remediation_action')
            .selectAll()
            .where(
              'finding_id',
              'in',
              findings.map((f) => f.id),
            )
            .execute()
        : [];
      const board = remediationBoard(
        findings.map((f) => ({
          id: f.id,
          unitId: f.inspected_unit_id,
          dimension: f.dimension,
          closed: f.status === 'closed',
          actions: boardActions(actions.filter((a) => a.finding_id === f.id)),
        })),
        todayIso(),
      );
      const ids = [...new Set(findings.map((f) => f.inspected_unit_id))];
      const units = ids.length
        ? (await db.selectFrom('unit').select(['id', 'name_vi', 'name_en']).where('id', 'in', ids).execute()).map(
            (u) => ({
              id: u.id,
              nameVi: u.name_vi,
              nameEn: u.name_en,
            }),
          )
        : [];
      return { ...board, units };
    },
  );

  app.get(
    '/inspections/:id',
    {
      schema: {
        tags: ['inspections'],
        summary: 'An inspection with its findings, remediation actions and evidence',
        params: Id,
        response: { 200: DetailSchema },
      },
    },
    async (request) => {
      await inspectionOr404(request, request.params.id, 'read');
      return detail(request.params.id);
    },
  );

  app.post(
    '/inspections/:id/transitions',
    {
      schema: {
        tags: ['inspections'],
        summary:
          'Start (conductedOn), conclude (conclusion), close (every finding closed) or cancel an inspection; 409 when not allowed',
        params: Id,
        body: z.object({
          event: z.enum(events(INSPECTION_MACHINE)),
          conductedOn: IsoDay.optional(),
          conclusion: z.string().max(8000).optional(),
        }),
        response: { 200: DetailSchema },
      },
    },
    async (request) => {
      const { principal } = await inspectionOr404(request, request.params.id, 'update', 'inspecting');
      const { event, ...rest } = request.body;
      await transitionInspection(db, actorOf(principal), request.params.id, {
        event: event as keyof typeof INSPECTION_MACHINE,
        ...rest,
      });
      return detail(request.params.id);
    },
  );

  app.post(
    '/inspections/:id/findings',
    {
      schema: {
        tags: ['inspections'],
        summary:
          'Record a finding (tồn tại, hạn chế) tagged to a PAPI dimension, sub-dimension, indicator and plan task',
        params: Id,
        body: z.object({
          description: z.string().min(1).max(4000),
          dimension: z
            .string()
            .regex(/^d[1-8]$/)
            .meta({ example: 'd2' }),
          subdimension: z.string().nullable().optional().meta({ example: '2.3' }),
          indicator: z.string().nullable().optional().meta({ example: '2.3.1' }),
          unitId: z.string().nullable().optional(),
          taskId: z.string().nullable().optional(),
        }),
        response: { 201: DetailSchema },
      },
    },
    async (request, reply) => {
      const { principal } = await inspectionOr404(request, request.params.id, 'update', 'inspecting');
      await createFinding(db, actorOf(principal), request.params.id, request.body, await currentFramework());
      return reply.status(201).send(await detail(request.params.id));
    },
  );

  app.post(
    '/inspections/findings/:id/transitions',
    {
      schema: {
        tags: ['inspections'],
        summary:
          'remediate (inspected unit; every action done), close or reopen (inspecting unit, after checking); 409 when not allowed',
        params: Id,
        body: z.object({ event: z.enum(events(FINDING_MACHINE)), note: z.string().max(4000).nullable().optional() }),
        response: { 200: DetailSchema },
      },
    },
    async (request) => {
      const side = request.body.event === 'remediate' ? 'inspected' : 'inspecting';
      const { finding, principal } = await findingOr404(request, request.params.id, side);
      await transitionFinding(
        db,
        actorOf(principal),
        finding.id,
        request.body.event as keyof typeof FINDING_MACHINE,
        request.body.note,
      );
      return detail(finding.inspection_id);
    },
  );

  app.post(
    '/inspections/findings/:id/actions',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Add a remediation action with its deadline and responsible unit',
        params: Id,
        body: z.object({
          description: z.string().min(1).max(4000),
          deadline: IsoDay,
          unitId: z.string().nullable().optional(),
        }),
        response: { 201: DetailSchema },
      },
    },
    async (request, reply) => {
      const { finding, principal } = await findingOr404(request, request.params.id, 'inspected');
      await createAction(db, actorOf(principal), finding.id, request.body);
      return reply.status(201).send(await detail(finding.inspection_id));
    },
  );

  app.post(
    '/inspections/actions/:id/transitions',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Mark a remediation action done (completedOn, note) or reopen it; 409 when not allowed',
        params: Id,
        body: z.object({
          event: z.enum(events(ACTION_MACHINE)),
          completedOn: IsoDay.optional(),
          note: z.string().max(4000).nullable().optional(),
        }),
        response: { 200: DetailSchema },
      },
    },
    async (request) => {
      await authorizeUser(request, 'update', 'Inspection');
      const action = await findAction(db, request.params.id);
      if (!action) throw notFound('Remediation action');
      const { finding, principal } = await findingOr404(request, action.finding_id, 'inspected');
      const { event, ...opts } = request.body;
      await transitionAction(db, actorOf(principal), action.id, event as keyof typeof ACTION_MACHINE, opts);
      return detail(finding.inspection_id);
    },
  );

  app.post(
    '/inspections/:id/files',
    {
      schema: {
        tags: ['inspections'],
        summary:
          'Attach evidence (multipart/form-data, files `file`): to the inspection, or with field findingId / actionId to a finding or action of it',
        params: Id,
        response: { 201: DetailSchema },
      },
    },
    async (request, reply) => {
      const { insp, principal } = await inspectionOr404(request, request.params.id, 'update');
      const form = await readMultipart(request, FILE_LIMITS.evidence);
      let owner: { type: (typeof OWNER)[keyof typeof OWNER]; id: string } = { type: OWNER.inspection, id: insp.id };
      if (form.fields.actionId) {
        const a = await findAction(db, form.fields.actionId);
        const f = a ? await findFinding(db, a.finding_id) : undefined;
        if (!a || f?.inspection_id !== insp.id) throw notFound('Remediation action');
        owner = { type: OWNER.action, id: a.id };
      } else if (form.fields.findingId) {
        const f = await findFinding(db, form.fields.findingId);
        if (f?.inspection_id !== insp.id) throw notFound('Finding');
        owner = { type: OWNER.finding, id: f.id };
      }
      await addInspectionFiles(db, actorOf(principal), { ...owner, unitId: insp.unit_id }, form.files);
      return reply.status(201).send(await detail(insp.id));
    },
  );

  app.get(
    '/inspections/:id/files/:fileId',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Download evidence of an inspection, its findings or actions',
        params: z.object({ id: z.string(), fileId: z.string() }),
      },
    },
    async (request, reply) => {
      const { insp } = await inspectionOr404(request, request.params.id, 'read');
      const file = await readStoredFile(db, request.params.fileId);
      if (!file) throw notFound('File');
      const owners = new Set<string>([`${OWNER.inspection}:${insp.id}`]);
      const findings = await db
        .selectFrom('inspection_finding')
        .select('id')
        .where('inspection_id', '=', insp.id)
        .execute();
      for (const f of findings) owners.add(`${OWNER.finding}:${f.id}`);
      if (findings.length) {
        const actions = await db
          .selectFrom('remediation_action')
          .select('id')
          .where(
            'finding_id',
            'in',
            findings.map((f) => f.id),
          )
          .execute();
        for (const a of actions) owners.add(`${OWNER.action}:${a.id}`);
      }
      if (!owners.has(`${file.meta.ownerType}:${file.meta.ownerId}`)) throw notFound('File');
      return sendStoredFile(reply, file);
    },
  );
};
