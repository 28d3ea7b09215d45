import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createDb, findKeyResults, type Db } from '@goalpost/db';
import { createTestDatabase, testRedisUrl, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { addDays, dayOf, daysBetween } from '@goalpost/domain';
import { createGoalpostQueues, type GoalpostQueues } from '@goalpost/jobs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchMetricsResult } from '../src/processors/fetchMetrics.ts';
import { demoMetrics } from '../src/sources/demoSource.ts';
import { seedPlan } from './support/planFixture.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const chunkDays = 10;

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
}

describe('a worker killed with SIGKILL in the middle of a backfill', () => {
  const prefix = uniquePrefix('crash');
  const workers: WorkerProcess[] = [];
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let queues: GoalpostQueues;

  /** The real worker, as `npm start` runs it: `node --import tsx`, so signals reach the worker itself. */
  const startWorker = (): WorkerProcess => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: prefix,
        LIVE_NAMESPACE: prefix,
        DEMO_LATENCY_MS: '200',
        FETCH_CHUNK_DAYS: String(chunkDays),
        LOCK_DURATION_MS: '2000',
        STALLED_INTERVAL_MS: '1000',
        EVALUATE_DEBOUNCE_MS: '0',
        REFRESH_EVERY_MS: '86400000',
        SWEEP_EVERY_MS: '86400000',
        // The refresh sweep at start asks for two days only: the test's backfill is the one long job.
        BACKFILL_DAYS: '1',
        LOG_LEVEL: 'info',
        // Two workers at once: each its own free port for its HTTP server.
        WORKER_PORT: '0',
      },
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const worker = { child, output: () => output };
    workers.push(worker);
    return worker;
  };
  const describeWorkers = () => workers.map((w, i) => `--- worker ${i + 1} (exit ${w.child.exitCode ?? w.child.signalCode}):\n${w.output()}`).join('\n');
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db)).rows[0]!.n);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix, evaluateDebounceMs: 0 });
  });
  afterAll(async () => {
    for (const { child } of workers) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    await queues?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('resumes from its cursor in a new worker, stores every point once and raises no alert twice', async () => {
    const today = dayOf(new Date());
    const { workspace, account, plan, keyResults } = await seedPlan(db, {
      account: { platform: 'INSTAGRAM', handle: '@crash', source: 'DEMO' },
      plan: { startsOn: addDays(today, -60), endsOn: addDays(today, 30) },
      objective: { startsOn: addDays(today, -60), deadline: addDays(today, 30), title: 'Tenfold' },
      // An unreachable target: the evaluation after the backfill raises OFF_TRACK.
      keyResults: [{ metric: 'followers', target: 1_000_000 }],
    });
    const from = addDays(today, -364);
    const days = daysBetween(from, today) + 1;
    const allChunks = Math.ceil(days / chunkDays);
    const job = await queues.enqueueFetch({ workspaceId: workspace.id, accountId: account.id, source: account.source, platform: account.platform, from, to: today, reason: 'connect' });

    // Kill the first worker without warning once a few chunks are stored.
    const first = startWorker();
    await eventually('a few chunks stored', async () => {
      const cursor = (await queues.metricsFetch.getJob(job.id!))?.data.cursor;
      return cursor !== undefined && cursor >= addDays(from, 4 * chunkDays);
    }, 60_000).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${describeWorkers()}`)));
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    // The dead worker's last saved cursor: every day before it is stored.
    const cursorAtKill = (await queues.metricsFetch.getJob(job.id!))!.data.cursor!;
    const storedAtKill = await count(sql<{ n: number }>`select count(*)::int as n from metric_points`);
    expect(storedAtKill).toBeGreaterThanOrEqual(daysBetween(from, cursorAtKill) * demoMetrics.length);
    expect(storedAtKill).toBeLessThan(days * demoMetrics.length);

    // A new worker takes the stalled job over.
    const second = startWorker();
    await eventually('the backfill to complete', async () => (await job.getState()) === 'completed', 60_000)
      .catch((error: Error) => Promise.reject(new Error(`${error.message}\n${describeWorkers()}`)));
    const finished = (await queues.metricsFetch.getJob(job.id!))!;

    // Resumed, not restarted: the run that completed the job began at the dead worker's cursor and
    // fetched only the chunks after it. This is read from the job, whatever the timing of the kill.
    expect(finished.stalledCounter).toBeGreaterThanOrEqual(1);
    expect(finished.returnvalue as FetchMetricsResult).toMatchObject({
      startedAt: cursorAtKill,
      resumed: true,
      chunks: allChunks - daysBetween(from, cursorAtKill) / chunkDays,
    });
    expect(finished.data.cursor).toBe(addDays(today, 1));

    // Every point exactly once: one per day and metric.
    expect(await count(sql<{ n: number }>`select count(*)::int as n from metric_points`)).toBe(days * demoMetrics.length);
    expect(await count(sql<{ n: number }>`select count(distinct (metric, bucket_start))::int as n from metric_points`)).toBe(days * demoMetrics.length);

    // The evaluation after the backfill raised OFF_TRACK, and its delivery published it.
    await eventually('the OFF_TRACK alert, published', async () =>
      (await count(sql<{ n: number }>`select count(*)::int as n from alerts where kind = 'OFF_TRACK' and published_at is not null`)) === 1);
    const alertsBefore = await count(sql<{ n: number }>`select count(*)::int as n from alerts`);

    // Evaluating again raises nothing twice.
    const [evaluated] = await findKeyResults(db, workspace.id, [keyResults[0]!.id]);
    await queues.enqueueEvaluation({ workspaceId: workspace.id, planId: plan.id, reason: 'manual' });
    await eventually('another evaluation', async () => {
      const [again] = await findKeyResults(db, workspace.id, [keyResults[0]!.id]);
      return again!.evaluated_at!.getTime() > evaluated!.evaluated_at!.getTime();
    });
    expect(await count(sql<{ n: number }>`select count(*)::int as n from alerts`)).toBe(alertsBefore);
    expect(await count(sql<{ n: number }>`select count(*)::int as n from (select key_result_id, kind from alerts group by 1, 2 having count(*) > 1) d`)).toBe(0);

    // And the worker stops cleanly on SIGTERM.
    second.child.kill('SIGTERM');
    const [code] = await once(second.child, 'exit');
    expect(code, describeWorkers()).toBe(0);
  }, 120_000);
});
