// Benchmark (issue #14): the plan page of a 50-objective plan rendered with all its charts in headless
// Chromium, from navigation start to the last chart's canvas on screen. Budget: 1.5 s.
// `npx tsx bench/dashboardPlanRender.ts [objectives=50] [runs=7]`. Starts and stops its own stack.
import { day, machine, median, startBenchStack } from './support/benchStack.ts';

const objectives = Number(process.argv[2] ?? 50);
const runs = Number(process.argv[3] ?? 7);
const stack = await startBenchStack({ evaluateDebounceMs: 50 });
try {
  const { gql, page } = stack;
  const created = await gql(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { ... on CreatePlanSuccess { plan { id } } } }`,
    { input: { name: `${objectives} objectives`, startsOn: day(-60), endsOn: day(60) } });
  const planId: string = created.createPlan.plan.id;
  const goal = await gql(`mutation($input: AddBusinessGoalInput!) { addBusinessGoal(input: $input) { ... on AddBusinessGoalSuccess { goal { id } } } }`,
    { input: { planId, kind: 'BRAND_VISIBILITY', title: 'Be seen' } });
  // Ten accounts with 60 days of history each; objectives read them in turn.
  const accounts: string[] = [];
  for (let a = 0; a < 10; a++) {
    const account = await gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { ... on ConnectAccountSuccess { account { id } } } }`,
      { input: { platform: 'INSTAGRAM', handle: `@bench.${a}`, source: 'PUSH' } });
    accounts.push(account.connectAccount.account.id);
    const points = Array.from({ length: 60 }, (_, i) => ({ metric: 'followers', at: day(-59 + i), value: 1000 + a * 50 + i * (5 + a) }));
    await gql(`mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { __typename } }`, { input: { accountId: account.connectAccount.account.id, points } });
  }
  for (let o = 0; o < objectives; o++) {
    await gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { __typename } }`, { input: {
      goalId: goal.addBusinessGoal.goal.id, title: `Objective ${o + 1}`, category: 'AUDIENCE_GROWTH', framework: o % 2 ? 'OKR' : 'SMART',
      startsOn: day(-50), deadline: day(50), keyResults: [{ metric: 'followers', accountId: accounts[o % accounts.length], direction: 'INCREASE', baseline: 1000, target: 2500 }],
    } });
  }
  await gql(`mutation($id: ID!) { evaluatePlan(id: $id) { __typename } }`, { id: planId });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { plan } = await gql(`query($id: ID!) { plan(id: $id) { objectives { keyResults { evaluatedAt } } } }`, { id: planId });
    const objectivesRead: { keyResults: { evaluatedAt: string | null }[] }[] = plan.objectives;
    if (objectivesRead.every((o) => o.keyResults.every((k) => k.evaluatedAt))) break;
    if (Date.now() > deadline) throw new Error('The plan was not evaluated within 120 s');
    await new Promise((r) => setTimeout(r, 500));
  }

  const url = `${stack.baseUrl}/plans/${encodeURIComponent(planId)}`;
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    await page.goto(url);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=kr-chart] canvas').length === n, objectives, { timeout: 30_000, polling: 'raf' });
    // From the navigation's start to the frame with every chart drawn.
    times.push(await page.evaluate(() => performance.now()));
    if (run === runs) {
      const entries = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => `${e.name.replace(location.origin, '')} ${Math.round(e.startTime)}→${Math.round(e.responseEnd)} ms`));
      console.log(`Last load's requests (start→end):\n  ${entries.join('\n  ')}`);
    }
  }
  const [cold, ...warm] = times;
  console.log(`Machine: ${machine()}. ${new Date().toISOString().slice(0, 10)}.`);
  console.log(`Plan page, ${objectives} objectives × 1 key result, 101-day charts (uPlot), ${runs} loads after a first one.`);
  console.log(`first load ${Math.round(cold!)} ms; then median ${Math.round(median(warm))} ms, best ${Math.round(Math.min(...warm))} ms, worst ${Math.round(Math.max(...warm))} ms (budget 1,500 ms).`);
} finally {
  await stack.stop();
}
