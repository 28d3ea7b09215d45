import { findKeyResults, recordKeyResultOutcome, upsertSocialAccount } from '@goalpost/db';
import { addDays } from '@goalpost/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

let harness: GatewayHarness;
// Planning happens on the quarter's first morning, once the last day before it is in.
let now = new Date('2026-01-01T08:00:00Z');
beforeAll(async () => {
  harness = await startGatewayHarness('planning', { now: () => now });
});
afterAll(async () => harness?.close());

type Workspace = Awaited<ReturnType<GatewayHarness['newWorkspace']>>;
const startsOn = '2026-01-01';
const deadline = '2026-04-01';

/** `days` days of points ending the day before `until`, value by index (0 = the earliest). */
const before = (metric: string, until: string, days: number, value: (i: number) => number) =>
  Array.from({ length: days }, (_, i) => ({ metric, at: addDays(until, i - days), value: value(i) }));

async function setUp(ws: Workspace, history: { metric: string; at: string; value: number }[], source = 'MANUAL') {
  const accountId = (await ws.gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { ... on ConnectAccountSuccess { account { id } } } }`, {
    input: { platform: 'FACEBOOK', handle: `@cafe-${Math.random()}`, source },
  })).body.data.connectAccount.account.id as string;
  if (history.length > 0) {
    const recorded = await ws.gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename ... on InputError { issues { field message } } } }`, { input: { accountId, points: history } });
    expect(recorded.body.data.recordMetrics.__typename).toBe('RecordMetricsSuccess');
  }
  const planId = (await ws.gql(`mutation { createPlan(input: { name: "2026", startsOn: "2026-01-01", endsOn: "2026-12-31" }) { ... on CreatePlanSuccess { plan { id } } } }`)).body.data.createPlan.plan.id as string;
  const goalId = (await ws.gql(`mutation($planId: ID!) { addBusinessGoal(input: { planId: $planId, kind: BRAND_VISIBILITY, title: "Be known in the neighbourhood" }) { ... on AddBusinessGoalSuccess { goal { id } } } }`, { planId })).body.data.addBusinessGoal.goal.id as string;
  return { accountId, planId, goalId };
}

const coffeeShopHistory = [
  ...before('followers', startsOn, 180, (i) => 5010 + 10 * i),
  ...before('link_clicks', startsOn, 180, () => 20),
  ...before('reach', startsOn, 180, () => 900),
  ...before('posts', startsOn, 180, () => 1),
];
const keyResultFields = 'id metric baseline target targetChangePercent resolvedAt baselineBasis { kind from to coveredDays } realism { band basis ratio }';

