import { createServer, type Server } from 'node:http';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { testRedisUrl } from '@goalpost/devstack/testing';
import { insertAlertOnce } from '@goalpost/db';
import { liveChannel, liveTopics } from '@goalpost/jobs';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayDeps } from '../../src/gatewayDeps.ts';
import { createGateway } from '../../src/yoga.ts';
import { eventually, openEventStream, openWebSocket } from './liveClients.ts';
import { startTeamsHarness, type Credentials, type TeamsHarness } from './teamsKit.ts';

const subscription = 'subscription { alertRaised { message } }';

let h: TeamsHarness;
const servers: { server: Server; closeWebSockets: () => Promise<void>; close?: () => Promise<void> }[] = [];
const publisher = new Redis(testRedisUrl());
const cleanups: (() => unknown)[] = [];
let http: string;
let ws: string;
let otherInstance: { http: string; ws: string };
let owner: Awaited<ReturnType<TeamsHarness['signUp']>>;
let planId: string;
let sent = 0;

async function serve(gateway: ReturnType<typeof createGateway>) {
  const server = createServer(gateway.yoga);
  const closeWebSockets = gateway.attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  servers.push({ server, closeWebSockets });
  return { http: `http://127.0.0.1:${port}/graphql`, ws: `ws://127.0.0.1:${port}/graphql`, origin: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  h = await startTeamsHarness('revocation');
  ({ http, ws } = await serve(h.gateway));
  // A second gateway instance over the same database and Redis: revocations reach it through pub/sub.
  const deps = createGatewayDeps({
    databaseUrl: h.databaseUrl, redisUrl: testRedisUrl(), queuePrefix: `${h.liveNamespace}-b`, liveNamespace: h.liveNamespace,
    evaluateDebounceMs: 0, webhookMaxBodyBytes: 65536, logLevel: 'silent', publicUrl: 'http://gateway.test',
  });
  const second = createGateway(deps);
  otherInstance = await serve(second);
  cleanups.push(async () => { await second.yoga.dispose(); await deps.close(); });
  owner = await h.signUp('owner@example.com');
  planId = decodeGlobalID((await h.gql('mutation { createPlan(input: { name: "P", startsOn: "2026-01-01", endsOn: "2026-06-30" }) { ... on CreatePlanSuccess { plan { id } } } }', {}, { cookie: owner.cookie })).body.data.createPlan.plan.id).id;
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  for (const { server, closeWebSockets } of servers) {
    await closeWebSockets();
    await new Promise((resolve) => server.close(resolve));
  }
  await publisher.quit();
  await h?.close();
});

/** Raises an alert in the owner's workspace the way a worker does (a row, then a PUBLISH of its id). */
async function raiseAlert() {
  sent += 1;
  const alert = await insertAlertOnce(h.deps.db, owner.workspaceId, {
    planId, objectiveId: null, keyResultId: null, accountId: null, kind: 'OFF_TRACK', severity: 'WARNING', message: `alert ${sent}`, dedupKey: `revocation:${sent}`,
  });
  await publisher.publish(liveChannel(liveTopics(h.liveNamespace).alertRaised, owner.workspaceId), JSON.stringify({ alertId: alert!.id, planId }));
}

