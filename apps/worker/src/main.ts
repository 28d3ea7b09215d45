import { InvalidSettingsError } from '@goalpost/settings';
import { readWorkerEnv, type WorkerEnv } from './env.ts';
import { createWorkerObservability, type WorkerObservability } from './observability/workerObservability.ts';
import { createWorkerApp, type WorkerApp } from './workerApp.ts';

let env: WorkerEnv;
let app: WorkerApp;
let observability: WorkerObservability;
try {
  env = readWorkerEnv();
  app = createWorkerApp(env);
  observability = createWorkerObservability(app, env);
  // Health and metrics first: they answer (503) while start() waits for Redis.
  await observability.listen(env.WORKER_PORT);
  await app.start();
  app.log.info({ queuePrefix: env.QUEUE_PREFIX, concurrency: env.WORKER_CONCURRENCY }, 'worker ready');
} catch (error) {
  console.error(error instanceof InvalidSettingsError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}

let stopping = false;
/**
 * SIGTERM: /readyz says 503 and the workers stop taking jobs; the jobs in flight get
 * SHUTDOWN_TIMEOUT_MS to finish. A job still running then is left to BullMQ: its lock lapses and
 * another worker runs it again from its saved position (every job is idempotent).
 */
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  observability.beginShutdown();
  app.log.info({ signal, timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'worker stopping: finishing the jobs in flight');
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    app.close().then(() => 'closed' as const, (error: unknown) => error),
    new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), env.SHUTDOWN_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  await Promise.race([observability.close(), new Promise((resolve) => setTimeout(resolve, 1000))]);
  if (outcome === 'closed') {
    app.log.info('worker stopped');
    process.exit(0);
  }
  if (outcome === 'timed out') {
    app.log.warn({ timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'jobs still running at the shutdown deadline are left to be run again by another worker');
  } else {
    console.error(`The worker did not stop cleanly: ${outcome instanceof Error ? outcome.message : String(outcome)}`);
  }
  process.exit(1);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
