import { once } from 'node:events';
import { createDb, type Db } from '@goalpost/db';
import { createTestDatabase, testRedisUrl, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { freePort } from '@goalpost/devstack';
import { addDays, dayOf } from '@goalpost/domain';
import { createGoalpostQueues, type GoalpostQueues } from '@goalpost/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../../../../e2e/support/stackProcess.ts';
import { seedPlan } from '../support/planFixture.ts';

describe('the worker process on SIGTERM', () => {
  const prefix = uniquePrefix('worker-stop');
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let queues: GoalpostQueues;
  const processes: AppProcess[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix, evaluateDebounceMs: 0 });
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await queues?.close();
    await db?.destroy();
    await database?.drop();
  });

  async function startWorker(env: Record<string, string>) {
    const port = await freePort();
    const worker = startApp('worker', {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      LIVE_NAMESPACE: prefix,
      WORKER_PORT: String(port),
      REFRESH_EVERY_MS: '86400000',
      SWEEP_EVERY_MS: '86400000',
      BACKFILL_DAYS: '1',
      LOCK_DURATION_MS: '2000',
      STALLED_INTERVAL_MS: '1000',
      LOG_LEVEL: 'info',
      ...env,
    });
    processes.push(worker);
    const base = `http://127.0.0.1:${port}`;
    await eventually('the worker to be ready', async () => (await fetch(`${base}/readyz`).catch(() => null))?.ok, 60_000);
    const exited = once(worker.child, 'exit').then(([code]) => ({ code: code as number | null, at: Date.now() }));
    const metrics = async () => (await fetch(`${base}/metrics`)).text();
    return { worker, base, exited, metrics };
  }

  it('says 503 at once, gives the job in flight SHUTDOWN_TIMEOUT_MS, then leaves it to another worker, which runs it', async () => {
    const today = dayOf(new Date());
    const { workspace, account } = await seedPlan(db, {
      account: { platform: 'INSTAGRAM', handle: '@slow', source: 'DEMO' },
      plan: { startsOn: addDays(today, -10), endsOn: addDays(today, 30) },
      objective: { startsOn: addDays(today, -10), deadline: addDays(today, 30) },
      keyResults: [{ metric: 'followers', target: 10_000 }],
    });
    const timeoutMs = 1500;
    // The demo source answers each request after a minute: the job is in flight when SIGTERM comes.
    const slow = await startWorker({ DEMO_LATENCY_MS: '60000', SHUTDOWN_TIMEOUT_MS: String(timeoutMs) });
    const job = await queues.enqueueFetch({
      workspaceId: workspace.id, accountId: account.id, source: account.source, platform: account.platform, from: addDays(today, -3), to: today, reason: 'manual',
    });
    await eventually('the fetch to be running, as the worker\'s own metrics say', async () =>
      /^goalpost_queue_jobs\{queue="metrics-fetch",state="active"\} 1$/m.test(await slow.metrics()));

    const signalledAt = Date.now();
    slow.worker.child.kill('SIGTERM');
    const readiness = await fetch(`${slow.base}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ status: 'stopping' });
    expect((await fetch(`${slow.base}/healthz`)).status).toBe(200);

    const exit = await slow.exited;
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(exit.at - signalledAt).toBeLessThan(timeoutMs + 3000);
    expect(exit.code).toBe(1);
    expect(slow.worker.output()).toContain('jobs still running at the shutdown deadline are left to be run again by another worker');

    // Nothing lost: its lock lapses and a worker with a quick source runs it to the end.
    const quick = await startWorker({ DEMO_LATENCY_MS: '0' });
    await eventually('the fetch to be completed by the next worker', async () => (await job.getState()) === 'completed', 30_000);

    // With nothing in flight, a SIGTERM stops the worker at once and cleanly.
    const stoppedAt = Date.now();
    quick.worker.child.kill('SIGTERM');
    const quickExit = await quick.exited;
    expect(quickExit.code).toBe(0);
    expect(quickExit.at - stoppedAt).toBeLessThan(3000);
    expect(quick.worker.output()).toContain('worker stopped');
  }, 120_000);

  it('refuses to start on a taken port, saying which variable to change', async () => {
    const port = await freePort();
    const holder = startApp('worker', {
      DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix, LIVE_NAMESPACE: prefix, WORKER_PORT: String(port), LOG_LEVEL: 'warn',
    });
    processes.push(holder);
    await eventually('the first worker to listen', async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok, 60_000);
    const second = startApp('worker', {
      DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix, LIVE_NAMESPACE: prefix, WORKER_PORT: String(port), LOG_LEVEL: 'warn',
    });
    processes.push(second);
    const [code] = await once(second.child, 'exit');
    expect(code).toBe(1);
    expect(second.output()).toContain(`WORKER_PORT ${port} is taken: set WORKER_PORT to a free port (0 picks one).`);
  }, 120_000);
});
