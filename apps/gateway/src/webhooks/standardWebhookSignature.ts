import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const webhookToleranceSeconds = 5 * 60;

export type WebhookVerification =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' };

const keyOf = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

export function signStandardWebhook(input: { secret: string; id: string; timestamp: number; body: string }): string {
  const digest = createHmac('sha256', keyOf(input.secret)).update(`${input.id}.${input.timestamp}.${input.body}`).digest('base64');
  return `v1,${digest}`;
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

export const generateIngestSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;
