import { encodeGlobalID } from '@pothos/plugin-relay';
import { upsertSocialAccount } from '@goalpost/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

let harness: GatewayHarness;
let alice: Awaited<ReturnType<GatewayHarness['newWorkspace']>>;
let bob: Awaited<ReturnType<GatewayHarness['newWorkspace']>>;

beforeAll(async () => {
  harness = await startGatewayHarness('graphql-api');
  alice = await harness.newWorkspace('Alice & Co');
  bob = await harness.newWorkspace('Bob Ltd');
});
afterAll(async () => harness?.close());

const rowCount = async (table: 'plans' | 'objectives' | 'key_results' | 'metric_points' | 'business_goals') =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(harness.deps.db)).rows[0]!.n);

async function planWithGoal(ws = alice) {
  const plan = await ws.gql(`mutation { createPlan(input: { name: "Plan", startsOn: "2026-10-01", endsOn: "2026-12-31" }) {
    __typename ... on CreatePlanSuccess { plan { id name status } } } }`);
  const planId = plan.body.data.createPlan.plan.id;
  const goal = await ws.gql(`mutation($planId: ID!) { addBusinessGoal(input: { planId: $planId, kind: REVENUE, title: "Grow sales" }) {
    ... on AddBusinessGoalSuccess { goal { id } } } }`, { planId });
  return { planId, goalId: goal.body.data.addBusinessGoal.goal.id as string };
}