describe('relative targets resolved when the key result is created', () => {
  it('answers addObjective with the numbers a marketer means: +15% link clicks is 15% more than the previous quarter, not 0', async () => {
    const ws = await harness.newWorkspace('Coffee shop');
    const { accountId, goalId } = await setUp(ws, coffeeShopHistory);
    const added = await ws.gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { __typename
      ... on AddObjectiveSuccess { keyResults { ${keyResultFields} } smart { passed keyResults { keyResult baseline target basis { kind } } } } } }`, {
      input: {
        goalId, title: 'Brand awareness within 5 km', category: 'AWARENESS', framework: 'SMART', startsOn, deadline,
        keyResults: [
          { metric: 'followers', accountId, direction: 'INCREASE', targetChangePercent: 15 },
          { metric: 'link_clicks', accountId, direction: 'INCREASE', targetChangePercent: 15 },
          { metric: 'reach_per_post', accountId, direction: 'INCREASE', target: 1000 },
        ],
      },
    });
    expect(added.body.data.addObjective.__typename).toBe('AddObjectiveSuccess');
    const [fans, clicks, reachPerPost] = added.body.data.addObjective.keyResults;
    expect(fans).toMatchObject({ baseline: 6800, baselineBasis: { kind: 'LEVEL_AT_START', from: '2025-12-31' }, realism: { band: 'REALISTIC', basis: 'LEVEL_TREND' } });
    expect(fans.target).toBeCloseTo(7820);
    expect(fans.resolvedAt).toBe('2026-01-01T08:00:00.000Z');
    expect(clicks).toMatchObject({ baseline: 1820, baselineBasis: { kind: 'PREVIOUS_PERIOD_TOTAL', from: '2025-10-02', to: '2025-12-31', coveredDays: 91 }, realism: { band: 'REALISTIC', basis: 'FLOW_VOLUME' } });
    expect(clicks.target).toBeCloseTo(2093);
    // The KPI judged against its own history: not NO_HISTORY.
    expect(reachPerPost).toMatchObject({ baseline: 900, target: 1000, baselineBasis: { kind: 'KPI_BEFORE_START' }, realism: { basis: 'KPI_CHANGES', band: 'UNREALISTIC' } });
    expect(added.body.data.addObjective.smart.keyResults.map((k: { baseline: number }) => k.baseline)).toEqual([6800, 1820, 900]);
  });

  it('shows the resolution on a draft, with every message coded and the advice as data', async () => {
    const ws = await harness.newWorkspace('Draft');
    const { accountId, goalId } = await setUp(ws, coffeeShopHistory);
    const report = (await ws.gql(`query($input: ObjectiveDraftInput!) { checkObjective(input: $input) {
      passed
      attainable { verdict code findings { verdict code keyResult message params { name value number } suggestions { code keyResult field number day } } }
      realistic { verdict code message findings { code keyResult suggestions { code field number } } }
      keyResults { keyResult metric baseline target basis { kind from to } realism { band } targetAtHistoricalPace targetAtRealisticPace deadlineForTarget stretchTarget }
    } }`, {
      input: {
        goalId, category: 'AWARENESS', framework: 'OKR', startsOn, deadline,
        keyResults: [
          { metric: 'followers', accountId, direction: 'INCREASE', targetChangePercent: 100 },
          { metric: 'link_clicks', accountId, direction: 'INCREASE', targetChangePercent: 15 },
          { metric: 'reach_per_post', accountId, direction: 'INCREASE', target: 1000 },
        ],
        budget: { amount: 1365, currency: 'USD' },
        plannedContentItems: 0,
      },
    })).body.data.checkObjective;
    expect(report.keyResults[1]).toMatchObject({ metric: 'link_clicks', baseline: 1820, basis: { kind: 'PREVIOUS_PERIOD_TOTAL', from: '2025-10-02', to: '2025-12-31' } });
    // +100 % fans in 13 weeks is 529 a week against 70: unrealistic, a warning for an OKR, with its fixes.
    const fans = report.attainable.findings.find((f: { keyResult: number }) => f.keyResult === 0);
    expect(fans).toMatchObject({ verdict: 'WARN', code: 'UNREALISTIC' });
    expect(fans.params).toEqual(expect.arrayContaining([{ name: 'band', value: 'UNREALISTIC', number: null }, { name: 'baseline', value: '6800', number: 6800 }]));
    expect(fans.suggestions.map((s: { code: string }) => s.code)).toEqual(['TARGET_AT_REALISTIC_PACE', 'DEADLINE_FOR_TARGET', 'OKR_STRETCH_TARGET']);
    const advice = report.keyResults[0];
    expect(advice.targetAtRealisticPace).toBe(fans.suggestions[0].number);
    expect(advice.deadlineForTarget).toBe(fans.suggestions[1].day);
    expect(advice.stretchTarget).toBeGreaterThan(advice.targetAtHistoricalPace);
    // Resources: the per-post target has no content planned yet.
    expect(report.realistic.findings).toEqual([{ code: 'NO_CONTENT_PLANNED', keyResult: 2, suggestions: [{ code: 'CONTENT_FOR_PER_POST_TARGET', field: 'plannedContentItems', number: 91 }] }]);
  });

  it('keeps what it resolved when older history arrives, and resolves again when asked or when the dates change', async () => {
    const ws = await harness.newWorkspace('Kept');
    const { accountId, goalId } = await setUp(ws, before('link_clicks', startsOn, 30, () => 20));
    const added = (await ws.gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { ... on AddObjectiveSuccess { objective { id } keyResults { ${keyResultFields} } } } }`, {
      input: { goalId, title: 'Clicks', category: 'WEB_TRAFFIC', framework: 'SMART', startsOn, deadline, keyResults: [{ metric: 'link_clicks', accountId, direction: 'INCREASE', targetChangePercent: 10 }] },
    })).body.data.addObjective;
    // 30 days of 20 a day cover a third of the 91-day period: 600 scaled to 1,820.
    expect(added.keyResults[0]).toMatchObject({ baseline: 1820, baselineBasis: { coveredDays: 30 } });
    // An import of the older days (at 10 a day) changes nothing by itself.
    await ws.gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }`, { input: { accountId, points: before('link_clicks', addDays(startsOn, -30), 61, () => 10) } });
    const read = async () => (await ws.gql(`query($id: ID!) { node(id: $id) { ... on KeyResult { baseline target baselineBasis { coveredDays } } } }`, { id: added.keyResults[0].id })).body.data.node;
    expect(await read()).toMatchObject({ baseline: 1820 });
    // Asked: 61 × 10 + 30 × 20 = 1,210 over the whole period.
    const again = (await ws.gql(`mutation($input: ResolveKeyResultTargetsInput!) { resolveKeyResultTargets(input: $input) { __typename ... on ResolveKeyResultTargetsSuccess { keyResults { baseline target } } } }`, {
      input: { objectiveId: added.objective.id },
    })).body.data.resolveKeyResultTargets;
    expect(again.keyResults[0].baseline).toBe(1210);
    expect(again.keyResults[0].target).toBeCloseTo(1331);
    expect(await read()).toMatchObject({ baseline: 1210, baselineBasis: { coveredDays: 91 } });
    // New dates move the period before the start: a 31-day objective compares with the 31 days before it.
    const moved = (await ws.gql(`mutation($input: UpdateObjectiveInput!) { updateObjective(input: $input) { ... on UpdateObjectiveSuccess { keyResults { baseline } smart { keyResults { baseline } } } } }`, {
      input: { id: added.objective.id, deadline: '2026-01-31' },
    })).body.data.updateObjective;
    expect(moved.keyResults[0].baseline).toBe(20 * 30 + 10);
    expect(moved.smart.keyResults[0].baseline).toBe(20 * 30 + 10);
    // A key result of another objective is refused by name.
    const stranger = await ws.gql(`mutation($input: ResolveKeyResultTargetsInput!) { resolveKeyResultTargets(input: $input) { __typename ... on InputError { issues { field rule } } } }`, {
      input: { objectiveId: added.objective.id, keyResultIds: [Buffer.from('KeyResult:00000000-0000-0000-0000-000000000000').toString('base64')] },
    });
    expect(stranger.body.data.resolveKeyResultTargets).toEqual({ __typename: 'InputError', issues: [{ field: 'input.keyResultIds[0]', rule: 'exists' }] });
  });

  it('adds a key result with its numbers resolved, and a MAINTAIN band held as given', async () => {
    const ws = await harness.newWorkspace('Band');
    const { accountId, goalId } = await setUp(ws, before('followers', startsOn, 30, () => 900));
    const objectiveId = (await ws.gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { ... on AddObjectiveSuccess { objective { id } } } }`, {
      input: { goalId, title: 'Hold the audience', category: 'AWARENESS', framework: 'SMART', startsOn, deadline },
    })).body.data.addObjective.objective.id;
    const added = (await ws.gql(`mutation($input: AddKeyResultInput!) { addKeyResult(input: $input) { __typename ... on AddKeyResultSuccess { keyResult { baseline target maintainTolerance } smart { keyResults { baseline } } } } }`, {
      input: { objectiveId, keyResult: { metric: 'followers', accountId, direction: 'MAINTAIN', targetChangePercent: 0, maintainTolerance: 30 } },
    })).body.data.addKeyResult;
    expect(added.keyResult).toEqual({ baseline: 900, target: 900, maintainTolerance: 30 });
    const refused = await ws.gql(`mutation($input: AddKeyResultInput!) { addKeyResult(input: $input) { __typename ... on InputError { issues { field message } } } }`, {
      input: { objectiveId, keyResult: { metric: 'followers', accountId, direction: 'MAINTAIN', target: 900, maintainTolerance: -1 } },
    });
    expect(refused.body.data.addKeyResult).toEqual({ __typename: 'InputError', issues: [{ field: 'input.keyResult.maintainTolerance', message: 'must be 0 or more' }] });
  });
});

