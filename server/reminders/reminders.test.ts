/**
 * Reminders on both dialects: the panel's list is the caller's reach only; e-mail goes through a REAL
 * SMTP server (smtp-server on an ephemeral port, messages parsed with postal-mime), once per item and
 * threshold; a refused message records nothing and is sent on the next run; a moved deadline reminds again.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/plans/periods.js';
import { buildApp } from '../app.js';
import { createFixtureUsers, FIXTURE_USERS, insertFixtureUnits, TestClient, UNITS } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { todayIso } from '../db/time.js';
import { createMailTransport, sendDueReminders } from './mailer.js';
import { insertPlan, insertReport, insertTask, type SmtpCapture, startSmtpCapture } from './testing.js';

const TODAY = '2026-03-10';

describe.each(DIALECTS)('reminders on %s', (dialect) => {
  let tdb: TestDatabase;
  let smtp: SmtpCapture;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    const users = await createFixtureUsers(tdb.db);
    ids.userA1 = users.communeA1;
    ids.userProvince = users.provinceA;
    const db = tdb.db;
    const planA1 = await insertPlan(db, UNITS.a1);
    const planA2 = await insertPlan(db, UNITS.a2);
    const draftA1 = await insertPlan(db, UNITS.a1, { status: 'draft', year: 2027, number: null });
    ids.soonA1 = await insertTask(db, planA1, UNITS.a1, { title: 'Niêm yết hộ nghèo', due_date: '2026-03-15' });
    ids.overdueA1 = await insertTask(db, planA1, UNITS.a1, { title: 'Lịch tiếp công dân', due_date: '2026-03-01' });
    ids.doneA1 = await insertTask(db, planA1, UNITS.a1, { status: 'done', progress: 100, due_date: '2026-03-01' });
    ids.farA1 = await insertTask(db, planA1, UNITS.a1, { due_date: '2026-06-30' });
    ids.draftA1 = await insertTask(db, draftA1, UNITS.a1, { due_date: '2026-03-12' });
    ids.soonA2 = await insertTask(db, planA2, UNITS.a2, { title: 'Đối thoại với người dân', due_date: '2026-03-12' });
    ids.reportA1 = await insertReport(db, UNITS.a1, { due_date: '2026-03-17' });
    ids.submittedA2 = await insertReport(db, UNITS.a2, { status: 'submitted', due_date: '2026-03-19' });
    smtp = await startSmtpCapture();
    app = await buildApp({ handle: tdb, config: loadConfig({ SMTP_URL: smtp.url }) }, { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await tdb?.destroy();
  });

  it('lists what is due in the caller’s reach, most urgent first (GET /api/reminders)', async () => {
    // Deadlines relative to the real today, as the endpoint uses it.
    const today = todayIso();
    const plan = await insertPlan(tdb.db, UNITS.a1, { year: 2030 });
    const overdue = await insertTask(tdb.db, plan, UNITS.a1, { title: 'Quá hạn', due_date: addDays(today, -2) });
    const soon = await insertTask(tdb.db, plan, UNITS.a1, { title: 'Sắp đến hạn', due_date: addDays(today, 3) });
    await insertTask(tdb.db, plan, UNITS.a1, { title: 'Còn xa', due_date: addDays(today, 30) });
    const other = await insertTask(tdb.db, await insertPlan(tdb.db, UNITS.a2, { year: 2030 }), UNITS.a2, {
      due_date: addDays(today, 1),
    });

    const commune = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    const res = await commune.inject({ method: 'GET', url: '/api/reminders' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { id: string; daysLeft: number; threshold: string }[]; mailEnabled: boolean };
    const mine = body.items.filter((i) => [overdue, soon, other].includes(i.id));
    expect(mine).toEqual([
      expect.objectContaining({ id: overdue, daysLeft: -2, threshold: 'overdue' }),
      expect.objectContaining({ id: soon, daysLeft: 3, threshold: 'due_soon' }),
    ]);
    expect(body.items.map((i) => i.id)).not.toContain(other); // the other commune's task
    expect(body.mailEnabled).toBe(true);

    const province = await new TestClient(app).login(FIXTURE_USERS.provinceA.username);
    const all = (await province.inject({ method: 'GET', url: '/api/reminders' })).json() as { items: { id: string }[] };
    expect(all.items.map((i) => i.id)).toEqual(expect.arrayContaining([overdue, soon, other]));
    expect((await new TestClient(app).inject({ method: 'GET', url: '/api/reminders' })).statusCode).toBe(401);
  });

  it('keeps each user’s reminder address (PUT /api/reminders/email), validated and audited', async () => {
    const commune = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    const bad = await commune.inject({
      method: 'PUT',
      url: '/api/reminders/email',
      payload: { email: 'not-an-address' },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await commune.inject({
      method: 'PUT',
      url: '/api/reminders/email',
      payload: { email: 'Xa.AnThi@Example.vn' },
    });
    expect(ok.json()).toEqual({ email: 'xa.anthi@example.vn' });
    const got = (await commune.inject({ method: 'GET', url: '/api/reminders' })).json() as { email: string };
    expect(got.email).toBe('xa.anthi@example.vn');
    const audit = await tdb.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('entity_id', '=', ids.userA1!)
      .where('action', '=', 'update')
      .execute();
    expect(audit.map((a) => a.after_json)).toContain('{"email":"xa.anthi@example.vn"}');
  });

  it('e-mails each officer what is due in their reach, once per item and threshold, over real SMTP', async () => {
    const setEmail = (id: string, email: string | null) =>
      tdb.db.updateTable('app_user').set(sql`email`, email).where('id', '=', id).execute();
    await setEmail(ids.userA1!, 'xa.anthi@example.vn');
    await setEmail(ids.userProvince!, 'tinh@example.vn');
    // Only what the fixture's first plan rows hold matters here: pretend today is TODAY.
    const transport = createMailTransport({ url: smtp.url, from: 'OpenPAPI <no-reply@openpapi.test>' });
    smtp.messages.length = 0;

    smtp.refuse = true;
    const refused = await sendDueReminders(tdb, transport, { from: 'OpenPAPI <no-reply@openpapi.test>', today: TODAY });
    expect(refused).toMatchObject({ emails: 0, failed: 2 });
    expect(await tdb.db.selectFrom('reminder_sent').select('id').execute()).toEqual([]);

    smtp.refuse = false;
    const first = await sendDueReminders(tdb, transport, { from: 'OpenPAPI <no-reply@openpapi.test>', today: TODAY });
    expect(first).toMatchObject({ users: 2, emails: 2, failed: 0 });
    const toCommune = smtp.messages.find((m) => m.envelopeTo.includes('xa.anthi@example.vn'));
    const toProvince = smtp.messages.find((m) => m.envelopeTo.includes('tinh@example.vn'));
    expect(toCommune?.email.subject).toMatch(/^\[OpenPAPI\] \d+ việc sắp đến hạn hoặc quá hạn$/);
    const communeText = toCommune?.email.text ?? '';
    expect(communeText).toContain('- Nhiệm vụ “Niêm yết hộ nghèo” (Ân Thi): Còn 5 ngày, hạn 15/03/2026');
    expect(communeText).toContain('Còn 5 ngày');
    expect(communeText).toContain('Lịch tiếp công dân');
    expect(communeText).toContain('Quá hạn 9 ngày');
    expect(communeText).toContain('- Báo cáo quý I năm 2026 (Ân Thi): Còn 7 ngày, hạn 17/03/2026');
    expect(communeText).not.toContain('Đối thoại với người dân'); // a2's task
    expect(toProvince?.email.text).toContain('Đối thoại với người dân');
    expect(toProvince?.email.from?.address).toBe('no-reply@openpapi.test');
    const sentRows = await tdb.db
      .selectFrom('reminder_sent')
      .select(['item_id', 'threshold'])
      .where('user_id', '=', ids.userA1!)
      .execute();
    const sentIds = sentRows.map((r) => r.item_id);
    expect(sentIds).toEqual(expect.arrayContaining([ids.soonA1, ids.overdueA1, ids.reportA1]));
    for (const never of [ids.doneA1, ids.farA1, ids.draftA1, ids.soonA2, ids.submittedA2]) {
      expect(sentIds).not.toContain(never);
    }

    // The same day again: nothing new.
    const again = await sendDueReminders(tdb, transport, { from: 'x@openpapi.test', today: TODAY });
    expect(again).toMatchObject({ emails: 0, items: 0 });

    // Six days later the soon task is overdue (a new threshold), and a moved deadline is a new reminder.
    await tdb.db.updateTable('plan_task').set({ due_date: '2026-03-20' }).where('id', '=', ids.overdueA1!).execute();
    smtp.messages.length = 0;
    await sendDueReminders(tdb, transport, { from: 'x@openpapi.test', today: '2026-03-16' });
    const later = smtp.messages.find((m) => m.envelopeTo.includes('xa.anthi@example.vn'))?.email.text ?? '';
    expect(later).toContain('Niêm yết hộ nghèo');
    expect(later).toContain('Quá hạn 1 ngày');
    expect(later).toContain('Lịch tiếp công dân');
    expect(later).toContain('Còn 4 ngày');
    expect(later).not.toContain('Báo cáo quý I'); // still due_soon, already reminded
    transport.close();
  });
});
