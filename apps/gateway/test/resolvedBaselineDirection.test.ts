import { addDays } from '@goalpost/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

let harness: GatewayHarness;
const now = new Date('2026-01-01T08:00:00Z');
beforeAll(async () => {
  harness = await startGatewayHarness('resolved-direction', { now: () => now });
});
afterAll(async () => harness?.close());

type Workspace = Awaited<ReturnType<GatewayHarness['newWorkspace']>>;
const startsOn = '2026-01-01';
const deadline = '2026-04-01';

/** 90 days of followers before the start, 6,110 → 7,000 on the last day: the baseline read at the start is 7,000. */
async function setUp(ws: Workspace) {
  const accountId = (await ws.gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { ... on ConnectAccountSuccess { account { id } } } }`, {
    input: { platform: 'FACEBOOK', handle: `@cafe-${Math.random()}`, source: 'MANUAL' },
  })).body.data.connectAccount.account.id as string;
  const points = Array.from({ length: 90 }, (_, i) => ({ metric: 'followers', at: addDays(startsOn, i - 90), value: 6110 + 10 * i }));
  const recorded = await ws.gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }`, { input: { accountId, points } });
  expect(recorded.body.data.recordMetrics.__typename).toBe('RecordMetricsSuccess');
  const planId = (await ws.gql(`mutation { createPlan(input: { name: "2026", startsOn: "2026-01-01", endsOn: "2026-12-31" }) { ... on CreatePlanSuccess { plan { id } } } }`)).body.data.createPlan.plan.id as string;
  const goalId = (await ws.gql(`mutation($planId: ID!) { addBusinessGoal(input: { planId: $planId, kind: BRAND_VISIBILITY, title: "Be known" }) { ... on AddBusinessGoalSuccess { goal { id } } } }`, { planId })).body.data.addBusinessGoal.goal.id as string;
  return { accountId, planId, goalId };
}

const objectiveCount = async (ws: Workspace, planId: string) =>
  ((await ws.gql(`query($id: ID!) { node(id: $id) { ... on Plan { objectives { id } } } }`, { id: planId })).body.data.node.objectives as unknown[]).length;

