/**
 * What is due for reminders. The query itself is the plans module's `dueItems` (server/plans/repository.ts,
 * one implementation for the reminders list, the e-mails and the plans module); this file holds what only
 * reminders need: the default "due soon" window and the user's e-mail address.
 */

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Tx } from '../db/transaction.js';

export type { DueItem, DueThreshold as ReminderThreshold } from '../plans/repository.js';

type Db = Kysely<Database> | Tx;

/** "Due soon" = the deadline is at most this many days away. */
export const DUE_SOON_DAYS = 7;

/** The e-mail address of a user (app_user.email, added by migration 0004_reminders). */
export async function userEmail(db: Db, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('app_user')
    .select(sql<string | null>`email`.as('email'))
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.email ?? null;
}
