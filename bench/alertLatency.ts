// Benchmark (issue 11): a signed metrics webhook that flips a key result off track → its `alertRaised`
// event on an SSE subscription, at 10 and 50 objectives in the plan, against a bare BullMQ round trip
// (add → worker → PUBLISH → subscriber) on the same Redis. EVALUATE_DEBOUNCE_MS=0.
// `npm run bench -- alertLatency [trials=60]`. Starts and stops its own PostgreSQL, Redis, gateway and worker.
import { createDb, upsertMetricPoints, upsertSocialAccount } from '@goalpost/db';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { performance } from 'node:perf_hooks';
import { signedWebhook } from '../e2e/support/graphqlClient.ts';
import { seedFollowersPlan, stackQueues } from './support/benchPlans.ts';
import { day, machine, percentile, startServerStack } from './support/benchStack.ts';
import { openEventStream } from './support/eventStream.ts';

const trials = Number(process.argv[2] ?? 60);
const sizes = [10, 50];
const stack = await startServerStack({ evaluateDebounceMs: 0 });
const db = createDb(stack.databaseUrl, { max: 4 });
const { queues, idle, close: closeQueues } = stackQueues(stack.redisUrl);
try {
  const secret = (await stack.gql(`mutation { rotateIngestSecret { ... on RotateIngestSecretSuccess { secret } } }`)).rotateIngestSecret.secret as string;
  const workspace = await db.selectFrom('workspaces').select('id').where('ingest_secret', 'is not', null).executeTakeFirstOrThrow();
  const dates = { startsOn: day(-30), deadline: day(30) };
  // Ahead of a straight line from 1,000 to 2,000 over the 60 days: on track.
  const onTrack = Array.from({ length: 30 }, (_, i) => ({ metric: 'followers', at: day(-30 + i), value: Math.round(1100 + (1000 * i) / 60) }));
  const account = async (handle: string) => {
    const row = await upsertSocialAccount(db, workspace.id, { platform: 'INSTAGRAM', handle, source: 'PUSH', credentials: undefined });
    await upsertMetricPoints(db, workspace.id, row.id, onTrack, 'PUSH');
    return row.id;
  };
  // The other objectives read accounts no webhook touches, shared by every plan.
  const fillers: string[] = [];
  for (let i = 1; i < Math.max(...sizes); i++) fillers.push(await account(`@filler.${i}`));
  // One plan per trial and size (an alert is raised once per drift episode): its first objective reads the trial's account.
  const cases: { size: number; trial: number; accountId: string; title: string }[] = [];
  for (let trial = 0; trial < trials; trial++) {
    for (const size of sizes) {
      const accountId = await account(`@trial.${size}.${trial}`);
      const title = `Latency ${size}/${trial}`;
      const plan = await seedFollowersPlan(db, workspace.id, {
        name: title, ...dates,
        objectives: [{ title, accountId }, ...fillers.slice(0, size - 1).map((id, i) => ({ title: `Filler ${i + 1}`, accountId: id }))],
      });
      await queues.enqueueEvaluation({ workspaceId: workspace.id, planId: plan.id, reason: 'manual' });
      cases.push({ size, trial, accountId, title });
    }
  }
  console.error(`${cases.length} plans seeded`);
  // Every plan evaluated once (on track, no alert), the demo workspace's backfill done: a quiet stack.
  await idle();
  const unevaluated = await db.selectFrom('key_results').select((eb) => eb.fn.countAll<number>().as('n')).where('evaluated_at', 'is', null).executeTakeFirstOrThrow();
  if (Number(unevaluated.n) > 0) throw new Error(`${unevaluated.n} key results were never evaluated`);

  const stream = await openEventStream(stack.baseUrl, stack.token, 'subscription { alertRaised { id kind message } }');
  await new Promise((r) => setTimeout(r, 500)); // the subscription's Redis SUBSCRIBE settles
  const latencies = new Map<number, number[]>(sizes.map((s) => [s, []]));
  const bare: number[] = [];
  /** The webhook's own answer (sent → 2xx), part of each latency. */
  const answered = new Map<number, number[]>(sizes.map((s) => [s, []]));
  /** Sent → the evaluation's write (the alert's created_at, PostgreSQL's clock on this machine): the rest is publish → SSE. */
  const written = new Map<number, number[]>(sizes.map((s) => [s, []]));

  // The bare round trip, on the same Redis: a job added, a worker that PUBLISHes, a subscriber.
  const bareConnection = new Redis(stack.redisUrl, { maxRetriesPerRequest: null });
  const barePublisher = new Redis(stack.redisUrl, { maxRetriesPerRequest: null });
  const bareSubscriber = new Redis(stack.redisUrl, { maxRetriesPerRequest: null });
  const bareQueue = new Queue('bare-round-trip', { connection: bareConnection, prefix: 'bench' });
  const bareWorkerConnection = bareConnection.duplicate();
  const bareWorker = new Worker('bare-round-trip', async (job) => void (await barePublisher.publish('bench.bare', String(job.data.n))), { connection: bareWorkerConnection, prefix: 'bench' });
  await bareWorker.waitUntilReady();
  await bareSubscriber.subscribe('bench.bare');
  const bareArrivals = new Map<string, (at: number) => void>();
  bareSubscriber.on('message', (_channel, message) => bareArrivals.get(message)?.(performance.now()));

  // Sizes and the bare trip interleaved, trial by trial, so they share the machine's moments.
  for (let trial = 0; trial < trials; trial++) {
    for (const c of cases.filter((x) => x.trial === trial)) {
      const body = JSON.stringify({ type: 'metrics.points', data: { accountId: c.accountId, points: [{ metric: 'followers', at: day(0), value: 1000 }] } });
      const heard = stream.next((data) => data.includes(`Latency ${c.size}/${c.trial}\\"`) && data.includes('OFF_TRACK'));
      const sentAt = performance.now();
      const sentWall = Date.now();
      const response = await fetch(`${stack.baseUrl}/webhooks/metrics`, { method: 'POST', headers: signedWebhook(secret, body), body });
      answered.get(c.size)!.push(performance.now() - sentAt);
      if (!response.ok) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
      latencies.get(c.size)!.push((await heard) - sentAt);
      const alert = await db.selectFrom('alerts').select('created_at').where('message', 'like', `%Latency ${c.size}/${c.trial}"%`).executeTakeFirstOrThrow();
      written.get(c.size)!.push(alert.created_at.getTime() - sentWall);
    }
    const arrived = new Promise<number>((resolve) => bareArrivals.set(String(trial), resolve));
    const addedAt = performance.now();
    await bareQueue.add('trip', { n: trial }, { removeOnComplete: true });
    bare.push((await arrived) - addedAt);
  }
  stream.close();
  await bareWorker.close();
  await bareQueue.close();
  await Promise.all([bareConnection, bareWorkerConnection, barePublisher, bareSubscriber].map((c) => c.quit()));

  const figures = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const b = figures(bare);
  console.log(`Machine: ${machine()}. ${new Date().toISOString().slice(0, 10)}. ${trials} trials each, EVALUATE_DEBOUNCE_MS=0.`);
  console.log('| what | p50 | p95 | p99 | p50 / bare | p99 / bare | webhook 2xx p50 | evaluation written p50 |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const size of sizes) {
    const f = figures(latencies.get(size)!);
    console.log(`| webhook → alertRaised on SSE, ${size} objectives | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${(f.p50 / b.p50).toFixed(1)}× | ${(f.p99 / b.p99).toFixed(1)}× | ${ms(percentile(answered.get(size)!, 50))} | ${ms(percentile(written.get(size)!, 50))} |`);
  }
  console.log(`| bare BullMQ add → worker → PUBLISH → subscriber | ${ms(b.p50)} | ${ms(b.p95)} | ${ms(b.p99)} | 1× | 1× | – | – |`);
  const [small, large] = sizes.map((s) => figures(latencies.get(s)!));
  console.log(`${sizes[1]} vs ${sizes[0]} objectives: p50 ${(large!.p50 / small!.p50).toFixed(2)}×, p99 ${(large!.p99 / small!.p99).toFixed(2)}× (target ≤ 1.5×); targets p50 ≤ 5×, p99 ≤ 10× the bare trip.`);
} finally {
  await closeQueues();
  await db.destroy();
  await stack.stop();
}
