import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import type { WorkspaceRole } from '../../auth/viewerRole.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { roles } from './MembersSection.tsx';

const ApiTokens = graphql(`
  query ApiTokens { apiTokens { id label role prefix createdAt lastUsedAt revokedAt } }
`);

const CreateApiToken = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreateApiTokenSuccess { token apiToken { id label } }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

const RevokeApiToken = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) { __typename ... on RevokeApiTokenSuccess { apiToken { id revokedAt } } ... on InputError { message issues { field message } } ... on Error { message } }
  }
`);

/** Tokens for scripts and integrations: made with a label and a role, shown once, listed by prefix, revoked. */
export function ApiTokensSection() {
  const { t, f } = useI18n();
  const [label, setLabel] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('VIEWER');
  const [result, refetch] = useQuery({ query: ApiTokens, requestPolicy: 'cache-and-network' });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const [created, create] = useMutation(CreateApiToken);
  const [revoked, revoke] = useMutation(RevokeApiToken);
  const answer = created.data?.createApiToken;
  const revokeAnswer = revoked.data?.revokeApiToken;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await create({ input: { label, role } });
    if (r.data?.createApiToken.__typename === 'CreateApiTokenSuccess') {
      setLabel('');
      retry();
    }
  };
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t.team.section.tokens}</h2>
      <p className="muted">{t.team.tokensIntro}</p>
      <form onSubmit={submit} className="form-grid panel">
        <label>{t.team.tokenLabel}<input name="tokenLabel" required value={label} onChange={(e) => setLabel(e.target.value)} /></label>
        <label>{t.team.role}
          <select name="tokenRole" value={role} onChange={(e) => setRole(e.target.value as WorkspaceRole)}>
            {roles.map((r) => <option key={r} value={r}>{t.role[r]}</option>)}
          </select>
        </label>
        <div className="actions"><button type="submit" className="primary" disabled={created.fetching}>{t.team.createToken}</button></div>
      </form>
      {created.error && <ErrorNotice error={created.error} />}
      {answer && answer.__typename !== 'CreateApiTokenSuccess' && <PayloadProblem problem={answer} />}
      {answer?.__typename === 'CreateApiTokenSuccess' && (
        <OneTimeSecret label={t.team.newToken(answer.apiToken.label)} value={answer.token} testId="new-token">
          <p className="muted">{t.team.shownOnce}</p>
        </OneTimeSecret>
      )}
      {revoked.error && <ErrorNotice error={revoked.error} />}
      {revokeAnswer && revokeAnswer.__typename !== 'RevokeApiTokenSuccess' && <PayloadProblem problem={revokeAnswer} />}
      <QueryState result={result} retry={retry} loading={t.common.loading}>
        {(data) => data.apiTokens.length === 0 ? <p className="muted">{t.team.noTokens}</p> : (
          <div className="table-scroll">
            <table className="table" data-testid="api-tokens">
              <thead><tr><th scope="col">{t.team.tokenLabel}</th><th scope="col">{t.team.prefix}</th><th scope="col">{t.team.role}</th><th scope="col">{t.team.created}</th><th scope="col">{t.team.lastUsed}</th><th scope="col">{t.team.state}</th></tr></thead>
              <tbody>
                {data.apiTokens.map((k) => (
                  <tr key={k.id} data-testid="api-token">
                    <td>{k.label}</td>
                    <td><code>{k.prefix ? `${k.prefix}…` : '—'}</code></td>
                    <td>{t.role[k.role]}</td>
                    <td>{f.instant(k.createdAt)}</td>
                    <td>{k.lastUsedAt ? f.instant(k.lastUsedAt) : t.team.neverUsed}</td>
                    <td>
                      {k.revokedAt ? <span data-testid="token-revoked">{t.team.revokedOn(f.instant(k.revokedAt))}</span> : (
                        <ConfirmButton question={t.team.confirmRevokeToken(k.label)} confirm={t.team.revoke} onConfirm={() => void revoke({ id: k.id }).then(retry)}>
                          {t.team.revoke}<span className="visually-hidden"> {k.label}</span>
                        </ConfirmButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
