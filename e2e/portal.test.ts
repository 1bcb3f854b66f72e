/**
 * The public PAPI portal in real Chromium (desktop 1366×768 and phone 360×740): the rankings table and a
 * province profile in Vietnamese and English, the numbers on the page compared with the API's JSON, the
 * CSV download, sorting by keyboard-reachable header buttons, "chưa xếp hạng" for missing province-years,
 * no sideways scrolling on phones, and the gzipped JS loaded by the first paint of /portal/rankings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../core/i18n/format.js';
import { en, type Lang, vi } from '../core/i18n/index.js';
import {
  DESKTOP,
  DIALECTS,
  expectText,
  expectTextContaining,
  horizontalOverflow,
  openPage,
  PHONE,
  SCREENSHOT_DIR,
  smallTouchTargets,
  WEB_INDEX,
} from './harness.js';
import { browserSuite } from './suite.js';

interface Row {
  rank: number | null;
  code: string;
  nameVi: string;
  nameEn: string;
  score: number | null;
}

const fmt = (lang: Lang, v: number | null, decimals = 2) =>
  v === null
    ? lang === 'vi'
      ? vi.portal.notRated
      : en.portal.notRated
    : formatNumber(lang, v, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** The first `n` rows of the rankings table as [rank, province, score] texts. */
async function tableRows(page: Page, n: number): Promise<string[][]> {
  const rows = page.locator('[data-testid="rankings-table"] tbody tr');
  await rows.first().waitFor();
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const cells = rows.nth(i).locator('td');
    out.push([
      ((await cells.nth(0).textContent()) ?? '').trim(),
      ((await cells.nth(1).textContent()) ?? '').trim(),
      ((await rows.nth(i).getByTestId('score').textContent()) ?? '').trim(),
    ]);
  }
  return out;
}

