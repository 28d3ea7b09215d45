import { findDeliveries, findNotificationChannels, recordDeliveryAttempt, setChannelHealth, type NotificationDeliveryRow } from '@goalpost/db';
import { sendEmailDelivery } from '../notifications/sendEmailDelivery.ts';
import { disableChannel } from '../notifications/disableChannel.ts';
import type { NotificationDeliverPayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { retryAfter } from '../connectors/connectorHttp.ts';
import { openChannelSecrets } from '../notifications/channelSecrets.ts';
import type { NotificationDeps } from '../notifications/notificationDeps.ts';
import { renderDelivery } from '../notifications/renderDelivery.ts';
import { standardWebhookHeaders } from '@goalpost/credentials';
import { OutboundFailure } from '../outbound/outboundFailure.ts';
import type { WorkerDeps } from '../workerDeps.ts';

/** A failed attempt that will be tried again after `delayMs` (the queue's backoff reads it). */
export class DeliveryRetry extends Error {
  override readonly name = 'DeliveryRetry';
  constructor(message: string, readonly delayMs: number) {
    super(message);
  }
}

export interface AttemptPosition {
  /** 1 for the first attempt of this job. */
  number: number;
  max: number;
}

export type DeliverNotificationResult = { outcome: 'DELIVERED' | 'SKIPPED'; statusCode?: number };

type SendOutcome =
  | { ok: true; statusCode: number | null; durationMs: number }
  | { ok: false; retryable: boolean; statusCode: number | null; error: string; durationMs: number; retryAt?: Date | undefined };

/** Exponential from the base, capped; a receiver's `Retry-After` wins when it asks for a time. */
export function retryDelayMs(attempt: number, retry: NotificationDeps['retry'], retryAt: Date | undefined, nowMs: number): number {
  if (retryAt) return Math.min(Math.max(0, retryAt.getTime() - nowMs), 24 * 3600_000);
  return Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * Sends one delivery to its channel and logs the attempt. A delivered (or given-up) delivery is never
 * sent again by a repeated job; only `replayDelivery` reopens it. Timeouts, network errors, 408, 429
 * and 5xx are retried with backoff; any other answer, a refused address or an unreadable secret fails
 * the delivery at once. Logs carry ids and status codes, never the URL, the secret or recipients.
 */
export async function deliverNotification(
  payload: NotificationDeliverPayload,
  deps: Pick<WorkerDeps, 'db' | 'now' | 'log' | 'queues'>,
  notify: NotificationDeps,
  attempt: AttemptPosition,
): Promise<DeliverNotificationResult> {
  const [delivery] = await findDeliveries(deps.db, payload.workspaceId, [payload.deliveryId]);
  // Gone with its channel, or already settled: nothing to send.
  if (!delivery || delivery.status === 'DELIVERED' || delivery.status === 'FAILED') return { outcome: 'SKIPPED' };
  const [channel] = await findNotificationChannels(deps.db, payload.workspaceId, [delivery.channel_id]);
  if (!channel) return { outcome: 'SKIPPED' };

  let outcome: SendOutcome;
  if (!channel.enabled) {
    outcome = { ok: false, retryable: false, statusCode: null, error: 'the channel is disabled', durationMs: 0 };
  } else {
    outcome = await send(deps, delivery, { kind: channel.kind, emails: channel.email_addresses }, () => openChannelSecrets(notify.cipher, channel), notify);
  }

  const last = attempt.number >= attempt.max;
  const at = deps.now();
  if (outcome.ok) {
    await recordDeliveryAttempt(deps.db, delivery.id, { statusCode: outcome.statusCode, error: null, durationMs: outcome.durationMs, outcome: 'DELIVERED', nextAttemptAt: null, at });
    await setChannelHealth(deps.db, channel.id, true, at);
    deps.log.info({ deliveryId: delivery.id, channelId: channel.id, kind: channel.kind, statusCode: outcome.statusCode, durationMs: outcome.durationMs }, 'notification delivered');
    return { outcome: 'DELIVERED', ...(outcome.statusCode !== null && { statusCode: outcome.statusCode }) };
  }
  const retrying = outcome.retryable && !last;
  // BullMQ delays, like Retry-After, run on the wall clock.
  const delayMs = retrying ? retryDelayMs(attempt.number, notify.retry, outcome.retryAt, Date.now()) : 0;
  await recordDeliveryAttempt(deps.db, delivery.id, {
    statusCode: outcome.statusCode,
    error: outcome.error,
    durationMs: outcome.durationMs,
    outcome: retrying ? 'RETRYING' : 'FAILED',
    nextAttemptAt: retrying ? new Date(at.getTime() + delayMs) : null,
    at,
  });
  if (channel.enabled) {
    const health = await setChannelHealth(deps.db, channel.id, false, at);
    if (health?.failing_since && at.getTime() - health.failing_since.getTime() >= notify.disableAfterMs) await disableChannel(deps, health, at);
  }
  deps.log.warn({ deliveryId: delivery.id, channelId: channel.id, kind: channel.kind, statusCode: outcome.statusCode, retrying, delayMs }, 'notification not delivered');
  if (retrying) throw new DeliveryRetry(outcome.error, delayMs);
  throw new UnrecoverableError(outcome.error);
}

async function send(
  { db, log }: Pick<WorkerDeps, 'db' | 'log'>,
  delivery: NotificationDeliveryRow,
  channel: { kind: string; emails: readonly string[] },
  secrets: () => { url: string | null; secret: string | null },
  notify: NotificationDeps,
): Promise<SendOutcome> {
  const kind = channel.kind;
  if (kind === 'EMAIL') {
    if (!notify.mailer) return { ok: false, retryable: false, statusCode: null, error: 'SMTP_URL is not set on the worker: e-mail cannot be sent', durationMs: 0 };
    const started = performance.now();
    const result = await sendEmailDelivery(db, delivery, channel.emails, { mailer: notify.mailer, publicUrl: notify.publicUrl, unsubscribe: notify.unsubscribe, log });
    const durationMs = Math.round(performance.now() - started);
    return result.ok ? { ok: true, statusCode: result.code, durationMs } : { ok: false, retryable: result.retryable, statusCode: result.code, error: result.error, durationMs };
  }
  let opened;
  try {
    opened = secrets();
  } catch (error) {
    return { ok: false, retryable: false, statusCode: null, error: `the channel's sealed settings cannot be read: ${(error as Error).message}`, durationMs: 0 };
  }
  const rendered = renderDelivery(delivery, notify.publicUrl);
  let request: { url: string; headers: Record<string, string>; body: string };
  if (kind === 'WEBHOOK' && opened.url && opened.secret) {
    const body = JSON.stringify(rendered.webhook);
    // `webhook-id` is the delivery id, the same on every retry and replay, so receivers can dedupe.
    const signed = standardWebhookHeaders({ secret: opened.secret, id: delivery.id, timestamp: new Date(), body });
    request = { url: opened.url, headers: { 'content-type': 'application/json', 'user-agent': 'Goalpost-Webhooks/1', ...signed }, body };
  } else if (kind === 'SLACK' && opened.url) {
    request = { url: opened.url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(rendered.slack) };
  } else {
    return { ok: false, retryable: false, statusCode: null, error: `${kind} channels cannot be sent to by this worker`, durationMs: 0 };
  }
  const started = performance.now();
  try {
    const answer = await notify.outbound.post(request);
    if (answer.status >= 200 && answer.status < 300) return { ok: true, statusCode: answer.status, durationMs: answer.durationMs };
    const retryable = answer.status === 408 || answer.status === 429 || answer.status >= 500;
    return { ok: false, retryable, statusCode: answer.status, error: `the receiver answered ${answer.status}`, durationMs: answer.durationMs, retryAt: retryable ? retryAfter(answer.headers) : undefined };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    if (error instanceof OutboundFailure) return { ok: false, retryable: error.retryable, statusCode: null, error: error.message, durationMs };
    throw error;
  }
}
