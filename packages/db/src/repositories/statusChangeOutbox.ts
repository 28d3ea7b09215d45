import type { Db } from '../createDb.ts';

export interface PendingStatusChange {
  workspace_id: string;
  event_key: string;
  payload: unknown;
}

/**
 * Status changes recorded by an evaluation before `before` whose deliveries were never made (a crash
 * between the evaluation's write and its fan-out), oldest first; younger ones are left to their run.
 */
export async function listStatusChangesNotFannedOut(db: Db, before: Date, limit = 1000): Promise<PendingStatusChange[]> {
  return db.selectFrom('status_change_outbox').select(['workspace_id', 'event_key', 'payload'])
    .where('fanned_out_at', 'is', null).where('created_at', '<', before)
    .orderBy('created_at').limit(limit).execute();
}

/** Marks these changes' deliveries as made (every channel that takes them has its delivery row and job). */
export async function markStatusChangesFannedOut(db: Db, workspaceId: string, eventKeys: readonly string[], at: Date): Promise<void> {
  if (eventKeys.length === 0) return;
  await db.updateTable('status_change_outbox').set({ fanned_out_at: at })
    .where('workspace_id', '=', workspaceId).where('event_key', 'in', [...eventKeys]).where('fanned_out_at', 'is', null).execute();
}

/**
 * Forgets changes fanned out before `before`: their deliveries hold the dedup keys from then on, and a
 * change's key names its day, so no later evaluation records the same change again.
 */
export async function pruneStatusChangesFannedOut(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('status_change_outbox').where('fanned_out_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
