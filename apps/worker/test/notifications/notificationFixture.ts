import { randomBytes } from 'node:crypto';
import { createCredentialCipher, parseCredentialKeys } from '@goalpost/credentials';
import { insertNotificationChannel, type Db, type NotificationChannelValues } from '@goalpost/db';
import { testRedisUrl } from '@goalpost/devstack/testing';
import { readWorkerEnv } from '../../src/env.ts';

export const credentialsKeys = `k1:${randomBytes(32).toString('base64')}`;
export const cipher = createCredentialCipher(parseCredentialKeys(credentialsKeys));
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** A channel stored the way the gateway stores it: URL and secret sealed. */
export async function addChannel(
  db: Db,
  workspaceId: string,
  channel: { kind: NotificationChannelValues['kind']; url?: string; secret?: string; emails?: string[]; minSeverity?: string; events?: string[]; planIds?: string[] },
  now: Date,
) {
  return insertNotificationChannel(db, workspaceId, {
    kind: channel.kind,
    name: `${channel.kind.toLowerCase()} channel`,
    events: channel.events ?? ['ALERT_RAISED', 'ALERT_RESOLVED'],
    minSeverity: channel.minSeverity ?? 'INFO',
    planIds: channel.planIds ?? [],
    urlSealed: channel.url ? cipher.seal({ accessToken: channel.url }) : null,
    urlHost: channel.url ? new URL(channel.url).host : null,
    secretSealed: channel.secret ? cipher.seal({ accessToken: channel.secret }) : null,
    emailAddresses: channel.emails ?? [],
  }, now);
}

/**
 * The worker's settings for a notification test: its own database and queue prefix, receivers on
 * loopback over http allowed, the schedules out of the way (a test runs sweeps itself). `extra` adds or
 * overrides (SMTP_URL, retry timings…).
 */
export function notificationWorkerEnv(databaseUrl: string, prefix: string, extra: Record<string, string> = {}) {
  return readWorkerEnv({
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: prefix,
    LIVE_NAMESPACE: prefix,
    LOG_LEVEL: 'silent',
    WORKER_PORT: '0',
    CREDENTIALS_KEYS: credentialsKeys,
    PUBLIC_URL: 'https://goalpost.test',
    OUTBOUND_ALLOW_HTTP: 'true',
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    REFRESH_EVERY_MS: '3600000',
    SWEEP_EVERY_MS: '3600000',
    DIGEST_SWEEP_EVERY_MS: '3600000',
    ...extra,
  });
}
