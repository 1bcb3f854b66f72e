import type { Kysely } from 'kysely';

/**
 * Reminders: what was sent to whom, so a reminder goes out once per item and threshold; and the
 * e-mail address reminders go to (app_user had none: a nullable column, set by each user).
 * Tables are typed in server/reminders/tables.ts and listed there in dependency order.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still being built
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('email', 'text').execute();

  await db.schema
    .createTable('reminder_sent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    /** task | report */
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    /** due_soon | overdue */
    .addColumn('threshold', 'text', (c) => c.notNull())
    /** The deadline reminded of: a moved deadline is a new reminder. */
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reminder_sent_once_idx')
    .unique()
    .on('reminder_sent')
    .columns(['user_id', 'item_type', 'item_id', 'threshold', 'due_date'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reminder_sent').execute();
  await db.schema.alterTable('app_user').dropColumn('email').execute();
}
