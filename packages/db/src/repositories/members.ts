import type { Db } from '../createDb.ts';
import type { UserRow, WorkspaceMemberRow, WorkspaceRole } from '../schema.ts';

export type MemberWithUser = WorkspaceMemberRow & { user: Pick<UserRow, 'id' | 'email' | 'name'> };

const withUser = (row: WorkspaceMemberRow & { email: string; name: string }): MemberWithUser => {
  const { email, name, ...member } = row;
  return { ...member, user: { id: member.user_id, email, name } };
};

/** Adds a member; one already in the workspace keeps the role it has. */
export async function insertMember(db: Db, workspaceId: string, userId: string, role: WorkspaceRole): Promise<WorkspaceMemberRow> {
  await db
    .insertInto('workspace_members')
    .values({ workspace_id: workspaceId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
    .execute();
  return db
    .selectFrom('workspace_members')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function findMembership(db: Db, workspaceId: string, userId: string): Promise<WorkspaceMemberRow | undefined> {
  return db.selectFrom('workspace_members').selectAll().where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
}

/** Every workspace a user belongs to, with the role, oldest membership first. */
export async function listMembershipsOfUser(db: Db, userId: string): Promise<(WorkspaceMemberRow & { workspace_name: string; workspace_created_at: Date })[]> {
  return db
    .selectFrom('workspace_members')
    .innerJoin('workspaces', 'workspaces.id', 'workspace_members.workspace_id')
    .selectAll('workspace_members')
    .select(['workspaces.name as workspace_name', 'workspaces.created_at as workspace_created_at'])
    .where('workspace_members.user_id', '=', userId)
    .orderBy('workspace_members.created_at')
    .orderBy('workspace_members.id')
    .execute();
}

export async function listMembers(db: Db, workspaceId: string): Promise<MemberWithUser[]> {
  const rows = await db
    .selectFrom('workspace_members')
    .innerJoin('users', 'users.id', 'workspace_members.user_id')
    .selectAll('workspace_members')
    .select(['users.email', 'users.name'])
    .where('workspace_members.workspace_id', '=', workspaceId)
    .orderBy('workspace_members.created_at')
    .orderBy('workspace_members.id')
    .execute();
  return rows.map(withUser);
}

export async function findMembers(db: Db, workspaceId: string, memberIds: readonly string[]): Promise<MemberWithUser[]> {
  if (memberIds.length === 0) return [];
  const rows = await db
    .selectFrom('workspace_members')
    .innerJoin('users', 'users.id', 'workspace_members.user_id')
    .selectAll('workspace_members')
    .select(['users.email', 'users.name'])
    .where('workspace_members.workspace_id', '=', workspaceId)
    .where('workspace_members.id', 'in', memberIds)
    .execute();
  return rows.map(withUser);
}

/**
 * Runs a change of membership with the workspace's members locked, so that two concurrent changes
 * cannot both see a second owner and leave none.
 */
export async function withMembersLocked<T>(db: Db, workspaceId: string, change: (tx: Db, owners: number) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().executeTakeFirst();
    const { owners } = await tx
      .selectFrom('workspace_members')
      .select((eb) => eb.fn.countAll<number>().as('owners'))
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'OWNER')
      .executeTakeFirstOrThrow();
    return change(tx, Number(owners));
  });
}

export async function updateMemberRole(db: Db, workspaceId: string, memberId: string, role: WorkspaceRole): Promise<WorkspaceMemberRow | undefined> {
  return db
    .updateTable('workspace_members')
    .set({ role })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', memberId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteMember(db: Db, workspaceId: string, memberId: string): Promise<WorkspaceMemberRow | undefined> {
  return db.deleteFrom('workspace_members').where('workspace_id', '=', workspaceId).where('id', '=', memberId).returningAll().executeTakeFirst();
}
