import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import { randomUUID } from 'node:crypto';
import { createGoalpostQueues, metricsFetchQueueName } from '../src/index.ts';

const queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix: uniquePrefix('jobs'), evaluateDebounceMs: 60_000 });
afterAll(() => queues.close());

describe('job catalog', () => {
  it('collapses a burst of evaluations of one plan into one job', async () => {
    const payload = { workspaceId: randomUUID(), planId: randomUUID(), reason: 'points' as const };
    await Promise.all(Array.from({ length: 5 }, () => queues.enqueueEvaluation(payload)));
    expect((await queues.objectiveEvaluate.getJobCounts('delayed')).delayed).toBe(1);
  });

  it('gives one delivery per alert, whatever the number of enqueues', async () => {
    const payload = { workspaceId: randomUUID(), alertId: randomUUID() };
    const [a, b] = [await queues.enqueueDelivery(payload), await queues.enqueueDelivery(payload)];
    expect(a.id).toBe(b.id);
    expect(a.id).not.toContain(':');
  });

  it('refuses an invalid payload before it reaches Redis', async () => {
    await expect(queues.enqueueFetch({ workspaceId: 'nope', accountId: randomUUID(), source: 'DEMO', platform: 'X', from: '2026-01-01', to: '2026-13-01', reason: 'manual' })).rejects.toThrow();
  });

  it('routes connector fetches to one queue per platform API, Facebook and Instagram together', async () => {
    expect(metricsFetchQueueName({ source: 'DEMO', platform: 'FACEBOOK' })).toBe('metrics-fetch');
    expect(metricsFetchQueueName({ source: 'CONNECTOR', platform: 'X' })).toBe('metrics-fetch-x');
    expect(metricsFetchQueueName({ source: 'CONNECTOR', platform: 'FACEBOOK' })).toBe('metrics-fetch-meta');
    expect(metricsFetchQueueName({ source: 'CONNECTOR', platform: 'INSTAGRAM' })).toBe('metrics-fetch-meta');
    const fetch = { workspaceId: randomUUID(), accountId: randomUUID(), from: '2026-01-01', to: '2026-01-31', reason: 'manual' as const };
    const job = await queues.enqueueFetch({ ...fetch, source: 'CONNECTOR', platform: 'INSTAGRAM' });
    expect(job.queueName).toBe('metrics-fetch-meta');
    expect(await queues.metricsFetchQueueFor({ source: 'CONNECTOR', platform: 'FACEBOOK' }).getJob(job.id!)).toBeDefined();
    expect(await queues.metricsFetch.getJob(job.id!)).toBeUndefined();
  });
});
