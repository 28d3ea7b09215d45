import { headline, keyResultFacts, type NotificationMessage } from './notificationMessage.ts';
import { escapeMrkdwn } from './slackText.ts';

/** A Block Kit message for an incoming webhook: the status, the key result, the forecast and a link. */
export function slackMessage(message: NotificationMessage) {
  const facts = keyResultFacts(message);
  const { alert, plan } = message.data;
  return {
    text: headline(message),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headline(message).slice(0, 150), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(alert.message) } },
      ...(facts.length > 0 ? [{ type: 'section', fields: facts.map((f) => ({ type: 'mrkdwn', text: `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}` })) }] : []),
      ...(plan ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `Plan: ${escapeMrkdwn(plan.name)}` }] }] : []),
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Goalpost' }, url: message.data.link }] },
    ],
  };
}
