import { addEmailOptOut, findWorkspace } from '@goalpost/db';
import type { GatewayDeps } from '../context.ts';

export const unsubscribePath = '/unsubscribe';

const eventWords: Readonly<Record<string, string>> = {
  ALERT_RAISED: 'alert',
  ALERT_RESOLVED: 'resolved-alert',
  STATUS_CHANGED: 'status-change',
  WEEKLY_DIGEST: 'weekly digest',
};

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:560px;margin:48px auto;color:#1a1a1a"><h1 style="font-size:20px">${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'", 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
  });
}

/**
 * `GET /unsubscribe?token=…` asks to confirm (a mail scanner following the link changes nothing);
 * `POST` (the page's button, or a mail client's RFC 8058 one-click) records the opt-out the signed token
 * names, once. The token is the only credential: it stops one kind of e-mail to one address, nothing else.
 */
export async function handleUnsubscribe(request: Request, deps: Pick<GatewayDeps, 'db' | 'now' | 'unsubscribe'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'GET, POST' } });
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const claim = deps.unsubscribe?.verify(token) ?? null;
  if (!claim) return page(400, 'This unsubscribe link is not valid', '<p>It may have been cut short when copied. Open the link from the e-mail again, or change which e-mails you get in Goalpost.</p>');
  const workspace = await findWorkspace(deps.db, claim.workspaceId);
  if (!workspace) return page(404, 'This workspace no longer exists', '<p>It sends no more e-mail.</p>');
  const what = `${eventWords[claim.event] ?? claim.event.toLowerCase()} e-mails from ${workspace.name}`;
  if (request.method === 'GET') {
    return page(200, `Stop ${what}?`, `<p>To ${escapeHtml(claim.email)}.</p>
<form method="post" action="${unsubscribePath}?token=${encodeURIComponent(token)}"><button type="submit">Stop them</button></form>`);
  }
  await addEmailOptOut(deps.db, claim.workspaceId, claim.email, claim.event, deps.now());
  return page(200, `You will no longer get ${what}`, `<p>${escapeHtml(claim.email)} is unsubscribed. Members can turn them on again in Goalpost (updateEmailPreferences).</p>`);
}
