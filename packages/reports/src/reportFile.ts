import type { Logger } from 'pino';
import { planReportCsv, type CsvPart } from './planReportCsv.ts';
import type { PlanReport } from './planReportModel.ts';
import { planReportPdf } from './planReportPdf.ts';
import type { ReportLanguage } from './reportCatalog.ts';

/** The report formats a plan can be downloaded or sent in. */
export const reportFormats = ['PDF', 'CSV'] as const;
export type ReportFileFormat = (typeof reportFormats)[number];

/** A finished report file, whole in memory: what an e-mail attaches. */
export interface ReportFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A file name without path separators or control characters, for an attachment. */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const fileNameOf = (name: string) => name.replace(/[\u0000-\u001f\u007f/\\]+/g, '-').trim().slice(0, 120) || 'plan';

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

/**
 * A plan's report rendered whole: the PDF, or the CSV's two parts (key results, then the daily series)
 * as two files, the same bytes the download route streams.
 */
export async function planReportFiles(report: PlanReport, format: ReportFileFormat, language: ReportLanguage, log: Logger): Promise<ReportFile[]> {
  const name = fileNameOf(report.plan.name);
  if (format === 'PDF') return [{ filename: `${name}.pdf`, contentType: 'application/pdf', content: await bytesOf(planReportPdf(report, language, log)) }];
  const parts: { part: CsvPart; filename: string }[] = [{ part: 'keyResults', filename: `${name}.csv` }, { part: 'series', filename: `${name} series.csv` }];
  return Promise.all(parts.map(async ({ part, filename }) => ({ filename, contentType: 'text/csv; charset=utf-8', content: await bytesOf(planReportCsv(report, part, log)) })));
}