describe('Measurable knows the sources', () => {
  it('warns when the connector in scope does not fetch the metric, naming the ones that do', async () => {
    const ws = await harness.newWorkspace('Connector');
    const { goalId } = await setUp(ws, []);
    const page = await upsertSocialAccount(harness.deps.db, ws.workspaceId, { platform: 'FACEBOOK', handle: 'Café', source: 'CONNECTOR', credentials: undefined });
    const pageId = Buffer.from(`SocialAccount:${page.id}`).toString('base64');
    const check = async (metric: string) => (await ws.gql(`query($input: ObjectiveDraftInput!) { checkObjective(input: $input) { measurable { verdict code findings { code params { name value } message } } } }`, {
      input: { goalId, category: 'AWARENESS', framework: 'SMART', startsOn, deadline, keyResults: [{ metric, accountId: pageId, direction: 'INCREASE', target: 100 }] },
    })).body.data.checkObjective.measurable;
    const clicks = await check('link_clicks');
    expect(clicks).toMatchObject({ verdict: 'WARN', code: 'METRIC_NOT_DELIVERED' });
    expect(clicks.findings[0].params).toEqual(expect.arrayContaining([{ name: 'missing', value: 'link_clicks' }, { name: 'deliveredBy', value: 'LINKEDIN,PINTEREST' }]));
    expect(clicks.findings[0].message).toMatch(/the meta-page connector does not fetch link_clicks/);
    expect((await check('reactions')).verdict).toBe('PASS');
  });
});

