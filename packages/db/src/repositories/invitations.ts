import type { Db } from '../createDb.ts';
import type { InvitationRow, WorkspaceRole } from '../schema.ts';

/** A new invitation; earlier pending invitations of the same email to the workspace are revoked (one live link per person). */
export async function insertInvitation(
  db: Db,
  values: { workspaceId: string; email: string; role: WorkspaceRole; tokenHash: string; invitedBy: string | null; now: Date; expiresAt: Date },
): Promise<InvitationRow> {
  return db.transaction().execute(async (tx) => {
    await tx
      .updateTable('invitations')
      .set({ revoked_at: values.now })
      .where('workspace_id', '=', values.workspaceId)
      .where('email', '=', values.email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    return tx
      .insertInto('invitations')
      .values({
        workspace_id: values.workspaceId,
        email: values.email,
        role: values.role,
        token_hash: values.tokenHash,
        invited_by: values.invitedBy,
        created_at: values.now,
        expires_at: values.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Uses an invitation once: only one caller can flip a pending, unexpired invitation to accepted
 * (the update is conditional), so a link raced twice still admits one person.
 */
export async function claimInvitation(db: Db, invitationId: string, userId: string, now: Date): Promise<InvitationRow | undefined> {
  return db
    .updateTable('invitations')
    .set({ accepted_at: now, accepted_by: userId })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** Invitations of the workspace still waiting for an answer. */
export async function listPendingInvitations(db: Db, workspaceId: string, now: Date): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function revokeInvitation(db: Db, workspaceId: string, invitationId: string, now: Date): Promise<InvitationRow | undefined> {
  return db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
