import { readWorkerEnv } from './env.ts';
import { createWorkerApp } from './workerApp.ts';

const app = createWorkerApp(readWorkerEnv());
await app.start();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.deps.log.info({ signal }, 'worker stopping: finishing in-flight jobs');
  await app.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
