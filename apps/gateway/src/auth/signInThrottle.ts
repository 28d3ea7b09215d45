import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import { hashSecret } from './apiTokenHash.ts';

export interface SignInThrottle {
  /** Seconds until the email or the address may try again, or null when neither is locked. */
  lockedFor(email: string, address: string): Promise<number | null>;
  /** Counts a failure against both; answers the lockout it causes, if any. */
  recordFailure(email: string, address: string): Promise<number | null>;
  /** A successful sign-in clears the email's failures (the address keeps its count: it may be trying many emails). */
  recordSuccess(email: string): Promise<void>;
}

/**
 * Failed sign-ins counted in Redis (shared by every gateway instance) per account and per client
 * address; reaching the limit locks that key for the lockout time. The email is counted whether or not
 * it belongs to anyone, so a lockout reveals nothing. Keys hold a hash of the email, never the email.
 */
export function createSignInThrottle(
  redis: Redis,
  prefix: string,
  limits: { maxFailures: number; maxFailuresPerAddress: number; lockoutMinutes: number },
): SignInThrottle {
  const lockoutSeconds = Math.max(1, Math.round(limits.lockoutMinutes * 60));
  const byAccount = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:sign-in:account`, points: limits.maxFailures, duration: lockoutSeconds });
  const byAddress = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:sign-in:address`, points: limits.maxFailuresPerAddress, duration: lockoutSeconds });
  const accountKey = (email: string) => hashSecret(email).slice(0, 32);
  const lockedSeconds = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints >= points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : null;
  const worst = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

  async function fail(limiter: RateLimiterRedis, key: string, points: number): Promise<number | null> {
    const res = await limiter.penalty(key, 1);
    if (res.consumedPoints < points) return null;
    // The lockout runs from the failure that reached the limit, not from the first failure of the window.
    await limiter.block(key, lockoutSeconds);
    return lockoutSeconds;
  }

  /** Without Redis nothing can be counted: sign-in waits (503) rather than go unthrottled. */
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Error) {
        throw new GraphQLError('Sign-in is unavailable for a moment (its attempt counter cannot be reached): try again shortly.', {
          extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': '5' } } },
          originalError: error,
        });
      }
      throw error;
    }
  };

  return {
    lockedFor: (email, address) => counted(async () => {
      const [account, client] = await Promise.all([byAccount.get(accountKey(email)), byAddress.get(address)]);
      return worst(lockedSeconds(account, limits.maxFailures), lockedSeconds(client, limits.maxFailuresPerAddress));
    }),
    recordFailure: (email, address) => counted(async () => {
      const [account, client] = await Promise.all([
        fail(byAccount, accountKey(email), limits.maxFailures),
        fail(byAddress, address, limits.maxFailuresPerAddress),
      ]);
      return worst(account, client);
    }),
    recordSuccess: (email) => counted(async () => {
      await byAccount.delete(accountKey(email));
    }),
  };
}
