import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureInstalled } from '@goalpost/devstack';

const chromiumPackage = {
  command: 'chromium',
  apt: 'chromium',
  manual: 'chromium is not installed and could not be installed automatically: install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.',
  otherwise: 'set CHROMIUM_PATH to a Chromium binary',
};

/** Where the browser tests and benchmarks leave their screenshots (git-ignored). */
export const screenshotDir = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));

// The flags of a quiet headless Chromium on a machine without outside network: no update, sync or
// background requests, no first-run pages, no GPU, no sandbox (tests run as root here).
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Requests that tried to leave the machine (aborted): a test asserts there are none. */
  offMachineRequests: string[];
  /** Uncaught errors in the page and console errors: a test asserts there are none. */
  pageErrors: string[];
  close(): Promise<void>;
}

const loopback = (host: string) => host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Debian's Chromium (installed with apt-get when missing, as the local stack does for redis-server)
 * driven by playwright-core with a fresh profile. Every request is routed: one to a host that is not
 * loopback is aborted and recorded.
 */
export async function launchTestBrowser(options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (ensureInstalled(chromiumPackage, (m) => console.log(m)), '/usr/bin/chromium');
  const profile = mkdtempSync(join(tmpdir(), 'goalpost-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: chromiumFlags,
    locale: options.locale ?? 'en-GB',
    timezoneId: 'Europe/Madrid',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const offMachineRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || loopback(url.hostname)) return route.continue();
    offMachineRequests.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  context.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.message}\n${error.stack ?? ''}`));
  page.on('console', (message) => {
    // A refused sign-in is answered 401 on purpose; the browser logs that failed request as an error.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) pageErrors.push(message.text());
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    context,
    page,
    offMachineRequests,
    pageErrors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core run in the page (evaluated, so the page's CSP does not block it): the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}

/** A full-page screenshot in the artifacts folder; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the page is wider than its viewport (something overflows sideways at this width). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}
