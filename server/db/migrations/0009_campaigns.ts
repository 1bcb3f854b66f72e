import type { Kysely } from 'kysely';

/**
 * Survey campaigns (đợt khảo sát): invitations (one per token) and responses, with no personal data.
 * Tables are typed in server/campaigns/tables.ts and listed there in dependency order.
 *
 * Anonymity by construction: `survey_response` has no column that names, locates or fingerprints a
 * person (no name, IP, user agent, token, invitation id), and the invitation keeps only a hash of the
 * client's response UUID (to answer a retried POST), never the response row's id.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still being built
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    // The questionnaire version fielded (server/surveys); fixed for the campaign's life.
    .addColumn('questionnaire_version_id', 'text', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_campaign_unit_idx').on('survey_campaign').column('unit_id').execute();

  await db.schema
    .createTable('survey_invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaign.id').onDelete('cascade'))
    .addColumn('serial', 'integer', (c) => c.notNull())
    // sha256 of the token (hex): the token itself is shown once, printed, and never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('cluster', 'text')
    .addColumn('stratum', 'text')
    .addColumn('weight', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_on', 'text')
    .addColumn('response_key_hash', 'text')
    .addUniqueConstraint('survey_invitation_serial_unique', ['campaign_id', 'serial'])
    .execute();

  await db.schema
    .createTable('survey_response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaign.id').onDelete('cascade'))
    .addColumn('questionnaire_version_id', 'text', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text')
    .addColumn('stratum', 'text')
    .addColumn('weight', 'double precision')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_response_campaign_idx').on('survey_response').column('campaign_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_response').ifExists().execute();
  await db.schema.dropTable('survey_invitation').ifExists().execute();
  await db.schema.dropTable('survey_campaign').ifExists().execute();
}
