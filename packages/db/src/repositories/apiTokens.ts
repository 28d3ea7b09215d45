import type { Db } from '../createDb.ts';

/** Tokens are stored as SHA-256 hashes; the caller hashes (see the gateway's auth). */
export async function insertApiToken(
  db: Db,
  workspaceId: string,
  tokenHash: string,
  label: string,
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({ workspace_id: workspaceId, token_hash: tokenHash, label })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
}

export async function findWorkspaceIdByTokenHash(db: Db, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select('workspace_id')
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.workspace_id;
}

/** The live (unrevoked) token with this hash: its id and workspace. */
export async function findLiveApiToken(db: Db, tokenHash: string): Promise<{ id: string; workspaceId: string } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'workspace_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { id: row.id, workspaceId: row.workspace_id };
}
