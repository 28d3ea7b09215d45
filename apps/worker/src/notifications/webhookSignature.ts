import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signing (`v1,` HMAC-SHA256 over `id.timestamp.body`, the key the base64 after
 * `whsec_`): the same scheme `POST /webhooks/metrics` verifies, so receivers use any Standard Webhooks library.
 */
export function standardWebhookHeaders(input: { secret: string; id: string; timestamp: Date; body: string }): Record<string, string> {
  const seconds = Math.floor(input.timestamp.getTime() / 1000);
  const key = Buffer.from(input.secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${input.id}.${seconds}.${input.body}`).digest('base64');
  return { 'webhook-id': input.id, 'webhook-timestamp': String(seconds), 'webhook-signature': `v1,${signature}` };
}
