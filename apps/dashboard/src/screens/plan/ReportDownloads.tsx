import { useState, type MouseEvent } from 'react';
import { session } from '../../auth/session.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

type Report = { format: 'pdf' | 'csv'; part?: 'series'; label: string };

/**
 * The plan's report to download (GET /reports/plans/{id}.pdf|.csv). A plain link carries the session
 * cookie only, so a click fetches the file with the dashboard's own credentials (its token too) and
 * hands it to the browser as a download; the link itself stays for a cookie session's middle-click.
 */
export function ReportDownloads({ planId, planName }: { planId: string; planName: string }) {
  const { t, locale } = useI18n();
  const [failed, setFailed] = useState(false);
  const reports: Report[] = [
    { format: 'pdf', label: t.plan.reportPdf },
    { format: 'csv', label: t.plan.reportCsv },
    { format: 'csv', part: 'series', label: t.plan.reportSeries },
  ];
  const hrefOf = (r: Report) =>
    `/reports/plans/${encodeURIComponent(planId)}.${r.format}?lang=${locale}${r.part ? `&part=${r.part}` : ''}`;

  async function download(event: MouseEvent<HTMLAnchorElement>, report: Report) {
    event.preventDefault();
    setFailed(false);
    try {
      const response = await fetch(hrefOf(report), { credentials: 'same-origin', headers: session.headers() });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `${planName}${report.part ? ` ${report.part}` : ''}.${report.format}`;
      anchor.click();
      // Revoked once the browser has taken the file (a revoke in the same task can cancel the download).
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setFailed(true);
    }
  }

  return (
    <div className="actions" data-testid="report-downloads">
      <span>{t.plan.downloadReport}:</span>
      {reports.map((r) => (
        <a key={hrefOf(r)} href={hrefOf(r)} download onClick={(event) => void download(event, r)}>{r.label}</a>
      ))}
      {failed && <span role="alert">{t.plan.reportFailed}</span>}
    </div>
  );
}
