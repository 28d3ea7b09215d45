import { claimWebhookId, findSocialAccounts, listPlanIdsReadingAccount, upsertMetricPoints, type Db, type PointValue } from '@goalpost/db';
import type { GoalpostQueues } from '@goalpost/jobs';
import type { Logger } from 'pino';
import { NotFoundError } from '../errors.ts';

/**
 * Stores a batch of points for an account, all or nothing, then asks for re-evaluation. The webhook id
 * (when any) is claimed in the same transaction, so a redelivery is recognised and writes nothing.
 */
export async function ingestPoints(
  deps: { db: Db; queues: GoalpostQueues; log: Logger },
  input: { workspaceId: string; accountId: string; points: readonly PointValue[]; source: string; webhookId?: string },
  /** Runs in the transaction that stores the points (the audit entry of a mutation). */
  onStored?: (tx: Db, written: number) => Promise<void>,
): Promise<{ status: 'stored' | 'duplicate'; written: number }> {
  const [account] = await findSocialAccounts(deps.db, input.workspaceId, [input.accountId]);
  if (!account) throw new NotFoundError(`No account ${input.accountId} in your workspace.`, input.accountId);
  const outcome = await deps.db.transaction().execute(async (tx) => {
    if (input.webhookId && !(await claimWebhookId(tx, input.workspaceId, input.webhookId))) return { status: 'duplicate' as const, written: 0 };
    const written = await upsertMetricPoints(tx, input.workspaceId, input.accountId, input.points, input.source);
    await onStored?.(tx, written);
    return { status: 'stored' as const, written };
  });
  if (outcome.status === 'stored') {
    // Postgres already holds the points: if Redis is away, the worker's scheduled sweep re-evaluates later.
    const planIds = await listPlanIdsReadingAccount(deps.db, input.workspaceId, input.accountId);
    await Promise.all(
      planIds.map((planId) => deps.queues.enqueueEvaluation({ workspaceId: input.workspaceId, planId, reason: 'points' })),
    ).catch((err: unknown) => deps.log.warn({ err }, 'evaluation not queued; the sweep will run it'));
  }
  return outcome;
}
