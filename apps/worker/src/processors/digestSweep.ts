import { claimPlanDigest, digestScheduleOf, listActivePlanSchedules, listPlanDigestsNotFannedOut } from '@goalpost/db';
import { dayOf, dueDigestWeek } from '@goalpost/domain';
import type { WorkerDeps } from '../workerDeps.ts';

/** Claims younger than this are left to the job their sweep enqueued. */
export const digestClaimGraceMs = 60_000;

/**
 * `send-digests`: for every active plan whose digest is due this week (on its own clock), whose week
 * overlaps the plan and that existed at the send time (a plan made mid-week starts with next week's), claims (plan, ISO week) once and enqueues its job; claims whose job was lost
 * (Redis emptied, a crash between claim and enqueue) are enqueued again. Job ids are the claim's, so
 * nothing is queued twice.
 */
export async function sendDigests(deps: WorkerDeps): Promise<{ claimed: number; requeued: number }> {
  const now = deps.now();
  let claimed = 0;
  for (const plan of await listActivePlanSchedules(deps.db)) {
    const week = dueDigestWeek(digestScheduleOf(plan), now);
    if (!week || plan.createdAt > week.sendAt || dayOf(week.to) <= plan.startsOn || dayOf(week.from) > plan.endsOn) continue;
    const claim = { planId: plan.planId, isoWeek: week.isoWeek, weekOf: week.weekOf };
    if (await claimPlanDigest(deps.db, plan.workspaceId, claim, now)) {
      claimed += 1;
      await deps.queues.enqueuePlanDigest({ workspaceId: plan.workspaceId, ...claim });
    }
  }
  const lost = await listPlanDigestsNotFannedOut(deps.db, new Date(now.getTime() - digestClaimGraceMs));
  for (const row of lost) {
    const job = await deps.queues.enqueuePlanDigest({ workspaceId: row.workspace_id, planId: row.plan_id, isoWeek: row.iso_week, weekOf: row.week_of });
    if ((await job.getState()) === 'failed') await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  }
  return { claimed, requeued: lost.length };
}
