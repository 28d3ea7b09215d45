import {
  findSocialAccounts, listPlanIdsReadingAccount, markAccountSynced, setAccountStatus, upsertMetricPoints, type SocialAccountRow,
} from '@goalpost/db';
import { addDays, dayOf, daysBetween } from '@goalpost/domain';
import type { MetricsFetchPayload } from '@goalpost/jobs';
import { DelayedError, RateLimitError, UnrecoverableError } from 'bullmq';
import { isConnectorFailure } from '../connectors/connectorFailure.ts';
import { isPulledSource, type MetricSource, type SourcePage } from '../sources/metricSource.ts';
import type { WorkerDeps } from '../workerDeps.ts';
import { raiseAccountNeedsReauth } from './raiseAccountNeedsReauth.ts';

/** Where a fetch stands: the first day not yet stored and, within its chunk, the platform's next page. */
export interface FetchPosition {
  cursor: string;
  pageCursor?: string | undefined;
}

/** What the running job offers the processor (BullMQ's job in the worker; plain functions in tests). */
export interface FetchJobHooks {
  /** Persists the position in the job itself, so a job retried after a crash resumes there. */
  saveCursor(position: FetchPosition): Promise<void>;
  /** Share of the window stored so far, 0–100. */
  reportProgress(percent: number): Promise<void>;
  /** Puts the job back to wait until `at` (the account's rate limit), without spending an attempt. */
  delayUntil(at: Date): Promise<void>;
  /**
   * Holds every job of this platform's fetch queue until `at` (the app's rate limit: BullMQ's rate
   * limiter on the queue, shared by every worker); the processor then throws `RateLimitError`, which
   * puts this job back to wait without spending an attempt.
   */
  holdPlatform(at: Date): Promise<void>;
}

export type FetchMetricsResult =
  | { skipped: string }
  | {
      /** The first day this run fetched: the window's start, or the cursor a crashed run left. */
      startedAt: string;
      resumed: boolean;
      chunks: number;
      /** Requests made to the source; a chunk takes more than one when the platform pages. */
      pages: number;
      /** Points new or changed; a replayed window writes 0. */
      written: number;
      plansToEvaluate: number;
    };

/**
 * Pulls an account's daily metrics for a window in chunks of FETCH_CHUNK_DAYS (or less, when the
 * platform allows less per request), page by page. Each page is one idempotent batch write followed by
 * a saved position, so a worker killed mid-window loses at most the page in flight, and its retry
 * resumes at that page instead of at the beginning. Days older than the platform keeps are not asked for.
 *
 * Platform failures: a rate limit of the account delays the job until the platform allows it, one of
 * the whole platform (the app's) holds the platform's fetch queue until then — neither spends an
 * attempt, and a platform that says its budget is nearly spent holds the queue ahead of a refusal; a
 * token that cannot be refreshed puts the account in NEEDS_REAUTH with an alert and stops; an unknown
 * account puts it in ERROR and stops; anything else is thrown for BullMQ's exponential backoff.
 */
export async function fetchMetrics(payload: MetricsFetchPayload, deps: WorkerDeps, job: FetchJobHooks): Promise<FetchMetricsResult> {
  const { workspaceId, accountId, to } = payload;
  const [account] = await findSocialAccounts(deps.db, workspaceId, [accountId]);
  if (!account) throw new UnrecoverableError(`Account ${accountId} does not exist in workspace ${workspaceId}.`);
  if (account.status !== 'ACTIVE') return { skipped: `the account is ${account.status}` };
  const source = isPulledSource(account.source) ? deps.sources[account.source] : undefined;
  if (!source) return { skipped: `accounts with source ${account.source} are not pulled by this worker` };

  const limits = source.limits(account);
  const oldestKept = addDays(dayOf(deps.now()), -limits.lookbackDays);
  const from = payload.from < oldestKept ? oldestKept : payload.from;
  const chunkDays = Math.min(deps.fetchChunkDays, limits.maxWindowDays);
  const startedAt = payload.cursor && payload.cursor > from ? payload.cursor : from;
  const windowDays = daysBetween(from, to) + 1;
  let pageCursor = payload.cursor === startedAt ? payload.pageCursor : undefined;
  let chunks = 0;
  let pages = 0;
  let written = 0;
  for (let day = startedAt; day <= to; ) {
    const fullChunkEnd = addDays(day, chunkDays - 1);
    const chunkEnd = fullChunkEnd < to ? fullChunkEnd : to;
    let slowDown: Date | undefined;
    do {
      const page = await fetchPage(source, account, { from: day, to: chunkEnd }, pageCursor, deps, job);
      written += await upsertMetricPoints(deps.db, workspaceId, account.id, page.points, account.source);
      pages += 1;
      pageCursor = page.next;
      slowDown = page.platformSlowDownUntil;
      if (pageCursor) await job.saveCursor({ cursor: day, pageCursor });
    } while (pageCursor && !slowDown);
    if (!pageCursor) {
      chunks += 1;
      day = addDays(chunkEnd, 1);
      await job.saveCursor({ cursor: day });
      await job.reportProgress(Math.round((100 * (daysBetween(from, chunkEnd) + 1)) / windowDays));
    }
    if (slowDown) {
      // What was fetched is stored and the position saved: hold the platform, and wait with it if more is left.
      await job.holdPlatform(slowDown);
      // BullMQ knows a rate-limit error by its own message: it carries none of ours.
      if (day <= to) throw new RateLimitError();
    }
  }

  await markAccountSynced(deps.db, workspaceId, account.id, deps.now());
  // Deduplicated and debounced per plan: a backfill of many chunks causes one evaluation per plan.
  const planIds = await listPlanIdsReadingAccount(deps.db, workspaceId, account.id);
  for (const planId of planIds) await deps.queues.enqueueEvaluation({ workspaceId, planId, reason: 'points' });
  return { startedAt, resumed: startedAt !== from, chunks, pages, written, plansToEvaluate: planIds.length };
}

async function fetchPage(
  source: MetricSource,
  account: SocialAccountRow,
  window: { from: string; to: string },
  cursor: string | undefined,
  deps: WorkerDeps,
  job: FetchJobHooks,
): Promise<SourcePage> {
  try {
    return await source.fetch(account, window, cursor);
  } catch (error) {
    if (!isConnectorFailure(error)) throw error;
    switch (error.kind) {
      case 'RATE_LIMITED': {
        const at = error.details.retryAt ?? new Date(deps.now().getTime() + 60_000);
        const scope = error.details.scope ?? 'account';
        deps.log.info({ accountId: account.id, platform: account.platform, retryAt: at, scope }, 'rate limited; the fetch waits');
        if (scope === 'platform') {
          await job.holdPlatform(at);
          throw new RateLimitError();
        }
        await job.delayUntil(at);
        throw new DelayedError(`${error.message}; fetching again after ${at.toISOString()}`);
      }
      case 'AUTH_EXPIRED':
        await raiseAccountNeedsReauth(deps, account, error.message);
        throw new UnrecoverableError(`${error.message}: the account needs re-authorising`);
      case 'NOT_FOUND':
        await setAccountStatus(deps.db, account.workspace_id, account.id, 'ERROR');
        throw new UnrecoverableError(`${error.message}: the account is set to ERROR; check its external id and connect it again`);
      default:
        throw error;
    }
  }
}
