import { createDb } from '@goalpost/db';
import {
  alertDeliverPayload, createGoalpostQueues, metricsFetchPayload, objectiveEvaluatePayload, queueNames, sweepJobs,
} from '@goalpost/jobs';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { z } from 'zod';
import type { WorkerEnv } from './env.ts';
import { deliverAlert } from './processors/deliverAlert.ts';
import { evaluatePlan } from './processors/evaluatePlan.ts';
import { fetchMetrics } from './processors/fetchMetrics.ts';
import { evaluatePlans, refreshAccounts } from './processors/sweeps.ts';
import { demoSource } from './sources/demoSource.ts';
import type { WorkerDeps } from './workerDeps.ts';

/** Invalid payloads are bad data, not bad luck: fail without retries. */
function parsed<T>(schema: z.ZodType<T>, job: Job): T {
  const result = schema.safeParse(job.data);
  if (!result.success) throw new UnrecoverableError(`Invalid ${job.queueName} payload: ${result.error.message}`);
  return result.data;
}

/** Wires BullMQ workers to the processors; `close()` lets in-flight jobs finish, then releases connections. */
export function createWorkerApp(env: WorkerEnv, options: { now?: () => Date } = {}) {
  const log = pino({ level: env.LOG_LEVEL, redact: ['*.credentials', '*.token', '*.secret'] });
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const publisher = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  for (const client of [connection, publisher]) client.on('error', (err) => log.warn({ err }, 'redis connection error'));
  const db = createDb(env.DATABASE_URL);
  const queues = createGoalpostQueues({ connection, prefix: env.QUEUE_PREFIX, evaluateDebounceMs: env.EVALUATE_DEBOUNCE_MS });
  queues.onError((err) => log.warn({ err }, 'queue error'));
  const deps: WorkerDeps = {
    db, queues, publisher, log,
    liveNamespace: env.LIVE_NAMESPACE,
    sources: { DEMO: demoSource(env.DEMO_LATENCY_MS) },
    fetchChunkDays: env.FETCH_CHUNK_DAYS,
    backfillDays: env.BACKFILL_DAYS,
    now: options.now ?? (() => new Date()),
  };
  const common = {
    connection,
    prefix: env.QUEUE_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    lockDuration: env.LOCK_DURATION_MS,
    stalledInterval: env.STALLED_INTERVAL_MS,
    autorun: false,
  };
  const sweepQueue = new Queue(queueNames.sweeps, { connection, prefix: env.QUEUE_PREFIX });
  sweepQueue.on('error', (err) => log.warn({ err }, 'queue error'));

  const workers = [
    new Worker(queueNames.metricsFetch, (job) => {
      const payload = parsed(metricsFetchPayload, job);
      return fetchMetrics(payload, deps, {
        saveCursor: (cursor) => job.updateData({ ...payload, cursor }),
        reportProgress: (percent) => job.updateProgress(percent),
      });
    }, common),
    new Worker(queueNames.objectiveEvaluate, (job) => evaluatePlan(parsed(objectiveEvaluatePayload, job), deps), common),
    new Worker(queueNames.alertDeliver, (job) => deliverAlert(parsed(alertDeliverPayload, job), deps), common),
    new Worker(queueNames.sweeps, (job) => (job.name === sweepJobs.refreshAccounts ? refreshAccounts(deps) : evaluatePlans(deps)), { ...common, concurrency: 1 }),
  ];
  for (const worker of workers) {
    worker.on('error', (err) => log.warn({ err }, 'worker error'));
    worker.on('failed', (job, err) => log.warn({ queue: job?.queueName, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
  }

  return {
    deps,
    async start() {
      // Stable scheduler ids: restarts and extra workers update the same two schedules instead of adding more.
      await sweepQueue.upsertJobScheduler(sweepJobs.refreshAccounts, { every: env.REFRESH_EVERY_MS }, { name: sweepJobs.refreshAccounts });
      await sweepQueue.upsertJobScheduler(sweepJobs.evaluatePlans, { every: env.SWEEP_EVERY_MS }, { name: sweepJobs.evaluatePlans });
      for (const worker of workers) void worker.run();
      await Promise.all(workers.map((w) => w.waitUntilReady()));
      log.info({ prefix: env.QUEUE_PREFIX }, 'worker ready');
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await sweepQueue.close();
      await queues.close();
      await Promise.all([connection.quit(), publisher.quit()].map((p) => p.catch(() => {})));
      await db.destroy();
    },
  };
}
