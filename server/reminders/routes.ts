/**
 * Reminders over HTTP: the signed-in user's tasks and reports due soon or overdue (in their reach), and
 * their reminder e-mail address. When SMTP is configured the plugin also schedules the daily e-mail run
 * (croner, Asia/Ho_Chi_Minh) for as long as the server runs.
 */
import { Cron } from 'croner';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { TIME_ZONE } from '../../core/i18n/format.js';
import { isLang } from '../../core/i18n/index.js';
import { recordAudit } from '../audit/record.js';
import { todayIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { dueItems } from '../plans/repository.js';
import { actorOf } from '../policies/principal.js';
import { requirePrincipal } from '../policies/request.js';
import { unitReach } from '../policies/scope.js';
import { DUE_SOON_DAYS, userEmail } from './due.js';
import { createMailTransport, sendDueReminders } from './mailer.js';

const DueItemSchema = z.object({
  kind: z.enum(['task', 'report']),
  id: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  dueDate: z.string().meta({ example: '2026-03-31' }),
  daysLeft: z.number().int().meta({ description: '0 = today; negative = overdue by that many days' }),
  threshold: z.enum(['due_soon', 'overdue']),
  planId: z.string().nullable(),
  period: z.string().nullable(),
});

const RemindersSchema = z.object({
  today: z.string(),
  withinDays: z.number().int(),
  items: z.array(DueItemSchema),
  email: z.string().nullable(),
  /** Whether the server sends reminder e-mail (SMTP configured). */
  mailEnabled: z.boolean(),
});

export const reminderRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.handle;
  const { smtp, remindersCron } = app.ctx.config;

  app.get(
    '/reminders',
    {
      schema: {
        tags: ['reminders'],
        summary: 'Your tasks and periodic reports due within 7 days or overdue, in your reach',
        querystring: z.object({ lang: z.enum(['vi', 'en']).optional() }),
        response: { 200: RemindersSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const lang = request.query.lang ?? (isLang(principal.locale) ? principal.locale : 'vi');
      const today = todayIso();
      const items = await dueItems(db, unitReach(principal, 'read', 'Task'), {
        today,
        withinDays: DUE_SOON_DAYS,
        lang,
      });
      return {
        today,
        withinDays: DUE_SOON_DAYS,
        items,
        email: await userEmail(db, principal.userId),
        mailEnabled: smtp !== null,
      };
    },
  );

  app.put(
    '/reminders/email',
    {
      schema: {
        tags: ['reminders'],
        summary: 'Set (or clear, with null) the address your reminders go to',
        body: z.object({ email: z.email().max(254).nullable() }),
        response: { 200: z.object({ email: z.string().nullable() }) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const email = request.body.email?.trim().toLowerCase() ?? null;
      await inTransaction(db, async (tx) => {
        const before = await userEmail(tx, principal.userId);
        await tx
          .updateTable('app_user')
          .set({ updated_at: new Date().toISOString() })
          .set(sql`email`, email)
          .where('id', '=', principal.userId)
          .execute();
        await recordAudit(tx, actorOf(principal), {
          action: 'update',
          entityType: 'User',
          entityId: principal.userId,
          before: { email: before },
          after: { email },
        });
      });
      return { email };
    },
  );

  // The daily e-mail run, only when SMTP is configured; stopped with the server.
  if (smtp !== null) {
    const transport = createMailTransport(smtp);
    let job: Cron | undefined;
    app.addHook('onReady', async () => {
      job = new Cron(remindersCron, { timezone: TIME_ZONE, protect: true, name: 'reminders' }, async () => {
        try {
          const s = await sendDueReminders(app.ctx.handle, transport, { from: smtp.from });
          app.log.info({ reminders: s }, 'reminders sent');
        } catch (err) {
          app.log.error({ err }, 'reminders run failed');
        }
      });
    });
    app.addHook('onClose', async () => {
      job?.stop();
      transport.close();
    });
  }
};
