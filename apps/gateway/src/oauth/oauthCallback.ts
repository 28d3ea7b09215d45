import { findSocialAccounts, resolveOpenAlerts, updateAccountCredentials, type Db } from '@goalpost/db';
import { exchangeAuthorizationCode, metaLongLivedCredentials, OAuthTokenError, oauthProviderFor } from '@goalpost/credentials';
import type { GoalpostQueues } from '@goalpost/jobs';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Logger } from 'pino';
import { queueAccountFetch } from '../accounts/queueAccountFetch.ts';
import type { AccountConnections } from './accountConnections.ts';

export interface OAuthCallbackDeps {
  db: Db;
  queues: GoalpostQueues;
  log: Logger;
  now: () => Date;
  connections: AccountConnections;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page for the person in the browser: they came from the platform's consent screen. */
function page(status: number, title: string, detail: string): Response {
  const html = `<!doctype html><meta charset="utf-8"><title>Goalpost: ${escapeHtml(title)}</title>` +
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * `GET /oauth/callback?code&state`: the platform sends the person back here after consent. The state
 * must be one this gateway issued and not yet used; the code is exchanged for tokens, which are sealed
 * and stored before anything else happens, then the account is active again and a fetch is queued.
 * The tokens appear in no response, log line or job.
 */
export async function handleOAuthCallback(request: Request, deps: OAuthCallbackDeps): Promise<Response> {
  if (request.method !== 'GET') return page(405, 'Use GET', 'The platform redirects here with GET.');
  const url = new URL(request.url);
  const state = url.searchParams.get('state') ?? '';
  const pending = state ? await deps.connections.states.take(state) : undefined;
  if (!pending) {
    return page(400, 'This authorisation link is no longer valid', 'It expired or was already used. Start again from Goalpost (reauthorizeAccount gives a fresh link).');
  }
  const platformError = url.searchParams.get('error');
  const code = url.searchParams.get('code');
  if (platformError || !code) {
    deps.log.info({ accountId: pending.accountId, error: platformError }, 'authorisation refused on the platform');
    return page(400, 'Authorisation was not granted', `The platform answered "${platformError ?? 'no code'}". Start again and accept the requested permissions to connect the account.`);
  }

  const [account] = await findSocialAccounts(deps.db, pending.workspaceId, [pending.accountId]);
  const provider = oauthProviderFor(pending.platform);
  const client = provider && deps.connections.oauthClients[provider.id];
  if (!account || !client || !deps.connections.cipher) {
    return page(400, 'This account can no longer be connected', 'It was removed, or this Goalpost no longer has the OAuth app or CREDENTIALS_KEYS it needs.');
  }
  let credentials;
  try {
    credentials = await exchangeAuthorizationCode(client, {
      code,
      redirectUri: pending.redirectUri,
      ...(pending.codeVerifier ? { codeVerifier: pending.codeVerifier } : {}),
    }, deps.now());
    // Meta's user token lasts hours and has no refresh token: keep a long-lived one (a Page's own token for a Page).
    if (provider.id === 'meta') {
      credentials = await metaLongLivedCredentials(client, credentials, { pageId: account.platform === 'FACEBOOK' ? account.external_id ?? undefined : undefined }, deps.now());
    }
  } catch (error) {
    if (!(error instanceof OAuthTokenError)) throw error;
    deps.log.warn({ accountId: account.id, reason: error.message }, 'authorisation code exchange failed');
    return page(400, 'The platform did not issue a token', `${error.message}. ${error.retryable ? 'It may be busy: start again in a minute.' : 'Start again from Goalpost.'}`);
  }

  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    await updateAccountCredentials(tx, account.workspace_id, account.id, deps.connections.cipher!.seal(credentials), 'ACTIVE');
    await resolveOpenAlerts(tx, account.workspace_id, { accountId: account.id }, ['ACCOUNT_NEEDS_REAUTH'], now);
  });
  await queueAccountFetch(deps, account, now, 'connect');
  deps.log.info({ accountId: account.id, platform: account.platform }, 'account authorised');

  if (deps.connections.returnUrl) {
    const back = new URL(deps.connections.returnUrl);
    back.searchParams.set('account', encodeGlobalID('SocialAccount', account.id));
    back.searchParams.set('connected', 'true');
    return new Response(null, { status: 303, headers: { location: back.toString(), 'cache-control': 'no-store' } });
  }
  return page(200, `Connected ${account.handle}`, `Goalpost now fetches ${account.platform} metrics for ${account.handle}. You can close this window.`);
}
