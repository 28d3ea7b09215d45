import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useLocation } from 'wouter';
import { session } from '../../auth/session.ts';
import { isAuthError } from '../../components/errorKind.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { SignInAnswer, workspaceOfSignIn } from '../../graphql/signInFields.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { SignInCard } from '../signIn/SignInScreen.tsx';

const AcceptInvitation = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ...SignInAnswer } }
`, [SignInAnswer]);

const SignInForInvitation = graphql(`
  mutation SignInForInvitation($input: SignInInput!) { signIn(input: $input) { ...SignInAnswer } }
`, [SignInAnswer]);

const WhoAmI = graphql(`
  query InvitationWhoAmI { workspaces { id } }
`);

/** The single-use token of the link, after `#token=` (a fragment: it never reaches a server's logs). */
const tokenOfLink = () => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';

type Mode = 'new' | 'existing';

/**
 * The invitation link's page: a new person chooses a name and a password and joins; someone with an
 * account signs in, then joins; someone already signed in joins as themselves.
 */
export default function AcceptInvitationScreen() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [token] = useState(tokenOfLink);
  const [who] = useQuery({ query: WhoAmI, requestPolicy: 'network-only' });
  const [mode, setMode] = useState<Mode>('new');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [accepted, accept] = useMutation(AcceptInvitation);
  const [signedIn, signIn] = useMutation(SignInForInvitation);
  // A 401 answers data null: only a list of workspaces means a session.
  const signedInAlready = Array.isArray(who.data?.workspaces) && session.token() === null;
  const payload = accepted.data?.acceptInvitation;
  const signInPayload = signedIn.data?.signIn;

  const join = async (input: { token: string; name?: string; password?: string }) => {
    const result = await accept({ input });
    const answer = result.data?.acceptInvitation;
    if (answer?.__typename === 'SignInSuccess') {
      navigate('/', { replace: true });
      session.signedIn(workspaceOfSignIn(answer));
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (signedInAlready) return join({ token });
    if (mode === 'new') return join({ token, name, password });
    const result = await signIn({ input: { email, password } });
    // Signed in: the cookie now goes with the acceptance, which joins this person.
    if (result.data?.signIn.__typename === 'SignInSuccess') await join({ token });
  };

  if (!token) {
    return <SignInCard><h2>{t.invitation.title}</h2><p className="notice notice-error" role="alert">{t.invitation.noToken}</p></SignInCard>;
  }
  if (who.fetching && !who.data && !who.error) return null;
  return (
    <SignInCard>
      <h2>{t.invitation.title}</h2>
      <p>{signedInAlready ? t.invitation.signedInIntro : t.invitation.intro}</p>
      {who.error && !isAuthError(who.error) && <ErrorNotice error={who.error} />}
      <form onSubmit={submit}>
        {!signedInAlready && mode === 'new' && (
          <>
            <label htmlFor="invite-name">{t.auth.name}</label>
            <input id="invite-name" name="name" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
          </>
        )}
        {!signedInAlready && mode === 'existing' && (
          <>
            <label htmlFor="invite-email">{t.auth.email}</label>
            <input id="invite-email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </>
        )}
        {!signedInAlready && (
          <>
            <label htmlFor="invite-password">{mode === 'new' ? t.auth.newPassword : t.auth.password}</label>
            <input
              id="invite-password" name="password" type="password" required value={password}
              autoComplete={mode === 'new' ? 'new-password' : 'current-password'} onChange={(e) => setPassword(e.target.value)}
            />
            {mode === 'new' && <p className="muted">{t.auth.passwordHelp}</p>}
          </>
        )}
        {signInPayload && signInPayload.__typename !== 'SignInSuccess' && <PayloadProblem problem={signInPayload} />}
        {payload && payload.__typename !== 'SignInSuccess' && <PayloadProblem problem={payload} />}
        {(accepted.error ?? signedIn.error) && <ErrorNotice error={(accepted.error ?? signedIn.error)!} />}
        <button type="submit" className="primary" disabled={accepted.fetching || signedIn.fetching}>
          {signedInAlready ? t.invitation.join : mode === 'new' ? t.invitation.createAndJoin : t.invitation.signInAndJoin}
        </button>
      </form>
      {!signedInAlready && (
        <div className="actions">
          <button type="button" className="link-button" onClick={() => setMode(mode === 'new' ? 'existing' : 'new')}>
            {mode === 'new' ? t.invitation.haveAccount : t.invitation.newHere}
          </button>
        </div>
      )}
    </SignInCard>
  );
}
