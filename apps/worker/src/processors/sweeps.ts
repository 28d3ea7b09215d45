import { listActivePlanRefs, listRefreshableAccounts, listUnpublishedAlerts, findSocialAccounts } from '@goalpost/db';
import { addDays, dayOf } from '@goalpost/domain';
import type { WorkerDeps } from '../workerDeps.ts';

/** Re-creates the fetch work for every pulled account: what Redis lost, the next sweep brings back. */
export async function refreshAccounts(deps: WorkerDeps) {
  const today = dayOf(deps.now());
  const accounts = await listRefreshableAccounts(deps.db);
  for (const { workspaceId, accountId } of accounts) {
    const [account] = await findSocialAccounts(deps.db, workspaceId, [accountId]);
    const from = account?.last_synced_at ? addDays(dayOf(account.last_synced_at), -1) : addDays(today, -deps.backfillDays);
    await deps.queues.enqueueFetch({ workspaceId, accountId, from, to: today, reason: 'schedule' });
  }
  return { accounts: accounts.length };
}

/** Evaluates every active plan (deadlines pass without new data) and re-sends alerts never published. */
export async function evaluatePlans(deps: WorkerDeps) {
  const plans = await listActivePlanRefs(deps.db);
  for (const ref of plans) await deps.queues.enqueueEvaluation({ ...ref, reason: 'schedule' });
  const stale = await listUnpublishedAlerts(deps.db, new Date(deps.now().getTime() - 60_000));
  for (const alert of stale) await deps.queues.enqueueDelivery(alert);
  return { plans: plans.length, republished: stale.length };
}
