import { testRedisUrl, eventually } from '@goalpost/devstack/testing';
import {
  countPlannedContentItems, dailyTotals, findMembers, findObjectives, findPlans, findSocialAccounts, latestCheckIns, listAlerts, listBusinessGoalsOfPlans,
  listKeyResultsOfObjectives, listObjectivesOfGoals, listScopeAccountIds, type Db, type KeyResultRow, type ObjectiveRow,
} from '@goalpost/db';
import {
  addDays, findMetric, keyResultSeries, kpiWindowDays, okrScore, smartReport, statusWording, withPlanningOverrides, type BaselineBasis, type Framework,
  type KeyResultDraft, type ObjectiveCategory, type ObjectiveStatus, type SmartReport, type SmartVerdict,
} from '@goalpost/domain';
import { createWorkerApp, readWorkerEnv, type WorkerApp } from '@goalpost/worker';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawDailyOf } from '../src/planning/rawDailyOf.ts';
import { directSmartReads, smartContextFor } from '../src/planning/smartContextFor.ts';
import { dashboardQuery, planPageQuery, seedAccounts, seedPlan, type DashboardWorkspace, type Gql } from './dashboardPlan.ts';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';
import { statementCounter } from './statementCounter.ts';

/** The gateway and a worker on one database and one clock; two plans of the same shape, 10 and 50 objectives. */
const now = new Date('2026-03-15T12:00:00Z');
const today = now.toISOString().slice(0, 10);
let harness: GatewayHarness;
let worker: WorkerApp;
let workspaceId: string;
let gql: Gql;
let plans: { small: string; large: string };
const counter = statementCounter();

beforeAll(async () => {
  harness = await startGatewayHarness('dashboard-reads', { now: () => now });
  // Every statement of the gateway's requests goes through the db of its deps (each request's context
  // takes it from there): counted as they run.
  harness.deps.db = harness.deps.db.withPlugin(counter.plugin);
  worker = createWorkerApp(
    readWorkerEnv({
      DATABASE_URL: harness.databaseUrl,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: harness.queuePrefix,
      LIVE_NAMESPACE: harness.liveNamespace,
      EVALUATE_DEBOUNCE_MS: '0',
      WORKER_PORT: '0',
      LOG_LEVEL: 'silent',
    }),
    { now: () => now },
  );
  await worker.start();
  const ws = await harness.newWorkspace('Dashboards');
  workspaceId = ws.workspaceId;
  gql = async (query, variables = {}) => {
    const { body } = await ws.gql(query, variables);
    const failed = Object.values(body.data ?? {}).find((payload: any) => /Error$|Refused$/.test(payload?.__typename ?? ''));
    if (body.errors || failed) throw new Error(JSON.stringify(body));
    return body.data;
  };
  const workspace: DashboardWorkspace = await seedAccounts(gql, now, [await ws.newMember(), await ws.newMember()]);
  plans = { small: await seedPlan(gql, now, workspace, 10), large: await seedPlan(gql, now, workspace, 50) };
  for (const id of Object.values(plans)) await gql(`mutation($id: ID!) { evaluatePlan(id: $id) { __typename } }`, { id });
  await Promise.all(Object.values(plans).map(evaluated));
}, 240_000);

afterAll(async () => {
  await worker?.close();
  await harness?.close();
});

const keyResultsOf = (answer: any): any[] => answer.plan.goals.flatMap((g: any) => g.objectives.flatMap((o: any) => o.keyResults));

/** Waits (polling the API) until the worker has evaluated every key result of the plan at the test's clock. */
async function evaluated(planId: string) {
  await eventually(`plan ${planId} evaluated`, async () => {
    const answer = await gql(`query($id: ID!) { plan(id: $id) { goals { objectives { keyResults { evaluatedAt } } } } }`, { id: planId });
    return keyResultsOf(answer).every((k) => k.evaluatedAt === now.toISOString());
  }, 120_000);
}

