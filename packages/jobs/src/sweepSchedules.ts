import { Queue, type ConnectionOptions } from 'bullmq';
import { queueNames, sweepJobs } from './jobCatalog.ts';
import { jobRetention } from './jobRetention.ts';

export type SweepJobName = (typeof sweepJobs)[keyof typeof sweepJobs];

/** The queue the recurring sweeps run on. Its jobs carry no data: each sweep reads what to do from Postgres. */
export function createSweepQueue(settings: { connection: ConnectionOptions; prefix: string }) {
  return new Queue(queueNames.sweeps, { connection: settings.connection, prefix: settings.prefix, defaultJobOptions: jobRetention });
}

/**
 * Registers or updates the recurring sweeps. The scheduler id is the sweep's job name, so every worker
 * that starts upserts the same schedules instead of adding more, and a changed interval replaces the old
 * one. `every` counts milliseconds on the UTC clock: no local time, no daylight-saving jumps.
 */
export async function upsertSweepSchedules(queue: Queue, everyMs: Record<SweepJobName, number>): Promise<void> {
  for (const name of Object.values(sweepJobs)) {
    await queue.upsertJobScheduler(name, { every: everyMs[name], tz: 'UTC' }, { name, data: {}, opts: jobRetention });
  }
}
