/**
 * The public face of the plans module, for the portal's province profile: a province's ISSUED plans
 * (kế hoạch đã ban hành are public documents) with their progress overall and per PAPI dimension.
 * Never drafts, comments, evidence or anything about people. Read by anyone, signed in or not.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isOverdue } from '../../core/plans/tasks.js';
import type { DbHandle } from '../db/connection.js';
import { todayIso } from '../db/time.js';
import { presentPlanSummaries } from './repository.js';
import { PlanSummary } from './schemas.js';

type Db = DbHandle['db'];

const PUBLIC_STATUSES = ['issued', 'amended', 'closed'];

export const PublicDimensionProgress = z.object({
  dimension: z.number().int().min(1).max(8),
  taskCount: z.number().int(),
  doneCount: z.number().int(),
  overdueCount: z.number().int(),
  /** Mean progress of the plan's own (top-level) tasks of this dimension, cancelled ones left out. */
  progress: z.number().int(),
});

export const PublicPlan = PlanSummary.extend({ dimensions: z.array(PublicDimensionProgress) });
export type PublicPlan = z.infer<typeof PublicPlan>;

export const PublicPlans = z.object({
  /** The vn2025 province the plans belong to (for a 63-province code: the province it merged into). */
  unit: z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string() }).nullable(),
  plans: z.array(PublicPlan),
});
export type PublicPlans = z.infer<typeof PublicPlans>;

/** The vn2025 province of a portal code: itself on the 34 geography, its successor on the 63 one. */
async function provinceUnit(db: Db, code: string, geography: '63' | '34') {
  const id =
    geography === '34'
      ? `vn2025:${code}`
      : (
          await db
            .selectFrom('unit_crosswalk')
            .select('to_unit_id')
            .where('from_unit_id', '=', `vn2008:${code}`)
            .executeTakeFirst()
        )?.to_unit_id;
  if (!id) return undefined;
  return db.selectFrom('unit').select(['id', 'name_vi', 'name_en']).where('id', '=', id).executeTakeFirst();
}

export async function publicPlansOfProvince(db: Db, code: string, geography: '63' | '34'): Promise<PublicPlans> {
  const unit = await provinceUnit(db, code, geography);
  if (!unit) return { unit: null, plans: [] };
  const rows = await db
    .selectFrom('plan')
    .selectAll()
    .where('unit_id', '=', unit.id)
    .where('status', 'in', PUBLIC_STATUSES)
    .orderBy('year', 'desc')
    .execute();
  const today = todayIso();
  const summaries = await presentPlanSummaries(db, rows, today);
  const tasks = rows.length
    ? await db
        .selectFrom('plan_task')
        .select(['plan_id', 'dimension', 'status', 'progress', 'due_date'])
        .where(
          'plan_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const plans = summaries.map((s) => {
    const own = tasks.filter((t) => t.plan_id === s.id && t.dimension !== null);
    const dimensions = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((d) => {
      const of = own.filter((t) => t.dimension === d);
      if (of.length === 0) return [];
      const counted = of.filter((t) => t.status !== 'cancelled');
      return [
        {
          dimension: d,
          taskCount: of.length,
          doneCount: of.filter((t) => t.status === 'done').length,
          overdueCount: of.filter((t) => isOverdue({ status: t.status, dueDate: t.due_date }, today)).length,
          progress: counted.length ? Math.round(counted.reduce((sum, t) => sum + t.progress, 0) / counted.length) : 0,
        },
      ];
    });
    return { ...s, dimensions };
  });
  return { unit: { id: unit.id, nameVi: unit.name_vi, nameEn: unit.name_en }, plans };
}

export const publicPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/portal/plans',
    {
      schema: {
        tags: ['plans'],
        summary: "A province's issued PAPI improvement plans with progress per dimension (public)",
        querystring: z.object({
          province: z
            .string()
            .regex(/^\d{2}$/, 'a two-digit province code')
            .meta({ example: '33' }),
          geography: z.enum(['63', '34']).default('34'),
        }),
        response: { 200: PublicPlans },
      },
    },
    async (request) => publicPlansOfProvince(app.ctx.handle.db, request.query.province, request.query.geography),
  );
};
