import type { CredentialCipher } from '@goalpost/credentials';
import type { NotificationChannelRow } from '@goalpost/db';

/**
 * Channel URLs and signing secrets are sealed with the credential cipher as the `accessToken` of a sealed
 * record (the cipher's one shape); this reads them back for sending, never for showing.
 */
export function openChannelSecrets(cipher: CredentialCipher | undefined, channel: NotificationChannelRow): { url: string | null; secret: string | null } {
  if (!channel.url_sealed && !channel.secret_sealed) return { url: null, secret: null };
  if (!cipher) throw new Error('CREDENTIALS_KEYS is not set: the channel\'s sealed URL and secret cannot be opened');
  return {
    url: channel.url_sealed ? cipher.open(channel.url_sealed).accessToken : null,
    secret: channel.secret_sealed ? cipher.open(channel.secret_sealed).accessToken : null,
  };
}
