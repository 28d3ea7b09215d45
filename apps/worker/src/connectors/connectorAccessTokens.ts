import { updateAccountCredentials, type Db, type SocialAccountRow } from '@goalpost/db';
import {
  CredentialsUnreadable, OAuthTokenError, oauthProviderFor, refreshAccessToken,
  type CredentialCipher, type OAuthClients, type PlatformCredentials,
} from '@goalpost/credentials';
import { UnrecoverableError } from 'bullmq';
import { ConnectorFailure } from './connectorFailure.ts';

/** A token this close to its expiry is refreshed before use rather than sent to fail. */
const refreshMarginMs = 5 * 60_000;

export interface ConnectorAccessTokens {
  /** A usable access token for the account, refreshed first when it is about to expire. */
  current(account: SocialAccountRow, now: Date): Promise<string>;
  /** A new access token after the platform refused the current one; AUTH_EXPIRED when none can be had. */
  refreshed(account: SocialAccountRow, now: Date): Promise<string>;
}

/**
 * Opens an account's sealed credentials and refreshes them through the platform's OAuth client. A
 * refreshed token (and a record sealed under a retired key) is sealed again under the current key and
 * stored at once, before it is used, so a crash never loses a rotated refresh token. Fetch jobs are
 * deduplicated per account, so two refreshes of one account never race.
 */
export function createConnectorAccessTokens(deps: { db: Db; cipher: CredentialCipher | undefined; oauthClients: OAuthClients }): ConnectorAccessTokens {
  function open(account: SocialAccountRow): PlatformCredentials {
    if (!deps.cipher) {
      throw new UnrecoverableError('CREDENTIALS_KEYS is not set: the worker cannot open connector credentials. Set the same CREDENTIALS_KEYS as the gateway and retry the account.');
    }
    try {
      return deps.cipher.open(account.credentials);
    } catch (error) {
      if (error instanceof CredentialsUnreadable) throw new UnrecoverableError(`Account ${account.id}: ${error.message}. Restore the key in CREDENTIALS_KEYS or re-authorise the account.`);
      throw error;
    }
  }

  async function store(account: SocialAccountRow, credentials: PlatformCredentials) {
    const sealed = deps.cipher!.seal(credentials);
    await updateAccountCredentials(deps.db, account.workspace_id, account.id, sealed);
    account.credentials = sealed;
  }

  async function refresh(account: SocialAccountRow, credentials: PlatformCredentials, now: Date): Promise<string> {
    const provider = oauthProviderFor(account.platform);
    const client = provider && deps.oauthClients[provider.id];
    if (!client || !credentials.refreshToken) {
      throw new ConnectorFailure('AUTH_EXPIRED', `the ${account.platform} token expired and cannot be refreshed here${client ? ' (the platform issued no refresh token)' : ` (no OAuth client is configured for ${provider?.label ?? account.platform})`}`);
    }
    try {
      const fresh = await refreshAccessToken(client, credentials, now);
      await store(account, fresh);
      return fresh.accessToken;
    } catch (error) {
      if (!(error instanceof OAuthTokenError)) throw error;
      throw new ConnectorFailure(error.retryable ? 'TRANSIENT' : 'AUTH_EXPIRED', error.message);
    }
  }

  return {
    async current(account, now) {
      const credentials = open(account);
      const expiresAt = credentials.expiresAt ? Date.parse(credentials.expiresAt) : Number.POSITIVE_INFINITY;
      if (expiresAt - now.getTime() < refreshMarginMs && credentials.refreshToken) return refresh(account, credentials, now);
      if (deps.cipher!.needsResealing(account.credentials as Parameters<CredentialCipher['needsResealing']>[0])) await store(account, credentials);
      return credentials.accessToken;
    },
    refreshed: (account, now) => refresh(account, open(account), now),
  };
}
