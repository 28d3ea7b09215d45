import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidSettingsError, commonSettings, port, readSettings } from '../src/index.ts';

const required = { DATABASE_URL: 'postgres://goalpost@localhost:5432/goalpost', REDIS_URL: 'redis://localhost:6379' };

function problemsOf(source: Record<string, string | undefined>, shape: z.ZodRawShape = {}): readonly string[] {
  try {
    readSettings('test app', shape, source);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error.problems;
    throw error;
  }
  return [];
}

describe('the common settings of gateway and worker', () => {
  it('applies the documented defaults, an empty variable counting as unset', () => {
    const settings = readSettings('test app', {}, { ...required, LOG_LEVEL: '', EVALUATE_DEBOUNCE_MS: ' ' });
    expect(settings).toEqual({
      ...required,
      NODE_ENV: undefined,
      LOG_LEVEL: 'info',
      QUEUE_PREFIX: 'goalpost',
      LIVE_NAMESPACE: 'goalpost',
      EVALUATE_DEBOUNCE_MS: 250,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      METRICS_TOKEN: undefined,
      CREDENTIALS_KEYS: undefined,
      OUTBOUND_ALLOW_HTTP: false,
      oauthClients: {},
    });
  });

  it('refuses every bad common value, one line per variable naming the rule and an example, never the value', () => {
    const problems = problemsOf({
      DATABASE_URL: 'x',
      REDIS_URL: 'http://localhost:6379',
      NODE_ENV: 'prod',
      LOG_LEVEL: 'loud',
      QUEUE_PREFIX: 'a b',
      EVALUATE_DEBOUNCE_MS: '1.5',
      SHUTDOWN_TIMEOUT_MS: '-1',
      METRICS_TOKEN: 'short-secret',
      CREDENTIALS_KEYS: 'k1:c2hvcnQ=',
      X_CLIENT_ID: 'x',
    });
    expect(problems).toEqual([
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://, e.g. postgres://user:pass@localhost:5432/goalpost',
      'REDIS_URL must be a URL starting with redis:// or rediss://, e.g. redis://localhost:6379',
      'NODE_ENV must be one of development, production, test, e.g. production',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, e.g. info',
      'QUEUE_PREFIX may only hold letters, digits and _ - . { }, e.g. goalpost',
      'EVALUATE_DEBOUNCE_MS must be a whole number of milliseconds from 0 to 3600000, e.g. 250',
      'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 0 to 600000, e.g. 10000',
      'METRICS_TOKEN must be at least 16 characters, e.g. the output of openssl rand -hex 24',
      'CREDENTIALS_KEYS key "k1" must be 32 bytes of base64 (openssl rand -base64 32), not 5',
      'X_CLIENT_SECRET is required when X_CLIENT_ID is set',
    ]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('names a missing required variable, and an empty one as missing', () => {
    expect(problemsOf({ REDIS_URL: '' })).toEqual([
      'DATABASE_URL is required: a URL starting with postgres:// or postgresql://, e.g. postgres://user:pass@localhost:5432/goalpost',
      'REDIS_URL is required: a URL starting with redis:// or rediss://, e.g. redis://localhost:6379',
    ]);
  });

  it('reads ports the same way for every app: empty is the default, 0 a free port, anything else refused', () => {
    const shape = { SOME_PORT: port(4000) };
    expect(readSettings('test app', shape, { ...required, SOME_PORT: '' }).SOME_PORT).toBe(4000);
    expect(readSettings('test app', shape, { ...required, SOME_PORT: '0' }).SOME_PORT).toBe(0);
    for (const bad of ['http', '-1', '65536', '80.5']) {
      expect(problemsOf({ ...required, SOME_PORT: bad }, shape)).toEqual(['SOME_PORT must be a port from 0 to 65535 (0 picks a free one), e.g. 4000']);
    }
  });

  it('says which app the configuration belongs to, one indented line per problem', () => {
    expect(() => readSettings('gateway', {}, { DATABASE_URL: 'x', REDIS_URL: 'y' })).toThrow(
      "The gateway's configuration is invalid:\n  DATABASE_URL must be a URL starting with postgres:// or postgresql://",
    );
  });

  it('lets an app read variables named at run time and report them like the others', () => {
    const read = (source: Record<string, string>) =>
      readSettings('test app', {}, { ...required, ...source }, (reader) => ({ hosts: ['A', 'B'].map((id) => reader.read(`HOST_${id}`, commonSettings.REDIS_URL.optional())) }));
    expect(read({ HOST_A: 'redis://a:6379' }).hosts).toEqual(['redis://a:6379', undefined]);
    expect(() => read({ HOST_B: 'b' })).toThrow('HOST_B must be a URL starting with redis:// or rediss://');
  });
});
