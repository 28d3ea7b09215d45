import { describe, expect, it } from 'vitest';
import { readGatewayEnv } from '../src/env.ts';

// The common variables (DATABASE_URL, LOG_LEVEL, SHUTDOWN_TIMEOUT_MS…) are tested once, in packages/settings.
const required = { DATABASE_URL: 'postgres://goalpost@localhost:5432/goalpost', REDIS_URL: 'redis://localhost:6379' };

describe('the gateway configuration', () => {
  it('applies the documented defaults of its own variables', () => {
    expect(readGatewayEnv(required)).toMatchObject({
      PORT: 4000,
      WEBHOOK_MAX_BODY_BYTES: 1_048_576,
      CORS_ORIGINS: [],
      SHUTDOWN_DRAIN_MS: 0,
    });
  });

  it('refuses what the worker refuses: an empty PORT is the default port, not a random one; DATABASE_URL=x is no URL', () => {
    expect(readGatewayEnv({ ...required, PORT: '' }).PORT).toBe(4000);
    expect(() => readGatewayEnv({ ...required, DATABASE_URL: 'x' })).toThrow(
      "The gateway's configuration is invalid:\n  DATABASE_URL must be a URL starting with postgres:// or postgresql://",
    );
  });

  it('reads CORS origins as a comma-separated list and refuses one with a path', () => {
    expect(readGatewayEnv({ ...required, CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).CORS_ORIGINS).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    expect(readGatewayEnv({ ...required, CORS_ORIGINS: '*' }).CORS_ORIGINS).toEqual(['*']);
    expect(() => readGatewayEnv({ ...required, CORS_ORIGINS: 'https://app.example.com/dashboard' })).toThrow(
      'CORS_ORIGINS must list origins (scheme://host[:port], no path) separated by commas, or *, e.g. https://app.example.com,http://localhost:5173',
    );
  });

  it('names every bad variable of its own', () => {
    const problems = () =>
      readGatewayEnv({ ...required, PORT: 'http', GOALPOST_BOOTSTRAP_TOKEN: 'short', PUBLIC_URL: 'goalpost.example.com', SHUTDOWN_DRAIN_MS: 'soon' });
    expect(problems).toThrow('PORT must be a port from 0 to 65535 (0 picks a free one), e.g. 4000');
    expect(problems).toThrow('GOALPOST_BOOTSTRAP_TOKEN must be at least 16 characters');
    expect(problems).toThrow('PUBLIC_URL must be a URL starting with https:// or http://, e.g. https://goalpost.example.com');
    expect(problems).toThrow('SHUTDOWN_DRAIN_MS must be a whole number of milliseconds from 0 to 60000, e.g. 0');
  });

  it('reads the people-and-sessions variables with the same rules, and refuses bad ones by name', () => {
    expect(readGatewayEnv(required)).toMatchObject({
      SIGN_UP_ENABLED: 'true', SESSION_IDLE_MINUTES: 720, SESSION_MAX_HOURS: 168, SIGN_IN_MAX_FAILURES: 5, APP_ORIGINS: [],
      GOALPOST_DEMO_EMAIL: 'demo@goalpost.local', TRUSTED_PROXY_HOPS: 0,
    });
    expect(readGatewayEnv({ ...required, APP_ORIGINS: 'https://app.example.com, http://localhost:5173/' }).APP_ORIGINS).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    const problems = () =>
      readGatewayEnv({ ...required, SIGN_UP_ENABLED: 'maybe', SESSION_IDLE_MINUTES: '0', APP_ORIGINS: '*', GOALPOST_DEMO_EMAIL: 'nobody', GOALPOST_DEMO_PASSWORD: 'short' });
    expect(problems).toThrow('SIGN_UP_ENABLED must be one of true, false, 1, 0, e.g. true');
    expect(problems).toThrow('SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 1000000000, e.g. 720');
    expect(problems).toThrow('APP_ORIGINS must list http(s) origins');
    expect(problems).toThrow('GOALPOST_DEMO_EMAIL must be an email address');
    expect(problems).toThrow('GOALPOST_DEMO_PASSWORD must be at least 12 characters');
  });
});
