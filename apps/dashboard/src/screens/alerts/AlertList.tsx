import { useMutation } from 'urql';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import { Link } from 'wouter';
import { AlertFields } from '../../graphql/alertFields.ts';
import { graphql, type ResultOf } from '../../graphql/graphql.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { keyResultPath } from '../keyResult/keyResultPath.ts';

type Alert = ResultOf<typeof AlertFields>;

const AcknowledgeAlert = graphql(`
  mutation AcknowledgeAlert($id: ID!) {
    acknowledgeAlert(id: $id) { __typename ... on AlertSuccess { alert { ...AlertFields } } ... on Error { message } }
  }
`, [AlertFields]);
const ResolveAlert = graphql(`
  mutation ResolveAlert($id: ID!) {
    resolveAlert(id: $id) { __typename ... on AlertSuccess { alert { ...AlertFields } } ... on Error { message } }
  }
`, [AlertFields]);

const severityGlyph = { CRITICAL: '✕', WARNING: '▲', INFO: 'i' } as const;

export function AlertList({ alerts, compact = false }: { alerts: readonly Alert[]; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <ul className="alerts" aria-label={t.alerts.listLabel}>
      {alerts.map((alert) => <AlertItem key={alert.id} alert={alert} compact={compact} />)}
    </ul>
  );
}

function AlertItem({ alert, compact }: { alert: Alert; compact: boolean }) {
  const { t, f } = useI18n();
  const { canEdit } = useViewerRole();
  const [ack, acknowledge] = useMutation(AcknowledgeAlert);
  const [res, resolve] = useMutation(ResolveAlert);
  const refused = [ack.data?.acknowledgeAlert, res.data?.resolveAlert].find((p) => p && p.__typename !== 'AlertSuccess');
  return (
    <li className={`alert severity-${alert.severity}`} data-testid="alert" data-state={alert.state}>
      <div className="alert-head">
        <span className="badge severity-badge"><span aria-hidden="true">{severityGlyph[alert.severity]}</span> {t.severity[alert.severity]}</span>
        <strong>{t.alertKind[alert.kind]}</strong>
        <span className="badge state-badge">{t.alertState[alert.state]}</span>
        <span className="muted">{f.instant(alert.createdAt)}</span>
      </div>
      <p>{alert.message}</p>
      {!compact && (
        <p className="muted">
          {alert.plan && <Link href={`/plans/${encodeURIComponent(alert.plan.id)}`}>{alert.plan.name}</Link>}
          {alert.objective && <> · {alert.objective.title}</>}
          {alert.keyResult && alert.objective && <> · <Link href={keyResultPath(alert.objective.id, alert.keyResult.id)}>{alert.keyResult.metric}</Link></>}
          {alert.account && <> · <Link href="/accounts">{alert.account.handle}</Link></>}
        </p>
      )}
      {canEdit && <div className="actions">
        {alert.state === 'OPEN' && (
          <button type="button" onClick={() => acknowledge({ id: alert.id })} disabled={ack.fetching}>{t.alerts.acknowledge}</button>
        )}
        {alert.state !== 'RESOLVED' && (
          <button type="button" onClick={() => resolve({ id: alert.id })} disabled={res.fetching}>{t.alerts.resolve}</button>
        )}
      </div>}
      {(ack.error ?? res.error) && <ErrorNotice error={(ack.error ?? res.error)!} />}
      {refused && 'message' in refused && <p className="notice notice-error" role="alert">{refused.message}</p>}
    </li>
  );
}
