import type { DigestReportFormat, WeeklyDigest } from '@goalpost/domain';

/**
 * What a WEEKLY_DIGEST delivery stores: the digest, and the report files its plan asked for when it was
 * fanned out (kept with the delivery, so every attempt and replay sends the same attachments).
 */
export type DigestDeliveryData = WeeklyDigest & { attachReports?: DigestReportFormat[] };
