import type { Redis } from 'ioredis';

/** Keeps the later of the stored and the new reopening time; the key expires when the gate opens. */
const holdScript = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[1]) end
return 1`;

export interface AccountRateLimits {
  /** When requests for this account may go out again; undefined when nothing holds them. */
  closedUntil(accountId: string, now: Date): Promise<Date | undefined>;
  /** Holds the account's requests (its token's limit) until then; an earlier time never shortens a hold. */
  hold(accountId: string, until: Date): Promise<void>;
}

/**
 * Per-account rate-limit gates in Redis, shared by every worker process: a platform that said "wait" of
 * one token holds that account's fetches only, and a fetch that finds its gate closed makes no request
 * (its job is delayed until the gate opens). Limits of a whole platform (the app's) are BullMQ's rate
 * limiter on the platform's fetch queue instead.
 */
export function createAccountRateLimits(redis: Pick<Redis, 'eval' | 'get'>, prefix: string): AccountRateLimits {
  const key = (accountId: string) => `${prefix}:rate-limit:account:${accountId}`;
  return {
    async closedUntil(accountId, now) {
      const until = Number((await redis.get(key(accountId))) ?? 0);
      return until > now.getTime() ? new Date(until) : undefined;
    },
    async hold(accountId, until) {
      await redis.eval(holdScript, 1, key(accountId), String(until.getTime()));
    },
  };
}
