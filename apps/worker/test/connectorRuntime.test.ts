import { countMetricPoints, findSocialAccounts, insertWorkspace, upsertSocialAccount, type SocialAccountRow } from '@goalpost/db';
import { createCredentialCipher, oauthProviders, type PlatformCredentials } from '@goalpost/credentials';
import type { MetricsFetchPayload } from '@goalpost/jobs';
import { DelayedError, RateLimitError, UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { testRedisUrl } from '@goalpost/devstack/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../src/connectors/connector.ts';
import { createConnectorAccessTokens } from '../src/connectors/connectorAccessTokens.ts';
import { ConnectorFailure } from '../src/connectors/connectorFailure.ts';
import { requestJson, retryAfter, type HttpAnswer } from '../src/connectors/connectorHttp.ts';
import { createAccountRateLimits } from '../src/connectors/accountRateLimits.ts';
import { fetchMetrics, type FetchJobHooks, type FetchPosition } from '../src/processors/fetchMetrics.ts';
import { connectorSource } from '../src/sources/connectorSource.ts';
import { startFakePlatform, type FakePlatform } from './fakes/fakePlatformServer.ts';
import { createWorkerTestContext, type WorkerTestContext } from './support/workerTestContext.ts';

/**
 * A small platform for the runtime's sake: `GET /stats?from&to&page` answers two days per page, so a
 * five-day window takes three pages. Real platforms' connectors are tested against their own fakes.
 */
const ledgerConnector: Connector = {
  id: 'ledger',
  platform: 'PINTEREST',
  label: 'Ledger',
  defaultBaseUrl: 'https://ledger.invalid',
  metrics: { video_views: 'views' },
  granularity: 'DAY',
  maxWindowDays: 5,
  lookbackDays: 60,
  async fetch(request) {
    const url = new URL(`${request.baseUrl}/stats`);
    url.searchParams.set('from', request.window.from);
    url.searchParams.set('to', request.window.to);
    if (request.cursor) url.searchParams.set('page', request.cursor);
    // The ledger's app-wide limit says so in a header; its budget header says when the app is nearly out.
    const appLimit = (answer: HttpAnswer) =>
      answer.status === 429 && answer.headers.get('x-limit') === 'app' ? ConnectorFailure.rateLimited('Ledger app limit', retryAfter(answer.headers)!, 'platform', 429) : undefined;
    const { body, headers } = await requestJson('Ledger', { url, headers: { authorization: `Bearer ${request.accessToken}` } }, appLimit);
    const page = body as { days: { date: string; views: number }[]; next_page?: string };
    const spent = headers.get('x-app-budget-resets');
    return {
      points: page.days.map((d) => ({ metric: 'video_views', at: d.date, value: d.views })),
      ...(page.next_page ? { next: page.next_page } : {}),
      ...(spent ? { slowDownUntil: { until: new Date(Number(spent)), scope: 'platform' as const } } : {}),
    };
  },
};

const views = (date: string) => Number(date.slice(8)) * 10;

function ledgerAnswer(query: URLSearchParams) {
  const days: string[] = [];
  for (let day = query.get('from')!; day <= query.get('to')!; day = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10)) days.push(day);
  const page = Number(query.get('page') ?? 0);
  const slice = days.slice(page * 2, page * 2 + 2);
  return { body: { days: slice.map((date) => ({ date, views: views(date) })), ...(days.length > page * 2 + 2 ? { next_page: String(page + 1) } : {}) } };
}

function jobHooks() {
  const positions: FetchPosition[] = [];
  const delays: Date[] = [];
  const platformHolds: Date[] = [];
  const hooks: FetchJobHooks = {
    saveCursor: async (position) => void positions.push(position),
    reportProgress: async () => undefined,
    delayUntil: async (at) => void delays.push(at),
    holdPlatform: async (at) => void platformHolds.push(at),
  };
  return { hooks, positions, delays, platformHolds };
}

