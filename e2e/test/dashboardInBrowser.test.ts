import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signedWebhook } from '../support/graphqlClient.ts';
import { startDashboardStack } from '../support/dashboardStack.ts';
import { launchTestBrowser, overflowsHorizontally, screenshot, seriousAccessibilityViolations, type TestBrowser } from '../support/browser.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const token = 'browser-e2e-token-0123456789';
const plan = 'Q4 social plan';

/** A link of the header's navigation. */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

/** A screen as a person sees it: saved as a screenshot, and axe-core finds nothing serious on it. */
async function checkScreen(page: Page, name: string) {
  // Settled: no loading indicator, no chart still being loaded.
  await page.waitForFunction(() => !document.querySelector('.loading, .chart-placeholder'));
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), `${name}: serious or critical axe violations`).toEqual([]);
}

describe('the dashboard in Chromium, against the real stack', () => {
  let stack: Awaited<ReturnType<typeof startDashboardStack>>;
  let browser: TestBrowser;
  let page: Page;
  let cafeAccountId: string;
  let shopAccountId: string;
  let secret: string;

  beforeAll(async () => {
    stack = await startDashboardStack(token);
    const { gql } = stack;
    // The café's Instagram account: twelve weeks of ~100 new followers a week, 5,000 yesterday (seed 002).
    const cafe = await gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { ... on ConnectAccountSuccess { account { id } } } }`,
      { input: { platform: 'INSTAGRAM', handle: '@cafe.del.barri', source: 'PUSH' } });
    cafeAccountId = cafe.connectAccount.account.id;
    const history = Array.from({ length: 84 }, (_, i) => ({ metric: 'followers', at: day(-1 - i), value: Math.round(5000 - (i * 100) / 7) }));
    await gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }`, { input: { accountId: cafeAccountId, points: history } });

    // A plan already running for 30 days whose key result has no data yet: the webhook's points will put it off track.
    const created = await gql(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { ... on CreatePlanSuccess { plan { id } } } }`,
      { input: { name: plan, startsOn: day(-40), endsOn: day(80) } });
    const goal = await gql(`mutation($input: AddBusinessGoalInput!) { addBusinessGoal(input: $input) { ... on AddBusinessGoalSuccess { goal { id } } } }`,
      { input: { planId: created.createPlan.plan.id, kind: 'CUSTOMER_BASE', title: 'More customers from social' } });
    const shop = await gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { ... on ConnectAccountSuccess { account { id } } } }`,
      { input: { platform: 'INSTAGRAM', handle: '@e2e.shop', source: 'PUSH' } });
    shopAccountId = shop.connectAccount.account.id;
    await gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { __typename } }`, { input: {
      goalId: goal.addBusinessGoal.goal.id, title: 'Grow the shop’s Instagram audience', category: 'AUDIENCE_GROWTH', framework: 'SMART',
      startsOn: day(-30), deadline: day(60), keyResults: [{ metric: 'followers', accountId: shopAccountId, direction: 'INCREASE', baseline: 1000, target: 2000 }],
    } });
    secret = (await gql(`mutation { rotateIngestSecret { ... on RotateIngestSecretSuccess { secret } } }`)).rotateIngestSecret.secret;

    browser = await launchTestBrowser();
    page = browser.page;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in with a token, after saying what to do about a wrong one', async () => {
    await page.goto(`${stack.baseUrl}/`);
    await page.getByRole('button', { name: 'Use an API token' }).click();
    await page.getByLabel('Workspace token').waitFor();
    await checkScreen(page, 'sign-in');
    await page.getByLabel('Workspace token').fill('not-a-token-of-this-workspace');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The gateway refused this token').waitFor();
    await page.getByLabel('Workspace token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
    await page.getByRole('link', { name: plan }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('goalpost.token'))).toBe(token);
    await checkScreen(page, 'plans');
  }, 60_000);

  it('creates a plan and a goal, and flags 500 followers a week as unrealistic while the target is typed', async () => {
    await page.getByLabel('Name').fill('Café del Barri: next quarter');
    // Thirteen weeks from today: "three months" in seed 002.
    await page.getByLabel('Ends on').fill(day(91));
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { name: 'Café del Barri: next quarter', level: 1 }).waitFor();
    await page.getByText('This plan has no business goal yet').waitFor();
    await checkScreen(page, 'plan-empty');

    await page.getByLabel('Kind').selectOption('BRAND_VISIBILITY');
    await page.getByLabel('Goal', { exact: true }).fill('Be known within five kilometres of the café');
    await page.getByRole('button', { name: 'Add goal' }).click();
    await page.getByRole('link', { name: 'Add an objective to this goal' }).click();

    await page.locator('input[name=title]').fill('Raise awareness of the new café in three months');
    await page.locator('select[name=category]').selectOption('AWARENESS');
    await page.locator('input[name=deadline]').fill(day(91));
    const kr = page.getByTestId('kr-editor').first();
    await kr.locator('select[name=metric]').selectOption('followers');
    await kr.locator('select[name=account]').selectOption({ label: '@cafe.del.barri (Instagram)' });
    // 5,000 followers now, 11,500 in thirteen weeks: +500 a week against ~100 a week of history.
    await kr.locator('input[name=target]').pressSequentially('11500', { delay: 60 });
    const attainable = page.getByTestId('smart-attainable');
    await expect.poll(() => attainable.getAttribute('data-verdict'), { timeout: 15_000 }).toBe('FAIL');
    expect(await attainable.textContent()).toMatch(/unrealistic/);
    const realism = page.getByTestId('realism').first();
    await expect.poll(() => realism.getAttribute('data-band'), { timeout: 15_000 }).toBe('UNREALISTIC');
    expect(await realism.textContent()).toMatch(/Needs 500 a week; the history shows (99|100|101) a week \(5(\.0\d)?×\)/);
    await checkScreen(page, 'objective-editor-unrealistic');

    // One click applies a realistic target: within 1.5× the historical pace, as a round number.
    await realism.getByRole('button', { name: /Use the realistic target/ }).click();
    expect(await kr.locator('input[name=target]').inputValue()).toBe('6900');
    const verdictAndText = async () => `${await attainable.getAttribute('data-verdict')}: ${await attainable.textContent()}`;
    await expect.poll(verdictAndText, { timeout: 15_000 }).toMatch(/^PASS/);
    await expect.poll(() => realism.getAttribute('data-band')).toBe('REALISTIC');

    // Seed 002's second key result: link clicks +15%.
    await page.getByRole('button', { name: 'Add a key result' }).click();
    const clicks = page.getByTestId('kr-editor').nth(1);
    await clicks.locator('select[name=metric]').selectOption('link_clicks');
    await clicks.locator('select[name=account]').selectOption({ label: '@cafe.del.barri (Instagram)' });
    await clicks.locator('select[name=targetMode]').selectOption('percent');
    await clicks.locator('input[name=targetChangePercent]').fill('15');
    await page.getByRole('button', { name: 'Create objective' }).click();
    await page.getByRole('heading', { name: 'Raise awareness of the new café in three months' }).waitFor();
    expect(await page.getByTestId('key-result').count()).toBe(2);
  }, 90_000);

  it('shows the alert of pushed points live, with the chart updated, without a reload', async () => {
    await nav(page, 'Plans').click();
    await page.getByRole('link', { name: plan }).click();
    const chart = page.getByTestId('kr-chart').first();
    await expect.poll(() => chart.getAttribute('data-points'), { timeout: 15_000 }).toBe('0');
    await page.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));
    const badgeBefore = Number(await page.getByTestId('alert-badge').textContent());

    // Followers flat at 1,000 for 30 days while the path expects a third of the way to 2,000: off track.
    const points = Array.from({ length: 30 }, (_, i) => ({ metric: 'followers', at: day(-29 + i), value: 1000 }));
    const body = JSON.stringify({ type: 'metrics.points', data: { accountId: shopAccountId, points } });
    const response = await fetch(`${stack.baseUrl}/webhooks/metrics`, { method: 'POST', headers: signedWebhook(secret, body), body });
    expect(response.status).toBe(200);

    const toast = page.getByTestId('alert-toast').filter({ hasText: plan });
    await toast.waitFor({ timeout: 20_000 });
    expect(await toast.textContent()).toMatch(/Off track/);
    await expect.poll(() => chart.getAttribute('data-points'), { timeout: 20_000 }).toBe('30');
    await expect.poll(async () => Number(await page.getByTestId('alert-badge').textContent()), { timeout: 10_000 }).toBeGreaterThan(badgeBefore);
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    await page.getByTestId('key-result').first().getByText('Off track').waitFor();
    await screenshot(page, 'plan-alert-live');
  }, 90_000);

  it('acknowledges the alert on the Alerts screen', async () => {
    await page.getByTestId('alert-toast').filter({ hasText: plan }).getByRole('link', { name: 'Open alerts' }).click();
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
    await page.locator('select[name=plan]').selectOption({ label: plan });
    const alert = page.getByTestId('alert').filter({ hasText: plan });
    await alert.waitFor();
    await checkScreen(page, 'alerts');
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await alert.waitFor({ state: 'detached' });
    await page.locator('select[name=state]').selectOption('ACKNOWLEDGED');
    await expect.poll(() => page.getByTestId('alert').filter({ hasText: plan }).getAttribute('data-state')).toBe('ACKNOWLEDGED');
    const { viewer } = await stack.gql(`{ viewer { alerts { edges { node { state plan { name } } } } } }`);
    expect(viewer.alerts.edges.map((e: any) => e.node).filter((a: any) => a.plan?.name === plan).map((a: any) => a.state)).toEqual(['ACKNOWLEDGED']);
  }, 60_000);

  it('reads a day of the key result chart on hover', async () => {
    await nav(page, 'Plans').click();
    await page.getByRole('link', { name: plan }).click();
    await page.getByTestId('key-result').first().getByRole('link', { name: 'Followers' }).click();
    const canvas = page.getByTestId('kr-chart').locator('canvas').first();
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    // Days before the first evaluation have no status yet: move along the line until one has.
    const readout = page.getByTestId('chart-readout');
    let text = '';
    for (let share = 0.2; share < 0.5 && !/Off track|On track|At risk|No data|Not started/.test(text); share += 0.01) {
      await page.mouse.move(box.x + box.width * share, box.y + box.height / 2);
      text = (await readout.textContent()) ?? '';
    }
    expect(text).toMatch(/Actual: 1,000/);
    expect(text).toMatch(/Off track/);
    await checkScreen(page, 'key-result-chart');
  }, 60_000);

  it('names the bad row of an imported CSV by line and column', async () => {
    await nav(page, 'Accounts').click();
    const card = page.getByTestId('account').filter({ hasText: '@cafe.del.barri' });
    await card.waitFor();
    const csv = `date,metric,value\n${day(-100)},followers,4000\n31/12/2025,followers,4010\n`;
    await card.locator('input[type=file]').setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await card.getByRole('button', { name: 'Import', exact: true }).click();
    const refused = card.getByTestId('refused-row');
    await refused.first().waitFor();
    expect(await refused.count()).toBe(1);
    expect(await refused.first().locator('th').textContent()).toBe('3');
    expect(await refused.first().locator('td').first().textContent()).toBe('date');
    await checkScreen(page, 'accounts-import-refused');
  }, 60_000);

  it('lists themes and content of an objective', async () => {
    await nav(page, 'Plans').click();
    await page.getByRole('link', { name: 'Café del Barri: next quarter' }).click();
    await page.getByRole('link', { name: 'Themes and content' }).click();
    await page.getByText('No theme yet.').waitFor();
    await page.getByLabel('Theme', { exact: true }).fill('Neighbourhood specials');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await page.getByRole('heading', { name: 'Neighbourhood specials' }).waitFor();
    await checkScreen(page, 'themes');
  }, 60_000);

  it('shows the demo plan with every chart, and the editor of an objective', async () => {
    await nav(page, 'Plans').click();
    await page.getByRole('link', { name: 'Demo: this quarter on social' }).click();
    await page.getByRole('heading', { name: 'Be seen: reach and clicks' }).waitFor();
    await expect.poll(() => page.getByTestId('kr-chart').locator('canvas').count(), { timeout: 15_000 }).toBe(4);
    await checkScreen(page, 'plan');
    await page.getByRole('link', { name: 'Edit objective' }).first().click();
    await page.getByRole('heading', { name: 'Edit objective', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('smart-report').getAttribute('aria-busy')).toBe('false');
    await checkScreen(page, 'objective-editor-edit');
  }, 60_000);

  it('works at 360 px wide on every screen', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    const screens: [string, () => Promise<unknown>][] = [
      ['plans-phone', () => nav(page, 'Plans').click()],
      ['plan-phone', () => page.getByRole('link', { name: 'Demo: this quarter on social' }).click()],
      ['key-result-chart-phone', () => page.getByTestId('key-result').first().getByRole('link').first().click()],
      ['alerts-phone', () => nav(page, 'Alerts').click()],
      ['accounts-phone', () => nav(page, 'Accounts').click()],
    ];
    for (const [name, open] of screens) {
      await open();
      await page.locator('h1').first().waitFor();
      expect(await overflowsHorizontally(page), `${name} is wider than 360 px`).toBe(false);
      await checkScreen(page, name);
    }
    await page.goto(`${stack.baseUrl}/plans/${encodeURIComponent((await stack.gql(`{ plans { edges { node { id name } } } }`)).plans.edges.find((e: any) => e.node.name === plan).node.id)}/objectives/new`);
    await page.getByRole('heading', { name: 'New objective' }).waitFor();
    expect(await overflowsHorizontally(page), 'the editor is wider than 360 px').toBe(false);
    await checkScreen(page, 'objective-editor-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);

  it('speaks Spanish when switched, with dates in Spanish, and is keyboard navigable from the top', async () => {
    await nav(page, 'Plans').click();
    await page.getByLabel('Language').first().selectOption('es');
    await page.getByRole('heading', { name: 'Planes', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByText('Objetivos por estado').first().waitFor();
    // Plan periods in Spanish month names, e.g. "1 nov 2026 – 30 ene 2027".
    expect(await page.locator('.card .muted').first().textContent()).toMatch(/\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic) \d{4}/);
    await checkScreen(page, 'plans-es');
    await page.getByLabel('Idioma').first().selectOption('en');
    await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
    // From the top of a freshly loaded page (the session survives the reload: the tab keeps its token).
    await page.reload();
    await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Goalpost');
  }, 60_000);

  it('sent no request off this machine, and the page logged no error', () => {
    expect(browser.offMachineRequests).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
