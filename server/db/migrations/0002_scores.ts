import type { Kysely } from 'kysely';

/**
 * Stored PAPI scores: a dataset (published tables, or a microdata run) and its values, one row per
 * year × province × sub-dimension. `value` NULL = not rated (chưa xếp hạng), never 0. Dimensions and
 * totals are not stored: the index engine computes them from the sub-dimensions.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still being built
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('score_dataset')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('code_system', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('approximation_json', 'text')
    .execute();

  await db.schema
    .createTable('score_value')
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('score_dataset.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('code_system', 'text', (c) => c.notNull())
    .addColumn('subdimension', 'text', (c) => c.notNull())
    // double precision: 8-byte floats on both dialects (PostgreSQL `real` would lose digits).
    .addColumn('value', 'double precision')
    .addPrimaryKeyConstraint('score_value_pk', ['dataset_id', 'year', 'province_code', 'subdimension'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('score_value').execute();
  await db.schema.dropTable('score_dataset').execute();
}
