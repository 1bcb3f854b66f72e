/**
 * Browser test harness, shared by every browser test: the real server in-process on a random port
 * (fresh database + demo data), real Chromium through playwright-core, and a page wrapper that fails
 * the test on any console error, uncaught exception or failed request on our own origin.
 *
 *   const server = await startTestServer('sqlite');
 *   const browser = await launchBrowser();
 *   const tp = await openPage(browser, server, DESKTOP);
 *   await tp.page.goto('/');  …  tp.assertClean();
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import type { Dialect } from '../server/db/connection.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../server/db/testing.js';
import { seedDemoIfEmpty } from '../server/demo/seed.js';

export { DIALECTS };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WEB_INDEX = join(ROOT, 'dist/web/index.html');
export const SCREENSHOT_DIR = join(ROOT, 'e2e/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Password of every demo user (server/demo seed). */
export const DEMO_PASSWORD = 'openpapi-demo';

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** Fails with a clear message when the web app was not built (the server would serve no page). */
export function assertWebBuilt(): void {
  if (!existsSync(WEB_INDEX)) {
    throw new Error(
      `dist/web/index.html is missing: run npm run build (or npx vite build --config web/vite.config.ts) before the browser tests`,
    );
  }
}

export interface TestServer {
  url: string;
  db: TestDatabase;
  dialect: Dialect;
  close(): Promise<void>;
}

/** The real app on 127.0.0.1:<random port>, on a fresh database of `dialect` with the demo data loaded. */
export async function startTestServer(
  dialect: Dialect = 'sqlite',
  options: { seed?: boolean } = {},
): Promise<TestServer> {
  assertWebBuilt();
  const db = await createTestDatabase(dialect);
  try {
    if (options.seed !== false) await seedDemoIfEmpty(db, () => undefined);
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const app = await buildApp({ handle: db, config }, { logger: false });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      url: address,
      db,
      dialect,
      close: async () => {
        await app.close();
        await db.destroy();
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** Chromium with everything that could reach outside the machine switched off. */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface TrackedPage {
  page: Page;
  /** Console errors, page exceptions, failed requests and HTTP errors on our origin, as they happened. */
  problems: string[];
  /** Requests to any other origin (the app must make none). */
  foreignRequests: string[];
  /** Expect a problem (e.g. the 401 of a wrong password): matching ones are not reported. */
  allow(pattern: RegExp): void;
  /** Throws listing every unexpected problem and foreign request. */
  assertClean(): void;
  close(): Promise<void>;
}

/** A new browser context and page on the test server; relative URLs (`page.goto('/')`) go to it. */
export async function openPage(
  browser: Browser,
  server: TestServer,
  options: BrowserContextOptions = DESKTOP,
): Promise<TrackedPage> {
  const context = await browser.newContext({
    ...options,
    baseURL: server.url,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  const origin = new URL(server.url).origin;
  const problems: string[] = [];
  const foreignRequests: string[] = [];
  const allowed: RegExp[] = [];

  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  page.on('requestfailed', (req) => {
    // A navigation away can abort an in-flight request; that is not a fault of the page.
    if (req.url().startsWith(origin) && req.failure()?.errorText !== 'net::ERR_ABORTED') {
      problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`);
    }
  });
  page.on('response', (res) => {
    if (res.url().startsWith(origin) && res.status() >= 400) {
      problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url().slice(origin.length)}`);
    }
  });

  const unexpected = () => problems.filter((p) => !allowed.some((re) => re.test(p)));
  return {
    page,
    problems,
    foreignRequests,
    allow: (pattern) => allowed.push(pattern),
    assertClean: () => {
      const bad = [...unexpected(), ...foreignRequests.map((u) => `request to another origin: ${u}`)];
      if (bad.length > 0) throw new Error(`The page had problems:\n  ${bad.join('\n  ')}`);
    },
    close: () => context.close(),
  };
}

/** Signs in through the login form (the real flow, CSRF included) and waits for the workspace. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(/\/workspace(\/|$)/);
  await page.getByTestId('greeting').waitFor();
}

/** Full-page PNG in e2e/screenshots/<name>.png (gitignored); returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Wait for web fonts so the picture shows what people see.
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

// Code run inside the page is passed as strings: the Node-side tsconfig has no DOM types.

/**
 * Width of the document beyond the configured viewport (≤ 0 = no horizontal scrolling). Compared with
 * the viewport we asked for, not `innerWidth`: a mobile browser widens its layout viewport (and zooms
 * out) to fit overflowing content, which would hide the fault.
 */
export async function horizontalOverflow(page: Page): Promise<number> {
  const width = page.viewportSize()?.width ?? (await page.evaluate<number>('window.innerWidth'));
  return (await scrollWidth(page)) - width;
}

/** `document.documentElement.scrollWidth`. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/** An expression evaluated in the page. */
export function evaluate<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

/**
 * Visible controls smaller than 44 × 44 px (WCAG 2.5.5 target size on touch screens): buttons,
 * inputs (their antd wrapper), segmented and menu items, button-links and card links.
 */
export function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const selector = 'button, input:not([type=hidden]), [role="button"], .ant-segmented-item, .ant-menu-item, a.ant-btn, .panel-link';
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('[aria-hidden="true"]')) continue;
      const box = (el.closest('.ant-input-affix-wrapper, .ant-picker') || el).getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.height < 44 || box.width < 44) {
        const label = (el.textContent || el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').trim().slice(0, 30);
        out.push(el.tagName.toLowerCase() + ' "' + label + '" ' + Math.round(box.width) + 'x' + Math.round(box.height));
      }
    }
    return out;
  })()`);
}

/**
 * Waits until the locator's text equals (string) or matches (RegExp) the expected text; fails
 * with what was there instead. playwright-core has no `expect(locator)` matchers of its own.
 */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '').trim() : null;
    if (last !== null && (typeof expected === 'string' ? last === expected : expected.test(last))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `Expected ${locator} to have text ${String(expected)}, found ${last === null ? 'no element' : JSON.stringify(last)}`,
  );
}

/** Waits until the locator's text contains the expected part. */
export function expectTextContaining(locator: Locator, part: string, timeoutMs = 10_000): Promise<void> {
  const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return expectText(locator, new RegExp(escaped), timeoutMs);
}
