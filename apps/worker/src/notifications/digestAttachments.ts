import type { Db, NotificationDeliveryRow } from '@goalpost/db';
import type { Logger } from 'pino';
import type { DigestDeliveryData } from './digestDelivery.ts';
import type { MailAttachment } from './mailer.ts';

/**
 * The plan report files a digest e-mail carries: those its delivery stored from the plan's schedule
 * (none for other events), rendered from the plan as it stands, dated the digest's creation. A plan gone
 * since leaves the digest without them. The renderer (pdfkit, fonts) is loaded at the first digest that
 * asks for it, not when the worker starts.
 */
export async function digestAttachments(db: Db, delivery: NotificationDeliveryRow, log: Logger): Promise<MailAttachment[]> {
  if (delivery.event !== 'WEEKLY_DIGEST') return [];
  const { attachReports = [], plan } = delivery.payload as DigestDeliveryData;
  if (attachReports.length === 0) return [];
  const { loadPlanReport, planReportFiles } = await import('@goalpost/reports');
  const report = await loadPlanReport(db, delivery.workspace_id, plan.id, delivery.created_at);
  if (!report) return [];
  const files = await Promise.all(attachReports.map((format) => planReportFiles(report, format, 'en', log)));
  return files.flat();
}