describe('authentication', () => {
  it('refuses an unknown bearer token with 401 and a sentence saying what to send', async () => {
    const res = await harness.graphql('{ viewer { workspaceId } }', {}, 'not-a-token');
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0]?.message).toMatch(/Authorization: Bearer/);
  });

  it('answers an anonymous caller with UNAUTHENTICATED and no data', async () => {
    const res = await harness.graphql('{ plans { edges { node { id } } } }', {});
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('plans', () => {
  it('creates, pages and archives plans of the caller only', async () => {
    const { planId } = await planWithGoal();
    const page = await alice.gql('{ plans(first: 50) { edges { cursor node { id name } } pageInfo { hasNextPage } } }');
    expect(page.body.data.plans.edges.map((e: any) => e.node.id)).toContain(planId);
    const bobs = await bob.gql('{ plans(first: 50) { edges { node { id } } } }');
    expect(bobs.body.data.plans.edges.map((e: any) => e.node.id)).not.toContain(planId);
    const archived = await alice.gql(`mutation($id: ID!) { archivePlan(id: $id) { ... on ArchivePlanSuccess { plan { status } } } }`, { id: planId });
    expect(archived.body.data.archivePlan.plan.status).toBe('ARCHIVED');
  });

  it('never shows one workspace a node of another', async () => {
    const { planId } = await planWithGoal(alice);
    const viaNode = await bob.gql('query($id: ID!) { node(id: $id) { id } }', { id: planId });
    expect(viaNode.body.data?.node ?? null).toBeNull();
    const viaPlan = await bob.gql('query($id: ID!) { plan(id: $id) { id } }', { id: planId });
    expect(viaPlan.body.data?.plan ?? null).toBeNull();
    const archive = await bob.gql(`mutation($id: ID!) { archivePlan(id: $id) { __typename ... on NotFoundError { message } } }`, { id: planId });
    expect(archive.body.data.archivePlan.__typename).toBe('NotFoundError');
  });
});

describe('bad input: a typed error naming the field and the rule, nothing written', () => {
  it('refuses a plan that ends before it starts', async () => {
    const before = await rowCount('plans');
    const res = await alice.gql(`mutation { createPlan(input: { name: "Backwards", startsOn: "2026-12-31", endsOn: "2026-10-01" }) {
      __typename ... on InputError { message issues { field rule message } } } }`);
    expect(res.body.data.createPlan.__typename).toBe('InputError');
    expect(res.body.data.createPlan.issues[0].field).toMatch(/endsOn/);
    expect(await rowCount('plans')).toBe(before);
  });

  it('refuses an objective whose deadline is before its start, and an unknown metric, writing nothing', async () => {
    const { goalId } = await planWithGoal();
    const objectives = await rowCount('objectives');
    const jobs = await harness.jobCounts();
    const backwards = await alice.gql(`mutation($goalId: ID!) { addObjective(input: { goalId: $goalId, title: "Backwards", category: AWARENESS,
      framework: SMART, startsOn: "2026-11-01", deadline: "2026-10-01", keyResults: [{ metric: "reach", platform: INSTAGRAM, direction: INCREASE, target: 10 }] }) {
      __typename ... on InputError { issues { field rule } } } }`, { goalId });
    expect(backwards.body.data.addObjective.__typename).toBe('InputError');
    expect(backwards.body.data.addObjective.issues[0].field).toMatch(/deadline/);
    const unknown = await alice.gql(`mutation($goalId: ID!) { addObjective(input: { goalId: $goalId, title: "Vanity", category: AWARENESS,
      framework: SMART, startsOn: "2026-10-01", deadline: "2026-11-01", keyResults: [{ metric: "vibes", platform: INSTAGRAM, direction: INCREASE, target: 10 }] }) {
      __typename ... on InputError { issues { field rule message } } } }`, { goalId });
    expect(unknown.body.data.addObjective.__typename).toBe('InputError');
    expect(unknown.body.data.addObjective.issues[0]).toMatchObject({ field: expect.stringMatching(/keyResults\[0\]\.metric/), rule: 'catalog' });
    expect(await rowCount('objectives')).toBe(objectives);
    expect(await harness.jobCounts()).toBe(jobs);
  });

  it('refuses non-finite values and missing fields in recordMetrics', async () => {
    const account = await alice.gql(`mutation { connectAccount(input: { platform: INSTAGRAM, handle: "@manual", source: MANUAL }) {
      ... on ConnectAccountSuccess { account { id } } } }`);
    const accountId = account.body.data.connectAccount.account.id;
    const before = await rowCount('metric_points');
    const infinite = await harness.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.token}` },
      // 1e400 is valid JSON that parses to Infinity.
      body: `{"query":"mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }","variables":{"input":{"accountId":"${accountId}","points":[{"metric":"followers","at":"2026-11-01","value":1e400}]}}}`,
    });
    const infiniteBody = (await infinite.json()) as any;
    expect(infiniteBody.errors?.[0]?.message ?? JSON.stringify(infiniteBody.data)).toMatch(/value|finite|Float/i);
    const missing = await alice.gql(`mutation($accountId: ID!) { recordMetrics(input: { accountId: $accountId, points: [{ metric: "followers", value: 3 }] }) { __typename } }`, { accountId });
    expect(missing.body.errors?.[0]?.message).toMatch(/at/);
    const badDay = await alice.gql(`mutation($accountId: ID!) { recordMetrics(input: { accountId: $accountId, points: [{ metric: "followers", at: "2026-02-30", value: 3 }] }) { __typename } }`, { accountId });
    expect(badDay.body.errors?.[0]?.message).toMatch(/2026-02-30/);
    expect(await rowCount('metric_points')).toBe(before);
  });
});

describe('checkObjective', () => {
  it('lints a draft without saving anything', async () => {
    const { goalId } = await planWithGoal();
    const before = await Promise.all([rowCount('objectives'), rowCount('key_results')]);
    const res = await alice.gql(`query($goalId: ID!) { checkObjective(input: { goalId: $goalId, title: "Draft", category: AUDIENCE_GROWTH,
      framework: SMART, startsOn: "2026-10-01", deadline: "2026-12-31", keyResults: [{ metric: "followers", platform: INSTAGRAM, direction: INCREASE }] }) {
      passed specific { verdict message } measurable { verdict } timeBound { verdict } } }`, { goalId });
    expect(res.body.data.checkObjective.specific.verdict).toBe('FAIL');
    expect(res.body.data.checkObjective.specific.message.length).toBeGreaterThan(10);
    expect(res.body.data.checkObjective.timeBound.verdict).toBe('PASS');
    expect(res.body.data.checkObjective.passed).toBe(false);
    expect(await Promise.all([rowCount('objectives'), rowCount('key_results')])).toEqual(before);
  });
});

describe('metric catalog', () => {
  it('lists metrics and recommends KPIs per category', async () => {
    const res = await alice.gql('{ metricCatalog { id kind aggregation } kpiRecommendations(category: CUSTOMER_CARE) { id } platformGuidance(category: CUSTOMER_CARE) { platform note } }');
    expect(res.body.data.platformGuidance).toEqual([{ platform: 'X', note: expect.stringContaining('customer service') }]);
    const followers = res.body.data.metricCatalog.find((m: any) => m.id === 'followers');
    expect(followers).toEqual({ id: 'followers', kind: 'CUMULATIVE', aggregation: 'LATEST' });
    expect(res.body.data.metricCatalog.map((m: any) => m.id)).toEqual(expect.arrayContaining(['followers', 'engagement_rate_by_reach']));
    expect(res.body.data.kpiRecommendations.map((m: any) => m.id)).toContain('resolution_rate');
  });
});

describe('budget and supporting themes', () => {
  it('tracks spend against an objective budget and files content under its themes', async () => {
    const { goalId } = await planWithGoal();
    const account = (await alice.gql(`mutation { connectAccount(input: { platform: FACEBOOK, handle: "ads", source: MANUAL }) { ... on ConnectAccountSuccess { account { id } } } }`)).body.data.connectAccount.account.id;
    const objective = (await alice.gql(`mutation($goalId: ID!, $account: ID!) { addObjective(input: { goalId: $goalId, title: "Cheaper leads", category: LEAD_GENERATION,
      framework: SMART, startsOn: "2026-10-01", deadline: "2026-12-31", keyResults: [{ metric: "cost_per_lead", accountId: $account, direction: DECREASE, target: 5 }] }) {
      ... on AddObjectiveSuccess { objective { id budget { amount } } } } }`, { goalId, account })).body.data.addObjective.objective;
    expect(objective.budget).toBeNull();
    const badBudget = await alice.gql(`mutation($id: ID!) { updateObjective(input: { id: $id, budget: { amount: -5, currency: "EUR" } }) { __typename ... on InputError { issues { field } } } }`, { id: objective.id });
    expect(badBudget.body.data.updateObjective.__typename).toBe('InputError');
    await alice.gql(`mutation($id: ID!) { updateObjective(input: { id: $id, budget: { amount: 1000, currency: "EUR" } }) { __typename } }`, { id: objective.id });
    await alice.gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }`, { input: { accountId: account, points: [
      { metric: 'spend', at: '2026-10-05', value: 120 }, { metric: 'spend', at: '2026-10-06', value: 80 }, { metric: 'spend', at: '2026-09-30', value: 999 },
    ] } });
    const theme = (await alice.gql(`mutation($id: ID!) { addTheme(input: { objectiveId: $id, title: "Answer the questions that stop people buying" }) { ... on AddThemeSuccess { theme { id } } } }`, { id: objective.id })).body.data.addTheme.theme;
    const item = await alice.gql(`mutation($id: ID!) { addContentItem(input: { themeId: $id, title: "Sizing FAQ reel", url: "https://example.com/reel", publishedOn: "2026-10-07" }) { __typename ... on AddContentItemSuccess { contentItem { id } } } }`, { id: theme.id });
    expect(item.body.data.addContentItem.__typename).toBe('AddContentItemSuccess');
    const second = await alice.gql(`mutation($id: ID!) { addContentItem(input: { themeId: $id, title: "Returns explained" }) { ... on AddContentItemSuccess { contentItem { id } } } }`, { id: theme.id });
    const record = (id: string, results: { metric: string; value: number }[]) =>
      alice.gql(`mutation($input: RecordContentResultsInput!) { recordContentResults(input: $input) { __typename ... on InputError { issues { field rule } } } }`, { input: { contentItemId: id, results } });
    expect((await record(item.body.data.addContentItem.contentItem.id, [{ metric: 'reach', value: 1000 }, { metric: 'engagements', value: 40 }, { metric: 'spend', value: 20 }])).body.data.recordContentResults.__typename).toBe('RecordContentResultsSuccess');
    await record(second.body.data.addContentItem.contentItem.id, [{ metric: 'reach', value: 3000 }, { metric: 'engagements', value: 80 }]);
    const refused = await record(second.body.data.addContentItem.contentItem.id, [{ metric: 'followers', value: 10 }]);
    expect(refused.body.data.recordContentResults).toEqual({ __typename: 'InputError', issues: [{ field: 'input.results[0].metric', rule: 'flow-metric' }] });
    const results = await alice.gql(`query($id: ID!) { node(id: $id) { ... on Theme { results { metric value } } } }`, { id: theme.id });
    const byMetric = Object.fromEntries(results.body.data.node.results.map((r: { metric: string; value: number }) => [r.metric, r.value]));
    expect(byMetric).toMatchObject({ reach: 4000, engagements: 120, spend: 20, posts: 2, engagement_rate_by_reach: 3, reach_per_post: 2000, cost_per_engagement: 20 / 120 });
    const read = await alice.gql(`query($id: ID!) { node(id: $id) { ... on Objective { budget { amount currency spent remaining } themes { title contentItems { title publishedOn } } } } }`, { id: objective.id });
    expect(read.body.data.node.budget).toEqual({ amount: 1000, currency: 'EUR', spent: 200, remaining: 800 });
    expect(read.body.data.node.themes).toEqual([{ title: 'Answer the questions that stop people buying', contentItems: [{ title: 'Sizing FAQ reel', publishedOn: '2026-10-07' }, { title: 'Returns explained', publishedOn: null }] }]);
    const foreign = await bob.gql(`mutation($id: ID!) { addTheme(input: { objectiveId: $id, title: "Sneaky" }) { __typename } }`, { id: objective.id });
    expect(foreign.body.data.addTheme.__typename).toBe('NotFoundError');
  });
});

