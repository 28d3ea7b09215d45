import { lazy, Suspense, useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { Link, Route, Switch, useLocation } from 'wouter';
import { session } from '../auth/session.ts';
import { useSessionToken } from '../auth/useSession.ts';
import { isAuthError } from '../components/errorKind.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { graphql } from '../graphql/graphql.ts';
import { ViewerOpenAlerts, viewerOpenAlertCount } from '../graphql/connections.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LiveAlertsProvider, useLiveAlerts } from '../live/LiveAlerts.tsx';
import { SignInScreen } from '../screens/signIn/SignInScreen.tsx';
import { PlansScreen } from '../screens/plans/PlansScreen.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

// Screens beyond the first are loaded when opened, keeping the initial download small.
const PlanScreen = lazy(() => import('../screens/plan/PlanScreen.tsx'));
const KeyResultScreen = lazy(() => import('../screens/keyResult/KeyResultScreen.tsx'));
const ObjectiveEditorScreen = lazy(() => import('../screens/objectiveEditor/ObjectiveEditorScreen.tsx'));
const AlertsScreen = lazy(() => import('../screens/alerts/AlertsScreen.tsx'));
const AccountsScreen = lazy(() => import('../screens/accounts/AccountsScreen.tsx'));
const ThemesScreen = lazy(() => import('../screens/themes/ThemesScreen.tsx'));

const ViewerQuery = graphql(`
  query Viewer { viewer { workspaceId workspaceName ...ViewerOpenAlerts } }
`, [ViewerOpenAlerts]);

/** Signed in when the gateway answers who the viewer is (a token today, a cookie session later). */
export function App() {
  const token = useSessionToken();
  const [viewer, refetch] = useQuery({ query: ViewerQuery, requestPolicy: 'network-only' });
  // Signing in or out asks again who the viewer is (the first answer comes from the query itself).
  const askedFor = useRef(token);
  useEffect(() => {
    if (askedFor.current === token) return;
    askedFor.current = token;
    refetch({ requestPolicy: 'network-only' });
  }, [token, refetch]);

  if (isAuthError(viewer.error)) return <SignInScreen refused={token !== null} />;
  if (!viewer.data) {
    return viewer.error ? (
      <main id="main" className="page"><ErrorNotice error={viewer.error} retry={() => refetch({ requestPolicy: 'network-only' })} /></main>
    ) : null;
  }
  return (
    <LiveAlertsProvider>
      <Shell workspaceName={viewer.data.viewer.workspaceName} openAlerts={viewerOpenAlertCount(viewer.data.viewer)} refetchViewer={() => refetch({ requestPolicy: 'network-only' })} />
    </LiveAlertsProvider>
  );
}

function Shell({ workspaceName, openAlerts, refetchViewer }: { workspaceName: string; openAlerts: number; refetchViewer: () => void }) {
  const { t } = useI18n();
  const [location] = useLocation();
  const live = useLiveAlerts();
  // A new alert changes the badge: ask the gateway for the count rather than guessing it.
  useEffect(() => {
    if (live.version > 0) refetchViewer();
  }, [live.version]);
  const current = (prefix: string) => (location === prefix || (prefix !== '/' && location.startsWith(prefix)) ? 'page' : undefined);
  return (
    <>
      <a className="skip" href="#main">{t.app.skip}</a>
      <header className="header">
        <Link href="/" className="brand">{t.app.name}</Link>
        <span className="workspace muted">{workspaceName}</span>
        <nav aria-label={t.app.navLabel}>
          <Link href="/" aria-current={location === '/' || location.startsWith('/plans') ? 'page' : undefined}>{t.nav.plans}</Link>
          <Link href="/alerts" aria-current={current('/alerts')}>
            {t.nav.alerts}
            <span className="count-badge" data-testid="alert-badge" aria-label={t.alerts.badge(openAlerts)}>{openAlerts}</span>
          </Link>
          <Link href="/accounts" aria-current={current('/accounts')}>{t.nav.accounts}</Link>
        </nav>
        <div className="header-tools">
          <LanguageSwitcher />
          <button type="button" className="link-button" onClick={() => session.signOut()}>{t.auth.signOut}</button>
        </div>
      </header>
      <main id="main" className="page">
        <Suspense fallback={<p className="loading" role="status"><span className="spinner" aria-hidden="true" /> {t.common.loading}</p>}>
          <Switch>
            <Route path="/" component={PlansScreen} />
            <Route path="/plans/:planId">{(p) => <PlanScreen planId={p.planId} />}</Route>
            <Route path="/plans/:planId/objectives/new">{(p) => <ObjectiveEditorScreen planId={p.planId} />}</Route>
            <Route path="/objectives/:objectiveId/edit">{(p) => <ObjectiveEditorScreen objectiveId={p.objectiveId} />}</Route>
            <Route path="/objectives/:objectiveId/themes">{(p) => <ThemesScreen objectiveId={p.objectiveId} />}</Route>
            <Route path="/objectives/:objectiveId/key-results/:keyResultId">{(p) => <KeyResultScreen objectiveId={p.objectiveId} keyResultId={p.keyResultId} />}</Route>
            <Route path="/alerts" component={AlertsScreen} />
            <Route path="/accounts" component={AccountsScreen} />
            <Route>
              <h1>{t.notFound.title}</h1>
              <p>{t.notFound.text} <Link href="/">{t.nav.plans}</Link></p>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </>
  );
}
