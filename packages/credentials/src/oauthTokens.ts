import { createHash, randomBytes } from 'node:crypto';
import type { OAuthClient } from './oauthClients.ts';
import type { PlatformCredentials } from './platformCredentials.ts';

/**
 * The token endpoint said no: `invalid_grant` and friends mean the grant (code or refresh token) is
 * dead and a person must authorise again; `retryable` failures (5xx, network) may be tried later.
 */
export class OAuthTokenError extends Error {
  override readonly name = 'OAuthTokenError';
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

/** A PKCE verifier and its S256 challenge (RFC 7636). */
export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizationUrl(client: OAuthClient, platform: string, request: { state: string; redirectUri: string; codeChallenge?: string }): string {
  const provider = client.provider;
  const url = new URL(client.authorizeUrl);
  url.searchParams.set(provider.clientIdParam, client.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', (provider.scopes[platform] ?? []).join(provider.scopeSeparator));
  url.searchParams.set('state', request.state);
  if (provider.pkce && request.codeChallenge) {
    url.searchParams.set('code_challenge', request.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [name, value] of Object.entries(provider.authorizeParams ?? {})) url.searchParams.set(name, value);
  return url.toString();
}

async function requestToken(client: OAuthClient, grant: Record<string, string>, now: Date): Promise<PlatformCredentials> {
  const provider = client.provider;
  const form = new URLSearchParams(grant);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (provider.tokenAuth === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
  } else {
    form.set(provider.clientIdParam, client.clientId);
    form.set('client_secret', client.clientSecret);
  }
  let response: Response;
  try {
    response = await fetch(client.tokenUrl, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(30_000) });
  } catch {
    throw new OAuthTokenError(`${provider.label} could not be reached to obtain a token`, true);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  // TikTok answers some errors with 200 and an `error` field, so the body decides as much as the status.
  if (!response.ok || typeof body.access_token !== 'string') {
    const code = typeof body.error === 'string' ? body.error : typeof body.error === 'object' ? 'error' : `HTTP ${response.status}`;
    const retryable = response.status >= 500 || response.status === 429;
    throw new OAuthTokenError(`${provider.label} refused the token request (${code})`, retryable);
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString() } : {}),
    ...(typeof body.scope === 'string' ? { scope: body.scope } : {}),
  };
}

export function exchangeAuthorizationCode(client: OAuthClient, request: { code: string; redirectUri: string; codeVerifier?: string }, now: Date) {
  return requestToken(client, {
    grant_type: 'authorization_code',
    code: request.code,
    redirect_uri: request.redirectUri,
    ...(request.codeVerifier ? { code_verifier: request.codeVerifier } : {}),
  }, now);
}

/** A new access token; platforms that rotate refresh tokens return a new one, else the old one is kept. */
export async function refreshAccessToken(client: OAuthClient, credentials: PlatformCredentials, now: Date): Promise<PlatformCredentials> {
  if (!credentials.refreshToken) throw new OAuthTokenError(`${client.provider.label} issued no refresh token for this account`, false);
  const fresh = await requestToken(client, { grant_type: 'refresh_token', refresh_token: credentials.refreshToken }, now);
  return { ...fresh, refreshToken: fresh.refreshToken ?? credentials.refreshToken };
}
