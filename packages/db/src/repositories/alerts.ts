import type { Db } from '../createDb.ts';
import type { AlertRow } from '../schema.ts';
import { selectKeysetPage, type KeyedRow, type Keyset, type PageWindow } from './keysetPage.ts';

export interface AlertValues {
  planId: string | null;
  objectiveId: string | null;
  keyResultId: string | null;
  accountId: string | null;
  kind: string;
  severity: string;
  message: string;
  dedupKey: string;
}

/** Inserts the alert unless its dedup key was already raised; returns it only when new. */
export async function insertAlertOnce(db: Db, workspaceId: string, values: AlertValues): Promise<AlertRow | undefined> {
  return db
    .insertInto('alerts')
    .values({
      workspace_id: workspaceId,
      plan_id: values.planId,
      objective_id: values.objectiveId,
      key_result_id: values.keyResultId,
      account_id: values.accountId,
      kind: values.kind,
      severity: values.severity,
      message: values.message,
      dedup_key: values.dedupKey,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'dedup_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Resolves the open alerts of these kinds of a key result (back on track) or of an account (authorised
 * again); returns those it resolved.
 */
export async function resolveOpenAlerts(
  db: Db,
  workspaceId: string,
  of: { keyResultId: string } | { accountId: string },
  kinds: readonly string[],
  at: Date,
): Promise<AlertRow[]> {
  if (kinds.length === 0) return [];
  const owner = 'keyResultId' in of ? { column: 'key_result_id' as const, id: of.keyResultId } : { column: 'account_id' as const, id: of.accountId };
  return db
    .updateTable('alerts')
    .set({ state: 'RESOLVED', resolved_at: at })
    .where('workspace_id', '=', workspaceId)
    .where(owner.column, '=', owner.id)
    .where('kind', 'in', kinds)
    .where('state', '!=', 'RESOLVED')
    .returningAll()
    .execute();
}

export async function findAlerts(db: Db, workspaceId: string, ids: readonly string[]): Promise<AlertRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('alerts').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

/** Alerts newest first; alerts raised in one statement share created_at, so the id breaks the tie. */
export const alertKeyset: Keyset = { columns: [{ column: 'created_at', type: 'timestamptz' }, { column: 'id', type: 'uuid' }], order: 'desc' };

/** One page of a workspace's alerts, by `alertKeyset`: all of them, or a plan's, or an account's (ACCOUNT_NEEDS_REAUTH). */
export async function listAlerts(
  db: Db,
  workspaceId: string,
  of: { planId?: string; accountId?: string },
  filter: { states?: readonly string[] | undefined },
  page: PageWindow,
): Promise<KeyedRow<AlertRow>[]> {
  let query = db.selectFrom('alerts').selectAll().where('workspace_id', '=', workspaceId);
  if (of.planId) query = query.where('plan_id', '=', of.planId);
  if (of.accountId) query = query.where('account_id', '=', of.accountId);
  if (filter.states?.length) query = query.where('state', 'in', filter.states);
  return selectKeysetPage(query, alertKeyset, page);
}

export async function setAlertState(
  db: Db,
  workspaceId: string,
  alertId: string,
  state: 'ACKNOWLEDGED' | 'RESOLVED',
  at: Date,
): Promise<AlertRow | undefined> {
  return db
    .updateTable('alerts')
    .set(state === 'ACKNOWLEDGED' ? { state, acknowledged_at: at } : { state, resolved_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', alertId)
    // Acknowledging a resolved alert would reopen it: only OPEN alerts can be acknowledged.
    .where('state', 'in', state === 'ACKNOWLEDGED' ? ['OPEN'] : ['OPEN', 'ACKNOWLEDGED'])
    .returningAll()
    .executeTakeFirst();
}

export async function markAlertPublished(db: Db, workspaceId: string, alertId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('alerts')
    .set({ published_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', alertId)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Alerts raised before `before` and never published: the sweep re-enqueues their delivery. */
export async function listUnpublishedAlerts(db: Db, before: Date): Promise<{ workspaceId: string; alertId: string }[]> {
  const rows = await db
    .selectFrom('alerts')
    .select(['workspace_id', 'id'])
    .where('published_at', 'is', null)
    .where('created_at', '<', before)
    .limit(1000)
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, alertId: r.id }));
}
