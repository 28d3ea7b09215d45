import type { SocialAccountRow } from '@goalpost/db';
import { addDays, dayOf } from '@goalpost/domain';
import type { GoalpostQueues } from '@goalpost/jobs';
import type { Logger } from 'pino';

/** How far back a newly connected account is fetched: the audit and the SMART check need a year. */
export const backfillDays = 365;

/**
 * Queues a fetch of the account's metrics: from the day before its last sync (that day may have been
 * partial), or a year back when never synced, to today. Postgres already holds the account: when Redis
 * is away the worker's refresh sweep picks it up later, so a failure here is logged, not thrown.
 */
export async function queueAccountFetch(
  deps: { queues: GoalpostQueues; log: Logger },
  account: SocialAccountRow,
  now: Date,
  reason: 'connect' | 'manual',
): Promise<boolean> {
  const today = dayOf(now);
  const from = account.last_synced_at ? addDays(dayOf(account.last_synced_at), -1) : addDays(today, -backfillDays);
  try {
    await deps.queues.enqueueFetch({ workspaceId: account.workspace_id, accountId: account.id, source: account.source, platform: account.platform, from, to: today, reason });
    return true;
  } catch (err) {
    deps.log.warn({ err, accountId: account.id }, 'fetch not queued; the refresh sweep will pick the account up');
    return false;
  }
}
