import { findAlerts, insertAlertOnce, insertWorkspace, upsertMetricPoints } from '@goalpost/db';
import { jobIds, liveChannel, liveTopics, type AlertDeliverPayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverAlert } from '../src/processors/deliverAlert.ts';
import { evaluatePlan } from '../src/processors/evaluatePlan.ts';
import { eventually } from '@goalpost/devstack/testing';
import { seedPlan } from './support/planFixture.ts';
import { createWorkerTestContext, listenToLiveEvents, type WorkerTestContext } from './support/workerTestContext.ts';

describe('deliverAlert', () => {
  const now = new Date('2026-03-15T06:00:00Z');
  let t: WorkerTestContext;
  let live: Awaited<ReturnType<typeof listenToLiveEvents>>;

  beforeAll(async () => {
    t = await createWorkerTestContext('deliver', { now });
    live = await listenToLiveEvents(t.prefix);
  });
  afterAll(async () => {
    await live?.close();
    await t?.close();
  });

  it('announces a new alert on its workspace channel once, then marks it published', async () => {
    const { workspace, plan, objective, keyResults } = await seedPlan(t.db, {
      account: { platform: 'X', handle: '@alerted', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30' },
      keyResults: [{ metric: 'followers', baseline: 10, target: 20 }],
    });
    const alert = (await insertAlertOnce(t.db, workspace.id, {
      planId: plan.id, objectiveId: objective.id, keyResultId: keyResults[0]!.id, accountId: null,
      kind: 'AT_RISK', severity: 'WARNING', message: 'at risk', dedupKey: `kr:${keyResults[0]!.id}:AT_RISK:2026-W11`,
    }))!;
    const payload = { workspaceId: workspace.id, alertId: alert.id };
    const channel = liveChannel(liveTopics(t.prefix).alertRaised, workspace.id);

    expect(await deliverAlert(payload, t.deps)).toEqual({ published: true });
    const [stored] = await findAlerts(t.db, workspace.id, [alert.id]);
    expect(stored!.published_at).toEqual(now);

    // Delivered again (a retry, the sweep): not announced twice. The marker, sent after on the same
    // connection, arrives after anything the second delivery could have published.
    expect(await deliverAlert(payload, t.deps)).toEqual({ published: false });
    await t.deps.publisher.publish(channel, JSON.stringify({ marker: true }));
    await eventually('the marker', async () => live.events.some((e) => e.channel === channel && (e.payload as { marker?: boolean }).marker));
    expect(live.events.filter((e) => e.channel === channel).map((e) => e.payload)).toEqual([{ alertId: alert.id, planId: plan.id }, { marker: true }]);
  });

  it('leaves the announcement of an alert to the evaluation that raised it, and hands it to the channels', async () => {
    const { workspace, account, plan } = await seedPlan(t.db, {
      account: { platform: 'X', handle: '@raised', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30' },
      keyResults: [{ metric: 'followers', baseline: 1000, target: 2000 }],
    });
    // Nowhere near the target on 2026-03-15: off track.
    await upsertMetricPoints(t.db, workspace.id, account.id, [{ metric: 'followers', at: '2026-03-14', value: 1000 }], 'PUSH');
    const channel = liveChannel(liveTopics(t.prefix).alertRaised, workspace.id);
    expect(await evaluatePlan({ workspaceId: workspace.id, planId: plan.id, reason: 'points' }, t.deps)).toMatchObject({ alertsRaised: 1 });
    // Announced by the evaluation itself, before any delivery ran.
    const [announced] = await eventually('the evaluation\'s alertRaised', async () => {
      const events = live.events.filter((e) => e.channel === channel);
      return events.length > 0 && events;
    });
    const { alertId } = announced!.payload as { alertId: string };
    const job = await t.queues.alertDeliver.getJob(jobIds.alertDeliver({ workspaceId: workspace.id, alertId }));
    expect(job!.data).toEqual({ workspaceId: workspace.id, alertId, announced: true });

    // The delivery marks it published without a second announcement (the marker comes after anything it could have sent).
    expect(await deliverAlert(job!.data as AlertDeliverPayload, t.deps)).toEqual({ published: true });
    expect((await findAlerts(t.db, workspace.id, [alertId]))[0]!.published_at).toEqual(now);
    await t.deps.publisher.publish(channel, JSON.stringify({ marker: true }));
    await eventually('the marker', async () => live.events.some((e) => e.channel === channel && (e.payload as { marker?: boolean }).marker));
    expect(live.events.filter((e) => e.channel === channel).map((e) => e.payload)).toEqual([{ alertId, planId: plan.id }, { marker: true }]);
  });

  it('refuses an alert of another workspace', async () => {
    const owner = await insertWorkspace(t.db, 'Owner');
    const alert = (await insertAlertOnce(t.db, owner.id, {
      planId: null, objectiveId: null, keyResultId: null, accountId: null,
      kind: 'ACCOUNT_NEEDS_REAUTH', severity: 'WARNING', message: 'reconnect', dedupKey: 'account:x:reauth',
    }))!;
    const stranger = await insertWorkspace(t.db, 'Stranger');
    await expect(deliverAlert({ workspaceId: stranger.id, alertId: alert.id }, t.deps)).rejects.toBeInstanceOf(UnrecoverableError);
    expect((await findAlerts(t.db, owner.id, [alert.id]))[0]!.published_at).toBeNull();
  });
});
