import { integer, optionalUrl, port, readSettings, secret, unsetIfEmpty } from '@goalpost/settings';
import { z } from 'zod';
import { connectors } from './connectors/connectorRegistry.ts';
import { parseOutboundAllowList } from './outbound/outboundAddressPolicy.ts';

/** The worker's own variables; the common ones (DATABASE_URL, REDIS_URL, LOG_LEVEL…) come from @goalpost/settings. */
const workerSettings = {
  WORKER_CONCURRENCY: integer({ fallback: 4, min: 1, max: 256, unit: 'jobs' }),
  FETCH_CHUNK_DAYS: integer({ fallback: 30, min: 1, max: 366, unit: 'days' }),
  /** Simulated response time of the demo source per request, to watch progress and crash recovery. */
  DEMO_LATENCY_MS: integer({ fallback: 0, min: 0, max: 60_000, unit: 'milliseconds' }),
  LOCK_DURATION_MS: integer({ fallback: 30_000, min: 1000, max: 3_600_000, unit: 'milliseconds' }),
  STALLED_INTERVAL_MS: integer({ fallback: 30_000, min: 500, max: 3_600_000, unit: 'milliseconds' }),
  REFRESH_EVERY_MS: integer({ fallback: 3_600_000, min: 1000, max: 2 ** 31 - 1, unit: 'milliseconds' }),
  SWEEP_EVERY_MS: integer({ fallback: 900_000, min: 1000, max: 2 ** 31 - 1, unit: 'milliseconds' }),
  /** How often the worker looks for plans whose weekly digest is due (a digest goes out at most this late). */
  DIGEST_SWEEP_EVERY_MS: integer({ fallback: 300_000, min: 1000, max: 3_600_000, unit: 'milliseconds' }),
  BACKFILL_DAYS: integer({ fallback: 365, min: 1, max: 3650, unit: 'days' }),
  /** The worker's HTTP server: /healthz, /readyz, /metrics and the queue dashboard. */
  WORKER_PORT: port(4001),
  /** HTTP Basic password (user `operator`) of the queue dashboard at /admin/queues; unset, the dashboard is off. */
  OPERATOR_TOKEN: secret(16),
  /** Comma-separated host names or CIDRs outbound requests may reach although private (local receivers). */
  OUTBOUND_ALLOW_HOSTS: z.preprocess(unsetIfEmpty, z.string().optional().superRefine((value, ctx) => {
    try {
      parseOutboundAllowList(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `must list host names or CIDRs separated by commas: ${(error as Error).message}` });
    }
  })),
  OUTBOUND_TIMEOUT_MS: integer({ fallback: 10_000, min: 100, max: 120_000, unit: 'milliseconds' }),
  OUTBOUND_MAX_RESPONSE_BYTES: integer({ fallback: 65_536, min: 0, max: 10_485_760, unit: 'bytes' }),
  /** First retry delay of a notification delivery; each retry doubles it up to the maximum. */
  NOTIFY_RETRY_BASE_MS: integer({ fallback: 5_000, min: 10, max: 3_600_000, unit: 'milliseconds' }),
  NOTIFY_RETRY_MAX_MS: integer({ fallback: 3_600_000, min: 10, max: 86_400_000, unit: 'milliseconds' }),
  NOTIFY_CONCURRENCY: integer({ fallback: 8, min: 1, max: 256, unit: 'jobs' }),
  /** How long a channel may fail every delivery before it is disabled (24 h by default). */
  NOTIFY_DISABLE_AFTER_MS: integer({ fallback: 86_400_000, min: 60_000, max: 30 * 86_400_000, unit: 'milliseconds' }),
  /** Where EMAIL channels' mail goes out (smtp:// or smtps://, credentials in the URL); unset: EMAIL deliveries fail saying so. */
  SMTP_URL: optionalUrl(['smtp:', 'smtps:'], 'smtp://user:pass@smtp.example.com:587'),
  SMTP_FROM: z.preprocess(unsetIfEmpty, z.string().min(3).default('Goalpost <alerts@goalpost.localhost>')),
  /** The gateway's public origin: messages link back to the dashboard there. */
  PUBLIC_URL: optionalUrl(['https:', 'http:'], 'https://goalpost.example.com'),
};

/** `CONNECTOR_META_PAGE_BASE_URL` and so on: where a connector's API is reached (tests point them at fakes). */
export const connectorBaseUrlVariable = (connectorId: string) => `CONNECTOR_${connectorId.toUpperCase().replace(/-/g, '_')}_BASE_URL`;

export type WorkerEnv = ReturnType<typeof readWorkerEnv>;

/** The worker's configuration, read once from the environment; throws one line per bad variable (`InvalidSettingsError`). */
export function readWorkerEnv(source: NodeJS.ProcessEnv = process.env) {
  return readSettings('worker', workerSettings, source, (reader) => {
    /** Base URL per connector id, for the connectors whose variable is set. */
    const connectorBaseUrls: Record<string, string> = {};
    for (const c of connectors) {
      const value = reader.read(connectorBaseUrlVariable(c.id), optionalUrl(['https:', 'http:'], c.defaultBaseUrl));
      if (value) connectorBaseUrls[c.id] = value;
    }
    return { connectorBaseUrls };
  });
}
