import { useMutation, useQuery } from 'urql';
import { useViewerRole, type WorkspaceRole } from '../../auth/viewerRole.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PayloadProblem } from '../../components/PayloadProblem.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { MembersQuery } from '../../graphql/membersQuery.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

export const roles: readonly WorkspaceRole[] = ['OWNER', 'EDITOR', 'VIEWER'];

const UpdateMemberRole = graphql(`
  mutation UpdateMemberRole($input: UpdateMemberRoleInput!) {
    updateMemberRole(input: $input) {
      __typename
      ... on MemberSuccess { member { id role } }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

const RemoveMember = graphql(`
  mutation RemoveMember($id: ID!) {
    removeMember(id: $id) {
      __typename
      ... on MemberSuccess { member { id } }
      ... on InputError { message issues { field message } }
      ... on Error { message }
    }
  }
`);

/** Everyone in the workspace with their role; an OWNER changes roles and removes people, never the last owner. */
export function MembersSection() {
  const { t, f } = useI18n();
  const { canManage } = useViewerRole();
  const [result, refetch] = useQuery({ query: MembersQuery, requestPolicy: 'cache-and-network' });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const [roleState, updateRole] = useMutation(UpdateMemberRole);
  const [removeState, remove] = useMutation(RemoveMember);
  const roleProblem = roleState.data?.updateMemberRole;
  const removeProblem = removeState.data?.removeMember;
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{t.team.section.members}</h2>
      <p className="muted">{t.team.membersIntro}</p>
      {roleProblem && roleProblem.__typename !== 'MemberSuccess' && <PayloadProblem problem={roleProblem} />}
      {removeProblem && removeProblem.__typename !== 'MemberSuccess' && <PayloadProblem problem={removeProblem} />}
      {(roleState.error ?? removeState.error) && <ErrorNotice error={(roleState.error ?? removeState.error)!} />}
      <QueryState result={result} retry={retry} loading={t.common.loading}>
        {(data) => {
          const owners = data.members.filter((m) => m.role === 'OWNER').length;
          return (
            <div className="table-scroll">
              <table className="table" data-testid="members">
                <thead><tr><th scope="col">{t.auth.name}</th><th scope="col">{t.auth.email}</th><th scope="col">{t.team.role}</th><th scope="col">{t.team.joined}</th>{canManage && <th scope="col"><span className="visually-hidden">{t.team.actions}</span></th>}</tr></thead>
                <tbody>
                  {data.members.map((m) => {
                    const lastOwner = m.role === 'OWNER' && owners === 1;
                    return (
                      <tr key={m.id} data-testid="member">
                        <td>{m.user.name}</td>
                        <td>{m.user.email}</td>
                        <td>
                          {canManage ? (
                            <label>
                              <span className="visually-hidden">{t.team.roleOf(m.user.name)}</span>
                              <select
                                value={m.role} disabled={lastOwner || roleState.fetching} aria-describedby={lastOwner ? 'last-owner' : undefined}
                                onChange={(e) => void updateRole({ input: { id: m.id, role: e.target.value as WorkspaceRole } }).then(retry)}
                              >
                                {roles.map((r) => <option key={r} value={r}>{t.role[r]}</option>)}
                              </select>
                            </label>
                          ) : t.role[m.role]}
                        </td>
                        <td>{f.day(m.joinedAt)}</td>
                        {canManage && (
                          <td>
                            <ConfirmButton
                              disabled={lastOwner || removeState.fetching} describedBy={lastOwner ? 'last-owner' : undefined}
                              question={t.team.confirmRemove(m.user.name)} confirm={t.team.remove}
                              onConfirm={() => void remove({ id: m.id }).then(retry)}
                            >
                              {t.team.remove}<span className="visually-hidden"> {m.user.name}</span>
                            </ConfirmButton>
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {canManage && owners === 1 && <p id="last-owner" className="muted">{t.team.lastOwner}</p>}
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
