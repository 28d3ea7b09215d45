import type { Db } from '../createDb.ts';

/** Marks an alert's resolution as handed to the notification channels; true for the call that did. */
export async function markAlertResolutionPublished(db: Db, workspaceId: string, alertId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('alerts')
    .set({ resolution_published_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', alertId)
    .where('resolved_at', 'is not', null)
    .where('resolution_published_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Alerts resolved before `before` whose resolution never reached the channels: the sweep re-enqueues it. */
export async function listUnpublishedResolutions(db: Db, before: Date): Promise<{ workspaceId: string; alertId: string }[]> {
  const rows = await db
    .selectFrom('alerts')
    .select(['workspace_id', 'id'])
    .where('resolved_at', 'is not', null)
    .where('resolution_published_at', 'is', null)
    .where('resolved_at', '<', before)
    .limit(1000)
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, alertId: r.id }));
}
