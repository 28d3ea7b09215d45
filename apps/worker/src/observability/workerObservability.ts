import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { WorkerEnv } from '../env.ts';
import type { WorkerApp } from '../workerApp.ts';
import { queueDashboardPath } from './queueDashboardPath.ts';
import { listenWorkerHttp, workerHttpApp } from './workerHttpServer.ts';
import { workerMetrics } from './workerMetrics.ts';

/** A check that answers within `ms` or counts as failed: a probe must not hang on a server that hangs. */
const within = (ms: number, check: () => Promise<unknown>) =>
  Promise.race([check().then(() => true, () => false), new Promise<boolean>((resolve) => setTimeout(resolve, ms, false).unref())]);

/**
 * What an operator sees of a worker: its HTTP server (health, readiness, metrics, the queue dashboard).
 * Everything here reads Redis through a connection of its own that fails fast (no offline queue, a
 * command timeout): the workers' connection waits for Redis forever, which is right for jobs and
 * wrong for a probe or a scrape.
 */
export function createWorkerObservability(app: WorkerApp, env: Pick<WorkerEnv, 'REDIS_URL' | 'QUEUE_PREFIX' | 'METRICS_TOKEN' | 'OPERATOR_TOKEN'>) {
  const redis = new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000 });
  // The workers' own connection already warns about Redis; this one stays quiet.
  redis.on('error', (err) => app.log.debug({ err }, 'observability Redis connection error'));
  const queues = app.workers.map((worker) => {
    const queue = new Queue(worker.name, { connection: redis, prefix: env.QUEUE_PREFIX });
    queue.on('error', (err) => app.log.debug({ err, queue: worker.name }, 'observability queue error'));
    return queue;
  });
  const metrics = workerMetrics({ workers: app.workers, queues });
  let stopping = false;
  const http = workerHttpApp({
    registry: metrics.registry,
    metricsToken: env.METRICS_TOKEN,
    // Bull Board (with lodash, ejs and valibot, ~1 MB of modules) is imported when an operator first opens it.
    dashboard: env.OPERATOR_TOKEN
      ? async () => (await import('./queueDashboard.ts')).queueDashboard(queues, env.OPERATOR_TOKEN!)
      : undefined,
    readiness: async () => {
      const [postgres, redisUp] = await Promise.all([within(2000, () => sql`select 1`.execute(app.deps.db)), within(2000, () => redis.ping())]);
      return { stopping, postgres, redis: redisUp };
    },
  });
  let listening: Awaited<ReturnType<typeof listenWorkerHttp>> | undefined;

  return {
    registry: metrics.registry,
    /** Starts the HTTP server; resolves with its port. */
    async listen(port: number) {
      listening = await listenWorkerHttp(http, port);
      app.log.info(
        {
          port: listening.port,
          metrics: env.METRICS_TOKEN ? 'bearer token' : 'open',
          queueDashboard: env.OPERATOR_TOKEN ? queueDashboardPath : 'off (set OPERATOR_TOKEN to serve it)',
        },
        `worker HTTP on http://localhost:${listening.port} (/healthz, /readyz, /metrics${env.OPERATOR_TOKEN ? `, ${queueDashboardPath}` : ''})`,
      );
      if (!env.OPERATOR_TOKEN) app.log.info('queue dashboard disabled: set OPERATOR_TOKEN to serve it at /admin/queues');
      return listening.port;
    },
    /** From now on /readyz answers 503. */
    beginShutdown() {
      stopping = true;
    },
    async close() {
      if (listening) {
        const { server } = listening;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
      }
      await Promise.all(queues.map((queue) => queue.close()));
      // Not quit(): it waits for a reply that a Redis which stopped answering never sends.
      redis.disconnect();
    },
  };
}
export type WorkerObservability = ReturnType<typeof createWorkerObservability>;