describe('the connector runtime', () => {
  const now = new Date('2026-03-15T08:00:00Z');
  const key = { id: 'k1', key: Buffer.alloc(32, 3) };
  const cipher = createCredentialCipher([key]);
  let t: WorkerTestContext;
  let platform: FakePlatform;
  let oauth: FakePlatform;
  let redis: Redis;

  beforeAll(async () => {
    platform = await startFakePlatform((request) => {
      if (request.headers.authorization !== 'Bearer live-token' && request.headers.authorization !== 'Bearer refreshed-token') {
        return { status: 401, body: { error: 'invalid_token' } };
      }
      if (request.path === '/stats') return ledgerAnswer(request.query);
      return { status: 404 };
    });
    oauth = await startFakePlatform((request) => {
      const form = new URLSearchParams(request.body);
      if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'good-refresh') {
        return { body: { access_token: 'refreshed-token', expires_in: 3600, refresh_token: 'rotated-refresh' } };
      }
      return { status: 400, body: { error: 'invalid_grant' } };
    });
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    t = await createWorkerTestContext('connector-runtime', { now, fetchChunkDays: 30 });
    const tokens = createConnectorAccessTokens({
      db: t.db,
      cipher,
      oauthClients: { pinterest: { provider: oauthProviders.pinterest, clientId: 'app', clientSecret: 'app-secret', authorizeUrl: `${oauth.baseUrl}/authorize`, tokenUrl: `${oauth.baseUrl}/token` } },
    });
    t.deps.sources.CONNECTOR = connectorSource({
      connectorFor: (p) => (p === 'PINTEREST' ? ledgerConnector : undefined),
      baseUrls: { ledger: platform.baseUrl },
      tokens,
      accountLimits: createAccountRateLimits(redis, t.prefix),
      now: () => now,
    });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.quit();
    await platform?.close();
    await oauth?.close();
  });
  beforeEach(() => {
    platform.reset();
    oauth.reset();
  });

  async function connectedAccount(handle: string, credentials: PlatformCredentials): Promise<SocialAccountRow> {
    const workspace = await insertWorkspace(t.db, `Workspace ${handle}`);
    return upsertSocialAccount(t.db, workspace.id, { platform: 'PINTEREST', handle, source: 'CONNECTOR', credentials: cipher.seal(credentials), externalId: handle });
  }
  const payloadFor = (account: SocialAccountRow, from: string, to: string): MetricsFetchPayload =>
    ({ workspaceId: account.workspace_id, accountId: account.id, source: account.source, platform: account.platform, from, to, reason: 'manual' });

  it('walks the window in chunks the platform allows, page by page, saving each page position', async () => {
    const account = await connectedAccount('pages', { accessToken: 'live-token' });
    const job = jobHooks();

    const result = await fetchMetrics(payloadFor(account, '2026-03-01', '2026-03-07'), t.deps, job.hooks);

    // Seven days at five per request: 01–05 (pages 0, 1, 2) and 06–07 (one page).
    expect(platform.requests.map((r) => `${r.query.get('from')}..${r.query.get('to')}#${r.query.get('page') ?? 0}`)).toEqual([
      '2026-03-01..2026-03-05#0', '2026-03-01..2026-03-05#1', '2026-03-01..2026-03-05#2', '2026-03-06..2026-03-07#0',
    ]);
    expect(job.positions).toEqual([
      { cursor: '2026-03-01', pageCursor: '1' }, { cursor: '2026-03-01', pageCursor: '2' }, { cursor: '2026-03-06' }, { cursor: '2026-03-08' },
    ]);
    expect(result).toMatchObject({ chunks: 2, pages: 4, written: 7 });
    const points = await t.db.selectFrom('metric_points').select(['bucket_start', 'value']).where('account_id', '=', account.id).orderBy('bucket_start').execute();
    expect(points.map((p) => [String(p.bucket_start), p.value])).toEqual(['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-03-${d}`, Number(d) * 10]));
  });

  it('resumes at the page a failed run stopped on, after a 5xx, without asking for stored pages again', async () => {
    const account = await connectedAccount('resume', { accessToken: 'live-token' });
    platform.queue({ body: ledgerAnswer(new URLSearchParams({ from: '2026-03-01', to: '2026-03-05' })).body }, { status: 503, body: 'unavailable' });
    const crashed = jobHooks();
    const failure = await fetchMetrics(payloadFor(account, '2026-03-01', '2026-03-05'), t.deps, crashed.hooks).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'TRANSIENT' });
    expect(crashed.positions).toEqual([{ cursor: '2026-03-01', pageCursor: '1' }]);
    expect(await countMetricPoints(t.db, account.workspace_id, account.id)).toBe(2);

    platform.reset();
    const retried = await fetchMetrics({ ...payloadFor(account, '2026-03-01', '2026-03-05'), ...crashed.positions.at(-1)! }, t.deps, jobHooks().hooks);
    expect(platform.requests.map((r) => r.query.get('page'))).toEqual(['1', '2']);
    expect(retried).toMatchObject({ resumed: false, pages: 2, written: 3 });
    expect(await countMetricPoints(t.db, account.workspace_id, account.id)).toBe(5);
  });

  it('never asks for days older than the platform keeps', async () => {
    const account = await connectedAccount('lookback', { accessToken: 'live-token' });
    await fetchMetrics(payloadFor(account, '2025-01-01', '2026-01-16'), t.deps, jobHooks().hooks);
    // 60 days back from 2026-03-15.
    expect(platform.requests[0]?.query.get('from')).toBe('2026-01-14');
  });

  it('delays the job on a 429 until the platform allows it, and holds other requests of the same scope without sending them', async () => {
    const limited = await connectedAccount('limited', { accessToken: 'live-token' });
    const neighbour = await connectedAccount('neighbour', { accessToken: 'live-token' });
    platform.queue({ status: 429, headers: { 'retry-after': '120' } });

    const job = jobHooks();
    await expect(fetchMetrics(payloadFor(limited, '2026-03-01', '2026-03-02'), t.deps, job.hooks)).rejects.toBeInstanceOf(DelayedError);
    expect(job.delays).toHaveLength(1);
    expect(Math.abs(job.delays[0]!.getTime() - (Date.now() + 120_000))).toBeLessThan(5_000);

    // The token's limit holds this account: the next run sends nothing and waits for the same time.
    const again = jobHooks();
    await expect(fetchMetrics(payloadFor(limited, '2026-03-01', '2026-03-02'), t.deps, again.hooks)).rejects.toBeInstanceOf(DelayedError);
    expect(platform.requests).toHaveLength(1);
    expect(again.delays[0]!.getTime()).toBe(job.delays[0]!.getTime());
    // …and no other account: an account-scoped limit is not the app's.
    await fetchMetrics(payloadFor(neighbour, '2026-03-01', '2026-03-02'), t.deps, jobHooks().hooks);
    expect(platform.requests).toHaveLength(2);
  });

  it('holds the platform\'s queue on an app-wide limit, without holding the account or spending an attempt', async () => {
    const account = await connectedAccount('app-limited', { accessToken: 'live-token' });
    platform.queue({ status: 429, headers: { 'retry-after': '300', 'x-limit': 'app' } });
    const job = jobHooks();
    await expect(fetchMetrics(payloadFor(account, '2026-03-01', '2026-03-02'), t.deps, job.hooks)).rejects.toBeInstanceOf(RateLimitError);
    expect(job.platformHolds).toHaveLength(1);
    expect(Math.abs(job.platformHolds[0]!.getTime() - (Date.now() + 300_000))).toBeLessThan(5_000);
    expect(job.delays).toEqual([]);
    // The app's limit is the queue's business: the account itself is not held.
    await fetchMetrics(payloadFor(account, '2026-03-01', '2026-03-02'), t.deps, jobHooks().hooks);
    expect(platform.requests).toHaveLength(2);
  });

  it('stores the page that says the app budget is nearly spent, then holds the platform and waits at the next page', async () => {
    const account = await connectedAccount('budget', { accessToken: 'live-token' });
    const resets = Date.now() + 120_000;
    platform.queue({ ...ledgerAnswer(new URLSearchParams({ from: '2026-03-01', to: '2026-03-05' })), headers: { 'x-app-budget-resets': String(resets) } });
    const job = jobHooks();
    await expect(fetchMetrics(payloadFor(account, '2026-03-01', '2026-03-05'), t.deps, job.hooks)).rejects.toBeInstanceOf(RateLimitError);
    expect(job.platformHolds).toEqual([new Date(resets)]);
    expect(job.positions).toEqual([{ cursor: '2026-03-01', pageCursor: '1' }]);
    expect(await countMetricPoints(t.db, account.workspace_id, account.id)).toBe(2);
    expect(platform.requests).toHaveLength(1);
  });

  it('holds an account on its own limit, an earlier time never shortening the hold', async () => {
    const limits = createAccountRateLimits(redis, t.prefix);
    const until = new Date(Date.now() + 600_000);
    await limits.hold('some-account', until);
    await limits.hold('some-account', new Date(Date.now() + 1000));
    expect(await limits.closedUntil('some-account', new Date())).toEqual(until);
    expect(await limits.closedUntil('other-account', new Date())).toBeUndefined();
  });

  it('refreshes a refused token once, stores the rotated credentials sealed, and goes on', async () => {
    const account = await connectedAccount('refresh', { accessToken: 'stale-token', refreshToken: 'good-refresh' });
    const result = await fetchMetrics(payloadFor(account, '2026-03-01', '2026-03-02'), t.deps, jobHooks().hooks);
    expect(result).toMatchObject({ written: 2 });
    expect(platform.requests.map((r) => r.headers.authorization)).toEqual(['Bearer stale-token', 'Bearer refreshed-token']);
    expect(oauth.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('app:app-secret').toString('base64')}`);

    const [stored] = await findSocialAccounts(t.db, account.workspace_id, [account.id]);
    expect(JSON.stringify(stored?.credentials)).not.toContain('refreshed-token');
    expect(cipher.open(stored?.credentials)).toMatchObject({ accessToken: 'refreshed-token', refreshToken: 'rotated-refresh', expiresAt: '2026-03-15T09:00:00.000Z' });
  });

  it('reseals credentials under the current key when the keys have rotated', async () => {
    const retired = { id: 'k0', key: Buffer.alloc(32, 4) };
    const workspace = await insertWorkspace(t.db, 'Rotation');
    const account = await upsertSocialAccount(t.db, workspace.id, {
      platform: 'PINTEREST', handle: 'rotation', source: 'CONNECTOR', externalId: 'rotation',
      credentials: createCredentialCipher([retired]).seal({ accessToken: 'live-token' }),
    });
    const rotated = createCredentialCipher([key, retired]);
    const tokens = createConnectorAccessTokens({ db: t.db, cipher: rotated, oauthClients: {} });
    expect(await tokens.current(account, now)).toBe('live-token');
    const [stored] = await findSocialAccounts(t.db, workspace.id, [account.id]);
    expect(stored?.credentials).toMatchObject({ kid: 'k1' });
    expect(cipher.open(stored?.credentials)).toEqual({ accessToken: 'live-token' });
  });

  it('refreshes a token about to expire before using it', async () => {
    const account = await connectedAccount('expiring', { accessToken: 'stale-token', refreshToken: 'good-refresh', expiresAt: '2026-03-15T08:01:00Z' });
    await fetchMetrics(payloadFor(account, '2026-03-01', '2026-03-01'), t.deps, jobHooks().hooks);
    expect(oauth.requests).toHaveLength(1);
    expect(platform.requests.map((r) => r.headers.authorization)).toEqual(['Bearer refreshed-token']);
  });

  it('puts the account in NEEDS_REAUTH with one alert when the token cannot be refreshed, and stops retrying', async () => {
    const account = await connectedAccount('revoked', { accessToken: 'revoked-token', refreshToken: 'dead-refresh' });
    const run = () => fetchMetrics(payloadFor(account, '2026-03-01', '2026-03-02'), t.deps, jobHooks().hooks);

    await expect(run()).rejects.toBeInstanceOf(UnrecoverableError);
    const [stored] = await findSocialAccounts(t.db, account.workspace_id, [account.id]);
    expect(stored?.status).toBe('NEEDS_REAUTH');
    const alerts = await t.db.selectFrom('alerts').selectAll().where('account_id', '=', account.id).execute();
    expect(alerts).toMatchObject([{ kind: 'ACCOUNT_NEEDS_REAUTH', severity: 'CRITICAL', state: 'OPEN' }]);
    expect(alerts[0]?.message).toContain('reauthorizeAccount');
    expect(alerts[0]?.message).not.toContain('revoked-token');
    expect(await t.queues.alertDeliver.getJob(`deliver-${alerts[0]!.id}`)).toBeDefined();

    // A second run (a duplicate job) neither fetches nor raises again.
    platform.reset();
    await expect(run()).resolves.toEqual({ skipped: 'the account is NEEDS_REAUTH' });
    expect(platform.requests).toHaveLength(0);
    expect(await t.db.selectFrom('alerts').select('id').where('account_id', '=', account.id).execute()).toHaveLength(1);
  });

  it('puts an account the platform does not know in ERROR', async () => {
    const account = await connectedAccount('gone', { accessToken: 'live-token' });
    platform.queue({ status: 404, body: { error: 'not found' } });
    await expect(fetchMetrics(payloadFor(account, '2026-03-01', '2026-03-02'), t.deps, jobHooks().hooks)).rejects.toThrow('is set to ERROR');
    const [stored] = await findSocialAccounts(t.db, account.workspace_id, [account.id]);
    expect(stored?.status).toBe('ERROR');
  });
});
