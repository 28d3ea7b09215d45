import type { Db } from '../createDb.ts';

/** What an invitation e-mail says: to whom, into which workspace, from whom, until when; pending invitations only. */
export async function findPendingInvitationForMail(db: Db, workspaceId: string, invitationId: string, now: Date) {
  return db
    .selectFrom('invitations')
    .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
    .leftJoin('users', 'users.id', 'invitations.invited_by')
    .select(['invitations.id', 'invitations.email', 'invitations.role', 'invitations.expires_at', 'workspaces.name as workspace_name', 'users.name as inviter_name'])
    .where('invitations.workspace_id', '=', workspaceId)
    .where('invitations.id', '=', invitationId)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .executeTakeFirst();
}
