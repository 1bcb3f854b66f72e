/**
 * `npm run bench -- portal` (after `npm run build`): the public portal's speed targets of issue 5,
 * measured in real Chromium against the real server (in-process, fresh SQLite + demo data, loopback).
 *
 *   "The initial JavaScript of the portal is at most 300 KB gzipped and a province profile is
 *    interactive in under 1 s from a cold load on loopback."
 *
 * Each page is loaded COLD 5 times: a new browser context per load (empty HTTP cache, no storage),
 * one Chromium process for the whole run. Every figure is measured, none is estimated.
 *
 * JS bytes: every script response from our origin between navigation and "interactive", gzip -9 of
 * the built file it came from (dist/web; the server sends the precompressed brotli file, a little
 * smaller, to browsers that accept it). "initial" = the files index.html names (entry <script> + <link rel=modulepreload>);
 * "lazy" = chunks the page imported dynamically before it was interactive. The target (≤ 300 KB)
 * is checked against "initial" (what issue 5 names); the total before interactive is printed beside it.
 *
 * Interactive: milliseconds since the navigation started (the page's performance.timeOrigin), read by
 * in-page performance.now() at the moment ALL of this held:
 *   1. the page's key content is rendered (per page below: the data, not a skeleton), and then
 *   2. a real click (playwright mouse click, so React's handlers must be attached) on one control has
 *      visibly taken effect in the DOM.
 * The click is only issued once (1) holds, so the figure includes the client-side round trip of one
 * interaction. Per page:
 *   home      /                        hero title + unit search rendered; click EN → <html lang="en">
 *   rankings  /portal/rankings?…       63 table rows; click the "Điểm" header → th[aria-sort=ascending] is Điểm
 *   profile   /portal/provinces/22?…   headline total + ≥ 6 dimension rows; click EN → "Rank 1 of …"
 *   compare   /portal/compare?…        Quảng Ninh's total cell; click EN → <html lang="en"> and the h1 changes
 *   map       /portal/map?…            map SVG has province paths; click EN → <html lang="en"> and the h1 changes
 * "content" = the same clock in the frame where (1) first held, stamped in the page (see contentScript).
 * The click still waits for the harness to see (1), so "interactive" includes that notice and the
 * click's own actionability checks: it overstates what a person would wait. The 1 s target (on the median) binds the province
 * profile (issue 5); the other pages are reported for context. Exit code 1 when a target is missed.
 * Also shown: PerformanceNavigationTiming.domContentLoadedEventEnd and the last largest-contentful-paint
 * entry before "interactive" (medians). The contexts bypass the app's Content-Security-Policy only
 * because playwright's waitForFunction needs eval; the page's own code is unchanged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startTestServer, type TestServer, WEB_INDEX } from '../e2e/harness.js';

const RUNS = 5;
const JS_TARGET_KB = 300;
const PROFILE_TARGET_MS = 1000;

if (!existsSync(WEB_INDEX)) {
  process.stderr.write(
    'bench portal: dist/web/index.html is missing. Run `npm run build` (or `npx vite build --config web/vite.config.ts`) first.\n',
  );
  process.exit(1);
}
const DIST = dirname(WEB_INDEX);

/** Files named by index.html: the entry script and its modulepreloads. */
const indexHtml = readFileSync(WEB_INDEX, 'utf8');
const initialFiles = new Set(
  [...indexHtml.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  ),
);

const gzCache = new Map<string, number>();
function gzBytes(pathname: string): number {
  let n = gzCache.get(pathname);
  if (n === undefined) {
    n = gzipSync(readFileSync(join(DIST, pathname)), { level: 9 }).length;
    gzCache.set(pathname, n);
  }
  return n;
}

const clickEnglish = (page: Page) =>
  page.getByTestId('language-switch').getByText('EN', { exact: true }).click({ timeout: 10_000 });
const h1Changed = (before: string) =>
  `document.documentElement.lang === 'en' && (document.querySelector('h1')?.textContent ?? '') !== ${JSON.stringify(before)}`;
const h1Text = async (page: Page) => (await page.locator('h1').first().textContent()) ?? '';

interface Case {
  name: string;
  url: string;
  /** In-page boolean expression: the key content is rendered (the data, not a skeleton). */
  content: string;
  /** Clicks one control; returns an in-page boolean expression that is true once the click took effect. */
  act(page: Page): Promise<string>;
  timeTarget: boolean;
}

const CASES: Case[] = [
  {
    name: 'home',
    url: '/',
    content: `!!document.querySelector('#hero-title') && !!document.querySelector('[data-testid="unit-search"]')`,
    act: async (page) => {
      await clickEnglish(page);
      return `document.documentElement.lang === 'en'`;
    },
    timeTarget: false,
  },
  {
    name: 'rankings',
    url: '/portal/rankings?year=2024&measure=total&geography=63',
    content: `document.querySelectorAll('[data-testid="rankings-table"] tbody tr').length === 63`,
    act: async (page) => {
      await page
        .locator('[data-testid="rankings-table"] thead')
        .getByRole('button', { name: /Điểm/ })
        .click({ timeout: 10_000 });
      return `(document.querySelector('th[aria-sort="ascending"]')?.textContent ?? '').includes('Điểm')`;
    },
    timeTarget: false,
  },
  {
    name: 'profile',
    url: '/portal/provinces/22?geography=63',
    content: `!!document.querySelector('[data-testid="total-score"]') && document.querySelectorAll('[data-testid="dimensions-table"] tbody tr').length >= 6`,
    act: async (page) => {
      await clickEnglish(page);
      return `/^Rank \\d+ of/.test(document.querySelector('[data-testid="total-rank"]')?.textContent ?? '')`;
    },
    timeTarget: true,
  },
  {
    name: 'compare',
    url: '/portal/compare?codes=22,01&year=2024',
    content: `!!document.querySelector('[data-testid="cmp-22-total"]')`,
    act: async (page) => {
      const before = await h1Text(page);
      await clickEnglish(page);
      return h1Changed(before);
    },
    timeTarget: false,
  },
  {
    name: 'map',
    url: '/portal/map?year=2024&measure=total',
    content: `!!document.querySelector('[data-testid="province-map"] svg path')`,
    act: async (page) => {
      const before = await h1Text(page);
      await clickEnglish(page);
      return h1Changed(before);
    },
    timeTarget: false,
  },
];

