import type { OAuthClient } from './oauthClients.ts';
import { OAuthTokenError } from './oauthTokens.ts';
import type { PlatformCredentials } from './platformCredentials.ts';

async function graphGet(url: URL, what: string, bearer?: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) }, signal: AbortSignal.timeout(30_000) });
  } catch {
    throw new OAuthTokenError(`Meta could not be reached to obtain ${what}`, true);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    const error = body.error as { code?: unknown } | undefined;
    throw new OAuthTokenError(`Meta refused ${what} (${error?.code !== undefined ? `code ${String(error.code)}` : `HTTP ${response.status}`})`, response.status >= 500);
  }
  return body;
}

/**
 * Meta's code exchange gives a user token that lasts about two hours and no refresh token. It is traded
 * for a long-lived one (about 60 days, `fb_exchange_token`), and for a Facebook Page, for the Page's own
 * token (Page Insights want it; derived from a long-lived user token it does not expire). Instagram
 * insights take the long-lived user token. When it lapses, the account needs authorising again.
 */
export async function metaLongLivedCredentials(
  client: OAuthClient,
  userCredentials: PlatformCredentials,
  target: { pageId?: string | undefined },
  now: Date,
): Promise<PlatformCredentials> {
  const exchange = new URL(client.tokenUrl);
  exchange.searchParams.set('grant_type', 'fb_exchange_token');
  exchange.searchParams.set('client_id', client.clientId);
  exchange.searchParams.set('client_secret', client.clientSecret);
  exchange.searchParams.set('fb_exchange_token', userCredentials.accessToken);
  const longLived = await graphGet(exchange, 'a long-lived token');
  const userToken = longLived.access_token as string;
  if (!target.pageId) {
    const expiresIn = Number(longLived.expires_in);
    return {
      accessToken: userToken,
      ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString() } : {}),
      ...(userCredentials.scope ? { scope: userCredentials.scope } : {}),
    };
  }
  // The Graph API root is the token endpoint's: https://graph.facebook.com/v23.0/oauth/access_token.
  const page = new URL(`../${encodeURIComponent(target.pageId)}`, exchange);
  page.search = '';
  page.searchParams.set('fields', 'access_token');
  const pageAnswer = await graphGet(page, `the token of Page ${target.pageId} (is the person an admin of it?)`, userToken);
  return { accessToken: pageAnswer.access_token as string, ...(userCredentials.scope ? { scope: userCredentials.scope } : {}) };
}
