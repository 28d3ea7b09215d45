import { randomBytes } from 'node:crypto';
import { createCredentialCipher, parseCredentialKeys } from '@goalpost/credentials';
import { insertNotificationChannel, type Db, type NotificationChannelValues } from '@goalpost/db';

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
