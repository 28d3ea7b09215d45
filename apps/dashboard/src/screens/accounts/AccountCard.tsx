import { useMutation } from 'urql';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import type { ResultOf } from '../../graphql/graphql.ts';
import { graphql } from '../../graphql/graphql.ts';
import { accountOpenAlerts } from '../../graphql/connections.ts';
import { useMetricCatalog } from '../../graphql/metricCatalog.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AlertList } from '../alerts/AlertList.tsx';
import type { AccountsQuery } from './AccountsScreen.tsx';
import { CsvImport } from './CsvImport.tsx';

type Account = ResultOf<typeof AccountsQuery>['viewer']['accounts'][number];

const RefreshAccount = graphql(`
  mutation RefreshAccount($id: ID!) {
    refreshAccount(id: $id) { __typename ... on RefreshAccountSuccess { queued } ... on Error { message } }
  }
`);
const ReauthorizeAccount = graphql(`
  mutation ReauthorizeAccount($id: ID!) {
    reauthorizeAccount(id: $id) { __typename ... on ReauthorizeAccountSuccess { authorizeUrl } ... on Error { message } }
  }
`);

const statusGlyph = { ACTIVE: '✓', NEEDS_REAUTH: '⚠', ERROR: '✕', DISCONNECTED: '○' } as const;

export function AccountCard({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const { t, f } = useI18n();
  const catalog = useMetricCatalog();
  const { canEdit, canManage } = useViewerRole();
  const [refresh, refreshAccount] = useMutation(RefreshAccount);
  const [reauth, reauthorize] = useMutation(ReauthorizeAccount);
  const alerts = accountOpenAlerts(account);
  const reconnect = async () => {
    const result = await reauthorize({ id: account.id });
    const payload = result.data?.reauthorizeAccount;
    if (payload?.__typename === 'ReauthorizeAccountSuccess') window.location.assign(payload.authorizeUrl);
  };
  const fetch = account.fetch;
  const refused = [refresh.data?.refreshAccount, reauth.data?.reauthorizeAccount].find((p) => p && !p.__typename.endsWith('Success'));
  return (
    <li className="card account" data-testid="account">
      <h2>{account.handle} <span className="muted">· {t.platform[account.platform]}</span></h2>
      <p>
        <span className={`badge account-${account.status}`}><span aria-hidden="true">{statusGlyph[account.status]}</span> {t.accounts.status[account.status]}</span>{' '}
        <span className="muted">{t.accounts.sources[account.source]} · {account.lastSyncedAt ? t.accounts.synced(f.ago(account.lastSyncedAt)) : t.accounts.neverSynced}</span>
      </p>
      {fetch && (
        <div className="fetch" data-testid="account-fetch">
          {fetch.state === 'WAITING_FOR_PLATFORM' ? (
            <p><span aria-hidden="true">⏸</span> {t.accounts.waiting(fetch.resumesAt ? f.instant(fetch.resumesAt) : '—')}</p>
          ) : (
            <label className="fetch-progress">
              {fetch.state === 'QUEUED' ? t.accounts.queued : t.accounts.fetching(f.day(fetch.from), f.day(fetch.to))}
              <progress max={100} value={fetch.progress}>{f.share(fetch.progress / 100)}</progress>
              <span>{f.share(fetch.progress / 100)}</span>
            </label>
          )}
          {fetch.failedAttempts > 0 && <p className="muted">{t.accounts.failedAttempts(fetch.failedAttempts)}</p>}
        </div>
      )}
      {account.status === 'NEEDS_REAUTH' && (
        <div className="notice notice-warn">
          <p>{t.accounts.needsReauth}</p>
          {canManage && <button type="button" className="primary" onClick={reconnect} disabled={reauth.fetching}>{t.accounts.reconnect}</button>}
        </div>
      )}
      {canEdit && (
        <div className="actions">
          <button type="button" onClick={async () => { await refreshAccount({ id: account.id }); onChanged(); }} disabled={refresh.fetching}>{t.accounts.refresh}</button>
          {refresh.data?.refreshAccount.__typename === 'RefreshAccountSuccess' && <span role="status">{t.accounts.refreshQueued}</span>}
        </div>
      )}
      {(refresh.error ?? reauth.error) && <ErrorNotice error={(refresh.error ?? reauth.error)!} />}
      <PayloadProblem problem={refused} />
      {alerts.length > 0 && <AlertList alerts={alerts} compact />}
      <details className="audit">
        <summary>{t.accounts.audit}</summary>
        {account.audit.length === 0 ? <p className="muted">{t.accounts.noAudit}</p> : (
          <div className="table-scroll">
            <table>
              <thead><tr><th scope="col">{t.accounts.metric}</th><th scope="col">{t.accounts.current}</th><th scope="col">{t.accounts.perWeek}</th><th scope="col">{t.accounts.perFourWeeks}</th><th scope="col">{t.accounts.historyDays}</th></tr></thead>
              <tbody>
                {account.audit.map((m) => {
                  const unit = catalog.byId.get(m.metric)?.unit;
                  return (
                    <tr key={m.metric}>
                      <th scope="row">{catalog.byId.get(m.metric)?.label ?? m.metric}</th>
                      <td>{f.metric(m.current, unit)}</td><td>{f.metric(m.weeklyRate, unit)}</td><td>{f.metric(m.fourWeeklyRate, unit)}</td><td>{f.number(m.historyDays)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </details>
      {canEdit && <CsvImport accountId={account.id} onImported={onChanged} />}
    </li>
  );
}
