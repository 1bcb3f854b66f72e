/**
 * `openpapi reminders send` as an operator runs it (a child process on cli/main.ts), against a real SMTP
 * capture server: the officer gets one message, a second run sends nothing, no SMTP → exit 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureUsers, insertFixtureUnits, UNITS } from '../server/auth/testing.js';
import { openDatabase } from '../server/db/connection.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { DIALECTS } from '../server/db/testing.js';
import { insertPlan, insertTask, type SmtpCapture, startSmtpCapture } from '../server/reminders/testing.js';
import { createPgDatabase, runOpenpapi } from './testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'openpapi-cli-reminders-'));
let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
  rmSync(work, { recursive: true, force: true });
});

describe.each(DIALECTS)('openpapi reminders send on %s', (dialect) => {
  let url: string;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (dialect === 'sqlite') url = `sqlite:${join(work, 'reminders.sqlite')}`;
    else {
      const pg = await createPgDatabase();
      url = pg.url;
      drop = pg.drop;
    }
    const handle = openDatabase(url);
    await migrateToLatest(handle);
    await insertFixtureUnits(handle.db);
    const users = await createFixtureUsers(handle.db);
    await handle.db
      .updateTable('app_user')
      .set(sql`email`, 'xa.anthi@example.vn')
      .where('id', '=', users.communeA1)
      .execute();
    const plan = await insertPlan(handle.db, UNITS.a1);
    await insertTask(handle.db, plan, UNITS.a1, {
      title: 'Niêm yết công khai dự toán ngân sách xã',
      due_date: '2026-03-12',
    });
    await handle.close();
  });
  afterAll(() => drop());

  it('e-mails the officer once, and refuses to run without SMTP', async () => {
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, SMTP_FROM: 'OpenPAPI <nhac-viec@openpapi.test>' };
    smtp.messages.length = 0;
    const first = await runOpenpapi(['reminders', 'send', '--today', '2026-03-10'], env);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toBe('reminders: 1 e-mails with 1 reminders to 1 officers\n');
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.envelopeTo).toEqual(['xa.anthi@example.vn']);
    expect(smtp.messages[0]?.email.text).toContain(
      '- Nhiệm vụ “Niêm yết công khai dự toán ngân sách xã” (Ân Thi): Còn 2 ngày, hạn 12/03/2026',
    );

    const second = await runOpenpapi(['reminders', 'send', '--today', '2026-03-10'], env);
    expect(second.out).toBe('reminders: 0 e-mails with 0 reminders to 0 officers\n');
    expect(smtp.messages).toHaveLength(1);

    const noSmtp = await runOpenpapi(['reminders', 'send'], { DATABASE_URL: url });
    expect(noSmtp.code).toBe(2);
    expect(noSmtp.err).toMatch(/no SMTP configured/);
  });
});
