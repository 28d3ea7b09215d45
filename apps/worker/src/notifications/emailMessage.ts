import { escapeHtml } from './htmlText.ts';
import { headline, keyResultFacts, type NotificationMessage } from './notificationMessage.ts';

/** An alert as an e-mail: the same facts as Slack, in HTML and plain text, each with the link back. */
export function emailMessage(message: NotificationMessage): { subject: string; text: string; html: string } {
  const subject = headline(message);
  const facts = keyResultFacts(message);
  const { alert, plan, link } = message.data;
  const text = [
    subject,
    '',
    alert.message,
    '',
    ...facts.map((f) => `${f.label}: ${f.value}`),
    ...(plan ? [`Plan: ${plan.name}`] : []),
    '',
    `Open in Goalpost: ${link}`,
  ].join('\n');
  const rows = facts.map((f) => `<tr><th align="left" style="padding:4px 12px 4px 0">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1a1a1a">
<h2 style="margin:0 0 12px">${escapeHtml(subject)}</h2>
<p>${escapeHtml(alert.message)}</p>
${rows ? `<table>${rows}</table>` : ''}
${plan ? `<p style="color:#555">Plan: ${escapeHtml(plan.name)}</p>` : ''}
<p><a href="${escapeHtml(link)}">Open in Goalpost</a></p>
</body></html>`;
  return { subject, text, html };
}
