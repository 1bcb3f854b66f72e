/**
 * Table types of the reminders module: what was sent to whom, so a reminder goes out once per item,
 * threshold and deadline. Merged into `Database` (server/db/schema.ts). The reminder address itself is
 * `app_user.email` (added by the same migration, 0004_reminders).
 */

export interface ReminderSentTable {
  id: string;
  user_id: string;
  /** task | report */
  item_type: string;
  item_id: string;
  /** due_soon | overdue */
  threshold: string;
  /** The deadline the reminder was about (a moved deadline is reminded again). */
  due_date: string;
  /** Where it went. */
  email: string;
  sent_at: string;
}

export type ReminderTables = {
  reminder_sent: ReminderSentTable;
};

/** This module's tables, parents before children (backup/restore order; see server/db/migrate.ts). */
export const REMINDER_TABLE_NAMES = ['reminder_sent'] as const satisfies readonly (keyof ReminderTables)[];
