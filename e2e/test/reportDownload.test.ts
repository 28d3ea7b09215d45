import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardStack } from '../support/dashboardStack.ts';
import { launchTestBrowser, type TestBrowser } from '../support/browser.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const token = 'report-e2e-token-0123456789';

describe("the plan page's Download report links, in Chromium against the real stack", () => {
  let stack: Awaited<ReturnType<typeof startDashboardStack>>;
  let browser: TestBrowser;
  let planId: string;

  beforeAll(async () => {
    stack = await startDashboardStack(token);
    const { gql } = stack;
    const created = await gql(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { ... on CreatePlanSuccess { plan { id } } } }`,
      { input: { name: 'Plan de campaña', startsOn: day(-40), endsOn: day(80) } });
    planId = created.createPlan.plan.id;
    const goal = await gql(`mutation($input: AddBusinessGoalInput!) { addBusinessGoal(input: $input) { ... on AddBusinessGoalSuccess { goal { id } } } }`,
      { input: { planId, kind: 'BRAND_VISIBILITY', title: 'Que nos conozcan' } });
    const account = await gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { ... on ConnectAccountSuccess { account { id } } } }`,
      { input: { platform: 'INSTAGRAM', handle: '@informe', source: 'PUSH' } });
    await gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { __typename } }`, { input: {
      goalId: goal.addBusinessGoal.goal.id, title: 'Más seguidores en Instagram', category: 'AUDIENCE_GROWTH', framework: 'SMART',
      startsOn: day(-30), deadline: day(60), keyResults: [{ metric: 'followers', accountId: account.connectAccount.account.id, direction: 'INCREASE', baseline: 1000, target: 2000 }],
    } });
    browser = await launchTestBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('downloads the PDF and the CSV with the token the tab signed in with', async () => {
    const { page } = browser;
    // Signed in as the dashboard does it: the token in the tab's sessionStorage (no cookie).
    await page.goto(`${stack.baseUrl}/`);
    await page.evaluate((t) => sessionStorage.setItem('goalpost.token', t), token);
    await page.goto(`${stack.baseUrl}/plans/${encodeURIComponent(planId)}`);
    const links = page.getByTestId('report-downloads');
    await links.getByText('Download report').waitFor();

    const [pdf] = await Promise.all([page.waitForEvent('download'), links.getByRole('link', { name: 'PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe('Plan de campaña.pdf');
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');

    const [csv] = await Promise.all([page.waitForEvent('download'), links.getByRole('link', { name: 'CSV (key results)' }).click()]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Más seguidores en Instagram');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(browser.offMachineRequests).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);
});
