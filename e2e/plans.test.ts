/**
 * The plans cycle in real Chromium (issue 6, "Done when"): the Hưng Yên province officer drafts a plan
 * from the diagnosis, issues it and cascades two tasks to the communes Ân Thi and Phố Hiến; each commune
 * officer updates progress with an evidence file and submits the Q1 report; the province returns one for
 * revision, the commune resubmits, the province approves both, consolidates and downloads the DOCX (a real
 * DOCX: a zip whose word/document.xml holds the plan's number); Ân Thi cannot see Phố Hiến's tasks, in
 * the list or by URL. Screenshots at desktop and 360 px; the English switch on the plan page.
 */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en, vi } from '../core/i18n/index.js';
import { DEMO_PLAN } from '../server/plans/seed.js';
import {
  DESKTOP,
  DIALECTS,
  expectText,
  horizontalOverflow,
  login,
  openPage,
  PHONE,
  type TrackedPage,
} from './harness.js';
import { browserSuite } from './suite.js';

const PROVINCE = 'tinh.hungyen';
const AN_THI = { user: 'xa.anthi', unitId: 'vn2025:12142' };
const PHO_HIEN = { user: 'xa.phohien', unitId: 'vn2025:11953' };
const PLAN_NUMBER = '109';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ui = vi.plans.ui;

