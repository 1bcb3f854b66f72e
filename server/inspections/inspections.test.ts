import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/disclosures/compliance.js';
import { buildApp } from '../app.js';
import { createFixtureUsers, FIXTURE_USERS, insertFixtureUnits, TestClient, UNITS } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { nowIso, todayIso } from '../db/time.js';
import { multipart, PNG_1X1 } from '../files/testing.js';

type App = Awaited<ReturnType<typeof buildApp>>;
// biome-ignore lint/suspicious/noExplicitAny: JSON of the API under test
type Json = any;

describe.each(DIALECTS)('inspections API on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: App;
  let commune: TestClient;
  let province: TestClient;
  const today = todayIso();
  const year = Number(today.slice(0, 4));

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    await createFixtureUsers(tdb.db);
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    commune = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    province = await new TestClient(app).login(FIXTURE_USERS.provinceA.username);
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  const post = async (client: TestClient, url: string, payload: unknown, status = 200) => {
    const res = await client.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as Json;
  };

  /** A plan task of a1 (the plans module's table), for linking findings. */
  async function planTask(): Promise<string> {
    const now = nowIso();
    const planId = randomUUID();
    // Minimal rows through the plans module's own tables (its API is not needed for a link).
    await tdb.db
      .insertInto('plan')
      .values({
        id: planId,
        unit_id: UNITS.a1,
        year,
        status: 'draft',
        version: 1,
        title: 'Kế hoạch nâng cao Chỉ số PAPI',
        number: null,
        symbol: null,
        issued_date: null,
        place: null,
        issuing_body: 'UBND xã Ân Thi',
        signer_name: null,
        signer_title: null,
        parent_plan_id: null,
        basis_json: '[]',
        purpose: '',
        requirements: '',
        communication: '',
        inspection: '',
        organisation: '',
        recipients_json: '[]',
        created_by: null,
        created_at: now,
        updated_at: now,
        issued_at: null,
        closed_at: null,
      } as never)
      .execute();
    const taskId = randomUUID();
    await tdb.db
      .insertInto('plan_task')
      .values({
        id: taskId,
        plan_id: planId,
        unit_id: UNITS.a1,
        position: 1,
        title: 'Niêm yết công khai dự toán ngân sách xã đủ 90 ngày',
        description: '',
        dimension: 2,
        subdimension: '2.3',
        indicator: null,
        lead_unit_id: UNITS.a1,
        lead_unit_name: 'UBND xã Ân Thi',
        cooperating_json: '[]',
        start_date: null,
        due_date: null,
        expected_output: '',
        status: 'not_started',
        progress: 0,
        parent_task_id: null,
        library_key: null,
        completed_at: null,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    return taskId;
  }

  it('plan → inspection → finding with action → remediated → closed → inspection closed; every step audited', async () => {
    const plan = await post(
      province,
      '/api/inspections/plans',
      { unitId: UNITS.A, year, kind: 'scheduled', title: 'Kiểm tra công vụ năm', scope: 'D2, D3' },
      201,
    );
    expect(plan).toMatchObject({ status: 'draft', allowedEvents: ['approve', 'cancel'] });
    await post(province, `/api/inspections/plans/${plan.id}/transitions`, { event: 'approve' });
    const insp = await post(
      province,
      '/api/inspections',
      {
        planId: plan.id,
        unitId: UNITS.a1,
        inspectingUnitId: UNITS.A,
        kind: 'scheduled',
        scheduledOn: today,
        team: ['Nguyễn Văn An', 'Lê Thị Hoa'],
        scope: 'Công khai ngân sách',
      },
      201,
    );
    expect(insp).toMatchObject({
      status: 'planned',
      planId: plan.id,
      unitNameVi: 'Ân Thi',
      inspectingUnitNameVi: 'Hưng Yên',
    });
    // Findings only once it is under way.
    const early = await province.inject({
      method: 'POST',
      url: `/api/inspections/${insp.id}/findings`,
      payload: { description: 'x', dimension: 'd2' },
    });
    expect(early.statusCode).toBe(409);
    await post(province, `/api/inspections/${insp.id}/transitions`, { event: 'start', conductedOn: today });
    const taskId = await planTask();
    let d = await post(
      province,
      `/api/inspections/${insp.id}/findings`,
      {
        description: 'Dự toán ngân sách niêm yết chưa đủ 90 ngày',
        dimension: 'd2',
        subdimension: '2.3',
        indicator: '2.3.1',
        taskId,
      },
      201,
    );
    const finding = d.findings[0];
    expect(finding).toMatchObject({
      status: 'open',
      dimension: 'd2',
      subdimension: '2.3',
      taskId,
      taskTitle: 'Niêm yết công khai dự toán ngân sách xã đủ 90 ngày',
      timeliness: 'pending',
    });

    // The commune cannot mark remediated without an action done (409 naming why), then does the work.
    const noAction = await commune.inject({
      method: 'POST',
      url: `/api/inspections/findings/${finding.id}/transitions`,
      payload: { event: 'remediate' },
    });
    expect(noAction.statusCode).toBe(409);
    expect((noAction.json() as Json).message).toMatch(/at least one remediation action/);
    d = await post(
      commune,
      `/api/inspections/findings/${finding.id}/actions`,
      { description: 'Niêm yết lại tại trụ sở UBND', deadline: addDays(today, 30) },
      201,
    );
    const action = d.findings[0].actions[0];
    expect(action).toMatchObject({ status: 'open', overdue: false, unitId: UNITS.a1 });
    // Evidence photo of the action.
    const up = await commune.inject({
      method: 'POST',
      url: `/api/inspections/${insp.id}/files`,
      ...multipart([
        { name: 'actionId', value: action.id },
        { name: 'file', value: PNG_1X1, filename: 'niêm yết.png', contentType: 'image/png' },
      ]),
    });
    expect(up.statusCode, up.body).toBe(201);
    const file = (up.json() as Json).findings[0].actions[0].files[0];
    expect(file.filename).toBe('niêm yết.png');
    expect(
      (await commune.inject({ method: 'GET', url: `/api/inspections/${insp.id}/files/${file.id}` })).rawPayload.equals(
        PNG_1X1,
      ),
    ).toBe(true);

    await post(commune, `/api/inspections/actions/${action.id}/transitions`, {
      event: 'complete',
      note: 'Đã niêm yết',
    });
    d = await post(commune, `/api/inspections/findings/${finding.id}/transitions`, { event: 'remediate' });
    expect(d.findings[0]).toMatchObject({ status: 'remediated', timeliness: 'on_time' });
    // Only the inspecting unit closes it.
    expect(
      (
        await commune.inject({
          method: 'POST',
          url: `/api/inspections/findings/${finding.id}/transitions`,
          payload: { event: 'close' },
        })
      ).statusCode,
    ).toBe(403);
    // Not before the inspection is concluded? Closing a finding is allowed on the evidence; closing the inspection needs all closed.
    await post(province, `/api/inspections/${insp.id}/transitions`, {
      event: 'conclude',
      conclusion: 'Cơ bản thực hiện tốt; một tồn tại về niêm yết.',
    });
    const tooEarly = await province.inject({
      method: 'POST',
      url: `/api/inspections/${insp.id}/transitions`,
      payload: { event: 'close' },
    });
    expect(tooEarly.statusCode).toBe(409);
    expect((tooEarly.json() as Json).message).toMatch(/1 finding/);
    d = await post(province, `/api/inspections/findings/${finding.id}/transitions`, {
      event: 'close',
      note: 'Đã kiểm tra thực tế',
    });
    expect(d.findings[0]).toMatchObject({ status: 'closed', closedOn: today, allowedEvents: [] });
    d = await post(province, `/api/inspections/${insp.id}/transitions`, { event: 'close' });
    expect(d).toMatchObject({ status: 'closed', findingsOpen: 0, findingsTotal: 1, allowedEvents: [] });
    const again = await province.inject({
      method: 'POST',
      url: `/api/inspections/${insp.id}/transitions`,
      payload: { event: 'start' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'conflict',
      message: 'Cannot start a inspection that is closed (no further steps)',
    });

    const audit = await tdb.db
      .selectFrom('audit_log')
      .select(['entity_type', 'action'])
      .where('entity_type', 'in', ['inspection', 'inspection_finding', 'remediation_action'])
      .orderBy('at')
      .execute();
    expect(audit.map((a) => `${a.entity_type}:${a.action}`)).toEqual([
      'inspection:create',
      'inspection:start',
      'inspection_finding:create',
      'remediation_action:create',
      'remediation_action:complete',
      'inspection_finding:remediate',
      'inspection:conclude',
      'inspection_finding:close',
      'inspection:close',
    ]);

    // Re-inspection of the same unit.
    const re = await post(
      province,
      '/api/inspections',
      {
        unitId: UNITS.a1,
        inspectingUnitId: UNITS.A,
        kind: 'surprise',
        scheduledOn: today,
        team: ['Nguyễn Văn An'],
        scope: 'Tái kiểm tra',
        reinspectionOf: insp.id,
      },
      201,
    );
    expect(re.reinspectionOf).toBe(insp.id);
    const wrong = await province.inject({
      method: 'POST',
      url: '/api/inspections',
      payload: {
        unitId: UNITS.a2,
        inspectingUnitId: UNITS.A,
        kind: 'surprise',
        scheduledOn: today,
        team: ['A'],
        scope: 'x',
        reinspectionOf: insp.id,
      },
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('rejects PAPI tags that do not exist, units outside the inspecting unit, unknown tasks; stores nothing', async () => {
    const insp = await post(
      province,
      '/api/inspections',
      {
        unitId: UNITS.a2,
        inspectingUnitId: UNITS.A,
        kind: 'surprise',
        scheduledOn: today,
        team: ['Trần Bình'],
        scope: 'Tiếp công dân',
      },
      201,
    );
    await post(province, `/api/inspections/${insp.id}/transitions`, { event: 'start' });
    const bad = async (payload: Json, path: string[]) => {
      const res = await province.inject({ method: 'POST', url: `/api/inspections/${insp.id}/findings`, payload });
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as Json).path).toEqual(path);
    };
    await bad({ description: 'x', dimension: 'd2', subdimension: '3.1' }, ['subdimension']);
    await bad({ description: 'x', dimension: 'd2', subdimension: '2.2', indicator: '2.9.9' }, ['indicator']);
    await bad({ description: 'x', dimension: 'd9' }, ['body', 'dimension']);
    await bad({ description: 'x', dimension: 'd2', taskId: 'no-such-task' }, ['taskId']);
    await bad({ description: 'x', dimension: 'd2', unitId: UNITS.a1 }, ['unitId']);
    const sibling = await province.inject({
      method: 'POST',
      url: '/api/inspections',
      payload: {
        unitId: UNITS.a2,
        inspectingUnitId: UNITS.a1,
        kind: 'surprise',
        scheduledOn: today,
        team: ['x'],
        scope: 'x',
      },
    });
    expect(sibling.statusCode).toBe(400);
    expect(sibling.json()).toMatchObject({ code: 'outside_inspecting_unit' });
    const n = await tdb.db.selectFrom('inspection_finding').select('id').where('inspection_id', '=', insp.id).execute();
    expect(n).toEqual([]);
  });

  it('board: on time, late, overdue per dimension and unit; commune sees its own only', async () => {
    const insp = await post(
      province,
      '/api/inspections',
      {
        unitId: UNITS.a2,
        inspectingUnitId: UNITS.A,
        kind: 'scheduled',
        scheduledOn: today,
        team: ['Phạm Cường'],
        scope: 'Thủ tục hành chính',
      },
      201,
    );
    await post(province, `/api/inspections/${insp.id}/transitions`, { event: 'start' });
    let d = await post(
      province,
      `/api/inspections/${insp.id}/findings`,
      { description: 'Trễ hạn hồ sơ', dimension: 'd5' },
      201,
    );
    const f = d.findings[0];
    d = await post(
      province,
      `/api/inspections/findings/${f.id}/actions`,
      { description: 'Rà soát', deadline: addDays(today, -10) },
      201,
    );
    const overdueAction = d.findings[0].actions[0];
    expect(overdueAction.overdue).toBe(true);
    const board = await province.inject({
      method: 'GET',
      url: `/api/inspections/board?unitId=${UNITS.A}&year=${year}`,
    });
    expect(board.statusCode).toBe(200);
    const b = board.json() as Json;
    expect(b.rows.find((r: Json) => r.dimension === 'd5' && r.unitId === UNITS.a2)).toMatchObject({
      findings: 1,
      overdue: 1,
      onTimeRate: 0,
    });
    expect(b.rows.find((r: Json) => r.dimension === 'd2' && r.unitId === UNITS.a1)).toMatchObject({
      on_time: 1,
      closed: 1,
      onTimeRate: 1,
    });
    expect(b.units.map((u: Json) => u.id).sort()).toEqual([UNITS.a1, UNITS.a2].sort());
    // Completed late: late, not on time.
    await post(province, `/api/inspections/actions/${overdueAction.id}/transitions`, {
      event: 'complete',
      completedOn: today,
    });
    const b2 = (
      await province.inject({ method: 'GET', url: `/api/inspections/board?unitId=${UNITS.A}&year=${year}` })
    ).json() as Json;
    expect(b2.rows.find((r: Json) => r.dimension === 'd5')).toMatchObject({ late: 1, overdue: 0 });
    const mine = (
      await commune.inject({ method: 'GET', url: `/api/inspections/board?unitId=${UNITS.a1}&year=${year}` })
    ).json() as Json;
    expect(mine.rows.every((r: Json) => r.unitId === UNITS.a1)).toBe(true);
    const list = (await commune.inject({ method: 'GET', url: '/api/inspections' })).json() as Json;
    expect(list.items.every((i: Json) => i.unitId === UNITS.a1)).toBe(true);
    expect((await commune.inject({ method: 'GET', url: `/api/inspections/${insp.id}` })).statusCode).toBe(404);
  });
});
