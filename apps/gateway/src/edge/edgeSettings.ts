/** How much the API edge lets one request and one client do; read from env (env.ts), defaults here. */
export interface EdgeSettings {
  /** NODE_ENV=production: no introspection, no field suggestions, no GraphiQL. */
  production: boolean;
  queryLimits: QueryLimitSettings;
  rateLimits: RateLimitSettings;
  /** Largest `/graphql` JSON body; multipart uploads have their own limit (importMetrics). */
  maxJsonBodyBytes: number;
}

export interface QueryLimitSettings {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Largest cost (see queryCost.ts): objects resolved, lists counted by their page size. */
  maxCost: number;
  /** What a list whose size the query does not state is taken to hold. */
  assumedListSize: number;
}

export interface RateLimitSettings {
  windowSeconds: number;
  /** Requests per window; 0 turns that limit off. */
  graphqlPerToken: number;
  graphqlPerAddress: number;
  webhooksPerAddress: number;
  oauthPerAddress: number;
  /** Proxies in front of the gateway that append to X-Forwarded-For; 0: the socket's address is the client's. */
  trustedProxyHops: number;
  /** Redis key prefix: gateway instances sharing it share their counters. */
  keyPrefix: string;
}

export const defaultEdgeSettings: EdgeSettings = {
  production: false,
  // The dashboard query (test/edge/hostileQueries.ts) is depth 8, 167 tokens and costs ~110,000.
  queryLimits: { maxDepth: 12, maxAliases: 20, maxTokens: 1000, maxDirectives: 25, maxCost: 1_000_000, assumedListSize: 10 },
  rateLimits: {
    windowSeconds: 60,
    graphqlPerToken: 600,
    graphqlPerAddress: 1200,
    webhooksPerAddress: 1200,
    oauthPerAddress: 30,
    trustedProxyHops: 0,
    keyPrefix: 'goalpost:rate',
  },
  maxJsonBodyBytes: 1_048_576,
};

export type EdgeSettingsOverrides = {
  production?: boolean;
  queryLimits?: Partial<QueryLimitSettings>;
  rateLimits?: Partial<RateLimitSettings>;
  maxJsonBodyBytes?: number;
};

export function edgeSettingsWith(overrides: EdgeSettingsOverrides = {}): EdgeSettings {
  return {
    production: overrides.production ?? defaultEdgeSettings.production,
    queryLimits: { ...defaultEdgeSettings.queryLimits, ...overrides.queryLimits },
    rateLimits: { ...defaultEdgeSettings.rateLimits, ...overrides.rateLimits },
    maxJsonBodyBytes: overrides.maxJsonBodyBytes ?? defaultEdgeSettings.maxJsonBodyBytes,
  };
}
