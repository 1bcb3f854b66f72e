import type { Command } from 'commander';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/connection.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { createMailTransport, sendDueReminders } from '../../server/reminders/mailer.js';

/**
 * `openpapi reminders send`: the same e-mail run the server schedules daily, on demand (for cron on
 * hosts that do not keep the server running, or to test the SMTP settings). Needs SMTP_URL or SMTP_HOST.
 */
export function registerReminders(program: Command): void {
  const reminders = program.command('reminders').description('Reminders of tasks and reports due soon or overdue');
  reminders
    .command('send')
    .description('E-mail every officer the items in their reach that are due within 7 days or overdue (once each)')
    .option('--database <url>', 'database URL (default: $DATABASE_URL or var/data/openpapi.sqlite)')
    .option('--today <date>', 'pretend today is this date (YYYY-MM-DD, Vietnam)')
    .action(async (opts: { database?: string; today?: string }) => {
      const config = loadConfig();
      if (!config.smtp) {
        process.stderr.write(
          'reminders: no SMTP configured (set SMTP_URL, or SMTP_HOST/SMTP_PORT/SMTP_USER/SMTP_PASS)\n',
        );
        process.exitCode = 2;
        return;
      }
      if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) {
        process.stderr.write(`reminders: --today must be YYYY-MM-DD, got "${opts.today}"\n`);
        process.exitCode = 2;
        return;
      }
      const handle = openDatabase(opts.database ?? config.databaseUrl);
      const transport = createMailTransport(config.smtp);
      try {
        await migrateToLatest(handle);
        const s = await sendDueReminders(handle, transport, {
          from: config.smtp.from,
          ...(opts.today ? { today: opts.today } : {}),
        });
        process.stdout.write(
          `reminders: ${s.emails} e-mails with ${s.items} reminders to ${s.users} officers` +
            (s.failed > 0 ? `; ${s.failed} refused by the SMTP server (retried next run)` : '') +
            '\n',
        );
        if (s.failed > 0) process.exitCode = 1;
      } finally {
        transport.close();
        await handle.close();
      }
    });
}
