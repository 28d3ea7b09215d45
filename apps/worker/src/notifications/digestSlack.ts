import type { WeeklyDigest } from '@goalpost/domain';
import { digestSections, digestSubject, digestSummary } from './digestMessage.ts';
import type { DigestReportLinks } from './digestReportLinks.ts';
import { escapeMrkdwn } from './slackText.ts';

/** Slack caps a section's text at 3000 characters. */
const sectionLimit = 3000;

/** A weekly digest as Block Kit: a header, the counts, one section per part, a link to the plan and to the report files asked for. */
export function digestSlack(digest: WeeklyDigest, link: string, reports: DigestReportLinks = {}) {
  const subject = digestSubject(digest);
  return {
    text: subject,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: subject.slice(0, 150), emoji: true } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(digestSummary(digest)) }] },
      ...digestSections(digest).map((s) => {
        const lines = s.lines.length > 0 ? s.lines.map((l) => `• ${escapeMrkdwn(l)}`).join('\n') : `_${escapeMrkdwn(s.none ?? '')}_`;
        const text = `*${escapeMrkdwn(s.title)}*\n${lines}`;
        return { type: 'section', text: { type: 'mrkdwn', text: text.length > sectionLimit ? `${text.slice(0, sectionLimit - 1)}…` : text } };
      }),
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Open the plan' }, url: link },
          ...(reports.pdf ? [{ type: 'button', text: { type: 'plain_text', text: 'Report (PDF)' }, url: reports.pdf }] : []),
          ...(reports.csv ? [{ type: 'button', text: { type: 'plain_text', text: 'Report (CSV)' }, url: reports.csv }] : []),
        ],
      },
    ],
  };
}