describe('plan settings: OKR success and focus', () => {
  it('grades OKR scores from 0.6 unless the plan says otherwise, and words the status by that bar', async () => {
    const ws = await harness.newWorkspace('OKR');
    const { accountId, planId, goalId } = await setUp(ws, []);
    const objective = (await ws.gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { ... on AddObjectiveSuccess { objective { id } keyResults { id } } } }`, {
      input: { goalId, title: 'Ambitious', category: 'AWARENESS', framework: 'OKR', startsOn, deadline, keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', baseline: 1000, target: 2000 }] },
    })).body.data.addObjective;
    const [row] = await findKeyResults(harness.deps.db, ws.workspaceId, [Buffer.from(objective.keyResults[0].id, 'base64').toString().split(':')[1]!]);
    await recordKeyResultOutcome(harness.deps.db, ws.workspaceId, row!.id, {
      status: 'MISSED', current: 1650, progress: 0.65, expectedProgress: 1, forecast: null, baseline: 1000, target: 2000,
      evaluatedAt: new Date('2026-04-02T00:00:00Z'), evaluatedOn: '2026-04-02', inputsFingerprint: 'x', driftSince: null, definitionVersion: 1,
    });
    const read = async () => (await ws.gql(`query($id: ID!) { node(id: $id) { ... on Objective { score { score grade } statusText plan { planning { okrSuccessFrom maxPrimaryCategories } } } } }`, { id: objective.objective.id })).body.data.node;
    expect(await read()).toMatchObject({ score: { grade: 'GREEN' }, plan: { planning: { okrSuccessFrom: 0.6, maxPrimaryCategories: 3 } } });
    const updated = await ws.gql(`mutation($input: UpdatePlanInput!) { updatePlan(input: $input) { __typename } }`, { input: { id: planId, planning: { okrSuccessFrom: 0.7 } } });
    expect(updated.body.data.updatePlan.__typename).toBe('UpdatePlanSuccess');
    const strict = await read();
    expect(strict.score.grade).toBe('YELLOW');
    const refused = await ws.gql(`mutation($input: UpdatePlanInput!) { updatePlan(input: $input) { __typename ... on InputError { issues { field } } } }`, { input: { id: planId, planning: { okrSuccessFrom: 0.2 } } });
    expect(refused.body.data.updatePlan).toEqual({ __typename: 'InputError', issues: [{ field: 'input.planning.okrSuccessFrom' }] });
  });

  it('warns on Relevant once the plan pursues more primary categories than its setting', async () => {
    const ws = await harness.newWorkspace('Focus');
    const { accountId, goalId } = await setUp(ws, []);
    const add = async (category: string) => (await ws.gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { ... on AddObjectiveSuccess { smart { relevant { findings { code params { name value } } } } } } }`, {
      input: { goalId, title: category, category, framework: 'SMART', startsOn, deadline, keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', baseline: 1, target: 2 }] },
    })).body.data.addObjective.smart.relevant.findings.map((f: { code: string }) => f.code);
    expect(await add('AWARENESS')).not.toContain('TOO_MANY_PRIMARY_CATEGORIES');
    await add('SALES_VIA_SOCIAL');
    expect(await add('WEB_TRAFFIC')).not.toContain('TOO_MANY_PRIMARY_CATEGORIES');
    expect(await add('CUSTOMER_CARE')).toContain('TOO_MANY_PRIMARY_CATEGORIES');
  });
});

