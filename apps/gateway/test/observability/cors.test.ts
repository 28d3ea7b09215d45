import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/yoga.ts';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';

describe('CORS', () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness('cors');
  });
  afterAll(async () => harness?.close());

  const preflight = (gateway: ReturnType<typeof createGateway>, origin: string) =>
    gateway.fetch('http://gateway.test/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
  const post = (gateway: ReturnType<typeof createGateway>, origin: string) =>
    gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('allows no other origin by default, and never with credentials', async () => {
    for (const response of [await preflight(harness.gateway, 'https://evil.example'), await post(harness.gateway, 'https://evil.example')]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('allows the configured origins, with the Authorization header and without credentials, and no others', async () => {
    const gateway = createGateway(harness.deps, { corsOrigins: ['https://app.example.com', 'http://localhost:5173'] });
    const allowed = await preflight(gateway, 'https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await post(gateway, 'http://localhost:5173')).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');

    const refused = await post(gateway, 'https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    expect(refused.headers.get('access-control-allow-credentials')).toBeNull();
    await gateway.yoga.dispose();
  });

  it('allows any origin with *, still without credentials', async () => {
    const gateway = createGateway(harness.deps, { corsOrigins: ['*'] });
    const response = await post(gateway, 'https://anywhere.example');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://anywhere.example');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    await gateway.yoga.dispose();
  });
});
