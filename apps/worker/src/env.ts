import { integer, optionalUrl, port, readSettings, secret } from '@goalpost/settings';
import { connectors } from './connectors/connectorRegistry.ts';

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
  BACKFILL_DAYS: integer({ fallback: 365, min: 1, max: 3650, unit: 'days' }),
  /** The worker's HTTP server: /healthz, /readyz, /metrics and the queue dashboard. */
  WORKER_PORT: port(4001),
  /** HTTP Basic password (user `operator`) of the queue dashboard at /admin/queues; unset, the dashboard is off. */
  OPERATOR_TOKEN: secret(16),
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
