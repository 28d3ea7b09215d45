import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signedWebhook } from '../support/graphqlClient.ts';
import { startDashboardStack } from '../support/dashboardStack.ts';
import { eventually } from '../support/stackProcess.ts';
import { launchTestBrowser, overflowsHorizontally, screenshot, seriousAccessibilityViolations, type TestBrowser } from '../support/browser.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const token = 'browser-teams-token-0123456789';
const demo = { email: 'demo@goalpost.local', password: 'demo-password-for-the-browser' };
const viewerPerson = { email: 'vera.viewer@example.com', name: 'Vera Viewer', password: 'vera-reads-only-2026' };
const plan = 'Team plan';
const objectiveTitle = 'Grow the team’s Instagram audience';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });

async function checkScreen(page: Page, name: string) {
  await page.waitForFunction(() => !document.querySelector('.loading, .chart-placeholder'));
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), `${name}: serious or critical axe violations`).toEqual([]);
}

async function signIn(page: Page, baseUrl: string, person: { email: string; password: string }) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
}

/** The buttons and links that change something, by their names, visible on the page now. */
async function editControls(page: Page): Promise<string[]> {
  const names = /^(Evaluate now|Add goal|Add an objective to this goal|Edit objective|Create plan|Check in|Acknowledge|Resolve|Fetch now|Import|Connect|Continue to the platform|Add theme|Add content|Create objective|Save changes|Reconnect|Remove|Invite|Create token|Revoke|Send a test|Add channel|Replay|Make a new secret)$/;
  const controls = page.locator('button, summary, a, input[type=submit]');
  const texts = await controls.evaluateAll((nodes) => nodes.filter((n) => (n as HTMLElement).offsetParent !== null).map((n) => (n.textContent ?? '').trim()));
  return texts.filter((text) => names.test(text));
}

