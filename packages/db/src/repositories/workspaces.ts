import type { Db } from '../createDb.ts';
import type { Workspace } from '../schema.ts';

export async function insertWorkspace(db: Db, name: string): Promise<Workspace> {
  return db.insertInto('workspaces').values({ name }).returningAll().executeTakeFirstOrThrow();
}

export async function findWorkspace(db: Db, workspaceId: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
}

export async function setIngestSecret(db: Db, workspaceId: string, secret: string): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({ ingest_secret: secret, ingest_secret_rotated_at: new Date() })
    .where('id', '=', workspaceId)
    .execute();
}

/** A workspace and its first owner, together or not at all. */
export async function insertWorkspaceWithOwner(db: Db, name: string, ownerUserId: string): Promise<Workspace> {
  return db.transaction().execute(async (tx) => {
    const workspace = await insertWorkspace(tx, name);
    await tx.insertInto('workspace_members').values({ workspace_id: workspace.id, user_id: ownerUserId, role: 'OWNER' }).execute();
    return workspace;
  });
}
