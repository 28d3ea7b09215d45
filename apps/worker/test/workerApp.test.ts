import { countMetricPoints, createDb, insertWorkspace, upsertSocialAccount, type Db } from '@goalpost/db';
import { createTestDatabase, testRedisUrl, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { createGoalpostQueues, createSweepQueue, sweepJobs, type GoalpostQueues, type MetricsFetchPayload } from '@goalpost/jobs';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimitScope } from '../src/connectors/connector.ts';
import { ConnectorFailure } from '../src/connectors/connectorFailure.ts';
import { readWorkerEnv } from '../src/env.ts';
import { demoDay, demoMetrics } from '../src/sources/demoSource.ts';
import type { MetricSource } from '../src/sources/metricSource.ts';
import { createWorkerApp, fetchWorkerLimiter, type WorkerApp } from '../src/workerApp.ts';

/** A source whose first request for `handle` waits until the test opens the gate: a job held in flight on purpose. */
function gatedSource(handle: string) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let requests = 0;
  const source: MetricSource = {
    limits: () => ({ maxWindowDays: 366, lookbackDays: 3660 }),
    async fetch(account, window) {
      if (account.handle === handle && ++requests === 1) await gate;
      return { points: [window.from, window.to].flatMap((day) => demoDay(account.platform, account.handle, day)) };
    },
  };
  return { source, open, requests: () => requests };
}

/** A source that refuses its next request with a rate limit lifting in `waitMs`, when told to. */
function limitedSource(waitMs: number) {
  const calls: number[] = [];
  let refuse: RateLimitScope | undefined;
  const source: MetricSource = {
    limits: () => ({ maxWindowDays: 366, lookbackDays: 3660 }),
    async fetch(account, window) {
      calls.push(Date.now());
      const scope = refuse;
      refuse = undefined;
      if (scope) throw ConnectorFailure.rateLimited('limited', new Date(Date.now() + waitMs), scope, 429);
      return { points: demoDay(account.platform, account.handle, window.from) };
    },
  };
  return { source, calls, refuseNext: (scope: RateLimitScope) => ((refuse = scope), (calls.length = 0)) };
}

