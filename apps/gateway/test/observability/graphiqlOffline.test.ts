import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '../gatewayHarness.ts';

/** What a browser would fetch from elsewhere: an absolute or protocol-relative URL. */
const externalUrl = /(?:https?:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+/i;
/** Hosts GraphiQL used to come from, or fonts and scripts commonly do. */
const cdnHost = /unpkg\.com|jsdelivr|esm\.sh|cdnjs|googleapis|gstatic|skypack|cloudflare/i;

describe('GraphiQL, served offline at /graphiql', () => {
  let harness: GatewayHarness;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    harness = await startGatewayHarness('graphiql');
    server = createServer(harness.gateway.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await harness?.close();
  });

  it('loads the page and every asset it references from the gateway itself, none from elsewhere', async () => {
    const page = await fetch(`${base}/graphiql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).not.toMatch(externalUrl);

    // src/href attributes and the worker URLs handed to Monaco.
    const references = [...new Set([...html.matchAll(/(?:src|href)="([^"]+)"|"(\/graphiql\/[^"]+)"/g)].map((m) => m[1] ?? m[2]!))];
    expect(references.sort()).toEqual([
      '/graphiql/assets/editor.worker.js',
      '/graphiql/assets/favicon.ico',
      '/graphiql/assets/graphiql.css',
      '/graphiql/assets/graphiql.js',
      '/graphiql/assets/graphql.worker.js',
      '/graphiql/assets/json.worker.js',
    ]);
    for (const reference of references) {
      const asset = await fetch(new URL(reference, base));
      expect(asset.status, reference).toBe(200);
      const body = Buffer.from(await asset.arrayBuffer());
      expect(body.length, reference).toBeGreaterThan(1000);
      const text = body.toString('utf8');
      if (reference.endsWith('.css')) {
        // Fonts and images are inlined: every url() is a data: URL and nothing is imported.
        expect([...text.matchAll(/url\(\s*['"]?([^'")]+)/g)].map((m) => m[1]!).filter((u) => !u.startsWith('data:'))).toEqual([]);
        expect(text).not.toContain('@import');
      }
      if (reference.endsWith('.js')) {
        expect(text, reference).not.toMatch(cdnHost);
        expect(text, reference).not.toMatch(/(?:importScripts|import)\(\s*['"`](?:https?:)?\/\//);
      }
    }
  });

  it('opens the Headers tab with an Authorization header to fill in, kept out of the browser storage', async () => {
    const html = await (await fetch(`${base}/graphiql`)).text();
    const options = JSON.parse(/renderYogaGraphiQL\([^,]+,\s*(\{.*\})\);/.exec(html)![1]!);
    expect(options).toMatchObject({ endpoint: '/graphql', isHeadersEditorEnabled: true, defaultEditorToolsVisibility: 'headers', shouldPersistHeaders: false });
    expect(JSON.parse(options.headers)).toEqual({ Authorization: '' });
    expect(options.defaultQuery).toContain('Put your API token in the Headers tab below');
    // Left empty, the header reads as no token: the schema still loads for GraphiQL's docs.
    const introspection = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: '' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(await introspection.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('sends a browser opening /graphql to /graphiql, and leaves GraphQL requests on /graphql alone', async () => {
    const browser = await fetch(`${base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/graphiql');
    const query = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves the assets compressed and revalidates them by ETag', async () => {
    const first = await fetch(`${base}/graphiql/assets/graphiql.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    const again = await fetch(`${base}/graphiql/assets/graphiql.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${base}/graphiql/assets/nothing.js`)).status).toBe(404);
  });
});
