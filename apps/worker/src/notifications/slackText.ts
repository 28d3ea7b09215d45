/** Slack's mrkdwn treats these three as control characters; everything else is shown as written. */
export const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
