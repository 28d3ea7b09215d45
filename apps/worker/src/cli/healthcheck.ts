// The worker container's healthcheck: healthy (exit 0) when a worker of this host is connected to Redis
// and registered on the evaluation queue, which BullMQ workers are from their first poll on. Nothing
// else is asked of the worker: Redis itself says which clients are connected (CLIENT LIST, by address).
import { queueNames } from '@goalpost/jobs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { readWorkerEnv } from '../env.ts';

/** The host part of a Redis client address: `10.0.0.5:41234` or `[::1]:41234`. */
const hostOf = (addr: string) => addr.slice(0, addr.lastIndexOf(':'));

const timer = setTimeout(() => {
  console.error('unhealthy: Redis did not answer within 5 s');
  process.exit(1);
}, 5_000);
const env = readWorkerEnv();
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: true, retryStrategy: () => null });
redis.on('error', () => {});
const queue = new Queue(queueNames.objectiveEvaluate, { connection: redis, prefix: env.QUEUE_PREFIX });
try {
  const [workers, self] = await Promise.all([queue.getWorkers(), redis.client('INFO') as Promise<string>]);
  const here = hostOf(/addr=(\S+)/.exec(self)?.[1] ?? '');
  const mine = workers.filter((worker) => hostOf(String(worker.addr ?? '')) === here);
  if (mine.length === 0) {
    console.error(`unhealthy: no worker from ${here} is connected to Redis (${workers.length} from elsewhere)`);
    process.exitCode = 1;
  } else {
    console.log(`healthy: ${mine.length} worker connection(s) from ${here}`);
  }
} catch (error) {
  console.error(`unhealthy: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  clearTimeout(timer);
  await queue.close().catch(() => {});
  redis.disconnect();
}
