import { findSocialAccounts, listPlanIdsReadingAccount, storeMetricPoints, type Db, type PointValue } from '@goalpost/db';
import type { GoalpostQueues } from '@goalpost/jobs';
import type { Logger } from 'pino';
import { NotFoundError } from '../errors.ts';

/**
 * Stores a batch of points for an account, all or nothing, then asks for re-evaluation. The webhook id
 * (when any) is claimed in the statement that writes the points, so a redelivery is recognised and
 * writes nothing. A webhook has read the account already (to verify its signature) and says so with
 * `accountVerified`; a mutation's account is looked up inside the caller's workspace first. The plans
 * reading the account are read alongside the write (they do not depend on it), so a batch costs the
 * latency of one statement after the account, and one transaction only with `onStored`.
 */
export async function ingestPoints(
  deps: { db: Db; queues: GoalpostQueues; log: Logger },
  input: { workspaceId: string; accountId: string; points: readonly PointValue[]; source: string; webhookId?: string; accountVerified?: boolean },
  /** Runs in the transaction that stores the points (the audit entry of a mutation). */
  onStored?: (tx: Db, written: number) => Promise<void>,
): Promise<{ status: 'stored' | 'duplicate'; written: number }> {
  if (!input.accountVerified) {
    const [account] = await findSocialAccounts(deps.db, input.workspaceId, [input.accountId]);
    if (!account) throw new NotFoundError(`No account ${input.accountId} in your workspace.`, input.accountId);
  }
  const batch = { workspaceId: input.workspaceId, accountId: input.accountId, points: input.points, source: input.source, webhookId: input.webhookId ?? null };
  const store = onStored
    ? deps.db.transaction().execute(async (tx) => {
      const stored = await storeMetricPoints(tx, batch);
      if (!stored.duplicate) await onStored(tx, stored.written);
      return stored;
    })
    : storeMetricPoints(deps.db, batch);
  const [stored, planIds] = await Promise.all([store, listPlanIdsReadingAccount(deps.db, input.workspaceId, input.accountId)]);
  if (stored.duplicate) return { status: 'duplicate', written: 0 };
  if (stored.written > 0) {
    // Postgres already holds the points: if Redis is away, the worker's scheduled sweep re-evaluates later.
    await Promise.all(
      planIds.map((planId) => deps.queues.enqueueEvaluation({ workspaceId: input.workspaceId, planId, reason: 'points' })),
    ).catch((err: unknown) => deps.log.warn({ err }, 'evaluation not queued; the sweep will run it'));
  }
  return { status: 'stored', written: stored.written };
}
