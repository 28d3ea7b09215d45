import type { Redis } from 'ioredis';
import { apiMessageCatalogs } from '../messages/messageCatalog.ts';
import { localeOfAcceptLanguage } from '../messages/requestLocale.ts';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { hashApiToken } from '../auth/apiTokenHash.ts';
import { graphqlErrorResponse, jsonResponse } from '../http/jsonResponse.ts';
import { oauthCallbackPath } from '../oauth/accountConnections.ts';
import { clientAddress, socketAddressOf } from './clientAddress.ts';
import type { RateLimitSettings } from './edgeSettings.ts';

export type RateLimitedRoute = 'graphql' | 'webhooks' | 'oauth' | 'reports';
export interface RateLimitedCaller {
  address: string;
  /** The Authorization header, when sent: counted by its hash, never stored. */
  authorization?: string | null | undefined;
}
export interface RateLimitRefusal {
  message: string;
  retryAfterSeconds: number;
  /** The requests a window allows, and its length: what other languages word the refusal from. */
  limit: number;
  windowSeconds: number;
}
export type RateLimits = ReturnType<typeof createRateLimits>;

/**
 * Fixed-window counters per client address and per token, in Redis (rate-limiter-flexible), so every
 * gateway instance on the same Redis and key prefix counts the same requests. While Redis is away
 * each instance counts in memory instead (the insurance limiter): the limits hold, per instance.
 */
export function createRateLimits(redis: Redis, settings: RateLimitSettings, log: Logger) {
  const limiter = (name: string, points: number) =>
    points > 0
      ? new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${settings.keyPrefix}:${name}`,
          points,
          duration: settings.windowSeconds,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${settings.keyPrefix}:${name}`, points, duration: settings.windowSeconds }),
        })
      : null;
  const limiters: Record<RateLimitedRoute, { byAddress: RateLimiterRedis | null; byToken: RateLimiterRedis | null }> = {
    graphql: { byAddress: limiter('graphql:address', settings.graphqlPerAddress), byToken: limiter('graphql:token', settings.graphqlPerToken) },
    webhooks: { byAddress: limiter('webhooks:address', settings.webhooksPerAddress), byToken: null },
    oauth: { byAddress: limiter('oauth:address', settings.oauthPerAddress), byToken: null },
    // Reports read as much as a large query: the same allowance as /graphql, counted apart.
    reports: { byAddress: limiter('reports:address', settings.graphqlPerAddress), byToken: limiter('reports:token', settings.graphqlPerToken) },
  };

  /** Counts one request; a refusal when the caller has used up its window. */
  async function consume(route: RateLimitedRoute, caller: RateLimitedCaller): Promise<RateLimitRefusal | null> {
    const { byAddress, byToken } = limiters[route];
    const counted: [RateLimiterRedis | null, string | undefined, string][] = [
      [byAddress, caller.address, 'your address'],
      [byToken, caller.authorization ? hashApiToken(caller.authorization) : undefined, 'this token'],
    ];
    for (const [counter, key, whose] of counted) {
      if (!counter || !key) continue;
      try {
        await counter.consume(key);
      } catch (outcome) {
        if (!(outcome instanceof RateLimiterRes)) {
          // A counter that cannot count lets the request through rather than refuse everyone.
          log.warn({ err: outcome, route }, 'rate limit not counted');
          continue;
        }
        const retryAfterSeconds = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
        return {
          retryAfterSeconds,
          limit: counter.points,
          windowSeconds: settings.windowSeconds,
          message: `Too many requests from ${whose}: at most ${counter.points} per ${settings.windowSeconds} s. Retry in ${retryAfterSeconds} s.`,
        };
      }
    }
    return null;
  }

  return { consume, settings };
}

function routeOf(path: string, graphqlEndpoint: string): RateLimitedRoute | null {
  if (path === graphqlEndpoint) return 'graphql';
  if (path.startsWith('/webhooks/')) return 'webhooks';
  if (path === oauthCallbackPath) return 'oauth';
  if (path.startsWith('/reports/')) return 'reports';
  return null;
}

/** HTTP 429 with Retry-After on `/graphql` (a GraphQL error `RATE_LIMITED`), the webhooks, the OAuth callback and the reports. */
export function rateLimitedRoutes(limits: RateLimits, graphqlEndpoint: string): Plugin {
  return {
    onRequest: async ({ request, url, serverContext, endResponse }) => {
      const route = routeOf(url.pathname, graphqlEndpoint);
      if (!route) return;
      const address = clientAddress(socketAddressOf(serverContext), request.headers.get('x-forwarded-for'), limits.settings.trustedProxyHops);
      const refusal = await limits.consume(route, { address, authorization: request.headers.get('authorization') });
      if (!refusal) return;
      const headers = { 'retry-after': String(refusal.retryAfterSeconds) };
      const extensions = { code: 'RATE_LIMITED', retryAfterSeconds: refusal.retryAfterSeconds };
      const words = apiMessageCatalogs[localeOfAcceptLanguage(request.headers.get('accept-language'))].errors;
      const message = words?.rateLimited(refusal.retryAfterSeconds, refusal) ?? refusal.message;
      endResponse(
        route === 'graphql'
          ? graphqlErrorResponse(429, message, extensions, headers)
          : jsonResponse(429, { error: message, ...extensions }, headers),
      );
    },
  };
}
