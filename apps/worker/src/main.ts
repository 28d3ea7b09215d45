import { readWorkerEnv } from './env.ts';
import { createWorkerApp, type WorkerApp } from './workerApp.ts';

let app: WorkerApp;
try {
  const env = readWorkerEnv();
  app = createWorkerApp(env);
  await app.start();
  app.log.info({ queuePrefix: env.QUEUE_PREFIX, concurrency: env.WORKER_CONCURRENCY }, 'worker ready');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'worker stopping: finishing the jobs in flight');
  try {
    await app.close();
    process.exit(0);
  } catch (error) {
    console.error(`The worker did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
