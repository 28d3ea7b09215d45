import type { Redis } from 'ioredis';
import type { RateLimitScope } from './connector.ts';

/** Keeps the later of the stored and the new reopening time; the key expires when the gate opens. */
const holdScript = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[1]) end
return 1`;

export interface RateLimitGates {
  /** When requests for this account may go out again; undefined when nothing holds them. */
  closedUntil(group: string, accountId: string, now: Date): Promise<Date | undefined>;
  /** Holds requests of the account (its token's limit) or of every account of the platform's rate-limit group (the app's). */
  hold(group: string, accountId: string, scope: RateLimitScope, until: Date): Promise<void>;
}

/**
 * Rate-limit gates in Redis, shared by every worker process: a platform that said "wait" for the app
 * holds all its accounts' fetches, one that said it of a token holds that account only. A gated fetch
 * makes no request; its job is delayed until the gate opens, so a limit never becomes a retry storm.
 */
export function createRateLimitGates(redis: Pick<Redis, 'eval' | 'mget'>, prefix: string): RateLimitGates {
  const platformKey = (group: string) => `${prefix}:rate-limit:platform:${group}`;
  const accountKey = (accountId: string) => `${prefix}:rate-limit:account:${accountId}`;
  return {
    async closedUntil(group, accountId, now) {
      const values = await redis.mget(platformKey(group), accountKey(accountId));
      const latest = Math.max(0, ...values.map((v) => Number(v ?? 0)));
      return latest > now.getTime() ? new Date(latest) : undefined;
    },
    async hold(group, accountId, scope, until) {
      const key = scope === 'platform' ? platformKey(group) : accountKey(accountId);
      await redis.eval(holdScript, 1, key, String(until.getTime()));
    },
  };
}
