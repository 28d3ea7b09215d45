import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { session } from '../../auth/session.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { SignInAnswer, workspaceOfSignIn } from '../../graphql/signInFields.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LanguageSwitcher } from '../../app/LanguageSwitcher.tsx';

const SignIn = graphql(`
  mutation SignIn($input: SignInInput!) { signIn(input: $input) { ...SignInAnswer } }
`, [SignInAnswer]);

const SignUp = graphql(`
  mutation SignUp($input: SignUpInput!) { signUp(input: $input) { ...SignInAnswer } }
`, [SignInAnswer]);

const SignUpEnabled = graphql(`
  query SignUpEnabled { signUpEnabled }
`);

type Mode = 'password' | 'signUp' | 'token';

/** The card every signed-out page shares: the product's name, the form, the language. */
export function SignInCard({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <h1>{t.app.name}</h1>
        {children}
        <LanguageSwitcher />
      </div>
    </main>
  );
}

/** Email and password first; a new account when the server takes sign-ups; an API token for integrators. */
export function SignInScreen({ refused }: { refused: boolean }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>(refused ? 'token' : 'password');
  // Offered only where the server takes sign-ups (SIGN_UP_ENABLED); elsewhere people join by invitation.
  const [signUp] = useQuery({ query: SignUpEnabled });
  const signUpEnabled = signUp.data?.signUpEnabled === true;
  return (
    <SignInCard>
      {mode === 'password' && <PasswordForm />}
      {mode === 'signUp' && signUpEnabled && <SignUpForm />}
      {mode === 'token' && <TokenForm refused={refused} />}
      <div className="actions sign-in-modes">
        {mode !== 'password' && <button type="button" className="link-button" onClick={() => setMode('password')}>{t.auth.usePassword}</button>}
        {mode !== 'signUp' && signUpEnabled && <button type="button" className="link-button" onClick={() => setMode('signUp')}>{t.auth.createAccount}</button>}
        {mode !== 'token' && <button type="button" className="link-button" onClick={() => setMode('token')}>{t.auth.useToken}</button>}
      </div>
    </SignInCard>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [state, signIn] = useMutation(SignIn);
  const answer = state.data?.signIn;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await signIn({ input: { email, password } });
    const payload = result.data?.signIn;
    if (payload?.__typename === 'SignInSuccess') session.signedIn(workspaceOfSignIn(payload));
  };
  return (
    <>
      <p>{t.auth.intro}</p>
      <form onSubmit={submit}>
        <label htmlFor="email">{t.auth.email}</label>
        <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="password">{t.auth.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <p className="muted">{t.auth.demoHelp}</p>
        {/* A wrong password or a lockout: the gateway's sentence says it all (and when to retry). */}
        {answer && answer.__typename !== 'SignInSuccess' && 'message' in answer && <p className="notice notice-error" role="alert">{answer.message}</p>}
        {state.error && <ErrorNotice error={state.error} />}
        <button type="submit" className="primary" disabled={state.fetching}>{t.auth.signIn}</button>
      </form>
    </>
  );
}

function SignUpForm() {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspaceName, setWorkspaceName] = useState('');
  const [state, signUp] = useMutation(SignUp);
  const [signedIn, signIn] = useMutation(SignIn);
  const answer = state.data?.signUp ?? null;
  const signInAnswer = signedIn.data?.signIn;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await signUp({ input: { name, email, password, workspaceName: workspaceName.trim() || null } });
    const payload = result.data?.signUp;
    if (!payload) return;
    if (payload.__typename === 'SignInSuccess') return session.signedIn(workspaceOfSignIn(payload));
    if ('message' in payload) return; // refused: shown below
    // Accepted without a session (a server that answers every sign-up alike): sign in with what was chosen.
    const next = await signIn({ input: { email, password } });
    if (next.data?.signIn.__typename === 'SignInSuccess') session.signedIn(workspaceOfSignIn(next.data.signIn));
  };
  return (
    <>
      <p>{t.auth.signUpIntro}</p>
      <form onSubmit={submit}>
        <label htmlFor="signup-name">{t.auth.name}</label>
        <input id="signup-name" name="name" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="signup-email">{t.auth.email}</label>
        <input id="signup-email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="signup-password">{t.auth.newPassword}</label>
        <input id="signup-password" name="password" type="password" autoComplete="new-password" required value={password} aria-describedby="signup-password-help" onChange={(e) => setPassword(e.target.value)} />
        <p id="signup-password-help" className="muted">{t.auth.passwordHelp}</p>
        <label htmlFor="signup-workspace">{t.auth.workspaceName}</label>
        <input id="signup-workspace" name="workspaceName" value={workspaceName} onChange={(e) => setWorkspaceName(e.target.value)} />
        {answer && 'message' in answer && <PayloadProblem problem={answer} />}
        {signInAnswer && 'message' in signInAnswer && <p className="notice notice-error" role="alert">{signInAnswer.message}</p>}
        {(state.error ?? signedIn.error) && <ErrorNotice error={(state.error ?? signedIn.error)!} />}
        <button type="submit" className="primary" disabled={state.fetching || signedIn.fetching}>{t.auth.signUp}</button>
      </form>
    </>
  );
}

function TokenForm({ refused }: { refused: boolean }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) session.useToken(token);
  };
  return (
    <>
      <p>{t.auth.tokenIntro}</p>
      <form onSubmit={submit}>
        <label htmlFor="token">{t.auth.tokenLabel}</label>
        <input
          id="token" name="token" type="password" autoComplete="off" required value={token}
          aria-describedby="token-help" onChange={(e) => setToken(e.target.value)}
        />
        <p id="token-help" className="muted">{t.auth.tokenHelp}</p>
        {refused && <p className="notice notice-error" role="alert">{t.auth.refused}</p>}
        <button type="submit" className="primary">{t.auth.signIn}</button>
      </form>
    </>
  );
}
