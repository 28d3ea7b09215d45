import { Queue, type ConnectionOptions } from 'bullmq';
import {
  queueNames, dedupIds, jobIds, metricsFetchQueueName,
  metricsFetchPayload, objectiveEvaluatePayload, alertDeliverPayload, notificationDeliverPayload, notificationBackoffType, planDigestPayload, invitationMailPayload,
  type MetricsFetchPayload, type ObjectiveEvaluatePayload, type AlertDeliverPayload, type NotificationDeliverPayload, type PlanDigestPayload, type InvitationMailPayload,
} from './jobCatalog.ts';
import { jobRetention } from './jobRetention.ts';

export interface QueueSettings {
  connection: ConnectionOptions;
  /** BullMQ key prefix; tests use one per file. Use a `{hash-tag}` prefix on Redis Cluster. */
  prefix: string;
  /** Delay before an evaluation runs, so a burst of points is evaluated once. */
  evaluateDebounceMs: number;
}

/** The producer side of every queue, with the catalog's payload checks and job identities applied. */
export function createGoalpostQueues(settings: QueueSettings) {
  const common = { connection: settings.connection, prefix: settings.prefix };
  const fetchOptions = { ...common, defaultJobOptions: { ...jobRetention, attempts: 8, backoff: { type: 'exponential' as const, delay: 5_000 } } };
  const metricsFetch = new Queue<MetricsFetchPayload>(queueNames.metricsFetch, fetchOptions);
  const errorListeners: ((error: Error) => void)[] = [];
  // One queue per platform API, opened on first use (see `metricsFetchQueueName`).
  const fetchQueues = new Map<string, Queue<MetricsFetchPayload>>([[queueNames.metricsFetch, metricsFetch]]);
  const fetchQueueFor = (route: { source: string; platform: string }) => {
    const name = metricsFetchQueueName(route);
    let queue = fetchQueues.get(name);
    if (!queue) {
      queue = new Queue<MetricsFetchPayload>(name, fetchOptions);
      queue.on('error', (error) => errorListeners.forEach((listener) => listener(error)));
      fetchQueues.set(name, queue);
    }
    return queue;
  };

  const objectiveEvaluate = new Queue<ObjectiveEvaluatePayload>(queueNames.objectiveEvaluate, {
    ...common,
    defaultJobOptions: { ...jobRetention, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } },
  });
  const alertDeliver = new Queue<AlertDeliverPayload>(queueNames.alertDeliver, {
    ...common,
    defaultJobOptions: { ...jobRetention, attempts: 10, backoff: { type: 'exponential', delay: 2_000 } },
  });
  const notificationDeliver = new Queue<NotificationDeliverPayload>(queueNames.notificationDeliver, {
    ...common,
    // About a day of retries with the worker's exponential backoff (capped per attempt).
    defaultJobOptions: { ...jobRetention, attempts: 12, backoff: { type: notificationBackoffType } },
  });
  const planDigest = new Queue<PlanDigestPayload>(queueNames.planDigest, {
    ...common,
    defaultJobOptions: { ...jobRetention, attempts: 8, backoff: { type: 'exponential', delay: 5_000 } },
  });
  const invitationMail = new Queue<InvitationMailPayload>(queueNames.invitationMail, {
    ...common,
    defaultJobOptions: { ...jobRetention, attempts: 6, backoff: { type: 'exponential', delay: 5_000 } },
  });
  const others = [objectiveEvaluate, alertDeliver, notificationDeliver, planDigest, invitationMail];

  return {
    /** The fetch queue of non-connector (DEMO) accounts. */
    metricsFetch,
    /** The fetch queue an account's jobs go to. */
    metricsFetchQueueFor: fetchQueueFor,
    objectiveEvaluate,
    alertDeliver,
    notificationDeliver,
    planDigest,
    invitationMail,
    async enqueueFetch(payload: MetricsFetchPayload) {
      const data = metricsFetchPayload.parse(payload);
      return fetchQueueFor(data).add('fetch', data, {
        deduplication: { id: dedupIds.metricsFetch(data), keepLastIfActive: true },
      });
    },
    async enqueueEvaluation(payload: ObjectiveEvaluatePayload) {
      const data = objectiveEvaluatePayload.parse(payload);
      return objectiveEvaluate.add('evaluate', data, {
        delay: settings.evaluateDebounceMs,
        deduplication: { id: dedupIds.objectiveEvaluate(data), keepLastIfActive: true },
      });
    },
    async enqueueDelivery(payload: AlertDeliverPayload) {
      const data = alertDeliverPayload.parse(payload);
      return alertDeliver.add('deliver', data, { jobId: jobIds.alertDeliver(data) });
    },
    /** `round`: 0 for the first send, the delivery's attempt count for a replay (see `jobIds`). */
    async enqueueNotification(payload: NotificationDeliverPayload, round = 0) {
      const data = notificationDeliverPayload.parse(payload);
      return notificationDeliver.add('notify', data, { jobId: jobIds.notificationDeliver(data, round) });
    },
    async enqueuePlanDigest(payload: PlanDigestPayload) {
      const data = planDigestPayload.parse(payload);
      return planDigest.add('digest', data, { jobId: jobIds.planDigest(data) });
    },
    async enqueueInvitationMail(payload: InvitationMailPayload) {
      const data = invitationMailPayload.parse(payload);
      return invitationMail.add('invitation', data, { jobId: jobIds.invitationMail(data) });
    },
    onError(listener: (error: Error) => void) {
      errorListeners.push(listener);
      for (const queue of [...fetchQueues.values(), ...others]) queue.on('error', listener);
    },
    async close() {
      await Promise.all([...fetchQueues.values(), ...others].map((queue) => queue.close()));
    },
  };
}
export type GoalpostQueues = ReturnType<typeof createGoalpostQueues>;
