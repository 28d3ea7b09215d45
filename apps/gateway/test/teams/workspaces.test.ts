import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsHarness, type Credentials, type TeamsHarness } from './teamsKit.ts';

let clock = Date.parse('2026-12-01T09:00:00Z');
let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness('workspaces', { now: () => new Date(clock), auth: { invitationTtlHours: 72, invitationUrl: 'https://app.goalpost.test/join' } });
});
afterAll(async () => h?.close());

const createPlan = (name: string) => `mutation { createPlan(input: { name: "${name}", startsOn: "2026-10-01", endsOn: "2026-12-31" }) { __typename ... on CreatePlanSuccess { plan { id } } ... on ForbiddenError { requiredRole } } }`;
const planNames = '{ viewer { workspaceId role } plans { edges { node { id name } } } }';
const members = async (owner: Credentials) => (await h.gql('{ members { id role user { email } } }', {}, owner)).body.data.members as { id: string; role: string; user: { email: string } }[];

describe('a person in two workspaces', () => {
  let pat: Awaited<ReturnType<TeamsHarness['signUp']>>;
  let quinn: Awaited<ReturnType<TeamsHarness['signUp']>>;
  let patPlan: string;
  let quinnPlan: string;

  beforeAll(async () => {
    pat = await h.signUp('pat@example.com');
    quinn = await h.signUp('quinn@example.com');
    patPlan = (await h.gql(createPlan('Pat plan'), {}, { cookie: pat.cookie })).body.data.createPlan.plan.id;
    quinnPlan = (await h.gql(createPlan('Quinn plan'), {}, { cookie: quinn.cookie })).body.data.createPlan.plan.id;
    const link = await h.invite({ cookie: quinn.cookie }, 'pat@example.com', 'VIEWER');
    const accepted = await h.accept(link.token, {}, { cookie: pat.cookie });
    expect(accepted.body.data.acceptInvitation).toMatchObject({ __typename: 'SignInSuccess', viewer: { workspaceId: quinn.workspaceId, role: 'VIEWER' } });
    pat.cookie = h.sessionOf(accepted);
  });

  it('lists both workspaces with the role in each, and must name one to act', async () => {
    const listed = await h.gql('{ workspaces { id name role } }', {}, { cookie: pat.cookie });
    expect(listed.body.data.workspaces).toEqual([
      { id: pat.workspaceId, name: "pat's workspace", role: 'OWNER' },
      { id: quinn.workspaceId, name: "quinn's workspace", role: 'VIEWER' },
    ]);
    const unnamed = await h.gql(planNames, {}, { cookie: pat.cookie });
    expect(unnamed.body.data ?? null).toBeNull();
    expect(unnamed.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/belong to 2 workspaces.*x-goalpost-workspace/), extensions: { code: 'FORBIDDEN' } });
    const before = await h.everything();
    const write = await h.gql(createPlan('Nowhere'), {}, { cookie: pat.cookie });
    expect(write.body.data.createPlan.__typename).toBe('ForbiddenError');
    expect(await h.everything()).toBe(before);
  });

  it('reads and writes A only in A, never B without naming B', async () => {
    const a = { cookie: pat.cookie, workspace: pat.workspaceId };
    const inA = await h.gql(planNames, {}, a);
    expect(inA.body.data.viewer).toEqual({ workspaceId: pat.workspaceId, role: 'OWNER' });
    expect(inA.body.data.plans.edges.map((e: any) => e.node.name)).toEqual(['Pat plan']);
    expect((await h.gql('query($id: ID!) { plan(id: $id) { id } node(id: $id) { id } }', { id: quinnPlan }, a)).body.data).toEqual({ plan: null, node: null });
    const before = await h.everything();
    const archive = await h.gql('mutation($id: ID!) { archivePlan(id: $id) { __typename } }', { id: quinnPlan }, a);
    expect(archive.body.data.archivePlan.__typename).toBe('NotFoundError');
    expect(await h.everything()).toBe(before);
  });

  it("acts in B only with B's role", async () => {
    const b = { cookie: pat.cookie, workspace: quinn.workspaceId };
    const inB = await h.gql(planNames, {}, b);
    expect(inB.body.data.viewer).toEqual({ workspaceId: quinn.workspaceId, role: 'VIEWER' });
    expect(inB.body.data.plans.edges.map((e: any) => e.node.name)).toEqual(['Quinn plan']);
    const before = await h.everything();
    expect((await h.gql(createPlan('Sneaky'), {}, b)).body.data.createPlan).toEqual({ __typename: 'ForbiddenError', requiredRole: 'EDITOR' });
    expect((await h.gql('mutation($id: ID!) { archivePlan(id: $id) { __typename } }', { id: quinnPlan }, b)).body.data.archivePlan.__typename).toBe('ForbiddenError');
    // Pat's own plan is not reachable from B either.
    expect((await h.gql('mutation($id: ID!) { archivePlan(id: $id) { __typename } }', { id: patPlan }, b)).body.data.archivePlan.__typename).toBe('ForbiddenError');
    expect(await h.everything()).toBe(before);
  });

  it('refuses a workspace the person is not in, a malformed header, and a token naming another workspace', async () => {
    const stranger = await h.signUp('stranger@example.com');
    const strangerToken = await h.tokenWith({ cookie: stranger.cookie }, 'OWNER');
    for (const [who, pattern] of [
      [{ cookie: pat.cookie, workspace: stranger.workspaceId }, /not a member of workspace/],
      [{ cookie: pat.cookie, workspace: 'DROP TABLE' }, /must be a workspace id/],
      [{ token: strangerToken.token, workspace: pat.workspaceId }, /token belongs to another workspace/],
    ] as const) {
      const answer = await h.gql(planNames, {}, who);
      expect(answer.body.data ?? null).toBeNull();
      expect(answer.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(pattern), extensions: { code: 'FORBIDDEN', requiredRole: 'VIEWER' } });
    }
    expect((await h.gql(planNames, {}, { token: strangerToken.token, workspace: stranger.workspaceId })).body.data.viewer.role).toBe('OWNER');
  });
});

