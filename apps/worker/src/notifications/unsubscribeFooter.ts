import { escapeHtml } from './htmlText.ts';

const eventWords: Readonly<Record<string, string>> = {
  ALERT_RAISED: 'alert',
  ALERT_RESOLVED: 'resolved-alert',
  STATUS_CHANGED: 'status-change',
  WEEKLY_DIGEST: 'weekly digest',
};

/** An e-mail with its unsubscribe link at the foot of both parts, naming the kind of e-mail it stops. */
export function withUnsubscribeFooter(mail: { subject: string; text: string; html: string }, event: string, url: string) {
  const words = `Stop these ${eventWords[event] ?? event.toLowerCase()} e-mails from this workspace`;
  return {
    subject: mail.subject,
    text: `${mail.text}\n\n--\n${words}: ${url}`,
    html: mail.html.replace(/<\/body><\/html>$/, `<hr style="border:none;border-top:1px solid #ddd;margin-top:24px">
<p style="color:#777;font-size:12px"><a href="${escapeHtml(url)}" style="color:#777">${escapeHtml(words)}</a></p>
</body></html>`),
  };
}
