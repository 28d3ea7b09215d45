import type { CredentialCipher, UnsubscribeTokens } from '@goalpost/credentials';
import type { OutboundClient } from '../outbound/outboundClient.ts';
import type { Mailer } from './mailer.ts';

/** What sending to channels needs beyond the processors' common deps. */
export interface NotificationDeps {
  outbound: Pick<OutboundClient, 'post'>;
  /** Opens the sealed channel URLs and secrets; without CREDENTIALS_KEYS nothing sealed can be sent. */
  cipher: CredentialCipher | undefined;
  /** The dashboard's origin, for the link back in every message. */
  publicUrl: string;
  retry: { baseDelayMs: number; maxDelayMs: number };
  /** A channel whose every delivery has failed for this long is disabled, with one alert saying so. */
  disableAfterMs: number;
  /** E-mail through SMTP_URL; without it EMAIL channels fail, saying so. */
  mailer: Pick<Mailer, 'send'> | undefined;
  /** Signs the unsubscribe link of every e-mail (from CREDENTIALS_KEYS); without it the link opens the dashboard's preferences. */
  unsubscribe: Pick<UnsubscribeTokens, 'sign'> | undefined;
}
