import { commaList, integer, oneOf, optionalUrl, port, readSettings, secret, text, unsetIfEmpty } from '@goalpost/settings';
import { z } from 'zod';
import { defaultEdgeSettings, type EdgeSettings } from './edge/edgeSettings.ts';

const { queryLimits: q, rateLimits: r } = defaultEdgeSettings;
const count = (fallback: number, unit = 'requests') => integer({ fallback, min: 0, max: 1_000_000_000, unit });
const positive = (fallback: number, unit: string) => integer({ fallback, min: 1, max: 1_000_000_000, unit });

/** An origin is a scheme, a host and maybe a port: `https://app.example.com`, no path; `*` is any origin. */
const origin = z.string().refine((value) => value === '*' || (URL.canParse(value) && new URL(value).origin === value.replace(/\/$/, '')), {
  error: 'must list origins (scheme://host[:port], no path) separated by commas, or *, e.g. https://app.example.com,http://localhost:5173',
});

/** The gateway's own variables; the common ones (DATABASE_URL, REDIS_URL, LOG_LEVEL…) come from @goalpost/settings. */
/** A browser origin allowed to send cookie-authenticated requests (the dashboard on another origin). */
const appOrigin = z.string().refine((value) => /^https?:$/.test(URL.canParse(value) ? new URL(value).protocol : '') && new URL(value).origin === value.replace(/\/$/, ''), {
  error: 'must list http(s) origins (scheme://host[:port], no path) separated by commas, e.g. https://app.example.com',
}).transform((value) => new URL(value).origin);

const gatewaySettings = {
  PORT: port(4000),
  GOALPOST_BOOTSTRAP_TOKEN: secret(16),
  META_APP_SECRET: text(),
  META_VERIFY_TOKEN: text(),
  WEBHOOK_MAX_BODY_BYTES: integer({ fallback: 1_048_576, min: 1024, max: 64 * 1_048_576, unit: 'bytes' }),
  /** The origin platforms redirect people back to after consent (`<PUBLIC_URL>/oauth/callback`). */
  PUBLIC_URL: optionalUrl(['https:', 'http:'], 'https://goalpost.example.com'),
  /** Where the OAuth callback sends people once an account is connected (the dashboard). */
  OAUTH_RETURN_URL: optionalUrl(['https:', 'http:'], 'https://goalpost.example.com/accounts'),
  /** Where the dashboard's production build is (the image sets it); unset: apps/dashboard/dist of this checkout. */
  DASHBOARD_DIR: text(),
  /** Browser origins allowed to call the API from another origin; none by default. Never with credentials. */
  CORS_ORIGINS: commaList(origin),
  /** After SIGTERM, how long /readyz says 503 before connections are closed (for a load balancer to notice). */
  SHUTDOWN_DRAIN_MS: integer({ fallback: 0, min: 0, max: 60_000, unit: 'milliseconds' }),
  GRAPHQL_MAX_DEPTH: positive(q.maxDepth, 'levels'),
  GRAPHQL_MAX_ALIASES: count(q.maxAliases, 'aliases'),
  GRAPHQL_MAX_TOKENS: positive(q.maxTokens, 'tokens'),
  GRAPHQL_MAX_DIRECTIVES: count(q.maxDirectives, 'directives'),
  GRAPHQL_MAX_COST: positive(q.maxCost, 'cost points'),
  GRAPHQL_ASSUMED_LIST_SIZE: positive(q.assumedListSize, 'items'),
  GRAPHQL_MAX_BODY_BYTES: positive(defaultEdgeSettings.maxJsonBodyBytes, 'bytes'),
  RATE_LIMIT_WINDOW_SECONDS: positive(r.windowSeconds, 'seconds'),
  RATE_LIMIT_PER_TOKEN: count(r.graphqlPerToken),
  RATE_LIMIT_PER_ADDRESS: count(r.graphqlPerAddress),
  RATE_LIMIT_WEBHOOKS_PER_ADDRESS: count(r.webhooksPerAddress),
  RATE_LIMIT_OAUTH_PER_ADDRESS: count(r.oauthPerAddress),
  /** How many proxies in front append to X-Forwarded-For; 0 (default) trusts only the socket's address. */
  TRUSTED_PROXY_HOPS: count(r.trustedProxyHops, 'proxies'),
  /** People and sessions (see auth/authSettings.ts for what each means). */
  SIGN_UP_ENABLED: oneOf(['true', 'false', '1', '0'], 'true'),
  SESSION_IDLE_MINUTES: positive(12 * 60, 'minutes'),
  SESSION_MAX_HOURS: positive(7 * 24, 'hours'),
  INVITATION_TTL_HOURS: positive(72, 'hours'),
  /** The page that accepts invitations; unset, `<PUBLIC_URL>/invitations/accept`. */
  INVITATION_URL: optionalUrl(['https:', 'http:'], 'https://goalpost.example.com/invitations/accept'),
  SIGN_IN_MAX_FAILURES: positive(5, 'failures'),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: positive(50, 'failures'),
  SIGN_IN_LOCKOUT_MINUTES: positive(15, 'minutes'),
  SIGN_UP_MAX_PER_ADDRESS: positive(20, 'sign-ups'),
  SIGN_UP_WINDOW_MINUTES: positive(60, 'minutes'),
  /** Origins besides the gateway's own whose browsers may act with a session cookie; none by default. */
  APP_ORIGINS: commaList(appOrigin),
  /** The demo person `npm start` prints (owner of the demo workspace, with GOALPOST_BOOTSTRAP_TOKEN). */
  GOALPOST_DEMO_EMAIL: z.preprocess(unsetIfEmpty, z.email({ error: 'must be an email address, e.g. demo@goalpost.local' }).default('demo@goalpost.local')),
  GOALPOST_DEMO_PASSWORD: secret(12),
};

/** Query, rate and body limits of the edge, from the variables above. */
function edgeSettingsOf(env: ReturnType<typeof readGatewaySettings>): EdgeSettings {
  return {
    production: env.NODE_ENV === 'production',
    queryLimits: {
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      maxDirectives: env.GRAPHQL_MAX_DIRECTIVES,
      maxCost: env.GRAPHQL_MAX_COST,
      assumedListSize: env.GRAPHQL_ASSUMED_LIST_SIZE,
    },
    rateLimits: {
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      graphqlPerToken: env.RATE_LIMIT_PER_TOKEN,
      graphqlPerAddress: env.RATE_LIMIT_PER_ADDRESS,
      webhooksPerAddress: env.RATE_LIMIT_WEBHOOKS_PER_ADDRESS,
      oauthPerAddress: env.RATE_LIMIT_OAUTH_PER_ADDRESS,
      trustedProxyHops: env.TRUSTED_PROXY_HOPS,
      // Instances on one Redis and one QUEUE_PREFIX are one deployment: they share the counters.
      keyPrefix: `${env.QUEUE_PREFIX}:rate`,
    },
    maxJsonBodyBytes: env.GRAPHQL_MAX_BODY_BYTES,
  };
}

const readGatewaySettings = (source: NodeJS.ProcessEnv) => readSettings('gateway', gatewaySettings, source);

export type GatewayEnv = ReturnType<typeof readGatewayEnv>;

/** Reads the gateway's configuration once; throws one line per bad variable (`InvalidSettingsError`). */
export function readGatewayEnv(source: NodeJS.ProcessEnv = process.env) {
  const env = readGatewaySettings(source);
  return { ...env, edge: edgeSettingsOf(env) };
}
