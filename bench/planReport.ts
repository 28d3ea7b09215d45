// Benchmark (issue 15, item 5): a large plan's report over HTTP — time to the first byte, to the last,
// size, and the gateway's heap growth while it streams. `npm run bench -- planReport [objectives=50]
// [keyResultsPerObjective=4] [accounts=20]`. Starts and stops its own PostgreSQL and Redis; the gateway
// runs in this process behind node:http, as `npm start` runs it. With NODE_OPTIONS=--expose-gc it also
// measures the heap a report holds while its client stops reading. Copy the table into BENCHMARKS.md.
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  createDb, insertApiToken, insertBusinessGoal, insertKeyResults, insertObjective, insertPlan, insertWorkspace, migrateToLatest, upsertMetricPoints, upsertSocialAccount,
} from '@goalpost/db';
import { addDays } from '@goalpost/domain';
import { startLocalPostgres, startLocalRedis } from '@goalpost/devstack';
import { hashApiToken } from '../apps/gateway/src/auth/apiTokenHash.ts';
import { createGatewayDeps } from '../apps/gateway/src/gatewayDeps.ts';
import { createGateway } from '../apps/gateway/src/yoga.ts';
import { machine } from './support/benchStack.ts';

const objectives = Number(process.argv[2] ?? 50);
const perObjective = Number(process.argv[3] ?? 4);
const accountCount = Number(process.argv[4] ?? 20);
const startsOn = '2026-01-01';
const deadline = '2026-12-31';
const today = '2026-09-30';

const dataDir = fileURLToPath(new URL(`../.goalpost/bench-report-${process.pid}`, import.meta.url));
const postgres = await startLocalPostgres({ dataDir: join(dataDir, 'postgres'), persistent: false });
const redis = await startLocalRedis({ persistent: false });
const setup = createDb(postgres.url, { max: 2 });
await migrateToLatest(setup);

// The plan, written straight through the repositories (the API's checks are not what is measured).
const workspace = await insertWorkspace(setup, 'Bench');
const token = 'bench-report-token-0123456789';
await insertApiToken(setup, workspace.id, hashApiToken(token), 'bench');
const plan = await insertPlan(setup, workspace.id, { name: 'Informe grande · campaña', description: null, startsOn, endsOn: deadline });
const accounts: string[] = [];
for (let a = 0; a < accountCount; a++) {
  const account = await upsertSocialAccount(setup, workspace.id, { platform: 'INSTAGRAM', handle: `@cuenta.${a}`, source: 'MANUAL', credentials: null });
  accounts.push(account.id);
  const points = [];
  for (let d = -28; d <= 272; d++) {
    const at = addDays(startsOn, d);
    points.push({ metric: 'followers', at, value: 1000 + a * 10 + d * 3 }, { metric: 'reach', at, value: 300 + ((a * 31 + d * 17) % 90) });
  }
  await upsertMetricPoints(setup, workspace.id, account.id, points, 'MANUAL');
}
for (let g = 0; g < Math.ceil(objectives / 10); g++) {
  const goal = await insertBusinessGoal(setup, workspace.id, { planId: plan.id, kind: 'BRAND_VISIBILITY', title: `Meta ${g + 1}`, description: null });
  for (let o = g * 10; o < Math.min(objectives, (g + 1) * 10); o++) {
    const objective = await insertObjective(setup, workspace.id, { planId: plan.id, goalId: goal.id, title: `Objetivo ${o + 1}: más interacción`, category: 'AUDIENCE_GROWTH', framework: 'SMART', startsOn, deadline });
    await insertKeyResults(setup, workspace.id, objective.id, Array.from({ length: perObjective }, (_, k) => ({
      metric: k % 2 ? 'reach' : 'followers',
      accountId: k === perObjective - 1 ? null : accounts[(o + k) % accounts.length]!,
      platform: k === perObjective - 1 ? 'INSTAGRAM' : null,
      direction: 'INCREASE', baseline: k % 2 ? 0 : 1000, target: k % 2 ? 100_000 : 2500, targetChangePercent: null, weight: 1,
    })));
  }
}
// A stored evaluation with a forecast on every key result, so every chart draws its cone.
await setup.updateTable('key_results').set({
  status: 'AT_RISK', current: 1800, progress: 0.53, expected_progress: 0.75, evaluated_at: new Date(`${today}T12:00:00Z`),
  forecast: JSON.stringify({ value: 2300, low: 2100, high: 2500, confidence: 0.8, method: 'LEAST_SQUARES', asOf: addDays(today, -1) }) as never,
}).where('workspace_id', '=', workspace.id).execute();
await setup.destroy();

const deps = createGatewayDeps({
  databaseUrl: postgres.url, redisUrl: redis.url, queuePrefix: `bench-report-${process.pid}`, liveNamespace: `bench-report-${process.pid}`,
  evaluateDebounceMs: 0, webhookMaxBodyBytes: 64 * 1024, logLevel: 'warn', publicUrl: 'http://127.0.0.1', now: () => new Date(`${today}T12:00:00Z`),
});
const gateway = createGateway(deps);
const server = createServer(gateway.yoga);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;

/**
 * Times one download. With `stallingClient` (and --expose-gc) it reads the first chunk, then stops
 * reading until the report has stopped growing (the producer waits for the client), and measures the
 * heap the report holds meanwhile: what a slow client costs the gateway.
 */
async function measure(path: string, stallingClient = false) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heldWhileWaiting = Number.NaN;
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const headersAt = performance.now() - started;
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  const reader = response.body!.getReader();
  let bytes = 0;
  let firstByteAt = 0;
  let chunks = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!firstByteAt) firstByteAt = performance.now() - started;
    bytes += value.byteLength;
    chunks++;
    if (stallingClient && chunks === 1) {
      // Heap samples a few milliseconds apart until two agree: the producer has stopped.
      let last = -1;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        global.gc?.();
        const heap = process.memoryUsage().heapUsed;
        if (Math.abs(heap - last) < 64 * 1024) break;
        last = heap;
      }
      heldWhileWaiting = last - heapBefore;
    }
  }
  const total = performance.now() - started;
  return { path, headersAt, firstByteAt, total, bytes, chunks, heldWhileWaiting };
}

try {
  const id = encodeURIComponent(encodeGlobalID('Plan', plan.id));
  const keyResults = objectives * perObjective;
  const paths = [`/reports/plans/${id}.pdf?lang=es`, `/reports/plans/${id}.csv`, `/reports/plans/${id}.csv?part=series`];
  await measure(paths[0]!); // warm-up: fonts, code paths, connections
  const rows = [];
  for (const path of paths) rows.push({ ...(await measure(path)), heldWhileWaiting: global.gc ? (await measure(path, true)).heldWhileWaiting : Number.NaN });
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
  console.log(`Machine: ${machine()}. ${new Date().toISOString().slice(0, 10)}.`);
  console.log(`Plan: ${objectives} objectives × ${perObjective} key results = ${keyResults} key results, ${accountCount} accounts, 301 days of 2 metrics each.`);
  console.log('| report | first byte | last byte | size | chunks | heap held while the client stops reading (NODE_OPTIONS=--expose-gc) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const name = r.path.includes('.pdf') ? 'PDF' : r.path.includes('series') ? 'CSV series' : 'CSV key results';
    console.log(`| ${name} | ${Math.round(r.firstByteAt)} ms | ${Math.round(r.total)} ms | ${mb(r.bytes)} | ${r.chunks} | ${mb(r.heldWhileWaiting)} |`);
  }
} finally {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.yoga.dispose();
  await deps.close();
  await redis.stop();
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
