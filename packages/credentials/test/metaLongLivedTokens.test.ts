import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { metaLongLivedCredentials, OAuthTokenError, oauthProviders, type OAuthClient } from '../src/index.ts';

/** Meta's Graph API as far as the long-lived exchange goes: the token endpoint (GET) and a Page's token field. */
const requests: { path: string; query: URLSearchParams; authorization?: string | undefined }[] = [];
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://graph');
  requests.push({ path: url.pathname, query: url.searchParams, authorization: req.headers.authorization });
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/v23.0/oauth/access_token' && url.searchParams.get('grant_type') === 'fb_exchange_token') {
    if (url.searchParams.get('fb_exchange_token') !== 'short-user-token' || url.searchParams.get('client_secret') !== 'app-secret') {
      return reply(400, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
    }
    return reply(200, { access_token: 'long-user-token', token_type: 'bearer', expires_in: 5_183_944 });
  }
  if (url.pathname === '/v23.0/1234567890' && url.searchParams.get('fields') === 'access_token') {
    if (req.headers.authorization !== 'Bearer long-user-token') return reply(400, { error: { code: 190 } });
    return reply(200, { access_token: 'page-token', id: '1234567890' });
  }
  reply(400, { error: { message: 'Unsupported get request.', code: 100, error_subcode: 33 } });
});
let client: OAuthClient;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = { provider: oauthProviders.meta, clientId: 'app', clientSecret: 'app-secret', authorizeUrl: `${base}/dialog`, tokenUrl: `${base}/v23.0/oauth/access_token` };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => void (requests.length = 0));

const now = new Date('2026-11-23T10:00:00Z');

describe("Meta's long-lived tokens", () => {
  it('trades the short user token for a long-lived one (Instagram)', async () => {
    const credentials = await metaLongLivedCredentials(client, { accessToken: 'short-user-token', scope: 'instagram_basic' }, {}, now);
    expect(credentials).toEqual({ accessToken: 'long-user-token', expiresAt: new Date(now.getTime() + 5_183_944_000).toISOString(), scope: 'instagram_basic' });
    expect(requests).toHaveLength(1);
  });

  it("keeps the Page's own token for a Page, asked with the long-lived user token", async () => {
    const credentials = await metaLongLivedCredentials(client, { accessToken: 'short-user-token' }, { pageId: '1234567890' }, now);
    expect(credentials).toEqual({ accessToken: 'page-token' });
    expect(requests.map((r) => r.path)).toEqual(['/v23.0/oauth/access_token', '/v23.0/1234567890']);
    expect(requests[1]?.authorization).toBe('Bearer long-user-token');
  });

  it('says what failed, without the tokens, and that it is not worth retrying', async () => {
    const refused = await metaLongLivedCredentials(client, { accessToken: 'short-user-token' }, { pageId: '999' }, now).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OAuthTokenError);
    expect((refused as OAuthTokenError).message).toBe('Meta refused the token of Page 999 (is the person an admin of it?) (code 100)');
    expect((refused as OAuthTokenError).retryable).toBe(false);
    expect(String((refused as Error).message)).not.toContain('token-');
  });
});
