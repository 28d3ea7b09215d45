import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { signStandardWebhook, verifyStandardWebhook } from '@goalpost/credentials';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

const vectors = JSON.parse(readFileSync(new URL('../../../test-fixtures/webhook-test-vectors.json', import.meta.url), 'utf8'));

describe('Standard Webhooks signature', () => {
  const v = vectors.standard_webhooks_v1;
  const headers = { id: v.headers['webhook-id'], timestamp: v.headers['webhook-timestamp'], signature: v.headers['webhook-signature'] };
  const at = new Date(Number(v.headers['webhook-timestamp']) * 1000);

  it('verifies the published test vector', () => {
    expect(signStandardWebhook({ secret: v.secret, id: headers.id, timestamp: Number(headers.timestamp), body: v.raw_body })).toBe(headers.signature);
    expect(verifyStandardWebhook({ secret: v.secret, headers, body: v.raw_body, now: at })).toMatchObject({ ok: true });
  });

  it('refuses a changed body, a stale timestamp and missing headers', () => {
    expect(verifyStandardWebhook({ secret: v.secret, headers, body: `${v.raw_body} `, now: at })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyStandardWebhook({ secret: v.secret, headers, body: v.raw_body, now: new Date(at.getTime() + 301_000) })).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(verifyStandardWebhook({ secret: v.secret, headers: { ...headers, id: null }, body: v.raw_body, now: at })).toEqual({ ok: false, reason: 'missing-headers' });
  });
});

describe('POST /webhooks/metrics', () => {
  let harness: GatewayHarness;
  let secret: string;
  let accountId: string;

  beforeAll(async () => {
    harness = await startGatewayHarness('webhook');
    const ws = await harness.newWorkspace('Pushers');
    const account = await ws.gql(`mutation { connectAccount(input: { platform: X, handle: "@pusher", source: PUSH }) { ... on ConnectAccountSuccess { account { id } } } }`);
    accountId = account.body.data.connectAccount.account.id;
    secret = (await ws.gql(`mutation { rotateIngestSecret { ... on RotateIngestSecretSuccess { secret } } }`)).body.data.rotateIngestSecret.secret;
  });
  afterAll(async () => harness?.close());

  const points = async () => Number((await sql<{ n: string }>`select count(*) as n from metric_points`.execute(harness.deps.db)).rows[0]!.n);
  const post = (body: string, options: { id?: string; timestamp?: number; secret?: string; headers?: Record<string, string> } = {}) => {
    const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    return harness.gateway.fetch('http://gateway.test/webhooks/metrics', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signStandardWebhook({ secret: options.secret ?? secret, id, timestamp, body }),
        ...options.headers,
      },
      body,
    });
  };
  const csvMessage = (csv: string) => JSON.stringify({ type: 'metrics.csv', data: { accountId, csv } });
  const message = (pointList: unknown[]) => JSON.stringify({ type: 'metrics.points', data: { accountId, points: pointList } });

  it('stores a batch once, and answers a redelivery as a duplicate', async () => {
    const body = message([{ metric: 'followers', at: '2026-11-20', value: 5200 }, { metric: 'impressions', at: '2026-11-20', value: 900 }]);
    const first = await post(body, { id: 'msg_once' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'stored', written: 2 });
    const again = await post(body, { id: 'msg_once' });
    expect(await again.json()).toEqual({ status: 'duplicate', written: 0 });
    expect(await points()).toBe(2);
  });

  it('stores a batch once when two deliveries of it race each other', async () => {
    const body = message([{ metric: 'followers', at: '2026-11-19', value: 5100 }, { metric: 'reach', at: '2026-11-19', value: 300 }]);
    const before = await points();
    const answers = await Promise.all([post(body, { id: 'msg_race' }), post(body, { id: 'msg_race' })]).then((rs) => Promise.all(rs.map((r) => r.json())));
    expect(answers).toEqual(expect.arrayContaining([{ status: 'stored', written: 2 }, { status: 'duplicate', written: 0 }]));
    expect(await points()).toBe(before + 2);
  });

  it.each([
    ['a bad signature', () => post(message([{ metric: 'followers', at: '2026-11-21', value: 1 }]), { secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }), 401, /signature/],
    ['a stale timestamp', () => post(message([{ metric: 'followers', at: '2026-11-21', value: 1 }]), { timestamp: Math.floor(Date.now() / 1000) - 600 }), 401, /5 minutes/],
    ['malformed JSON', () => post('{"type": "metrics.points", '), 400, /not valid JSON/],
    ['an oversized body', () => post(message(Array.from({ length: 3000 }, (_, i) => ({ metric: 'followers', at: '2026-11-21', value: i })))), 413, /larger than/],
    ['an unknown metric', () => post(message([{ metric: 'vibes', at: '2026-11-21', value: 1 }])), 422, /points\[0\]\.metric/],
    ['a value that is not finite (1e400)', () => post(message([{ metric: 'followers', at: '2026-11-21', value: 1 }]).replace('"value":1', '"value":1e400')), 422, /finite/],
    ['a missing field', () => post(message([{ metric: 'followers', value: 1 }])), 422, /points\[0\]\.at/],
    ['an impossible day', () => post(message([{ metric: 'followers', at: '2026-02-30', value: 1 }])), 422, /calendar day/],
    ['a negative count', () => post(message([{ metric: 'followers', at: '2026-11-21', value: -5 }])), 422, /points\[0\]\.value: -5 is out of range/],
    ['a derived KPI', () => post(message([{ metric: 'bounce_rate', at: '2026-11-21', value: 40 }])), 422, /send those instead/],
    ['a CSV with one bad row', () => post(csvMessage('date,metric,value\n2026-11-20,reach,10\n2026-11-21,reach,ten\n')), 422, /1 bad row\(s\) in the CSV, first on line 3: "ten" is not a number/],
  ])('refuses %s, writing and enqueueing nothing', async (_name, send, status, error) => {
    const before = { points: await points(), jobs: await harness.jobCounts() };
    const response = await send();
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(error);
    expect({ points: await points(), jobs: await harness.jobCounts() }).toEqual(before);
  });

  it('imports a CSV sent as metrics.csv, once', async () => {
    const before = await points();
    const body = csvMessage('Date,reach,impressions\n2026-11-18,410,620\n2026-11-19,,640\n');
    const first = await post(body, { id: 'msg_csv' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'stored', written: 3, format: 'wide', points: 3, ignoredColumns: [] });
    expect(await (await post(body, { id: 'msg_csv' })).json()).toMatchObject({ status: 'duplicate', written: 0 });
    expect(await points()).toBe(before + 3);
  });

  it('queues one refresh for account.refresh, even when delivered twice', async () => {
    const before = await harness.deps.queues.metricsFetch.getJobCounts();
    const body = JSON.stringify({ type: 'account.refresh', data: { accountId } });
    expect((await post(body, { id: 'msg_refresh' })).status).toBe(202);
    expect((await post(body, { id: 'msg_refresh' })).status).toBe(202);
    const after = await harness.deps.queues.metricsFetch.getJobCounts();
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(total(after) - total(before)).toBe(1);
  });
});
