/**
 * Citizen feedback in real Chromium, on both dialects:
 *  1. a citizen on a 360 px phone sends feedback (track, category, commune search, location, photo;
 *     proof of work solved in the page's Web Worker), gets a tracking code and tracks it; the commune
 *     officer (xa.anthi) assigns, accepts and answers it in the workspace; the citizen sees the answer
 *     and rates it; the answer appears on the portal list (filters by dimension and commune);
 *  2. a denunciation sent with a name and a phone number: that identity appears nowhere in the tracking
 *     page, the portal, the API responses those pages receive, the page of an officer who is not its
 *     handler, nor the officers' CSV export — and does appear to the handling officer (so the checks
 *     can fail);
 *  3. the form in English, its labels, and its client-side checks (file type, required identity).
 * Screenshots at 360 px and 1366 px of each page go to e2e/screenshots/feedback-*.png.
 */
import { readFileSync } from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { en, vi } from '../core/i18n/index.js';
import {
  DESKTOP,
  DIALECTS,
  evaluate,
  expectText,
  expectTextContaining,
  horizontalOverflow,
  login,
  openPage,
  PHONE,
  smallTouchTargets,
} from './harness.js';
import { browserSuite } from './suite.js';

const COMMUNE = 'vn2025:12142'; // Xã An Thi, Hưng Yên — xa.anthi's commune
const OFFICER = 'xa.anthi';
const ui = vi.feedback.ui;
/** Inbox rows: table rows on a desktop, cards on a phone. */
const INBOX_ROWS = '[data-testid="fb-inbox"] tbody tr, [data-testid="fb-inbox"] > li.fb-phone-item';

// A 1×1 PNG (the server checks the bytes, not the name).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Every JSON/CSV/text body the page receives from our API, kept to search for leaks. */
function recordApiBodies(page: Page): { bodies: string[]; settle: () => Promise<void> } {
  const bodies: string[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (res: Response) => {
    if (!new URL(res.url()).pathname.startsWith('/api/')) return;
    pending.push(
      res
        .text()
        .then((t) => {
          bodies.push(`${res.url()}\n${t}`);
        })
        .catch(() => undefined),
    );
  });
  return { bodies, settle: async () => void (await Promise.all(pending)) };
}

/** Picks an option of an antd Select reached through its label (proves the label names the control). */
async function pickOption(page: Page, label: string | RegExp, type: string | null, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: typeof label === 'string' });
  await input.click();
  if (type) await input.pressSequentially(type, { delay: 20 });
  const opt = page.locator('.ant-select-item-option', { hasText: option }).first();
  await opt.waitFor();
  await opt.click();
}

/** Visible form controls without an accessible name (label, aria-label or aria-labelledby). */
function unlabelledControls(page: Page): Promise<string[]> {
  return evaluate<string[]>(
    page,
    `(() => {
      const out = [];
      for (const el of document.querySelectorAll('main input, main textarea, main select')) {
        if (el.type === 'hidden' || el.type === 'file' || el.closest('[aria-hidden="true"]')) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const named = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        if (!named) out.push(el.outerHTML.slice(0, 120));
      }
      return out;
    })()`,
  );
}

