import type { Kysely } from 'kysely';

/**
 * Inspection plans, inspections, findings and remediation (kiểm tra). Findings link to plan tasks
 * (plan_task, migration 0003). Evidence lives in `stored_file` (owner types 'inspection',
 * 'inspection_finding', 'remediation_action').
 * Tables are typed in server/inspections/tables.ts and listed there in dependency order.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still being built
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_plan_unit_idx').on('inspection_plan').columns(['unit_id', 'year']).execute();

  await db.schema
    .createTable('inspection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.references('inspection_plan.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('inspecting_unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scheduled_on', 'text', (c) => c.notNull())
    .addColumn('conducted_on', 'text')
    .addColumn('team_json', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('conclusion', 'text')
    .addColumn('reinspection_of', 'text', (c) => c.references('inspection.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_unit_idx').on('inspection').columns(['unit_id', 'scheduled_on']).execute();
  await db.schema.createIndex('inspection_plan_idx').on('inspection').column('plan_id').execute();

  await db.schema
    .createTable('inspection_finding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspection.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('subdimension', 'text')
    .addColumn('indicator', 'text')
    .addColumn('task_id', 'text', (c) => c.references('plan_task.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('closing_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_finding_inspection_idx')
    .on('inspection_finding')
    .column('inspection_id')
    .execute();

  await db.schema
    .createTable('remediation_action')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('inspection_finding.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completed_on', 'text')
    .addColumn('completion_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('remediation_action_finding_idx').on('remediation_action').column('finding_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['remediation_action', 'inspection_finding', 'inspection', 'inspection_plan']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
