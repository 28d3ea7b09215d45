import type { CredentialCipher, OAuthClients } from '@goalpost/credentials';
import type { AuthorizationStates } from './authorizationStates.ts';

/** What the gateway needs to connect CONNECTOR accounts: sealing, OAuth apps and where the callback is. */
export interface AccountConnections {
  /** Absent when CREDENTIALS_KEYS is not set: no credentials can be stored then. */
  cipher: CredentialCipher | undefined;
  oauthClients: OAuthClients;
  /** The gateway's public origin; the OAuth redirect URI is `<publicUrl>/oauth/callback`. */
  publicUrl: string;
  /** Where people are sent after the callback (the dashboard); a plain page when absent. */
  returnUrl: string | undefined;
  states: AuthorizationStates;
}

export const oauthCallbackPath = '/oauth/callback';
