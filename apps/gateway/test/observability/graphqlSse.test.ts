import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-sse';
import { Redis } from 'ioredis';
import { testRedisUrl } from '@goalpost/devstack/testing';
import { insertAlertOnce } from '@goalpost/db';
import { liveChannel, liveTopics } from '@goalpost/jobs';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';

describe('graphql-sse at /graphql/stream', () => {
  let harness: GatewayHarness;
  let server: Server;
  let url: string;
  const clients: Client<boolean>[] = [];
  const redis = new Redis(testRedisUrl());

  beforeAll(async () => {
    harness = await startGatewayHarness('gqlsse');
    server = createServer(harness.gateway.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql/stream`;
  });
  afterAll(async () => {
    for (const client of clients) client.dispose();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await redis.quit();
    await harness?.close();
  });

  const clientFor = (token: string | null, singleConnection: boolean) => {
    // Headers from a function: the client writes its stream token into a headers object, which would
    // then go along with its next reservation (refused with 409).
    const client = createClient({ url, singleConnection, retryAttempts: 0, headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}) });
    clients.push(client);
    return client;
  };
  /** Waits for the gateway's Redis subscription to the channel: the subscription is live, not hoped to be. */
  const subscribedTo = async (channel: string) => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [, count] = (await redis.pubsub('NUMSUB', channel)) as [string, number];
      if (Number(count) > 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`nobody subscribed to ${channel}`);
  };

  for (const singleConnection of [true, false]) {
    it(`answers queries and delivers a subscription's events (${singleConnection ? 'single connection' : 'distinct connections'} mode)`, async () => {
      const alice = await harness.newWorkspace(`Alice ${singleConnection}`);
      const client = clientFor(alice.token, singleConnection);

      const query = client.iterate({ query: '{ plans { edges { node { id } } } }' });
      expect((await query.next()).value).toEqual({ data: { plans: { edges: [] } } });
      await query.return?.();

      const events = client.iterate<{ alertRaised: { kind: string; message: string } }>({ query: 'subscription { alertRaised { kind message } }' });
      const first = events.next();
      const channel = liveChannel(liveTopics(harness.liveNamespace).alertRaised, alice.workspaceId);
      await subscribedTo(channel);
      const alert = await insertAlertOnce(harness.deps.db, alice.workspaceId, {
        planId: null, objectiveId: null, keyResultId: null, accountId: null,
        kind: 'OFF_TRACK', severity: 'WARNING', message: `over graphql-sse ${singleConnection}`, dedupKey: `sse:${singleConnection}`,
      });
      await redis.publish(channel, JSON.stringify({ alertId: alert!.id, planId: null }));
      expect((await first).value).toEqual({ data: { alertRaised: { kind: 'OFF_TRACK', message: `over graphql-sse ${singleConnection}` } } });
      await events.return?.();
    });
  }

  for (const singleConnection of [true, false]) {
    it(`refuses a subscription without a token when it is made, as every other transport does (${singleConnection ? 'single' : 'distinct'})`, async () => {
      const events = clientFor(null, singleConnection).iterate({ query: 'subscription { alertRaised { kind } }' });
      expect((await events.next()).value).toMatchObject({ data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      expect((await events.next()).done).toBe(true);
    });
  }

  it('ends a subscription whose event cannot be read with an error result, and the gateway goes on', async () => {
    const bob = await harness.newWorkspace('Bob');
    const client = clientFor(bob.token, true);
    const events = client.iterate({ query: 'subscription { alertRaised { kind } }' });
    const first = events.next();
    const channel = liveChannel(liveTopics(harness.liveNamespace).alertRaised, bob.workspaceId);
    await subscribedTo(channel);
    // Not a uuid: PostgreSQL refuses the reload, inside the stream.
    await redis.publish(channel, JSON.stringify({ alertId: 'not-a-uuid', planId: null }));
    expect((await first).value).toEqual({
      errors: [expect.objectContaining({ message: 'The subscription stopped on an unexpected error: subscribe again.', extensions: { code: 'SUBSCRIPTION_FAILED' } })],
    });
    expect((await events.next()).done).toBe(true);
    const after = client.iterate({ query: '{ plans { edges { node { id } } } }' });
    expect((await after.next()).value).toEqual({ data: { plans: { edges: [] } } });
  });
});
