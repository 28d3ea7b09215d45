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

const Invitations = graphql(`
  query Invitations { invitations { id email role createdAt expiresAt } }
`);

const InviteMember = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      __typename
      ... on InviteMemberSuccess { invitation { id email url expiresAt } }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

const RevokeInvitation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) { __typename ... on InputError { message issues { field message } } ... on Error { message } }
  }
`);

/** Invite by email and role: the single-use link is shown once to copy and send; pending ones can be withdrawn. */
export function InvitationsSection() {
  const { t, f } = useI18n();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('EDITOR');
  const [result, refetch] = useQuery({ query: Invitations, requestPolicy: 'cache-and-network' });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const [invited, invite] = useMutation(InviteMember);
  const [revoked, revoke] = useMutation(RevokeInvitation);
  const answer = invited.data?.inviteMember;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await invite({ input: { email, role } });
    if (r.data?.inviteMember.__typename === 'InviteMemberSuccess') {
      setEmail('');
      retry();
    }
  };
  const revokeAnswer = revoked.data?.revokeInvitation;
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t.team.section.invitations}</h2>
      <form onSubmit={submit} className="form-grid panel">
        <label>{t.auth.email}<input name="inviteEmail" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
        <label>{t.team.role}
          <select name="inviteRole" value={role} onChange={(e) => setRole(e.target.value as WorkspaceRole)}>
            {roles.map((r) => <option key={r} value={r}>{t.role[r]}</option>)}
          </select>
        </label>
        <p className="muted">{t.team.roleHelp}</p>
        <div className="actions"><button type="submit" className="primary" disabled={invited.fetching}>{t.team.invite}</button></div>
      </form>
      {invited.error && <ErrorNotice error={invited.error} />}
      {answer && answer.__typename !== 'InviteMemberSuccess' && <PayloadProblem problem={answer} />}
      {answer?.__typename === 'InviteMemberSuccess' && answer.invitation.url && (
        <OneTimeSecret label={t.team.invitationLink(answer.invitation.email)} value={answer.invitation.url} testId="invitation-link">
          <p className="muted">{t.team.invitationLinkHelp(f.instant(answer.invitation.expiresAt))}</p>
        </OneTimeSecret>
      )}
      <h3>{t.team.pending}</h3>
      {revoked.error && <ErrorNotice error={revoked.error} />}
      {revokeAnswer && revokeAnswer.__typename !== 'RevokeInvitationSuccess' && <PayloadProblem problem={revokeAnswer} />}
      <QueryState result={result} retry={retry} loading={t.common.loading}>
        {(data) => data.invitations.length === 0 ? <p className="muted">{t.team.noPending}</p> : (
          <div className="table-scroll">
            <table className="table" data-testid="invitations">
              <thead><tr><th scope="col">{t.auth.email}</th><th scope="col">{t.team.role}</th><th scope="col">{t.team.expires}</th><th scope="col"><span className="visually-hidden">{t.team.actions}</span></th></tr></thead>
              <tbody>
                {data.invitations.map((i) => (
                  <tr key={i.id} data-testid="invitation">
                    <td>{i.email}</td>
                    <td>{t.role[i.role]}</td>
                    <td>{f.instant(i.expiresAt)}</td>
                    <td>
                      <ConfirmButton question={t.team.confirmRevokeInvitation(i.email)} confirm={t.team.revoke} onConfirm={() => void revoke({ id: i.id }).then(retry)}>
                        {t.team.revoke}<span className="visually-hidden"> {i.email}</span>
                      </ConfirmButton>
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
