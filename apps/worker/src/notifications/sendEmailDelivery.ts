import { listEmailOptOuts, markDeliverySentTo, type Db, type NotificationDeliveryRow } from '@goalpost/db';
import type { Logger } from 'pino';
import { digestAttachments } from './digestAttachments.ts';
import type { MailResult } from './mailer.ts';
import type { NotificationDeps } from './notificationDeps.ts';
import { renderDelivery } from './renderDelivery.ts';
import { withUnsubscribeFooter } from './unsubscribeFooter.ts';

/**
 * Sends an e-mail delivery to each of the channel's addresses that did not opt out of its event in the
 * workspace, one message each: every message carries its recipient's own signed unsubscribe link (in
 * the body, and as RFC 8058 one-click `List-Unsubscribe` headers). Stops at the first refusal, whose
 * result is the delivery's; addresses already sent to (an earlier attempt that failed further down the
 * list) are not sent to again; nobody left to send to counts as delivered. A digest whose plan asked
 * for report files carries them, rendered once per attempt.
 */
export async function sendEmailDelivery(
  db: Db,
  delivery: NotificationDeliveryRow,
  addresses: readonly string[],
  notify: Pick<NotificationDeps, 'publicUrl' | 'unsubscribe'> & { mailer: NonNullable<NotificationDeps['mailer']>; log: Logger },
): Promise<MailResult> {
  const optOuts = await listEmailOptOuts(db, delivery.workspace_id, addresses);
  const sent = new Set(delivery.sent_to);
  const recipients = addresses.filter((address) => !optOuts.get(address.trim().toLowerCase())?.has(delivery.event) && !sent.has(address.trim().toLowerCase()));
  const mail = renderDelivery(delivery, notify.publicUrl).email;
  const attachments = recipients.length > 0 ? await digestAttachments(db, delivery, notify.log) : [];
  const base = notify.publicUrl.replace(/\/+$/, '');
  let last: MailResult = { ok: true, code: 250 };
  for (const to of recipients) {
    const token = notify.unsubscribe?.sign({ workspaceId: delivery.workspace_id, email: to, event: delivery.event });
    const url = token ? `${base}/unsubscribe?token=${encodeURIComponent(token)}` : `${base}/?settings=email`;
    last = await notify.mailer.send({
      to: [to],
      ...withUnsubscribeFooter(mail, delivery.event, url),
      headers: token ? { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
      attachments,
    });
    if (!last.ok) return last;
    await markDeliverySentTo(db, delivery.id, to);
  }
  return last;
}
