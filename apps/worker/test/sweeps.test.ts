import { archivePlan, insertAlertOnce, insertWorkspace, markAccountSynced, setAccountStatus, upsertSocialAccount } from '@goalpost/db';
import { testRedisUrl, eventually } from '@goalpost/devstack/testing';
import { dedupIds, jobIds, queueNames } from '@goalpost/jobs';
import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlans, refreshAccounts, runSweep } from '../src/processors/sweeps.ts';
import { seedPlan } from './support/planFixture.ts';
import { createWorkerTestContext, type WorkerTestContext } from './support/workerTestContext.ts';

describe('sweeps', () => {
  let t: WorkerTestContext;

  beforeAll(async () => {
    t = await createWorkerTestContext('sweeps', { now: new Date('2026-03-15T06:00:00Z') });
  });
  afterAll(() => t?.close());

  it('refresh-accounts fetches every pulled account from its last sync, or a backfill when never synced', async () => {
    const workspace = await insertWorkspace(t.db, 'Refresh');
    const account = (handle: string, source: string) => upsertSocialAccount(t.db, workspace.id, { platform: 'INSTAGRAM', handle, source, credentials: undefined });
    const fresh = await account('@fresh', 'DEMO');
    const synced = await account('@synced', 'DEMO');
    await markAccountSynced(t.db, workspace.id, synced.id, new Date('2026-03-10T05:00:00Z'));
    const pushed = await account('@pushed', 'PUSH');
    const manual = await account('@manual', 'MANUAL');
    const disconnected = await account('@gone', 'DEMO');
    await setAccountStatus(t.db, workspace.id, disconnected.id, 'DISCONNECTED');

    expect(await refreshAccounts(t.deps)).toEqual({ enqueued: 2 });

    const fetchOf = async (accountId: string) => {
      const jobId = await t.queues.metricsFetch.getDeduplicationJobId(dedupIds.metricsFetch({ accountId }));
      return jobId ? (await t.queues.metricsFetch.getJob(jobId))?.data : undefined;
    };
    expect(await fetchOf(fresh.id)).toEqual({ workspaceId: workspace.id, accountId: fresh.id, source: 'DEMO', platform: 'INSTAGRAM', from: '2025-03-15', to: '2026-03-15', reason: 'schedule' });
    expect(await fetchOf(synced.id)).toEqual({ workspaceId: workspace.id, accountId: synced.id, source: 'DEMO', platform: 'INSTAGRAM', from: '2026-03-09', to: '2026-03-15', reason: 'schedule' });
    for (const never of [pushed, manual, disconnected]) expect(await fetchOf(never.id)).toBeUndefined();

    // A second tick while those jobs wait adds nothing.
    await refreshAccounts(t.deps);
    expect(await t.queues.metricsFetch.getJobCounts('waiting')).toEqual({ waiting: 2 });
  });

  it('evaluate-plans evaluates every active plan and re-sends alerts that were never published', async () => {
    const active = await seedPlan(t.db, {
      account: { platform: 'X', handle: '@active', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30' },
      keyResults: [{ metric: 'followers', baseline: 10, target: 20 }],
    });
    const archived = await seedPlan(t.db, {
      account: { platform: 'X', handle: '@archived', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30' },
      keyResults: [{ metric: 'followers', baseline: 10, target: 20 }],
    });
    await archivePlan(t.db, archived.workspace.id, archived.plan.id);
    const alert = (await insertAlertOnce(t.db, active.workspace.id, {
      planId: active.plan.id, objectiveId: active.objective.id, keyResultId: active.keyResults[0]!.id, accountId: null,
      kind: 'OFF_TRACK', severity: 'CRITICAL', message: 'off track', dedupKey: `kr:${active.keyResults[0]!.id}:OFF_TRACK:2026-W11`,
    }))!;
    const delivery = { workspaceId: active.workspace.id, alertId: alert.id };

    // Alerts are stamped by the database clock; the sweep leaves fresh ones to the evaluation that raised them.
    t.setNow(new Date());
    expect(await evaluatePlans(t.deps)).toEqual({ plans: 1, redelivered: 0, statusChanges: 0 });
    const evaluationId = await t.queues.objectiveEvaluate.getDeduplicationJobId(dedupIds.objectiveEvaluate({ planId: active.plan.id }));
    expect(evaluationId && (await t.queues.objectiveEvaluate.getJob(evaluationId))?.data).toEqual({ workspaceId: active.workspace.id, planId: active.plan.id, reason: 'schedule' });
    expect(await t.queues.objectiveEvaluate.getDeduplicationJobId(dedupIds.objectiveEvaluate({ planId: archived.plan.id }))).toBeFalsy();
    expect(await t.queues.alertDeliver.getJob(jobIds.alertDeliver(delivery))).toBeUndefined();

    // Two minutes on, still unpublished (its job was lost with Redis, say): delivery is enqueued again.
    t.setNow(new Date(Date.now() + 120_000));
    expect(await evaluatePlans(t.deps)).toMatchObject({ redelivered: 1 });
    const job = await t.queues.alertDeliver.getJob(jobIds.alertDeliver(delivery));
    expect(job?.data).toEqual(delivery);

    // A delivery that failed for good is retried by the next sweep rather than left blocked under its id.
    const failing = new Worker(queueNames.alertDeliver, async () => {
      throw new UnrecoverableError('Redis was down');
    }, { connection: { url: testRedisUrl() }, prefix: t.prefix });
    failing.on('error', () => {});
    await eventually('the delivery to fail', async () => (await job!.getState()) === 'failed');
    await failing.close();
    await evaluatePlans(t.deps);
    expect(await job!.getState()).toBe('waiting');
    expect((await t.queues.alertDeliver.getJob(job!.id!))?.attemptsMade).toBe(0);
  });

  it('refuses a sweep it does not know', async () => {
    await expect(runSweep('sweep-everything', t.deps)).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
