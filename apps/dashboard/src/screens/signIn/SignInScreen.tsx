import { useState, type FormEvent } from 'react';
import { session } from '../../auth/session.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LanguageSwitcher } from '../../app/LanguageSwitcher.tsx';

/** Until accounts with passwords exist, a workspace API token is how a person signs in. */
export function SignInScreen({ refused }: { refused: boolean }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) session.signIn(token);
  };
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <h1>{t.app.name}</h1>
        <p>{t.auth.intro}</p>
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
        <LanguageSwitcher />
      </div>
    </main>
  );
}