describe.each(DIALECTS)('PAPI portal in the browser (%s)', (dialect) => {
  const suite = browserSuite(dialect);
  const shoot = suite.shoot;
  // biome-ignore lint/suspicious/noExplicitAny: JSON of the API under test
  const api = async (path: string): Promise<any> => (await fetch(`${suite.server.url}${path}`)).json();

  it('rankings 2024 in Vietnamese: rows equal the API, sorting, CSV download, initial JS size', async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    try {
      await page.goto('/portal/rankings?year=2024&measure=total&geography=63');
      await expectText(page.locator('h1'), vi.portal.rankingsTitle);
      const body = await api('/api/scores/rankings?year=2024&measure=total&geography=63');
      const rows = await tableRows(page, 5);
      expect(rows).toEqual((body.rows as Row[]).slice(0, 5).map((r) => [String(r.rank), r.nameVi, fmt('vi', r.score)]));
      expect(rows[0]).toEqual(['1', 'Quảng Ninh', '47,82']);
      expect(await page.locator('[data-testid="rankings-table"] tbody tr').count()).toBe(63);
      const hanoi = page.locator('[data-testid="rankings-table"] tbody tr', { hasText: 'Hà Nội' });
      expect(await hanoi.locator('td').first().textContent()).toBe('29');
      await expectText(page.getByTestId('rankings-caption'), new RegExp(`Số tỉnh được xếp hạng: ${body.rated}`));
      // Group shown as text (not colour alone).
      expect(await page.locator('[data-testid="rankings-table"] tbody tr').first().textContent()).toContain(
        vi.portal.groups.best,
      );
      await shoot(page, 'portal-rankings-vi-desktop');

      // Initial JS of the first paint: entry + lazy chunks loaded for this page (gzip -9 of the built files).
      await page.waitForLoadState('networkidle');
      const dist = join(WEB_INDEX, '..');
      const unique = [...new Set(scripts)];
      const gz = unique.map((p) => gzipSync(readFileSync(join(dist, p))).length);
      const total = gz.reduce((a, b) => a + b, 0);
      process.stdout.write(
        `\n[portal] initial JS of /portal/rankings: ${unique.length} files, ${(total / 1024).toFixed(1)} KB gzipped (${unique.join(', ')})\n`,
      );
      expect(unique.some((s) => /EChart/.test(s))).toBe(false);
      expect(total).toBeLessThanOrEqual(300 * 1024);

      // Sorting by score, ascending, with the header button (keyboard reachable); state in the URL.
      await page.getByRole('button', { name: /Điểm/ }).click();
      await page.waitForURL(/sort=score&dir=asc/);
      await expectTextContaining(page.locator('th[aria-sort="ascending"]'), vi.portal.score);
      const ascending = [...(body.rows as Row[])].filter((r) => r.score !== null).sort((a, b) => a.score! - b.score!);
      const firstAsc = await tableRows(page, 1);
      expect(firstAsc[0]![2]).toBe(fmt('vi', ascending[0]!.score));

      // CSV download of the same table.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv.split(/\r?\n/)[1]).toMatch(/^1,22,Quảng Ninh,Quang Ninh,/);
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it('2023: Quảng Ninh shows "chưa xếp hạng", never 0; the profile says it was not rated', async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    try {
      await page.goto('/portal/rankings?year=2023');
      const qn = page.locator('[data-testid="rankings-table"] tbody tr', { hasText: 'Quảng Ninh' });
      await qn.waitFor();
      expect(await qn.getByTestId('score').textContent()).toBe('chưa xếp hạng');
      expect(await qn.locator('td').first().textContent()).toBe('—');
      await page.goto('/portal/provinces/22?year=2023');
      await expectText(page.getByTestId('total-score'), 'Quảng Ninh chưa được xếp hạng trong năm 2023.');
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it('province profile of Quảng Ninh 2024 in Vietnamese and English equals the API', async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    try {
      const profile = await api('/api/scores/provinces/22?geography=63');
      const y = profile.years.find((x: { year: number }) => x.year === 2024);
      const dataRequests: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/scores/provinces/22') dataRequests.push(r.url());
      });
      await page.goto('/portal/provinces/22?geography=63&year=2024');
      await expectText(page.getByTestId('profile-name'), 'Quảng Ninh');
      // The server's Link preload fetched the data once, and the page used that answer (no second fetch).
      expect(dataRequests.map((u) => new URL(u).search)).toEqual(['?geography=63']);
      await expectText(page.getByTestId('total-score'), fmt('vi', y.total.score));
      await expectText(page.getByTestId('total-rank'), `Hạng 1 trên ${y.total.of} tỉnh, thành phố`);
      const dims = await page.getByTestId('dim-score').allTextContents();
      expect(dims).toEqual(y.dimensions.map((d: { score: number }) => fmt('vi', d.score)));
      const diag = await api('/api/scores/provinces/22/diagnosis?year=2024&lang=vi');
      await page.getByTestId('diagnosis').waitFor();
      expect(await page.getByTestId('diagnosis').locator('li').allTextContents()).toEqual(diag.sentences);
      // 2018 → 2019: total not comparable (D8 revised) — the change line says so.
      // Charts load when scrolled near (useMountNear).
      await page.locator('#radar').scrollIntoViewIfNeeded();
      await page.getByTestId('radar').locator('svg').waitFor();
      await page.locator('#trend').scrollIntoViewIfNeeded();
      await page.getByTestId('trend').locator('svg').waitFor();
      await shoot(page, 'portal-profile-vi-desktop');

      await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
      await expectText(page.getByTestId('total-rank'), `Rank 1 of ${y.total.of} provinces`);
      await expectText(page.getByTestId('total-score'), fmt('en', y.total.score));
      const diagEn = await api('/api/scores/provinces/22/diagnosis?year=2024&lang=en');
      await expectText(page.getByTestId('diagnosis').locator('li').first(), diagEn.sentences[0]);
      await shoot(page, 'portal-profile-en-desktop');

      await page.goto('/portal/provinces/22?year=2019');
      await expectText(page.getByTestId('total-change'), /not comparable with 2018 \(framework revised in 2019\)/);

      await page.goto('/portal/rankings?year=2024&measure=d4');
      await expectText(page.locator('h1'), en.portal.rankingsTitle);
      const d4 = await api('/api/scores/rankings?year=2024&measure=d4');
      const rows = await tableRows(page, 3);
      expect(rows).toEqual((d4.rows as Row[]).slice(0, 3).map((r) => [String(r.rank), r.nameEn, fmt('en', r.score)]));
      await shoot(page, 'portal-rankings-en-desktop');
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it("Hưng Yên's profile shows its issued improvement plan with the progress of /api/portal/plans", async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    try {
      const plans = await api('/api/portal/plans?province=33&geography=34');
      expect(plans.plans.length).toBeGreaterThan(0);
      const plan = plans.plans[0];
      await page.goto('/portal/provinces/33?geography=34');
      const section = page.getByTestId('profile-plans');
      await expectText(section.locator('h3').first(), new RegExp(`^Kế hoạch số ${plan.number}/${plan.symbol} ngày `));
      await expectTextContaining(section, plan.title);
      await expectTextContaining(
        section,
        `${plan.taskCount} nhiệm vụ · ${plan.doneCount} đã hoàn thành · ${plan.overdueCount} quá hạn`,
      );
      await expectText(section.getByTestId('plan-progress').first(), `${plan.progress}%`);
      await section.scrollIntoViewIfNeeded();
      await shoot(page, 'portal-profile-plans-vi-desktop');
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it('compare Quảng Ninh and Hà Nội 2024: every shown score equals /api/scores/compare', async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    try {
      await page.goto('/portal/compare?codes=22,01&year=2024');
      await expectText(page.locator('h1'), vi.portal.compareTitle);
      const body = await api('/api/scores/compare?codes=22,01&year=2024');
      await page.getByTestId('compare-table').waitFor();
      for (const p of body.provinces as {
        code: string;
        values: Record<string, { score: number | null; rank: number | null }>;
      }[])
        for (const m of body.measures as { measure: string }[]) {
          const v = p.values[m.measure]!;
          const decimals = /^\d\.\d+$/.test(m.measure) ? 3 : 2;
          const expected = `${fmt('vi', v.score, decimals)}${v.rank !== null ? ` (${v.rank})` : ''}`;
          expect(await page.getByTestId(`cmp-${p.code}-${m.measure}`).textContent(), `${p.code} ${m.measure}`).toBe(
            expected,
          );
        }
      expect(await page.getByTestId('cmp-22-total').textContent()).toBe('47,82 (1)');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-download-csv').click()]);
      expect(readFileSync((await dl.path())!, 'utf8').split(/\r?\n/)[1]).toMatch(/^total,/);
      await page.locator('#cmp-radar').scrollIntoViewIfNeeded();
      await page.getByTestId('compare-radar').locator('svg').waitFor();
      await shoot(page, 'portal-compare-vi-desktop');
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it('map 2024: provinces coloured by group with a text legend and attribution; the list links to profiles', async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    try {
      await page.goto('/portal/map?year=2024&measure=total');
      await expectText(page.locator('h1'), vi.portal.mapTitle);
      const svg = page.getByTestId('province-map').locator('svg');
      await svg.waitFor();
      // One filled path per province part at least; the best group's colour is used.
      // (Locator waits, not waitForFunction: polling a string predicate needs eval, which the CSP forbids.)
      await page
        .locator(
          '[data-testid="province-map"] svg path[fill="#1d5b8f"], [data-testid="province-map"] svg path[fill="rgb(29,91,143)"]',
        )
        .first()
        .waitFor();
      expect(await page.getByTestId('map-attribution').textContent()).toContain('CC BY-SA 4.0');
      for (const g of ['best', 'high-average', 'low-average', 'poorest'] as const)
        expect(await page.locator('.group-legend').first().textContent()).toContain(vi.portal.groups[g]);
      await shoot(page, 'portal-map-vi-desktop');
      await page.getByRole('link', { name: 'Quảng Ninh' }).click();
      await page.waitForURL(/\/portal\/provinces\/22/);
      await expectText(page.getByTestId('profile-name'), 'Quảng Ninh');
      await page.goto('/portal/map?year=2024&geography=34');
      await page.getByTestId('province-map').locator('svg path').first().waitFor();
      await shoot(page, 'portal-map-34-vi-desktop');
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it('keyboard sorting, AA contrast of every group tag, and the 34-province view labelled as an approximation', async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    try {
      await page.goto('/portal/rankings?year=2024&geography=34');
      await page.locator('[data-testid="rankings-table"] tbody tr').first().waitFor();
      expect(await page.locator('[data-testid="rankings-table"] tbody tr').count()).toBe(34);
      await expectTextContaining(page.locator('.ant-alert'), vi.portal.approximation);
      // Sort by province name with the keyboard only.
      await page.getByRole('button', { name: new RegExp(vi.portal.province) }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/sort=province&dir=asc/);
      // Navigations render in a transition: wait for the table itself to say it is sorted.
      await expectTextContaining(page.locator('th[aria-sort="ascending"]'), vi.portal.province);
      const names = await page.locator('[data-testid="province-link"]').allTextContents();
      expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
      expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain(vi.portal.province);
      // WCAG 2.1 AA: text of every group tag ≥ 4.5:1 against its fill.
      const ratios = await page.evaluate<{ text: string; ratio: number }[]>(`(() => {
        const lum = (c) => {
          const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(Number).map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        return [...document.querySelectorAll('.group-tag')].map((el) => {
          const st = getComputedStyle(el);
          const a = lum(st.color), b = lum(st.backgroundColor);
          return { text: el.textContent, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
        });
      })()`);
      expect(ratios.length).toBeGreaterThan(30);
      for (const r of ratios) expect(r.ratio, r.text).toBeGreaterThanOrEqual(4.5);
      await shoot(page, 'portal-rankings-34-vi-desktop');
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it('on a 360 px phone: rankings and profile without sideways scrolling, 44 px targets', async () => {
    const tp = await openPage(suite.browser, suite.server, PHONE);
    const { page } = tp;
    try {
      await page.goto('/portal/rankings?year=2024');
      const body = await api('/api/scores/rankings?year=2024');
      expect(await tableRows(page, 3)).toEqual(
        (body.rows as Row[]).slice(0, 3).map((r) => [String(r.rank), r.nameVi, fmt('vi', r.score)]),
      );
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shoot(page, 'portal-rankings-vi-phone');
      if (dialect === DIALECTS[0])
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-rankings-vi-phone-top.png') });

      await page.goto('/portal/provinces/01?year=2024');
      const hn = (await api('/api/scores/provinces/01')).years.find((x: { year: number }) => x.year === 2024);
      await expectText(page.getByTestId('total-score'), fmt('vi', hn.total.score));
      await expectText(page.getByTestId('total-rank'), `Hạng 29 trên ${hn.total.of} tỉnh, thành phố`);
      await page.locator('#radar').scrollIntoViewIfNeeded();
      await page.getByTestId('radar').locator('svg').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await smallTouchTargets(page)).toEqual([]);
      await shoot(page, 'portal-profile-vi-phone');
      if (dialect === DIALECTS[0]) {
        // What the phone shows without scrolling, and at the dimensions table (the full page is very tall).
        await page.evaluate('window.scrollTo(0, 0)');
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-profile-vi-phone-top.png') });
        await page.getByTestId('dimensions-table').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-profile-vi-phone-dimensions.png') });
      }
      for (const [url, name] of [
        ['/portal/compare?codes=22,01&year=2024', 'portal-compare-vi-phone'],
        ['/portal/map?year=2024', 'portal-map-vi-phone'],
      ] as const) {
        await page.goto(url);
        await page.locator('svg').last().waitFor();
        expect(await horizontalOverflow(page), url).toBeLessThanOrEqual(0);
        expect(await smallTouchTargets(page), url).toEqual([]);
        await shoot(page, name);
      }
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });
});
