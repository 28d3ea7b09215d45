import {
  listAccountsToRefresh, listActivePlanRefs, listStatusChangesNotFannedOut, listUnpublishedAlerts, listUnpublishedResolutions, pruneStatusChangesFannedOut,
} from '@goalpost/db';
import { addDays, dayOf } from '@goalpost/domain';
import { sweepJobs } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { fanOutStatusChanges } from '../notifications/fanOutStatusChanges.ts';
import type { StatusChangeData } from '../notifications/statusChangeEvent.ts';
import type { WorkerDeps } from '../workerDeps.ts';
import { sendDigests } from './digestSweep.ts';

/** Unpublished alerts younger than this are left to the evaluation that raised them (it enqueues them itself). */
export const unpublishedAlertGraceMs = 60_000;
/** Fanned-out status changes are kept this long (for an operator's look), then pruned by the sweep. */
export const fannedOutStatusChangesKeptMs = 7 * 86_400_000;

/**
 * `refresh-accounts`: enqueues a fetch for every pulled account — from the day before its last sync
 * (that day may have been partial), or BACKFILL_DAYS back when never synced, to today. Fetch jobs are
 * deduplicated per account, so a sweep never piles work on an account already being fetched.
 */
export async function refreshAccounts(deps: WorkerDeps): Promise<{ enqueued: number }> {
  const today = dayOf(deps.now());
  const accounts = await listAccountsToRefresh(deps.db);
  for (const { workspaceId, accountId, source, platform, lastSyncedAt } of accounts) {
    const from = lastSyncedAt ? addDays(dayOf(lastSyncedAt), -1) : addDays(today, -deps.backfillDays);
    await deps.queues.enqueueFetch({ workspaceId, accountId, source, platform, from, to: today, reason: 'schedule' });
  }
  return { enqueued: accounts.length };
}

/**
 * `evaluate-plans`: enqueues an evaluation of every active plan (deadlines pass and data goes stale
 * without any new point) and re-enqueues the delivery of alerts never published, and of resolutions
 * never handed to the channels, and fans out the status changes an evaluation recorded but never fanned
 * out (a crash after its write). With the two sweeps,
 * Postgres alone is enough to re-create every job: losing Redis delays work, never loses it.
 */
export async function evaluatePlans(deps: WorkerDeps): Promise<{ plans: number; redelivered: number; statusChanges: number }> {
  const plans = await listActivePlanRefs(deps.db);
  for (const plan of plans) await deps.queues.enqueueEvaluation({ ...plan, reason: 'schedule' });
  const graceEnd = new Date(deps.now().getTime() - unpublishedAlertGraceMs);
  const unpublished = [
    ...(await listUnpublishedAlerts(deps.db, graceEnd)),
    ...(await listUnpublishedResolutions(deps.db, graceEnd)).map((alert) => ({ ...alert, event: 'ALERT_RESOLVED' as const })),
  ];
  for (const alert of unpublished) {
    const job = await deps.queues.enqueueDelivery(alert);
    // A delivery that used up its attempts keeps its job id (so the add above was a no-op) until it is
    // removed: give it a fresh set of attempts instead.
    if ((await job.getState()) === 'failed') await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  }
  // Deduplicated by their event keys: channels that got a change's delivery before the crash keep that one.
  const changes = await listStatusChangesNotFannedOut(deps.db, graceEnd);
  const byWorkspace = new Map<string, StatusChangeData[]>();
  for (const c of changes) byWorkspace.set(c.workspace_id, [...(byWorkspace.get(c.workspace_id) ?? []), c.payload as StatusChangeData]);
  for (const [workspaceId, ofWorkspace] of byWorkspace) await fanOutStatusChanges(deps, workspaceId, ofWorkspace);
  await pruneStatusChangesFannedOut(deps.db, new Date(deps.now().getTime() - fannedOutStatusChangesKeptMs));
  return { plans: plans.length, redelivered: unpublished.length, statusChanges: changes.length };
}

/** Routes a scheduler tick to its sweep by job name; an unknown name is bad data, not bad luck. */
export async function runSweep(name: string, deps: WorkerDeps) {
  if (name === sweepJobs.refreshAccounts) return refreshAccounts(deps);
  if (name === sweepJobs.evaluatePlans) return evaluatePlans(deps);
  if (name === sweepJobs.sendDigests) return sendDigests(deps);
  throw new UnrecoverableError(`Unknown sweep "${name}".`);
}
