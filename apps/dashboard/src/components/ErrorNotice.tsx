import type { CombinedError } from '@urql/core';
import { session } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { errorKind } from './errorKind.ts';

/** A failed request in words, with the next step: retry, sign in again, or ask for access. */
export function ErrorNotice({ error, retry }: { error: CombinedError; retry?: () => void }) {
  const { t } = useI18n();
  const kind = errorKind(error);
  const detail = error.graphQLErrors[0]?.message ?? error.networkError?.message ?? error.message;
  return (
    <div className="notice notice-error" role="alert">
      <p>{t.errors[kind]}</p>
      {kind === 'server' && <p className="muted">{detail}</p>}
      <div className="actions">
        {kind === 'auth' ? (
          <button type="button" onClick={() => void session.signOut()}>{t.auth.signInAgain}</button>
        ) : (
          retry && <button type="button" onClick={retry}>{t.common.retry}</button>
        )}
      </div>
    </div>
  );
}
