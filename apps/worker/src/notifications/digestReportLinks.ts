import type { DigestReportFormat } from '@goalpost/domain';
import { planReportUrl } from '@goalpost/reports/planReportPath';

/** Where webhook and Slack digests point for the report files their plan asks for (the e-mail attaches them). */
export interface DigestReportLinks {
  pdf?: string;
  /** One row per key result. */
  csv?: string;
  /** The daily series of every key result. */
  csvSeries?: string;
}

export function digestReportLinks(publicUrl: string, planId: string, formats: readonly DigestReportFormat[]): DigestReportLinks {
  const links: DigestReportLinks = {};
  if (formats.includes('PDF')) links.pdf = planReportUrl(publicUrl, planId, 'pdf');
  if (formats.includes('CSV')) {
    links.csv = planReportUrl(publicUrl, planId, 'csv');
    links.csvSeries = `${links.csv}?part=series`;
  }
  return links;
}
