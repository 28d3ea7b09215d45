import type { Db } from '@goalpost/db';
import type { GoalpostQueues } from '@goalpost/jobs';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { MetricSources } from './sources/metricSource.ts';

/** Everything a processor may use; processors are plain functions of (payload, deps). */
export interface WorkerDeps {
  db: Db;
  /** The producer side of the queues: processors enqueue follow-up work through the job catalog. */
  queues: GoalpostQueues;
  /** Publishes live events (Redis pub/sub) that every gateway relays to its subscriptions. */
  publisher: Pick<Redis, 'publish'>;
  liveNamespace: string;
  /** Pulled account sources (DEMO now, CONNECTOR with issue #4). */
  sources: MetricSources;
  fetchChunkDays: number;
  backfillDays: number;
  /** The clock: processors never read the time themselves, so tests can set it. */
  now: () => Date;
  log: Logger;
}
