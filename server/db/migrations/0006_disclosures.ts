import type { Kysely } from 'kysely';
import { DEFAULT_DISCLOSURE_TYPES } from '../../../core/disclosures/types.js';

/**
 * Public disclosure register (công khai): the configurable item types (seeded from the law, reference
 * data) and the postings communes record. Evidence photos and public copies live in `stored_file`
 * (owner types 'disclosure' and 'disclosure_public').
 * Tables are typed in server/disclosures/tables.ts and listed there in dependency order.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still being built
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('disclosure_type')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('legal_basis_vi', 'text', (c) => c.notNull())
    .addColumn('legal_basis_en', 'text', (c) => c.notNull())
    .addColumn('rule_kind', 'text', (c) => c.notNull())
    .addColumn('min_days', 'integer')
    .addColumn('personal_data', 'integer', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('papi_json', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('disclosure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('type_id', 'text', (c) => c.notNull().references('disclosure_type.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('places_json', 'text', (c) => c.notNull())
    .addColumn('place_note', 'text')
    .addColumn('posted_from', 'text', (c) => c.notNull())
    .addColumn('posted_until', 'text')
    .addColumn('period_end', 'text')
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('redacted', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosure_unit_year_idx').on('disclosure').columns(['unit_id', 'year']).execute();
  await db.schema.createIndex('disclosure_published_idx').on('disclosure').columns(['published', 'year']).execute();

  const now = new Date().toISOString();
  await db
    .insertInto('disclosure_type')
    .values(
      DEFAULT_DISCLOSURE_TYPES.map((t, i) => ({
        id: t.code,
        name_vi: t.nameVi,
        name_en: t.nameEn,
        legal_basis_vi: t.legalBasisVi,
        legal_basis_en: t.legalBasisEn,
        rule_kind: t.rule.kind,
        min_days: t.rule.kind === 'days' ? t.rule.days : null,
        personal_data: t.personalData ? 1 : 0,
        required: t.required ? 1 : 0,
        active: 1,
        papi_json: JSON.stringify(t.papi),
        position: i + 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('disclosure').ifExists().execute();
  await db.schema.dropTable('disclosure_type').ifExists().execute();
}
