/**
 * The set-up every browser test file shares: inside a `describe`, `browserSuite(dialect)` starts the
 * real server on a fresh database of that dialect (demo data loaded) and Chromium before the tests,
 * and closes both after them (hooks registered by the file itself run inside these).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Dialect } from '../server/db/connection.js';
import { DIALECTS, launchBrowser, screenshot, startTestServer, type TestServer } from './harness.js';

export interface BrowserSuite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A screenshot named `<prefix><name>`, on the first dialect only (the pages are the same on the others). */
  shoot(page: Page, name: string): Promise<string>;
}

export function browserSuite(dialect: Dialect, screenshotPrefix = ''): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('browserSuite: used before its beforeAll ran');
    return x;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    shoot: (page, name) =>
      dialect === DIALECTS[0] ? screenshot(page, `${screenshotPrefix}${name}`) : Promise.resolve(''),
  };
}
