import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Redis } from 'ioredis';
import { testRedisUrl } from '@goalpost/devstack/testing';
import { insertAlertOnce } from '@goalpost/db';
import { liveChannel, liveTopics } from '@goalpost/jobs';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

describe('alertRaised over graphql-ws, fed by Redis pub/sub', () => {
  let harness: GatewayHarness;
  let server: Server;
  let closeWebSockets: () => Promise<void>;
  let url: string;
  const clients: Client[] = [];
  const publisher = new Redis(testRedisUrl());

  beforeAll(async () => {
    harness = await startGatewayHarness('ws');
    server = createServer(harness.gateway.yoga);
    closeWebSockets = harness.gateway.attachWebSockets(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await closeWebSockets?.();
    await new Promise((resolve) => server?.close(resolve));
    await publisher.quit();
    await harness?.close();
  });

  function subscribe(token: string) {
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false });
    clients.push(client);
    const received: any[] = [];
    const ready = new Promise<void>((resolve) => client.on('connected', () => setTimeout(resolve, 300)));
    client.subscribe({ query: 'subscription { alertRaised { id kind message } }' }, {
      next: (value) => received.push(value),
      error: (error) => received.push({ error }),
      complete: () => {},
    });
    return { received, ready };
  }

  it('delivers an alert to its workspace and to no other', async () => {
    const alice = await harness.newWorkspace('Alice');
    const bob = await harness.newWorkspace('Bob');
    const plan = await alice.gql(`mutation { createPlan(input: { name: "P", startsOn: "2026-01-01", endsOn: "2026-06-30" }) { ... on CreatePlanSuccess { plan { id } } } }`);
    const planId = decodeGlobalID(plan.body.data.createPlan.plan.id).id;
    const aliceStream = subscribe(alice.token);
    const bobStream = subscribe(bob.token);
    await Promise.all([aliceStream.ready, bobStream.ready]);

    const alert = await insertAlertOnce(harness.deps.db, alice.workspaceId, {
      planId, objectiveId: null, keyResultId: null, accountId: null,
      kind: 'OFF_TRACK', severity: 'CRITICAL', message: 'Followers are off track.', dedupKey: 'test:1',
    });
    // What a worker does: a plain PUBLISH with ids only.
    await publisher.publish(liveChannel(liveTopics(harness.liveNamespace).alertRaised, alice.workspaceId), JSON.stringify({ alertId: alert!.id, planId }));

    const deadline = Date.now() + 10_000;
    while (aliceStream.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(aliceStream.received[0]?.data?.alertRaised).toMatchObject({ kind: 'OFF_TRACK', message: 'Followers are off track.' });
    await new Promise((r) => setTimeout(r, 300));
    expect(bobStream.received).toEqual([]);
  });
});