/** Raises alerts until `received` grows: proves the subscription is live without guessing how long subscribing takes. */
async function untilDelivered(received: () => number) {
  const before = received();
  const deadline = Date.now() + 10_000;
  while (received() === before && Date.now() < deadline) {
    await raiseAlert();
    await eventually(() => received() > before, 200);
  }
  expect(received()).toBeGreaterThan(before);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('a revoked token', () => {
  it('is refused on its next HTTP request, answered as an unknown token', async () => {
    const token = await h.tokenWith({ cookie: owner.cookie }, 'VIEWER');
    expect((await h.gql('{ viewer { role } }', {}, { token: token.token })).status).toBe(200);
    await h.gql('mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }', { id: token.id }, { cookie: owner.cookie });
    const after = await h.gql('{ viewer { role } }', {}, { token: token.token });
    const unknown = await h.gql('{ viewer { role } }', {}, { token: 'gp_never-issued' });
    expect(after.status).toBe(401);
    expect(after.body).toEqual(unknown.body);
  });

  it('ends its open SSE subscription at once, on this instance and on another', async () => {
    const token = await h.tokenWith({ cookie: owner.cookie }, 'VIEWER');
    const here = await openEventStream(http, subscription, bearer(token.token));
    const there = await openEventStream(otherInstance.http, subscription, bearer(token.token));
    cleanups.push(here.close, there.close);
    expect([here.status, there.status]).toEqual([200, 200]);
    await untilDelivered(() => Math.min(here.events.length, there.events.length));

    const revokedAt = performance.now();
    await h.gql('mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }', { id: token.id }, { cookie: owner.cookie });
    await Promise.all([here.ended, there.ended]);
    const tookMs = performance.now() - revokedAt;
    expect(tookMs).toBeLessThan(2_000);
    expect(here.events.at(-1)?.event).toBe('complete');
    expect(there.events.at(-1)?.event).toBe('complete');
  });

  it('closes its WebSocket (4401) and ends its subscription at once', async () => {
    const token = await h.tokenWith({ cookie: owner.cookie }, 'VIEWER');
    const socket = openWebSocket(ws, { connectionParams: { authorization: `Bearer ${token.token}` } });
    cleanups.push(() => socket.client.dispose());
    await socket.connected;
    const stream = socket.subscribe(subscription);
    await untilDelivered(() => stream.received.length);

    await h.gql('mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }', { id: token.id }, { cookie: owner.cookie });
    expect((await socket.closed).code).toBe(4401);
    expect(await stream.finished).toMatch(/complete|error/);
  });

  it('delivers nothing more once revoked, even where the revocation message never arrived (re-checked per event)', async () => {
    const token = await h.tokenWith({ cookie: owner.cookie }, 'VIEWER');
    const stream = await openEventStream(http, subscription, bearer(token.token));
    cleanups.push(stream.close);
    await untilDelivered(() => stream.events.length);
    const delivered = stream.events.length;
    // Revoked behind the gateway's back: no pub/sub message.
    await sql`update api_tokens set revoked_at = now() where id = ${decodeGlobalID(token.id).id}`.execute(h.deps.db);
    await raiseAlert();
    await stream.ended;
    expect(stream.events.slice(delivered).map((e) => e.event)).toEqual(['complete']);
  });
});

describe('a signed-out session', () => {
  const browser = (cookie: string, at: string) => ({ cookie, origin: at });

  it('ends its SSE and WebSocket subscriptions at once, and its next request is refused', async () => {
    const person = await h.signIn(owner.email, owner.password);
    const cookie = h.sessionOf(person);
    const sse = await openEventStream(http, subscription, browser(cookie, new URL(http).origin));
    const socket = openWebSocket(ws, { headers: browser(cookie, new URL(http).origin) });
    cleanups.push(sse.close, () => socket.client.dispose());
    await socket.connected;
    const live = socket.subscribe(subscription);
    await untilDelivered(() => Math.min(sse.events.length, live.received.length));

    const out = await h.gql('mutation { signOut { sessionsEnded } }', {}, { cookie });
    expect(out.body.data.signOut.sessionsEnded).toBe(1);
    await sse.ended;
    expect(sse.events.at(-1)?.event).toBe('complete');
    expect((await socket.closed).code).toBe(4401);
    expect((await h.gql('{ viewer { role } }', {}, { cookie })).status).toBe(401);
  });

  it('ends the subscriptions of a session ended by revokeSession, and of every other session at a password change', async () => {
    const signedIn = async () => h.sessionOf(await h.signIn(owner.email, owner.password));
    const open = async (cookie: string) => {
      const sse = await openEventStream(http, subscription, browser(cookie, new URL(http).origin));
      cleanups.push(sse.close);
      await untilDelivered(() => sse.events.length);
      return sse;
    };
    const [a, b] = [await signedIn(), await signedIn()];
    const sseA = await open(a);
    const sessions = (await h.gql('{ viewer { sessions { id current } } }', {}, { cookie: a })).body.data.viewer.sessions as { id: string; current: boolean }[];
    const revoked = await h.gql('mutation($id: ID!) { revokeSession(id: $id) { __typename } }', { id: sessions.find((s) => s.current)!.id }, { cookie: b });
    expect(revoked.body.data.revokeSession.__typename).toBe('RevokeSessionSuccess');
    await sseA.ended;
    expect(sseA.events.at(-1)?.event).toBe('complete');

    const sseC = await open(await signedIn());
    const change = (as: string, currentPassword: string, newPassword: string) =>
      h.gql('mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename } }', { input: { currentPassword, newPassword } }, { cookie: as });
    const changed = await change(b, owner.password, 'a changed long passphrase');
    expect(changed.body.data.changePassword.__typename).toBe('ChangePasswordSuccess');
    await sseC.ended;
    expect(sseC.events.at(-1)?.event).toBe('complete');
    // The owner's own password again for the tests after this one, and a session that still holds.
    const back = await change(h.sessionOf(changed), 'a changed long passphrase', owner.password);
    owner.cookie = h.sessionOf(back);
  });

  it('ends the subscriptions of a removed member', async () => {
    const member = await h.member({ cookie: owner.cookie }, 'leaver@example.com', 'VIEWER');
    const sse = await openEventStream(http, subscription, browser(member.cookie, new URL(http).origin));
    cleanups.push(sse.close);
    await untilDelivered(() => sse.events.length);
    const id = (await h.gql('{ members { id user { email } } }', {}, { cookie: owner.cookie })).body.data.members.find((m: any) => m.user.email === 'leaver@example.com').id;
    await h.gql('mutation($id: ID!) { removeMember(id: $id) { __typename } }', { id }, { cookie: owner.cookie });
    await sse.ended;
    expect(sse.events.at(-1)?.event).toBe('complete');
  });
});

describe('subscriptions without a valid credential', () => {
  it('are refused at connect: SSE with 401, like any request', async () => {
    for (const headers of [{}, bearer('gp_never-issued')] as Record<string, string>[]) {
      const stream = await openEventStream(http, subscription, headers);
      await stream.ended;
      expect(stream.status).toBe(401);
      expect(JSON.parse(stream.events[0]!.data).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('are refused at connect: graphql-ws closes 4401 before any operation', async () => {
    for (const connectionParams of [{}, { authorization: 'Bearer gp_never-issued' }] as Credentials[]) {
      const socket = openWebSocket(ws, { connectionParams: connectionParams as Record<string, unknown> });
      cleanups.push(() => socket.client.dispose());
      const closed = await socket.closed;
      expect(closed.code).toBe(4401);
      expect(closed.reason).toMatch(/Unauthorized/);
    }
  });
});
