import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { createTestDatabase, uniquePrefix } from '@goalpost/devstack/testing';
import { insertApiToken, insertWorkspace, upsertSocialAccount } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createDb } from '@goalpost/db';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unavailableDependency } from '../../src/edge/dependencyOutage.ts';
import { hashApiToken } from '../../src/auth/apiTokenHash.ts';
import { defaultEdgeSettings } from '../../src/edge/edgeSettings.ts';
import { createGatewayDeps } from '../../src/gatewayDeps.ts';
import { createGateway } from '../../src/yoga.ts';
import { noStackOrPath } from './leakChecks.ts';

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const appSecret = 'meta-app-secret-for-outage';
const bodies: string[] = [];

async function gatewayWith(databaseUrl: string, redisUrl: string) {
  const deps = createGatewayDeps({
    databaseUrl,
    redisUrl,
    queuePrefix: uniquePrefix('outage'),
    liveNamespace: uniquePrefix('outage-live'),
    evaluateDebounceMs: 0,
    webhookMaxBodyBytes: 64 * 1024,
    logLevel: 'silent',
    meta: { appSecret, verifyToken: 'verify' },
    publicUrl: 'http://gateway.test',
  });
  const gateway = createGateway(deps, { edge: { ...defaultEdgeSettings, rateLimits: { ...defaultEdgeSettings.rateLimits, keyPrefix: uniquePrefix('outage-rate') } } });
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await gateway.fetch(`http://gateway.test${path}`, init);
    const body = await response.text();
    bodies.push(body);
    return { status: response.status, retryAfter: response.headers.get('retry-after'), type: response.headers.get('content-type') ?? '', body, json: () => JSON.parse(body) };
  };
  return { deps, gateway, call, close: async () => { await gateway.yoga.dispose(); await deps.close(); } };
}

const graphql = (query: string, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify({ query }),
});
const metricsWebhook = (accountId: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' },
  body: JSON.stringify({ type: 'account.refresh', data: { accountId } }),
});
const metaNotification = () => {
  const body = JSON.stringify({ object: 'page', entry: [{ id: '4242' }] });
  return { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}` }, body };
};

function expectUnavailable(answer: { status: number; retryAfter: string | null; type: string }) {
  expect(answer.status).toBe(503);
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(answer.type).toMatch(/json/);
}

describe('PostgreSQL and Redis unreachable', () => {
  let down: Awaited<ReturnType<typeof gatewayWith>>;
  beforeAll(async () => {
    down = await gatewayWith(`postgres://goalpost:goalpost@127.0.0.1:${await closedPort()}/goalpost`, `redis://127.0.0.1:${await closedPort()}`);
  });
  afterAll(async () => down?.close());

  it('every HTTP route answers JSON 503 with Retry-After; /healthz stays up', async () => {
    const webhook = await down.call('/webhooks/metrics', metricsWebhook(randomUUID()));
    expectUnavailable(webhook);
    expect(webhook.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', error: expect.stringMatching(/PostgreSQL.*unavailable.*retry in \d+ s/), requestId: expect.any(String) });
    expectUnavailable(await down.call('/webhooks/meta', metaNotification()));
    const callback = await down.call(`/oauth/callback?state=${'s'.repeat(43)}&code=abc`);
    expectUnavailable(callback);
    expect(callback.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', error: expect.stringMatching(/Redis/) });
    expectUnavailable(await down.call(`/reports/plans/${encodeURIComponent(encodeGlobalID('Plan', randomUUID()))}.pdf`, { headers: { authorization: 'Bearer some-token' } }));
    const ready = await down.call('/readyz');
    expectUnavailable(ready);
    expect(ready.json()).toMatchObject({ postgres: false, redis: false });
    expect((await down.call('/healthz')).status).toBe(200);
  });

  it('GraphQL answers 503 with Retry-After and SERVICE_UNAVAILABLE', async () => {
    const answer = await down.call('/graphql', graphql('{ viewer { workspaceId } }', 'some-token'));
    expectUnavailable(answer);
    expect(answer.json().errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
    expect(answer.json().errors[0].extensions).not.toHaveProperty('http');
  });
});

describe('Redis unreachable, PostgreSQL up', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let half: Awaited<ReturnType<typeof gatewayWith>>;
  let token: string;
  let accountId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    half = await gatewayWith(database.url, `redis://127.0.0.1:${await closedPort()}`);
    const workspace = await insertWorkspace(half.deps.db, 'Half down');
    token = `test-${randomUUID()}`;
    await insertApiToken(half.deps.db, workspace.id, hashApiToken(token), 'test');
    const account = await upsertSocialAccount(half.deps.db, workspace.id, { platform: 'INSTAGRAM', handle: '@demo', source: 'DEMO', credentials: undefined });
    accountId = encodeGlobalID('SocialAccount', account.id);
  });
  afterAll(async () => {
    await half?.close();
    await database?.drop();
  });

  it('reads still answer (rate limits count in memory meanwhile); what needs Redis answers 503', async () => {
    const read = await half.call('/graphql', graphql('{ viewer { workspaceId accounts { id } } }', token));
    expect(read.status).toBe(200);
    expect(read.json().data.viewer.accounts).toEqual([{ id: accountId }]);

    expectUnavailable(await half.call(`/oauth/callback?state=${'s'.repeat(43)}&code=abc`));
    const ready = await half.call('/readyz');
    expectUnavailable(ready);
    expect(ready.json()).toMatchObject({ postgres: true, redis: false });
  });
});

describe('errors of pg and ioredis recognised as an outage, and only those', () => {
  it('recognises what pg and ioredis really throw', async () => {
    const redis = new Redis(`redis://127.0.0.1:${await closedPort()}`, { enableOfflineQueue: false, lazyConnect: true, maxRetriesPerRequest: 0 });
    const redisError = await redis.get('x').catch((error: unknown) => error);
    redis.disconnect();
    expect(unavailableDependency(redisError)).toBe('Redis');

    const refused = createDb(`postgres://goalpost:goalpost@127.0.0.1:${await closedPort()}/goalpost`);
    const connectError = await sql`select 1`.execute(refused).catch((error: unknown) => error);
    await refused.destroy();
    expect(unavailableDependency(connectError)).toMatch(/PostgreSQL/);

    // A backend terminated under a running query, as a restart of PostgreSQL does (SQLSTATE 57P01).
    const database = await createTestDatabase();
    const db = createDb(database.url);
    const terminated = await sql`select pg_terminate_backend(pg_backend_pid())`.execute(db).catch((error: unknown) => error);
    await db.destroy();
    await database.drop();
    expect(unavailableDependency(terminated)).toBe('PostgreSQL');
    // Wrapped as GraphQL wraps a resolver's error: still recognised.
    expect(unavailableDependency(new GraphQLError('located', { originalError: terminated as Error }))).toBe('PostgreSQL');
  });

  it('does not take a bug or bad SQL for an outage', async () => {
    const database = await createTestDatabase();
    const db = createDb(database.url);
    const badSql = await sql`select * from no_such_table`.execute(db).catch((error: unknown) => error);
    await db.destroy();
    await database.drop();
    expect(unavailableDependency(badSql)).toBeNull();
    expect(unavailableDependency(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
  });
});

describe('every answer above', () => {
  it('shows no stack trace and no absolute path', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(8);
    for (const body of bodies) noStackOrPath(body);
  });
});