describe('per-plan thresholds and status wording', () => {
  it('overrides thresholds per plan, refusing contradictory ones', async () => {
    const { planId } = await planWithGoal();
    const bad = await alice.gql(`mutation($id: ID!) { updatePlan(input: { id: $id, thresholds: { atRiskTolerance: 0.3, offTrackTolerance: 0.2 } }) { __typename ... on InputError { issues { field } } } }`, { id: planId });
    expect(bad.body.data.updatePlan.__typename).toBe('InputError');
    const ok = await alice.gql(`mutation($id: ID!) { updatePlan(input: { id: $id, thresholds: { atRiskTolerance: 0.05 } }) {
      ... on UpdatePlanSuccess { plan { thresholds { atRiskTolerance offTrackTolerance staleAfterDays } } } } }`, { id: planId });
    expect(ok.body.data.updatePlan.plan.thresholds).toEqual({ atRiskTolerance: 0.05, offTrackTolerance: 0.25, staleAfterDays: 7 });
  });
});

describe('platform metric deprecations', () => {
  it('flags key results reading a retired platform metric from a connected account, and lists the retirement in the catalog', async () => {
    const { goalId } = await planWithGoal();
    const connected = await upsertSocialAccount(harness.deps.db, alice.workspaceId, { platform: 'FACEBOOK', handle: 'page', source: 'CONNECTOR', externalId: '42', credentials: undefined });
    const account = encodeGlobalID('SocialAccount', connected.id);
    const added = await alice.gql(`mutation($goalId: ID!, $account: ID!) { addObjective(input: { goalId: $goalId, title: "Be seen more", category: AWARENESS,
      framework: SMART, startsOn: "2026-10-01", deadline: "2026-12-31", keyResults: [
        { metric: "impressions", accountId: $account, direction: INCREASE, baseline: 1000, target: 1200 },
        { metric: "link_clicks", accountId: $account, direction: INCREASE, baseline: 100, target: 120, pace: BACK_LOADED }] }) {
      ... on AddObjectiveSuccess { smart { measurable { verdict message } } objective { keyResults { metric pace sourceDeprecations { platform platformMetric deprecatedOn inEffect } } } } } }`, { goalId, account });
    const { smart, objective } = added.body.data.addObjective;
    expect(smart.measurable.verdict).toBe('WARN');
    expect(smart.measurable.message).toContain('page_impressions');
    expect(objective.keyResults).toEqual([
      { metric: 'impressions', pace: 'LINEAR', sourceDeprecations: [{ platform: 'FACEBOOK', platformMetric: 'page_impressions', deprecatedOn: '2026-06-15', inEffect: true }] },
      { metric: 'link_clicks', pace: 'BACK_LOADED', sourceDeprecations: [] },
    ]);
    const catalog = await alice.gql('{ metricCatalog { id platformDeprecations { platform } } }');
    const byId = Object.fromEntries(catalog.body.data.metricCatalog.map((m: { id: string; platformDeprecations: unknown[] }) => [m.id, m.platformDeprecations]));
    expect(byId.impressions).toEqual([{ platform: 'FACEBOOK' }]);
    expect(byId.cpm).toEqual([{ platform: 'FACEBOOK' }]);
    expect(byId.link_clicks).toEqual([]);

    // Typed-in or imported data does not go through Meta's API: not flagged.
    const manual = (await alice.gql(`mutation { connectAccount(input: { platform: FACEBOOK, handle: "typed", source: MANUAL }) { ... on ConnectAccountSuccess { account { id } } } }`)).body.data.connectAccount.account.id;
    const typed = await alice.gql(`mutation($goalId: ID!, $account: ID!) { addObjective(input: { goalId: $goalId, title: "Typed in", category: AWARENESS,
      framework: SMART, startsOn: "2026-10-01", deadline: "2026-12-31", keyResults: [{ metric: "impressions", accountId: $account, direction: INCREASE, baseline: 1000, target: 1200 }] }) {
      ... on AddObjectiveSuccess { smart { measurable { verdict } } objective { keyResults { sourceDeprecations { platform } } } } } }`, { goalId, account: manual });
    expect(typed.body.data.addObjective.objective.keyResults).toEqual([{ sourceDeprecations: [] }]);
    expect(typed.body.data.addObjective.smart.measurable.verdict).not.toBe('WARN');
  });
});
