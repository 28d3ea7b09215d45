import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../graphql/graphql.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const ImportMetrics = graphql(`
  mutation ImportMetrics($input: ImportMetricsInput!) {
    importMetrics(input: $input) {
      __typename
      ... on ImportMetricsSuccess { format received written ignoredColumns }
      ... on MetricImportRefused { message totalIssues issues { row column rule message } }
      ... on InputError { message issues { field message } }
      ... on NotFoundError { message }
    }
  }
`);

/** A CSV of past values into the account, all or nothing; a refused file lists every bad row by line and column. */
export function CsvImport({ accountId, onImported }: { accountId: string; onImported: () => void }) {
  const { t, f } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [state, importMetrics] = useMutation(ImportMetrics);
  const payload = state.data?.importMetrics;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const result = await importMetrics({ input: { accountId, file } });
    if (result.data?.importMetrics.__typename === 'ImportMetricsSuccess') onImported();
  };
  return (
    <form className="csv-import" onSubmit={submit} data-testid="csv-import">
      <label htmlFor={`${id}-file`}>{t.accounts.importCsv}</label>
      <input id={`${id}-file`} type="file" name="file" accept=".csv,text/csv" aria-describedby={`${id}-help`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <p id={`${id}-help`} className="muted help">{t.accounts.importHelp}</p>
      <button type="submit" disabled={!file || state.fetching}>{t.accounts.importButton}</button>
      {state.error && <ErrorNotice error={state.error} />}
      {payload?.__typename === 'ImportMetricsSuccess' && (
        <p role="status" className="notice notice-ok">
          {t.accounts.imported(f.number(payload.written), f.number(payload.received), payload.format)}
          {payload.ignoredColumns.length > 0 && <> {t.accounts.ignoredColumns(f.list(payload.ignoredColumns))}</>}
        </p>
      )}
      {payload?.__typename === 'MetricImportRefused' && (
        <div className="notice notice-error" role="alert" data-testid="import-refused">
          <p>{payload.message}</p>
          <div className="table-scroll">
            <table>
              <caption>{t.accounts.refusedRows(payload.totalIssues, payload.issues.length)}</caption>
              <thead><tr><th scope="col">{t.accounts.line}</th><th scope="col">{t.accounts.column}</th><th scope="col">{t.accounts.rule}</th><th scope="col">{t.accounts.problem}</th></tr></thead>
              <tbody>
                {payload.issues.map((issue, i) => (
                  <tr key={i} data-testid="refused-row"><th scope="row">{issue.row}</th><td>{issue.column ?? '—'}</td><td><code>{issue.rule}</code></td><td>{issue.message}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {(payload?.__typename === 'InputError' || payload?.__typename === 'NotFoundError') && <PayloadProblem problem={payload} />}
    </form>
  );
}
