import { digestScheduleOf, findPlanDigest, findPlans, readPlanDigest } from '@goalpost/db';
import type { PlanDigestPayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { fanOutDigest } from '../notifications/fanOutDigest.ts';
import type { WorkerDeps } from '../workerDeps.ts';

export type SendPlanDigestResult = { skipped: string } | { deliveries: number };

/**
 * Builds a plan's digest of a claimed week and hands it to its channels. Only a claimed week is sent
 * (the claim is the "once per week" record); a claim already fanned out is done. The plan's schedule
 * says which report files go with it.
 */
export async function sendPlanDigest(payload: PlanDigestPayload, deps: WorkerDeps): Promise<SendPlanDigestResult> {
  const { workspaceId, planId, isoWeek, weekOf } = payload;
  const claim = await findPlanDigest(deps.db, workspaceId, planId, isoWeek);
  if (!claim) throw new UnrecoverableError(`The digest of plan ${planId} for ${isoWeek} was never claimed.`);
  if (claim.fanned_out_at) return { skipped: 'already handed to the channels' };
  const [digest, [plan]] = await Promise.all([readPlanDigest(deps.db, workspaceId, planId, weekOf, deps.now()), findPlans(deps.db, workspaceId, [planId])]);
  if (!digest || !plan) return { skipped: 'the plan no longer exists' };
  return { deliveries: await fanOutDigest(deps, workspaceId, digest, digestScheduleOf(plan).attachReports) };
}
