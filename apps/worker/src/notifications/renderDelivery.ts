import type { NotificationDeliveryRow } from '@goalpost/db';
import type { DigestDeliveryData } from './digestDelivery.ts';
import { digestEmail } from './digestEmail.ts';
import { digestReportLinks } from './digestReportLinks.ts';
import { digestSlack } from './digestSlack.ts';
import { emailMessage } from './emailMessage.ts';
import { notificationMessage, webhookTypes } from './notificationMessage.ts';
import { slackMessage } from './slackMessage.ts';
import { statusChangeEmail, statusChangeSlack } from './statusChangeMessage.ts';
import type { StatusChangeData } from './statusChangeEvent.ts';

/** A delivery in each channel's form: the webhook body, the Slack message and the e-mail. */
export interface RenderedDelivery {
  webhook: { type: string; timestamp: string; data: unknown };
  slack: unknown;
  email: { subject: string; text: string; html: string };
}

const planLink = (publicUrl: string, planId: string) => `${publicUrl.replace(/\/+$/, '')}/?plan=${encodeURIComponent(planId)}`;

/** Renders the stored event data (the same on every attempt and replay) for its event. */
export function renderDelivery(delivery: NotificationDeliveryRow, publicUrl: string): RenderedDelivery {
  const type = webhookTypes[delivery.event] ?? delivery.event.toLowerCase();
  const timestamp = delivery.created_at.toISOString();
  if (delivery.event === 'WEEKLY_DIGEST') {
    const { attachReports = [], ...digest } = delivery.payload as DigestDeliveryData;
    const link = planLink(publicUrl, digest.plan.id);
    // Webhooks and Slack cannot carry files: they link to the report route (the reader's token or session opens it).
    const reports = digestReportLinks(publicUrl, digest.plan.id, attachReports);
    return {
      webhook: { type, timestamp, data: { ...digest, link, ...(attachReports.length > 0 && { reports }) } },
      slack: digestSlack(digest, link, reports),
      email: digestEmail(digest, link),
    };
  }
  if (delivery.event === 'STATUS_CHANGED') {
    const data = delivery.payload as StatusChangeData;
    const link = planLink(publicUrl, data.plan.id);
    return { webhook: { type, timestamp, data: { ...data, link } }, slack: statusChangeSlack(data, link), email: statusChangeEmail(data, link) };
  }
  const message = notificationMessage(delivery, publicUrl);
  return { webhook: { type: message.type, timestamp: message.timestamp, data: message.data }, slack: slackMessage(message), email: emailMessage(message) };
}
