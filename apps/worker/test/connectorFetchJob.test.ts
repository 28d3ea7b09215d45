import { countMetricPoints, createDb, findSocialAccounts, insertWorkspace, upsertSocialAccount, type Db } from '@goalpost/db';
import { createCredentialCipher } from '@goalpost/credentials';
import { createTestDatabase, testRedisUrl, uniquePrefix, eventually } from '@goalpost/devstack/testing';
import { createGoalpostQueues, type GoalpostQueues } from '@goalpost/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkerEnv } from '../src/env.ts';
import { createWorkerApp, type WorkerApp } from '../src/workerApp.ts';
import type { FakePlatform } from './fakes/fakePlatformServer.ts';
import { startXFake, xPostsOn } from './fakes/xFake.ts';
import { listenToLiveEvents } from './support/workerTestContext.ts';

/** The whole path as deployed: a queued fetch, the BullMQ worker, the registry's X connector, sealed credentials. */
describe('a CONNECTOR account fetched by the worker app', () => {
  const prefix = uniquePrefix('connector-job');
  const key = { id: 'k1', key: Buffer.alloc(32, 5) };
  const cipher = createCredentialCipher([key]);
  const now = new Date('2026-03-15T08:00:00Z');
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let queues: GoalpostQueues;
  let x: FakePlatform;
  let app: WorkerApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    queues = createGoalpostQueues({ connection: { url: testRedisUrl() }, prefix, evaluateDebounceMs: 0 });
    x = await startXFake({ followers: 5120, posts: [...xPostsOn('2026-03-13', 2), ...xPostsOn('2026-03-14', 1, 2)] });
    app = createWorkerApp(readWorkerEnv({
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      LIVE_NAMESPACE: prefix,
      EVALUATE_DEBOUNCE_MS: '0',
      LOG_LEVEL: 'silent',
      CREDENTIALS_KEYS: `k1:${key.key.toString('base64')}`,
      CONNECTOR_X_BASE_URL: x.baseUrl,
    }), { now: () => now });
    await app.start();
  });
  afterAll(async () => {
    await app?.close();
    await queues?.close();
    await db?.destroy();
    await database?.drop();
    await x?.close();
  });

  async function xAccount(handle: string, accessToken: string) {
    const workspace = await insertWorkspace(db, `Workspace ${handle}`);
    return upsertSocialAccount(db, workspace.id, { platform: 'X', handle, source: 'CONNECTOR', externalId: '2244994945', credentials: cipher.seal({ accessToken }) });
  }

  it('stores the platform’s points for the window', async () => {
    const account = await xAccount('@connected', 'x-user-token');
    const job = await queues.enqueueFetch({ workspaceId: account.workspace_id, accountId: account.id, source: account.source, platform: account.platform, from: '2026-03-10', to: '2026-03-15', reason: 'connect' });
    await eventually('the fetch to complete', async () => (await job.getState()) === 'completed');

    const points = await db.selectFrom('metric_points').select(['metric', 'bucket_start', 'value']).where('account_id', '=', account.id).orderBy('metric').orderBy('bucket_start').execute();
    expect(points.filter((p) => p.metric === 'posts').map((p) => [String(p.bucket_start), p.value])).toEqual([['2026-03-13', 2], ['2026-03-14', 1]]);
    expect(points.find((p) => p.metric === 'followers')).toMatchObject({ bucket_start: '2026-03-15', value: 5120 });
    expect(x.requests.every((r) => r.headers.authorization === 'Bearer x-user-token')).toBe(true);
    const [synced] = await findSocialAccounts(db, account.workspace_id, [account.id]);
    expect(synced?.last_synced_at).toEqual(now);
  });

  it('stops at once on a revoked token: NEEDS_REAUTH, one alert announced live, no retries', async () => {
    const live = await listenToLiveEvents(prefix);
    const account = await xAccount('@revoked', 'revoked-token');
    const job = await queues.enqueueFetch({ workspaceId: account.workspace_id, accountId: account.id, source: account.source, platform: account.platform, from: '2026-03-10', to: '2026-03-15', reason: 'schedule' });
    await eventually('the fetch to fail', async () => (await job.getState()) === 'failed');

    expect(job.queueName).toBe('metrics-fetch-x');
    const failed = await queues.metricsFetchQueueFor(account).getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/needs re-authorising/);
    expect(failed?.failedReason).not.toContain('revoked-token');
    const [stored] = await findSocialAccounts(db, account.workspace_id, [account.id]);
    expect(stored?.status).toBe('NEEDS_REAUTH');
    expect(await countMetricPoints(db, account.workspace_id, account.id)).toBe(0);
    await eventually('the alert to be announced', async () => live.events.some((e) => e.channel.includes('alertRaised') && e.channel.includes(account.workspace_id)));
    await live.close();
  });
});