describe('the direction rule against a baseline read from history', () => {
  it('refuses addObjective whose INCREASE target lies below the baseline at the start, and writes nothing', async () => {
    const ws = await harness.newWorkspace('Direction');
    const { accountId, planId, goalId } = await setUp(ws);
    const added = await ws.gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { __typename ... on InputError { issues { field rule message } } } }`, {
      input: { goalId, title: 'Grow', category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn, deadline, keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', target: 6500 }] },
    });
    expect(added.body.data.addObjective.__typename).toBe('InputError');
    expect(added.body.data.addObjective.issues).toEqual([
      { field: 'input.keyResults[0].target', rule: 'direction', message: expect.stringContaining('is not above 7000') },
    ]);
    expect(await objectiveCount(ws, planId)).toBe(0);


    // Above the history's baseline: accepted, and the baseline kept as read.
    const fine = await ws.gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { __typename ... on AddObjectiveSuccess { keyResults { baseline target resolvedAt } } } }`, {
      input: { goalId, title: 'Grow', category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn, deadline, keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', target: 7500 }] },
    });
    expect(fine.body.data.addObjective.keyResults).toEqual([{ baseline: 7000, target: 7500, resolvedAt: now.toISOString() }]);
  });

  it('checkObjective answers the contradiction as a Specific finding while the target is typed, and settles once it is past the baseline', async () => {
    const ws = await harness.newWorkspace('Typing');
    const { accountId, planId, goalId } = await setUp(ws);
    const check = (target: number) => ws.gql(`query($input: ObjectiveDraftInput!) { checkObjective(input: $input) { passed
      specific { verdict code params { name value number } findings { verdict code keyResult message } } keyResults { baseline target } } }`, {
      input: { goalId, title: 'Grow', category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn, deadline, keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', target }] },
    });
    // The user types 1, 11, 115, 1150 on the way to 11,500 while the history's baseline is 7,000.
    for (const typed of [1, 11, 115, 1150]) {
      const checked = await check(typed);
      expect(checked.body.errors, `typed ${typed}`).toBeUndefined();
      const report = checked.body.data.checkObjective;
      expect(report.passed).toBe(false);
      expect(report.specific).toMatchObject({ verdict: 'FAIL', code: 'TARGET_AGAINST_DIRECTION', findings: [{ verdict: 'FAIL', code: 'TARGET_AGAINST_DIRECTION', keyResult: 0, message: expect.stringContaining('not above 7,000') }] });
      expect(report.specific.params).toEqual(expect.arrayContaining([
        { name: 'direction', value: 'INCREASE', number: null },
        { name: 'baseline', value: '7000', number: 7000 },
        { name: 'target', value: String(typed), number: typed },
        { name: 'basis', value: 'LEVEL_AT_START', number: null },
        { name: 'field', value: 'target', number: null },
      ]));
      expect(report.keyResults).toEqual([{ baseline: 7000, target: typed }]);
    }
    const done = (await check(11_500)).body.data.checkObjective;
    expect(done.specific.findings.map((f: { code: string }) => f.code)).not.toContain('TARGET_AGAINST_DIRECTION');
    // A relative target against the direction is the same finding; a malformed one is still refused.
    const relative = await ws.gql(`query($input: ObjectiveDraftInput!) { checkObjective(input: $input) { specific { code } } }`, {
      input: { goalId, startsOn, deadline, keyResults: [{ metric: 'followers', accountId, direction: 'DECREASE', baseline: null, target: 7100 }] },
    });
    expect(relative.body.data.checkObjective.specific.code).toBe('TARGET_AGAINST_DIRECTION');
    const malformed = await ws.gql(`query($input: ObjectiveDraftInput!) { checkObjective(input: $input) { passed } }`, {
      input: { goalId, keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', baseline: 7000, target: 6500 }] },
    });
    expect(malformed.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.keyResults[0].target', rule: 'direction' });
    expect(await objectiveCount(ws, planId)).toBe(0);
  });

  it('updateKeyResult resolves a changed definition as planning does, and refuses one that contradicts the history', async () => {
    const ws = await harness.newWorkspace('Edit');
    const { accountId, goalId } = await setUp(ws);
    const added = await ws.gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { ... on AddObjectiveSuccess { keyResults { id } } } }`, {
      input: { goalId, title: 'Grow', category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn, deadline, keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', target: 7500 }] },
    });
    const id = added.body.data.addObjective.keyResults[0].id as string;
    const update = (input: Record<string, unknown>) => ws.gql(`mutation($input: UpdateKeyResultInput!) { updateKeyResult(input: $input) { __typename
      ... on UpdateKeyResultSuccess { definitionChanged keyResult { baseline target targetChangePercent resolvedAt baselineBasis { kind } } }
      ... on InputError { issues { field rule } } } }`, { input: { id, ...input } });

    const relative = await update({ targetChangePercent: 10 });
    expect(relative.body.data.updateKeyResult).toEqual({
      __typename: 'UpdateKeyResultSuccess', definitionChanged: true,
      keyResult: { baseline: 7000, target: expect.closeTo(7700, 6), targetChangePercent: 10, resolvedAt: now.toISOString(), baselineBasis: { kind: 'LEVEL_AT_START' } },
    });
    const wrongSide = await update({ target: 6900 });
    expect(wrongSide.body.data.updateKeyResult).toEqual({ __typename: 'InputError', issues: [{ field: 'input.target', rule: 'direction' }] });
    const kept = await ws.gql(`query($id: ID!) { node(id: $id) { ... on KeyResult { target targetChangePercent } } }`, { id });
    expect(kept.body.data.node).toEqual({ target: expect.closeTo(7700, 6), targetChangePercent: 10 });
  });
});
