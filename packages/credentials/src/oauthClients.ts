import { oauthProviderIds, oauthProviders, type OAuthProvider, type OAuthProviderId } from './oauthProviders.ts';

/** A provider this installation is registered with: its endpoints (overridable) and app credentials. */
export interface OAuthClient {
  provider: OAuthProvider;
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
}

export type OAuthClients = Partial<Record<OAuthProviderId, OAuthClient>>;

/**
 * Reads `<PROVIDER>_CLIENT_ID` / `<PROVIDER>_CLIENT_SECRET` (META, GOOGLE, X, LINKEDIN, PINTEREST, TIKTOK)
 * and the optional `<PROVIDER>_AUTHORIZE_URL` / `<PROVIDER>_TOKEN_URL` overrides. Meta's secret defaults
 * to `META_APP_SECRET`, the one its webhooks are signed with. A provider with no id is not offered.
 */
export function oauthClientsFromEnv(vars: Readonly<Record<string, string | undefined>>): OAuthClients {
  const clients: OAuthClients = {};
  for (const id of oauthProviderIds) {
    const prefix = id.toUpperCase();
    const clientId = vars[`${prefix}_CLIENT_ID`]?.trim();
    const clientSecret = (vars[`${prefix}_CLIENT_SECRET`] ?? (id === 'meta' ? vars.META_APP_SECRET : undefined))?.trim();
    if (!clientId) continue;
    if (!clientSecret) throw new Error(`${prefix}_CLIENT_SECRET is required when ${prefix}_CLIENT_ID is set`);
    const provider = oauthProviders[id];
    clients[id] = {
      provider,
      clientId,
      clientSecret,
      authorizeUrl: vars[`${prefix}_AUTHORIZE_URL`]?.trim() || provider.authorizeUrl,
      tokenUrl: vars[`${prefix}_TOKEN_URL`]?.trim() || provider.tokenUrl,
    };
  }
  return clients;
}
