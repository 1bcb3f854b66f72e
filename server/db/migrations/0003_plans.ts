import type { Kysely } from 'kysely';

/**
 * Plans (kế hoạch), tasks (nhiệm vụ) and their cascade, periodic reports (báo cáo) and approval.
 * Tables are typed in server/plans/tables.ts and listed there in dependency order.
 * Portable types only (db/README.md): text ids, ISO text dates/timestamps, 0/1 integers, JSON as text.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still being built
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('symbol', 'text')
    .addColumn('issued_date', 'text')
    .addColumn('place', 'text')
    .addColumn('issuing_body', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text')
    .addColumn('signer_title', 'text')
    .addColumn('parent_plan_id', 'text', (c) => c.references('plan.id'))
    .addColumn('basis_json', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('communication', 'text', (c) => c.notNull())
    .addColumn('inspection', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('recipients_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text')
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('plan_unit_year_unique', ['unit_id', 'year'])
    .execute();
  await db.schema.createIndex('plan_parent_idx').on('plan').column('parent_plan_id').execute();

  await db.schema
    .createTable('plan_version')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plan.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_version_pk', ['plan_id', 'version'])
    .execute();

  await db.schema
    .createTable('plan_section')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plan.id'))
    .addColumn('dimension', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_section_pk', ['plan_id', 'dimension'])
    .execute();

  await db.schema
    .createTable('plan_target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plan.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('dimension', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('comparator', 'text', (c) => c.notNull())
    .addColumn('value', 'real')
    .addColumn('group_name', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('plan_target_plan_idx').on('plan_target').column('plan_id').execute();

  await db.schema
    .createTable('plan_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plan.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('dimension', 'integer')
    .addColumn('subdimension', 'text')
    .addColumn('indicator', 'text')
    .addColumn('lead_unit_id', 'text', (c) => c.references('unit.id'))
    .addColumn('lead_unit_name', 'text', (c) => c.notNull())
    .addColumn('cooperating_json', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('expected_output', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('parent_task_id', 'text', (c) => c.references('plan_task.id'))
    .addColumn('library_key', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_task_plan_idx').on('plan_task').columns(['plan_id', 'position']).execute();
  await db.schema.createIndex('plan_task_parent_idx').on('plan_task').column('parent_task_id').execute();
  await db.schema.createIndex('plan_task_unit_due_idx').on('plan_task').columns(['unit_id', 'due_date']).execute();

  await db.schema
    .createTable('plan_task_comment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('plan_task.id'))
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer')
    .addColumn('status', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_task_comment_task_idx')
    .on('plan_task_comment')
    .columns(['task_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('plan_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('plan_id', 'text', (c) => c.references('plan.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('proposals', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('consolidated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_report_unit_period_unique', ['unit_id', 'period'])
    .execute();
  await db.schema.createIndex('plan_report_period_idx').on('plan_report').columns(['period', 'unit_id']).execute();

  await db.schema
    .createTable('plan_report_section')
    .addColumn('report_id', 'text', (c) => c.notNull().references('plan_report.id'))
    .addColumn('dimension', 'integer', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_report_section_pk', ['report_id', 'dimension'])
    .execute();

  await db.schema
    .createTable('plan_report_task')
    .addColumn('report_id', 'text', (c) => c.notNull().references('plan_report.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('plan_task.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('dimension', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_report_task_pk', ['report_id', 'task_id'])
    .execute();

  await db.schema
    .createTable('plan_report_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('plan_report.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('plan_report_event_idx').on('plan_report_event').columns(['report_id', 'at']).execute();

  await db.schema
    .createTable('plan_report_source')
    .addColumn('report_id', 'text', (c) => c.notNull().references('plan_report.id'))
    .addColumn('child_report_id', 'text', (c) => c.notNull().references('plan_report.id'))
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_report_source_pk', ['report_id', 'child_report_id'])
    .execute();
}

const TABLES = [
  'plan_report_source',
  'plan_report_event',
  'plan_report_task',
  'plan_report_section',
  'plan_report',
  'plan_task_comment',
  'plan_task',
  'plan_target',
  'plan_section',
  'plan_version',
  'plan',
];

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).ifExists().execute();
}
