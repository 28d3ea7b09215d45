import { describe, expect, it } from 'vitest';
import { defaultEdgeSettings } from '../../src/edge/edgeSettings.ts';
import { readGatewayEnv } from '../../src/env.ts';

const required = { DATABASE_URL: 'postgres://localhost/goalpost', REDIS_URL: 'redis://localhost:6379' };

describe('edge settings from the environment', () => {
  it('defaults to development with the default limits, counters under the queue prefix', () => {
    const { edge } = readGatewayEnv(required);
    expect(edge).toEqual({ ...defaultEdgeSettings, rateLimits: { ...defaultEdgeSettings.rateLimits, keyPrefix: 'goalpost:rate' } });
    expect(edge.production).toBe(false);
  });

  it('reads every limit from its variable', () => {
    const { edge } = readGatewayEnv({
      ...required,
      NODE_ENV: 'production',
      QUEUE_PREFIX: 'acme',
      GRAPHQL_MAX_DEPTH: '7',
      GRAPHQL_MAX_ALIASES: '3',
      GRAPHQL_MAX_TOKENS: '400',
      GRAPHQL_MAX_DIRECTIVES: '2',
      GRAPHQL_MAX_COST: '9000',
      GRAPHQL_ASSUMED_LIST_SIZE: '4',
      GRAPHQL_MAX_BODY_BYTES: '2048',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      RATE_LIMIT_PER_TOKEN: '5',
      RATE_LIMIT_PER_ADDRESS: '0',
      RATE_LIMIT_WEBHOOKS_PER_ADDRESS: '6',
      RATE_LIMIT_OAUTH_PER_ADDRESS: '7',
      TRUSTED_PROXY_HOPS: '1',
    });
    expect(edge).toEqual({
      production: true,
      queryLimits: { maxDepth: 7, maxAliases: 3, maxTokens: 400, maxDirectives: 2, maxCost: 9000, assumedListSize: 4 },
      rateLimits: { windowSeconds: 10, graphqlPerToken: 5, graphqlPerAddress: 0, webhooksPerAddress: 6, oauthPerAddress: 7, trustedProxyHops: 1, keyPrefix: 'acme:rate' },
      maxJsonBodyBytes: 2048,
    });
  });

  it('names each malformed variable', () => {
    expect(() => readGatewayEnv({ ...required, GRAPHQL_MAX_DEPTH: 'deep', RATE_LIMIT_PER_TOKEN: '-1', NODE_ENV: 'staging' })).toThrow(
      /GRAPHQL_MAX_DEPTH[\s\S]*RATE_LIMIT_PER_TOKEN|RATE_LIMIT_PER_TOKEN[\s\S]*GRAPHQL_MAX_DEPTH/,
    );
    expect(() => readGatewayEnv({ ...required, NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });
});
