import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const ChangePassword = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      __typename
      ... on ChangePasswordSuccess { sessionsEnded sessionExpiresAt }
      ... on InputError { message issues { field message rule } }
      ... on Error { message }
    }
  }
`);

type Field = 'currentPassword' | 'newPassword';

/**
 * The current password, then a new one by the policy. The gateway ends every other session and replaces
 * this one with a new cookie, so the page carries on signed in. A refusal is shown at the field it names.
 */
export function ChangePasswordSection() {
  const { t } = useI18n();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [state, change] = useMutation(ChangePassword);
  const answer = state.data?.changePassword;
  const fieldErrors = new Map<Field, string>();
  if (answer?.__typename === 'InvalidCredentialsError') fieldErrors.set('currentPassword', t.account.wrongPassword);
  if (answer?.__typename === 'InputError') {
    for (const issue of answer.issues) {
      const field = issue.field.replace(/^input\./, '') as Field;
      if (field === 'currentPassword' || field === 'newPassword') fieldErrors.set(field, issue.message);
    }
  }
  // Refusals not tied to a field (a lockout, the role) are shown as a notice.
  const unplaced = answer && answer.__typename !== 'ChangePasswordSuccess' && fieldErrors.size === 0 ? answer : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await change({ input: { currentPassword, newPassword } });
    if (result.data?.changePassword.__typename === 'ChangePasswordSuccess') {
      setCurrent('');
      setNew('');
    }
  };
  const described = (field: Field, help?: string) => [fieldErrors.has(field) ? `${field}-error` : null, help].filter(Boolean).join(' ') || undefined;
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t.account.section.password}</h2>
      <form onSubmit={submit} className="panel stacked-form" data-testid="change-password">
        <label htmlFor="current-password">{t.account.currentPassword}</label>
        <input
          id="current-password" name="currentPassword" type="password" autoComplete="current-password" required value={currentPassword}
          aria-invalid={fieldErrors.has('currentPassword') || undefined} aria-describedby={described('currentPassword')}
          onChange={(e) => setCurrent(e.target.value)}
        />
        {fieldErrors.has('currentPassword') && <p id="currentPassword-error" className="field-error" role="alert">{fieldErrors.get('currentPassword')}</p>}
        <label htmlFor="new-password">{t.account.newPassword}</label>
        <input
          id="new-password" name="newPassword" type="password" autoComplete="new-password" required value={newPassword}
          aria-invalid={fieldErrors.has('newPassword') || undefined} aria-describedby={described('newPassword', 'new-password-help')}
          onChange={(e) => setNew(e.target.value)}
        />
        <p id="new-password-help" className="muted">{t.auth.passwordHelp}</p>
        {fieldErrors.has('newPassword') && <p id="newPassword-error" className="field-error" role="alert">{fieldErrors.get('newPassword')}</p>}
        <div className="actions"><button type="submit" className="primary" disabled={state.fetching}>{t.account.changePassword}</button></div>
      </form>
      {state.error && <ErrorNotice error={state.error} />}
      {unplaced && <PayloadProblem problem={unplaced} />}
      {answer?.__typename === 'ChangePasswordSuccess' && (
        <p className="notice notice-ok" role="status" data-testid="password-changed">{t.account.passwordChanged(answer.sessionsEnded)}</p>
      )}
    </section>
  );
}
