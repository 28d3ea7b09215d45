import type { SocialAccountRow } from '@goalpost/db';
import { authorizationUrl, oauthProviderFor, pkcePair } from '@goalpost/credentials';
import { InputError } from '../errors.ts';
import { oauthCallbackPath, type AccountConnections } from './accountConnections.ts';

/**
 * Starts the OAuth authorization-code flow for a CONNECTOR account: a single-use state (with the PKCE
 * verifier where the platform takes one) is kept in Redis, and the platform's consent page URL is
 * returned for a person to open. The callback finishes the connection.
 */
export async function startAccountAuthorization(
  connections: AccountConnections,
  account: SocialAccountRow,
  now: Date,
  field: string,
): Promise<{ authorizeUrl: string; expiresAt: Date }> {
  const { provider, client } = authorizationSetup(connections, account.platform, field);
  const redirectUri = `${connections.publicUrl}${oauthCallbackPath}`;
  const pkce = provider.pkce ? pkcePair() : undefined;
  const { state, expiresAt } = await connections.states.create({
    workspaceId: account.workspace_id,
    accountId: account.id,
    platform: account.platform,
    redirectUri,
    ...(pkce ? { codeVerifier: pkce.verifier } : {}),
  }, now);
  const authorizeUrl = authorizationUrl(client, account.platform, { state, redirectUri, ...(pkce ? { codeChallenge: pkce.challenge } : {}) });
  return { authorizeUrl, expiresAt };
}

/**
 * The OAuth app and sealing key a platform's consent flow needs, or the InputError saying which setting
 * is missing: checked before anything is written, so a refused connection leaves no trace.
 */
export function authorizationSetup(connections: AccountConnections, platform: string, field: string) {
  const provider = oauthProviderFor(platform);
  const client = provider && connections.oauthClients[provider.id];
  if (!provider || !client) {
    const setting = provider ? `${provider.id.toUpperCase()}_CLIENT_ID and ${provider.id.toUpperCase()}_CLIENT_SECRET` : 'an OAuth app';
    throw InputError.of([{
      field,
      rule: 'oauth-configured',
      message: `this Goalpost has no OAuth app for ${platform}: an operator sets ${setting} on the gateway and worker, or pass input.credentials with a token you already have`,
    }]);
  }
  if (!connections.cipher) throw credentialKeysMissing(field);
  return { provider, client };
}

export function credentialKeysMissing(field: string): InputError {
  return InputError.of([{
    field,
    rule: 'credentials-keys',
    message: 'this Goalpost cannot store credentials: an operator sets CREDENTIALS_KEYS (id:base64 of 32 random bytes) on the gateway and worker',
  }]);
}
