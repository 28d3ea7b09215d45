import { createDb, upsertMetricPoints, type Db } from '@goalpost/db';
import { addDays } from '@goalpost/domain';
import { createTestDatabase, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/processors/evaluatePlan.ts';
import { evaluatePlans, fannedOutStatusChangesKeptMs, unpublishedAlertGraceMs } from '../../src/processors/sweeps.ts';
import { createWorkerApp, type WorkerApp } from '../../src/workerApp.ts';
import { seedPlan } from '../support/planFixture.ts';
import { startLocalReceiver, type LocalReceiver } from './localReceiver.ts';
import { addChannel, newWebhookSecret, notificationWorkerEnv } from './notificationFixture.ts';

describe('a status change lost between the evaluation\'s write and its fan-out', () => {
  const prefix = uniquePrefix('statuslost');
  let now = new Date('2026-03-15T06:00:00Z');
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let app: WorkerApp;
  let receiver: LocalReceiver;
  const secret = newWebhookSecret();

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

  it('is delivered by the evaluate-plans sweep, once per channel, and the sweep after finds nothing left', async () => {
    const { workspace, plan, account, objective, keyResults } = await seedPlan(db, {
      account: { platform: 'X', handle: '@lost', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30', title: 'Grow the audience' },
      keyResults: [{ metric: 'followers', baseline: 10, target: 20 }],
    });
    const ws = workspace.id;
    await upsertMetricPoints(db, ws, account.id, Array.from({ length: 70 }, (_, i) => ({ metric: 'followers', at: addDays('2026-01-03', i), value: 10 })), 'PUSH');
    await addChannel(db, ws, { kind: 'WEBHOOK', url: receiver.url('/first'), secret, events: ['STATUS_CHANGED'] }, now);
    await addChannel(db, ws, { kind: 'WEBHOOK', url: receiver.url('/second'), secret, events: ['STATUS_CHANGED'] }, now);

    // The worker dies at the fan-out's first enqueue: the evaluation's write is committed, the first
    // channel's first delivery row exists without a job, and nothing else was handed over.
    const dying = { ...app.deps, queues: { ...app.deps.queues, enqueueNotification: async () => { throw new Error('the worker died'); } } };
    await expect(evaluatePlan({ workspaceId: ws, planId: plan.id, reason: 'manual' }, dying)).rejects.toThrow('the worker died');
    const [kr] = await db.selectFrom('key_results').select('status').where('id', '=', keyResults[0]!.id).execute();
    expect(kr!.status).toBe('OFF_TRACK');
    const recorded = await db.selectFrom('status_change_outbox').select(['event_key', 'fanned_out_at']).where('workspace_id', '=', ws).orderBy('event_key').execute();
    expect(recorded).toEqual([
      { event_key: `status-changed-key-result-${keyResults[0]!.id}-2026-03-15-NO_DATA-OFF_TRACK`, fanned_out_at: null },
      { event_key: `status-changed-objective-${objective.id}-2026-03-15-NO_DATA-OFF_TRACK`, fanned_out_at: null },
    ].sort((a, b) => a.event_key.localeCompare(b.event_key)));
    const before = await db.selectFrom('notification_deliveries').select('id').where('workspace_id', '=', ws).execute();
    expect(before).toHaveLength(1);

    // Within the grace the change is left to its run; after it, the sweep fans it out.
    expect(await evaluatePlans(app.deps)).toMatchObject({ statusChanges: 0 });
    now = new Date(now.getTime() + unpublishedAlertGraceMs + 1_000);
    expect(await evaluatePlans(app.deps)).toMatchObject({ statusChanges: 2 });
    const received = await eventually('both changes at both channels', async () => {
      const got = receiver.received.filter((r) => r.path === '/first' || r.path === '/second');
      return got.length === 4 && got;
    });
    const changes = received.map((r) => `${r.path} ${(new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { data: { change: { subject: string } } }).data.change.subject}`);
    expect(changes.sort()).toEqual(['/first KEY_RESULT', '/first OBJECTIVE', '/second KEY_RESULT', '/second OBJECTIVE']);
    // The delivery made before the crash is the one sent (the same webhook-id), not a second one.
    expect(received.map((r) => r.headers['webhook-id'])).toContain(before[0]!.id);
    expect(await db.selectFrom('notification_deliveries').select('id').where('workspace_id', '=', ws).execute()).toHaveLength(4);

    // Marked: the next sweeps find nothing to fan out, and nobody hears of the change twice. The
    // evaluation these sweeps enqueue runs too (same day, status stored: no change), and a marker
    // delivery sent after them arrives alone.
    expect(await db.selectFrom('status_change_outbox').select('event_key').where('workspace_id', '=', ws).where('fanned_out_at', 'is', null).execute()).toEqual([]);
    expect(await evaluatePlans(app.deps)).toMatchObject({ statusChanges: 0 });
    await evaluatePlan({ workspaceId: ws, planId: plan.id, reason: 'manual' }, app.deps);
    await addChannel(db, ws, { kind: 'WEBHOOK', url: receiver.url('/marker'), secret, events: ['STATUS_CHANGED'] }, now);
    await db.updateTable('status_change_outbox').set({ fanned_out_at: null }).where('workspace_id', '=', ws).execute();
    expect(await evaluatePlans(app.deps)).toMatchObject({ statusChanges: 2 });
    await eventually('the marker channel\'s two changes', async () => receiver.received.filter((r) => r.path === '/marker').length === 2);
    expect(receiver.received.filter((r) => r.path === '/first' || r.path === '/second')).toHaveLength(4);

    // A week on, the sweep forgets the fanned-out changes (the deliveries keep the dedup keys).
    const outbox = () => db.selectFrom('status_change_outbox').select('event_key').where('workspace_id', '=', ws).execute();
    expect(await outbox()).toHaveLength(2);
    await evaluatePlans({ ...app.deps, now: () => new Date(now.getTime() + fannedOutStatusChangesKeptMs + 60_000) });
    expect(await outbox()).toEqual([]);
  });
});
