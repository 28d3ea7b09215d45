import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundClient, type OutboundSettings } from '../../src/outbound/outboundClient.ts';
import { OutboundFailure } from '../../src/outbound/outboundFailure.ts';
import { startLocalReceiver, type LocalReceiver } from './localReceiver.ts';

const base: OutboundSettings = { allowHttp: false, allowHosts: undefined, timeoutMs: 2_000, maxResponseBytes: 1024 };
const call = (url: string) => ({ url, headers: { 'content-type': 'application/json' }, body: '{"hello":"world"}' });

async function refusal(settings: OutboundSettings, url: string): Promise<OutboundFailure> {
  const client = createOutboundClient(settings);
  try {
    const error = await client.post(call(url)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundFailure);
    return error as OutboundFailure;
  } finally {
    await client.close();
  }
}

describe('the outbound client', () => {
  let receiver: LocalReceiver;
  let otherLoopback: LocalReceiver;

  beforeAll(async () => {
    receiver = await startLocalReceiver((request) => {
      if (request.path === '/big') return { status: 200, body: 'x'.repeat(100_000) };
      if (request.path === '/slow') return 'hang';
      if (request.path.startsWith('/to?')) return { status: 307, headers: { location: new URLSearchParams(request.path.slice(4)).get('url')! } };
      return { status: 202, body: 'ok' };
    });
    // Linux routes all of 127.0.0.0/8 to the loopback interface: a second private address to redirect to.
    otherLoopback = await startLocalReceiver(() => ({ status: 200 }), '127.0.0.2');
  });
  afterAll(async () => {
    await receiver?.close();
    await otherLoopback?.close();
  });

  describe('without the allow-list', () => {
    const open = { ...base, allowHttp: true };
    it.each([
      ['loopback 127.0.0.1', () => receiver.url('/hook'), 'loopback'],
      ['private 10.0.0.1', () => 'https://10.0.0.1/hook', 'private'],
      ['the metadata service 169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/', 'linkLocal'],
      ['CGNAT 100.64.0.1', () => 'https://100.64.0.1/', 'carrierGradeNat'],
      ['IPv6 loopback', () => 'https://[::1]/', 'loopback'],
      ['an IPv4-mapped private address', () => 'https://[::ffff:10.0.0.1]/', 'private'],
    ])('refuses %s before connecting', async (_label, url, range) => {
      const failure = await refusal(open, url());
      expect(failure.kind).toBe('REFUSED');
      expect(failure.retryable).toBe(false);
      expect(failure.message).toContain(range);
    });

    it('refuses an https:// name that resolves to loopback, after DNS resolution', async () => {
      const failure = await refusal(base, `https://localhost:${receiver.port}/hook`);
      expect(failure.kind).toBe('REFUSED');
      expect(failure.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    });

    it('refuses plain http unless OUTBOUND_ALLOW_HTTP says otherwise', async () => {
      const failure = await refusal({ ...base, allowHosts: '127.0.0.1' }, receiver.url('/hook'));
      expect(failure.message).toContain('http:// URLs are refused');
    });

    it('never reached the receiver', () => {
      expect(receiver.received).toEqual([]);
    });
  });

  describe('with the allow-list naming the local receiver', () => {
    const allowed = { ...base, allowHttp: true, allowHosts: '127.0.0.1' };

    it('lets the request through, by address or by range', async () => {
      for (const allowHosts of ['127.0.0.1', ' example.org , 127.0.0.0/30']) {
        const client = createOutboundClient({ ...allowed, allowHosts });
        const answer = await client.post(call(receiver.url('/hook')));
        await client.close();
        expect(answer).toMatchObject({ status: 202, body: 'ok', truncated: false });
      }
      expect(receiver.received.filter((r) => r.path === '/hook').map((r) => r.body)).toEqual(['{"hello":"world"}', '{"hello":"world"}']);
    });

    it('refuses a redirect to a private address the allow-list does not name', async () => {
      for (const target of [otherLoopback.url('/stolen'), 'http://169.254.169.254/latest/meta-data/', 'https://10.0.0.1/']) {
        const failure = await refusal(allowed, receiver.url(`/to?url=${encodeURIComponent(target)}`));
        expect(failure.kind).toBe('REFUSED');
      }
      expect(otherLoopback.received).toEqual([]);
    });

    it('follows a redirect to an allowed address', async () => {
      const client = createOutboundClient({ ...allowed, allowHosts: '127.0.0.0/8' });
      const answer = await client.post(call(receiver.url(`/to?url=${encodeURIComponent(otherLoopback.url('/moved'))}`)));
      await client.close();
      expect(answer.status).toBe(200);
      expect(otherLoopback.received.map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/moved', '{"hello":"world"}']]);
    });

    it('reads no more of an answer than the size cap', async () => {
      const client = createOutboundClient(allowed);
      const answer = await client.post(call(receiver.url('/big')));
      await client.close();
      expect(answer.truncated).toBe(true);
      expect(answer.body.length).toBe(1024);
    });

    it('gives up on a receiver that does not answer in time, as a retryable failure', async () => {
      const client = createOutboundClient({ ...allowed, timeoutMs: 300 });
      const error = await client.post(call(receiver.url('/slow'))).catch((e: unknown) => e);
      await client.close();
      expect(error).toBeInstanceOf(OutboundFailure);
      expect((error as OutboundFailure).kind).toBe('TIMEOUT');
      expect((error as OutboundFailure).retryable).toBe(true);
    });
  });
});
