import type { Queue } from 'bullmq';

export const countedStates = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type CountedState = (typeof countedStates)[number];
export type QueueJobCounts = Map<string, Record<CountedState, number>>;

/**
 * Job counts of every queue, read for a scrape within `timeoutMs`, or `null` when Redis does not answer
 * in time. Scrapes that overlap share one read, and a read still hanging (Redis away) is waited on
 * again rather than joined by another: however often Prometheus asks, at most one read is in flight.
 */
export function queueJobCounts(queues: readonly Queue[], timeoutMs: number) {
  let inFlight: Promise<QueueJobCounts | null> | undefined;
  const read = async (): Promise<QueueJobCounts | null> => {
    try {
      const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...countedStates)));
      return new Map(queues.map((queue, i) => [queue.name, counts[i] as Record<CountedState, number>]));
    } catch {
      return null;
    }
  };
  return async function current(): Promise<QueueJobCounts | null> {
    inFlight ??= read().finally(() => (inFlight = undefined));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    try {
      return await Promise.race([inFlight, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
}
