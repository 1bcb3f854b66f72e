import type { Kysely } from 'kysely';

/**
 * Citizen feedback and petitions (phản ánh, kiến nghị), complaints (khiếu nại), denunciations (tố cáo).
 * Tables are typed in server/feedback/tables.ts and listed there in dependency order.
 *
 * The citizen's identity lives in its own table (`feedback_contact`) so that only code that has decided
 * the caller may see it (server/feedback/confidentiality.ts) ever reads it: a denouncer's identity is
 * visible to the handling officer only (Luật Tố cáo 2018, Điều 47).
 *
 * Categories and track deadlines have built-in defaults in core/feedback; these tables hold only what an
 * administrator adds or overrides (so a fresh database stays empty, as backup/restore expects).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still being built
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feedback_category')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    // PAPI dimension it speaks to: D3 … D7
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('feedback_track_config')
    .addColumn('track', 'text', (c) => c.primaryKey())
    .addColumn('accept_days', 'integer', (c) => c.notNull())
    .addColumn('accept_working_days', 'integer', (c) => c.notNull())
    .addColumn('resolve_days', 'integer', (c) => c.notNull())
    .addColumn('resolve_working_days', 'integer', (c) => c.notNull())
    .addColumn('complex_resolve_days', 'integer', (c) => c.notNull())
    .addColumn('remote_resolve_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback_routing_rule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category_id', 'text')
    .addColumn('commune_id', 'text', (c) => c.references('unit.id'))
    .addColumn('track', 'text')
    // 'commune' (the commune itself), 'province' (its province), 'unit' (target_unit_id)
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_unit_id', 'text', (c) => c.references('unit.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // client-supplied UUID: a retried POST finds its first row (idempotency)
    .addColumn('submission_id', 'text', (c) => c.notNull().unique())
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('track', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('unit.id'))
    // responsible unit (đơn vị xử lý), from the routing rules
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('place', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reject_reason', 'text')
    .addColumn('answer', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('accepted_on', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('accept_due', 'text', (c) => c.notNull())
    .addColumn('resolve_due', 'text')
    .addColumn('complex', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('remote_area', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handler_user_id', 'text', (c) => c.references('app_user.id'))
    // 'clear' | 'pending' | 'approved' | 'rejected'
    .addColumn('moderation', 'text', (c) => c.notNull())
    .addColumn('moderation_flags', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    // the proof-of-work challenge it spent (single use)
    .addColumn('challenge_id', 'text', (c) => c.unique())
    .addColumn('rating_resolved', 'integer')
    .addColumn('rating_score', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_unit_idx').on('feedback').columns(['unit_id', 'status']).execute();
  await db.schema.createIndex('feedback_hash_idx').on('feedback').columns(['content_hash']).execute();
  await db.schema.createIndex('feedback_received_idx').on('feedback').columns(['received_at']).execute();

  await db.schema
    .createTable('feedback_contact')
    .addColumn('feedback_id', 'text', (c) => c.primaryKey().references('feedback.id').onDelete('cascade'))
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .execute();

  await db.schema
    .createTable('feedback_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feedback_id', 'text', (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    // 'status' | 'note' | 'assign' | 'moderation' | 'rating' | 'extend'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('note', 'text')
    // shown to the citizen on the tracking page and as Open311 status_notes
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_event_fb_idx').on('feedback_event').columns(['feedback_id', 'at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feedback_event').execute();
  await db.schema.dropTable('feedback_contact').execute();
  await db.schema.dropTable('feedback').execute();
  await db.schema.dropTable('feedback_routing_rule').execute();
  await db.schema.dropTable('feedback_track_config').execute();
  await db.schema.dropTable('feedback_category').execute();
}