/** The dashboard's answer and the statements it cost. */
async function dashboard(planId: string, query = dashboardQuery) {
  const { result, statements } = await counter.during(() => gql(query, { id: planId }));
  return { answer: result, statements: statements.length, kinds: statements };
}

describe('the dashboard query', () => {
  it('costs the same few statements at 10 and 50 objectives × 3 key results', async () => {
    // A first request records the token's use (at most once a minute): what follows is the steady state.
    await dashboard(plans.small);
    const small = await dashboard(plans.small);
    const large = await dashboard(plans.large);
    expect(keyResultsOf(small.answer)).toHaveLength(30);
    expect(keyResultsOf(large.answer)).toHaveLength(150);
    // The plans are evaluated, alerts raised, owners and check-ins set: every batched path ran.
    expect(large.answer.plan.openAlerts.edges.length).toBeGreaterThan(0);
    expect(keyResultsOf(large.answer).filter((k) => k.latestCheckIn && k.owner)).toHaveLength(25);
    expect(keyResultsOf(large.answer).every((k) => k.series.length > 40 && k.forecast)).toBe(true);
    // The same statements (in whichever order the loaders' batches ran).
    expect(large.kinds.sort()).toEqual(small.kinds.sort());
    expect(small.statements, small.kinds.join('\n')).toBeLessThanOrEqual(12);
  });

  it('costs the same statements at 10 and 50 objectives with the plan page\'s history, realism and deprecations too', async () => {
    const small = await dashboard(plans.small, planPageQuery);
    const large = await dashboard(plans.large, planPageQuery);
    expect(keyResultsOf(large.answer).every((k) => k.history.edges.length === 1 && k.realism)).toBe(true);
    // One more than the dashboard query: the history pages of every key result.
    expect(large.kinds.sort()).toEqual(small.kinds.sort());
    expect(small.statements).toBe(13);
  });

  it('answers at 10 objectives what one read per key result gives', async () => {
    const { answer } = await dashboard(plans.small);
    const expected = await expectedAnswer(harness.deps.db, workspaceId, local(plans.small));
    expect(answer.plan.goals).toEqual(expected.goals);
    expect(answer.plan.openAlerts.edges.map((e: any) => e.node)).toEqual(expected.openAlerts);
  });

  it('reads afresh in each mutation of a document: what one changed shows in the next one\'s answer', async () => {
    const objective = (await dashboard(plans.large)).answer.plan.goals[0].objectives[0];
    const keyResults = `objective { keyResults { id weight } }`;
    const answer = await gql(`mutation($o: ID!, $k: ID!) {
      first: updateObjective(input: { id: $o, title: "Renamed" }) { __typename ... on UpdateObjectiveSuccess { ${keyResults} } }
      second: updateKeyResult(input: { id: $k, weight: 2.5 }) { __typename ... on UpdateKeyResultSuccess { keyResult { weight } } }
      third: updateObjective(input: { id: $o, title: "Renamed again" }) { __typename ... on UpdateObjectiveSuccess { ${keyResults} } }
    }`, { o: objective.id, k: objective.keyResults[0].id });
    expect(answer.first.objective.keyResults[0]).toEqual({ id: objective.keyResults[0].id, weight: 1 });
    expect(answer.third.objective.keyResults[0]).toEqual({ id: objective.keyResults[0].id, weight: 2.5 });
  });
});

const local = (id: string) => decodeGlobalID(id).id;
const gid = (type: string, id: string | null) => (id === null ? null : encodeGlobalID(type, id));

/**
 * The dashboard's answer, read one statement at a time with the single-item repository functions (and
 * the SMART check's direct reads), in the shape the query selects.
 */
