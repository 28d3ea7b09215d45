import { createDb, insertAlertOnce, listDeliveryAttempts, resolveOpenAlerts, type Db } from '@goalpost/db';
import { sql } from 'kysely';
import { createTestDatabase, testRedisUrl, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { createGoalpostQueues, type GoalpostQueues } from '@goalpost/jobs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerApp, type WorkerApp } from '../../src/workerApp.ts';
import { seedPlan } from '../support/planFixture.ts';
import { startLocalReceiver, type LocalReceiver, type ReceivedRequest } from './localReceiver.ts';
import { addChannel, newWebhookSecret, notificationWorkerEnv } from './notificationFixture.ts';

describe('webhook deliveries', () => {
  const prefix = uniquePrefix('notify');
  const now = new Date('2026-03-15T06:00:00Z');
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let queues: GoalpostQueues;
  let app: WorkerApp;
  let receiver: LocalReceiver;
  const secret = newWebhookSecret();
  const verified: { path: string; id: string; payload: unknown }[] = [];
  const answers = new Map<string, number>();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix, evaluateDebounceMs: 0 });
    receiver = await startLocalReceiver((request: ReceivedRequest) => {
      const path = request.path;
      if (path === '/slack') return { status: 200, body: 'ok' };
      const seen = answers.get(path) ?? 0;
      answers.set(path, seen + 1);
      // Verified with the reference Standard Webhooks library, not with our own code.
      const payload = new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
      verified.push({ path, id: String(request.headers['webhook-id']), payload });
      if (path === '/flaky') return seen === 0 ? { status: 500 } : seen === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 };
      if (path === '/reject') return { status: 400, body: 'no' };
      if (path === '/down') return { status: 503 };
      return { status: 204 };
    });
    app = createWorkerApp(notificationWorkerEnv(database.url, prefix, {
      NOTIFY_RETRY_BASE_MS: '50',
    }), { now: () => now });
    await app.start();
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await queues?.close();
    await db?.destroy();
    await database?.drop();
  });

  async function raiseAlert(handle: string, severity = 'WARNING') {
    const fixture = await seedPlan(db, {
      account: { platform: 'X', handle, source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30', title: 'Grow the audience' },
      keyResults: [{ metric: 'followers', baseline: 10, target: 20 }],
    });
    const raise = async () => (await insertAlertOnce(db, fixture.workspace.id, {
      planId: fixture.plan.id, objectiveId: fixture.objective.id, keyResultId: fixture.keyResults[0]!.id, accountId: null,
      kind: 'AT_RISK', severity, message: 'Followers are behind the expected path', dedupKey: `kr:${fixture.keyResults[0]!.id}:AT_RISK:2026-W11`,
    }))!;
    return { ...fixture, raise };
  }

  const deliveriesOf = (channelId: string) => db.selectFrom('notification_deliveries').selectAll().where('channel_id', '=', channelId).execute();

  it('retries a failing receiver (500, then 429 with Retry-After) and delivers once, signed, under one webhook-id', async () => {
    const { workspace, plan, raise } = await raiseAlert('@flaky');
    const channel = await addChannel(db, workspace.id, { kind: 'WEBHOOK', url: receiver.url('/flaky'), secret }, now);
    const tooHigh = await addChannel(db, workspace.id, { kind: 'WEBHOOK', url: receiver.url('/critical-only'), secret, minSeverity: 'CRITICAL' }, now);
    const otherPlan = await addChannel(db, workspace.id, { kind: 'WEBHOOK', url: receiver.url('/other-plan'), secret, planIds: [workspace.id] }, now);
    const alert = await raise();
    await queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id });

    const [delivery] = await eventually('the delivery to succeed', async () => {
      const rows = await deliveriesOf(channel.id);
      return rows[0]?.status === 'DELIVERED' && rows;
    }, 15_000);
    expect(await deliveriesOf(channel.id)).toHaveLength(1);
    expect(delivery).toMatchObject({ event: 'ALERT_RAISED', attempts: 3, last_status_code: 200, next_attempt_at: null });

    const attempts = await listDeliveryAttempts(db, delivery!.id);
    expect(attempts.map((a) => [a.attempt, a.status_code])).toEqual([[1, 500], [2, 429], [3, 200]]);
    expect(attempts[0]!.next_attempt_at).not.toBeNull();
    expect(attempts[1]!.next_attempt_at!.getTime() - attempts[1]!.at.getTime()).toBe(1000);

    const flaky = verified.filter((v) => v.path === '/flaky');
    expect(flaky).toHaveLength(3);
    expect(new Set(flaky.map((v) => v.id))).toEqual(new Set([delivery!.id]));
    const requests = receiver.received.filter((r) => r.path === '/flaky');
    // Retry-After: 1 held the third attempt back by at least a second.
    expect(Number(requests[2]!.headers['webhook-timestamp']) - Number(requests[1]!.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(1);
    expect(flaky[2]!.payload).toMatchObject({
      type: 'alert.raised',
      timestamp: delivery!.created_at.toISOString(),
      data: {
        alert: { id: alert.id, kind: 'AT_RISK', severity: 'WARNING' },
        plan: { id: plan.id, name: 'Social plan' },
        objective: { title: 'Grow the audience' },
        keyResult: { metric: 'followers' },
        link: expect.stringContaining(`alert=${alert.id}`),
      },
    });
    // The success ended the failing streak the first two attempts started.
    const [health] = await db.selectFrom('notification_channels').select(['failing_since', 'enabled']).where('id', '=', channel.id).execute();
    expect(health).toEqual({ failing_since: null, enabled: true });
    expect(await deliveriesOf(tooHigh.id)).toEqual([]);
    expect(await deliveriesOf(otherPlan.id)).toEqual([]);
  });

  it('does not retry a 400', async () => {
    const { workspace, raise } = await raiseAlert('@reject');
    const channel = await addChannel(db, workspace.id, { kind: 'WEBHOOK', url: receiver.url('/reject'), secret }, now);
    const alert = await raise();
    await queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id });
    // The row is marked FAILED inside the job; BullMQ records the attempt when the job ends: wait for both.
    const [delivery] = await eventually('the delivery to fail', async () => {
      const rows = await deliveriesOf(channel.id);
      return rows[0]?.status === 'FAILED' && (await queues.notificationDeliver.getJob(`notify-${rows[0].id}-0`))?.finishedOn !== undefined && rows;
    });
    expect(delivery).toMatchObject({ attempts: 1, last_status_code: 400, next_attempt_at: null, last_error: 'the receiver answered 400' });
    const job = await queues.notificationDeliver.getJob(`notify-${delivery!.id}-0`);
    expect(job?.attemptsMade).toBe(1);
    expect(receiver.received.filter((r) => r.path === '/reject')).toHaveLength(1);
    const [stored] = await db.selectFrom('notification_channels').select('failing_since').where('id', '=', channel.id).execute();
    expect(stored!.failing_since).toEqual(now);
  });

  it('never delivers an event twice to a channel, however many times its jobs are added', async () => {
    const { workspace, raise } = await raiseAlert('@twice');
    const channel = await addChannel(db, workspace.id, { kind: 'WEBHOOK', url: receiver.url('/once'), secret }, now);
    const alert = await raise();
    await Promise.all([
      queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id }),
      queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id }),
    ]);
    const [delivery] = await eventually('the delivery', async () => {
      const rows = await deliveriesOf(channel.id);
      return rows[0]?.status === 'DELIVERED' && rows;
    });
    // The same job again (same id: ignored) and a stray duplicate under another id (the processor skips it).
    await queues.enqueueNotification({ workspaceId: workspace.id, deliveryId: delivery!.id });
    const stray = await queues.enqueueNotification({ workspaceId: workspace.id, deliveryId: delivery!.id }, 7);
    await eventually('the stray job to finish', async () => (await stray.getState()) === 'completed');
    expect((await queues.notificationDeliver.getJob(stray.id!))?.returnvalue).toEqual({ outcome: 'SKIPPED' });
    expect(receiver.received.filter((r) => r.path === '/once')).toHaveLength(1);
    expect(await deliveriesOf(channel.id)).toHaveLength(1);
    expect(await listDeliveryAttempts(db, delivery!.id)).toHaveLength(1);
  });

  it('tells the channels that take resolutions when an alert is resolved, as alert.resolved', async () => {
    const { workspace, keyResults, raise } = await raiseAlert('@resolved');
    const both = await addChannel(db, workspace.id, { kind: 'WEBHOOK', url: receiver.url('/both'), secret }, now);
    const raisedOnly = await addChannel(db, workspace.id, { kind: 'WEBHOOK', url: receiver.url('/raised-only'), secret, events: ['ALERT_RAISED'] }, now);
    const alert = await raise();
    const [resolved] = await resolveOpenAlerts(db, workspace.id, { keyResultId: keyResults[0]!.id }, ['AT_RISK'], now);
    expect(resolved?.id).toBe(alert.id);
    await queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id, event: 'ALERT_RESOLVED' });
    await eventually('the resolution delivered', async () => (await deliveriesOf(both.id))[0]?.status === 'DELIVERED');
    expect(verified.filter((v) => v.path === '/both').map((v) => (v.payload as { type: string; data: { alert: { state: string } } })))
      .toMatchObject([{ type: 'alert.resolved', data: { alert: { state: 'RESOLVED' } } }]);
    expect(await deliveriesOf(raisedOnly.id)).toEqual([]);
  });

  it('sends a Slack channel a Block Kit message with the status, the key result, the forecast and a link', async () => {
    const { workspace, raise } = await raiseAlert('@slacked');
    const channel = await addChannel(db, workspace.id, { kind: 'SLACK', url: receiver.url('/slack') }, now);
    const alert = await raise();
    await queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id });
    await eventually('the Slack delivery', async () => (await deliveriesOf(channel.id))[0]?.status === 'DELIVERED');
    const [request] = receiver.received.filter((r) => r.path === '/slack');
    expect(request!.headers['webhook-signature']).toBeUndefined();
    const message = JSON.parse(request!.body) as { text: string; blocks: { type: string; fields?: { text: string }[]; elements?: { url?: string }[] }[] };
    expect(message.text).toBe('Warning: at risk — Grow the audience');
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context', 'actions']);
    expect(message.blocks[2]!.fields!.map((f) => f.text)).toEqual([
      '*Key result*\nfollowers', '*Status*\nNO DATA', '*Current / target*\n— / 20', '*Forecast*\nnot enough data yet',
    ]);
    expect(message.blocks[4]!.elements![0]!.url).toContain(`alert=${alert.id}`);
  });

  it('disables a channel that has failed for a day, with one alert saying so through the other channels', async () => {
    const { workspace, raise } = await raiseAlert('@down');
    const down = await addChannel(db, workspace.id, { kind: 'WEBHOOK', url: receiver.url('/down'), secret }, now);
    const watcher = await addChannel(db, workspace.id, { kind: 'WEBHOOK', url: receiver.url('/watcher'), secret }, now);
    // Every delivery to it has failed since yesterday (NOTIFY_DISABLE_AFTER_MS: 24 h by default).
    await db.updateTable('notification_channels').set({ failing_since: sql<Date>`${now.toISOString()}::timestamptz - interval '25 hours'` }).where('id', '=', down.id).execute();
    const alert = await raise();
    await queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id });

    const [failed] = await eventually('the delivery to the disabled channel to give up', async () => {
      const rows = await deliveriesOf(down.id);
      return rows[0]?.status === 'FAILED' && rows;
    });
    expect(failed).toMatchObject({ attempts: 2, last_error: 'the channel is disabled' });
    expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(1);
    const [channel] = await db.selectFrom('notification_channels').selectAll().where('id', '=', down.id).execute();
    expect(channel).toMatchObject({ enabled: false, disabled_reason: expect.stringMatching(/^every delivery failed for 25 h/) });

    const disabledAlerts = await db.selectFrom('alerts').selectAll().where('workspace_id', '=', workspace.id).where('kind', '=', 'CHANNEL_DISABLED').execute();
    expect(disabledAlerts).toHaveLength(1);
    expect(disabledAlerts[0]).toMatchObject({ severity: 'CRITICAL', message: expect.stringContaining('"webhook channel" (WEBHOOK) was disabled') });
    await eventually('the watcher told', async () => verified.some((v) => v.path === '/watcher' && (v.payload as { data: { alert: { kind: string } } }).data.alert.kind === 'CHANNEL_DISABLED'));
    expect((await deliveriesOf(watcher.id)).map((d) => d.event_key).sort()).toEqual([`alert-raised-${alert.id}`, `alert-raised-${disabledAlerts[0]!.id}`].sort());
    // The disabled channel is not told about its own disabling.
    expect((await deliveriesOf(down.id)).map((d) => d.event_key)).toEqual([`alert-raised-${alert.id}`]);
  });
});
