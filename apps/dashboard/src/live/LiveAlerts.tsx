import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useSubscription } from 'urql';
import { Link } from 'wouter';
import { graphql, type ResultOf } from '../graphql/graphql.ts';
import { AlertFields } from '../graphql/alertFields.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

const AlertRaised = graphql(`
  subscription AlertRaised { alertRaised { ...AlertFields } }
`, [AlertFields]);
export type LiveAlert = ResultOf<typeof AlertRaised>['alertRaised'];

interface Live {
  /** Bumps on every alert raised: screens listening refetch their lists. */
  version: number;
  /** Alerts raised since the page loaded, newest first. */
  raised: LiveAlert[];
}
const LiveContext = createContext<Live>({ version: 0, raised: [] });
export const useLiveAlerts = () => useContext(LiveContext);

/** The workspace's alertRaised subscription (SSE) for the whole app, with a toast for each alert. */
export function LiveAlertsProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [raised, setRaised] = useState<LiveAlert[]>([]);
  const [toasts, setToasts] = useState<LiveAlert[]>([]);
  const seen = useRef(new Set<string>());
  const [result] = useSubscription({ query: AlertRaised });

  useEffect(() => {
    const alert = result.data?.alertRaised;
    if (!alert || seen.current.has(alert.id)) return;
    seen.current.add(alert.id);
    setRaised((list) => [alert, ...list]);
    setToasts((list) => [alert, ...list].slice(0, 3));
  }, [result.data]);

  const dismiss = useCallback((id: string) => setToasts((list) => list.filter((a) => a.id !== id)), []);
  const value = useMemo(() => ({ version: raised.length, raised }), [raised]);
  return (
    <LiveContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((alert) => (
          <Toast key={alert.id} alert={alert} onDismiss={dismiss} label={t.alerts.toastTitle(t.alertKind[alert.kind])} />
        ))}
      </div>
    </LiveContext.Provider>
  );
}

function Toast({ alert, label, onDismiss }: { alert: LiveAlert; label: string; onDismiss: (id: string) => void }) {
  const { t } = useI18n();
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(alert.id), 15_000);
    return () => clearTimeout(timer);
  }, [alert.id, onDismiss]);
  return (
    <div className={`toast severity-${alert.severity}`} data-testid="alert-toast">
      <p className="toast-title">
        <span className="badge severity-badge">{t.severity[alert.severity]}</span> {label}
      </p>
      <p className="toast-message">{alert.message}</p>
      {alert.plan && <p className="muted">{alert.plan.name}{alert.objective && <> · {alert.objective.title}</>}</p>}
      <div className="actions">
        <Link href="/alerts" onClick={() => onDismiss(alert.id)}>{t.alerts.open}</Link>
        <button type="button" className="link-button" onClick={() => onDismiss(alert.id)}>{t.common.dismiss}</button>
      </div>
    </div>
  );
}
