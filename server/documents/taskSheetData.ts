/**
 * What the task sheet needs from the database: the plan's tasks as sheet rows, and the context the
 * sheet's lists and the importer check against — the units a task may name (the plan's unit and its
 * subtree, its ancestors, and the departments/offices of those ancestors, so a commune plan can name
 * "Sở Nội vụ" of its province) and the PAPI dimensions of the plan's year.
 */
import type { Kysely } from 'kysely';
import type { Lang } from '../../core/i18n/index.js';
import { frameworkForYear } from '../../core/index/framework.js';
import { isTaskStatus } from '../../core/plans/tasks.js';
import type { Database } from '../db/schema.js';
import { loadShippedIndexData } from '../io/published-scores.js';
import { agencyName } from '../plans/commands.js';
import type { PlanTable } from '../plans/tables.js';
import type { TaskSheetContext, TaskSheetDimension, TaskSheetRow, TaskSheetUnit } from './tasksXlsx.js';

type Db = Kysely<Database>;

async function dimensionsFor(year: number): Promise<TaskSheetDimension[]> {
  const { frameworks } = await loadShippedIndexData();
  const fw =
    frameworkForYear(frameworks, year) ?? [...frameworks.frameworks].sort((a, b) => b.years.to - a.years.to)[0];
  if (!fw) return [];
  return fw.dimensions.map((d) => ({
    number: Number(d.code.replace(/\D/g, '')),
    nameVi: d.nameVi,
    subdimensions: d.subdimensions.map((s) => ({ code: s.code, nameVi: s.nameVi })),
  }));
}

const escapeLike = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

export async function taskSheetContext(db: Db, plan: PlanTable, lang: Lang, today: string): Promise<TaskSheetContext> {
  const unit = await db.selectFrom('unit').select(['path']).where('id', '=', plan.unit_id).executeTakeFirst();
  const path = unit?.path ?? `/${plan.unit_id}/`;
  const ancestors = path.split('/').filter(Boolean);
  const rows = await db
    .selectFrom('unit')
    .select(['id', 'code', 'name_vi', 'full_name_vi', 'unit_type'])
    .where((eb) =>
      eb.and([
        eb.or([
          eb('path', 'like', `${escapeLike(path)}%`),
          eb('id', 'in', ancestors),
          eb.and([eb('parent_id', 'in', ancestors), eb('code_system', '=', 'local')]),
        ]),
        eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]),
      ]),
    )
    .execute();
  const units: TaskSheetUnit[] = rows
    .map((r) => ({
      id: r.id,
      code: r.code,
      nameVi: r.name_vi,
      fullNameVi: r.full_name_vi,
      label: agencyName({ nameVi: r.name_vi, unitType: r.unit_type }),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return { units, dimensions: await dimensionsFor(plan.year), lang };
}

export async function taskSheetRows(db: Db, planId: string): Promise<TaskSheetRow[]> {
  const tasks = await db
    .selectFrom('plan_task')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return tasks.map((t) => {
    let cooperating: { unitId: string | null; name: string }[] = [];
    try {
      const parsed: unknown = JSON.parse(t.cooperating_json);
      if (Array.isArray(parsed)) {
        cooperating = parsed.map((c: { unitId?: string | null; name?: string }) => ({
          unitId: c.unitId ?? null,
          name: c.name ?? '',
        }));
      }
    } catch {
      cooperating = [];
    }
    return {
      title: t.title,
      description: t.description,
      dimension: t.dimension,
      subdimension: t.subdimension,
      indicator: t.indicator,
      leadUnit: { unitId: t.lead_unit_id, name: t.lead_unit_name },
      cooperatingUnits: cooperating,
      startDate: t.start_date,
      dueDate: t.due_date,
      expectedOutput: t.expected_output,
      progress: t.progress,
      status: isTaskStatus(t.status) ? t.status : 'not_started',
    };
  });
}
