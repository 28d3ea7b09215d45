import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyMetaSignature } from '../src/webhooks/metaHubSignature.ts';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

const vector = JSON.parse(readFileSync(new URL('../../../test-fixtures/webhook-test-vectors.json', import.meta.url), 'utf8')).meta_x_hub_signature_256;

describe('X-Hub-Signature-256', () => {
  it('verifies the fixture vector and refuses a changed body', () => {
    expect(verifyMetaSignature(vector.raw_body, vector.headers['X-Hub-Signature-256'], vector.app_secret)).toBe(true);
    expect(verifyMetaSignature(`${vector.raw_body} `, vector.headers['X-Hub-Signature-256'], vector.app_secret)).toBe(false);
    expect(verifyMetaSignature(vector.raw_body, null, vector.app_secret)).toBe(false);
  });
});

describe('/webhooks/meta', () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness('meta', {
      meta: { appSecret: vector.app_secret, verifyToken: 'verify-me' },
      connections: { credentialKeys: [{ id: 'test', key: Buffer.alloc(32, 1) }] },
    });
  });
  afterAll(async () => harness?.close());

  const metaFetches = () => harness.deps.queues.metricsFetchQueueFor({ source: 'CONNECTOR', platform: 'FACEBOOK' });
  const fetchJobs = async () => Object.values(await metaFetches().getJobCounts()).reduce((a, b) => a + b, 0);
  const notify = (body: string, signature = `sha256=${createHmac('sha256', vector.app_secret).update(body).digest('hex')}`) =>
    harness.gateway.fetch('http://gateway.test/webhooks/meta', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });

  it('answers the subscription handshake only with the right verify token', async () => {
    const ok = await harness.gateway.fetch('http://gateway.test/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await harness.gateway.fetch('http://gateway.test/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1');
    expect(wrong.status).toBe(403);
  });

  it('refreshes the Page a signed notification names, once, and refuses a bad signature', async () => {
    const ws = await harness.newWorkspace('Meta');
    await ws.gql(`mutation { connectAccount(input: { platform: FACEBOOK, handle: "Shop", source: CONNECTOR, externalId: "1234567890", credentials: { accessToken: "page-token" } }) { __typename } }`);
    const before = await fetchJobs();
    const refused = await notify(vector.raw_body, 'sha256=' + '0'.repeat(64));
    expect(refused.status).toBe(401);
    expect(await fetchJobs()).toBe(before);
    // connectAccount queued the CONNECTOR backfill already; the notification collapses into that pending fetch.
    const first = await notify(vector.raw_body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ queued: 1 });
    await notify(vector.raw_body);
    expect(await fetchJobs()).toBe(before);
  });
});
