import { reportLanguages, type CsvPart, type ReportLanguage } from '@goalpost/reports';

export type ReportFormat = 'pdf' | 'csv';
const csvParts: readonly CsvPart[] = ['keyResults', 'series'];

export interface ReportRequest {
  /** The plan's global id as the path names it (percent-decoded). */
  planId: string;
  format: ReportFormat;
  language: ReportLanguage;
  part: CsvPart;
}

export interface ReportRequestIssue {
  field: string;
  rule: string;
  message: string;
}

const reportPath = /^\/reports\/plans\/(.+)\.(pdf|csv)$/;
const isLanguage = (value: string): value is ReportLanguage => (reportLanguages as readonly string[]).includes(value);

/**
 * The first language of Accept-Language (by q, then order) that reports speak, by its primary subtag;
 * English when none is. A malformed header is read as far as it makes sense, never refused.
 */
export function languageOfAcceptLanguage(header: string | null): ReportLanguage {
  const ranked = (header ?? '')
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const quality = q === undefined ? 1 : Number(q);
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((r) => r.base).find(isLanguage) ?? 'en';
}

/**
 * What a `GET /reports/plans/{id}.pdf|csv` asks for, or the issues that refuse it: `lang` must be a
 * language reports speak, `part` a CSV part (and only on the CSV). Null when the path is no report's.
 */
export function readReportRequest(url: URL, acceptLanguage: string | null): { request: ReportRequest } | { issues: ReportRequestIssue[] } | null {
  const match = reportPath.exec(url.pathname);
  if (!match) return null;
  let planId: string;
  try {
    planId = decodeURIComponent(match[1]!);
  } catch {
    // Not valid percent-encoding: no plan has such an id.
    planId = '';
  }
  const format = match[2] as ReportFormat;
  const issues: ReportRequestIssue[] = [];
  const lang = url.searchParams.get('lang');
  if (lang !== null && !isLanguage(lang)) {
    issues.push({ field: 'lang', rule: 'one-of', message: `must be one of ${reportLanguages.join(', ')}` });
  }
  const part = url.searchParams.get('part');
  if (part !== null && (format !== 'csv' || !(csvParts as readonly string[]).includes(part))) {
    issues.push({ field: 'part', rule: 'one-of', message: format === 'csv' ? `must be one of ${csvParts.join(', ')}` : 'is for the CSV report only' });
  }
  if (issues.length) return { issues };
  return {
    request: {
      planId,
      format,
      language: lang !== null && isLanguage(lang) ? lang : languageOfAcceptLanguage(acceptLanguage),
      part: (part as CsvPart | null) ?? 'keyResults',
    },
  };
}
