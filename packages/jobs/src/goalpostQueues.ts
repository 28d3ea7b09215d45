import { Queue, type ConnectionOptions } from 'bullmq';
import {
  queueNames, dedupIds, jobIds,
  metricsFetchPayload, objectiveEvaluatePayload, alertDeliverPayload,
  type MetricsFetchPayload, type ObjectiveEvaluatePayload, type AlertDeliverPayload,
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
  const metricsFetch = new Queue<MetricsFetchPayload>(queueNames.metricsFetch, {
    ...common,
    defaultJobOptions: { ...jobRetention, attempts: 8, backoff: { type: 'exponential', delay: 5_000 } },
  });
  const objectiveEvaluate = new Queue<ObjectiveEvaluatePayload>(queueNames.objectiveEvaluate, {
    ...common,
    defaultJobOptions: { ...jobRetention, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } },
  });
  const alertDeliver = new Queue<AlertDeliverPayload>(queueNames.alertDeliver, {
    ...common,
    defaultJobOptions: { ...jobRetention, attempts: 10, backoff: { type: 'exponential', delay: 2_000 } },
  });
  const all = [metricsFetch, objectiveEvaluate, alertDeliver];

  return {
    metricsFetch,
    objectiveEvaluate,
    alertDeliver,
    async enqueueFetch(payload: MetricsFetchPayload) {
      const data = metricsFetchPayload.parse(payload);
      return metricsFetch.add('fetch', data, {
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
    onError(listener: (error: Error) => void) {
      for (const queue of all) queue.on('error', listener);
    },
    async close() {
      await Promise.all(all.map((queue) => queue.close()));
    },
  };
}
export type GoalpostQueues = ReturnType<typeof createGoalpostQueues>;
