import type { Db } from '../createDb.ts';
import type { CheckInRow } from '../schema.ts';

export async function insertCheckIn(
  db: Db,
  workspaceId: string,
  values: { keyResultId: string; authorUserId: string | null; authorTokenId: string | null; confidence: number; note: string | null; at: Date },
): Promise<CheckInRow> {
  return db
    .insertInto('check_ins')
    .values({
      workspace_id: workspaceId,
      key_result_id: values.keyResultId,
      author_user_id: values.authorUserId,
      author_token_id: values.authorTokenId,
      confidence: values.confidence,
      note: values.note,
      created_at: values.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A keyset page of a key result's check-ins, newest first (`after`: the `seq` of the previous page's last). */
export async function listCheckIns(
  db: Db,
  workspaceId: string,
  keyResultId: string,
  page: { limit: number; before?: number | undefined; after?: number | undefined; newestFirst: boolean },
): Promise<CheckInRow[]> {
  let query = db.selectFrom('check_ins').selectAll().where('workspace_id', '=', workspaceId).where('key_result_id', '=', keyResultId);
  if (page.after !== undefined) query = query.where('seq', '<', page.after);
  if (page.before !== undefined) query = query.where('seq', '>', page.before);
  return query.orderBy('seq', page.newestFirst ? 'desc' : 'asc').limit(page.limit).execute();
}

/** The latest check-in of each of these key results (one query for a whole list of them). */
export async function latestCheckIns(db: Db, workspaceId: string, keyResultIds: readonly string[]): Promise<CheckInRow[]> {
  if (keyResultIds.length === 0) return [];
  return db
    .selectFrom('check_ins')
    .selectAll()
    .distinctOn('key_result_id')
    .where('workspace_id', '=', workspaceId)
    .where('key_result_id', 'in', keyResultIds)
    .orderBy('key_result_id')
    .orderBy('seq', 'desc')
    .execute();
}

/**
 * The latest check-in of each of these key results made by its owner: the user behind the key result's
 * owning member, signed in as themselves (a token's check-in is a script's, not the owner's word).
 */
export async function latestOwnerCheckIns(db: Db, workspaceId: string, keyResultIds: readonly string[]): Promise<CheckInRow[]> {
  if (keyResultIds.length === 0) return [];
  return db
    .selectFrom('check_ins as c')
    .innerJoin('key_results as k', (join) => join.onRef('k.id', '=', 'c.key_result_id').onRef('k.workspace_id', '=', 'c.workspace_id'))
    .innerJoin('workspace_members as m', (join) => join.onRef('m.id', '=', 'k.owner_member_id').onRef('m.workspace_id', '=', 'c.workspace_id'))
    .selectAll('c')
    .distinctOn('c.key_result_id')
    .where('c.workspace_id', '=', workspaceId)
    .where('c.key_result_id', 'in', keyResultIds)
    .whereRef('c.author_user_id', '=', 'm.user_id')
    .orderBy('c.key_result_id')
    .orderBy('c.seq', 'desc')
    .execute();
}
