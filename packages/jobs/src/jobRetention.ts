import type { JobsOptions } from 'bullmq';

/**
 * How long finished jobs stay in Redis: long enough to inspect a day of work and a week of failures,
 * bounded so Redis never grows with history (history lives in Postgres).
 */
export const jobRetention = {
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} satisfies JobsOptions;