describe('the worker app', () => {
  const prefix = uniquePrefix('app');
  const gated = gatedSource('@closing');
  const limited = limitedSource(1500);
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
    app = createWorkerApp(env(), { sources: { CONNECTOR: gated.source, DEMO: limited.source } });
    await app.start();
    // The refresh sweep runs at start: done before any test adds accounts, it fetches none of theirs.
    await eventually('the sweeps run at start to finish', sweepsIdle);
  });
  afterAll(async () => {
    await app?.close();
    await sweeps?.close();
    await queues?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('registers the three sweeps under stable ids, however many workers start', async () => {
    const another = createWorkerApp(env());
    await another.start();
    await another.close();
    const schedulers = await sweeps.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every, s.tz]).sort()).toEqual([
      [sweepJobs.evaluatePlans, 3_600_000, 'UTC'],
      [sweepJobs.refreshAccounts, 3_600_000, 'UTC'],
      [sweepJobs.sendDigests, 300_000, 'UTC'],
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

  it('parks a rate-limited fetch in the delayed set until the platform allows it, without spending an attempt', async () => {
    const workspace = await insertWorkspace(db, 'Limited');
    const account = await upsertSocialAccount(db, workspace.id, { platform: 'X', handle: '@limited', source: 'DEMO', credentials: undefined });
    limited.refuseNext('account');
    const job = await queues.enqueueFetch({ workspaceId: workspace.id, accountId: account.id, source: account.source, platform: account.platform, from: '2026-03-01', to: '2026-03-01', reason: 'manual' });
    await eventually('the job to be delayed', async () => (await job.getState()) === 'delayed');
    expect((await queues.metricsFetch.getJob(job.id!))?.attemptsMade).toBe(0);

    await eventually('the job to complete after the wait', async () => (await job.getState()) === 'completed', 10_000);
    expect(limited.calls).toHaveLength(2);
    expect(limited.calls[1]! - limited.calls[0]!).toBeGreaterThanOrEqual(1400);
    expect((await queues.metricsFetch.getJob(job.id!))?.attemptsMade).toBe(1);
    expect(await countMetricPoints(db, workspace.id, account.id)).toBe(demoMetrics.length);
  });

  it('holds the whole fetch queue on a platform-wide limit (BullMQ\'s rate limiter), the job back to wait without spending an attempt', async () => {
    const workspace = await insertWorkspace(db, 'App limited');
    const account = await upsertSocialAccount(db, workspace.id, { platform: 'X', handle: '@app-limited', source: 'DEMO', credentials: undefined });
    limited.refuseNext('platform');
    const job = await queues.enqueueFetch({ workspaceId: workspace.id, accountId: account.id, source: account.source, platform: account.platform, from: '2026-03-01', to: '2026-03-01', reason: 'manual' });
    // Held means the limiter key counts the workers' max or more: a bare ttl > 0 is also the limiter's own
    // window of jobs counted, there as soon as the job is taken, before its fetch is refused.
    const held = async () => (await queues.metricsFetch.getRateLimitTtl(fetchWorkerLimiter.max)) > 0;
    await eventually('the refused job back to wait, the queue held', async () => limited.calls.length === 1 && (await job.getState()) === 'waiting' && held());
    expect((await queues.metricsFetch.getJob(job.id!))?.attemptsMade).toBe(0);
    // Another account's fetch in the same platform queue waits for the limit too.
    const other = await upsertSocialAccount(db, workspace.id, { platform: 'X', handle: '@other', source: 'DEMO', credentials: undefined });
    const otherJob = await queues.enqueueFetch({ workspaceId: workspace.id, accountId: other.id, source: other.source, platform: other.platform, from: '2026-03-01', to: '2026-03-01', reason: 'manual' });
    // Other platforms' queues go on meanwhile: a Facebook fetch completes while X's queue is held.
    const elsewhere = await upsertSocialAccount(db, workspace.id, { platform: 'FACEBOOK', handle: '@elsewhere', source: 'CONNECTOR', credentials: undefined });
    const elsewhereJob = await queues.enqueueFetch({ workspaceId: workspace.id, accountId: elsewhere.id, source: elsewhere.source, platform: elsewhere.platform, from: '2026-03-01', to: '2026-03-01', reason: 'manual' });
    await eventually('the other platform\'s fetch to complete', async () => (await elsewhereJob.getState()) === 'completed');
    await eventually('both fetches to complete after the wait', async () => (await job.getState()) === 'completed' && (await otherJob.getState()) === 'completed', 10_000);
    // They ran once the limit lifted (~1.5 s), not after a failed attempt's backoff (≥ 5 s), and the
    // refusal spent no attempt: the one that succeeded is the only one counted.
    expect(limited.calls).toHaveLength(3);
    for (const later of limited.calls.slice(1)) {
      expect(later - limited.calls[0]!).toBeGreaterThanOrEqual(1400);
      expect(later - limited.calls[0]!).toBeLessThan(4500);
    }
    expect((await queues.metricsFetch.getJob(job.id!))?.attemptsMade).toBe(1);
    expect((await queues.metricsFetchQueueFor(elsewhere).getJob(elsewhereJob.id!))?.finishedOn).toBeLessThan(limited.calls[1]!);
  });

  it('lets the jobs in flight finish when it closes', async () => {
    const workspace = await insertWorkspace(db, 'Closing');
    const account = await upsertSocialAccount(db, workspace.id, { platform: 'FACEBOOK', handle: '@closing', source: 'CONNECTOR', credentials: undefined });
    const job = await queues.enqueueFetch({ workspaceId: workspace.id, accountId: account.id, source: account.source, platform: account.platform, from: '2026-03-01', to: '2026-03-02', reason: 'manual' });
    await eventually('the fetch to be in flight', async () => gated.requests() === 1);

    const closing = app.close();
    gated.open();
    await closing;

    expect(await job.getState()).toBe('completed');
    expect(await countMetricPoints(db, workspace.id, account.id)).toBe(2 * demoMetrics.length);
  });
});
