import type { WeeklyDigest } from '@goalpost/domain';
import { digestSections, digestSubject, digestSummary } from './digestMessage.ts';
import { escapeHtml } from './htmlText.ts';

/** A weekly digest as an e-mail, in HTML and plain text with the same sections and the link back. */
export function digestEmail(digest: WeeklyDigest, link: string): { subject: string; text: string; html: string } {
  const subject = digestSubject(digest);
  const sections = digestSections(digest);
  const text = [
    subject,
    '',
    digestSummary(digest),
    ...sections.flatMap((s) => ['', s.title, ...(s.lines.length > 0 ? s.lines.map((l) => `- ${l}`) : [s.none ?? ''])]),
    '',
    `Open the plan in Goalpost: ${link}`,
  ].join('\n');
  const body = sections.map((s) => `<h3 style="margin:20px 0 6px;font-size:15px">${escapeHtml(s.title)}</h3>
${s.lines.length > 0 ? `<ul style="margin:0;padding-left:20px">${s.lines.map((l) => `<li style="margin:2px 0">${escapeHtml(l)}</li>`).join('')}</ul>` : `<p style="margin:0;color:#555">${escapeHtml(s.none ?? '')}</p>`}`).join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1a1a1a;max-width:720px">
<h2 style="margin:0 0 6px">${escapeHtml(subject)}</h2>
<p style="margin:0 0 12px;color:#555">${escapeHtml(digest.from.slice(0, 10))} – ${escapeHtml(digest.to.slice(0, 10))} · ${escapeHtml(digestSummary(digest))}</p>
${body}
<p style="margin-top:24px"><a href="${escapeHtml(link)}">Open the plan in Goalpost</a></p>
</body></html>`;
  return { subject, text, html };
}
