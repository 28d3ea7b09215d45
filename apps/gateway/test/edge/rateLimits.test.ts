import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { insertApiToken, insertWorkspace } from '@goalpost/db';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { hashApiToken } from '../../src/auth/apiTokenHash.ts';
import { startGatewayHarness } from '../gatewayHarness.ts';
import { serveOverHttp } from './httpServer.ts';

const started: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of started.splice(0).reverse()) await s.close();
});

async function gatewayOnHttp(label: string, rateLimits: Record<string, number | string>) {
  const harness = await startGatewayHarness(label, { edge: { rateLimits } });
  const http = await serveOverHttp(harness);
  started.push(harness, http);
  // Until Redis answers, each instance counts in memory (the insurance limiter): start counting in Redis.
  if (harness.deps.redis.status !== 'ready') await once(harness.deps.redis, 'ready');
  return { harness, url: http.url };
}

const ask = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });

async function expectRateLimitedGraphQL(response: Response, whose: RegExp) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = (await response.json()) as { errors: { message: string; extensions: { code: string; retryAfterSeconds: number } }[] };
  expect(body.errors[0]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
  expect(body.errors[0]!.message).toMatch(whose);
}

describe('rate limits kept in Redis, shared by every gateway instance', () => {
  it('counts one client address across two gateways on one Redis', async () => {
    const keyPrefix = `t-rate-${randomUUID()}`;
    const a = await gatewayOnHttp('rate-a', { keyPrefix, graphqlPerAddress: 5 });
    const b = await gatewayOnHttp('rate-b', { keyPrefix, graphqlPerAddress: 5 });
    for (const url of [a.url, b.url, a.url, b.url, a.url]) expect((await ask(url)).status).toBe(200);
    await expectRateLimitedGraphQL(await ask(b.url), /your address: at most 5 per 60 s/);
    await expectRateLimitedGraphQL(await ask(a.url), /your address/);
    // Another deployment (its own prefix) on the same Redis counts apart.
    const other = await gatewayOnHttp('rate-other', { keyPrefix: `t-rate-${randomUUID()}`, graphqlPerAddress: 5 });
    expect((await ask(other.url)).status).toBe(200);
  });

  it('counts one token across two gateways, whatever address it comes from', async () => {
    const keyPrefix = `t-rate-${randomUUID()}`;
    const a = await gatewayOnHttp('token-a', { keyPrefix, graphqlPerToken: 3, trustedProxyHops: 1 });
    const b = await gatewayOnHttp('token-b', { keyPrefix, graphqlPerToken: 3, trustedProxyHops: 1 });
    const token = `test-${randomUUID()}`;
    for (const { harness } of [a, b]) {
      const workspace = await insertWorkspace(harness.deps.db, 'Shared token');
      await insertApiToken(harness.deps.db, workspace.id, hashApiToken(token), 'test');
    }
    const authorization = `Bearer ${token}`;
    const from = (address: string) => ({ authorization, 'x-forwarded-for': address });
    expect((await ask(a.url, from('203.0.113.1'))).status).toBe(200);
    expect((await ask(b.url, from('203.0.113.2'))).status).toBe(200);
    expect((await ask(a.url, from('203.0.113.3'))).status).toBe(200);
    await expectRateLimitedGraphQL(await ask(b.url, from('203.0.113.4')), /this token: at most 3 per 60 s/);
    // Another token is not held back by this one.
    const other = await a.harness.newWorkspace('Other');
    expect((await ask(a.url, { authorization: `Bearer ${other.token}` })).status).toBe(200);
  });
});

describe('the client address', () => {
  it('ignores X-Forwarded-For unless the gateway is told it is behind a trusted proxy', async () => {
    const direct = await gatewayOnHttp('xff-direct', { graphqlPerAddress: 2 });
    expect((await ask(direct.url, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
    expect((await ask(direct.url, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
    // A forged header does not make a new client.
    expect((await ask(direct.url, { 'x-forwarded-for': '198.51.100.3' })).status).toBe(429);
  });

  it('behind one trusted proxy, takes the address that proxy appended, not what the client wrote before it', async () => {
    const proxied = await gatewayOnHttp('xff-proxied', { graphqlPerAddress: 2, trustedProxyHops: 1 });
    const via = (client: string, forged = '10.9.9.9') => ({ 'x-forwarded-for': `${forged}, ${client}` });
    expect((await ask(proxied.url, via('198.51.100.1', '1.1.1.1'))).status).toBe(200);
    expect((await ask(proxied.url, via('198.51.100.1', '2.2.2.2'))).status).toBe(200);
    expect((await ask(proxied.url, via('198.51.100.1', '3.3.3.3'))).status).toBe(429);
    expect((await ask(proxied.url, via('198.51.100.2'))).status).toBe(200);
  });
});

describe('rate limits of the webhooks and the OAuth callback', () => {
  it('answer 429 as JSON with Retry-After', async () => {
    const limited = await gatewayOnHttp('rate-routes', { webhooksPerAddress: 2, oauthPerAddress: 1 });
    const webhook = () => fetch(`${limited.url}/webhooks/metrics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect((await webhook()).status).toBe(401);
    expect((await webhook()).status).toBe(401);
    const refused = await webhook();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED', error: expect.stringMatching(/at most 2 per 60 s/) });
    // The Meta webhook is a webhook too: same counter.
    expect((await fetch(`${limited.url}/webhooks/meta`, { method: 'POST', body: '{}' })).status).toBe(429);

    expect((await fetch(`${limited.url}/oauth/callback?state=nope&code=x`)).status).toBe(400);
    const callback = await fetch(`${limited.url}/oauth/callback?state=nope&code=x`);
    expect(callback.status).toBe(429);
    expect(callback.headers.get('content-type')).toMatch(/json/);
    expect(await callback.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // Health checks are never rate limited.
    for (let i = 0; i < 5; i++) expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
  });
});

describe('rate limits of graphql-ws operations', () => {
  it('counts each operation as a request of its token and refuses with RATE_LIMITED', async () => {
    const gateway = await gatewayOnHttp('rate-ws', { graphqlPerToken: 2 });
    const { token } = await gateway.harness.newWorkspace('Sockets');
    const client = createClient({ url: `${gateway.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
    const run = () =>
      new Promise<{ data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>((resolve) => {
        let result: { data?: unknown } = {};
        client.subscribe({ query: '{ viewer { workspaceId } }' }, {
          next: (value) => (result = value),
          error: (errors) => resolve({ errors: errors as never }),
          complete: () => resolve(result),
        });
      });
    expect((await run()).data).toBeTruthy();
    expect((await run()).data).toBeTruthy();
    const refused = await run();
    await client.dispose();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(refused.errors?.[0]?.message).toMatch(/this token: at most 2 per 60 s/);
  });
});
