import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationUrl, exchangeAuthorizationCode, OAuthTokenError, oauthClientsFromEnv, oauthProviderFor, pkcePair, refreshAccessToken,
} from '../src/index.ts';

/** A token endpoint that answers like RFC 6749 §5 and records what it was sent. */
const received: { authorization?: string; form: URLSearchParams }[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push({ authorization: req.headers.authorization, form: new URLSearchParams(body) });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
});
let tokenUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const now = new Date('2026-11-23T10:00:00Z');

describe('OAuth clients and tokens', () => {
  it('offers only providers with a client id, and insists on the secret', () => {
    const clients = oauthClientsFromEnv({ GOOGLE_CLIENT_ID: 'g-id', GOOGLE_CLIENT_SECRET: 'g-secret', META_CLIENT_ID: 'm-id', META_APP_SECRET: 'm-secret' });
    expect(Object.keys(clients).sort()).toEqual(['google', 'meta']);
    expect(clients.meta?.clientSecret).toBe('m-secret');
    expect(clients.google?.tokenUrl).toBe('https://oauth2.googleapis.com/token');
    expect(() => oauthClientsFromEnv({ X_CLIENT_ID: 'x' })).toThrow('X_CLIENT_SECRET is required when X_CLIENT_ID is set');
    expect(oauthProviderFor('WEBSITE')?.id).toBe('google');
    expect(oauthProviderFor('INSTAGRAM')?.id).toBe('meta');
    expect(oauthProviderFor('OTHER')).toBeUndefined();
  });

  it('builds the authorize URL with the platform scopes, the state and a PKCE challenge', () => {
    const clients = oauthClientsFromEnv({ X_CLIENT_ID: 'x-id', X_CLIENT_SECRET: 'x-secret' });
    const pkce = pkcePair();
    const url = new URL(authorizationUrl(clients.x!, 'X', { state: 'st4te', redirectUri: 'https://goalpost.example/oauth/callback', codeChallenge: pkce.challenge }));
    expect(url.origin + url.pathname).toBe('https://x.com/i/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'x-id', redirect_uri: 'https://goalpost.example/oauth/callback', response_type: 'code',
      scope: 'tweet.read users.read offline.access', state: 'st4te', code_challenge: pkce.challenge, code_challenge_method: 'S256',
    });
    expect(pkce.verifier).not.toBe(pkce.challenge);
  });

  it('exchanges a code (Basic auth for X) and computes the expiry', async () => {
    const x = oauthClientsFromEnv({ X_CLIENT_ID: 'x-id', X_CLIENT_SECRET: 'x-secret', X_TOKEN_URL: tokenUrl }).x!;
    answer = { status: 200, body: { token_type: 'bearer', access_token: 'at-1', refresh_token: 'rt-1', expires_in: 7200, scope: 'tweet.read' } };
    received.length = 0;
    const credentials = await exchangeAuthorizationCode(x, { code: 'c0de', redirectUri: 'https://goalpost.example/cb', codeVerifier: 'v3rifier' }, now);
    expect(credentials).toEqual({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: '2026-11-23T12:00:00.000Z', scope: 'tweet.read' });
    expect(received[0]!.authorization).toBe(`Basic ${Buffer.from('x-id:x-secret').toString('base64')}`);
    expect(Object.fromEntries(received[0]!.form)).toEqual({ grant_type: 'authorization_code', code: 'c0de', redirect_uri: 'https://goalpost.example/cb', code_verifier: 'v3rifier' });
  });

  it('refreshes with the client secret in the body (TikTok client_key) and keeps a refresh token not rotated', async () => {
    const tiktok = oauthClientsFromEnv({ TIKTOK_CLIENT_ID: 'tt-key', TIKTOK_CLIENT_SECRET: 'tt-secret', TIKTOK_TOKEN_URL: tokenUrl }).tiktok!;
    answer = { status: 200, body: { access_token: 'at-2', expires_in: 86400 } };
    received.length = 0;
    const fresh = await refreshAccessToken(tiktok, { accessToken: 'old', refreshToken: 'rt-keep' }, now);
    expect(fresh).toEqual({ accessToken: 'at-2', refreshToken: 'rt-keep', expiresAt: '2026-11-24T10:00:00.000Z' });
    expect(Object.fromEntries(received[0]!.form)).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-keep', client_key: 'tt-key', client_secret: 'tt-secret' });
  });

  it('tells a dead grant (ask the person again) from a passing failure (try later)', async () => {
    const google = oauthClientsFromEnv({ GOOGLE_CLIENT_ID: 'g', GOOGLE_CLIENT_SECRET: 's', GOOGLE_TOKEN_URL: tokenUrl }).google!;
    answer = { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
    const dead = await refreshAccessToken(google, { accessToken: 'a', refreshToken: 'r' }, now).catch((e: unknown) => e);
    expect(dead).toBeInstanceOf(OAuthTokenError);
    expect(dead).toMatchObject({ retryable: false, message: 'Google (YouTube and Analytics) refused the token request (invalid_grant)' });
    answer = { status: 503, body: {} };
    await expect(refreshAccessToken(google, { accessToken: 'a', refreshToken: 'r' }, now)).rejects.toMatchObject({ retryable: true });
    await expect(refreshAccessToken(google, { accessToken: 'a' }, now)).rejects.toMatchObject({ retryable: false });
  });
});
