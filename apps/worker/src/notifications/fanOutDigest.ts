import { channelsForEvent, insertDeliveryOnce, markPlanDigestFannedOut } from '@goalpost/db';
import type { DigestReportFormat, WeeklyDigest } from '@goalpost/domain';
import type { WorkerDeps } from '../workerDeps.ts';
import { allSeverities } from './allSeverities.ts';
import type { DigestDeliveryData } from './digestDelivery.ts';

/** The event key of a plan's digest of a week: one delivery per channel, whatever the number of runs. */
export const digestEventKey = (planId: string, isoWeek: string) => `weekly-digest-${planId}-${isoWeek}`;

/**
 * One WEEKLY_DIGEST delivery per channel that takes it for this plan, each its own job; then the week's
 * claim is marked done. A run again after a crash finds the deliveries made (unique per channel and
 * event key, their stored digest kept) and queues only jobs that are no-ops by id. The report files the
 * plan's schedule asks for are stored with each delivery.
 */
export async function fanOutDigest(deps: Pick<WorkerDeps, 'db' | 'queues' | 'now'>, workspaceId: string, digest: WeeklyDigest, attachReports: readonly DigestReportFormat[] = []): Promise<number> {
  const channels = await channelsForEvent(deps.db, workspaceId, { event: 'WEEKLY_DIGEST', severities: allSeverities, planId: digest.plan.id });
  const payload: DigestDeliveryData = attachReports.length > 0 ? { ...digest, attachReports: [...attachReports] } : digest;
  for (const channel of channels) {
    const delivery = await insertDeliveryOnce(deps.db, workspaceId, { channelId: channel.id, event: 'WEEKLY_DIGEST', eventKey: digestEventKey(digest.plan.id, digest.isoWeek), payload }, deps.now());
    await deps.queues.enqueueNotification({ workspaceId, deliveryId: delivery.id });
  }
  await markPlanDigestFannedOut(deps.db, digest.plan.id, digest.isoWeek, channels.length, deps.now());
  return channels.length;
}
