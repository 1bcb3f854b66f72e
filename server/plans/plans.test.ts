/**
 * The plans module end to end over HTTP, on SQLite and PostgreSQL: plan lifecycle with versions,
 * draft from diagnosis, cascade province → communes with roll-up and visibility, evidence, periodic
 * reports with approval and consolidation, the board, and the seams for documents and reminders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { buildApp } from '../app.js';
import { systemActor } from '../audit/actor.js';
import {
  createFixtureUsers,
  FIXTURE_PASSWORD,
  FIXTURE_USERS,
  insertFixtureUnits,
  TestClient,
  UNITS,
} from '../auth/testing.js';
import { importPublishedScores } from '../commands/publishedScoresImporter.js';
import { createUser } from '../commands/userCreator.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { inTransaction } from '../db/transaction.js';
import { oneFile, PNG_1X1 } from '../files/testing.js';
import { cascadeTask, createPlan, createTask, createTasks, reportProgress } from './commands.js';
import { dueItems, loadPlanDocumentData, loadReportDocumentData } from './repository.js';
import type { PlanDetail, ReportBoard, ReportDetail, Task, TaskDetail } from './schemas.js';

type App = Awaited<ReturnType<typeof buildApp>>;

describe.each(DIALECTS)('plans API on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: App;
  let province: TestClient;
  let a1: TestClient;
  let a2: TestClient;
  let viewer: TestClient;
  let admin: TestClient;
  /** The reach (unit paths) of the given units, as a principal's unitReach would give it. */
  const reachOf = async (...unitIds: string[]) =>
    (await tdb.db.selectFrom('unit').select('path').where('id', 'in', unitIds).execute()).map((u) => u.path);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    await createFixtureUsers(tdb.db);
    await createUser(tdb.db, systemActor('test'), {
      username: 'fx.commune.a2',
      password: FIXTURE_PASSWORD,
      roles: [{ role: 'commune_officer', unitId: UNITS.a2 }],
    });
    await importPublishedScores(tdb.db, systemActor('test'));
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    province = await new TestClient(app).login(FIXTURE_USERS.provinceA.username);
    a1 = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    a2 = await new TestClient(app).login('fx.commune.a2');
    viewer = await new TestClient(app).login(FIXTURE_USERS.viewerA.username);
    admin = await new TestClient(app).login(FIXTURE_USERS.admin.username);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  let provincePlan: PlanDetail;
  let cascaded: Task;

  it('drafts the province plan from the diagnosis, with library tasks for the weakest sub-dimensions', async () => {
    const preview = await province.inject({ method: 'GET', url: `/api/plans/proposal?unitId=${UNITS.A}&year=2026` });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json() as { focus: string[]; draft: { tasks: { subdimension: string }[] }; sentences: string[] };
    expect(p.focus.length).toBeGreaterThan(0);
    expect(p.draft.tasks.every((t) => p.focus.includes(t.subdimension))).toBe(true);
    expect(p.sentences.length).toBeGreaterThan(0);

    const res = await province.inject({
      method: 'POST',
      url: '/api/plans/from-diagnosis',
      payload: { unitId: UNITS.A, year: 2026 },
    });
    expect(res.statusCode, res.body).toBe(201);
    provincePlan = res.json() as PlanDetail;
    expect(provincePlan).toMatchObject({ status: 'draft', version: 0, year: 2026, canEdit: true });
    expect(provincePlan.title).toContain('(PAPI) tỉnh Hưng Yên năm 2026');
    expect(provincePlan.issuingBody).toBe('ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN');
    expect(provincePlan.tasks.length).toBe(p.draft.tasks.length);
    expect(provincePlan.sections).toHaveLength(8);
    expect(provincePlan.targets.length).toBeGreaterThan(0);
    expect(provincePlan.basis.join(' ')).toContain('Căn cứ kết quả Chỉ số PAPI');

    const again = await province.inject({
      method: 'POST',
      url: '/api/plans',
      payload: { unitId: UNITS.A, year: 2026 },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('already has a plan for 2026');
  });

  it('edits the draft, issues it (version 1 kept) and refuses invalid transitions with 409', async () => {
    const id = provincePlan.id;
    const edit = await province.inject({
      method: 'PATCH',
      url: `/api/plans/${id}`,
      payload: { place: 'Hưng Yên', sections: [{ dimension: 2, content: 'Công khai, minh bạch' }] },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((edit.json() as PlanDetail).sections.find((s) => s.dimension === 2)?.content).toBe('Công khai, minh bạch');

    const closeDraft = await province.inject({ method: 'POST', url: `/api/plans/${id}/close` });
    expect(closeDraft.statusCode).toBe(409);
    expect(closeDraft.json().message).toBe('Only an issued or amended plan can be closed (the plan is draft)');

    const issue = await province.inject({
      method: 'POST',
      url: `/api/plans/${id}/issue`,
      payload: {
        number: '192',
        symbol: 'KH-UBND',
        issuedDate: '2025-12-26',
        signerName: 'Nguyễn Văn A',
        signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
      },
    });
    expect(issue.statusCode, issue.body).toBe(200);
    provincePlan = issue.json() as PlanDetail;
    expect(provincePlan).toMatchObject({ status: 'issued', version: 1, number: '192', symbol: 'KH-UBND' });
    expect(provincePlan.versions).toMatchObject([{ version: 1, status: 'issued', reason: null }]);

    expect(
      (await province.inject({ method: 'PATCH', url: `/api/plans/${id}`, payload: { purpose: 'x' } })).statusCode,
    ).toBe(409);
    const amend = await province.inject({
      method: 'POST',
      url: `/api/plans/${id}/amend`,
      payload: { reason: 'Bổ sung mục tiêu', changes: { purpose: 'Mục đích mới' } },
    });
    expect(amend.statusCode, amend.body).toBe(200);
    expect(amend.json()).toMatchObject({ status: 'amended', version: 2, purpose: 'Mục đích mới' });
    const v1 = await province.inject({ method: 'GET', url: `/api/plans/${id}/versions/1` });
    expect(v1.statusCode).toBe(200);
    expect((v1.json() as { snapshot: { purpose: string } }).snapshot.purpose).not.toBe('Mục đích mới');
    const audit = await tdb.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'issue', 'amend']);
  });

  it('cascades a task to two communes, creating their draft plans, and rolls progress up', async () => {
    const task = provincePlan.tasks[0] as Task;
    const res = await province.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/cascade`,
      payload: { unitIds: [UNITS.a1, UNITS.a2], dueDate: '2026-06-30' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const children = (res.json() as { children: Task[] }).children;
    expect(children.map((c) => c.unitId).sort()).toEqual([UNITS.a1, UNITS.a2].sort());
    expect(children.every((c) => c.parentTaskId === task.id && c.dueDate === '2026-06-30')).toBe(true);
    cascaded = children.find((c) => c.unitId === UNITS.a1) as Task;
    expect(cascaded.leadUnitName).toBe('UBND xã Ân Thi');
    expect(children.find((c) => c.unitId === UNITS.a2)?.leadUnitName).toBe('UBND phường Phố Hiến');

    const childPlan = (await a1.inject({ method: 'GET', url: `/api/plans/${cascaded.planId}` })).json() as PlanDetail;
    expect(childPlan).toMatchObject({ status: 'draft', unitId: UNITS.a1, parentPlan: { id: provincePlan.id } });

    const twice = await province.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/cascade`,
      payload: { unitIds: [UNITS.a1] },
    });
    expect(twice.statusCode).toBe(409);
    const sideways = await province.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/cascade`,
      payload: { unitIds: [UNITS.b1] },
    });
    expect(sideways.statusCode).toBe(400);
    const upwards = await a1.inject({
      method: 'POST',
      url: `/api/tasks/${cascaded.id}/cascade`,
      payload: { unitIds: [UNITS.A] },
    });
    expect(upwards.statusCode).toBe(400);

    const p1 = await a1.inject({
      method: 'POST',
      url: `/api/tasks/${cascaded.id}/progress`,
      payload: { progress: 60, note: 'Đã niêm yết 5/7 thôn' },
    });
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p1.json()).toMatchObject({ status: 'in_progress', progress: 60 });
    const other = children.find((c) => c.unitId === UNITS.a2) as Task;
    expect(
      (await a2.inject({ method: 'POST', url: `/api/tasks/${other.id}/progress`, payload: { status: 'done' } }))
        .statusCode,
    ).toBe(200);

    const parent = (await province.inject({ method: 'GET', url: `/api/tasks/${task.id}` })).json() as TaskDetail;
    expect(parent).toMatchObject({ status: 'in_progress', progress: 80, childCount: 2 });
    expect(parent.children.map((c) => [c.unitId, c.progress]).sort()).toEqual(
      [
        [UNITS.a1, 60],
        [UNITS.a2, 100],
      ].sort(),
    );

    const direct = await province.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/progress`,
      payload: { progress: 10 },
    });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().message).toContain('rolled up from the 2 lower units');
  });

  it('keeps each commune to its own tasks, plans and evidence', async () => {
    const other = (await province.inject({ method: 'GET', url: `/api/tasks?unitId=${UNITS.a2}` })).json() as {
      tasks: Task[];
    };
    const a2Task = other.tasks[0] as Task;
    expect(a2Task.unitId).toBe(UNITS.a2);
    expect((await a1.inject({ method: 'GET', url: `/api/tasks/${a2Task.id}` })).statusCode).toBe(404);
    expect((await a1.inject({ method: 'GET', url: `/api/plans/${a2Task.planId}` })).statusCode).toBe(404);
    expect(
      (await a1.inject({ method: 'POST', url: `/api/tasks/${a2Task.id}/progress`, payload: { progress: 5 } }))
        .statusCode,
    ).toBe(403);
    const mine = (await a1.inject({ method: 'GET', url: '/api/tasks' })).json() as { tasks: Task[] };
    expect(mine.tasks.length).toBeGreaterThan(0);
    expect(mine.tasks.every((t) => t.unitId === UNITS.a1)).toBe(true);
    const plans = (await a1.inject({ method: 'GET', url: '/api/plans' })).json() as { plans: PlanDetail[] };
    expect(plans.plans.map((p) => p.unitId)).toEqual([UNITS.a1]);
    const viewerWrite = await viewer.inject({
      method: 'POST',
      url: `/api/tasks/${cascaded.id}/progress`,
      payload: { progress: 70 },
    });
    expect(viewerWrite.statusCode).toBe(403);
    // The commune sees its own task but not the province task it came from.
    const own = (await a1.inject({ method: 'GET', url: `/api/tasks/${cascaded.id}` })).json() as TaskDetail;
    expect(own.parent).toBeNull();
  });

  it('stores evidence files with the task, checked by their bytes', async () => {
    const up = await a1.inject({
      method: 'POST',
      url: `/api/tasks/${cascaded.id}/evidence`,
      ...oneFile('ảnh niêm yết.png', PNG_1X1, 'image/png'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const file = (up.json() as { files: { id: string; mediaType: string }[] }).files[0];
    expect(file?.mediaType).toBe('image/png');
    const bad = await a1.inject({
      method: 'POST',
      url: `/api/tasks/${cascaded.id}/evidence`,
      ...oneFile('virus.png', Buffer.from('MZ not an image'), 'image/png'),
    });
    expect(bad.statusCode).toBe(400);
    const detail = (await province.inject({ method: 'GET', url: `/api/tasks/${cascaded.id}` })).json() as TaskDetail;
    expect(detail.evidence.map((e) => e.filename)).toEqual(['ảnh niêm yết.png']);
    const dl = await province.inject({ method: 'GET', url: `/api/tasks/${cascaded.id}/evidence/${file?.id}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PNG_1X1)).toBe(true);
    expect((await a2.inject({ method: 'GET', url: `/api/tasks/${cascaded.id}/evidence/${file?.id}` })).statusCode).toBe(
      404,
    );
  });

  it('runs the Q1 reports bottom-up: submit locks, return with reason, approve, consolidate, board', async () => {
    const create = await a1.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { unitId: UNITS.a1, period: '2026Q1' },
    });
    expect(create.statusCode, create.body).toBe(201);
    const r1 = create.json() as ReportDetail;
    expect(r1).toMatchObject({ status: 'draft', dueDate: '2026-03-19', period: '2026Q1' });
    expect(r1.tasks.map((t) => t.taskId)).toContain(cascaded.id);
    expect(r1.tasks.find((t) => t.taskId === cascaded.id)).toMatchObject({ progress: 60, status: 'in_progress' });

    const empty = await a1.inject({ method: 'POST', url: `/api/reports/${r1.id}/submit` });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().message).toContain('general assessment');

    await a1.inject({
      method: 'PATCH',
      url: `/api/reports/${r1.id}`,
      payload: {
        summary: 'Ân Thi: triển khai đúng tiến độ',
        sections: [{ dimension: 2, narrative: 'Đã công khai danh sách hộ nghèo' }],
      },
    });
    const sub = await a1.inject({ method: 'POST', url: `/api/reports/${r1.id}/submit` });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted', canEdit: false });
    expect(
      (await a1.inject({ method: 'PATCH', url: `/api/reports/${r1.id}`, payload: { summary: 'sửa' } })).statusCode,
    ).toBe(409);
    // The commune cannot approve its own report; the province can.
    expect((await a1.inject({ method: 'POST', url: `/api/reports/${r1.id}/approve` })).statusCode).toBe(403);
    expect(
      (await province.inject({ method: 'POST', url: `/api/reports/${r1.id}/return`, payload: { reason: ' ' } }))
        .statusCode,
    ).toBe(409);
    const ret = await province.inject({
      method: 'POST',
      url: `/api/reports/${r1.id}/return`,
      payload: { reason: 'Bổ sung số liệu D2' },
    });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', returnReason: 'Bổ sung số liệu D2' });
    await a1.inject({
      method: 'PATCH',
      url: `/api/reports/${r1.id}`,
      payload: { sections: [{ dimension: 2, narrative: 'Đã công khai danh sách hộ nghèo tại 7/7 thôn' }] },
    });
    expect((await a1.inject({ method: 'POST', url: `/api/reports/${r1.id}/submit` })).statusCode).toBe(200);
    const ok = await province.inject({ method: 'POST', url: `/api/reports/${r1.id}/approve` });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as ReportDetail).events.map((e) => e.action)).toEqual(['submit', 'return', 'submit', 'approve']);

    const r2 = (
      await a2.inject({ method: 'POST', url: '/api/reports', payload: { unitId: UNITS.a2, period: '2026Q1' } })
    ).json() as ReportDetail;
    await a2.inject({
      method: 'PATCH',
      url: `/api/reports/${r2.id}`,
      payload: { summary: 'Phố Hiến hoàn thành', proposals: 'Hỗ trợ kinh phí' },
    });
    await a2.inject({ method: 'POST', url: `/api/reports/${r2.id}/submit` });
    await province.inject({ method: 'POST', url: `/api/reports/${r2.id}/approve` });

    const rp = (
      await province.inject({ method: 'POST', url: '/api/reports', payload: { unitId: UNITS.A, period: '2026Q1' } })
    ).json() as ReportDetail;
    expect(rp.dueDate).toBe('2026-03-24');
    const cons = await province.inject({ method: 'POST', url: `/api/reports/${rp.id}/consolidate` });
    expect(cons.statusCode, cons.body).toBe(200);
    const merged = cons.json() as ReportDetail;
    expect(merged.sources.map((s) => s.unitId).sort()).toEqual([UNITS.a1, UNITS.a2].sort());
    expect(merged.summary).toContain('Ân Thi: Ân Thi: triển khai đúng tiến độ');
    expect(merged.summary).toContain('Phố Hiến: Phố Hiến hoàn thành');
    expect(merged.sections.find((s) => s.dimension === 2)?.narrative).toContain('7/7 thôn');
    expect(merged.tasks.some((t) => t.unitId === UNITS.a1 && t.taskId === cascaded.id)).toBe(true);
    expect((await province.inject({ method: 'POST', url: `/api/reports/${rp.id}/consolidate` })).statusCode).toBe(409);

    const board = (
      await province.inject({ method: 'GET', url: `/api/reports/board?unitId=${UNITS.A}&period=2026Q1` })
    ).json() as ReportBoard;
    expect(board.rows.map((r) => r.unit.id).sort()).toEqual([UNITS.a1, UNITS.a2].sort());
    expect(board.totals).toMatchObject({ units: 2, approved: 2 });
    expect(board.rows.every((r) => r.timeliness === 'on_time' || r.timeliness === 'late')).toBe(true);
    // Commune officers see their own report only.
    const seen = (await a1.inject({ method: 'GET', url: '/api/reports' })).json() as {
      reports: { unit: { id: string } }[];
    };
    expect(seen.reports.map((r) => r.unit.id)).toEqual([UNITS.a1]);
    expect((await a1.inject({ method: 'GET', url: `/api/reports/${r2.id}` })).statusCode).toBe(404);
    expect((await admin.inject({ method: 'GET', url: `/api/reports/${r2.id}` })).statusCode).toBe(200);
  });

  it('gives documents the whole plan and report as plain objects', async () => {
    const plan = await loadPlanDocumentData(tdb.db, provincePlan.id);
    expect(plan).toMatchObject({ number: '192', symbol: 'KH-UBND', year: 2026, signer: { name: 'Nguyễn Văn A' } });
    expect(plan?.tasks.length).toBe(provincePlan.tasks.length);
    expect(plan?.tasks[0]?.leadUnit).toBeTruthy();
    const child = await loadPlanDocumentData(tdb.db, cascaded.planId);
    expect(child?.parentPlan).toMatchObject({ number: '192', symbol: 'KH-UBND', issuedDate: '2025-12-26' });
    const reports = await tdb.db.selectFrom('plan_report').select('id').where('unit_id', '=', UNITS.A).execute();
    const report = await loadReportDocumentData(tdb.db, reports[0]?.id as string);
    expect(report?.period).toBe('2026Q1');
    expect(report?.tasks.some((t) => t.unitName === 'Ân Thi')).toBe(true);
  });

  it('imports task rows all or nothing, naming the bad row and column', async () => {
    const before = await tdb.db.selectFrom('plan_task').select('id').where('plan_id', '=', cascaded.planId).execute();
    const attempt = inTransaction(tdb.db, (tx) =>
      createTasks(tx, systemActor('test'), cascaded.planId, [
        { title: 'Đối thoại với Nhân dân', leadUnitName: 'Văn phòng', dueDate: '2026-09-30' },
        { title: 'Thiếu chủ trì', dueDate: '2026-09-30' },
      ]),
    );
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toMatchObject({ location: { row: 2, column: 'leadUnitName' } });
    const after = await tdb.db.selectFrom('plan_task').select('id').where('plan_id', '=', cascaded.planId).execute();
    expect(after.length).toBe(before.length);
  });

  it('lists due and overdue tasks and reports for reminders', async () => {
    const items = await dueItems(tdb.db, await reachOf(UNITS.a1), { today: '2026-06-25', withinDays: 7 });
    expect(items.find((i) => i.id === cascaded.id)).toMatchObject({
      kind: 'task',
      unitName: 'Ân Thi',
      dueDate: '2026-06-30',
      threshold: 'due_soon',
      daysLeft: 5,
    });
    const late = await dueItems(tdb.db, await reachOf(UNITS.a1, UNITS.a2), {
      today: '2026-07-05',
      withinDays: 0,
      lang: 'en',
    });
    expect(late.find((i) => i.id === cascaded.id)).toMatchObject({
      unitName: 'An Thi',
      threshold: 'overdue',
      daysLeft: -5,
    });
    // The a2 task is done: never reminded.
    expect(late.every((i) => i.unitId === UNITS.a1 || i.kind === 'report')).toBe(true);
  });

  it('rolls up correctly when sibling communes report at the same moment', async () => {
    const sys = systemActor('test');
    const plan = await createPlan(tdb.db, sys, { unitId: UNITS.A, year: 2027 });
    const task = await createTask(tdb.db, sys, plan.id, { title: 'Đối thoại', leadUnitName: 'Văn phòng UBND tỉnh' });
    const [c1, c2] = await cascadeTask(tdb.db, sys, task.id, { unitIds: [UNITS.a1, UNITS.a2] });
    for (const [x, y] of [
      [10, 90],
      [35, 64],
      [99, 1],
      [50, 51],
      [0, 77],
    ] as const) {
      await Promise.all([
        reportProgress(tdb.db, sys, c1?.id as string, { progress: x }),
        reportProgress(tdb.db, sys, c2?.id as string, { progress: y }),
      ]);
      const parent = await tdb.db
        .selectFrom('plan_task')
        .select('progress')
        .where('id', '=', task.id)
        .executeTakeFirstOrThrow();
      expect(parent.progress).toBe(Math.round((x + y) / 2));
    }
  });

  it('closes a plan: no more progress, tasks or cascade; reminders skip draft proposals', async () => {
    const sys = systemActor('test');
    const plan = await createPlan(tdb.db, sys, { unitId: UNITS.a1, year: 2028 });
    const task = await createTask(tdb.db, sys, plan.id, {
      title: 'Tiếp công dân',
      leadUnitName: 'Văn phòng',
      dueDate: '2028-01-10',
    });
    const due = async () =>
      (await dueItems(tdb.db, await reachOf(UNITS.a1), { today: '2028-01-05', withinDays: 7 })).map((i) => i.id);
    expect(await due()).not.toContain(task.id);
    const issue = {
      number: '3',
      symbol: 'KH-UBND',
      issuedDate: '2028-01-02',
      signerName: 'Nguyễn Văn B',
      signerTitle: 'CHỦ TỊCH',
    };
    expect((await a1.inject({ method: 'POST', url: `/api/plans/${plan.id}/issue`, payload: issue })).statusCode).toBe(
      200,
    );
    expect(await due()).toContain(task.id);
    expect(
      (await a1.inject({ method: 'POST', url: `/api/plans/${plan.id}/amend`, payload: { changes: {} } })).statusCode,
    ).toBe(400);
    expect((await a1.inject({ method: 'POST', url: `/api/plans/${plan.id}/close` })).statusCode).toBe(200);
    const progress = await a1.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/progress`,
      payload: { progress: 10 },
    });
    expect(progress.statusCode).toBe(409);
    expect(progress.json().message).toBe('Progress cannot be reported on a closed plan (the plan is closed)');
    expect(
      (
        await a1.inject({
          method: 'POST',
          url: `/api/plans/${plan.id}/tasks`,
          payload: { title: 'x', leadUnitName: 'y' },
        })
      ).statusCode,
    ).toBe(409);
    expect(await due()).not.toContain(task.id);
    const provinceTask = await createTask(
      tdb.db,
      sys,
      (await createPlan(tdb.db, sys, { unitId: UNITS.A, year: 2028 })).id,
      { title: 'Đối thoại', leadUnitName: 'Văn phòng UBND tỉnh' },
    );
    const closed = await province.inject({
      method: 'POST',
      url: `/api/tasks/${provinceTask.id}/cascade`,
      payload: { unitIds: [UNITS.a1] },
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().message).toContain('is closed');
  });
});