/** A 1×1 PNG: an evidence photo as a phone would send it (the store checks the bytes, not the name). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Entries of a zip archive (central directory), inflated: enough to look inside a DOCX. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Waits until a form field's value matches (textContent does not follow a textarea's value). */
async function expectValue(locator: Locator, expected: RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await locator.inputValue();
    if (expected.test(last)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected ${locator} to hold ${String(expected)}, found ${JSON.stringify(last)}`);
}

async function downloaded(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Text of word/document.xml without tags (runs joined), for "does the document say X". */
function docxText(buf: Buffer): string {
  expect(buf.subarray(0, 2).toString()).toBe('PK');
  const xml = unzip(buf).get('word/document.xml');
  if (!xml) throw new Error('word/document.xml missing: not a DOCX');
  return xml.toString('utf8').replace(/<[^>]+>/g, '');
}

describe.each(DIALECTS)('plans cycle in the browser (%s)', (dialect) => {
  const suite = browserSuite(dialect, 'plans-');
  const pages: TrackedPage[] = [];
  // Screenshots once (first dialect): the pages are the same on PostgreSQL.
  const shoot = suite.shoot;
  // The demo data holds this year's plans and reports: the cycle runs on next year's plan, as officials
  // draft it in the last weeks of the year.
  const year = Math.max(Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4)), DEMO_PLAN.year) + 1;

  let planId = '';
  const cascaded: { id: string; title: string }[] = [];
  const childTaskOf: Record<string, string[]> = {};
  const reportOf: Record<string, string> = {};

  /** Picks an option of the antd Select with this test id. */
  async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
    await page.getByTestId(testId).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .getByText(label, { exact: true })
      .click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  }

  /** The Q1 report of the plan's year on the reports board. */
  async function choosePeriod(page: Page): Promise<void> {
    await page.getByTestId('own-report').waitFor();
    await chooseOption(page, 'reports-year', String(year));
    await chooseOption(page, 'reports-period', `Quý I/${year}`);
  }

  async function open(user: string, options = DESKTOP): Promise<TrackedPage> {
    const tp = await openPage(suite.browser, suite.server, options);
    pages.push(tp);
    await login(tp.page, user);
    return tp;
  }

  // One cycle: once a step fails, the later steps have nothing to work on.
  let broken = false;
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') broken = true;
  });
  beforeEach(({ skip }) => {
    if (broken) skip();
  });
  afterAll(async () => {
    for (const tp of pages) await tp.close().catch(() => undefined);
  });

  it('province drafts a plan from the diagnosis, edits a task, issues it and cascades two tasks', async () => {
    const tp = await open(PROVINCE);
    const { page } = tp;
    await page.goto('/workspace/plans');
    await page.getByTestId('plan-list').waitFor();
    await expectText(page.locator('h1'), ui.plansTitle);
    await shoot(page, 'list-empty-desktop');

    // Draft from diagnosis: weaknesses and proposed tasks, nothing stored yet.
    await page.getByTestId('draft-from-diagnosis').click();
    await page.getByTestId('draft-wizard').waitFor();
    await chooseOption(page, 'wizard-year', String(year));
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-tasks').waitFor();
    await page.getByTestId('wizard-weaknesses').waitFor();
    const proposed = page.locator('[data-testid="wizard-tasks"] tbody tr.ant-table-row');
    expect(await proposed.count()).toBeGreaterThanOrEqual(2);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'wizard-desktop');

    // The official edits a proposed task before saving: the change reaches the draft.
    await proposed.first().getByRole('button').click();
    const dialog = page.locator('.ant-modal').filter({ has: page.locator('form') });
    const titleBox = dialog.getByLabel(ui.taskTitle);
    const edited = `${(await titleBox.inputValue()).trim()} (thí điểm tại thôn)`;
    await titleBox.fill(edited);
    await dialog.getByRole('button', { name: ui.save }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-title').waitFor();
    await page.getByTestId('wizard-save').click();
    await page.getByTestId('plan-page').waitFor();
    planId = (await page.getByTestId('plan-page').getAttribute('data-plan-id')) ?? '';
    expect(planId).not.toBe('');
    expect(await page.getByTestId('plan-status').getAttribute('data-status')).toBe('draft');
    await shoot(page, 'plan-draft-desktop');

    await page.getByRole('tab', { name: /Nhiệm vụ/ }).click();
    const rows = page.locator('[data-testid="task-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    const taskCount = await rows.count();

    // A malformed XLSX task list (the exported sheet's header, a row with 31/02 as deadline) is refused
    // with its sheet, row and column named, and no task is added.
    const exported = await page.request.get(`/api/plans/${planId}/tasks.xlsx`);
    expect(exported.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported.body()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('the exported task list has no sheet');
    // Keep the header, replace the rows with one whose deadline does not exist.
    if (sheet.rowCount > 1) sheet.spliceRows(2, sheet.rowCount - 1);
    const badRow = 2;
    sheet.getRow(badRow).values = [
      taskCount + 1,
      'Đối thoại với Nhân dân tại thôn',
      '',
      '',
      '',
      '',
      'Sở Nội vụ',
      '',
      '',
      '31/02/2027',
    ];
    const malformed = Buffer.from(await wb.xlsx.writeBuffer());
    tp.allow(/HTTP 400: POST \/api\/plans\/[^/]+\/tasks\.xlsx/);
    tp.allow(/status of 400 \(Bad Request\) \(http:\/\/127\.0\.0\.1:\d+\/api\/plans\/[^/]+\/tasks\.xlsx/);
    await page
      .locator('input[type=file][accept*=".xlsx"]')
      .setInputFiles({ name: 'nhiem-vu-sai.xlsx', mimeType: XLSX_TYPE, buffer: malformed });
    const problems = page.getByTestId('import-errors');
    await problems.locator('tbody tr.ant-table-row').first().waitFor();
    const problem = (await problems.locator('tbody tr.ant-table-row').first().locator('td').allTextContents()).map(
      (x) => x.trim(),
    );
    expect(problem[0]).toBe(sheet.name);
    expect(problem[1], problem.join(' | ')).toBe(String(badRow));
    expect(problem[2]).not.toBe('');
    await shoot(page, 'import-errors-desktop');
    expect(await rows.count()).toBe(taskCount);
    const titles = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-title')));
    expect(titles).toContain(edited);

    // Issue: number, symbol, date, signer.
    await page.getByTestId('issue-plan').click();
    const form = page.getByTestId('issue-form');
    await form.getByLabel(ui.number, { exact: true }).fill(PLAN_NUMBER);
    await form.getByLabel(ui.signerTitle).fill('CHỦ TỊCH');
    await form.getByLabel(ui.signerName).fill('Nguyễn Văn Hưng');
    await page.getByTestId('issue-confirm').click();
    await expectText(page.getByTestId('plan-status'), ui.planStatus.issued);
    await expectText(page.getByTestId('plan-number'), new RegExp(`${PLAN_NUMBER}/KH-UBND`));

    // Cascade the first two tasks to Ân Thi and Phố Hiến.
    for (let i = 0; i < 2; i++) {
      const row = rows.nth(i);
      const id = (await row.getAttribute('data-row-key')) ?? '';
      cascaded.push({ id, title: (await row.getAttribute('data-title')) ?? '' });
      await page.getByTestId(`cascade-${id}`).click();
      const units = page.getByTestId('cascade-form').locator('.ant-select');
      for (const name of ['an thi', 'pho hien']) {
        await units.click();
        await page.keyboard.type(name);
        const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
        await option.waitFor();
        await option.click();
      }
      await page.keyboard.press('Escape');
      if (i === 0) await shoot(page, 'cascade-desktop');
      await page.getByTestId('cascade-confirm').click();
      await page.getByTestId('cascade-form').waitFor({ state: 'hidden' });
    }
    // Each cascaded task shows its two communes and their state.
    const firstRow = rows.first();
    await firstRow.locator('.ant-table-row-expand-icon').click();
    const children = page.getByTestId(`children-of-${cascaded[0]?.id}`);
    await children.locator('tbody tr[data-unit-id]').nth(1).waitFor();
    const unitIds = await children
      .locator('tbody tr[data-unit-id]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unit-id')));
    expect(unitIds.sort()).toEqual([PHO_HIEN.unitId, AN_THI.unitId].sort());
    await shoot(page, 'plan-tasks-desktop');

    // Child task ids per commune, through the same API the page uses.
    for (const task of cascaded) {
      const detail = await page.evaluate<{ children: { id: string; unitId: string }[] }>(
        `fetch('/api/tasks/${task.id}').then((r) => r.json())`,
      );
      for (const c of detail.children) {
        childTaskOf[c.unitId] = [...(childTaskOf[c.unitId] ?? []), c.id];
      }
    }
    expect(childTaskOf[AN_THI.unitId]).toHaveLength(2);
    expect(childTaskOf[PHO_HIEN.unitId]).toHaveLength(2);
    tp.assertClean();
  }, 120_000);

  for (const commune of [AN_THI, PHO_HIEN]) {
    it(`${commune.user} updates progress with an evidence file and submits the Q1 report`, async () => {
      const tp = await open(commune.user);
      const { page } = tp;
      await page.goto('/workspace/plans');
      await page.getByTestId('plan-list').locator('tbody tr.ant-table-row').first().waitFor();

      const taskId = childTaskOf[commune.unitId]?.[0] ?? '';
      await page.goto(`/workspace/plans/tasks/${taskId}`);
      await page.getByTestId('progress-form').waitFor();
      const percent = page.getByTestId('progress-input');
      const isInput = (await percent.evaluate((e) => e.tagName)) === 'INPUT';
      await (isInput ? percent : percent.locator('input')).fill('60');
      await page.getByTestId('progress-note').fill('Đã niêm yết công khai tại nhà văn hóa 5/7 thôn.');
      await page
        .getByTestId('progress-card')
        .locator('input[type=file]')
        .setInputFiles({ name: 'niem-yet-thon-1.png', mimeType: 'image/png', buffer: PNG });
      if (commune === AN_THI) await shoot(page, 'task-progress-desktop');
      await page.getByTestId('save-progress').click();
      await page.getByTestId('evidence-list').getByText('niem-yet-thon-1.png').waitFor();
      await expectText(page.getByTestId('task-progress'), /60\s*%/);
      if (commune === AN_THI) await shoot(page, 'task-desktop');

      // Q1 report, pre-filled from the tasks.
      await page.goto('/workspace/reports');
      await choosePeriod(page);
      await page.getByTestId('prepare-report').click();
      await page.getByTestId('report-page').waitFor();
      reportOf[commune.unitId] = (await page.getByTestId('report-page').getAttribute('data-report-id')) ?? '';
      expect(await page.getByTestId('report-tasks').locator('tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(
        2,
      );
      await page.getByTestId('report-summary').fill('Quý I đã triển khai các nhiệm vụ được giao theo đúng kế hoạch.');
      await page.getByTestId('narrative-d2').fill('Niêm yết công khai danh sách hộ nghèo tại 5/7 thôn.');
      if (commune === AN_THI) await shoot(page, 'report-form-desktop');
      await page.getByTestId('submit-report').click();
      await page.getByTestId('submit-confirm').click();
      await expectText(page.getByTestId('report-status'), ui.reportStatus.submitted);
      tp.assertClean();
    }, 120_000);
  }

  it('province returns Ân Thi’s report, Ân Thi resubmits, the province approves both and consolidates', async () => {
    const province = await open(PROVINCE);
    const page = province.page;
    await page.goto('/workspace/reports');
    await choosePeriod(page);
    const board = page.getByTestId('report-board');
    for (const c of [AN_THI, PHO_HIEN]) {
      await expectText(
        board.locator(`tr[data-unit-id="${c.unitId}"] [data-testid="report-status"]`),
        ui.reportStatus.submitted,
      );
    }
    await shoot(page, 'board-desktop');

    await page.goto(`/workspace/reports/${reportOf[AN_THI.unitId]}`);
    await page.getByTestId('return-report').click();
    await page.getByTestId('return-reason').fill('Bổ sung số liệu nội dung 2 (số thôn đã niêm yết).');
    await page.getByTestId('return-confirm').click();
    await expectText(page.getByTestId('report-status'), ui.reportStatus.returned);

    // Ân Thi sees why, revises and resubmits.
    const anThi = await open(AN_THI.user);
    await anThi.page.goto(`/workspace/reports/${reportOf[AN_THI.unitId]}`);
    await anThi.page.getByTestId('return-reason-shown').waitFor();
    await shoot(anThi.page, 'report-returned-desktop');
    await anThi.page
      .getByTestId('narrative-d2')
      .fill('Niêm yết công khai danh sách hộ nghèo tại 7/7 thôn (bổ sung số liệu).');
    await anThi.page.getByTestId('submit-report').click();
    await anThi.page.getByTestId('submit-confirm').click();
    await expectText(anThi.page.getByTestId('report-status'), ui.reportStatus.submitted);
    anThi.assertClean();

    // The province approves both.
    for (const c of [AN_THI, PHO_HIEN]) {
      await page.goto(`/workspace/reports/${reportOf[c.unitId]}`);
      await page.getByTestId('approve-report').click();
      await expectText(page.getByTestId('report-status'), ui.reportStatus.approved);
    }
    await shoot(page, 'report-approved-desktop');

    // Its own Q1 report consolidates the approved ones.
    await page.goto('/workspace/reports');
    await choosePeriod(page);
    await page.getByTestId('prepare-report').click();
    await page.getByTestId('report-page').waitFor();
    await page.getByTestId('consolidate-report').click();
    const sources = page.getByTestId('report-sources');
    await sources.waitFor();
    expect(await sources.locator('li').count()).toBe(2);
    // The communes' narratives are merged into the province's text, each under its unit's name.
    await expectValue(page.getByTestId('narrative-d2'), /Ân Thi: .*7\/7 thôn/s);
    await expectValue(page.getByTestId('narrative-d2'), /Phố Hiến: /);
    await shoot(page, 'report-consolidated-desktop');

    const [reportDoc] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-report-docx').click(),
    ]);
    const reportText = docxText(await downloaded(reportDoc));
    expect(reportText).toContain('Ân Thi');

    // The plan's DOCX carries its number and symbol.
    await page.goto(`/workspace/plans/${planId}`);
    await page.getByTestId('plan-page').waitFor();
    const [planDoc] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-docx').click()]);
    expect(docxText(await downloaded(planDoc))).toContain(`${PLAN_NUMBER}/KH-UBND`);
    province.assertClean();
  }, 180_000);

  it('Ân Thi cannot see Phố Hiến’s tasks, neither in its list nor by URL', async () => {
    const tp = await open(AN_THI.user);
    const { page } = tp;
    await page.goto('/workspace/plans');
    const list = page.getByTestId('plan-list');
    await list.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await list.textContent()).not.toContain('Phố Hiến');
    // The task list API in its reach holds only Ân Thi's tasks.
    const tasks = await page.evaluate<{ tasks: { unitId: string }[] }>("fetch('/api/tasks').then((r) => r.json())");
    expect(tasks.tasks.length).toBeGreaterThan(0);
    expect(tasks.tasks.every((t) => t.unitId === AN_THI.unitId)).toBe(true);

    // The 404 of the forbidden task is the point of this step (the network error and its console line).
    tp.allow(/HTTP 404: GET \/api\/tasks\//);
    tp.allow(/status of 404 \(Not Found\) \(http:\/\/127\.0\.0\.1:\d+\/api\/tasks\//);
    await page.goto(`/workspace/plans/tasks/${childTaskOf[PHO_HIEN.unitId]?.[0]}`);
    await page.getByTestId('task-error').waitFor();
    expect(await page.getByTestId('task-error').textContent()).not.toContain('Phố Hiến');
    await shoot(page, 'task-denied-desktop');
    tp.assertClean();
  }, 60_000);

  it('pages at 360 px and in English', async () => {
    const tp = await open(PROVINCE, PHONE);
    const { page } = tp;
    for (const [path, name, ready] of [
      ['/workspace/plans', 'list', 'plan-list'],
      [`/workspace/plans/${planId}`, 'plan', 'plan-page'],
      [`/workspace/plans/tasks/${cascaded[0]?.id}`, 'task', 'task-page'],
      ['/workspace/reports', 'board', 'own-report'],
      [`/workspace/reports/${reportOf[AN_THI.unitId]}`, 'report', 'report-page'],
      ['/workspace/plans/new', 'wizard', 'draft-wizard'],
    ] as const) {
      await page.goto(path);
      await page.getByTestId(ready).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await horizontalOverflow(page), `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
      await shoot(page, `${name}-phone`);
    }
    await page.goto(`/workspace/plans/${planId}`);
    await page.getByTestId('plan-page').waitFor();
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await expectText(page.getByTestId('plan-status'), en.plans.ui.planStatus.issued);
    await page.getByRole('tab', { name: en.plans.ui.tabGeneral }).waitFor();
    await shoot(page, 'plan-en-phone');
    await page.getByTestId('language-switch').getByText('VI', { exact: true }).click();
    await expectText(page.getByTestId('plan-status'), ui.planStatus.issued);
    tp.assertClean();
  }, 120_000);
});
