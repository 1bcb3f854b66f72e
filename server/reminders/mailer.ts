/**
 * Reminder e-mail over SMTP (nodemailer). Each officer with an e-mail address gets one message listing
 * the items in their reach that crossed a threshold (due within 7 days; overdue) and were not reminded
 * of yet for that threshold and deadline. The "sent" rows are written in the same transaction as the
 * send: if the SMTP server refuses, nothing is recorded and the next run tries again; the unique index
 * on (user, item, threshold, deadline) stops a second server from sending the same reminder twice.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { formatShortDate } from '../../core/documents/format.js';
import { isLang, type Lang, t } from '../../core/i18n/index.js';
import { systemActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record.js';
import { loadRoleGrants } from '../auth/principal.js';
import type { SmtpConfig } from '../config.js';
import type { DbHandle } from '../db/connection.js';
import { nowIso, todayIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { dueItems } from '../plans/repository.js';
import type { Principal } from '../policies/principal.js';
import { unitReach } from '../policies/scope.js';
import { DUE_SOON_DAYS, type DueItem } from './due.js';

/** A nodemailer transport from the configuration (URL, or host/port/user/pass). */
export function createMailTransport(smtp: SmtpConfig): Transporter {
  if (smtp.url) return nodemailer.createTransport(smtp.url);
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port ?? 587,
    secure: smtp.port === 465,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
  });
}

/** Roles that act on tasks and reports, and so are reminded (viewers and system admins are not). */
const REMINDED_ROLES = new Set(['province_officer', 'commune_officer']);

export interface SendSummary {
  /** Officers with an address who had something new to be reminded of. */
  users: number;
  emails: number;
  /** Reminder lines sent (item × threshold). */
  items: number;
  /** Messages the SMTP server refused (retried on the next run). */
  failed: number;
}

function whenText(lang: Lang, item: DueItem): string {
  if (item.daysLeft < 0) return t(lang, 'documents:reminders.overdueBy', { days: -item.daysLeft });
  if (item.daysLeft === 0) return t(lang, 'documents:reminders.dueToday');
  return t(lang, 'documents:reminders.dueIn', { days: item.daysLeft });
}

export function reminderMessage(lang: Lang, name: string, items: readonly DueItem[]) {
  const lines = items.map((i) =>
    t(lang, 'documents:reminders.mailLine', {
      title: i.kind === 'task' ? t(lang, 'documents:reminders.taskTitle', { title: i.title }) : i.title,
      unit: i.unitName,
      when: whenText(lang, i),
      date: formatShortDate(i.dueDate),
    }),
  );
  return {
    subject: t(lang, 'documents:reminders.mailSubject', { count: items.length }),
    text: [
      t(lang, 'documents:reminders.mailGreeting', { name }),
      '',
      t(lang, 'documents:reminders.mailLead'),
      '',
      ...lines,
      '',
      t(lang, 'documents:reminders.mailFooter'),
    ].join('\n'),
  };
}

/** Sends what is due to every officer with an e-mail address; see the header for the once-only rule. */
export async function sendDueReminders(
  handle: DbHandle,
  transport: Transporter,
  options: { from: string; today?: string; withinDays?: number },
): Promise<SendSummary> {
  const { db } = handle;
  const today = options.today ?? todayIso();
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'locale', sql<string | null>`email`.as('email')])
    .where(sql<boolean>`email is not null and email <> ''`)
    .where('disabled', '=', 0)
    .orderBy('username')
    .execute();
  const grants = await loadRoleGrants(
    db,
    users.map((u) => u.id),
  );
  const summary: SendSummary = { users: 0, emails: 0, items: 0, failed: 0 };

  for (const user of users) {
    const roles = (grants.get(user.id) ?? []).filter((g) => REMINDED_ROLES.has(g.role));
    if (roles.length === 0 || !user.email) continue;
    const principal: Principal = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      locale: user.locale,
      roles,
      sessionId: null,
    };
    const lang: Lang = isLang(user.locale) ? user.locale : 'vi';
    const due = await dueItems(db, unitReach(principal, 'update', 'Task'), {
      today,
      withinDays: options.withinDays ?? DUE_SOON_DAYS,
      lang,
    });
    if (due.length === 0) continue;
    const sent = await db
      .selectFrom('reminder_sent')
      .select(['item_type', 'item_id', 'threshold', 'due_date'])
      .where('user_id', '=', user.id)
      .execute();
    const key = (type: string, id: string, threshold: string, date: string) => `${type}|${id}|${threshold}|${date}`;
    const done = new Set(sent.map((s) => key(s.item_type, s.item_id, s.threshold, s.due_date)));
    const fresh = due.filter((i) => !done.has(key(i.kind, i.id, i.threshold, i.dueDate)));
    if (fresh.length === 0) continue;

    summary.users += 1;
    const email = user.email;
    try {
      await inTransaction(db, async (tx) => {
        const at = nowIso();
        await tx
          .insertInto('reminder_sent')
          .values(
            fresh.map((i) => ({
              id: randomUUID(),
              user_id: user.id,
              item_type: i.kind,
              item_id: i.id,
              threshold: i.threshold,
              due_date: i.dueDate,
              email,
              sent_at: at,
            })),
          )
          .execute();
        await recordAudit(tx, systemActor('reminders'), {
          action: 'remind',
          entityType: 'User',
          entityId: user.id,
          after: { email, items: fresh.map((i) => ({ kind: i.kind, id: i.id, threshold: i.threshold })) },
        });
        const message = reminderMessage(lang, user.display_name, fresh);
        await transport.sendMail({ from: options.from, to: email, subject: message.subject, text: message.text });
      });
      summary.emails += 1;
      summary.items += fresh.length;
    } catch {
      summary.failed += 1;
    }
  }
  return summary;
}
