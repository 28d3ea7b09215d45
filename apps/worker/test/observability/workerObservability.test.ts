import { createServer, type Server, type Socket } from 'node:net';
import { archivePlan, createDb, upsertMetricPoints, type Db } from '@goalpost/db';
import { createTestDatabase, testRedisUrl, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { addDays } from '@goalpost/domain';
import { createGoalpostQueues, queueNames, type GoalpostQueues } from '@goalpost/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkerEnv, type WorkerEnv } from '../../src/env.ts';
import { createWorkerObservability, type WorkerObservability } from '../../src/observability/workerObservability.ts';
import { createWorkerApp, type WorkerApp } from '../../src/workerApp.ts';
import { seedPlan } from '../support/planFixture.ts';

/** The value of the first sample of `name` whose labels include `labels`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const [series, value] = line.split(' ');
    if (!series || (series !== name && !series.startsWith(`${name}{`))) continue;
    if (Object.entries(labels).every(([key, v]) => series.includes(`${key}="${v}"`))) return Number(value);
  }
  return undefined;
}

describe('the worker HTTP server', () => {
  const prefix = uniquePrefix('observe');
  const operatorToken = 'operator-token-0123456789abcdef';
  const metricsToken = 'metrics-token-0123456789abcdef';
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let queues: GoalpostQueues;
  let env: WorkerEnv;
  let app: WorkerApp;
  let observability: WorkerObservability;
  let base: string;
  const others: WorkerObservability[] = [];
  let silentRedis: Server;
  const silentSockets = new Set<Socket>();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix, evaluateDebounceMs: 0 });
    env = readWorkerEnv({
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      LIVE_NAMESPACE: prefix,
      EVALUATE_DEBOUNCE_MS: '0',
      REFRESH_EVERY_MS: '86400000',
      SWEEP_EVERY_MS: '86400000',
      LOG_LEVEL: 'silent',
      OPERATOR_TOKEN: operatorToken,
    });
    app = createWorkerApp(env, { now: () => new Date('2026-02-15T12:00:00Z') });
    observability = createWorkerObservability(app, env);
    base = `http://127.0.0.1:${await observability.listen(0)}`;
    await app.start();
    // A Redis that takes connections and never answers: the worst case for a scrape.
    silentRedis = createServer((socket) => silentSockets.add(socket));
    await new Promise<void>((resolve) => silentRedis.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const other of others) await other.close();
    await observability?.close();
    await app?.close();
    await queues?.close();
    await db?.destroy();
    await database?.drop();
    for (const socket of silentSockets) socket.destroy();
    await new Promise((resolve) => silentRedis?.close(resolve));
  });

  it('is alive and ready while PostgreSQL and Redis answer', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', postgres: true, redis: true });
  });

  it('counts evaluations, key results, alerts and job durations, and reports the depth of every queue it serves', async () => {
    const { workspace, account, plan } = await seedPlan(db, {
      account: { platform: 'INSTAGRAM', handle: '@observed', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-04-01' },
      objective: { startsOn: '2026-01-01', deadline: '2026-04-01' },
      keyResults: [{ metric: 'followers', baseline: 1000, target: 2000 }],
    });
    // 10 % of the way after half the time: off track, one alert.
    const days = Array.from({ length: 46 }, (_, i) => addDays('2026-01-01', i));
    await upsertMetricPoints(db, workspace.id, account.id, days.map((at) => ({ metric: 'followers', at, value: 1100 })), 'PUSH');
    const metrics = async () => (await fetch(`${base}/metrics`)).text();

    await queues.enqueueEvaluation({ workspaceId: workspace.id, planId: plan.id, reason: 'points' });
    const first = await eventually('the alert to be delivered', async () => {
      const text = await metrics();
      return (sample(text, 'goalpost_alerts_delivered_total') ?? 0) >= 1 && text;
    });
    // The evaluate-plans sweep at start may evaluate the plan too: at least one run.
    expect(sample(first, 'goalpost_plan_evaluations_total', { outcome: 'evaluated' })).toBeGreaterThanOrEqual(1);
    expect(sample(first, 'goalpost_key_result_evaluations_total', { outcome: 'evaluated' })).toBeGreaterThanOrEqual(1);
    expect(sample(first, 'goalpost_alerts_raised_total')).toBeGreaterThanOrEqual(1);
    expect(sample(first, 'goalpost_job_duration_seconds_count', { queue: queueNames.objectiveEvaluate, outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(sample(first, 'goalpost_job_duration_seconds_count', { queue: queueNames.alertDeliver, outcome: 'completed' })).toBeGreaterThanOrEqual(1);

    // Same inputs the same day: the key result's outcome stands. Then an archived plan is skipped.
    await queues.enqueueEvaluation({ workspaceId: workspace.id, planId: plan.id, reason: 'points' });
    await eventually('the second evaluation', async () => (sample(await metrics(), 'goalpost_key_result_evaluations_total', { outcome: 'unchanged' }) ?? 0) >= 1);
    await archivePlan(db, workspace.id, plan.id);
    await queues.enqueueEvaluation({ workspaceId: workspace.id, planId: plan.id, reason: 'manual' });
    const last = await eventually('the skipped evaluation', async () => {
      const text = await metrics();
      return sample(text, 'goalpost_plan_evaluations_total', { outcome: 'skipped' }) === 1 && text;
    });
    expect(sample(last, 'goalpost_alerts_resolved_total')).toBe(0);

    expect(sample(last, 'goalpost_queue_jobs_up')).toBe(1);
    for (const worker of app.workers) {
      for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
        expect(sample(last, 'goalpost_queue_jobs', { queue: worker.name, state }), `${worker.name} ${state}`).toBeGreaterThanOrEqual(0);
      }
    }
    expect(app.workers.map((w) => w.name)).toEqual(expect.arrayContaining([queueNames.metricsFetch, 'metrics-fetch-meta', queueNames.objectiveEvaluate, queueNames.alertDeliver, queueNames.sweeps]));
    const evaluations = sample(last, 'goalpost_plan_evaluations_total', { outcome: 'evaluated' })! + sample(last, 'goalpost_plan_evaluations_total', { outcome: 'skipped' })!;
    expect(sample(last, 'goalpost_queue_jobs', { queue: queueNames.objectiveEvaluate, state: 'completed' })).toBe(evaluations);
    expect(sample(last, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(last, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  for (const [what, url] of [
    ['refuses connections', async () => `redis://127.0.0.1:${await closedPort()}`],
    ['takes connections and never answers', async () => `redis://127.0.0.1:${(silentRedis.address() as { port: number }).port}`],
  ] as const) {
    it(`scrapes quickly without queue depths, and says not ready, while Redis ${what}; the process goes on`, async () => {
      const other = createWorkerObservability(app, { ...env, REDIS_URL: await url() });
      others.push(other);
      const otherBase = `http://127.0.0.1:${await other.listen(0)}`;
      const startedAt = Date.now();
      const response = await fetch(`${otherBase}/metrics`);
      expect(response.status).toBe(200);
      expect(Date.now() - startedAt).toBeLessThan(2500);
      const text = await response.text();
      expect(sample(text, 'goalpost_queue_jobs_up')).toBe(0);
      expect(text).not.toMatch(/^goalpost_queue_jobs\{/m);
      // The process metrics still come (their value since registration may be 0 at the OS's CPU-time granularity).
      expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
      const ready = await fetch(`${otherBase}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready', postgres: true, redis: false });
    });
  }

  it('serves the queue dashboard to the operator only', async () => {
    const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
    const anonymous = await fetch(`${base}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: basic('operator', 'wrong-password-0123456') })).status).toBe(401);

    const page = await fetch(`${base}/admin/queues`, { headers: basic('operator', operatorToken) });
    expect(page.status).toBe(200);
    expect((await fetch(`${base}/admin/queues/`, { headers: basic('operator', operatorToken) })).status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Goalpost queues');
    // Its scripts come from the worker too, behind the same password.
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
    expect(script).not.toMatch(/^(https?:)?\/\//);
    const scriptUrl = new URL(script!, `${base}/admin/queues/`);
    expect((await fetch(scriptUrl)).status).toBe(401);
    expect((await fetch(scriptUrl, { headers: basic('operator', operatorToken) })).status).toBe(200);
    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: basic('operator', operatorToken) });
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
    expect(names.sort()).toEqual(app.workers.map((w) => w.name).sort());
  });

  it('is off without OPERATOR_TOKEN, and /metrics asks for METRICS_TOKEN when one is set', async () => {
    const other = createWorkerObservability(app, { ...env, OPERATOR_TOKEN: undefined, METRICS_TOKEN: metricsToken });
    others.push(other);
    const otherBase = `http://127.0.0.1:${await other.listen(0)}`;
    const dashboard = await fetch(`${otherBase}/admin/queues`);
    expect(dashboard.status).toBe(404);
    expect(await dashboard.json()).toEqual({ error: 'The queue dashboard is off: set OPERATOR_TOKEN on the worker to serve it.' });
    expect((await fetch(`${otherBase}/metrics`)).status).toBe(401);
    expect((await fetch(`${otherBase}/metrics`, { headers: { authorization: `Bearer ${operatorToken}` } })).status).toBe(401);
    const allowed = await fetch(`${otherBase}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('goalpost_queue_jobs_up 1');
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
