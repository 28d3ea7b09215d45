import type { Db } from '../createDb.ts';

export interface AccountToRefresh {
  workspaceId: string;
  accountId: string;
  source: string;
  platform: string;
  lastSyncedAt: Date | null;
}

/**
 * The refresh sweep's work list, across workspaces (the sweep serves them all; every job it enqueues
 * names its workspace): active accounts whose metrics are pulled (connectors and the demo generator),
 * with when each was last synced, in one query. Pushed and manual accounts are never pulled.
 */
export async function listAccountsToRefresh(db: Db): Promise<AccountToRefresh[]> {
  const rows = await db
    .selectFrom('social_accounts')
    .select(['workspace_id', 'id', 'source', 'platform', 'last_synced_at'])
    .where('source', 'in', ['CONNECTOR', 'DEMO'])
    .where('status', '=', 'ACTIVE')
    .orderBy('workspace_id')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, accountId: r.id, source: r.source, platform: r.platform, lastSyncedAt: r.last_synced_at }));
}