describe('invitations', () => {
  let owner: Credentials;
  let ownerWorkspace: string;
  beforeAll(async () => {
    const ada = await h.signUp('ada@example.com');
    owner = { cookie: ada.cookie };
    ownerWorkspace = ada.workspaceId;
  });

  it('answers a single-use link with an expiry, keeping only its hash', async () => {
    const answer = await h.gql('mutation { inviteMember(input: { email: " Bea@Example.com ", role: EDITOR }) { ... on InviteMemberSuccess { invitation { id email role url expiresAt } } } }', {}, owner);
    const invitation = answer.body.data.inviteMember.invitation;
    expect(invitation).toMatchObject({ email: 'bea@example.com', role: 'EDITOR', url: expect.stringMatching(/^https:\/\/app\.goalpost\.test\/join#token=gpi_/) });
    expect(Date.parse(invitation.expiresAt) - clock).toBe(72 * 3_600_000);
    const token = invitation.url.split('#token=')[1];
    const stored = await sql<{ row: string }>`select row_to_json(i)::text as row from invitations i`.execute(h.deps.db);
    expect(stored.rows.some((r) => r.row.includes(token))).toBe(false);
    const listed = await h.gql('{ invitations { id email url } }', {}, owner);
    expect(listed.body.data.invitations).toEqual([{ id: invitation.id, email: 'bea@example.com', url: null }]);

    const accepted = await h.accept(token, { name: 'Bea', password: 'bea has a long password' });
    expect(accepted.body.data.acceptInvitation).toMatchObject({ __typename: 'SignInSuccess', user: { email: 'bea@example.com' }, viewer: { workspaceId: ownerWorkspace, role: 'EDITOR' } });
    expect((await members(owner)).map((m) => `${m.user.email}:${m.role}`)).toEqual(['ada@example.com:OWNER', 'bea@example.com:EDITOR']);

    const before = await h.everything();
    const reused = await h.accept(token, { name: 'Eve', password: 'eve has a long password' });
    expect(reused.body.data.acceptInvitation).toEqual(expect.objectContaining({ __typename: 'InputError', issues: [{ field: 'input.token', rule: 'used' }] }));
    expect(reused.setCookies).toEqual([]);
    expect(await h.everything()).toBe(before);
  });

  it('refuses an expired, a withdrawn, a replaced and an unknown link, writing nothing', async () => {
    const expired = await h.invite(owner, 'late@example.com', 'VIEWER');
    const withdrawn = await h.invite(owner, 'withdrawn@example.com', 'VIEWER');
    expect((await h.gql('mutation($id: ID!) { revokeInvitation(id: $id) { __typename } }', { id: withdrawn.id }, owner)).body.data.revokeInvitation.__typename).toBe('RevokeInvitationSuccess');
    const replaced = await h.invite(owner, 'twice@example.com', 'VIEWER');
    await h.invite(owner, 'twice@example.com', 'EDITOR');
    clock += 73 * 3_600_000;
    const before = await h.everything();
    for (const [token, rule] of [[expired.token, 'expired'], [withdrawn.token, 'revoked'], [replaced.token, 'revoked'], ['gpi_made-up', 'unknown']] as const) {
      const answer = await h.accept(token, { name: 'X', password: 'a long enough passphrase' });
      expect(answer.body.data.acceptInvitation, rule).toEqual(expect.objectContaining({ __typename: 'InputError', issues: [{ field: 'input.token', rule }] }));
    }
    expect(await h.everything()).toBe(before);
    // Three days on, Ada's session has ended too: she signs in again.
    owner = { cookie: h.sessionOf(await h.signIn('ada@example.com', 'a long enough passphrase')) };
  });

  it("keeps an invitation to its own workspace and its own person", async () => {
    const other = await h.signUp('other-owner@example.com');
    const link = await h.invite(owner, 'cara@example.com', 'VIEWER');
    const before = await h.everything();
    // Another workspace's owner neither sees nor withdraws it.
    expect((await h.gql('{ invitations { id } }', {}, { cookie: other.cookie })).body.data.invitations).toEqual([]);
    expect((await h.gql('mutation($id: ID!) { revokeInvitation(id: $id) { __typename } }', { id: link.id }, { cookie: other.cookie })).body.data.revokeInvitation.__typename).toBe('NotFoundError');
    // Someone signed in as another person cannot take it; an existing account must sign in first.
    expect((await h.accept(link.token, {}, { cookie: other.cookie })).body.data.acceptInvitation.issues).toEqual([{ field: 'input.token', rule: 'email' }]);
    const existing = await h.invite(owner, 'other-owner@example.com', 'VIEWER');
    expect((await h.accept(existing.token, { name: 'O', password: 'a long enough passphrase' })).body.data.acceptInvitation.issues).toEqual([{ field: 'input.token', rule: 'signed-in' }]);
    expect((await h.accept(link.token, { name: 'Cara' })).body.data.acceptInvitation.issues).toEqual([{ field: 'input.password', rule: 'required' }]);
    expect((await h.accept(link.token, { name: 'Cara', password: 'short' })).body.data.acceptInvitation.issues).toEqual([{ field: 'input.password', rule: 'length' }]);
    expect(await h.everything()).not.toBe(before); // the second invitation above
    const afterInvite = await h.everything();

    const cara = await h.accept(link.token, { name: 'Cara', password: 'violets are blue today' });
    const caraCookie = h.sessionOf(cara);
    // Cara is in Ada's workspace only, with the invited role.
    expect((await h.gql('{ workspaces { id role } }', {}, { cookie: caraCookie })).body.data.workspaces).toEqual([{ id: ownerWorkspace, role: 'VIEWER' }]);
    const elsewhere = await h.gql(planNames, {}, { cookie: caraCookie, workspace: other.workspaceId });
    expect(elsewhere.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(afterInvite).not.toBe(await h.everything());
  });

  it('admits one person when a link is raced', async () => {
    const link = await h.invite(owner, 'race@example.com', 'VIEWER');
    const answers = await Promise.all([0, 1, 2].map(() => h.accept(link.token, { name: 'Racer', password: 'a racing long password' })));
    const outcomes = answers.map((a) => a.body.data.acceptInvitation.__typename).sort();
    expect(outcomes).toEqual(['InputError', 'InputError', 'SignInSuccess']);
    expect((await members(owner)).filter((m) => m.user.email === 'race@example.com')).toHaveLength(1);
  });

  it('refuses to invite someone who is already a member', async () => {
    const answer = await h.gql('mutation { inviteMember(input: { email: "ada@example.com", role: VIEWER }) { __typename ... on InputError { issues { field rule } } } }', {}, owner);
    expect(answer.body.data.inviteMember).toEqual({ __typename: 'InputError', issues: [{ field: 'input.email', rule: 'member' }] });
  });
});

describe('members', () => {
  it('never leaves a workspace without an owner', async () => {
    const ada = await h.signUp('solo@example.com');
    const owner = { cookie: ada.cookie };
    const [me] = await members(owner);
    const before = await h.everything();
    const demote = await h.gql('mutation($id: ID!) { updateMemberRole(input: { id: $id, role: EDITOR }) { __typename ... on InputError { issues { field rule } } } }', { id: me!.id }, owner);
    expect(demote.body.data.updateMemberRole).toEqual({ __typename: 'InputError', issues: [{ field: 'input.role', rule: 'last-owner' }] });
    const leave = await h.gql('mutation($id: ID!) { removeMember(id: $id) { __typename ... on InputError { issues { field rule } } } }', { id: me!.id }, owner);
    expect(leave.body.data.removeMember).toEqual({ __typename: 'InputError', issues: [{ field: 'id', rule: 'last-owner' }] });
    expect(await h.everything()).toBe(before);

    // With a second owner, the first may step down.
    const second = await h.member(owner, 'second-owner@example.com', 'OWNER');
    expect((await h.gql('mutation($id: ID!) { updateMemberRole(input: { id: $id, role: VIEWER }) { ... on MemberSuccess { member { role } } } }', { id: me!.id }, owner)).body.data.updateMemberRole).toEqual({ member: { role: 'VIEWER' } });
    const refused = await h.gql('mutation($id: ID!) { updateMemberRole(input: { id: $id, role: OWNER }) { __typename ... on ForbiddenError { requiredRole } } }', { id: me!.id }, owner);
    expect(refused.body.data.updateMemberRole).toEqual({ __typename: 'ForbiddenError', requiredRole: 'OWNER' });
    expect((await members({ cookie: second.cookie })).map((m) => m.role).sort()).toEqual(['OWNER', 'VIEWER']);
  });

  it('lets a viewer leave, after which the workspace is closed to them', async () => {
    const ada = await h.signUp('host@example.com');
    const guest = await h.member({ cookie: ada.cookie }, 'guest@example.com', 'VIEWER');
    const mine = (await members({ cookie: guest.cookie })).find((m) => m.user.email === 'guest@example.com')!;
    const others = (await members({ cookie: guest.cookie })).find((m) => m.user.email === 'host@example.com')!;
    expect((await h.gql('mutation($id: ID!) { removeMember(id: $id) { __typename ... on ForbiddenError { requiredRole } } }', { id: others.id }, { cookie: guest.cookie })).body.data.removeMember).toEqual({ __typename: 'ForbiddenError', requiredRole: 'OWNER' });
    expect((await h.gql('mutation($id: ID!) { removeMember(id: $id) { __typename } }', { id: mine.id }, { cookie: guest.cookie })).body.data.removeMember.__typename).toBe('MemberSuccess');
    const after = await h.gql(planNames, {}, { cookie: guest.cookie });
    expect(after.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/no workspace yet/), extensions: { code: 'FORBIDDEN' } });
  });

  it('creates workspaces for signed-in people only', async () => {
    const ada = await h.signUp('creator@example.com');
    const token = await h.tokenWith({ cookie: ada.cookie }, 'OWNER');
    const byToken = await h.gql('mutation { createWorkspace(input: { name: "Side" }) { __typename ... on ForbiddenError { requiredRole message } } }', {}, { token: token.token });
    expect(byToken.body.data.createWorkspace).toEqual({ __typename: 'ForbiddenError', requiredRole: null, message: expect.stringMatching(/signed-in person/) });
    const bySession = await h.gql('mutation { createWorkspace(input: { name: "Side project" }) { ... on CreateWorkspaceSuccess { workspace { id name role } } } }', {}, { cookie: ada.cookie });
    expect(bySession.body.data.createWorkspace.workspace).toMatchObject({ name: 'Side project', role: 'OWNER' });
    expect((await h.gql('{ workspaces { name } }', {}, { cookie: ada.cookie })).body.data.workspaces.map((w: { name: string }) => w.name)).toEqual(["creator's workspace", 'Side project']);
  });
});
