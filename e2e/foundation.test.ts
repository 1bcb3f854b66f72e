/**
 * The foundation in real Chromium, desktop (1366×768) and phone (360×740, touch): the public home in
 * Vietnamese, searching "ha noi" finds Hà Nội, the language switch, signing in as a province officer,
 * the workspace with name and unit, signing out; no sideways scrolling and 44 px touch targets on phones.
 */
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
  scrollWidth,
  smallTouchTargets,
} from './harness.js';
import { browserSuite } from './suite.js';

const OFFICER = 'tinh.hungyen';

describe.each(DIALECTS)('foundation in the browser (%s)', (dialect) => {
  const suite = browserSuite(dialect);
  let officerName: string;
  // Screenshots once (SQLite run): the pages are the same on PostgreSQL.
  const shoot = suite.shoot;

  beforeAll(async () => {
    const user = await suite.server.db.db
      .selectFrom('app_user')
      .select('display_name')
      .where('username', '=', OFFICER)
      .executeTakeFirst();
    if (!user) throw new Error(`demo user ${OFFICER} is missing: the demo seed (server/demo/seed.ts) must create it`);
    officerName = user.display_name;
  });

  describe.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)('on %s', (device, options) => {
    it('home in Vietnamese, search "ha noi", switch language, sign in, workspace, sign out', async () => {
      const tp = await openPage(suite.browser, suite.server, options);
      const { page } = tp;
      const chunks: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('.js')) chunks.push(new URL(r.url()).pathname);
      });
      try {
        // 1. The public home opens in Vietnamese.
        await page.goto('/');
        await expectText(page.locator('h1'), vi.home.heroTitle);
        expect(await page.getAttribute('html', 'lang')).toBe('vi');
        await page.getByTestId('sign-in').waitFor();
        expect(await page.getByTestId('sign-in').textContent()).toContain('Đăng nhập');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await shoot(page, `home-${device}`);
        // The workspace and login code are not part of the home page.
        expect(chunks.filter((c) => /WorkspaceRoutes|Login/.test(c))).toEqual([]);

        // 2. Search without diacritics finds Hà Nội (with its type and code).
        await page.getByTestId('unit-search').fill('ha noi');
        const hanoi = page.locator('[data-testid="unit-results"] li[data-unit-id="vn2025:01"]');
        await hanoi.waitFor();
        expect(await hanoi.textContent()).toContain('Hà Nội');
        expect(await hanoi.textContent()).toContain(vi.units.types.centrally_run_city);
        expect(await hanoi.textContent()).toMatch(/Mã 01/);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await shoot(page, `home-search-${device}`);

        if (device === 'phone') {
          expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
          expect(await smallTouchTargets(page)).toEqual([]);
        }

        // 3. English, then back to Vietnamese; the choice is remembered.
        await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
        await expectText(page.locator('h1'), en.home.heroTitle);
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        expect(await hanoi.textContent()).toContain('Centrally-run city');
        expect(await page.getByTestId('sign-in').textContent()).toContain('Sign in');
        expect(await evaluate(page, "localStorage.getItem('openpapi.lang')")).toBe('en');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await shoot(page, `home-en-${device}`);
        await page.reload();
        await expectText(page.locator('h1'), en.home.heroTitle);
        await page.getByTestId('language-switch').getByText('VI', { exact: true }).click();
        await expectText(page.locator('h1'), vi.home.heroTitle);
        expect(await page.getAttribute('html', 'lang')).toBe('vi');

        // 4. Sign in as the Hưng Yên province officer: the workspace shows name and unit.
        await login(page, OFFICER);
        await expectText(page.getByTestId('greeting'), `Xin chào, ${officerName}`);
        const roles = page.getByTestId('my-roles');
        expect(await roles.textContent()).toContain('Cán bộ cấp tỉnh');
        expect(await roles.textContent()).toContain('Hưng Yên');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await shoot(page, `workspace-${device}`);

        if (device === 'desktop') {
          expect(await page.getByTestId('ws-user').textContent()).toContain(officerName);
          const nav = page.getByRole('navigation');
          for (const label of ['Tổng quan', 'Kế hoạch', 'Đơn vị', 'Người dùng']) {
            await nav.getByText(label, { exact: true }).waitFor();
          }
          // The audit log is for system administrators only.
          expect(await nav.getByText('Nhật ký', { exact: true }).count()).toBe(0);
          // Signed in, the language choice is also saved on the account (PATCH /api/auth/me).
          await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
          await nav.getByText('Units', { exact: true }).waitFor();
          await expectText(page.getByTestId('greeting'), `Hello, ${officerName}`);
          const saved = await evaluate<{ user: { locale: string } }>(
            page,
            "fetch('/api/auth/me').then((r) => r.json())",
          );
          expect(saved.user.locale).toBe('en');
          await page.getByTestId('language-switch').getByText('VI', { exact: true }).click();
          await nav.getByText('Đơn vị', { exact: true }).waitFor();
          await nav.getByText('Chỉ số PAPI', { exact: true }).click();
        } else {
          // On a phone the navigation lives in a drawer.
          expect(await page.getByRole('navigation').count()).toBe(0);
          await page.getByTestId('nav-toggle').click();
          const drawer = page.locator('.ant-drawer-section');
          await drawer.getByText('Kế hoạch', { exact: true }).waitFor();
          expect(await drawer.textContent()).toContain(officerName);
          expect(await smallTouchTargets(page)).toEqual([]);
          await shoot(page, `workspace-menu-${device}`);
          await drawer.getByText('Chỉ số PAPI', { exact: true }).click();
          await drawer.waitFor({ state: 'hidden' });
        }
        // A section not built yet says so honestly.
        await page.getByTestId('coming-soon').waitFor();
        expect(await page.getByTestId('coming-soon').textContent()).toContain(vi.common.comingSoonTitle);

        // 5. The unit tree: the officer's province is listed as of today, its communes below it.
        await page.goto('/workspace/units');
        const tree = page.getByTestId('unit-tree');
        await tree.getByText('Tỉnh Hưng Yên').click();
        const children = page.getByTestId('unit-children');
        await children.getByText('Xã Ân Thi', { exact: true }).waitFor();
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await shoot(page, `workspace-units-${device}`);

        // 6. Sign out: back on the public home, signed out on the server too.
        if (device === 'phone') {
          await page.getByTestId('nav-toggle').click();
          await page.locator('.ant-drawer-section').getByTestId('sign-out').click();
        } else {
          await page.getByTestId('sign-out').click();
        }
        await page.waitForURL((url) => url.pathname === '/');
        await page.getByTestId('sign-in').waitFor();
        const me = await evaluate(page, "fetch('/api/auth/me').then((r) => r.json())");
        expect(me).toEqual({ user: null });

        tp.assertClean();
      } finally {
        await tp.close();
      }
    });
  });

  it('shows administrators the users and the audit log, with a CSV export', async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    try {
      await login(page, 'admin');
      const nav = page.getByRole('navigation');
      await nav.getByText('Người dùng', { exact: true }).click();
      const users = page.getByTestId('users-table');
      await users.getByText(OFFICER, { exact: true }).waitFor();
      expect(await users.textContent()).toContain('Cán bộ cấp tỉnh · Hưng Yên');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shoot(page, 'workspace-users-desktop');

      await nav.getByText('Nhật ký', { exact: true }).click();
      const audit = page.getByTestId('audit-table');
      // The admin's own sign-in is the newest entry.
      await audit.getByText('login', { exact: true }).first().waitFor();
      expect(await audit.textContent()).toContain('admin');
      await shoot(page, 'workspace-audit-desktop');
      const href = await page.getByTestId('audit-csv').getAttribute('href');
      expect(href).toBe('/api/audit/export.csv');
      const csv = await evaluate<{ status: number; type: string; head: string }>(
        page,
        `fetch(${JSON.stringify(href)}).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), head: (await r.text()).split('\\n')[0] }))`,
      );
      expect(csv.status).toBe(200);
      expect(csv.type).toMatch(/text\/csv/);
      expect(csv.head).toContain('action');
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it('sends an official whose session ended back to sign-in, saying why', async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    try {
      tp.allow(/HTTP 401: GET \/api\/users/);
      tp.allow(/status of 401/);
      await login(page, 'admin');
      await suite.server.db.db.deleteFrom('session').execute(); // e.g. expired, or signed out elsewhere
      await page.getByRole('navigation').getByText('Người dùng', { exact: true }).click();
      await page.waitForURL(/\/login\?next=%2Fworkspace%2Fusers&expired=1/);
      await expectTextContaining(page.locator('.ant-alert-warning'), vi.auth.sessionExpired);
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it('opens the live PAPI results, and the sections not built yet as honest "coming soon" pages', async () => {
    const tp = await openPage(suite.browser, suite.server, PHONE);
    const { page } = tp;
    try {
      await page.goto('/');
      await page.getByText('Kết quả PAPI', { exact: true }).click();
      await page.waitForURL(/\/portal\/rankings$/);
      await page.goto('/');
      await page.getByText('Kế hoạch cải thiện', { exact: true }).click();
      await page.waitForURL(/\/portal\/plans$/);
      await expectTextContaining(page.getByTestId('coming-soon'), vi.common.comingSoonTitle);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shoot(page, 'portal-phone');
      await page.goto('/no-such-page');
      await expectText(page.locator('h1'), vi.common.notFoundTitle);
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it('says why sign-in failed, in the current language', async () => {
    const tp = await openPage(suite.browser, suite.server, DESKTOP);
    const { page } = tp;
    try {
      tp.allow(/HTTP 401: POST \/api\/auth\/login/);
      tp.allow(/status of 401/);
      await page.goto('/login');
      await page.getByLabel('Tên đăng nhập').fill(OFFICER);
      await page.getByLabel('Mật khẩu').fill('wrong-password');
      await page.locator('form button[type="submit"]').click();
      await expectTextContaining(page.getByTestId('login-error'), vi.errors.invalid_credentials);
      await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
      await page.locator('form button[type="submit"]').click();
      await expectTextContaining(page.getByTestId('login-error'), en.errors.invalid_credentials);
      await shoot(page, 'login-error-en-desktop');
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });

  it('sends visitors of the workspace to sign-in and back', async () => {
    const tp = await openPage(suite.browser, suite.server, PHONE);
    const { page } = tp;
    try {
      await page.goto('/workspace/units');
      await page.waitForURL(/\/login\?next=%2Fworkspace%2Funits/);
      await page.getByLabel('Tên đăng nhập').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shoot(page, 'login-phone');
      await page.getByLabel('Tên đăng nhập').fill(OFFICER);
      await page.getByLabel('Mật khẩu').fill('openpapi-demo');
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL(/\/workspace\/units$/);
      await page.getByTestId('unit-tree').waitFor();
      tp.assertClean();
    } finally {
      await tp.close();
    }
  });
});
