import { credentialKeysVariable, oauthClientsFromEnv, type OAuthClients } from '@goalpost/credentials';
import { z } from 'zod';
import { defaultEdgeSettings, type EdgeSettings } from './edge/edgeSettings.ts';

const { queryLimits: q, rateLimits: r } = defaultEdgeSettings;
const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  DATABASE_URL: z.string().min(1, 'set it to a PostgreSQL URL, e.g. postgres://user:pass@localhost:5432/goalpost'),
  REDIS_URL: z.string().min(1, 'set it to a Redis URL, e.g. redis://localhost:6379'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  GOALPOST_BOOTSTRAP_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  QUEUE_PREFIX: z.string().default('goalpost'),
  LIVE_NAMESPACE: z.string().default('goalpost'),
  EVALUATE_DEBOUNCE_MS: z.coerce.number().int().min(0).default(1000),
  META_APP_SECRET: z.string().min(1).optional(),
  META_VERIFY_TOKEN: z.string().min(1).optional(),
  WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `id:base64key[,…]`: seals connector credentials; the first key seals, all open (rotation). */
  CREDENTIALS_KEYS: credentialKeysVariable,
  /** The origin platforms redirect people back to after consent (`<PUBLIC_URL>/oauth/callback`). */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be the http(s) origin people reach the gateway at, e.g. https://goalpost.example.com' }).optional(),
  /** Plain http:// webhook and Slack URLs accepted for notification channels (development only; the worker must allow them too). */
  OUTBOUND_ALLOW_HTTP: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((v) => v === 'true'),
  /** Where the OAuth callback sends people once an account is connected (the dashboard). */
  OAUTH_RETURN_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** production: no introspection, no field suggestions, no GraphiQL. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  GRAPHQL_MAX_DEPTH: positive(q.maxDepth),
  GRAPHQL_MAX_ALIASES: count(q.maxAliases),
  GRAPHQL_MAX_TOKENS: positive(q.maxTokens),
  GRAPHQL_MAX_DIRECTIVES: count(q.maxDirectives),
  GRAPHQL_MAX_COST: positive(q.maxCost),
  GRAPHQL_ASSUMED_LIST_SIZE: positive(q.assumedListSize),
  GRAPHQL_MAX_BODY_BYTES: positive(defaultEdgeSettings.maxJsonBodyBytes),
  RATE_LIMIT_WINDOW_SECONDS: positive(r.windowSeconds),
  RATE_LIMIT_PER_TOKEN: count(r.graphqlPerToken),
  RATE_LIMIT_PER_ADDRESS: count(r.graphqlPerAddress),
  RATE_LIMIT_WEBHOOKS_PER_ADDRESS: count(r.webhooksPerAddress),
  RATE_LIMIT_OAUTH_PER_ADDRESS: count(r.oauthPerAddress),
  /** How many proxies in front append to X-Forwarded-For; 0 (default) trusts only the socket's address. */
  TRUSTED_PROXY_HOPS: count(r.trustedProxyHops),
});
export type GatewayEnv = z.infer<typeof schema> & { oauthClients: OAuthClients; edge: EdgeSettings };

function edgeSettingsOf(env: z.infer<typeof schema>): EdgeSettings {
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

/** Reads the gateway's configuration once; exits with one line per bad variable. */
export function readGatewayEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = schema.safeParse(source);
  const lines = (parsed.error?.issues ?? []).map((i) => `  ${i.path.join('.')}: ${i.message}`);
  let oauthClients: OAuthClients = {};
  try {
    oauthClients = oauthClientsFromEnv(source);
  } catch (error) {
    lines.push(`  ${(error as Error).message}`);
  }
  if (!parsed.success || lines.length > 0) throw new Error(`The gateway's configuration is invalid:\n${lines.join('\n')}`);
  return { ...parsed.data, oauthClients, edge: edgeSettingsOf(parsed.data) };
}
