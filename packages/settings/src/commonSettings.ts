import { credentialKeysVariable } from '@goalpost/credentials';
import { flag, integer, logLevels, name, oneOf, optionalOneOf, secret, url } from './settingRules.ts';

/** The variables gateway and worker both read, with the same rules and defaults. */
export const commonSettings = {
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://user:pass@localhost:5432/goalpost'),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://localhost:6379'),
  /** Libraries read it too: a typo (`prod`) would change them silently, so it is checked. */
  NODE_ENV: optionalOneOf(['development', 'production', 'test'], 'production'),
  LOG_LEVEL: oneOf(logLevels, 'info'),
  /** BullMQ key prefix; use a `{hash-tag}` on Redis Cluster. Gateway and worker must agree. */
  QUEUE_PREFIX: name('goalpost'),
  /** Prefix of the live pub/sub topics; gateway and worker must agree. */
  LIVE_NAMESPACE: name('goalpost'),
  /**
   * Delay before an evaluation runs, so a burst of points is evaluated once: long enough for one
   * sender's batches, short enough that an alert shows within a second of its webhook.
   */
  EVALUATE_DEBOUNCE_MS: integer({ fallback: 250, min: 0, max: 3_600_000, unit: 'milliseconds' }),
  /** After SIGTERM: how long requests (gateway) or jobs (worker) in flight may take before they are cut. */
  SHUTDOWN_TIMEOUT_MS: integer({ fallback: 10_000, min: 0, max: 600_000, unit: 'milliseconds' }),
  /** When set, `/metrics` asks for `Authorization: Bearer <METRICS_TOKEN>`; unset, it is open. */
  METRICS_TOKEN: secret(16),
  /** `id:base64key[,…]`: seals connector credentials; the first key seals, all open (rotation). */
  CREDENTIALS_KEYS: credentialKeysVariable,
  /** Plain http:// webhook and Slack URLs accepted for notification channels (development only). */
  OUTBOUND_ALLOW_HTTP: flag(false),
};
