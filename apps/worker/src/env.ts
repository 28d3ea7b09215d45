import { z } from 'zod';

const ms = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const schema = z.object({
  DATABASE_URL: z.string().min(1, 'set it to a PostgreSQL URL, e.g. postgres://user:pass@localhost:5432/goalpost'),
  REDIS_URL: z.string().min(1, 'set it to a Redis URL, e.g. redis://localhost:6379'),
  QUEUE_PREFIX: z.string().default('goalpost'),
  LIVE_NAMESPACE: z.string().default('goalpost'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  EVALUATE_DEBOUNCE_MS: ms(1000),
  FETCH_CHUNK_DAYS: z.coerce.number().int().min(1).max(366).default(30),
  DEMO_LATENCY_MS: ms(0),
  LOCK_DURATION_MS: ms(30_000),
  STALLED_INTERVAL_MS: ms(30_000),
  REFRESH_EVERY_MS: ms(3_600_000),
  SWEEP_EVERY_MS: ms(900_000),
  BACKFILL_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type WorkerEnv = z.infer<typeof schema>;

export function readWorkerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`The worker's configuration is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
