import type { Db } from '@goalpost/db';
import type { GoalpostQueues } from '@goalpost/jobs';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { MetricSource } from './sources/metricSource.ts';

/** Everything a processor may use; processors are plain functions of (payload, deps). */
export interface WorkerDeps {
  db: Db;
  queues: GoalpostQueues;
  /** Publishes live events (Redis pub/sub) for the gateways' subscriptions. */
  publisher: Pick<Redis, 'publish'>;
  liveNamespace: string;
  sources: Partial<Record<string, MetricSource>>;
  fetchChunkDays: number;
  backfillDays: number;
  now: () => Date;
  log: Logger;
}
