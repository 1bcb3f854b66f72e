/**
 * The documents endpoints on both dialects: a real plan (made with the plans commands) downloads as DOCX
 * and PDF; the task list goes out as XLSX and comes back in; a malformed XLSX is refused naming the
 * sheet, row and column, and the database is exactly as before (tasks, audit log).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { systemActor } from '../audit/actor.js';
import { createFixtureUsers, FIXTURE_USERS, insertFixtureUnits, TestClient, UNITS } from '../auth/testing.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/testing.js';
import { oneFile, XLSX_TYPE } from '../files/testing.js';
import { createPlan, createReport, createTask, issuePlan, updatePlan } from '../plans/commands.js';

const sys = systemActor('test');

const xlsxFile = (filename: string, content: Buffer) => oneFile(filename, content, XLSX_TYPE);

async function documentXml(docx: Buffer): Promise<string> {
  return (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
}

describe.each(DIALECTS)('documents endpoints on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let province: TestClient;
  let commune: TestClient;
  let planId: string;
  let reportId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await insertFixtureUnits(tdb.db);
    await createFixtureUsers(tdb.db);
    app = await buildApp({ handle: tdb, config: loadConfig({}) }, { logger: false });
    province = await new TestClient(app).login(FIXTURE_USERS.provinceA.username);
    commune = await new TestClient(app).login(FIXTURE_USERS.communeA1.username);
    const plan = await createPlan(tdb.db, sys, { unitId: UNITS.A, year: 2026 });
    planId = plan.id;
    await updatePlan(tdb.db, sys, planId, {
      title: 'Cải thiện, nâng cao Chỉ số PAPI năm 2026',
      purpose: 'a) Nâng cao trách nhiệm của cán bộ, công chức.',
      recipients: ['Bộ Nội vụ', 'UBND các xã, phường', 'Lưu: VT, NC'],
    });
    await createTask(tdb.db, sys, planId, {
      title: 'Công khai danh sách hộ nghèo',
      dimension: 2,
      leadUnitId: UNITS.a1,
      dueDate: '2026-03-31',
      expectedOutput: 'Biên bản niêm yết',
    });
    await issuePlan(tdb.db, sys, planId, {
      number: '109',
      symbol: 'KH-UBND',
      issuedDate: '2025-12-26',
      signerName: 'Nguyễn Văn An',
      signerTitle: 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH',
    });
    reportId = (await createReport(tdb.db, sys, { unitId: UNITS.A, period: '2026Q1' })).id;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.destroy();
  });

  it('downloads the issued plan as an ND30 DOCX', async () => {
    const res = await province.inject({ method: 'GET', url: `/api/plans/${planId}/document.docx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain('ke-hoach-109-2026.docx');
    const xml = await documentXml(res.rawPayload);
    for (const text of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 109/KH-UBND',
      'Hưng Yên, ngày 26 tháng 12 năm 2025',
      'Cải thiện, nâng cao Chỉ số PAPI năm 2026',
      'Nơi nhận:',
      'KT. CHỦ TỊCH',
      'Nguyễn Văn An',
      'Công khai danh sách hộ nghèo',
    ]) {
      expect(xml, text).toContain(text);
    }
    // The commune officer of a1 reads the province's plan only if it is in reach: it is not (404).
    expect((await commune.inject({ method: 'GET', url: `/api/plans/${planId}/document.docx` })).statusCode).toBe(404);
  });

  it('downloads the report as DOCX and the plan as PDF', async () => {
    const report = await province.inject({ method: 'GET', url: `/api/reports/${reportId}/document.docx` });
    expect(report.statusCode).toBe(200);
    expect(await documentXml(report.rawPayload)).toContain('BÁO CÁO');
    const pdf = await province.inject({ method: 'GET', url: `/api/plans/${planId}/document.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exports the task list as XLSX and imports an edited copy back as new tasks', async () => {
    const out = await province.inject({ method: 'GET', url: `/api/plans/${planId}/tasks.xlsx` });
    expect(out.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    expect(ws.getCell('B2').value).toBe('Công khai danh sách hộ nghèo');
    expect(ws.getCell('G2').value).toBe('UBND xã Ân Thi');
    ws.getRow(3).values = [
      2,
      'Bố trí lịch tiếp công dân',
      '',
      'D3',
      '',
      '',
      'Phố Hiến',
      'Ân Thi',
      '05/01/2026',
      '15/02/2026',
      'Lịch được công bố',
      60,
      '',
    ];
    const res = await province.inject({
      method: 'POST',
      url: `/api/plans/${planId}/tasks.xlsx`,
      ...xlsxFile('nhiệm vụ.xlsx', Buffer.from(await wb.xlsx.writeBuffer())),
    });
    expect(res.statusCode, res.body).toBe(201);
    // The exported row (already a task) is skipped; the added row becomes a task.
    expect(res.json()).toMatchObject({ created: 1, skipped: 1 });
    const imported = await tdb.db
      .selectFrom('plan_task')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('title', '=', 'Bố trí lịch tiếp công dân')
      .executeTakeFirstOrThrow();
    expect(imported).toMatchObject({
      dimension: 3,
      lead_unit_id: UNITS.a2,
      due_date: '2026-02-15',
      progress: 60,
      status: 'in_progress',
    });
  });

  it('refuses a malformed XLSX naming sheet, row and column, and changes nothing', async () => {
    const out = await province.inject({ method: 'GET', url: `/api/plans/${planId}/tasks.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    ws.getCell('G3').value = 'vn2025:99999'; // row 3: a unit code outside the plan's reach
    ws.getCell('L3').value = 150; // and progress outside 0–100 on the same row
    const count = async (table: 'plan_task' | 'audit_log') =>
      Number(
        (
          await tdb.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { tasks: await count('plan_task'), audit: await count('audit_log') };

    const res = await province.inject({
      method: 'POST',
      url: `/api/plans/${planId}/tasks.xlsx`,
      ...xlsxFile('nhiem-vu.xlsx', Buffer.from(await wb.xlsx.writeBuffer())),
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; message: string };
    expect(body.code).toBe('invalid_task_sheet');
    expect(body.message).toBe(
      'nhiem-vu.xlsx, sheet Nhiệm vụ, row 3, column G (Đơn vị chủ trì): Không có đơn vị mã “vn2025:99999” trong phạm vi của kế hoạch (+1)',
    );

    const notXlsx = await province.inject({
      method: 'POST',
      url: `/api/plans/${planId}/tasks.xlsx`,
      ...xlsxFile('tasks.xlsx', Buffer.from('STT;Nhiệm vụ\n1;x\n')),
    });
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json()).toMatchObject({ code: 'not_xlsx' });

    const huge = await province.inject({
      method: 'POST',
      url: `/api/plans/${planId}/tasks.xlsx`,
      ...xlsxFile('big.xlsx', Buffer.alloc(6 * 1024 * 1024, 1)),
    });
    expect(huge.statusCode).toBe(413);

    expect({ tasks: await count('plan_task'), audit: await count('audit_log') }).toEqual(before);
  });

  it('answers in English when asked', async () => {
    const res = await province.inject({
      method: 'POST',
      url: `/api/plans/${planId}/tasks.xlsx?lang=en`,
      ...xlsxFile('x.xlsx', Buffer.from('not a workbook')),
    });
    expect(res.json()).toMatchObject({ message: 'x.xlsx: The file is not an Excel workbook (.xlsx)' });
  });
});
