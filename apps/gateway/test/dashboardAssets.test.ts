import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createYoga } from 'graphql-yoga';
import { schema } from '../src/schema/index.ts';
import { dashboardAssets } from '../src/http/dashboardAssets.ts';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

describe('the dashboard build served at /', () => {
  let dir: string;
  let empty: string;
  const serve = (root: string) => createYoga({ schema, graphqlEndpoint: '/graphql', landingPage: false, plugins: [dashboardAssets(root)] });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-dist-'));
    empty = mkdtempSync(join(tmpdir(), 'dashboard-none-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Goalpost</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-3f2a1b.js'), 'console.log("app")');
    writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
    writeFileSync(join(tmpdir(), 'outside-dashboard.txt'), 'secret');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('answers / and client routes with index.html, revalidated, under a same-origin content policy', async () => {
    const yoga = serve(dir);
    for (const path of ['/', '/plans/UGxhbjox', '/alerts']) {
      const response = await yoga.fetch(`http://gateway.test${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for a year, other files not, and 404s a missing asset instead of sending the page', async () => {
    const yoga = serve(dir);
    const asset = await yoga.fetch('http://gateway.test/assets/index-3f2a1b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log("app")');
    const robots = await yoga.fetch('http://gateway.test/robots.txt');
    expect(robots.headers.get('cache-control')).toBe('no-cache');
    const missing = await yoga.fetch('http://gateway.test/assets/index-000000.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).not.toContain('text/html');
  });

  it('never reads outside the build folder', async () => {
    const yoga = serve(dir);
    for (const path of ['/../outside-dashboard.txt', '/%2e%2e/outside-dashboard.txt', '/assets/%2e%2e%2f%2e%2e%2foutside-dashboard.txt']) {
      const response = await yoga.fetch(`http://gateway.test${path}`);
      expect(await response.text(), path).not.toContain('secret');
    }
  });

  it('leaves /graphql and the gateway’s own paths to the gateway', async () => {
    const yoga = serve(dir);
    const query = await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
    for (const path of ['/graphiql', '/webhooks/metrics', '/healthz']) {
      const response = await yoga.fetch(`http://gateway.test${path}`, { headers: { accept: 'text/html' } });
      expect(await response.text(), path).not.toContain('<div id="root">');
    }
  });

  it('says how to build the dashboard when there is no build yet', async () => {
    const response = await serve(empty).fetch('http://gateway.test/', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('npm run build -w @goalpost/dashboard');
  });
});

describe('the gateway with the dashboard plugin', () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness('dashboard-assets');
  });
  afterAll(async () => harness?.close());

  it('answers a client route with HTML and GraphQL as before', async () => {
    const page = await harness.gateway.fetch('http://gateway.test/plans/abc', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const { body } = await harness.graphql('{ __typename }', {});
    expect(body.data).toEqual({ __typename: 'Query' });
  });
});
