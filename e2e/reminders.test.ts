/**
 * The reminders panel on the workspace Overview in real Chromium (desktop and 360 px phone), on the
 * demo data: a commune officer sees only their commune's tasks and reports due soon or overdue, each
 * linking to its page, and can set the address reminders go to.
 */
import { describe, expect, it } from 'vitest';
import { DESKTOP, horizontalOverflow, login, openPage, PHONE, screenshot } from './harness.js';
import { browserSuite } from './suite.js';

describe('reminders panel (sqlite)', () => {
  const suite = browserSuite('sqlite');

  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`shows the commune officer's due items and keeps the reminder address (${device})`, async () => {
      const tp = await openPage(suite.browser, suite.server, options);
      const { page } = tp;
      await login(page, 'xa.anthi');
      const panel = page.getByTestId('reminders');
      await panel.waitFor();
      await panel.locator('.ant-spin-spinning').waitFor({ state: 'detached', timeout: 10_000 });
      const items = panel.getByTestId('reminder-item');
      const texts = await items.allInnerTexts();
      // Whatever is due on the demo data today, none of it belongs to the other commune.
      for (const text of texts) expect(text).not.toContain('Phố Hiến');
      if (texts.length > 0) {
        const href = await items.first().locator('a').first().getAttribute('href');
        expect(href).toMatch(/^\/workspace\/(plans\/tasks|reports)\//);
      }
      await panel.getByLabel(/Địa chỉ thư điện tử/).fill('xa.anthi@example.vn');
      await panel.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã lưu địa chỉ thư điện tử').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `reminders-overview-${device}`);
      process.stdout.write(`reminders on ${device}: ${texts.length} items\n`);
      tp.assertClean();
      await tp.close();
    });
  }
});
