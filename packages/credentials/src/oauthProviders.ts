/** The platforms' OAuth 2.0 authorization-code endpoints and what each asks for. */
export interface OAuthProvider {
  id: OAuthProviderId;
  label: string;
  /** The account platforms connected through this provider, with the scopes each needs. */
  scopes: Partial<Record<string, readonly string[]>>;
  authorizeUrl: string;
  tokenUrl: string;
  scopeSeparator: ' ' | ',';
  /** TikTok calls the client id `client_key`. */
  clientIdParam: 'client_id' | 'client_key';
  /** X and Pinterest want confidential clients to authenticate with HTTP Basic at the token endpoint. */
  tokenAuth: 'body' | 'basic';
  /** Proof Key for Code Exchange (required by X, good practice everywhere it is accepted). */
  pkce: boolean;
  /** Extra authorize parameters (Google only issues a refresh token with offline access and consent). */
  authorizeParams?: Readonly<Record<string, string>>;
}

export const oauthProviderIds = ['meta', 'google', 'x', 'linkedin', 'pinterest', 'tiktok'] as const;
export type OAuthProviderId = (typeof oauthProviderIds)[number];

export const oauthProviders: Readonly<Record<OAuthProviderId, OAuthProvider>> = {
  meta: {
    id: 'meta', label: 'Meta (Facebook and Instagram)',
    scopes: {
      FACEBOOK: ['pages_show_list', 'pages_read_engagement', 'read_insights'],
      INSTAGRAM: ['pages_show_list', 'instagram_basic', 'instagram_manage_insights'],
    },
    authorizeUrl: 'https://www.facebook.com/v23.0/dialog/oauth',
    tokenUrl: 'https://graph.facebook.com/v23.0/oauth/access_token',
    scopeSeparator: ',', clientIdParam: 'client_id', tokenAuth: 'body', pkce: false,
  },
  google: {
    id: 'google', label: 'Google (YouTube and Analytics)',
    scopes: {
      YOUTUBE: ['https://www.googleapis.com/auth/yt-analytics.readonly', 'https://www.googleapis.com/auth/youtube.readonly'],
      WEBSITE: ['https://www.googleapis.com/auth/analytics.readonly'],
    },
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    scopeSeparator: ' ', clientIdParam: 'client_id', tokenAuth: 'body', pkce: true,
    authorizeParams: { access_type: 'offline', prompt: 'consent' },
  },
  x: {
    id: 'x', label: 'X',
    scopes: { X: ['tweet.read', 'users.read', 'offline.access'] },
    authorizeUrl: 'https://x.com/i/oauth2/authorize',
    tokenUrl: 'https://api.x.com/2/oauth2/token',
    scopeSeparator: ' ', clientIdParam: 'client_id', tokenAuth: 'basic', pkce: true,
  },
  linkedin: {
    id: 'linkedin', label: 'LinkedIn',
    scopes: { LINKEDIN: ['r_organization_social', 'r_organization_followers', 'rw_organization_admin'] },
    authorizeUrl: 'https://www.linkedin.com/oauth/v2/authorization',
    tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
    scopeSeparator: ' ', clientIdParam: 'client_id', tokenAuth: 'body', pkce: false,
  },
  pinterest: {
    id: 'pinterest', label: 'Pinterest',
    scopes: { PINTEREST: ['user_accounts:read', 'pins:read'] },
    authorizeUrl: 'https://www.pinterest.com/oauth/',
    tokenUrl: 'https://api.pinterest.com/v5/oauth/token',
    scopeSeparator: ',', clientIdParam: 'client_id', tokenAuth: 'basic', pkce: false,
  },
  tiktok: {
    id: 'tiktok', label: 'TikTok',
    scopes: { TIKTOK: ['user.info.basic', 'user.info.stats', 'video.list'] },
    authorizeUrl: 'https://www.tiktok.com/v2/auth/authorize/',
    tokenUrl: 'https://open.tiktokapis.com/v2/oauth/token/',
    scopeSeparator: ',', clientIdParam: 'client_key', tokenAuth: 'body', pkce: false,
  },
};

/** The provider an account platform authorises through; WEBSITE means Google Analytics 4. */
export function oauthProviderFor(platform: string): OAuthProvider | undefined {
  return Object.values(oauthProviders).find((p) => p.scopes[platform] !== undefined);
}
