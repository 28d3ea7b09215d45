import { describe, expect, it } from 'vitest';
import { readWorkerEnv } from './env.ts';

// The common variables (DATABASE_URL, LOG_LEVEL, ports…) are tested once, in packages/settings.
const required = { DATABASE_URL: 'postgres://goalpost@localhost:5432/goalpost', REDIS_URL: 'redis://localhost:6379' };

describe('the worker configuration', () => {
  it('applies the documented defaults of its own variables', () => {
    expect(readWorkerEnv(required)).toMatchObject({
      WORKER_CONCURRENCY: 4,
      FETCH_CHUNK_DAYS: 30,
      DEMO_LATENCY_MS: 0,
      LOCK_DURATION_MS: 30_000,
      STALLED_INTERVAL_MS: 30_000,
      REFRESH_EVERY_MS: 3_600_000,
      SWEEP_EVERY_MS: 900_000,
      BACKFILL_DAYS: 365,
      WORKER_PORT: 4001,
      OUTBOUND_ALLOW_HTTP: false,
      OUTBOUND_TIMEOUT_MS: 10_000,
      OUTBOUND_MAX_RESPONSE_BYTES: 65_536,
      NOTIFY_RETRY_BASE_MS: 5_000,
      NOTIFY_RETRY_MAX_MS: 3_600_000,
      NOTIFY_CONCURRENCY: 8,
      NOTIFY_DISABLE_AFTER_MS: 86_400_000,
      SMTP_FROM: 'Goalpost <alerts@goalpost.localhost>',
      connectorBaseUrls: {},
    });
    expect(readWorkerEnv(required).OPERATOR_TOKEN).toBeUndefined();
    expect(readWorkerEnv({ ...required, FETCH_CHUNK_DAYS: '10', DEMO_LATENCY_MS: '', WORKER_PORT: '0' })).toMatchObject({
      FETCH_CHUNK_DAYS: 10,
      DEMO_LATENCY_MS: 0,
      WORKER_PORT: 0,
    });
  });

  it('names every bad variable of its own and says what it should be', () => {
    const problems = () =>
      readWorkerEnv({ ...required, WORKER_CONCURRENCY: 'many', FETCH_CHUNK_DAYS: '0', WORKER_PORT: '', OPERATOR_TOKEN: 'admin' });
    expect(problems).toThrow("The worker's configuration is invalid:");
    expect(problems).toThrow('WORKER_CONCURRENCY must be a whole number of jobs from 1 to 256, e.g. 4');
    expect(problems).toThrow('FETCH_CHUNK_DAYS must be a whole number of days from 1 to 366, e.g. 30');
    expect(problems).toThrow('OPERATOR_TOKEN must be at least 16 characters');
    expect(problems).not.toThrow('WORKER_PORT');
    expect(() => readWorkerEnv({ ...required, WORKER_PORT: '99999' })).toThrow('WORKER_PORT must be a port from 0 to 65535 (0 picks a free one), e.g. 4001');
    const outbound = () => readWorkerEnv({ ...required, OUTBOUND_ALLOW_HTTP: 'yes', OUTBOUND_ALLOW_HOSTS: 'ok.example, 10.0.0.0/33' });
    expect(outbound).toThrow('OUTBOUND_ALLOW_HTTP must be true or false');
    expect(outbound).toThrow('OUTBOUND_ALLOW_HOSTS must list host names or CIDRs separated by commas: "10.0.0.0/33" is not a valid CIDR range');
  });

  it('reads credential keys, connector base URLs and OAuth clients, and names what is wrong with them', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const env = readWorkerEnv({
      ...required,
      CREDENTIALS_KEYS: `k2:${key}, k1:${key}`,
      CONNECTOR_GA4_BASE_URL: 'http://127.0.0.1:9999',
      GOOGLE_CLIENT_ID: 'client',
      GOOGLE_CLIENT_SECRET: 'secret',
    });
    expect(env.CREDENTIALS_KEYS?.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(env.connectorBaseUrls).toEqual({ ga4: 'http://127.0.0.1:9999' });
    expect(env.oauthClients.google).toMatchObject({ clientId: 'client', tokenUrl: 'https://oauth2.googleapis.com/token' });

    const problems = () => readWorkerEnv({ ...required, CREDENTIALS_KEYS: 'k1:c2hvcnQ=', CONNECTOR_YOUTUBE_BASE_URL: 'youtube', X_CLIENT_ID: 'x' });
    expect(problems).toThrow('CREDENTIALS_KEYS key "k1" must be 32 bytes of base64');
    expect(problems).toThrow('CONNECTOR_YOUTUBE_BASE_URL must be a URL starting with https:// or http://, e.g. https://youtubeanalytics.googleapis.com');
    expect(problems).toThrow('X_CLIENT_SECRET is required when X_CLIENT_ID is set');
  });
});