describe.each(DIALECTS)('citizen feedback in the browser (%s)', (dialect) => {
  const suite = browserSuite(dialect, 'feedback-');
  let communeName: string;
  const shoot = suite.shoot;

  beforeAll(async () => {
    const unit = (await (await fetch(`${suite.server.url}/api/units/${COMMUNE}`)).json()) as { fullNameVi: string };
    communeName = unit.fullNameVi;
  });

  it('a citizen sends feedback on a phone and tracks it; the commune officer answers; the portal shows the answer', async () => {
    const stamp = `${dialect}-${Date.now().toString(36)}`;
    const description = `Đoạn đường liên thôn Đông ${stamp} bị sụt lún, xe máy đi lại rất nguy hiểm vào buổi tối.`;
    const answerText = `Xã đã khảo sát và sẽ vá đoạn đường ${stamp} trong tuần này.`;

    // ---- the citizen, phone width, location allowed
    const citizen = await openPage(suite.browser, suite.server, {
      ...PHONE,
      geolocation: { latitude: 20.8123, longitude: 106.0512, accuracy: 25 },
      permissions: ['geolocation'],
    });
    const { page } = citizen;
    await page.goto('/feedback');
    await expectText(page.locator('h1'), ui.form.title);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await smallTouchTargets(page)).toEqual([]);
    await shoot(page, 'form-phone');

    // The honeypot is hidden from people, the keyboard and screen readers.
    const hp = page.locator('.fb-hp input');
    expect(await hp.getAttribute('tabindex')).toBe('-1');
    expect(await page.locator('.fb-hp').getAttribute('aria-hidden')).toBe('true');
    const hpBox = await hp.boundingBox();
    expect((hpBox?.x ?? 0) + (hpBox?.width ?? 0)).toBeLessThanOrEqual(0); // drawn off-screen

    // Sending empty names what is missing.
    await page.getByTestId('fb-submit').click();
    await expectText(page.locator('.ant-form-item-explain-error').first(), ui.form.trackRequired);

    // Track by keyboard: the radios are a native group.
    await page.getByTestId('track-feedback').locator('input').focus();
    await page.keyboard.press('Space');
    expect(await page.getByTestId('track-feedback').locator('input').isChecked()).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('track-complaint').locator('input').isChecked()).toBe(true);
    await expectText(page.locator('#fb-step-who'), /bắt buộc/); // identity now required, said in the heading
    await page.keyboard.press('ArrowUp');
    expect(await page.getByTestId('track-feedback').locator('input').isChecked()).toBe(true);

    await page.getByLabel(ui.form.category).selectOption({ label: 'Đường sá, điện, hạ tầng' });
    await pickOption(page, ui.form.commune, 'an thi', communeName);
    await page.getByLabel(ui.form.description).fill(description);
    await page.getByTestId('fb-locate').click();
    await expectTextContaining(page.getByTestId('fb-point'), '20,8123');
    await page.getByLabel(ui.form.address).fill('Thôn Đông, gần cổng trường tiểu học');

    // A text file is refused in the browser; a photo is accepted.
    const fileInput = page.getByLabel(ui.form.filesAdd);
    await fileInput.setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('xin chào') });
    await expectTextContaining(page.getByTestId('fb-file-error'), 'ghi-chu.txt');
    await fileInput.setInputFiles({ name: 'duong-sut-lun.png', mimeType: 'image/png', buffer: PNG });
    await expectTextContaining(page.locator('.fb-files'), 'duong-sut-lun.png');
    await shoot(page, 'form-filled-phone');

    // The proof of work was solved in the worker while the form was filled in.
    const pow = page.locator('[data-testid="fb-pow"][data-pow-state="ready"]');
    await pow.waitFor({ timeout: 30_000 });
    const powMs = await pow.getAttribute('data-pow-ms');
    const powAttempts = await pow.getAttribute('data-pow-attempts');
    const sendStart = Date.now();
    await page.getByTestId('fb-submit').click();
    await page.getByTestId('fb-confirmation').waitFor({ timeout: 30_000 });
    process.stdout.write(
      `\n[feedback ${dialect}] proof of work in the page's worker: ${powAttempts} hashes in ${powMs} ms; send → confirmation ${Date.now() - sendStart} ms (phone, with a photo)\n`,
    );
    const code = ((await page.getByTestId('fb-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{3}$/);
    await expectTextContaining(page.getByTestId('fb-due'), 'chậm nhất ngày');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'confirmation-phone');

    // Stored exactly once, with its photo, in the commune's inbox.
    const stored = await suite.server.db.db
      .selectFrom('feedback')
      .select(['id', 'unit_id', 'lat'])
      .where('tracking_code', '=', code)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.unit_id).toBe(COMMUNE);
    expect(stored[0]?.lat).toBeCloseTo(20.8123, 4);
    const files = await suite.server.db.db
      .selectFrom('stored_file')
      .select('id')
      .where('owner_id', '=', stored[0]!.id)
      .execute();
    expect(files).toHaveLength(1);

    // Track it by code.
    await page.getByTestId('fb-track-now').click();
    await page.waitForURL(/\/feedback\/track\?code=/);
    await page.getByTestId('tracked').waitFor();
    await expectText(page.getByTestId('status-tag').first(), ui.status.received);
    await expectTextContaining(page.getByTestId('tracked'), 'Ân Thi');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'track-phone');

    // ---- the commune officer, desktop
    const officer = await openPage(suite.browser, suite.server, DESKTOP);
    const op = officer.page;
    await login(op, OFFICER);
    await op.goto('/workspace/feedback');
    const row = op.locator(INBOX_ROWS, { hasText: code });
    await row.waitFor();
    await shoot(op, 'inbox-desktop');
    await row.getByRole('link').click();
    await op.getByTestId('fb-item').waitFor();
    await expectTextContaining(op.getByTestId('fb-item-description'), stamp);
    await op.getByTestId('fb-assign-me').click();
    await expectTextContaining(op.getByTestId('fb-actions'), ui.ws.handledBy.split('{{')[0]!);
    await op.getByTestId('fb-accept').click();
    await expectText(op.getByTestId('status-tag').first(), ui.status.accepted);
    await op.getByTestId('fb-answer-text').fill(answerText);
    await op.getByTestId('fb-answer-send').click();
    await expectText(op.getByTestId('status-tag').first(), ui.status.answered);
    await expectTextContaining(op.getByTestId('fb-item-answer'), stamp);
    await shoot(op, 'item-desktop');

    // ---- the citizen sees the answer and says it was resolved
    await page.reload();
    await expectTextContaining(page.getByTestId('track-answer'), answerText);
    await page.getByTestId('rate-form').getByText(ui.rate.yes, { exact: true }).click();
    await page.getByTestId('rate-form').getByRole('button', { name: ui.rate.send }).click();
    await expectText(page.getByTestId('track-rated'), ui.rate.thanksResolved);
    await shoot(page, 'track-answered-phone');

    // ---- the portal lists the answer; filters by dimension and commune
    await page.goto('/portal/feedback');
    await expectText(page.locator('h1'), ui.portal.title);
    const card = page.getByTestId('portal-answer').filter({ hasText: stamp });
    await card.waitFor();
    expect(await card.textContent()).toContain(answerText);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'portal-phone');
    await page.getByTestId('portal-dimension').selectOption('D7');
    await page.waitForURL(/dimension=D7/);
    await page.locator('[data-testid="portal-answers"][aria-busy="false"]').waitFor();
    await expect.poll(() => page.getByTestId('portal-answer').filter({ hasText: stamp }).count()).toBe(0);
    await page.getByTestId('portal-dimension').selectOption('D6');
    await card.waitFor();

    const desk = await openPage(suite.browser, suite.server, DESKTOP);
    await desk.page.goto(`/portal/feedback?commune=${encodeURIComponent(COMMUNE)}`);
    await desk.page.getByTestId('portal-answer').filter({ hasText: stamp }).waitFor();
    await shoot(desk.page, 'portal-desktop');
    await desk.page.goto(`/feedback/track?code=${code}`);
    await desk.page.getByTestId('track-answer').waitFor();
    await shoot(desk.page, 'track-desktop');
    await desk.page.goto('/feedback');
    await expectText(desk.page.locator('h1'), ui.form.title);
    await shoot(desk.page, 'form-desktop');

    // ---- the officer's board counts it
    await op.goto('/workspace/feedback/board');
    await op.getByTestId('fb-kpis').waitFor();
    await op.getByTestId('fb-board-dimension').locator('tbody tr', { hasText: 'D6' }).waitFor();
    await shoot(op, 'board-desktop');

    for (const tp of [citizen, officer, desk]) {
      tp.assertClean();
      await tp.close();
    }
  });

  it("a denunciation's identity never reaches the public pages, their API responses, a non-handling officer or the CSV", async () => {
    const stamp = `${dialect}-${Date.now().toString(36)}`;
    const name = 'Trần Thị Tố Giác';
    const phone = '0912 345 678';
    const email = `to.giac.${stamp}@example.vn`;
    const secrets = [name, phone, phone.replace(/\s/g, ''), email, 'Xóm Bí Mật'];
    const leaks = (texts: string[]) => secrets.filter((s) => texts.some((t) => t.includes(s)));

    const citizen = await openPage(suite.browser, suite.server, PHONE);
    const { page } = citizen;
    const citizenApi = recordApiBodies(page);
    await page.goto('/feedback');
    await page.getByTestId('track-denunciation').click();
    await expectTextContaining(page.getByTestId('fb-identity-note'), 'bí mật');
    await page.getByLabel(ui.form.category).selectOption({ label: 'Thái độ phục vụ của cán bộ' });
    await pickOption(page, ui.form.commune, 'an thi', communeName);
    await page
      .getByLabel(ui.form.description)
      .fill(`Cán bộ địa chính ${stamp} yêu cầu nộp thêm tiền ngoài quy định khi làm thủ tục.`);
    // Identity is required for a denunciation: sending without it names the missing fields.
    await page.getByTestId('fb-submit').click();
    await expectText(page.locator('.ant-form-item-explain-error').first(), ui.form.contactNameRequired);
    await page.getByTestId('fb-contact-name').fill(name);
    await page.getByTestId('fb-contact-phone').fill(phone);
    await page.getByLabel(ui.form.contactEmail).fill(email);
    await page.getByTestId('fb-contact-address').fill('Xóm Bí Mật, xã An Thi');
    await shoot(page, 'denunciation-phone');
    await page.getByTestId('fb-submit').click();
    await page.getByTestId('fb-confirmation').waitFor({ timeout: 30_000 });
    const code = ((await page.getByTestId('fb-code').textContent()) ?? '').trim();
    await page.getByTestId('fb-track-now').click();
    await page.getByTestId('tracked').waitFor();
    const trackText = (await page.locator('main').textContent()) ?? '';
    await page.goto('/portal/feedback');
    await page.getByTestId('portal-count').waitFor();
    const portalText = (await page.locator('main').textContent()) ?? '';
    expect(portalText).not.toContain(stamp); // denunciations are never published
    await citizenApi.settle();
    expect(citizenApi.bodies.some((b) => b.includes(`/api/feedback/track/`) && b.includes(code))).toBe(true);
    expect(leaks([trackText, portalText])).toEqual([]);
    expect(leaks(citizenApi.bodies)).toEqual([]);

    // ---- an officer who is not (yet) its handler: page, API responses and CSV carry no identity
    const officer = await openPage(suite.browser, suite.server, DESKTOP);
    const op = officer.page;
    await login(op, OFFICER);
    const officerApi = recordApiBodies(op);
    await op.goto('/workspace/feedback?track=denunciation');
    const row = op.locator(INBOX_ROWS, { hasText: code });
    await row.waitFor();
    const [download] = await Promise.all([op.waitForEvent('download'), op.getByTestId('fb-export').click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain(code);
    await row.getByRole('link').click();
    await op.getByTestId('fb-item').waitFor();
    await expectText(op.getByTestId('fb-item-contact').locator('.ant-alert-title'), ui.ws.contactHidden);
    const hiddenText = (await op.locator('main').textContent()) ?? '';
    await shoot(op, 'denunciation-hidden-desktop');
    await officerApi.settle();
    expect(leaks([csv, hiddenText, ...officerApi.bodies])).toEqual([]);

    // The handling officer does see it (so the checks above look at the right place) — and the CSV,
    // even for the handler, still has no identity.
    await op.getByTestId('fb-assign-me').click();
    await expectTextContaining(op.getByTestId('fb-item-contact'), name);
    await expectTextContaining(op.getByTestId('fb-item-contact'), phone);
    await shoot(op, 'denunciation-handler-desktop');
    await op.goto('/workspace/feedback?track=denunciation');
    await op.locator(INBOX_ROWS, { hasText: code }).waitFor();
    const [again] = await Promise.all([op.waitForEvent('download'), op.getByTestId('fb-export').click()]);
    const csv2 = readFileSync((await again.path()) as string, 'utf8');
    expect(csv2).toContain(code);
    expect(leaks([csv2])).toEqual([]);

    // A province officer (not the handler) reading the item through the API gets no identity either.
    const province = await openPage(suite.browser, suite.server, PHONE);
    await login(province.page, 'tinh.hungyen');
    const provinceApi = recordApiBodies(province.page);
    await province.page.goto('/workspace/feedback?track=denunciation');
    await province.page.locator(INBOX_ROWS, { hasText: code }).getByRole('link').click();
    await expectText(province.page.getByTestId('fb-item-contact').locator('.ant-alert-title'), ui.ws.contactHidden);
    expect(await horizontalOverflow(province.page)).toBeLessThanOrEqual(0);
    await shoot(province.page, 'item-phone');
    await provinceApi.settle();
    expect(leaks([(await province.page.locator('main').textContent()) ?? '', ...provinceApi.bodies])).toEqual([]);

    for (const tp of [citizen, officer, province]) {
      tp.assertClean();
      await tp.close();
    }
  });

  it('an all-capitals message waits in the moderation queue until the officer approves it', async () => {
    const stamp = `${dialect}${Date.now().toString(36)}`.toUpperCase();
    const citizen = await openPage(suite.browser, suite.server, PHONE);
    const { page } = citizen;
    await page.goto('/feedback');
    await page.getByTestId('track-feedback').click();
    await page.getByLabel(ui.form.category).selectOption({ label: 'Môi trường, rác thải' });
    await pickOption(page, ui.form.commune, 'an thi', communeName);
    await page.getByLabel(ui.form.description).fill(`RÁC THẢI ĐẦY ĐƯỜNG ${stamp} KHÔNG AI THU GOM SUỐT HAI TUẦN NAY`);
    await page.getByTestId('fb-submit').click();
    await page.getByTestId('fb-confirmation').waitFor({ timeout: 30_000 });
    await expectTextContaining(page.getByTestId('fb-confirmation'), ui.confirm.moderationPending);
    const code = ((await page.getByTestId('fb-code').textContent()) ?? '').trim();

    const officer = await openPage(suite.browser, suite.server, DESKTOP);
    const op = officer.page;
    await login(op, OFFICER);
    await op.goto('/workspace/feedback/moderation');
    const row = op.locator(INBOX_ROWS, { hasText: code });
    await row.waitFor();
    await shoot(op, 'moderation-desktop');
    await row.getByRole('link').click();
    await expectTextContaining(op.getByTestId('fb-actions'), vi.feedback.server.flags.all_caps);
    await shoot(op, 'moderation-item-desktop');
    await op.getByTestId('fb-approve').click();
    await expect.poll(() => op.getByTestId('fb-approve').count()).toBe(0);
    await op.goto('/workspace/feedback/moderation');
    await op.locator('[data-testid="fb-inbox"]').waitFor();
    await expect.poll(() => op.locator(INBOX_ROWS, { hasText: code }).count()).toBe(0);

    for (const tp of [citizen, officer]) {
      tp.assertClean();
      await tp.close();
    }
  });

  it('the form in English, on a desktop, and the workspace inbox on a phone', async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    await page.goto('/feedback');
    await expectText(page.locator('h1'), ui.form.title);
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await expectText(page.locator('h1'), en.feedback.ui.form.title);
    await expectTextContaining(page.getByTestId('track-complaint'), en.feedback.ui.tracks.complaint.title);
    expect(await unlabelledControls(page)).toEqual([]);
    await shoot(page, 'form-en-desktop');
    await page.goto('/portal/feedback');
    await expectText(page.locator('h1'), en.feedback.ui.portal.title);
    await page.getByTestId('language-switch').getByText('VI', { exact: true }).click();
    await expectText(page.locator('h1'), ui.portal.title);
    tp.assertClean();
    await tp.close();

    const phone = await openPage(suite.browser, suite.server, PHONE);
    await login(phone.page, OFFICER);
    await phone.page.goto('/workspace/feedback');
    await phone.page.getByTestId('fb-inbox').waitFor();
    await phone.page.locator(INBOX_ROWS).first().waitFor();
    expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
    await shoot(phone.page, 'inbox-phone');
    // Filters fold away on a phone; the overdue filter keeps only overdue items.
    await phone.page.getByTestId('fb-filters-toggle').click();
    await phone.page.getByTestId('fb-f-overdue').click();
    await phone.page.waitForURL(/overdue=1/);
    await phone.page.locator('[data-testid="fb-inbox"][aria-busy="false"]').waitFor();
    await expect
      .poll(async () => {
        const rows = await phone.page.locator(INBOX_ROWS).allTextContents();
        return rows.length > 0 && rows.every((r) => r.includes(ui.status.overdue));
      })
      .toBe(true);
    await shoot(phone.page, 'inbox-overdue-phone');
    phone.assertClean();
    await phone.close();
  });
});
