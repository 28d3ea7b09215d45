import type { SocialAccountRow } from '@goalpost/db';
import { dedupIds, type GoalpostQueues } from '@goalpost/jobs';

export interface AccountFetch {
  /** QUEUED (waiting its turn), RUNNING, WAITING_FOR_PLATFORM (a rate limit or a retry after a failure). */
  state: 'QUEUED' | 'RUNNING' | 'WAITING_FOR_PLATFORM';
  /** Share of the window stored so far, 0–100. */
  progress: number;
  from: string;
  to: string;
  /** When a waiting fetch runs again. */
  resumesAt: Date | null;
  /** Attempts that failed so far (rate-limit waits do not count). */
  failedAttempts: number;
}

/** The account's fetch in flight, read from its job (one per account, deduplicated); null when none. */
export async function accountFetchState(queues: GoalpostQueues, account: SocialAccountRow): Promise<AccountFetch | null> {
  const queue = queues.metricsFetchQueueFor(account);
  const jobId = await queue.getDeduplicationJobId(dedupIds.metricsFetch({ accountId: account.id }));
  const job = jobId ? await queue.getJob(jobId) : undefined;
  if (!job) return null;
  const [jobState, platformWaitMs] = await Promise.all([job.getState(), queue.getRateLimitTtl()]);
  if (jobState !== 'active' && jobState !== 'delayed' && jobState !== 'waiting' && jobState !== 'prioritized') return null;
  const common = { progress: typeof job.progress === 'number' ? job.progress : 0, from: job.data.cursor ?? job.data.from, to: job.data.to, failedAttempts: job.attemptsMade };
  if (jobState === 'delayed') return { ...common, state: 'WAITING_FOR_PLATFORM', resumesAt: new Date(job.timestamp + (job.delay ?? 0)) };
  // The platform's queue is rate limited (its app limit): nothing of it runs before the limit lifts.
  if (platformWaitMs > 0) return { ...common, state: 'WAITING_FOR_PLATFORM', resumesAt: new Date(Date.now() + platformWaitMs) };
  return { ...common, state: jobState === 'active' ? 'RUNNING' : 'QUEUED', resumesAt: null };
}
