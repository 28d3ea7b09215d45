import { escapeHtml } from './htmlText.ts';

/** An invitation as an e-mail: who invites, into which workspace and role, the link, and until when. */
export function invitationEmail(invitation: { workspaceName: string; inviterName: string | null; role: string; expiresAt: Date; link: string }) {
  const who = invitation.inviterName ?? 'A workspace owner';
  const subject = `${who} invited you to ${invitation.workspaceName} on Goalpost`;
  const role = invitation.role.toLowerCase();
  const until = invitation.expiresAt.toISOString().replace('T', ' ').slice(0, 16);
  const text = [
    subject,
    '',
    `You are invited as ${role === 'owner' ? 'an owner' : `an ${role}`}. Accept with this link (it works once, until ${until} UTC):`,
    invitation.link,
    '',
    'If you did not expect this, ignore this e-mail: nothing happens without the link.',
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1a1a1a">
<h2 style="margin:0 0 12px">${escapeHtml(subject)}</h2>
<p>You are invited as ${escapeHtml(role === 'owner' ? 'an owner' : `an ${role}`)}. The link works once, until ${escapeHtml(until)} UTC.</p>
<p><a href="${escapeHtml(invitation.link)}">Accept the invitation</a></p>
<p style="color:#777;font-size:12px">If you did not expect this, ignore this e-mail: nothing happens without the link.</p>
</body></html>`;
  return { subject, text, html };
}
