import { z } from 'zod';

/**
 * Every queue, the payload it carries and how its jobs are identified. Producers (gateway, schedulers)
 * and the worker's processors both go through here, so a payload is validated on both sides.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const uuid = z.uuid();

export const metricsFetchPayload = z.object({
  workspaceId: uuid,
  accountId: uuid,
  /** The account's source and platform: they route the job to its queue (`metricsFetchQueueName`). */
  source: z.string().min(1),
  platform: z.string().min(1),
  from: isoDate,
  to: isoDate,
  reason: z.enum(['schedule', 'manual', 'webhook', 'connect']),
  /** Set by the processor as it goes: the first day not yet stored, so a crashed job resumes there. */
  cursor: isoDate.optional(),
  /** The platform's paging position inside the chunk starting at `cursor` (never a token). */
  pageCursor: z.string().max(4096).optional(),
});
export type MetricsFetchPayload = z.infer<typeof metricsFetchPayload>;

export const objectiveEvaluatePayload = z.object({
  workspaceId: uuid,
  planId: uuid,
  reason: z.enum(['points', 'schedule', 'manual', 'plan-changed']),
});
export type ObjectiveEvaluatePayload = z.infer<typeof objectiveEvaluatePayload>;

export const alertDeliverPayload = z.object({
  workspaceId: uuid,
  alertId: uuid,
  /** Raised: announced live and to the channels; resolved: to the channels that take resolutions. */
  event: z.enum(['ALERT_RAISED', 'ALERT_RESOLVED']).optional(),
  /** Raised only: the evaluation that raised it already announced it live; the job hands it to the channels. */
  announced: z.boolean().optional(),
});
export type AlertDeliverPayload = z.infer<typeof alertDeliverPayload>;

export const notificationDeliverPayload = z.object({
  workspaceId: uuid,
  deliveryId: uuid,
});
export type NotificationDeliverPayload = z.infer<typeof notificationDeliverPayload>;

export const planDigestPayload = z.object({
  workspaceId: uuid,
  planId: uuid,
  /** `2026-W49`: the ISO week (on the plan's clock) the digest is sent in. */
  isoWeek: z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week YYYY-Www'),
  /** That week's Monday. */
  weekOf: isoDate,
});
export type PlanDigestPayload = z.infer<typeof planDigestPayload>;

export const invitationMailPayload = z.object({
  workspaceId: uuid,
  invitationId: uuid,
  /** The invitation link, sealed with CREDENTIALS_KEYS: its token is a credential, never in clear in Redis. */
  linkSealed: z.object({ v: z.literal(1), kid: z.string(), iv: z.string(), tag: z.string(), data: z.string() }),
});
export type InvitationMailPayload = z.infer<typeof invitationMailPayload>;

/** Scheduler ticks carry no data: each sweep reads what to do from Postgres. */
export const sweepPayload = z.object({}).passthrough();

/**
 * CONNECTOR fetches run in one queue per platform API, so that BullMQ's rate limiter (per queue, shared
 * by every worker) holds one platform when its app limit is reached and never the others. Platforms that
 * share an app limit share a queue (one Meta app serves Pages and Instagram). Every other fetch (DEMO)
 * runs in `metrics-fetch`.
 */
const sharedConnectorQueues: Readonly<Record<string, string>> = { FACEBOOK: 'meta', INSTAGRAM: 'meta' };

export function metricsFetchQueueName(route: { source: string; platform: string }): string {
  if (route.source !== 'CONNECTOR') return queueNames.metricsFetch;
  return `${queueNames.metricsFetch}-${sharedConnectorQueues[route.platform] ?? route.platform.toLowerCase()}`;
}

export const queueNames = {
  metricsFetch: 'metrics-fetch',
  objectiveEvaluate: 'objective-evaluate',
  alertDeliver: 'alert-deliver',
  /** Outbound deliveries to notification channels: their own queue, so a slow receiver holds nothing else. */
  notificationDeliver: 'notification-deliver',
  /** A plan's weekly digest: built once per (plan, ISO week) and fanned out to the channels that take it. */
  planDigest: 'plan-digest',
  /** An invitation's link e-mailed to the invitee. */
  invitationMail: 'invitation-mail',
  sweeps: 'sweeps',
} as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

export const sweepJobs = {
  refreshAccounts: 'refresh-accounts',
  evaluatePlans: 'evaluate-plans',
  /** Finds the plans whose weekly digest is due and claims and enqueues each (plan, week) once. */
  sendDigests: 'send-digests',
} as const;

/**
 * Deduplication ids (BullMQ forbids ':' in custom ids). With `keepLastIfActive`, at most one job per id
 * runs and one waits: a burst of webhooks for the same account or plan collapses into one run that
 * still sees every point written before it started.
 */
export const dedupIds = {
  metricsFetch: (p: Pick<MetricsFetchPayload, 'accountId'>) => `fetch-${p.accountId}`,
  objectiveEvaluate: (p: Pick<ObjectiveEvaluatePayload, 'planId'>) => `evaluate-${p.planId}`,
};

/** One delivery per alert, whatever number of times the evaluation that raised it ran. */
export const jobIds = {
  alertDeliver: (p: AlertDeliverPayload) => (p.event === 'ALERT_RESOLVED' ? `deliver-resolved-${p.alertId}` : `deliver-${p.alertId}`),
  /**
   * One job per delivery (itself one per event and channel) and round: round 0 is the first send, a
   * replay asked for after n attempts is round n, so a double click on replay sends once.
   */
  notificationDeliver: (p: NotificationDeliverPayload, round: number) => `notify-${p.deliveryId}-${round}`,
  /** One digest job per plan and ISO week. */
  planDigest: (p: Pick<PlanDigestPayload, 'planId' | 'isoWeek'>) => `digest-${p.planId}-${p.isoWeek}`,
  /** One e-mail per invitation (a new invitation to the same person is a new one). */
  invitationMail: (p: Pick<InvitationMailPayload, 'invitationId'>) => `invitation-mail-${p.invitationId}`,
};

/** The custom backoff of notification deliveries (the worker computes it: exponential, or Retry-After). */
export const notificationBackoffType = 'notification';