async function expectedAnswer(db: Db, ws: string, planId: string) {
  const [plan] = await findPlans(db, ws, [planId]);
  const { okrSuccessFrom } = withPlanningOverrides(plan!.settings.planning ?? {});
  const goals = [];
  for (const goal of await listBusinessGoalsOfPlans(db, ws, [planId])) {
    const objectives = [];
    for (const o of await listObjectivesOfGoals(db, ws, [goal.id])) objectives.push(await expectedObjective(db, ws, o, okrSuccessFrom));
    goals.push({ id: gid('BusinessGoal', goal.id), kind: goal.kind, title: goal.title, objectives });
  }
  const alerts = await listAlerts(db, ws, { planId }, { states: ['OPEN'] }, { limit: 51, inverted: false });
  const openAlerts = [];
  for (const { row: a } of alerts.slice(0, 50)) {
    const [objective] = a.objective_id ? await findObjectives(db, ws, [a.objective_id]) : [];
    const keyResult = a.key_result_id ? (await listKeyResultsOfObjectives(db, ws, [a.objective_id!])).find((k) => k.id === a.key_result_id) : undefined;
    const [account] = a.account_id ? await findSocialAccounts(db, ws, [a.account_id]) : [];
    openAlerts.push({
      id: gid('Alert', a.id), kind: a.kind, severity: a.severity, state: a.state, message: a.message,
      plan: { id: gid('Plan', planId), name: plan!.name },
      objective: objective ? { id: gid('Objective', objective.id), title: objective.title } : null,
      keyResult: keyResult ? { id: gid('KeyResult', keyResult.id), metric: keyResult.metric } : null,
      account: account ? { id: gid('SocialAccount', account.id), handle: account.handle } : null,
    });
  }
  return { goals, openAlerts };
}

async function expectedObjective(db: Db, ws: string, o: ObjectiveRow, okrSuccessFrom: number) {
  const krs = await listKeyResultsOfObjectives(db, ws, [o.id]);
  const score = krs.every((k) => k.progress === null) ? null : okrScore(krs.map((k) => ({ score: Math.min(1, Math.max(0, k.progress ?? 0)), weight: k.weight })), okrSuccessFrom);
  const [owner] = o.owner_member_id ? await findMembers(db, ws, [o.owner_member_id]) : [];
  let budget = null;
  if (o.budget_amount !== null) {
    const accountIds = [...new Set((await Promise.all(krs.map((k) => listScopeAccountIds(db, ws, { accountId: k.account_id, platform: k.platform })))).flat())];
    const spent = (await dailyTotals(db, ws, { accountIds, metrics: ['spend'], from: o.starts_on, to: o.deadline })).reduce((sum, p) => sum + p.value, 0);
    budget = { amount: o.budget_amount, currency: o.budget_currency, spent, remaining: o.budget_amount - spent };
  }
  const report = smartReport(
    objectiveDraft(o, krs),
    await smartContextFor(directSmartReads(db, ws), objectiveDraft(o, krs), {
      today,
      objectiveId: o.id,
      budget: o.budget_amount === null ? null : { amount: o.budget_amount, currency: o.budget_currency ?? 'EUR' },
      plannedContentItems: await countPlannedContentItems(db, ws, o.id, { from: o.starts_on, to: o.deadline }),
      resolutions: krs.map((k) => (k.baseline !== null || k.resolved_at === null ? null
        : { baseline: k.resolved_baseline, target: k.resolved_target, basis: k.baseline_basis as BaselineBasis | null, settled: true })),
    }),
  );
  const keyResults = [];
  for (const k of krs) keyResults.push(await expectedKeyResult(db, ws, k));
  return {
    id: gid('Objective', o.id), title: o.title, category: o.category, framework: o.framework, startsOn: o.starts_on, deadline: o.deadline, status: o.status,
    statusText: statusWording(o.framework as Framework, o.status as ObjectiveStatus, score, okrSuccessFrom),
    ownerId: gid('Member', o.owner_member_id),
    owner: owner ? { id: gid('Member', owner.id), role: owner.role, user: { id: gid('User', owner.user.id), name: owner.user.name } } : null,
    score,
    budget,
    smart: smartSelection(report),
    keyResults,
  };
}