/**
 * Records in window.__contentAt the frame in which `content` first held: a MutationObserver checks it
 * after every DOM change and stamps the next animation frame (the frame that paints it). Stamping in
 * the page keeps the harness's own polling round trips out of the figure.
 */
const contentScript = (content: string) => `
  window.__contentAt = null;
  new MutationObserver((_, observer) => {
    if (!(${content})) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__contentAt = performance.now(); });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
`;

/** Records the last largest-contentful-paint candidate in window.__lcp. */
const LCP_SCRIPT = `
  window.__lcp = null;
  try {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      window.__lcp = entries[entries.length - 1].startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
`;

interface Sample {
  initialGz: number;
  lazyGz: number;
  /** Key content rendered (before the click). */
  readyMs: number;
  interactiveMs: number;
  dclMs: number;
  lcpMs: number | null;
}

async function coldLoad(browser: Browser, server: TestServer, c: Case): Promise<Sample> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    baseURL: server.url,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // waitForFunction evaluates its string predicate with eval, which the app's CSP (rightly) forbids.
    bypassCSP: true,
  });
  try {
    await context.addInitScript(LCP_SCRIPT);
    await context.addInitScript(contentScript(c.content));
    const page = await context.newPage();
    const origin = new URL(server.url).origin;
    const scripts = new Set<string>();
    let recording = true;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (res) => {
      if (!recording || res.request().resourceType() !== 'script' || !res.url().startsWith(origin)) return;
      scripts.add(new URL(res.url()).pathname);
    });

    await page.goto(c.url, { waitUntil: 'commit' });
    const ready = await page.waitForFunction('window.__contentAt ?? false', undefined, { timeout: 10_000 });
    const readyMs = (await ready.jsonValue()) as number;
    const effect = await c.act(page);
    const handle = await page.waitForFunction(`(${effect}) ? performance.now() : false`, undefined, {
      polling: 'raf',
      timeout: 10_000,
    });
    const interactiveMs = (await handle.jsonValue()) as number;
    recording = false;
    if (errors.length > 0) throw new Error(`${c.name}: page errors: ${errors.join('; ')}`);

    const timing = await page.evaluate<{ dcl: number; lcp: number | null }>(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { dcl: nav ? nav.domContentLoadedEventEnd : NaN, lcp: window.__lcp };
    })()`);

    let initialGz = 0;
    let lazyGz = 0;
    for (const s of scripts) {
      if (initialFiles.has(s)) initialGz += gzBytes(s);
      else lazyGz += gzBytes(s);
    }
    return { initialGz, lazyGz, readyMs, interactiveMs, dclMs: timing.dcl, lcpMs: timing.lcp };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const server = await startTestServer('sqlite');
const browser = await launchBrowser();
const rows: string[][] = [];
let missed = 0;
try {
  for (const c of CASES) {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await coldLoad(browser, server, c));
    // JS is the same on every cold load unless a lazy chunk raced "interactive": report the largest.
    const initialGz = Math.max(...samples.map((s) => s.initialGz));
    const lazyGz = Math.max(...samples.map((s) => s.lazyGz));
    const times = samples.map((s) => s.interactiveMs);
    const lcps = samples.map((s) => s.lcpMs).filter((x): x is number => x !== null);
    // Issue 5 names the *initial* JS: the files index.html loads. The total is shown beside it.
    const jsOk = initialGz / 1024 <= JS_TARGET_KB;
    const timeOk = !c.timeTarget || median(times) < PROFILE_TARGET_MS;
    if (!jsOk || !timeOk) missed++;
    rows.push([
      c.name,
      kb(initialGz),
      kb(lazyGz),
      kb(initialGz + lazyGz),
      median(samples.map((s) => s.readyMs)).toFixed(0),
      median(times).toFixed(0),
      Math.max(...times).toFixed(0),
      median(samples.map((s) => s.dclMs)).toFixed(0),
      lcps.length > 0 ? median(lcps).toFixed(0) : '—',
      `initial ≤ ${JS_TARGET_KB} KB${c.timeTarget ? `, median < ${PROFILE_TARGET_MS} ms` : ''}`,
      jsOk && timeOk ? 'yes' : `NO (${[jsOk ? '' : 'JS', timeOk ? '' : 'time'].filter(Boolean).join(', ')})`,
    ]);
  }
} finally {
  await browser.close();
  await server.close();
}

const head = [
  'page',
  'initial JS KB gz',
  'lazy JS KB gz',
  'total KB gz',
  'content median ms',
  'interactive median ms',
  'max ms',
  'DCL median ms',
  'LCP median ms',
  'target',
  'met?',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  `${r.map((x, i) => (i === 0 || i >= 9 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ')}\n`;
process.stdout.write(`Chromium, cold loads (new context each), ${RUNS} runs per page, loopback, SQLite demo data\n`);
process.stdout.write(line(head));
for (const r of rows) process.stdout.write(line(r));
process.exit(missed === 0 ? 0 : 1);
