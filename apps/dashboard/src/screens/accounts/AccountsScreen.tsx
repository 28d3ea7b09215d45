import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import { useMutation, useQuery } from 'urql';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { AccountOpenAlerts } from '../../graphql/connections.ts';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { Platform } from '../objectiveEditor/objectiveDraft.ts';
import { AccountCard } from './AccountCard.tsx';

export const AccountsQuery = graphql(`
  query Accounts {
    viewer {
      accounts {
        id platform handle source status lastSyncedAt externalId
        fetch { state progress from to resumesAt failedAttempts }
        audit { metric current dailyRate weeklyRate fourWeeklyRate historyDays }
        ...AccountOpenAlerts
      }
    }
  }
`, [AccountOpenAlerts]);

const ConnectAccount = graphql(`
  mutation ConnectAccount($input: ConnectAccountInput!) {
    connectAccount(input: $input) {
      __typename
      ... on ConnectAccountSuccess { authorizeUrl account { id } }
      ... on InputError { message issues { field message } }
      ... on NotFoundError { message }
    }
  }
`);

const platforms: Platform[] = ['INSTAGRAM', 'FACEBOOK', 'X', 'LINKEDIN', 'YOUTUBE', 'TIKTOK', 'PINTEREST', 'WEBSITE', 'OTHER'];

export default function AccountsScreen() {
  const { t } = useI18n();
  const { canEdit } = useViewerRole();
  const [result, refetch] = useQuery({ query: AccountsQuery });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  // While a fetch is in flight its progress moves: poll until none is.
  const inFlight = result.data?.viewer.accounts.some((a) => a.fetch) ?? false;
  usePoll(inFlight, retry);
  return (
    <>
      <h1>{t.accounts.title}</h1>
      <p className="muted">{t.accounts.intro}</p>
      <QueryState result={result} retry={retry} loading={t.accounts.loading}>
        {(data) => data.viewer.accounts.length === 0
          ? <EmptyState title={t.accounts.none}><p>{t.accounts.noneHelp}</p></EmptyState>
          : <ul className="cards">{data.viewer.accounts.map((a) => <AccountCard key={a.id} account={a} onChanged={retry} />)}</ul>}
      </QueryState>
      {canEdit && <ConnectForm onConnected={retry} />}
    </>
  );
}

/** Re-runs the query every 2 s while `active`. */
function usePoll(active: boolean, refetch: () => void) {
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => latest.current(), 2000);
    return () => clearInterval(timer);
  }, [active]);
}

function ConnectForm({ onConnected }: { onConnected: () => void }) {
  const { t } = useI18n();
  // Platform credentials are an OWNER's to give; an EDITOR connects pushed or entered accounts.
  const { canManage } = useViewerRole();
  const [platform, setPlatform] = useState<Platform>('INSTAGRAM');
  const [handle, setHandle] = useState('');
  const [source, setSource] = useState<'CONNECTOR' | 'PUSH' | 'MANUAL'>(canManage ? 'CONNECTOR' : 'PUSH');
  const [externalId, setExternalId] = useState('');
  const [token, setToken] = useState('');
  const [state, connect] = useMutation(ConnectAccount);
  const payload = state.data?.connectAccount;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await connect({
      input: {
        platform, handle, source, externalId: externalId || undefined,
        credentials: source === 'CONNECTOR' && token ? { accessToken: token } : undefined,
      },
    });
    const connected = result.data?.connectAccount;
    if (connected?.__typename !== 'ConnectAccountSuccess') return;
    // OAuth: the platform's consent page, which sends the person back here when done.
    if (connected.authorizeUrl) window.location.assign(connected.authorizeUrl);
    else {
      setHandle('');
      setToken('');
      onConnected();
    }
  };
  return (
    <section className="panel" aria-labelledby="connect-title">
      <h2 id="connect-title">{t.accounts.connect}</h2>
      <form onSubmit={submit} className="form-grid">
        <label>{t.editor.platform}
          <select name="platform" value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
            {platforms.map((p) => <option key={p} value={p}>{t.platform[p]}</option>)}
          </select>
        </label>
        <label>{t.accounts.handle}<input name="handle" required value={handle} onChange={(e) => setHandle(e.target.value)} /></label>
        <label>{t.accounts.source}
          <select name="source" value={source} onChange={(e) => setSource(e.target.value as typeof source)}>
            {canManage && <option value="CONNECTOR">{t.accounts.sources.CONNECTOR}</option>}
            <option value="PUSH">{t.accounts.sources.PUSH}</option>
            <option value="MANUAL">{t.accounts.sources.MANUAL}</option>
          </select>
        </label>
        <label>{t.accounts.externalId}<input name="externalId" value={externalId} onChange={(e) => setExternalId(e.target.value)} aria-describedby="external-help" /></label>
        <p id="external-help" className="muted help">{t.accounts.externalIdHelp}</p>
        {source === 'CONNECTOR' && (
          <>
            <label>{t.accounts.accessToken}<input name="accessToken" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} aria-describedby="token-connect-help" /></label>
            <p id="token-connect-help" className="muted help">{t.accounts.accessTokenHelp}</p>
          </>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={state.fetching}>{source === 'CONNECTOR' && !token ? t.accounts.connectOAuth : t.accounts.connectButton}</button>
        </div>
      </form>
      {state.error && <ErrorNotice error={state.error} />}
      {payload && payload.__typename !== 'ConnectAccountSuccess' && <PayloadProblem problem={payload} />}
    </section>
  );
}