describe('the dashboard for a team, in Chromium against the real stack', () => {
  let stack: Awaited<ReturnType<typeof startDashboardStack>>;
  let owner: TestBrowser;
  let page: Page;
  let planId: string;
  let objectiveId: string;
  let accountId: string;

  beforeAll(async () => {
    stack = await startDashboardStack(token, {
      GOALPOST_DEMO_PASSWORD: demo.password,
      CREDENTIALS_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    });
    const { gql } = stack;
    // A plan 30 days in whose key result has stayed flat: evaluated off track, with an open alert.
    const account = await gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { ... on ConnectAccountSuccess { account { id } } } }`,
      { input: { platform: 'INSTAGRAM', handle: '@team.shop', source: 'PUSH' } });
    accountId = account.connectAccount.account.id;
    const created = await gql(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { ... on CreatePlanSuccess { plan { id } } } }`,
      { input: { name: plan, startsOn: day(-40), endsOn: day(80) } });
    planId = created.createPlan.plan.id;
    const goal = await gql(`mutation($input: AddBusinessGoalInput!) { addBusinessGoal(input: $input) { ... on AddBusinessGoalSuccess { goal { id } } } }`,
      { input: { planId, kind: 'CUSTOMER_BASE', title: 'More customers from social' } });
    const objective = await gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { ... on AddObjectiveSuccess { objective { id keyResults { id } } } } }`, { input: {
      goalId: goal.addBusinessGoal.goal.id, title: objectiveTitle, category: 'AUDIENCE_GROWTH', framework: 'SMART',
      startsOn: day(-30), deadline: day(60), keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', baseline: 1000, target: 2000 }],
    } });
    objectiveId = objective.addObjective.objective.id;
    // The demo owner owns the objective: the plan page names them from the members list.
    const { members } = await gql(`{ members { id user { email } } }`);
    const ownerMember = members.find((m: any) => m.user.email === demo.email);
    await gql(`mutation($input: UpdateObjectiveInput!) { updateObjective(input: $input) { __typename } }`, { input: { id: objectiveId, ownerId: ownerMember.id } });
    const keyResultId = objective.addObjective.objective.keyResults[0].id;
    const owned = await gql(`mutation($input: UpdateKeyResultInput!) { updateKeyResult(input: $input) { __typename } }`, { input: { id: keyResultId, ownerId: ownerMember.id } });
    expect(owned.updateKeyResult.__typename).toBe('UpdateKeyResultSuccess');
    const points = Array.from({ length: 30 }, (_, i) => ({ metric: 'followers', at: day(-29 + i), value: 1000 }));
    await gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }`, { input: { accountId, points } });
    await gql(`mutation($id: ID!) { evaluatePlan(id: $id) { __typename } }`, { id: planId });
    await eventually(async () => {
      const { viewer } = await gql(`{ viewer { alerts(states: [OPEN]) { edges { node { plan { name } } } } } }`);
      return viewer.alerts.edges.some((e: any) => e.node.plan?.name === plan) ? true : undefined;
    }, 'an open alert on the team plan', 30_000);

    // A VIEWER who joined by invitation (through the API, as the invited person would in the browser).
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

  it('signs in with the demo email and password npm start prints, after naming a wrong password', async () => {
    await page.goto(`${stack.baseUrl}/`);
    await page.getByLabel('Email').waitFor();
    await checkScreen(page, 'sign-in-password');
    await page.getByLabel('Email').fill(demo.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or the password is wrong' }).waitFor();
    await page.getByLabel('Password').fill(demo.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
    await page.getByRole('link', { name: plan }).waitFor();
    expect(await page.getByTestId('viewer-role').textContent()).toBe('Owner');
    // The session lives in an HttpOnly cookie; no token is kept in the page.
    const cookies = await owner.context.cookies(stack.baseUrl);
    expect(cookies.find((c) => c.name === 'goalpost_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => sessionStorage.getItem('goalpost.token'))).toBeNull();
    expect(await page.evaluate(() => document.cookie)).not.toMatch(/goalpost_session/);
  }, 60_000);

  it('shows owners and the latest check-in on the plan page, and takes a check-in', async () => {
    await page.getByRole('link', { name: plan }).click();
    const objective = page.getByTestId('objective').filter({ hasText: objectiveTitle });
    await objective.waitFor();
    expect(await objective.getByTestId('objective-owner').textContent()).toBe('Demo Owner');
    // The owner's controls are there: the VIEWER's test below proves their absence against these.
    expect(await editControls(page)).toEqual(expect.arrayContaining(['Evaluate now', 'Add goal', 'Edit objective', 'Check in', 'Acknowledge']));
    const kr = objective.getByTestId('key-result').first();
    expect(await kr.getByTestId('kr-owner').textContent()).toBe('Demo Owner');
    expect(await kr.getByTestId('kr-check-in').textContent()).toMatch(/no check-in yet/);
    await kr.getByText('Check in', { exact: true }).click();
    await kr.getByLabel('Confidence (1–10)').fill('4');
    await kr.getByLabel('Note').fill('Flat for a month: the giveaway starts next week');
    await kr.getByRole('button', { name: 'Save check-in' }).click();
    await kr.getByText('Check-in saved.').waitFor();
    await expect.poll(() => kr.getByTestId('kr-check-in').textContent(), { timeout: 10_000 }).toMatch(/confidence 4\/10 on .*Flat for a month/);
    await checkScreen(page, 'plan-owner-check-in');
  }, 60_000);

  it('lists members, invites one whose link is accepted in a second browser, and keeps the last owner', async () => {
    await nav(page, 'Team').click();
    const members = page.getByTestId('member');
    await expect.poll(() => members.count()).toBe(2);
    // The only owner can be neither demoted nor removed.
    const ownerRow = members.filter({ hasText: demo.email });
    expect(await ownerRow.getByRole('combobox').isDisabled()).toBe(true);
    expect(await ownerRow.getByRole('button', { name: /Remove/ }).isDisabled()).toBe(true);
    await checkScreen(page, 'team-members');

    await tab(page, 'Invitations').click();
    await page.locator('input[name=inviteEmail]').fill('eddie.editor@example.com');
    await page.locator('select[name=inviteRole]').selectOption('EDITOR');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    const link = await page.getByTestId('invitation-link').locator('input').inputValue();
    expect(link).toMatch(/\/invitations\/accept#token=/);
    await page.getByTestId('invitation').filter({ hasText: 'eddie.editor@example.com' }).waitFor();
    await checkScreen(page, 'team-invitations');

    const second = await launchTestBrowser();
    try {
      const url = new URL(link);
      await second.page.goto(`${stack.baseUrl}${url.pathname}${url.hash}`);
      await second.page.getByRole('heading', { name: 'Join a workspace' }).waitFor();
      await checkScreen(second.page, 'accept-invitation');
      await second.page.getByLabel('Name').fill('Eddie Editor');
      await second.page.getByLabel('Choose a password').fill('eddie-plans-things-2026');
      await second.page.getByRole('button', { name: 'Create account and join' }).click();
      await second.page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
      expect(await second.page.getByTestId('viewer-role').textContent()).toBe('Editor');
      // An EDITOR sees no member, token or secret management.
      await nav(second.page, 'Team').click();
      await second.page.getByTestId('member').first().waitFor();
      expect(await tab(second.page, 'Invitations').count()).toBe(0);
      expect(await tab(second.page, 'API tokens').count()).toBe(0);
      expect(await tab(second.page, 'Ingest secret').count()).toBe(0);
      expect(await second.page.getByTestId('members').getByRole('combobox').count()).toBe(0);
      expect(await second.page.getByTestId('members').getByRole('button').count()).toBe(0);
      // The link was single-use.
      await second.page.goto(`${stack.baseUrl}${url.pathname}${url.hash}`);
      await second.page.getByRole('button', { name: 'Join the workspace' }).click();
      await second.page.getByRole('alert').first().waitFor();
      expect(second.offMachineRequests).toEqual([]);
      expect(second.pageErrors).toEqual([]);
    } finally {
      await second.close();
    }
    await tab(page, 'Members').click();
    await page.getByTestId('member').filter({ hasText: 'Eddie Editor' }).waitFor();
    expect(await page.getByTestId('invitation').count()).toBe(0);
  }, 120_000);

  it('creates an API token shown once, which works until it is revoked', async () => {
    await tab(page, 'API tokens').click();
    await page.locator('input[name=tokenLabel]').fill('Reporting script');
    await page.locator('select[name=tokenRole]').selectOption('VIEWER');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByTestId('new-token').locator('input').inputValue();
    expect(secret).toMatch(/^gp_/);
    const asToken = () => fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect((await (await asToken()).json()).data.viewer.role).toBe('VIEWER');
    const row = page.getByTestId('api-token').filter({ hasText: 'Reporting script' });
    await row.waitFor();
    expect(await row.textContent()).toContain(secret.slice(0, 10));
    await checkScreen(page, 'team-tokens');
    await row.getByRole('button', { name: /Revoke/ }).click();
    await row.getByRole('button', { name: 'Revoke', exact: true }).click();
    await row.getByTestId('token-revoked').waitFor();
    expect((await asToken()).status).toBe(401);
  }, 60_000);

  it('rotates the ingest secret, shown once with the webhook URL, and the new secret signs pushes', async () => {
    await tab(page, 'Ingest secret').click();
    expect(await page.getByTestId('webhook-url').textContent()).toBe(`POST ${stack.baseUrl}/webhooks/metrics`);
    await page.getByRole('button', { name: 'Make a new secret' }).click();
    await page.getByRole('group').getByRole('button', { name: 'Make a new secret' }).click();
    const secret = await page.getByTestId('ingest-secret').locator('input').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId('ingest-rotated').filter({ hasText: 'The current secret was made' }).waitFor();
    const body = JSON.stringify({ type: 'metrics.points', data: { accountId, points: [{ metric: 'followers', at: day(0), value: 1001 }] } });
    const response = await fetch(`${stack.baseUrl}/webhooks/metrics`, { method: 'POST', headers: signedWebhook(secret, body), body });
    expect(response.status).toBe(200);
    await checkScreen(page, 'team-ingest');
  }, 60_000);

  it('adds a webhook channel (secret shown once), tests it and shows the delivery log with replay', async () => {
    await tab(page, 'Notifications').click();
    await page.locator('select[name=channelKind]').selectOption('WEBHOOK');
    await page.locator('input[name=channelName]').fill('Ops receiver');
    // A loopback address: the outbound client refuses it, so the test delivery fails without leaving the machine.
    await page.locator('input[name=channelUrl]').fill('https://127.0.0.1:9/goalpost');
    await page.getByLabel(plan).check();
    await page.getByRole('button', { name: 'Add channel' }).click();
    expect(await page.getByTestId('channel-secret').locator('input').inputValue()).toMatch(/^whsec_/);
    const channel = page.getByTestId('channel').filter({ hasText: 'Ops receiver' });
    await channel.waitFor();
    expect(await channel.textContent()).toContain('127.0.0.1:9');
    expect(await channel.textContent()).toContain(plan);
    await channel.getByRole('button', { name: 'Send a test' }).click();
    await channel.getByText('Test queued').waitFor();
    await channel.getByText(/Delivery log \(1 delivery\)/).click();
    await channel.getByTestId('delivery').first().getByRole('button', { name: 'Replay' }).waitFor();
    await checkScreen(page, 'team-notifications');
  }, 60_000);

  it('switches between the person’s workspaces', async () => {
    // A second workspace of the demo owner, made with their own session cookie.
    await page.evaluate(async () => {
      await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation { createWorkspace(input: { name: "Side project" }) { __typename } }' }) });
    });
    await page.goto(`${stack.baseUrl}/`);
    const switcher = page.getByTestId('workspace-switcher');
    await switcher.waitFor();
    const current = await switcher.inputValue();
    await switcher.selectOption({ label: 'Side project · Owner' });
    await page.getByText('No plan yet').waitFor();
    expect(await page.getByRole('link', { name: plan }).count()).toBe(0);
    await page.getByTestId('workspace-switcher').selectOption(current);
    await page.getByRole('link', { name: plan }).waitFor();
  }, 60_000);

  it('speaks every language on the new screens', async () => {
    const expected = { es: 'Equipo e integraciones', ca: 'Equip i integracions', it: 'Team e integrazioni', en: 'Team and integrations' } as const;
    await nav(page, 'Team').click();
    for (const [locale, title] of Object.entries(expected)) {
      await page.locator('header label.language select').selectOption(locale);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    }
  }, 60_000);

  it('fits the team screens in 360 px', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      await nav(page, 'Team').click();
      for (const section of ['Members', 'Invitations', 'API tokens', 'Ingest secret', 'Notifications']) {
        await tab(page, section).click();
        await page.getByRole('heading', { name: section, level: 2 }).waitFor();
        await checkScreen(page, `team-${section.toLowerCase().replace(/ /g, '-')}-360`);
        expect(await overflowsHorizontally(page), `${section} is wider than 360 px`).toBe(false);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }, 60_000);

  it('signs up a new person into a workspace of their own, where sign-up is open', async () => {
    const newcomer = await launchTestBrowser();
    try {
      const p = newcomer.page;
      await p.goto(`${stack.baseUrl}/`);
      await p.getByRole('button', { name: 'Create an account' }).click();
      await p.getByLabel('Name', { exact: true }).fill('Nora Newcomer');
      await p.getByLabel('Email').fill('nora@example.com');
      await p.getByLabel('Choose a password').fill('password');
      await p.getByLabel('Workspace name (optional)').fill('Nora’s bakery');
      await p.getByRole('button', { name: 'Create account', exact: true }).click();
      // The password policy refuses a common password, naming the field; nothing is created.
      await p.getByRole('alert').filter({ hasText: 'input.password' }).waitFor();
      await checkScreen(p, 'sign-up-refused');
      await p.getByLabel('Choose a password').fill('fresh-loaves-every-dawn');
      await p.getByRole('button', { name: 'Create account', exact: true }).click();
      await p.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
      expect(await p.getByTestId('workspace-name').textContent()).toBe('Nora’s bakery');
      expect(await p.getByTestId('viewer-role').textContent()).toBe('Owner');
      expect(newcomer.offMachineRequests).toEqual([]);
      expect(newcomer.pageErrors).toEqual([]);
    } finally {
      await newcomer.close();
    }
  }, 60_000);

  it('signs out: the cookie session ends and the sign-in screen stays after a reload', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The sign-in form's own field: the page behind may still show an e-mail channel for a moment.
    const emailField = page.getByRole('textbox', { name: 'Email' });
    await emailField.waitFor();
    await page.reload();
    await emailField.waitFor();
    expect((await owner.context.cookies(stack.baseUrl)).find((c) => c.name === 'goalpost_session')).toBeUndefined();
    expect(owner.offMachineRequests).toEqual([]);
    expect(owner.pageErrors).toEqual([]);
  }, 60_000);

  it('shows a VIEWER no edit controls on the plan, the objective editor, accounts, alerts or the team', async () => {
    const viewer = await launchTestBrowser();
    try {
      const p = viewer.page;
      await signIn(p, stack.baseUrl, viewerPerson);
      expect(await p.getByTestId('viewer-role').textContent()).toBe('Viewer');
      expect(await editControls(p)).toEqual([]);
      expect(await p.getByRole('heading', { name: 'Create a plan' }).count()).toBe(0);

      await p.getByRole('link', { name: plan }).click();
      await p.getByTestId('objective').filter({ hasText: objectiveTitle }).waitFor();
      await p.getByTestId('key-result').first().waitFor();
      expect(await p.getByTestId('check-in-form').count()).toBe(0);
      expect(await editControls(p)).toEqual([]);
      await checkScreen(p, 'viewer-plan');

      await p.goto(`${stack.baseUrl}/objectives/${encodeURIComponent(objectiveId)}/edit`);
      await p.getByTestId('read-only').waitFor();
      expect(await p.locator('form').count()).toBe(0);
      expect(await editControls(p)).toEqual([]);

      await nav(p, 'Accounts').click();
      await p.getByText('@team.shop').first().waitFor();
      expect(await p.getByTestId('csv-import').count()).toBe(0);
      expect(await p.getByRole('heading', { name: 'Connect an account' }).count()).toBe(0);
      expect(await editControls(p)).toEqual([]);

      await nav(p, 'Alerts').click();
      await p.getByTestId('alert').filter({ hasText: plan }).first().waitFor();
      expect(await editControls(p)).toEqual([]);
      await checkScreen(p, 'viewer-alerts');

      await nav(p, 'Team').click();
      await p.getByTestId('member').first().waitFor();
      expect(await tab(p, 'API tokens').count()).toBe(0);
      expect(await editControls(p)).toEqual([]);
      await tab(p, 'Notifications').click();
      await p.getByTestId('channel').first().waitFor();
      expect(await p.getByRole('heading', { name: 'Add a channel' }).count()).toBe(0);
      expect(await editControls(p)).toEqual([]);
      expect(viewer.offMachineRequests).toEqual([]);
      expect(viewer.pageErrors).toEqual([]);
    } finally {
      await viewer.close();
    }
  }, 120_000);
});
