import { escapeHtml } from './htmlText.ts';
import { formatNumber } from './notificationMessage.ts';
import { escapeMrkdwn } from './slackText.ts';
import type { StatusChangeData } from './statusChangeEvent.ts';

const words = (status: string) => status.replace(/_/g, ' ').toLowerCase();

export function statusChangeHeadline(data: StatusChangeData): string {
  const what = data.change.subject === 'OBJECTIVE' ? `Objective "${data.change.title}"` : `${data.change.title} ("${data.objective.title}")`;
  return `${what}: ${words(data.change.from)} → ${words(data.change.to)}`;
}

function facts(data: StatusChangeData): { label: string; value: string }[] {
  const kr = data.keyResult;
  return [
    { label: 'Plan', value: data.plan.name },
    { label: 'Changed on', value: data.change.on },
    ...(kr
      ? [
          { label: 'Current / target', value: `${formatNumber(kr.current)} / ${formatNumber(kr.target)}` },
          { label: 'Forecast', value: kr.forecast ? `${formatNumber(kr.forecast.value)} (${Math.round(kr.forecast.confidence * 100)}% confidence)` : 'not enough data yet' },
        ]
      : []),
  ];
}

export function statusChangeEmail(data: StatusChangeData, link: string): { subject: string; text: string; html: string } {
  const subject = statusChangeHeadline(data);
  const lines = facts(data);
  const text = [subject, '', ...lines.map((f) => `${f.label}: ${f.value}`), '', `Open in Goalpost: ${link}`].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1a1a1a">
<h2 style="margin:0 0 12px">${escapeHtml(subject)}</h2>
<table>${lines.map((f) => `<tr><th align="left" style="padding:4px 12px 4px 0">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('')}</table>
<p><a href="${escapeHtml(link)}">Open in Goalpost</a></p>
</body></html>`;
  return { subject, text, html };
}

export function statusChangeSlack(data: StatusChangeData, link: string) {
  const subject = statusChangeHeadline(data);
  return {
    text: subject,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: subject.slice(0, 150), emoji: true } },
      { type: 'section', fields: facts(data).map((f) => ({ type: 'mrkdwn', text: `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}` })) },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Goalpost' }, url: link }] },
    ],
  };
}
