import { queueNames } from '@goalpost/jobs';
import type { Job, Queue, Worker } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeliverAlertResult } from '../processors/deliverAlert.ts';
import type { EvaluatePlanResult } from '../processors/evaluatePlan.ts';
import { countedStates, queueJobCounts } from './queueJobCounts.ts';

const secondsSinceStart = (job: Job | undefined) =>
  job?.processedOn ? Math.max(0, ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000) : undefined;

/**
 * Prometheus metrics of one worker process: jobs by queue and outcome with their durations, what the
 * evaluations decided, the depth of every queue it serves (read from Redis at scrape time, within a
 * time bound), and the process (prom-client's default metrics). Counters count this process's work;
 * Prometheus sums them over the workers.
 */
export function workerMetrics(options: { workers: readonly Worker[]; queues: readonly Queue[]; scrapeTimeoutMs?: number }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const jobDuration = new Histogram({
    name: 'goalpost_job_duration_seconds',
    help: 'Job attempts by queue and outcome (completed, or failed: retried or for good), from start to end',
    labelNames: ['queue', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers,
  });
  const planEvaluations = new Counter({
    name: 'goalpost_plan_evaluations_total',
    help: 'Plan evaluations run (evaluated), or skipped because the plan is not active',
    labelNames: ['outcome'],
    registers,
  });
  const keyResultEvaluations = new Counter({
    name: 'goalpost_key_result_evaluations_total',
    help: 'Key results evaluated, or left unchanged because their inputs had not changed since their evaluation that day',
    labelNames: ['outcome'],
    registers,
  });
  const alertsRaised = new Counter({ name: 'goalpost_alerts_raised_total', help: 'Alerts raised by evaluations', registers });
  const alertsResolved = new Counter({ name: 'goalpost_alerts_resolved_total', help: 'Alerts resolved by evaluations', registers });
  const alertsDelivered = new Counter({ name: 'goalpost_alerts_delivered_total', help: 'Alerts published to live subscriptions (every kind, account alerts included)', registers });

  // Every series from the start at 0, so that rate() sees the first increment.
  for (const outcome of ['evaluated', 'skipped']) planEvaluations.inc({ outcome }, 0);
  for (const outcome of ['evaluated', 'unchanged']) keyResultEvaluations.inc({ outcome }, 0);

  const counts = queueJobCounts(options.queues, options.scrapeTimeoutMs ?? 1000);
  let lastRead: ReturnType<typeof counts> | undefined;
  const read = () => (lastRead ??= counts().finally(() => queueMicrotask(() => (lastRead = undefined))));
  new Gauge({
    name: 'goalpost_queue_jobs',
    help: 'Jobs per queue and state, read from Redis at scrape time; absent when Redis did not answer in time',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      const current = await read();
      this.reset();
      for (const [queue, byState] of current ?? []) for (const state of countedStates) this.set({ queue, state }, byState[state]);
    },
  });
  new Gauge({
    name: 'goalpost_queue_jobs_up',
    help: '1 when goalpost_queue_jobs was read from Redis for this scrape, 0 when Redis did not answer in time',
    registers,
    async collect() {
      this.set((await read()) ? 1 : 0);
    },
  });

  for (const worker of options.workers) {
    const queue = worker.name;
    worker.on('completed', (job, result: unknown) => {
      const seconds = secondsSinceStart(job);
      if (seconds !== undefined) jobDuration.observe({ queue, outcome: 'completed' }, seconds);
      if (queue === queueNames.objectiveEvaluate) {
        const evaluation = result as EvaluatePlanResult;
        if ('skipped' in evaluation) return planEvaluations.inc({ outcome: 'skipped' });
        planEvaluations.inc({ outcome: 'evaluated' });
        keyResultEvaluations.inc({ outcome: 'evaluated' }, evaluation.keyResults - evaluation.unchanged);
        keyResultEvaluations.inc({ outcome: 'unchanged' }, evaluation.unchanged);
        alertsRaised.inc(evaluation.alertsRaised);
        alertsResolved.inc(evaluation.alertsResolved);
      }
      if (queue === queueNames.alertDeliver && (result as DeliverAlertResult).published) alertsDelivered.inc();
    });
    worker.on('failed', (job) => {
      const seconds = secondsSinceStart(job);
      if (seconds !== undefined) jobDuration.observe({ queue, outcome: 'failed' }, seconds);
    });
  }

  return { registry };
}
