import { createDb, insertAlertOnce, resolveOpenAlerts, upsertMetricPoints, type Db } from '@goalpost/db';
import { addDays } from '@goalpost/domain';
import { createTestDatabase, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/processors/evaluatePlan.ts';
import { evaluatePlans, unpublishedAlertGraceMs } from '../../src/processors/sweeps.ts';
import { createWorkerApp, type WorkerApp } from '../../src/workerApp.ts';
import { seedPlan } from '../support/planFixture.ts';
import { startLocalReceiver, type LocalReceiver } from './localReceiver.ts';
import { addChannel, newWebhookSecret, notificationWorkerEnv } from './notificationFixture.ts';

describe('status changes and resolutions reaching the channels', () => {
  const prefix = uniquePrefix('status');
  const now = new Date('2026-03-15T06:00:00Z');
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let app: WorkerApp;
  let receiver: LocalReceiver;
  const secret = newWebhookSecret();
  const verify = (body: string, headers: Record<string, unknown>) => new Webhook(secret).verify(body, headers as Record<string, string>) as { type: string; data: any };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    receiver = await startLocalReceiver(() => ({ status: 204 }));
    app = createWorkerApp(notificationWorkerEnv(database.url, prefix), { now: () => now });
    await app.start();
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('sends one STATUS_CHANGED per change to the channels that chose it, at their severity, and none for a re-run', async () => {
    const { workspace, plan, account, objective, keyResults } = await seedPlan(db, {
      account: { platform: 'X', handle: '@flat', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30', title: 'Grow the audience' },
      keyResults: [{ metric: 'followers', baseline: 10, target: 20 }],
    });
    const ws = workspace.id;
    // Flat at the baseline for ten weeks: far behind the expected path.
    await upsertMetricPoints(db, ws, account.id, Array.from({ length: 70 }, (_, i) => ({ metric: 'followers', at: addDays('2026-01-03', i), value: 10 })), 'PUSH');
    await addChannel(db, ws, { kind: 'WEBHOOK', url: receiver.url('/status'), secret, events: ['STATUS_CHANGED'] }, now);
    await addChannel(db, ws, { kind: 'WEBHOOK', url: receiver.url('/critical'), secret, events: ['STATUS_CHANGED'], minSeverity: 'CRITICAL' }, now);
    await addChannel(db, ws, { kind: 'WEBHOOK', url: receiver.url('/alerts'), secret, events: ['ALERT_RAISED'] }, now);

    await evaluatePlan({ workspaceId: ws, planId: plan.id, reason: 'manual' }, app.deps);
    const [kr] = await db.selectFrom('key_results').select('status').where('id', '=', keyResults[0]!.id).execute();
    expect(kr!.status).toBe('OFF_TRACK');

    const status = await eventually('both changes at /status', async () => {
      const got = receiver.received.filter((r) => r.path === '/status');
      return got.length === 2 && got;
    });
    const bodies = status.map((r) => verify(r.body, r.headers));
    expect(bodies.every((b) => b.type === 'key_result.status_changed')).toBe(true);
    expect(bodies.map((b) => b.data.change).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual([
      { subject: 'KEY_RESULT', id: keyResults[0]!.id, title: 'Followers', from: 'NO_DATA', to: 'OFF_TRACK', on: '2026-03-15' },
      { subject: 'OBJECTIVE', id: objective.id, title: 'Grow the audience', from: 'NO_DATA', to: 'OFF_TRACK', on: '2026-03-15' },
    ]);
    expect(bodies[0]!.data.link).toBe(`https://goalpost.test/?plan=${plan.id}`);
    // OFF_TRACK is critical: the CRITICAL channel hears both changes too.
    await eventually('both changes at /critical', async () => receiver.received.filter((r) => r.path === '/critical').length === 2);

    // Evaluated again: no status changes, so no new deliveries (the fan-out runs inside evaluatePlan).
    await evaluatePlan({ workspaceId: ws, planId: plan.id, reason: 'manual' }, app.deps);
    const deliveries = await db.selectFrom('notification_deliveries').select(['event', 'event_key']).where('workspace_id', '=', ws).where('event', '=', 'STATUS_CHANGED').execute();
    expect(deliveries).toHaveLength(4);
    expect(new Set(deliveries.map((d) => d.event_key)).size).toBe(2);
    expect(receiver.received.some((r) => r.path === '/alerts' && verify(r.body, r.headers).type === 'key_result.status_changed')).toBe(false);
  });

  it('re-enqueues a resolution lost between the commit and its enqueue, and marks it handed over once', async () => {
    const { workspace, plan, objective, keyResults } = await seedPlan(db, {
      account: { platform: 'X', handle: '@resolved', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30' },
      keyResults: [{ metric: 'followers', baseline: 10, target: 20 }],
    });
    const ws = workspace.id;
    await addChannel(db, ws, { kind: 'WEBHOOK', url: receiver.url('/resolved'), secret, events: ['ALERT_RESOLVED'] }, now);
    const alert = (await insertAlertOnce(db, ws, {
      planId: plan.id, objectiveId: objective.id, keyResultId: keyResults[0]!.id, accountId: null,
      kind: 'AT_RISK', severity: 'WARNING', message: 'Behind the path', dedupKey: `kr:${keyResults[0]!.id}:AT_RISK:lost`,
    }))!;
    await db.updateTable('alerts').set({ published_at: now }).where('id', '=', alert.id).execute();
    // Resolved by an evaluation that committed and then died before enqueueing the resolution.
    await resolveOpenAlerts(db, ws, { keyResultId: keyResults[0]!.id }, ['AT_RISK'], new Date(now.getTime() - unpublishedAlertGraceMs - 1000));

    expect((await evaluatePlans(app.deps)).redelivered).toBeGreaterThanOrEqual(1);
    const [hook] = await eventually('the resolution', async () => {
      const got = receiver.received.filter((r) => r.path === '/resolved');
      return got.length === 1 && got;
    });
    expect(verify(hook!.body, hook!.headers)).toMatchObject({ type: 'alert.resolved', data: { alert: { id: alert.id, state: 'RESOLVED' } } });
    await eventually('the resolution marked', async () => {
      const row = await db.selectFrom('alerts').select('resolution_published_at').where('id', '=', alert.id).executeTakeFirstOrThrow();
      return row.resolution_published_at !== null;
    });
    const again = await evaluatePlans(app.deps);
    expect(again.redelivered).toBe(0);
  });
});
