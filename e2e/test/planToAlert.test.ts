import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import pg from 'pg';
import { eventually, freePort, startApp, type AppProcess } from '../support/stackProcess.ts';
import { graphqlClient, signedWebhook, sseSubscription } from '../support/graphqlClient.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const token = 'e2e-token-0123456789abcdef';

describe('a plan, pushed metrics and the alert they cause, through the public interfaces', () => {
  let gateway: AppProcess;
  let worker: AppProcess;
  let baseUrl: string;
  let database: { url: string; drop(): Promise<void> };
  let sqlClient: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: uniquePrefix('e2e'),
      LIVE_NAMESPACE: uniquePrefix('e2e-live'),
      EVALUATE_DEBOUNCE_MS: '50',
      WORKER_PORT: '0',
    };
    gateway = startApp('gateway', { ...env, PORT: String(port), GOALPOST_BOOTSTRAP_TOKEN: token });
    worker = startApp('worker', env);
    await eventually(async () => ((await fetch(`${baseUrl}/readyz`).catch(() => null))?.ok ? true : undefined), 'the gateway to be ready', 60_000);
    sqlClient = new pg.Client({ connectionString: database.url });
    await sqlClient.connect();
  });

  afterAll(async () => {
    await Promise.all([gateway?.stop(), worker?.stop()]);
    await sqlClient?.end();
    await database?.drop();
  });

  it('raises one alert on an SSE subscription and none more on a redelivered webhook', async () => {
    const gql = graphqlClient(baseUrl, token);
    const { createPlan } = await gql(`mutation($input: CreatePlanInput!) { createPlan(input: $input) {
        __typename ... on CreatePlanSuccess { plan { id } } } }`,
      { input: { name: 'Q4 social plan', startsOn: day(-40), endsOn: day(80) } });
    const planId = createPlan.plan.id;
    const { addBusinessGoal } = await gql(`mutation($input: AddBusinessGoalInput!) { addBusinessGoal(input: $input) {
        ... on AddBusinessGoalSuccess { goal { id } } } }`,
      { input: { planId, kind: 'CUSTOMER_BASE', title: 'More customers from social' } });
    const { connectAccount } = await gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) {
        ... on ConnectAccountSuccess { account { id source } } } }`,
      { input: { platform: 'INSTAGRAM', handle: '@e2e.shop', source: 'PUSH' } });
    const accountId = connectAccount.account.id;
    const { addObjective } = await gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) {
        __typename ... on AddObjectiveSuccess { objective { id status } smart { passed specific { verdict } } } ... on Error { message } } }`,
      { input: {
        goalId: addBusinessGoal.goal.id, title: 'Grow the Instagram audience', category: 'AUDIENCE_GROWTH', framework: 'SMART',
        startsOn: day(-30), deadline: day(60),
        keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', baseline: 1000, target: 2000 }],
      } });
    expect(addObjective.__typename).toBe('AddObjectiveSuccess');
    expect(addObjective.smart.specific.verdict).toBe('PASS');
    const { rotateIngestSecret } = await gql(`mutation { rotateIngestSecret { ... on RotateIngestSecretSuccess { secret } } }`);
    const secret: string = rotateIngestSecret.secret;

    const subscription = sseSubscription(baseUrl, token,
      'subscription($planId: ID) { alertRaised(planId: $planId) { id kind severity state keyResult { id status } } }', { planId });
    // The SSE stream is open once yoga has subscribed; give it a moment to register with Redis.
    await new Promise((r) => setTimeout(r, 500));

    // Followers flat at 1,000 for 30 days while the path expects a third of the way to 2,000: off track.
    const points = Array.from({ length: 30 }, (_, i) => ({ metric: 'followers', at: day(-29 + i), value: 1000 }));
    const body = JSON.stringify({ type: 'metrics.points', data: { accountId, points } });
    const headers = signedWebhook(secret, body, { id: 'msg_e2e_1' });
    const first = await fetch(`${baseUrl}/webhooks/metrics`, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'stored', written: 30 });

    const alert = await eventually(async () => subscription.events.find((e) => e.data?.alertRaised)?.data.alertRaised, 'an alert on the SSE stream');
    expect(alert.kind).toBe('OFF_TRACK');
    expect(alert.severity).toBe('CRITICAL');
    expect(alert.keyResult.status).toBe('OFF_TRACK');

    // The platform redelivers the same message: acknowledged, nothing written twice, no second alert.
    const again = await fetch(`${baseUrl}/webhooks/metrics`, { method: 'POST', headers, body });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'duplicate', written: 0 });
    const { plan } = await gql(`query($id: ID!) { plan(id: $id) { alerts { edges { node { id kind } } } health { keyResults { status count } } } }`, { id: planId });
    // Evaluate once more on demand to prove a re-run cannot duplicate either.
    await gql(`mutation($id: ID!) { evaluatePlan(id: $id) { ... on EvaluatePlanSuccess { queued } } }`, { id: planId });
    await new Promise((r) => setTimeout(r, 1500));
    // The gateway also bootstrapped a demo workspace: count only this plan's rows.
    const localId = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1];
    const counts = await sqlClient.query(
      `select (select count(*) from metric_points where account_id = $1)::int as points, (select count(*) from alerts where plan_id = $2)::int as alerts`,
      [localId(accountId), localId(planId)],
    );
    expect(counts.rows[0]).toEqual({ points: 30, alerts: 1 });
    expect(plan.alerts.edges).toHaveLength(1);
    expect(subscription.events.filter((e) => e.data?.alertRaised)).toHaveLength(1);
    subscription.close();
  });
});
