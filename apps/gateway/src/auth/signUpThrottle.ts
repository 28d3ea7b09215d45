import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface SignUpThrottle {
  /** Counts a sign-up from `address`; answers the seconds to wait when it is one too many, else null. */
  take(address: string): Promise<number | null>;
}

/**
 * Sign-ups counted per client address in Redis (shared by every gateway instance): each one counts,
 * taken or free email alike (counting only new accounts would tell which emails exist), and past
 * `maxPerAddress` within the window the address waits for the window to pass.
 */
export function createSignUpThrottle(redis: Redis, prefix: string, limits: { maxPerAddress: number; windowMinutes: number }): SignUpThrottle {
  const points = limits.maxPerAddress;
  const duration = Math.max(1, Math.round(limits.windowMinutes * 60));
  // While Redis is away (or not connected yet) each gateway counts in memory: still throttled, per instance.
  const limiter = new RateLimiterRedis({
    storeClient: redis, keyPrefix: `${prefix}:sign-up:address`, points, duration, insuranceLimiter: new RateLimiterMemory({ points, duration }),
  });
  return {
    take: async (address) => {
      try {
        await limiter.consume(address, 1);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        // Neither store could count (the insurance too): sign-up waits (503) rather than go unthrottled.
        throw new GraphQLError('Sign-up is unavailable for a moment (its counter cannot be reached): try again shortly.', {
          extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': '5' } } },
          originalError: rejection instanceof Error ? rejection : undefined,
        });
      }
    },
  };
}
