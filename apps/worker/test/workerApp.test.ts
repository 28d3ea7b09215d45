import { countMetricPoints, createDb, insertWorkspace, upsertSocialAccount, type Db } from '@goalpost/db';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import { createGoalpostQueues, createSweepQueue, sweepJobs, type GoalpostQueues, type MetricsFetchPayload } from '@goalpost/jobs';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkerEnv } from '../src/env.ts';
import { demoDay, demoMetrics } from '../src/sources/demoSource.ts';
import type { MetricSource } from '../src/sources/metricSource.ts';
import { createWorkerApp, type WorkerApp } from '../src/workerApp.ts';
import { eventually } from './support/eventually.ts';

/** A source whose first request waits until the test opens the gate: a job held in flight on purpose. */
function gatedSource() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let requests = 0;
  const source: MetricSource = {
    async fetch(account, window) {
      if (++requests === 1) await gate;
      return [window.from, window.to].flatMap((day) => demoDay(account.platform, account.handle, day));
    },
  };
  return { source, open, requests: () => requests };
}

describe('the worker app', () => {
  const prefix = uniquePrefix('app');
  const gated = gatedSource();
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let queues: GoalpostQueues;
  let sweeps: Queue;
  let app: WorkerApp;
  const env = () => readWorkerEnv({
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: prefix,
    LIVE_NAMESPACE: prefix,
    EVALUATE_DEBOUNCE_MS: '0',
    REFRESH_EVERY_MS: '3600000',
    SWEEP_EVERY_MS: '3600000',
    LOG_LEVEL: 'silent',
  });
  const sweepsIdle = async () => {
    const counts = await sweeps.getJobCounts('waiting', 'active');
    return counts.waiting === 0 && counts.active === 0;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix, evaluateDebounceMs: 0 });
    sweeps = createSweepQueue({ connection: { url: testRedisUrl() }, prefix });
    app = createWorkerApp(env(), { sources: { CONNECTOR: gated.source } });
    await app.start();
  });
  afterAll(async () => {
    await app?.close();
    await sweeps?.close();
    await queues?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('registers the two sweeps under stable ids, however many workers start', async () => {
    const another = createWorkerApp(env());
    await another.start();
    await another.close();
    const schedulers = await sweeps.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every, s.tz]).sort()).toEqual([
      [sweepJobs.evaluatePlans, 3_600_000, 'UTC'],
      [sweepJobs.refreshAccounts, 3_600_000, 'UTC'],
    ]);
    await eventually('the sweeps run at start to finish', sweepsIdle);
  });

  it('fails an invalid payload at once, without retries', async () => {
    const job = await queues.metricsFetch.add('fetch', { workspaceId: 'nope', from: 'yesterday' } as unknown as MetricsFetchPayload, { attempts: 5 });
    await eventually('the job to fail', async () => (await job.getState()) === 'failed');
    const failed = await queues.metricsFetch.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/^Invalid metrics-fetch payload: workspaceId .*; accountId .*; from must be a date YYYY-MM-DD/);
  });

  it('lets the jobs in flight finish when it closes', async () => {
    const workspace = await insertWorkspace(db, 'Closing');
    const account = await upsertSocialAccount(db, workspace.id, { platform: 'FACEBOOK', handle: '@closing', source: 'CONNECTOR', credentials: undefined });
    const job = await queues.enqueueFetch({ workspaceId: workspace.id, accountId: account.id, from: '2026-03-01', to: '2026-03-02', reason: 'manual' });
    await eventually('the fetch to be in flight', async () => gated.requests() === 1);

    const closing = app.close();
    gated.open();
    await closing;

    expect(await job.getState()).toBe('completed');
    expect(await countMetricPoints(db, workspace.id, account.id)).toBe(2 * demoMetrics.length);
  });
});
