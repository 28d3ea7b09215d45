import { useMutation, useQuery } from 'urql';
import { session } from '../../auth/session.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { deviceOf } from './deviceOf.ts';

const Sessions = graphql(`
  query Sessions { viewer { sessions { id createdAt lastSeenAt expiresAt userAgent current } } }
`);

const RevokeSession = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id) { __typename ... on RevokeSessionSuccess { revokedId current } ... on InputError { message issues { field message } } ... on Error { message } }
  }
`);

const SignOutEverywhere = graphql(`
  mutation SignOutEverywhere { signOut(everywhere: true) { sessionsEnded } }
`);

/** Where the person is signed in, newest first: this one marked, any other signed out by one click. */
export function SessionsSection() {
  const { t, f } = useI18n();
  const [result, refetch] = useQuery({ query: Sessions, requestPolicy: 'cache-and-network' });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const [revoked, revoke] = useMutation(RevokeSession);
  const [everywhere, signOutEverywhere] = useMutation(SignOutEverywhere);
  const answer = revoked.data?.revokeSession;
  const revokeOne = async (id: string) => {
    const r = await revoke({ id });
    const payload = r.data?.revokeSession;
    // Our own session ended: the cookie is cleared, so this tab forgets the workspace and shows sign-in.
    if (payload?.__typename === 'RevokeSessionSuccess' && payload.current) return session.signOut();
    retry();
  };
  const endAll = async () => {
    const r = await signOutEverywhere({});
    if (r.data) await session.signOut();
  };
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t.account.section.sessions}</h2>
      <p className="muted">{t.account.sessionsIntro}</p>
      {revoked.error && <ErrorNotice error={revoked.error} />}
      {everywhere.error && <ErrorNotice error={everywhere.error} />}
      {answer && answer.__typename !== 'RevokeSessionSuccess' && <PayloadProblem problem={answer} />}
      {answer?.__typename === 'RevokeSessionSuccess' && <p className="notice notice-ok" role="status">{t.account.sessionEnded}</p>}
      <QueryState result={result} retry={retry} loading={t.common.loading}>
        {(data) => data.viewer.sessions.length === 0 ? <p className="muted">{t.account.noSessions}</p> : (
          // A list of cards rather than a table: five columns do not fit a phone.
          <ul className="session-list" data-testid="sessions">
            {data.viewer.sessions.map((s) => {
              const device = deviceOf(s.userAgent) ?? t.account.unknownDevice;
              return (
                <li key={s.id} className="panel" data-testid="session" data-current={s.current || undefined}>
                  <p className="session-device">
                    <strong title={s.userAgent ?? undefined}>{device}</strong>
                    {s.current && <> <span className="badge" data-testid="current-session">{t.account.thisSession}</span></>}
                  </p>
                  <dl className="facts">
                    <div><dt>{t.account.signedIn}</dt><dd>{f.instant(s.createdAt)}</dd></div>
                    <div><dt>{t.account.lastSeen}</dt><dd>{f.instant(s.lastSeenAt)}</dd></div>
                    <div><dt>{t.account.expires}</dt><dd>{f.instant(s.expiresAt)}</dd></div>
                  </dl>
                  <ConfirmButton question={t.account.confirmSignOutSession(device)} confirm={t.account.signOutSession} onConfirm={() => void revokeOne(s.id)}>
                    {t.account.signOutSession}<span className="visually-hidden"> {device} {f.instant(s.createdAt)}</span>
                  </ConfirmButton>
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
      <div className="actions">
        <ConfirmButton question={t.account.confirmSignOutEverywhere} confirm={t.account.signOutEverywhere} onConfirm={() => void endAll()} disabled={everywhere.fetching}>
          {t.account.signOutEverywhere}
        </ConfirmButton>
      </div>
    </section>
  );
}
