import { describe, expect, it } from 'vitest';
import { readWorkerEnv } from './env.ts';

const required = { DATABASE_URL: 'postgres://goalpost@localhost:5432/goalpost', REDIS_URL: 'redis://localhost:6379' };

describe('the worker configuration', () => {
  it('applies the documented defaults', () => {
    expect(readWorkerEnv(required)).toEqual({
      ...required,
      QUEUE_PREFIX: 'goalpost',
      LIVE_NAMESPACE: 'goalpost',
      WORKER_CONCURRENCY: 4,
      EVALUATE_DEBOUNCE_MS: 1000,
      FETCH_CHUNK_DAYS: 30,
      DEMO_LATENCY_MS: 0,
      LOCK_DURATION_MS: 30_000,
      STALLED_INTERVAL_MS: 30_000,
      REFRESH_EVERY_MS: 3_600_000,
      SWEEP_EVERY_MS: 900_000,
      BACKFILL_DAYS: 365,
      LOG_LEVEL: 'info',
      OUTBOUND_ALLOW_HTTP: false,
      OUTBOUND_TIMEOUT_MS: 10_000,
      OUTBOUND_MAX_RESPONSE_BYTES: 65_536,
      NOTIFY_RETRY_BASE_MS: 5_000,
      NOTIFY_RETRY_MAX_MS: 3_600_000,
      NOTIFY_CONCURRENCY: 8,
      NOTIFY_DISABLE_AFTER_MS: 86_400_000,
      PUBLIC_URL: 'http://localhost:4000',
      SMTP_FROM: 'Goalpost <alerts@goalpost.localhost>',
      connectorBaseUrls: {},
      oauthClients: {},
    });
    expect(readWorkerEnv({ ...required, FETCH_CHUNK_DAYS: '10', DEMO_LATENCY_MS: '' })).toMatchObject({ FETCH_CHUNK_DAYS: 10, DEMO_LATENCY_MS: 0 });
  });

  it('names every bad variable and says what it should be', () => {
    let message = '';
    try {
      readWorkerEnv({ REDIS_URL: 'http://localhost', WORKER_CONCURRENCY: 'many', FETCH_CHUNK_DAYS: '0', LOG_LEVEL: 'loud', OUTBOUND_ALLOW_HTTP: 'yes', OUTBOUND_ALLOW_HOSTS: 'ok.example, 10.0.0.0/33' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL is required');
    expect(message).toContain('REDIS_URL must be a URL starting with redis:// or rediss://');
    expect(message).toContain('WORKER_CONCURRENCY must be a whole number of jobs');
    expect(message).toContain('FETCH_CHUNK_DAYS must be between 1 and 366 days');
    expect(message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
    expect(message).toContain('OUTBOUND_ALLOW_HTTP must be true or false');
    expect(message).toContain('OUTBOUND_ALLOW_HOSTS must list host names or CIDRs separated by commas: "10.0.0.0/33" is not a valid CIDR range');
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
    expect(problems).toThrow('CONNECTOR_YOUTUBE_BASE_URL must be a URL starting with https:// or http://');
    expect(problems).toThrow('X_CLIENT_SECRET is required when X_CLIENT_ID is set');
  });
});