function objectiveDraft(o: ObjectiveRow, krs: readonly KeyResultRow[]) {
  return {
    goalId: o.goal_id, title: o.title, category: o.category as ObjectiveCategory, framework: o.framework as Framework, startsOn: o.starts_on, deadline: o.deadline,
    keyResults: krs.map((k) => ({
      metric: k.metric, accountId: k.account_id ?? undefined, platform: (k.platform ?? undefined) as KeyResultDraft['platform'], direction: k.direction as KeyResultDraft['direction'],
      baseline: k.baseline ?? undefined, target: k.target ?? undefined, targetChangePercent: k.target_change_percent ?? undefined, weight: k.weight,
      maintainTolerance: k.maintain_tolerance ?? undefined,
    })),
  };
}

const verdict = (v: SmartVerdict) => ({ verdict: v.verdict, code: v.code });
function smartSelection(r: SmartReport) {
  return {
    passed: r.passed,
    specific: verdict(r.specific),
    measurable: { ...verdict(r.measurable), findings: r.measurable.findings.map((f) => ({ code: f.code, message: f.message })) },
    attainable: {
      ...verdict(r.attainable),
      findings: r.attainable.findings.map((f) => ({ code: f.code, params: Object.entries(f.params).map(([name, value]) => ({ name, value: value === null ? null : String(value) })) })),
    },
    realistic: { ...verdict(r.realistic), findings: r.realistic.findings.map((f) => ({ code: f.code })) },
    relevant: verdict(r.relevant),
    timeBound: verdict(r.timeBound),
    keyResults: r.keyResults.map((a) => ({
      keyResult: a.keyResult, baseline: a.baseline, target: a.target, targetAtHistoricalPace: a.targetAtHistoricalPace,
      realism: a.realism ? { band: a.realism.band, ratio: a.realism.ratio, historyWeeks: a.historyWeeks } : null,
    })),
  };
}

async function expectedKeyResult(db: Db, ws: string, k: KeyResultRow) {
  const [objective] = await findObjectives(db, ws, [k.objective_id]);
  const definition = findMetric(k.metric)!;
  const accountIds = await listScopeAccountIds(db, ws, { accountId: k.account_id, platform: k.platform });
  const raw = await rawDailyOf(db, ws, {
    accountIds, metrics: definition.kind === 'DERIVED' ? [...definition.inputs] : [definition.id], from: addDays(objective!.starts_on, -kpiWindowDays), to: objective!.deadline,
  });
  const series = keyResultSeries(definition, raw, { startsOn: objective!.starts_on, windowDays: kpiWindowDays }).filter((p) => p.at >= objective!.starts_on);
  const [owner] = k.owner_member_id ? await findMembers(db, ws, [k.owner_member_id]) : [];
  const [checkIn] = await latestCheckIns(db, ws, [k.id]);
  const [account] = k.account_id ? await findSocialAccounts(db, ws, [k.account_id]) : [];
  const f = k.forecast;
  return {
    id: gid('KeyResult', k.id), metric: k.metric, platform: k.platform, direction: k.direction,
    baseline: k.baseline ?? k.resolved_baseline ?? k.effective_baseline, target: k.target ?? k.resolved_target ?? k.effective_target,
    current: k.current, progress: k.progress, expectedProgress: k.expected_progress, status: k.status, evaluatedAt: k.evaluated_at!.toISOString(), weight: k.weight,
    ownerId: gid('Member', k.owner_member_id),
    owner: owner ? { id: gid('Member', owner.id), user: { name: owner.user.name } } : null,
    latestCheckIn: checkIn ? { id: String(checkIn.id), confidence: checkIn.confidence, note: checkIn.note } : null,
    account: account ? { id: gid('SocialAccount', account.id), handle: account.handle, platform: account.platform, status: account.status } : null,
    forecast: f ? {
      value: f.value, low: f.low, high: f.high, confidence: f.confidence, method: f.method,
      reachesTargetOn: f.asOf && f.targetInDays !== null && f.targetInDays !== undefined ? addDays(f.asOf, f.targetInDays) : null,
    } : null,
    series: series.map((p) => ({ at: p.at, value: p.value })),
  };
}
