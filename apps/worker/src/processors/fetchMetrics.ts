import { findSocialAccounts, listPlanIdsReadingAccount, markAccountSynced, upsertMetricPoints } from '@goalpost/db';
import { addDays, daysBetween } from '@goalpost/domain';
import type { MetricsFetchPayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { isPulledSource } from '../sources/metricSource.ts';
import type { WorkerDeps } from '../workerDeps.ts';

/** What the running job offers the processor (BullMQ's job in the worker; plain functions in tests). */
export interface FetchJobHooks {
  /** Persists the first day not yet stored in the job itself, so a job retried after a crash resumes there. */
  saveCursor(cursor: string): Promise<void>;
  /** Share of the window stored so far, 0–100. */
  reportProgress(percent: number): Promise<void>;
}

export type FetchMetricsResult =
  | { skipped: string }
  | {
      /** The first day this run fetched: the window's start, or the cursor a crashed run left. */
      startedAt: string;
      resumed: boolean;
      chunks: number;
      /** Points new or changed; a replayed window writes 0. */
      written: number;
      plansToEvaluate: number;
    };

/**
 * Pulls an account's daily metrics for a window, FETCH_CHUNK_DAYS at a time. Each chunk is one
 * idempotent batch write followed by a saved cursor, so a worker killed mid-window loses at most the
 * chunk in flight, and its retry starts where the last one stopped instead of at the beginning.
 */
export async function fetchMetrics(payload: MetricsFetchPayload, deps: WorkerDeps, job: FetchJobHooks): Promise<FetchMetricsResult> {
  const { workspaceId, accountId, from, to } = payload;
  const [account] = await findSocialAccounts(deps.db, workspaceId, [accountId]);
  if (!account) throw new UnrecoverableError(`Account ${accountId} does not exist in workspace ${workspaceId}.`);
  if (account.status !== 'ACTIVE') return { skipped: `the account is ${account.status}` };
  const source = isPulledSource(account.source) ? deps.sources[account.source] : undefined;
  if (!source) return { skipped: `accounts with source ${account.source} are not pulled by this worker` };

  const startedAt = payload.cursor && payload.cursor > from ? payload.cursor : from;
  const windowDays = daysBetween(from, to) + 1;
  let chunks = 0;
  let written = 0;
  for (let day = startedAt; day <= to; ) {
    const fullChunkEnd = addDays(day, deps.fetchChunkDays - 1);
    const chunkEnd = fullChunkEnd < to ? fullChunkEnd : to;
    const points = await source.fetch(account, { from: day, to: chunkEnd });
    written += await upsertMetricPoints(deps.db, workspaceId, account.id, points, account.source);
    chunks += 1;
    day = addDays(chunkEnd, 1);
    await job.saveCursor(day);
    await job.reportProgress(Math.round((100 * (daysBetween(from, chunkEnd) + 1)) / windowDays));
  }

  await markAccountSynced(deps.db, workspaceId, account.id, deps.now());
  // Deduplicated and debounced per plan: a backfill of many chunks causes one evaluation per plan.
  const planIds = await listPlanIdsReadingAccount(deps.db, workspaceId, account.id);
  for (const planId of planIds) await deps.queues.enqueueEvaluation({ workspaceId, planId, reason: 'points' });
  return { startedAt, resumed: startedAt !== from, chunks, written, plansToEvaluate: planIds.length };
}
