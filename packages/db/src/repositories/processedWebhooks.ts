import type { Db } from '../createDb.ts';

/** Records a webhook id; false when it was already processed (a redelivery). Call inside the write's transaction. */
export async function claimWebhookId(db: Db, workspaceId: string, webhookId: string): Promise<boolean> {
  const row = await db
    .insertInto('processed_webhooks')
    .values({ workspace_id: workspaceId, webhook_id: webhookId })
    .onConflict((oc) => oc.columns(['workspace_id', 'webhook_id']).doNothing())
    .returning('webhook_id')
    .executeTakeFirst();
  return row !== undefined;
}
