import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().min(1, 'set it to a PostgreSQL URL, e.g. postgres://user:pass@localhost:5432/goalpost'),
  REDIS_URL: z.string().min(1, 'set it to a Redis URL, e.g. redis://localhost:6379'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  GOALPOST_BOOTSTRAP_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  QUEUE_PREFIX: z.string().default('goalpost'),
  LIVE_NAMESPACE: z.string().default('goalpost'),
  EVALUATE_DEBOUNCE_MS: z.coerce.number().int().min(0).default(1000),
  META_APP_SECRET: z.string().min(1).optional(),
  META_VERIFY_TOKEN: z.string().min(1).optional(),
  WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type GatewayEnv = z.infer<typeof schema>;

/** Reads the gateway's configuration once; exits with one line per bad variable. */
export function readGatewayEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`The gateway's configuration is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
