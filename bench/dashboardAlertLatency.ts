// Benchmark (issue #14): from a metrics webhook's 2xx to its alert's toast on screen in the dashboard
// (SSE subscription → toast). Budget: 1 s. The gateway debounces evaluations (EVALUATE_DEBOUNCE_MS,
// 250 ms by default) to coalesce bursts of points, so it is measured at the default and at 50 ms.
// `npx tsx bench/dashboardAlertLatency.ts [debounceMs=250] [alerts=8]`. Starts and stops its own stack.
import { signedWebhook } from '../e2e/support/graphqlClient.ts';
import { day, machine, median, startBenchStack } from './support/benchStack.ts';

const debounceMs = Number(process.argv[2] ?? 250);
const alerts = Number(process.argv[3] ?? 8);
const stack = await startBenchStack({ evaluateDebounceMs: debounceMs });
try {
  const { gql, page } = stack;
  const created = await gql(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { ... on CreatePlanSuccess { plan { id } } } }`,
    { input: { name: 'Alert latency', startsOn: day(-40), endsOn: day(80) } });
  const goal = await gql(`mutation($input: AddBusinessGoalInput!) { addBusinessGoal(input: $input) { ... on AddBusinessGoalSuccess { goal { id } } } }`,
    { input: { planId: created.createPlan.plan.id, kind: 'CUSTOMER_BASE', title: 'More customers' } });
  const accounts: string[] = [];
  for (let i = 0; i < alerts; i++) {
    const account = await gql(`mutation($input: ConnectAccountInput!) { connectAccount(input: $input) { ... on ConnectAccountSuccess { account { id } } } }`,
      { input: { platform: 'INSTAGRAM', handle: `@latency.${i}`, source: 'PUSH' } });
    accounts.push(account.connectAccount.account.id);
    await gql(`mutation($input: AddObjectiveInput!) { addObjective(input: $input) { __typename } }`, { input: {
      goalId: goal.addBusinessGoal.goal.id, title: `Latency objective ${i}`, category: 'AUDIENCE_GROWTH', framework: 'SMART',
      startsOn: day(-30), deadline: day(60), keyResults: [{ metric: 'followers', accountId: accounts[i], direction: 'INCREASE', baseline: 1000, target: 2000 }],
    } });
  }
  const secret = (await gql(`mutation { rotateIngestSecret { ... on RotateIngestSecretSuccess { secret } } }`)).rotateIngestSecret.secret;

  await page.goto(`${stack.baseUrl}/alerts`);
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
  // The page notes the wall-clock time each toast appears, by the objective it names.
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { toastSeen: Record<string, number> }).toastSeen = seen;
    new MutationObserver(() => {
      for (const toast of document.querySelectorAll('[data-testid=alert-toast]')) {
        const name = /Latency objective \d+/.exec(toast.textContent ?? '')?.[0];
        if (name && !seen[name]) seen[name] = Date.now();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  // Let the SSE subscription settle before the first webhook.
  await new Promise((r) => setTimeout(r, 1000));

  const latencies: number[] = [];
  for (let i = 0; i < alerts; i++) {
    const points = Array.from({ length: 30 }, (_, d) => ({ metric: 'followers', at: day(-29 + d), value: 1000 }));
    const body = JSON.stringify({ type: 'metrics.points', data: { accountId: accounts[i], points } });
    const response = await fetch(`${stack.baseUrl}/webhooks/metrics`, { method: 'POST', headers: signedWebhook(secret, body), body });
    const acceptedAt = Date.now();
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
    const name = `Latency objective ${i}`;
    const seenAt = await page.waitForFunction((n) => (window as unknown as { toastSeen: Record<string, number> }).toastSeen[n], name, { timeout: 30_000 });
    latencies.push(Number(await seenAt.jsonValue()) - acceptedAt);
  }
  console.log(`Machine: ${machine()}. ${new Date().toISOString().slice(0, 10)}.`);
  console.log(`Webhook 2xx → toast visible, EVALUATE_DEBOUNCE_MS=${debounceMs}, ${alerts} alerts one after another: ${latencies.map((l) => `${l} ms`).join(', ')}`);
  console.log(`median ${median(latencies)} ms, worst ${Math.max(...latencies)} ms (budget 1,000 ms).`);
} finally {
  await stack.stop();
}
