import type { Kysely } from 'kysely';

/**
 * Questionnaires (phiếu khảo sát), sampling frames and samples.
 * Tables are typed in server/surveys/tables.ts and listed there in dependency order.
 * Portable types only (db/README.md): text ids, ISO text timestamps, 0/1 integers, JSON as text.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still being built
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('questionnaire')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('title_vi', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('questionnaire_unit_idx').on('questionnaire').column('unit_id').execute();

  await db.schema
    .createTable('questionnaire_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('questionnaire_id', 'text', (c) => c.notNull().references('questionnaire.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('form_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('questionnaire_version_unique', ['questionnaire_id', 'version'])
    .execute();

  await db.schema
    .createTable('sampling_frame')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('rows_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sampling_frame_unit_idx').on('sampling_frame').column('unit_id').execute();

  await db.schema
    .createTable('survey_sample')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('village_frame_id', 'text', (c) => c.notNull().references('sampling_frame.id'))
    .addColumn('resident_frame_id', 'text', (c) => c.references('sampling_frame.id'))
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('villages', 'integer', (c) => c.notNull())
    .addColumn('residents_per_village', 'integer', (c) => c.notNull())
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_sample_unit_idx').on('survey_sample').column('unit_id').execute();

  await db.schema
    .createTable('survey_sample_member')
    .addColumn('sample_id', 'text', (c) => c.notNull().references('survey_sample.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('stratum', 'text', (c) => c.notNull())
    .addColumn('psu', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('village_name', 'text')
    .addColumn('resident_id', 'text')
    // double precision: 8-byte floats on both dialects (PostgreSQL `real` loses digits of weights).
    .addColumn('village_probability', 'double precision', (c) => c.notNull())
    .addColumn('resident_probability', 'double precision', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('fpc', 'double precision')
    .addColumn('certainty', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_sample_member_pk', ['sample_id', 'seq'])
    .execute();

  // Exactly-once imports of ODK Central / KoboToolbox submissions: the export's instance id, hashed.
  await db.schema
    .createTable('survey_import_key')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_import_key_pk', ['campaign_id', 'key_hash'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_import_key').ifExists().execute();
  await db.schema.dropTable('survey_sample_member').ifExists().execute();
  await db.schema.dropTable('survey_sample').ifExists().execute();
  await db.schema.dropTable('sampling_frame').ifExists().execute();
  await db.schema.dropTable('questionnaire_version').ifExists().execute();
  await db.schema.dropTable('questionnaire').ifExists().execute();
}
