// Benchmark (issue 11): ingest through signed metrics webhooks — `batches` webhooks × `points` points,
// `senders` at a time — into accounts that plans' key results read (so evaluation runs during ingest),
// against the raw `INSERT … SELECT FROM unnest … ON CONFLICT` per batch on the same PostgreSQL; the
// gateway's RSS after each round of `batches`. Rounds alternate baseline and project.
// `npm run bench -- ingest [rounds=3] [debounceMs=1000] [batches=100] [points=1000] [senders=4]`.
import { createDb, upsertSocialAccount, type Db } from '@goalpost/db';
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { signedWebhook } from '../e2e/support/graphqlClient.ts';
import { seedFollowersPlan, stackQueues } from './support/benchPlans.ts';
import { day, machine, median, rssMiB, startServerStack } from './support/benchStack.ts';

const [rounds = 3, debounceMs = 1000, batches = 100, pointsPerBatch = 1000, senders = 4] = process.argv.slice(2).map(Number);
const metrics = ['followers', 'impressions', 'reach', 'engagements', 'reactions', 'comments', 'shares', 'posts', 'mentions', 'link_clicks'];
/** Batch of one account in one round: every value differs from the round before, so every row is written. */
const batchOf = (round: number, account: number) =>
  Array.from({ length: pointsPerBatch }, (_, i) => ({
    metric: metrics[i % metrics.length]!,
    at: day(-Math.floor(i / metrics.length)),
    value: 1000 + round * 7 + account + Math.floor(i / metrics.length),
  }));

/** Runs `work` for items 0…count-1, `concurrency` at a time (each sender takes the next item); the elapsed ms. */
async function timed(count: number, concurrency: number, work: (item: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await work(next++);
  }));
  return performance.now() - start;
}

const stack = await startServerStack({ evaluateDebounceMs: debounceMs });
const db: Db = createDb(stack.databaseUrl, { max: senders + 2 });
const { queues, idle, close: closeQueues } = stackQueues(stack.redisUrl);
try {
  const secret = (await stack.gql(`mutation { rotateIngestSecret { ... on RotateIngestSecretSuccess { secret } } }`)).rotateIngestSecret.secret as string;
  const workspace = await db.selectFrom('workspaces').select('id').where('ingest_secret', 'is not', null).executeTakeFirstOrThrow();
  const accounts = async (kind: string) => {
    const ids: string[] = [];
    for (let i = 0; i < batches; i++) ids.push((await upsertSocialAccount(db, workspace.id, { platform: 'INSTAGRAM', handle: `@${kind}.${i}`, source: 'PUSH', credentials: undefined })).id);
    return ids;
  };
  const pushed = await accounts('pushed');
  const raw = await accounts('raw');
  // One plan per sender, one objective per account it pushes: each webhook moves one key result of one plan.
  const perPlan = Math.ceil(batches / senders);
  for (let p = 0; p < senders; p++) {
    const objectives = pushed.slice(p * perPlan, (p + 1) * perPlan).map((accountId, i) => ({ title: `Ingest ${p}/${i}`, accountId }));
    const plan = await seedFollowersPlan(db, workspace.id, { name: `Ingest ${p}`, startsOn: day(-60), deadline: day(60), objectives });
    await queues.enqueueEvaluation({ workspaceId: workspace.id, planId: plan.id, reason: 'manual' });
  }
  await idle();

  const rawUpsert = async (round: number, i: number) => {
    const rows = batchOf(round, i);
    await sql`
      INSERT INTO metric_points (workspace_id, account_id, metric, granularity, bucket_start, value, source)
      SELECT ${workspace.id}::uuid, ${raw[i]}::uuid, m, 'DAY', d, v, 'PUSH'
      FROM unnest(${rows.map((r) => r.metric)}::text[], ${rows.map((r) => r.at)}::date[], ${rows.map((r) => r.value)}::float8[]) AS t(m, d, v)
      ON CONFLICT (account_id, metric, granularity, bucket_start) DO UPDATE SET value = excluded.value`.execute(db);
  };
  const webhook = async (round: number, i: number) => {
    const body = JSON.stringify({ type: 'metrics.points', data: { accountId: pushed[i], points: batchOf(round, i) } });
    const response = await fetch(`${stack.baseUrl}/webhooks/metrics`, { method: 'POST', headers: signedWebhook(secret, body), body });
    const answer = (await response.json()) as { status?: string; written?: number };
    if (response.status !== 200 || answer.written !== pointsPerBatch) throw new Error(`webhook answered ${response.status} ${JSON.stringify(answer)}`);
  };

  /** The gateway's own view of its heap (prom-client's default metrics): RSS that grows with a flat heap is not a leak of objects. */
  const heapUsedMiB = async () => {
    const text = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    return Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? NaN) / 2 ** 20;
  };
  const results: { round: number; project: number; baseline: number; rss: number; heap: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    const baselineMs = await timed(batches, senders, (i) => rawUpsert(round, i));
    const projectMs = await timed(batches, senders, (i) => webhook(round, i));
    results.push({ round, baseline: (batches * pointsPerBatch) / (baselineMs / 1000), project: (batches * pointsPerBatch) / (projectMs / 1000), rss: rssMiB(stack.gateway.child.pid!), heap: await heapUsedMiB() });
  }
  const caughtUp = performance.now();
  await idle();
  const catchUpMs = performance.now() - caughtUp;
  const evaluated = await db.selectFrom('key_result_evaluations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

  const k = (x: number) => `${(x / 1000).toFixed(1)}k`;
  console.log(`Machine: ${machine()}. ${new Date().toISOString().slice(0, 10)}. ${batches} webhooks × ${pointsPerBatch} points, ${senders} senders, EVALUATE_DEBOUNCE_MS=${debounceMs}, ${rounds} rounds.`);
  console.log('| round | webhooks (points/s) | raw unnest upsert (points/s) | ratio | gateway RSS after the round | gateway heap used |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.round + 1} | ${k(r.project)} | ${k(r.baseline)} | ${(r.project / r.baseline).toFixed(2)} | ${r.rss.toFixed(0)} MiB | ${r.heap.toFixed(0)} MiB |`);
  const project = median(results.map((r) => r.project));
  const baseline = median(results.map((r) => r.baseline));
  console.log(`Median: ${k(project)} vs ${k(baseline)} points/s, ratio ${(project / baseline).toFixed(2)} (target ≥ 0.8). Evaluation caught up ${catchUpMs.toFixed(0)} ms after the last webhook; ${evaluated.n} history rows (key result × day) in all.`);
} finally {
  await closeQueues();
  await db.destroy();
  await stack.stop();
}
