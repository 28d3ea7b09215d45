import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { EmptyState } from '../../components/EmptyState.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ViewerAlerts, viewerAlerts } from '../../graphql/connections.ts';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useRefetchOnLiveAlert } from '../../live/useRefetchOnLiveAlert.ts';
import { AlertList } from './AlertList.tsx';

const AlertsQuery = graphql(`
  query Alerts { viewer { ...ViewerAlerts } plans(first: 100) { edges { node { id name } } } }
`, [ViewerAlerts]);

const severities = ['CRITICAL', 'WARNING', 'INFO'] as const;
const states = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;

/** Every alert of the workspace, newest first; new ones arrive live and the list refetches. */
export default function AlertsScreen() {
  const { t } = useI18n();
  const [result, refetch] = useQuery({ query: AlertsQuery });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  useRefetchOnLiveAlert(retry);
  const [plan, setPlan] = useState('');
  const [severity, setSeverity] = useState('');
  const [state, setState] = useState('OPEN');
  const all = useMemo(() => (result.data ? viewerAlerts(result.data.viewer) : []), [result.data]);
  const shown = useMemo(
    () => [...all]
      .filter((a) => (!plan || a.plan?.id === plan) && (!severity || a.severity === severity) && (!state || a.state === state))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [all, plan, severity, state],
  );
  return (
    <>
      <h1>{t.alerts.title}</h1>
      <p className="muted">{t.alerts.intro}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t.alerts.filters}>
        <label>{t.alerts.plan}
          <select name="plan" value={plan} onChange={(e) => setPlan(e.target.value)}>
            <option value="">{t.alerts.anyPlan}</option>
            {result.data?.plans.edges.map(({ node }) => <option key={node.id} value={node.id}>{node.name}</option>)}
          </select>
        </label>
        <label>{t.alerts.severity}
          <select name="severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">{t.alerts.anySeverity}</option>
            {severities.map((s) => <option key={s} value={s}>{t.severity[s]}</option>)}
          </select>
        </label>
        <label>{t.alerts.state}
          <select name="state" value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">{t.alerts.anyState}</option>
            {states.map((s) => <option key={s} value={s}>{t.alertState[s]}</option>)}
          </select>
        </label>
      </form>
      <QueryState result={result} retry={retry} loading={t.alerts.loading}>
        {() => shown.length === 0
          ? <EmptyState title={all.length === 0 ? t.alerts.none : t.alerts.noneMatch}><p>{t.alerts.howRaised}</p></EmptyState>
          : <AlertList alerts={shown} />}
      </QueryState>
    </>
  );
}
