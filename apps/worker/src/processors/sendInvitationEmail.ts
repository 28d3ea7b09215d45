import { findPendingInvitationForMail } from '@goalpost/db';
import type { InvitationMailPayload } from '@goalpost/jobs';
import { UnrecoverableError } from 'bullmq';
import { invitationEmail } from '../notifications/invitationEmail.ts';
import type { NotificationDeps } from '../notifications/notificationDeps.ts';
import type { WorkerDeps } from '../workerDeps.ts';

export type SendInvitationEmailResult = { sent: true } | { skipped: string };

/**
 * E-mails an invitation's link to the invitee. Without SMTP_URL there is nothing to send with (the
 * owner has the link in inviteMember's answer); an invitation accepted, revoked or expired meanwhile is
 * not sent. A mail server refusing for now (4xx, unreachable) is retried; a refusal for good is not.
 */
export async function sendInvitationEmail(payload: InvitationMailPayload, deps: Pick<WorkerDeps, 'db' | 'now' | 'log'>, notify: Pick<NotificationDeps, 'mailer' | 'cipher'>): Promise<SendInvitationEmailResult> {
  if (!notify.mailer) return { skipped: 'SMTP_URL is not set' };
  const invitation = await findPendingInvitationForMail(deps.db, payload.workspaceId, payload.invitationId, deps.now());
  if (!invitation) return { skipped: 'the invitation is no longer pending' };
  if (!notify.cipher) throw new UnrecoverableError('CREDENTIALS_KEYS is not set on the worker: the sealed invitation link cannot be opened');
  const link = notify.cipher.open(payload.linkSealed).accessToken;
  const result = await notify.mailer.send({
    to: [invitation.email],
    ...invitationEmail({ workspaceName: invitation.workspace_name, inviterName: invitation.inviter_name, role: invitation.role, expiresAt: invitation.expires_at, link }),
  });
  if (result.ok) {
    deps.log.info({ invitationId: invitation.id }, 'invitation e-mailed');
    return { sent: true };
  }
  if (result.retryable) throw new Error(result.error);
  throw new UnrecoverableError(result.error);
}
