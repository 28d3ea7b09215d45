import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const webhookToleranceSeconds = 5 * 60;

export type WebhookVerification =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' };

const keyOf = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

/**
 * Standard Webhooks signing (`v1,` HMAC-SHA256 over `id.timestamp.body`, the key the base64 after
 * `whsec_`): what `POST /webhooks/metrics` verifies and what outbound notification webhooks carry, so
 * either side works with any Standard Webhooks library. The one implementation, for gateway and worker.
 */
export function signStandardWebhook(input: { secret: string; id: string; timestamp: number; body: string }): string {
  const digest = createHmac('sha256', keyOf(input.secret)).update(`${input.id}.${input.timestamp}.${input.body}`).digest('base64');
  return `v1,${digest}`;
}

/** The three headers of a signed request; `webhook-id` lets receivers deduplicate. */
export function standardWebhookHeaders(input: { secret: string; id: string; timestamp: Date; body: string }): Record<string, string> {
  const seconds = Math.floor(input.timestamp.getTime() / 1000);
  return { 'webhook-id': input.id, 'webhook-timestamp': String(seconds), 'webhook-signature': signStandardWebhook({ secret: input.secret, id: input.id, timestamp: seconds, body: input.body }) };
}

/** Standard Webhooks verification: any `v1,` signature of the space-separated list may match; constant-time compare. */
export function verifyStandardWebhook(input: {
  secret: string;
  headers: { id: string | null; timestamp: string | null; signature: string | null };
  body: string;
  now: Date;
}): WebhookVerification {
  const { id, timestamp, signature } = input.headers;
  if (!id || !timestamp || !signature || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'missing-headers' };
  const seconds = Number(timestamp);
  if (Math.abs(input.now.getTime() / 1000 - seconds) > webhookToleranceSeconds) return { ok: false, reason: 'stale-timestamp' };
  const expected = Buffer.from(signStandardWebhook({ secret: input.secret, id, timestamp: seconds, body: input.body }).slice(3), 'base64');
  const matches = signature.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, id, timestamp: seconds } : { ok: false, reason: 'bad-signature' };
}

/** A new signing secret in the Standard Webhooks form (`whsec_` and 32 random bytes in base64). */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;
