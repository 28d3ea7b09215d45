import { createDb } from '@goalpost/db';
import {
  alertDeliverPayload, createGoalpostQueues, notificationBackoffType, notificationDeliverPayload, createSweepQueue, metricsFetchPayload, metricsFetchQueueName, objectiveEvaluatePayload, patientRedisOptions, planDigestPayload, invitationMailPayload,
  queueNames, sweepJobs, sweepPayload, upsertSweepSchedules,
} from '@goalpost/jobs';
import { createCredentialCipher, createUnsubscribeTokens } from '@goalpost/credentials';
import { UnrecoverableError, Worker, type Job, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { z } from 'zod';
import type { WorkerEnv } from './env.ts';
import { deliverAlert } from './processors/deliverAlert.ts';
import { deliverNotification, DeliveryRetry, retryDelayMs } from './processors/deliverNotification.ts';
import type { NotificationDeps } from './notifications/notificationDeps.ts';
import { createMailer } from './notifications/mailer.ts';
import { createOutboundClient } from './outbound/outboundClient.ts';
import { evaluatePlan } from './processors/evaluatePlan.ts';
import { fetchMetrics } from './processors/fetchMetrics.ts';
import { runSweep } from './processors/sweeps.ts';
import { sendPlanDigest } from './processors/sendPlanDigest.ts';
import { sendInvitationEmail } from './processors/sendInvitationEmail.ts';
import { createConnectorAccessTokens } from './connectors/connectorAccessTokens.ts';
import { connectorFor, connectors } from './connectors/connectorRegistry.ts';
import { createAccountRateLimits } from './connectors/accountRateLimits.ts';
import { connectorSource } from './sources/connectorSource.ts';
import { demoSource } from './sources/demoSource.ts';
import type { MetricSources } from './sources/metricSource.ts';
import type { WorkerDeps } from './workerDeps.ts';

export interface WorkerAppOptions {
  /** The clock the processors read (tests set it); the system clock by default. */
  now?: () => Date;
  /** Pulled sources by account source; the demo generator and the platform connectors by default. */
  sources?: MetricSources;
}

/**
 * BullMQ honours a queue's rate limit (`worker.rateLimit`, set on a platform's app limit) only on workers
 * with a limiter: the fetch workers' is generous (jobs, not requests), there to make that hold. It counts
 * jobs in the same Redis key, so a queue is held only while that key counts `max` or more.
 */
export const fetchWorkerLimiter = { max: 100, duration: 1000 };

/** Payloads are checked against the job catalog; an invalid one fails at once, without retries. */
function parsePayload<T>(schema: z.ZodType<T>, job: Job): T {
  const result = schema.safeParse(job.data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'payload'} ${issue.message}`).join('; ');
    throw new UnrecoverableError(`Invalid ${job.queueName} payload: ${problems}`);
  }
  return result.data;
}

/**
 * Wires BullMQ workers to the processors; processors themselves know nothing of BullMQ beyond
 * `UnrecoverableError`. `start()` registers the sweep schedules and starts taking jobs; `close()` stops
 * taking jobs, lets the ones in flight finish, then releases Redis and Postgres.
 */
export function createWorkerApp(env: WorkerEnv, options: WorkerAppOptions = {}) {
  const log = pino({
    level: env.LOG_LEVEL,
    base: { app: 'worker' },
    // Processors log ids, never rows; this is the net for a credential or token that slips through.
    redact: { paths: ['credentials', '*.credentials', 'token', '*.token', 'secret', '*.secret'], censor: '[redacted]' },
  });
  // Workers block on Redis: commands must wait for a reconnect rather than fail after N retries.
  const connection = new Redis(env.REDIS_URL, patientRedisOptions);
  const publisher = new Redis(env.REDIS_URL, patientRedisOptions);
  for (const client of [connection, publisher]) client.on('error', (err) => log.warn({ err }, 'Redis connection error'));
  const db = createDb(env.DATABASE_URL, {
    max: env.WORKER_CONCURRENCY * 2 + 2,
    onConnectionError: (err) => log.warn({ err }, 'PostgreSQL connection lost'),
  });

  const queues = createGoalpostQueues({ connection, prefix: env.QUEUE_PREFIX, evaluateDebounceMs: env.EVALUATE_DEBOUNCE_MS });
  queues.onError((err) => log.warn({ err }, 'queue error'));
  const sweepQueue = createSweepQueue({ connection, prefix: env.QUEUE_PREFIX });
  sweepQueue.on('error', (err) => log.warn({ err, queue: queueNames.sweeps }, 'queue error'));

  const now = options.now ?? (() => new Date());
  const cipher = env.CREDENTIALS_KEYS && createCredentialCipher(env.CREDENTIALS_KEYS);
  const connectorTokens = createConnectorAccessTokens({
    db,
    cipher,
    oauthClients: env.oauthClients,
  });
  const sources: MetricSources = options.sources ?? {
    DEMO: demoSource(env.DEMO_LATENCY_MS),
    CONNECTOR: connectorSource({
      connectorFor,
      baseUrls: env.connectorBaseUrls,
      tokens: connectorTokens,
      accountLimits: createAccountRateLimits(connection, env.QUEUE_PREFIX),
      now,
    }),
  };
  const deps: WorkerDeps = {
    db,
    queues,
    publisher,
    liveNamespace: env.LIVE_NAMESPACE,
    sources,
    fetchChunkDays: env.FETCH_CHUNK_DAYS,
    backfillDays: env.BACKFILL_DAYS,
    now,
    log,
  };

  const outbound = createOutboundClient({
    allowHttp: env.OUTBOUND_ALLOW_HTTP,
    allowHosts: env.OUTBOUND_ALLOW_HOSTS,
    timeoutMs: env.OUTBOUND_TIMEOUT_MS,
    maxResponseBytes: env.OUTBOUND_MAX_RESPONSE_BYTES,
  });
  const mailer = env.SMTP_URL ? createMailer({ url: env.SMTP_URL, from: env.SMTP_FROM, timeoutMs: env.OUTBOUND_TIMEOUT_MS }) : undefined;
  const notify: NotificationDeps = {
    mailer,
    unsubscribe: env.CREDENTIALS_KEYS ? createUnsubscribeTokens(env.CREDENTIALS_KEYS) : undefined,
    outbound,
    cipher: cipher || undefined,
    publicUrl: env.PUBLIC_URL ?? 'http://localhost:4000',
    retry: { baseDelayMs: env.NOTIFY_RETRY_BASE_MS, maxDelayMs: env.NOTIFY_RETRY_MAX_MS },
    disableAfterMs: env.NOTIFY_DISABLE_AFTER_MS,
  };

  const workerOptions: WorkerOptions = {
    connection,
    prefix: env.QUEUE_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    lockDuration: env.LOCK_DURATION_MS,
    stalledInterval: env.STALLED_INTERVAL_MS,
    autorun: false,
  };
  // Demo fetches, and one queue per platform API for connector fetches (its rate limiter is the platform's).
  const fetchQueueNames = [...new Set([queueNames.metricsFetch, ...connectors.map((c) => metricsFetchQueueName({ source: 'CONNECTOR', platform: c.platform }))])];
  const fetchWorkers = fetchQueueNames.map((name) => {
    const worker: Worker = new Worker(name, (job, token) => {
      const payload = parsePayload(metricsFetchPayload, job);
      return fetchMetrics(payload, deps, {
        // The position lives in the job's own data: whichever worker retries the job reads it back.
        saveCursor: ({ cursor, pageCursor }) => {
          const { pageCursor: _previous, ...rest } = payload;
          return job.updateData({ ...rest, cursor, ...(pageCursor ? { pageCursor } : {}) });
        },
        reportProgress: (percent) => job.updateProgress(percent),
        delayUntil: (at) => job.moveToDelayed(at.getTime(), token),
        holdPlatform: (at) => worker.rateLimit(Math.max(1, at.getTime() - Date.now())),
      });
    }, {
      ...workerOptions,
      limiter: fetchWorkerLimiter,
    });
    return worker;
  });
  const workers = [
    ...fetchWorkers,
    new Worker(queueNames.objectiveEvaluate, (job) => evaluatePlan(parsePayload(objectiveEvaluatePayload, job), deps), workerOptions),
    new Worker(queueNames.alertDeliver, (job) => deliverAlert(parsePayload(alertDeliverPayload, job), deps), workerOptions),
    // Its own queue and workers: a receiver that hangs until the timeout holds deliveries, never evaluation.
    new Worker(queueNames.notificationDeliver, (job) => deliverNotification(parsePayload(notificationDeliverPayload, job), deps, notify, {
      number: job.attemptsMade + 1,
      max: job.opts.attempts ?? 1,
    }), {
      ...workerOptions,
      concurrency: env.NOTIFY_CONCURRENCY,
      settings: {
        backoffStrategy: (attemptsMade, type, err) => {
          if (type !== notificationBackoffType) return 0;
          return err instanceof DeliveryRetry ? err.delayMs : retryDelayMs(attemptsMade, notify.retry, undefined, Date.now());
        },
      },
    }),
    new Worker(queueNames.planDigest, (job) => sendPlanDigest(parsePayload(planDigestPayload, job), deps), workerOptions),
    new Worker(queueNames.invitationMail, (job) => sendInvitationEmail(parsePayload(invitationMailPayload, job), deps, notify), workerOptions),
    new Worker(queueNames.sweeps, (job) => {
      parsePayload(sweepPayload, job);
      return runSweep(job.name, deps);
    }, { ...workerOptions, concurrency: 1 }),
  ];
  for (const worker of workers) {
    const queue = worker.name;
    worker.on('error', (err) => log.error({ err, queue }, 'worker error'));
    worker.on('stalled', (jobId) => log.warn({ queue, jobId }, 'job stalled (its worker stopped renewing the lock); it will run again'));
    worker.on('failed', (job, err) => {
      const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      // Ids and the error only: payloads carry ids, and rows (with credentials) are never logged.
      const fields = { queue, jobId: job?.id, jobName: job?.name, attemptsMade: job?.attemptsMade, err };
      if (final) log.error(fields, 'job failed for good');
      else log.warn(fields, 'job failed; it will be retried');
    });
  }

  let closing: Promise<void> | undefined;
  return {
    deps,
    log,
    /** One BullMQ worker per queue this process serves (metrics and the queue dashboard read them). */
    workers,
    async start() {
      const upsertSchedules = () => upsertSweepSchedules(sweepQueue, {
        [sweepJobs.refreshAccounts]: env.REFRESH_EVERY_MS,
        [sweepJobs.evaluatePlans]: env.SWEEP_EVERY_MS,
        [sweepJobs.sendDigests]: env.DIGEST_SWEEP_EVERY_MS,
      });
      await upsertSchedules();
      // A Redis that comes back empty (no persistence, a failover to a fresh replica) has lost the
      // schedules, and the sweeps that redo lost work with them: register them again on every reconnect.
      connection.on('ready', () => void upsertSchedules().catch((err: unknown) => log.warn({ err }, 'sweep schedules not registered; next reconnect tries again')));
      for (const worker of workers) worker.run().catch((err: unknown) => log.error({ err, queue: worker.name }, 'worker stopped'));
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    },
    /** Idempotent: a second signal waits for the same shutdown. */
    close() {
      return (closing ??= (async () => {
        // Stop taking work; jobs in flight finish (a fetch saves its cursor chunk by chunk anyway).
        await Promise.all(workers.map((worker) => worker.close()));
        mailer?.close();
        await Promise.all([sweepQueue.close(), queues.close(), outbound.close()]);
        await Promise.all([connection.quit(), publisher.quit()].map((quit) => quit.catch(() => undefined)));
        await db.destroy();
      })());
    },
  };
}

export type WorkerApp = ReturnType<typeof createWorkerApp>;
