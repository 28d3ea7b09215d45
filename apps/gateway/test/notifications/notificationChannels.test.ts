import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { parseCredentialKeys } from '@goalpost/credentials';
import { testRedisUrl, eventually } from '@goalpost/devstack/testing';
import { createWorkerApp, readWorkerEnv, type WorkerApp } from '@goalpost/worker';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';

const credentialsKeys = `k1:${randomBytes(32).toString('base64')}`;
const channelFields = `id kind name enabled events minSeverity urlHost emails plans { id } disabledReason`;
const ADD = `mutation($input: AddNotificationChannelInput!) { addNotificationChannel(input: $input) {
  __typename
  ... on AddNotificationChannelSuccess { secret channel { ${channelFields} } }
  ... on InputError { issues { field rule message } }
} }`;

/** A receiver on loopback: the worker reaches it through OUTBOUND_ALLOW_HOSTS. */
async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/goalpost`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('notification channels through the API', () => {
  let harness: GatewayHarness;
  let worker: WorkerApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let ws: Awaited<ReturnType<GatewayHarness['newWorkspace']>>;

  beforeAll(async () => {
    harness = await startGatewayHarness('channels', { connections: { credentialKeys: parseCredentialKeys(credentialsKeys) } });
    receiver = await startReceiver();
    worker = createWorkerApp(readWorkerEnv({
      DATABASE_URL: harness.databaseUrl,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: harness.queuePrefix,
      LIVE_NAMESPACE: harness.liveNamespace,
      LOG_LEVEL: 'silent',
      CREDENTIALS_KEYS: credentialsKeys,
      OUTBOUND_ALLOW_HTTP: 'true',
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
      REFRESH_EVERY_MS: '3600000',
      SWEEP_EVERY_MS: '3600000',
    }));
    await worker.start();
    ws = await harness.newWorkspace('Notified');
    // The gateway takes http:// only with OUTBOUND_ALLOW_HTTP; the test receiver is plain http.
    (harness.deps as { outboundAllowHttp: boolean }).outboundAllowHttp = true;
  });
  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await harness?.close();
  });

  it('refuses bad channels with typed errors naming the field and the rule, and stores nothing', async () => {
    (harness.deps as { outboundAllowHttp: boolean }).outboundAllowHttp = false;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ kind: 'WEBHOOK', name: 'Plain', url: 'http://hooks.example.com/x' }, 'input.url', 'url-scheme'],
      [{ kind: 'WEBHOOK', name: 'None' }, 'input.url', 'required'],
      [{ kind: 'SLACK', name: 'Creds', url: 'https://user:pw@hooks.slack.com/services/x' }, 'input.url', 'url-credentials'],
      [{ kind: 'EMAIL', name: 'Nobody' }, 'input.emails', 'required'],
      [{ kind: 'EMAIL', name: 'Bad', emails: ['not-an-address'] }, 'input.emails[0]', 'invalid_format'],
      [{ kind: 'WEBHOOK', name: 'Quiet', url: 'https://hooks.example.com/x', events: [] }, 'input.events', 'not-empty'],
      [{ kind: 'WEBHOOK', name: 'Stranger', url: 'https://hooks.example.com/x', planIds: [Buffer.from('Plan:00000000-0000-4000-8000-000000000001').toString('base64')] }, 'input.planIds[0]', 'exists'],
    ];
    try {
      for (const [input, field, rule] of cases) {
        const res = await ws.gql(ADD, { input });
        expect(res.status).toBe(200);
        expect(res.body.data.addNotificationChannel.__typename, JSON.stringify(input)).toBe('InputError');
        expect(res.body.data.addNotificationChannel.issues, JSON.stringify(input)).toContainEqual(expect.objectContaining({ field, rule }));
      }
    } finally {
      (harness.deps as { outboundAllowHttp: boolean }).outboundAllowHttp = true;
    }
    expect((await ws.gql(`{ notificationChannels { id } }`)).body.data.notificationChannels).toEqual([]);
    expect(await harness.deps.db.selectFrom('audit_events').selectAll().where('entity', '=', 'NotificationChannel').execute()).toEqual([]);
    const counts = await harness.deps.queues.notificationDeliver.getJobCounts();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('adds a webhook channel whose secret is shown once and signs a test delivery that the receiver verifies', async () => {
    const res = await ws.gql(ADD, { input: { kind: 'WEBHOOK', name: 'Ops hook', url: receiver.url, minSeverity: 'CRITICAL' } });
    const { secret, channel } = res.body.data.addNotificationChannel;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect(channel).toMatchObject({ kind: 'WEBHOOK', name: 'Ops hook', enabled: true, events: ['ALERT_RAISED', 'ALERT_RESOLVED'], minSeverity: 'CRITICAL', urlHost: new URL(receiver.url).host, emails: [], plans: [] });

    // Neither the URL nor the secret is stored or recorded in clear, nor given out again.
    const [row] = await harness.deps.db.selectFrom('notification_channels').selectAll().execute();
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));
    expect(JSON.stringify(row)).not.toContain('/goalpost');
    const audit = await harness.deps.db.selectFrom('audit_events').selectAll().where('entity', '=', 'NotificationChannel').execute();
    expect(audit.map((a) => a.action)).toEqual(['addNotificationChannel']);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));
    const listed = await ws.gql(`{ notificationChannels { ${channelFields} } }`);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6));

    const test = await ws.gql(`mutation($id: ID!) { testNotificationChannel(id: $id) { __typename ... on TestNotificationChannelSuccess { delivery { id status test } } } }`, { id: channel.id });
    expect(test.body.data.testNotificationChannel.delivery).toMatchObject({ status: 'PENDING', test: true });
    await eventually('the test delivery', async () => receiver.received.length === 1);
    const [request] = receiver.received;
    const payload = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>) as { type: string; data: { sample: boolean } };
    expect(payload).toMatchObject({ type: 'alert.raised', data: { sample: true } });

    const DELIVERIES = `query($id: ID!) { node(id: $id) { ... on NotificationChannel { deliveries(first: 10) { edges { node { id status attempts lastStatusCode test } } } } } }`;
    const delivered = await eventually('the delivery logged', async () => {
      const page = await ws.gql(DELIVERIES, { id: channel.id });
      const node = page.body.data.node.deliveries.edges[0]?.node;
      return node?.status === 'DELIVERED' && node;
    });
    expect(delivered).toMatchObject({ attempts: 1, lastStatusCode: 200, test: true });

    // Replayed: sent again under the same webhook-id, the attempt added to the same delivery.
    const replay = await ws.gql(`mutation($id: ID!) { replayDelivery(id: $id) { __typename ... on ReplayDeliverySuccess { delivery { id status } } } }`, { id: delivered.id });
    expect(replay.body.data.replayDelivery.delivery).toMatchObject({ id: delivered.id, status: 'PENDING' });
    await eventually('the replay', async () => receiver.received.length === 2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(request!.headers['webhook-id']);
    new Webhook(secret).verify(receiver.received[1]!.body, receiver.received[1]!.headers as Record<string, string>);
    const again = await eventually('the replay logged', async () => {
      const node = (await ws.gql(DELIVERIES, { id: channel.id })).body.data.node.deliveries.edges[0]?.node;
      return node?.attempts === 2 && node;
    });
    expect(again).toMatchObject({ status: 'DELIVERED', attempts: 2 });
  });

  it('updates, disables and removes a channel, recording each change', async () => {
    const added = await ws.gql(ADD, { input: { kind: 'EMAIL', name: 'Team mail', emails: ['team@example.com'] } });
    const { channel, secret } = added.body.data.addNotificationChannel;
    expect(secret).toBeNull();
    const updated = await ws.gql(`mutation($input: UpdateNotificationChannelInput!) { updateNotificationChannel(input: $input) {
      __typename ... on UpdateNotificationChannelSuccess { channel { ${channelFields} } } ... on InputError { issues { field rule } } } }`,
    { input: { id: channel.id, name: 'Leads', emails: ['lead@example.com', 'ceo@example.com'], events: ['ALERT_RAISED'], enabled: false } });
    expect(updated.body.data.updateNotificationChannel.channel).toMatchObject({ name: 'Leads', emails: ['lead@example.com', 'ceo@example.com'], events: ['ALERT_RAISED'], enabled: false });
    const wrongKind = await ws.gql(`mutation($input: UpdateNotificationChannelInput!) { updateNotificationChannel(input: $input) { __typename ... on InputError { issues { field rule } } } }`,
      { input: { id: channel.id, url: 'https://hooks.example.com/x' } });
    expect(wrongKind.body.data.updateNotificationChannel.issues).toEqual([{ field: 'input.url', rule: 'kind' }]);

    const removed = await ws.gql(`mutation($id: ID!) { removeNotificationChannel(id: $id) { __typename ... on RemoveNotificationChannelSuccess { removedId } } }`, { id: channel.id });
    expect(removed.body.data.removeNotificationChannel.removedId).toBe(channel.id);
    const gone = await ws.gql(`mutation($id: ID!) { removeNotificationChannel(id: $id) { __typename } }`, { id: channel.id });
    expect(gone.body.data.removeNotificationChannel.__typename).toBe('NotFoundError');
    const audit = await harness.deps.db.selectFrom('audit_events').select(['action', 'after']).where('entity', '=', 'NotificationChannel').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['addNotificationChannel', 'addNotificationChannel', 'updateNotificationChannel', 'removeNotificationChannel']);
    // Recipients stay out of the audit trail.
    expect(JSON.stringify(audit)).not.toContain('example.com');
  });

  it('keeps another workspace out of the channels', async () => {
    const other = await harness.newWorkspace('Other');
    const [mine] = (await ws.gql(`{ notificationChannels { id } }`)).body.data.notificationChannels;
    expect((await other.gql(`{ notificationChannels { id } }`)).body.data.notificationChannels).toEqual([]);
    const probe = await other.gql(`mutation($id: ID!) { testNotificationChannel(id: $id) { __typename } }`, { id: mine.id });
    expect(probe.body.data.testNotificationChannel.__typename).toBe('NotFoundError');
  });
});
