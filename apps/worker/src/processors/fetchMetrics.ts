import { findSocialAccounts, listPlanIdsReadingAccount, markAccountSynced, upsertMetricPoints } from '@goalpost/db';
import { addDays } from '@goalpost/domain';
import type { MetricsFetchPayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import type { WorkerDeps } from '../workerDeps.ts';

export interface FetchProgress {
  /** Persists the first day not yet stored, so a crashed job resumes there. */
  saveCursor(cursor: string): Promise<void>;
  reportProgress(percent: number): Promise<void>;
}

/** Pulls a window of daily metrics chunk by chunk; each chunk is one idempotent batch write. */
export async function fetchMetrics(payload: MetricsFetchPayload, deps: WorkerDeps, progress: FetchProgress) {
  const [account] = await findSocialAccounts(deps.db, payload.workspaceId, [payload.accountId]);
  if (!account) throw new UnrecoverableError(`Account ${payload.accountId} is not in workspace ${payload.workspaceId}.`);
  const source = deps.sources[account.source];
  if (!source) return { skipped: `accounts with source ${account.source} are not pulled`, written: 0 };
  if (account.status !== 'ACTIVE') return { skipped: `account is ${account.status}`, written: 0 };

  const totalDays = Math.max(1, (Date.parse(payload.to) - Date.parse(payload.from)) / 86_400_000 + 1);
  let written = 0;
  for (let day = payload.cursor ?? payload.from; day <= payload.to; ) {
    const chunkEnd = [addDays(day, deps.fetchChunkDays - 1), payload.to].sort()[0]!;
    const points = await source.fetch(account, { from: day, to: chunkEnd });
    written += await upsertMetricPoints(deps.db, payload.workspaceId, account.id, points, account.source);
    day = addDays(chunkEnd, 1);
    await progress.saveCursor(day);
    await progress.reportProgress(Math.min(100, Math.round((100 * ((Date.parse(chunkEnd) - Date.parse(payload.from)) / 86_400_000 + 1)) / totalDays)));
  }
  await markAccountSynced(deps.db, payload.workspaceId, account.id, deps.now());
  const planIds = await listPlanIdsReadingAccount(deps.db, payload.workspaceId, account.id);
  await Promise.all(planIds.map((planId) => deps.queues.enqueueEvaluation({ workspaceId: payload.workspaceId, planId, reason: 'points' })));
  return { written, plans: planIds.length };
}
