import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

let harness: GatewayHarness;
beforeAll(async () => {
  harness = await startGatewayHarness('realism');
});
afterAll(async () => harness?.close());

describe('seed 002 through the API: realism from the account history', () => {
  it('judges 150 a week realistic and 1,000 a week unrealistic for an account that gained ~100 a week', async () => {
    const ws = await harness.newWorkspace('Seed 002');
    const account = (await ws.gql(`mutation { connectAccount(input: { platform: INSTAGRAM, handle: "@seed", source: MANUAL }) { ... on ConnectAccountSuccess { account { id } } } }`)).body.data.connectAccount.account.id;
    // Twelve weeks of history before 2026-04-01, +100 followers a week, ending at 6,186.
    const points = Array.from({ length: 84 }, (_, i) => ({
      metric: 'followers',
      at: new Date(Date.UTC(2026, 0, 7 + i)).toISOString().slice(0, 10),
      value: 5000 + Math.round((100 / 7) * i),
    }));
    const recorded = await ws.gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { ... on RecordMetricsSuccess { written } } }`, { input: { accountId: account, points } });
    expect(recorded.body.data.recordMetrics.written).toBe(84);
    const audit = await ws.gql(`query($id: ID!) { node(id: $id) { ... on SocialAccount { audit(asOf: "2026-03-31") { metric current weeklyRate fourWeeklyRate historyDays } } } }`, { id: account });
    expect(audit.body.data.node.audit).toEqual([
      expect.objectContaining({ metric: 'followers', current: 6186, historyDays: 84 }),
    ]);
    expect(audit.body.data.node.audit[0].weeklyRate).toBeCloseTo(100, 0);
    expect(audit.body.data.node.audit[0].fourWeeklyRate).toBeCloseTo(400, -1);
    const plan = (await ws.gql(`mutation { createPlan(input: { name: "Q2", startsOn: "2026-04-01", endsOn: "2026-06-30" }) { ... on CreatePlanSuccess { plan { id } } } }`)).body.data.createPlan.plan.id;
    const goal = (await ws.gql(`mutation($planId: ID!) { addBusinessGoal(input: { planId: $planId, kind: CUSTOMER_BASE, title: "More customers" }) { ... on AddBusinessGoalSuccess { goal { id } } } }`, { planId: plan })).body.data.addBusinessGoal.goal.id;

    const add = (perWeek: number, framework: string) => ws.gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) {
      ... on AddObjectiveSuccess { smart { passed attainable { verdict message } } objective { keyResults { realism { band ratio historicalWeeklyRate } } } } } }`, {
      input: {
        goalId: goal, title: `+${perWeek} a week`, category: 'AUDIENCE_GROWTH', framework, startsOn: '2026-04-01', deadline: '2026-07-01',
        keyResults: [{ metric: 'followers', accountId: account, direction: 'INCREASE', target: 6186 + perWeek * 13 }],
      },
    });
    const realistic = (await add(150, 'SMART')).body.data.addObjective;
    expect(realistic.smart.attainable.verdict).toBe('PASS');
    expect(realistic.objective.keyResults[0].realism.band).toBe('REALISTIC');
    expect(realistic.objective.keyResults[0].realism.historicalWeeklyRate).toBeCloseTo(100, 0);
    const unrealistic = (await add(1000, 'SMART')).body.data.addObjective;
    expect(unrealistic.smart.attainable.verdict).toBe('FAIL');
    expect(unrealistic.smart.passed).toBe(false);
    expect(unrealistic.objective.keyResults[0].realism.band).toBe('UNREALISTIC');
    const okr = (await add(1000, 'OKR')).body.data.addObjective;
    expect(okr.smart.attainable.verdict).toBe('WARN');
  });
});

describe('the plan-level audit', () => {
  it('sums a platform across its accounts, per platform, as of a day', async () => {
    const ws = await harness.newWorkspace('Two shops');
    const connect = async (platform: string, handle: string) =>
      (await ws.gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { ... on ConnectAccountSuccess { account { id } } } }`, { input: { platform, handle, source: 'MANUAL' } })).body.data.connectAccount.account.id;
    const north = await connect('INSTAGRAM', '@north');
    const south = await connect('INSTAGRAM', '@south');
    const page = await connect('FACEBOOK', 'Shop');
    const days = Array.from({ length: 28 }, (_, i) => new Date(Date.UTC(2026, 2, 4 + i)).toISOString().slice(0, 10));
    const record = (accountId: string, metric: string, value: (i: number) => number) =>
      ws.gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }`, { input: { accountId, points: days.map((at, i) => ({ metric, at, value: value(i) })) } });
    await record(north, 'followers', (i) => 1000 + 10 * i);
    await record(south, 'followers', (i) => 2000 + 20 * i);
    await record(page, 'link_clicks', () => 5);
    const plan = (await ws.gql(`mutation { createPlan(input: { name: "Q2", startsOn: "2026-04-01", endsOn: "2026-06-30" }) { ... on CreatePlanSuccess { plan { id } } } }`)).body.data.createPlan.plan.id;

    const read = await ws.gql(`query($id: ID!) { node(id: $id) { ... on Plan { audit(asOf: "2026-03-31") { platform accounts metrics { metric current dailyRate historyDays } } } } }`, { id: plan });
    const audit = read.body.data.node.audit.sort((a: { platform: string }, b: { platform: string }) => a.platform.localeCompare(b.platform));
    expect(audit).toEqual([
      { platform: 'FACEBOOK', accounts: 1, metrics: [{ metric: 'link_clicks', current: 140, dailyRate: expect.any(Number), historyDays: 28 }] },
      { platform: 'INSTAGRAM', accounts: 2, metrics: [{ metric: 'followers', current: 1000 + 270 + 2000 + 540, dailyRate: 30, historyDays: 28 }] },
    ]);
    const onlyFacebook = await ws.gql(`query($id: ID!) { node(id: $id) { ... on Plan { audit(asOf: "2026-03-31", platform: FACEBOOK) { platform } } } }`, { id: plan });
    expect(onlyFacebook.body.data.node.audit).toEqual([{ platform: 'FACEBOOK' }]);
  });
});
