import { createDb, type Db } from '@goalpost/db';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import { createGoalpostQueues, type GoalpostQueues } from '@goalpost/jobs';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { MetricSources } from '../../src/sources/metricSource.ts';
import type { WorkerDeps } from '../../src/workerDeps.ts';

export interface WorkerTestContext {
  db: Db;
  queues: GoalpostQueues;
  deps: WorkerDeps;
  /** This file's queue prefix and live namespace. */
  prefix: string;
  /** Sets the clock the processors read. */
  setNow(now: Date): void;
  close(): Promise<void>;
}

/** Processor dependencies over a fresh database, the run's Redis and a prefix of this file's own. */
export async function createWorkerTestContext(label: string, options: { now: Date; sources?: MetricSources; fetchChunkDays?: number }): Promise<WorkerTestContext> {
  const database = await createTestDatabase();
  const db = createDb(database.url);
  const prefix = uniquePrefix(label);
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const queues = createGoalpostQueues({ connection: redis, prefix, evaluateDebounceMs: 0 });
  let now = options.now;
  const deps: WorkerDeps = {
    db,
    queues,
    publisher: redis,
    liveNamespace: prefix,
    sources: options.sources ?? {},
    fetchChunkDays: options.fetchChunkDays ?? 30,
    backfillDays: 365,
    now: () => now,
    log: pino({ level: 'silent' }),
  };
  return {
    db,
    queues,
    deps,
    prefix,
    setNow: (next) => (now = next),
    async close() {
      await queues.close();
      await redis.quit();
      await db.destroy();
      await database.drop();
    },
  };
}

/** Every live event published under a namespace, as the gateways' Redis pub/sub receives them. */
export async function listenToLiveEvents(namespace: string) {
  const subscriber = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const events: { channel: string; payload: unknown }[] = [];
  subscriber.on('pmessage', (_pattern, channel, message) => events.push({ channel, payload: JSON.parse(message) }));
  await subscriber.psubscribe(`${namespace}.*`);
  return { events, close: async () => void (await subscriber.quit()) };
}
