import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createDb, insertAlertOnce, listDeliveryAttempts, type Db } from '@goalpost/db';
import { createTestDatabase, testRedisUrl, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { createGoalpostQueues, type GoalpostQueues } from '@goalpost/jobs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPlan } from '../support/planFixture.ts';
import { startLocalReceiver, type LocalReceiver } from './localReceiver.ts';
import { addChannel, credentialsKeys, newWebhookSecret } from './notificationFixture.ts';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

describe('a worker killed with SIGKILL in the middle of a delivery', () => {
  const prefix = uniquePrefix('notify-crash');
  const children: ChildProcess[] = [];
  const secret = newWebhookSecret();
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let queues: GoalpostQueues;
  let receiver: LocalReceiver;

  /** The real worker process, as `npm start` runs it. */
  const startWorker = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'ignore'],
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: prefix,
        LIVE_NAMESPACE: prefix,
        CREDENTIALS_KEYS: credentialsKeys,
        OUTBOUND_ALLOW_HTTP: 'true',
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
        OUTBOUND_TIMEOUT_MS: '60000',
        LOCK_DURATION_MS: '2000',
        STALLED_INTERVAL_MS: '1000',
        REFRESH_EVERY_MS: '86400000',
        SWEEP_EVERY_MS: '86400000',
        LOG_LEVEL: 'silent',
        WORKER_PORT: '0',
      },
    });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix, evaluateDebounceMs: 0 });
    // The first request is held unanswered: the worker that sent it is killed while waiting.
    receiver = await startLocalReceiver((_request, index) => (index === 0 ? 'hang' : { status: 200 }));
  });
  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    await receiver?.close();
    await queues?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('is delivered by the next worker under the same webhook-id, one delivery in the log', { timeout: 60_000 }, async () => {
    const { workspace, plan, objective, keyResults } = await seedPlan(db, {
      account: { platform: 'X', handle: '@crash', source: 'PUSH' },
      plan: { startsOn: '2026-01-01', endsOn: '2026-06-30' },
      objective: { startsOn: '2026-01-01', deadline: '2026-06-30' },
      keyResults: [{ metric: 'followers', baseline: 10, target: 20 }],
    });
    const channel = await addChannel(db, workspace.id, { kind: 'WEBHOOK', url: receiver.url('/hook'), secret }, new Date());
    const alert = (await insertAlertOnce(db, workspace.id, {
      planId: plan.id, objectiveId: objective.id, keyResultId: keyResults[0]!.id, accountId: null,
      kind: 'AT_RISK', severity: 'WARNING', message: 'at risk', dedupKey: 'crash-test',
    }))!;
    await queues.enqueueDelivery({ workspaceId: workspace.id, alertId: alert.id });

    const first = startWorker();
    await eventually('the first worker to send', async () => receiver.received.length === 1, 30_000);
    first.kill('SIGKILL');
    await once(first, 'exit');

    startWorker();
    const [delivery] = await eventually('the delivery to be completed by the second worker', async () => {
      const rows = await db.selectFrom('notification_deliveries').selectAll().where('channel_id', '=', channel.id).execute();
      return rows[0]?.status === 'DELIVERED' && rows;
    }, 30_000);

    // At least once on the wire, once for the receiver: both requests carry the delivery's id, signed.
    expect(receiver.received).toHaveLength(2);
    for (const request of receiver.received) new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery!.id]));
    expect(await db.selectFrom('notification_deliveries').selectAll().where('channel_id', '=', channel.id).execute()).toHaveLength(1);
    // The killed attempt never reached its log line; the one that succeeded did.
    expect((await listDeliveryAttempts(db, delivery!.id)).map((a) => a.status_code)).toEqual([200]);
  });
});