describe('the forecast: when, and how well calibrated', () => {
  it('says the day the target is expected, with its interval, and how often the interval held over the history', async () => {
    now = new Date('2026-01-20T10:00:00Z');
    const ws = await harness.newWorkspace('Forecast');
    // A year of followers growing 10 a day with a little noise, before and into the objective.
    const history = before('followers', '2026-01-20', 384, (i) => 2000 + 10 * i + ((i * 7919) % 13) - 6);
    const { accountId, goalId } = await setUp(ws, history);
    const id = (await ws.gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { ... on AddObjectiveSuccess { keyResults { id } } } }`, {
      input: { goalId, title: 'Audience', category: 'AWARENESS', framework: 'SMART', startsOn, deadline, keyResults: [{ metric: 'followers', accountId, direction: 'INCREASE', target: 6500 }] },
    })).body.data.addObjective.keyResults[0].id;
    const [row] = await findKeyResults(harness.deps.db, ws.workspaceId, [Buffer.from(id, 'base64').toString().split(':')[1]!]);
    await recordKeyResultOutcome(harness.deps.db, ws.workspaceId, row!.id, {
      status: 'ON_TRACK', current: 5830, progress: 0.1, expectedProgress: 0.2, baseline: 5650, target: 6500, evaluatedAt: new Date('2026-01-19T12:00:00Z'), evaluatedOn: '2026-01-19', inputsFingerprint: 'x', driftSince: null, definitionVersion: 1,
      forecast: { value: 6540, low: 6500, high: 6580, confidence: 0.99, method: 'LEAST_SQUARES', asOf: '2026-01-19', trendPerDay: 10, targetInDays: 67, targetInDaysEarliest: 65, targetInDaysLatest: 72 },
    });
    const kr = (await ws.gql(`query($id: ID!) { node(id: $id) { ... on KeyResult {
      forecast { asOf trendPerDay reachesTargetOn reachesTargetEarliest reachesTargetLatest }
      forecastCalibration { coverage backtests covered horizonDays nominal modelCoverage modelBacktests intervalScale } } } }`, { id })).body.data.node;
    expect(kr.forecast).toEqual({ asOf: '2026-01-19', trendPerDay: 10, reachesTargetOn: '2026-03-27', reachesTargetEarliest: '2026-03-25', reachesTargetLatest: '2026-04-01' });
    expect(kr.forecastCalibration).toMatchObject({ nominal: 0.95, horizonDays: 71 }); // the days to the deadline
    // Weekly backtests over the year; those with ten errors known before them state a scaled interval.
    expect(kr.forecastCalibration.modelBacktests).toBeGreaterThan(30);
    expect(kr.forecastCalibration.backtests).toBeGreaterThanOrEqual(15);
    expect(kr.forecastCalibration.backtests).toBeLessThan(kr.forecastCalibration.modelBacktests);
    expect(kr.forecastCalibration.coverage).toBeGreaterThanOrEqual(0.85);
    expect(kr.forecastCalibration.intervalScale).toBeGreaterThan(0);
  });
});
