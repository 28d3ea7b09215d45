import { sql } from 'kysely';
import type { Db } from '../createDb.ts';
import type { ApiTokenRow, WorkspaceRole } from '../schema.ts';

/** Tokens are stored as SHA-256 hashes; the caller hashes (see the gateway's auth). */
export async function insertApiToken(
  db: Db,
  workspaceId: string,
  tokenHash: string,
  label: string,
  options: { role?: WorkspaceRole; prefix?: string | null; createdBy?: string | null } = {},
): Promise<ApiTokenRow | undefined> {
  return db
    .insertInto('api_tokens')
    .values({
      workspace_id: workspaceId,
      token_hash: tokenHash,
      label,
      role: options.role ?? 'OWNER',
      prefix: options.prefix ?? null,
      created_by: options.createdBy ?? null,
    })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findWorkspaceIdByTokenHash(db: Db, tokenHash: string): Promise<string | undefined> {
  return (await findLiveApiTokenByHash(db, tokenHash))?.workspace_id;
}

/** The unrevoked token with this hash. */
export async function findLiveApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function findLiveApiToken(db: Db, tokenId: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function listApiTokens(db: Db, workspaceId: string): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Revokes a token of the workspace; a token already revoked keeps its first revocation time. */
export async function revokeApiToken(db: Db, workspaceId: string, tokenId: string, now: Date): Promise<ApiTokenRow | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, ${now})` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', tokenId)
    .returningAll()
    .executeTakeFirst();
}

/** Records a use at most once a minute, so that a busy script costs one write a minute, not one a request. */
export async function touchApiToken(db: Db, tokenId: string, now: Date): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]))
    .execute();
}

/** Records who a token belongs to, for a token made before people existed (the bootstrap token). */
export async function setApiTokenMaker(db: Db, tokenId: string, userId: string): Promise<void> {
  await db.updateTable('api_tokens').set({ created_by: userId }).where('id', '=', tokenId).where('created_by', 'is', null).execute();
}

