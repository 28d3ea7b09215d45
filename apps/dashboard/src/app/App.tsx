import { lazy, Suspense, useEffect } from 'react';
import { useQuery } from 'urql';
import { Link, Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { session } from '../auth/session.ts';
import { useViewerRole, ViewerRoleProvider } from '../auth/viewerRole.tsx';
import { isAuthError } from '../components/errorKind.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { graphql } from '../graphql/graphql.ts';
import { ViewerOpenAlerts, viewerOpenAlertCount } from '../graphql/connections.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LiveAlertsProvider, useLiveAlerts } from '../live/LiveAlerts.tsx';
import { SignInCard, SignInScreen } from '../screens/signIn/SignInScreen.tsx';
import { PlansScreen } from '../screens/plans/PlansScreen.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { WorkspaceSwitcher, type WorkspaceChoice } from './WorkspaceSwitcher.tsx';

// Screens beyond the first are loaded when opened, keeping the initial download small.
const PlanScreen = lazy(() => import('../screens/plan/PlanScreen.tsx'));
const KeyResultScreen = lazy(() => import('../screens/keyResult/KeyResultScreen.tsx'));
const ObjectiveEditorScreen = lazy(() => import('../screens/objectiveEditor/ObjectiveEditorScreen.tsx'));
const AlertsScreen = lazy(() => import('../screens/alerts/AlertsScreen.tsx'));
const AccountsScreen = lazy(() => import('../screens/accounts/AccountsScreen.tsx'));
const ThemesScreen = lazy(() => import('../screens/themes/ThemesScreen.tsx'));
const TeamScreen = lazy(() => import('../screens/team/TeamScreen.tsx'));
const AccountScreen = lazy(() => import('../screens/account/AccountScreen.tsx'));
const AcceptInvitationScreen = lazy(() => import('../screens/invitation/AcceptInvitationScreen.tsx'));

/** The invitation link's page (INVITATION_URL's default path). */
export const acceptInvitationPath = '/invitations/accept';

const WorkspacesQuery = graphql(`
  query Workspaces { workspaces { id name role } }
`);

const ViewerQuery = graphql(`
  query Viewer { viewer { workspaceId workspaceName role user { id name } ...ViewerOpenAlerts } }
`, [ViewerOpenAlerts]);

export function App() {
  const [location] = useLocation();
  if (location === acceptInvitationPath) {
    return <Suspense fallback={null}><AcceptInvitationScreen /></Suspense>;
  }
  return <SignedInApp />;
}

/**
 * Signed in when the gateway answers the caller's workspaces (a session cookie or a pasted token);
 * the workspace chosen earlier in this tab, else the first, is the one every request names.
 */
function SignedInApp() {
  const { t } = useI18n();
  const [workspaces, refetch] = useQuery({ query: WorkspacesQuery, requestPolicy: 'network-only' });
  const list = workspaces.data?.workspaces;
  const chosen = list?.find((w) => w.id === session.workspace()) ?? list?.[0];
  const mustChoose = chosen !== undefined && chosen.id !== session.workspace();
  useEffect(() => {
    if (mustChoose) session.chooseWorkspace(chosen.id);
  }, [mustChoose, chosen?.id]);

  if (isAuthError(workspaces.error)) return <SignInScreen refused={session.token() !== null} />;
  if (!list) {
    return workspaces.error ? (
      <main id="main" className="page"><ErrorNotice error={workspaces.error} retry={() => refetch({ requestPolicy: 'network-only' })} /></main>
    ) : null;
  }
  if (!chosen) {
    return (
      <SignInCard>
        <p>{t.workspace.none}</p>
        <button type="button" onClick={() => void session.signOut()}>{t.auth.signOut}</button>
      </SignInCard>
    );
  }
  if (mustChoose) return null;
  return <WorkspaceApp workspaces={list} />;
}

function WorkspaceApp({ workspaces }: { workspaces: readonly WorkspaceChoice[] }) {
  const [viewer, refetch] = useQuery({ query: ViewerQuery, requestPolicy: 'network-only' });
  if (isAuthError(viewer.error)) return <SignInScreen refused={session.token() !== null} />;
  if (!viewer.data) {
    return viewer.error ? (
      <main id="main" className="page"><ErrorNotice error={viewer.error} retry={() => refetch({ requestPolicy: 'network-only' })} /></main>
    ) : null;
  }
  const v = viewer.data.viewer;
  return (
    <ViewerRoleProvider role={v.role}>
      <LiveAlertsProvider>
        <Shell
          workspaces={workspaces} workspaceId={v.workspaceId} userName={v.user?.name ?? null}
          openAlerts={viewerOpenAlertCount(v)} refetchViewer={() => refetch({ requestPolicy: 'network-only' })}
        />
      </LiveAlertsProvider>
    </ViewerRoleProvider>
  );
}

function Shell(props: { workspaces: readonly WorkspaceChoice[]; workspaceId: string; userName: string | null; openAlerts: number; refetchViewer: () => void }) {
  const { t } = useI18n();
  const { role } = useViewerRole();
  const [location] = useLocation();
  const search = useSearch();
  const live = useLiveAlerts();
  // A new alert changes the badge: ask the gateway for the count rather than guessing it.
  useEffect(() => {
    if (live.version > 0) props.refetchViewer();
  }, [live.version]);
  const current = (prefix: string) => (location === prefix || (prefix !== '/' && location.startsWith(prefix)) ? 'page' : undefined);
  return (
    <>
      <a className="skip" href="#main">{t.app.skip}</a>
      <header className="header">
        <Link href="/" className="brand">{t.app.name}</Link>
        <WorkspaceSwitcher workspaces={props.workspaces} current={props.workspaceId} />
        <span className="role-badge" data-testid="viewer-role">{t.role[role]}</span>
        <nav aria-label={t.app.navLabel}>
          <Link href="/" aria-current={location === '/' || location.startsWith('/plans') ? 'page' : undefined}>{t.nav.plans}</Link>
          <Link href="/alerts" aria-current={current('/alerts')}>
            {t.nav.alerts}
            <span className="count-badge" data-testid="alert-badge" aria-label={t.alerts.badge(props.openAlerts)}>{props.openAlerts}</span>
          </Link>
          <Link href="/accounts" aria-current={current('/accounts')}>{t.nav.accounts}</Link>
          <Link href="/team" aria-current={current('/team')}>{t.nav.team}</Link>
        </nav>
        <div className="header-tools">
          {props.userName && <Link href="/account" className="user-name" aria-current={current('/account')}>{props.userName}<span className="visually-hidden"> · {t.nav.account}</span></Link>}
          <LanguageSwitcher />
          <button type="button" className="link-button" onClick={() => void session.signOut()}>{t.auth.signOut}</button>
        </div>
      </header>
      <main id="main" className="page">
        <Suspense fallback={<p className="loading" role="status"><span className="spinner" aria-hidden="true" /> {t.common.loading}</p>}>
          <Switch>
            <Route path="/">{() => (
              // The e-mails' unsubscribe fallback link (`/?settings=email`) lands on the person's e-mail preferences.
              new URLSearchParams(search).get('settings') === 'email' ? <Redirect to="/account/email" replace /> : <PlansScreen />
            )}</Route>
            <Route path="/plans/:planId">{(p) => <PlanScreen planId={p.planId} />}</Route>
            <Route path="/plans/:planId/objectives/new">{(p) => <ObjectiveEditorScreen planId={p.planId} />}</Route>
            <Route path="/objectives/:objectiveId/edit">{(p) => <ObjectiveEditorScreen objectiveId={p.objectiveId} />}</Route>
            <Route path="/objectives/:objectiveId/themes">{(p) => <ThemesScreen objectiveId={p.objectiveId} />}</Route>
            <Route path="/objectives/:objectiveId/key-results/:keyResultId">{(p) => <KeyResultScreen objectiveId={p.objectiveId} keyResultId={p.keyResultId} />}</Route>
            <Route path="/account">{() => <AccountScreen section="password" />}</Route>
            <Route path="/account/:section">{(p) => <AccountScreen section={p.section} />}</Route>
            <Route path="/alerts" component={AlertsScreen} />
            <Route path="/accounts" component={AccountsScreen} />
            <Route path="/team">{() => <TeamScreen section="members" />}</Route>
            <Route path="/team/:section">{(p) => <TeamScreen section={p.section} />}</Route>
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
