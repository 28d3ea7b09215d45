import type { RedisOptions } from 'ioredis';

/**
 * Reconnect forever, at most every 5 s: Redis restarting or failing over must never end a process.
 * (ioredis' own default also retries forever, every 2 s at most; this spaces the attempts out, and with
 * them the error logged for each.)
 */
const reconnect: Pick<RedisOptions, 'retryStrategy'> = { retryStrategy: (attempt) => Math.min(attempt * 250, 5_000) };

/**
 * For code that answers requests: while Redis is away a command fails at once (no offline queue, no
 * retry), so a request gets an error instead of hanging until Redis returns.
 */
export const failFastRedisOptions: RedisOptions = { ...reconnect, enableOfflineQueue: false, maxRetriesPerRequest: 1 };

/**
 * For BullMQ workers, subscribers and the worker's own commands: commands wait for the reconnect (BullMQ
 * requires `maxRetriesPerRequest: null` on worker connections); nothing is lost, it is delayed.
 */
export const patientRedisOptions: RedisOptions = { ...reconnect, maxRetriesPerRequest: null };
