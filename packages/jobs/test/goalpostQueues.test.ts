import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import { randomUUID } from 'node:crypto';
import { createGoalpostQueues } from '../src/index.ts';

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
    await expect(queues.enqueueFetch({ workspaceId: 'nope', accountId: randomUUID(), from: '2026-01-01', to: '2026-13-01', reason: 'manual' })).rejects.toThrow();
  });
});
