import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDashboardStack } from '../support/dashboardStack.ts';
import { eventually } from '../support/stackProcess.ts';
import { launchTestBrowser, overflowsHorizontally, screenshot, seriousAccessibilityViolations, type TestBrowser } from '../support/browser.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const token = 'browser-settings-token-0123456789';
const demo = { email: 'demo@goalpost.local', password: 'demo-password-for-settings' };
const newPassword = 'a-brand-new-passphrase-2026';
const viewerPerson = { email: 'vic.viewer@example.com', name: 'Vic Viewer', password: 'vic-only-reads-plans-2026' };
const plan = 'Digest plan';
const objectiveTitle = 'Grow the shop’s Instagram audience';

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name });

async function checkScreen(page: Page, name: string) {
  await page.waitForFunction(() => !document.querySelector('.loading, .chart-placeholder'));
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), `${name}: serious or critical axe violations`).toEqual([]);
}

async function signIn(page: Page, baseUrl: string, person: { email: string; password: string }, path = '/') {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Visible buttons, by their text. */
const buttonTexts = (page: Page) => page.locator('button').evaluateAll((nodes) => nodes.filter((n) => (n as HTMLElement).offsetParent !== null).map((n) => (n.textContent ?? '').trim()));

describe('the dashboard’s personal settings and the plan’s digest, in Chromium against the real stack', () => {
  let stack: Awaited<ReturnType<typeof startDashboardStack>>;
  let owner: TestBrowser;
  let page: Page;
  let planId: string;

  beforeAll(async () => {
    stack = await startDashboardStack(token, { GOALPOST_DEMO_PASSWORD: demo.password });
    const { gql } = stack;
    // A plan whose key result has stayed flat for a month: off track, so the digest has something to say.
    const account = await gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { ... on ConnectAccountSuccess { account { id } } } }`,
      { input: { platform: 'INSTAGRAM', handle: '@digest.shop', source: 'PUSH' } });
    const accountId = account.connectAccount.account.id;
    const created = await gql(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { ... on CreatePlanSuccess { plan { id } } } }`,
      { input: { name: plan, startsOn: day(-40), endsOn: day(80) } });
    planId = created.createPlan.plan.id;
    const goal = await gql(`mutation($input: AddBusinessGoalInput!) { addBusinessGoal(input: $input) { ... on AddBusinessGoalSuccess { goal { id } } } }`,
      { input: { planId, kind: 'CUSTOMER_BASE', title: 'More customers from social' } });
    await gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { __typename } }`, { input: {
      goalId: goal.addBusinessGoal.goal.id, title: objectiveTitle, category: 'AUDIENCE_GROWTH', framework: 'SMART',
      startsOn: day(-30), deadline: day(60), keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', baseline: 1000, target: 2000 }],
    } });
    const points = Array.from({ length: 30 }, (_, i) => ({ metric: 'followers', at: day(-29 + i), value: 1000 }));
    await gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }`, { input: { accountId, points } });
    await gql(`mutation($id: ID!) { evaluatePlan(id: $id) { __typename } }`, { id: planId });
    await eventually(async () => {
      const { plan: p } = await gql(`query($id: ID!) { plan(id: $id) { digest { needsAttention { keyResultId } } } }`, { id: planId });
      return p.digest?.needsAttention.length ? true : undefined;
    }, 'the evaluated key result in the digest', 30_000);

    // A VIEWER who joined by invitation.
    const invited = await gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { ... on InviteMemberSuccess { invitation { url } } } }`,
      { input: { email: viewerPerson.email, role: 'VIEWER' } });
    const link = new URL(invited.inviteMember.invitation.url);
    const accepted = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { __typename } }',
        variables: { input: { token: new URLSearchParams(link.hash.slice(1)).get('token'), name: viewerPerson.name, password: viewerPerson.password } },
      }),
    });
    expect((await accepted.json()).data.acceptInvitation.__typename).toBe('SignInSuccess');

    owner = await launchTestBrowser();
    page = owner.page;
  }, 240_000);

  afterAll(async () => {
    await owner?.close();
    await stack?.stop();
  });

  it('changes the password, naming each refused field, then signs in with the new one only', async () => {
    await signIn(page, stack.baseUrl, demo);
    await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
    await page.getByRole('link', { name: /My account/ }).click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Password', level: 2 }).waitFor();
    await checkScreen(page, 'account-password');

    // A wrong current password is named at its field; nothing changes.
    await page.getByLabel('Current password').fill('not-my-password-at-all');
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#currentPassword-error').filter({ hasText: 'The current password is wrong.' }).waitFor();
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');

    // A new password the policy refuses is named at the new password's field.
    await page.getByLabel('Current password').fill(demo.password);
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#newPassword-error').waitFor();
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#currentPassword-error').count()).toBe(0);
    await checkScreen(page, 'account-password-refused');

    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByTestId('password-changed').filter({ hasText: /^Password changed\./ }).waitFor();
    // This tab stays signed in on the new cookie.
    await page.reload();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();

    const other = await launchTestBrowser();
    try {
      await signIn(other.page, stack.baseUrl, demo);
      await other.page.getByRole('alert').filter({ hasText: 'The email or the password is wrong' }).waitFor();
      await other.page.getByLabel('Password').fill(newPassword);
      await other.page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await other.page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
      expect(other.pageErrors).toEqual([]);
    } finally {
      await other.close();
    }
  }, 90_000);

  it('lists the sessions with this one marked, and signs out another browser’s', async () => {
    const second = await launchTestBrowser();
    try {
      await signIn(second.page, stack.baseUrl, { ...demo, password: newPassword });
      await second.page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();

      await tab(page, 'Sessions').click();
      const rows = page.getByTestId('session');
      // This tab's, the second browser's, and the one the previous test's browser left (its tab closed, not signed out).
      await expect.poll(() => rows.count()).toBe(3);
      expect(await page.getByTestId('current-session').count()).toBe(1);
      const current = rows.filter({ has: page.getByTestId('current-session') });
      expect(await current.textContent()).toMatch(/Chrome \(headless\) · Linux/);
      await checkScreen(page, 'account-sessions');

      // The newest other session is the second browser's (newest first).
      const others = rows.filter({ hasNot: page.getByTestId('current-session') });
      const target = others.first();
      await target.getByRole('button', { name: /^Sign out/ }).click();
      await target.getByRole('group').getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByText('That session is signed out.').waitFor();
      await expect.poll(() => rows.count()).toBe(2);

      await second.page.reload();
      await second.page.getByLabel('Email').waitFor();
      expect((await second.context.cookies(stack.baseUrl)).find((c) => c.name === 'goalpost_session')).toBeUndefined();
      expect(second.offMachineRequests).toEqual([]);
    } finally {
      await second.close();
    }
  }, 90_000);

  it('lands the unsubscribe fallback link on the e-mail preferences, and an opt-out stays after a reload', async () => {
    await page.goto(`${stack.baseUrl}/?settings=email`);
    await page.getByRole('heading', { name: 'E-mail preferences', level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/email');
    const digest = page.getByLabel('Weekly digest');
    await expect.poll(() => digest.isChecked()).toBe(true);
    await checkScreen(page, 'account-email');
    // By keyboard: Space turns the kind off, Tab reaches the save button, Enter saves.
    await digest.focus();
    await page.keyboard.press('Space');
    expect(await digest.isChecked()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save preferences');
    await page.keyboard.press('Enter');
    await page.getByTestId('email-saved').waitFor();

    await page.reload();
    await page.getByTestId('email-preferences').waitFor();
    expect(await page.getByLabel('Weekly digest').isChecked()).toBe(false);
    expect(await page.getByLabel('Alert raised').isChecked()).toBe(true);
    expect(await page.getByLabel('Status changed').isChecked()).toBe(true);
  }, 60_000);

  it('sets the plan’s digest schedule, previews this week and sends it once', async () => {
    await page.goto(`${stack.baseUrl}/plans/${encodeURIComponent(planId)}`);
    const section = page.getByTestId('plan-digest');
    await section.getByTestId('digest-preview').waitFor();
    expect(await section.getByTestId('digest-schedule').textContent()).toBe('Every Monday at 09:00 (UTC).');

    await section.locator('select[name=digestWeekday]').selectOption('FRIDAY');
    await section.locator('select[name=digestHour]').selectOption('17');
    await section.locator('select[name=digestTimeZone]').selectOption('Europe/Madrid');
    await section.getByRole('button', { name: 'Save schedule' }).click();
    await section.getByTestId('digest-schedule-saved').waitFor();
    await expect.poll(() => section.getByTestId('digest-schedule').textContent()).toBe('Every Friday at 17:00 (Europe/Madrid).');
    await page.reload();
    await expect.poll(() => page.getByTestId('digest-schedule').textContent()).toBe('Every Friday at 17:00 (Europe/Madrid).');

    const preview = page.getByTestId('digest-preview');
    await preview.waitFor();
    expect(await preview.getByRole('heading', { level: 3 }).textContent()).toMatch(/^Digest of \d{4}-W\d{2}$/);
    expect(await preview.getByTestId('digest-needs-attention').textContent()).toContain(objectiveTitle);
    await page.getByTestId('plan-digest').scrollIntoViewIfNeeded();
    await checkScreen(page, 'plan-digest');

    const answer = page.getByTestId('digest-send-answer');
    await page.getByRole('button', { name: 'Send now' }).click();
    await answer.getByText(/^Sent: the digest of \d{4}-W\d{2}/).waitFor();
    await page.getByRole('button', { name: 'Send now' }).click();
    await answer.getByText(/^Already sent: the digest of \d{4}-W\d{2}/).waitFor();

    // A week that has not begun is refused, in words.
    await page.locator('input[name=digestWeekOf]').fill(day(21));
    await page.getByRole('button', { name: 'Send now' }).click();
    await answer.getByText('That week has not begun').waitFor();
    expect(owner.pageErrors).toEqual([]);
  }, 90_000);

  it('fits the new screens in 360 px and speaks every language there', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      for (const [section, heading] of [['password', 'Password'], ['sessions', 'Sessions'], ['email', 'E-mail preferences']] as const) {
        await page.goto(`${stack.baseUrl}/account/${section}`);
        await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
        await checkScreen(page, `account-${section}-360`);
        expect(await overflowsHorizontally(page), `${section} is wider than 360 px`).toBe(false);
      }
      await page.goto(`${stack.baseUrl}/plans/${encodeURIComponent(planId)}`);
      await page.getByTestId('digest-preview').waitFor();
      await checkScreen(page, 'plan-digest-360');
      expect(await overflowsHorizontally(page), 'the plan page is wider than 360 px').toBe(false);

      const expected = { es: ['Resumen semanal', 'Mi cuenta'], ca: ['Resum setmanal', 'El meu compte'], it: ['Riepilogo settimanale', 'Il mio account'], en: ['Weekly digest', 'My account'] } as const;
      for (const [locale, [digestTitle, accountTitle]] of Object.entries(expected)) {
        await page.goto(`${stack.baseUrl}/plans/${encodeURIComponent(planId)}`);
        await page.locator('header label.language select').selectOption(locale);
        await page.getByRole('heading', { name: digestTitle, level: 2 }).waitFor();
        await page.locator('header a.user-name').click();
        await page.getByRole('heading', { name: accountTitle, level: 1 }).waitFor();
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }, 90_000);

  it('shows a VIEWER the digest’s schedule and preview with no control to change or send it', async () => {
    const viewer = await launchTestBrowser();
    try {
      const p = viewer.page;
      await signIn(p, stack.baseUrl, viewerPerson);
      await p.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
      await p.getByRole('link', { name: plan }).click();
      const section = p.getByTestId('plan-digest');
      await section.getByTestId('digest-preview').waitFor();
      expect(await section.getByTestId('digest-schedule').textContent()).toBe('Every Friday at 17:00 (Europe/Madrid).');
      expect(await section.getByTestId('digest-needs-attention').textContent()).toContain(objectiveTitle);
      expect(await section.getByTestId('digest-schedule-form').count()).toBe(0);
      expect(await section.locator('select').count()).toBe(0);
      expect((await buttonTexts(p)).filter((b) => b === 'Send now' || b === 'Save schedule')).toEqual([]);
      await checkScreen(p, 'viewer-plan-digest');
      // Their own e-mail preferences are theirs to change, whatever the role.
      await p.getByRole('link', { name: /My account/ }).click();
      await tab(p, 'E-mail preferences').click();
      await p.getByTestId('email-preferences').waitFor();
      expect(viewer.offMachineRequests).toEqual([]);
      expect(viewer.pageErrors).toEqual([]);
    } finally {
      await viewer.close();
    }
  }, 90_000);

  it('tells an API token that a token has no password, sessions or inbox to change', async () => {
    const integrator = await launchTestBrowser();
    try {
      const p = integrator.page;
      await p.goto(`${stack.baseUrl}/`);
      await p.getByRole('button', { name: 'Use an API token' }).click();
      await p.getByLabel('Workspace token').fill(token);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
      await p.goto(`${stack.baseUrl}/account/sessions`);
      await p.getByTestId('account-token-only').waitFor();
      expect(await p.getByTestId('sessions').count()).toBe(0);
      expect(integrator.pageErrors).toEqual([]);
    } finally {
      await integrator.close();
    }
  }, 60_000);

  it('signs out everywhere: this browser and every other one', async () => {
    const second = await launchTestBrowser();
    try {
      await signIn(second.page, stack.baseUrl, { ...demo, password: newPassword });
      await second.page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
      await page.goto(`${stack.baseUrl}/account/sessions`);
      await page.getByTestId('sessions').waitFor();
      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await page.getByRole('group').getByRole('button', { name: 'Sign out everywhere' }).click();
      await page.getByLabel('Email').waitFor();
      await second.page.reload();
      await second.page.getByLabel('Email').waitFor();
      expect(owner.offMachineRequests).toEqual([]);
      expect(owner.pageErrors).toEqual([]);
    } finally {
      await second.close();
    }
  }, 60_000);
});
