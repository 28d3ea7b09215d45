import type { Db } from '../createDb.ts';
import type { AuditEventRow } from '../schema.ts';

export interface AuditEventValues {
  planId: string | null;
  at: Date;
  actor: { kind: 'USER' | 'TOKEN' | 'SYSTEM'; userId: string | null; tokenId: string | null };
  entity: string;
  entityId: string;
  action: string;
  change: string;
  before: unknown;
  after: unknown;
}

/** Appends entries; pass the transaction of the change they describe, so both are stored or neither. */
export async function appendAuditEvents(db: Db, workspaceId: string, events: readonly AuditEventValues[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_events')
    .values(
      events.map((e) => ({
        workspace_id: workspaceId,
        plan_id: e.planId,
        at: e.at,
        actor_kind: e.actor.kind,
        actor_user_id: e.actor.userId,
        actor_token_id: e.actor.tokenId,
        entity: e.entity,
        entity_id: e.entityId,
        action: e.action,
        change: e.change,
        before: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
      })),
    )
    .execute();
}

/**
 * A keyset page of a workspace's entries (or one plan's), newest first: `after` is the `seq` of the last
 * entry of the previous page; `newestFirst: false` walks the other way (a `last`/`before` page).
 */
export async function listAuditEvents(
  db: Db,
  workspaceId: string,
  page: { planId?: string | undefined; limit: number; before?: number | undefined; after?: number | undefined; newestFirst: boolean },
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll().where('workspace_id', '=', workspaceId);
  if (page.planId) query = query.where('plan_id', '=', page.planId);
  // Newest first: "after" a cursor means older than it.
  if (page.after !== undefined) query = query.where('seq', '<', page.after);
  if (page.before !== undefined) query = query.where('seq', '>', page.before);
  return query.orderBy('seq', page.newestFirst ? 'desc' : 'asc').limit(page.limit).execute();
}
