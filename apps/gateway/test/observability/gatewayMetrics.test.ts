import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/yoga.ts';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';

/** The value of one sample line of the exposition text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && line.split(' ')[0] !== name) continue;
    const labelText = line.slice(name.length).split('} ')[0] ?? '';
    if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`))) return Number(line.split(' ').at(-1));
  }
  return undefined;
}

describe('the gateway /metrics', () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness('metrics');
  });
  afterAll(async () => harness?.close());

  const metrics = async (gateway = harness.gateway, headers: Record<string, string> = {}) => {
    const response = await gateway.fetch('http://gateway.test/metrics', { headers });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it('counts GraphQL operations by name, their errors by phase, every HTTP route by status, and the process', async () => {
    const alice = await harness.newWorkspace('Alice');
    for (let i = 0; i < 2; i++) expect((await alice.gql('query PlansForMetrics { plans { edges { node { id } } } }')).status).toBe(200);
    await alice.gql('query Broken { plans { noSuchField } }');
    const webhook = await harness.gateway.fetch('http://gateway.test/webhooks/metrics', { method: 'POST', body: '{}' });
    expect(webhook.status).toBeGreaterThanOrEqual(400);
    await harness.gateway.fetch('http://gateway.test/wp-login.php');

    const { status, type, text } = await metrics();
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(sample(text, 'graphql_envelop_phase_execute_count', { operationName: 'PlansForMetrics', operationType: 'query' })).toBe(2);
    expect(sample(text, 'graphql_yoga_http_duration_count', { operationName: 'PlansForMetrics', method: 'POST', statusCode: '200' })).toBe(2);
    expect(sample(text, 'graphql_envelop_error_result', { operationName: 'Broken', phase: 'validate' })).toBe(1);
    expect(sample(text, 'goalpost_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '200' })).toBe(3);
    expect(sample(text, 'goalpost_http_request_duration_seconds_count', { method: 'POST', route: '/webhooks/metrics', status: String(webhook.status) })).toBe(1);
    // Unknown paths share one series: a scanner cannot add series by trying paths.
    expect(text).not.toContain('wp-login');
    expect(sample(text, 'goalpost_http_request_duration_seconds_count', { route: 'other', status: '404' })).toBe(1);
    expect(sample(text, 'process_cpu_user_seconds_total', {})).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes', {})).toBeGreaterThan(0);
    // No full URLs as labels.
    expect(text).not.toContain('url="');
  });

  it('asks for METRICS_TOKEN when one is set, and an API token is not it', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const guarded = createGateway(harness.deps, { metricsToken: token });
    const alice = await harness.newWorkspace('Metrics reader');
    expect((await metrics(guarded)).status).toBe(401);
    expect((await metrics(guarded, { authorization: `Bearer ${alice.token}` })).status).toBe(401);
    expect((await metrics(guarded, { authorization: `Bearer ${token}x` })).status).toBe(401);
    const allowed = await metrics(guarded, { authorization: `Bearer ${token}` });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('goalpost_http_request_duration_seconds');
    await guarded.yoga.dispose();
  });
});
