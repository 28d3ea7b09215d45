import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsHarness, type Credentials, type TeamsHarness } from './teamsKit.ts';

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness('password-and-sessions');
});
afterAll(async () => h?.close());

const sessionsQuery = '{ viewer { sessions { id createdAt lastSeenAt expiresAt userAgent current } } }';
const viewerQuery = '{ viewer { user { email } } }';
const changePassword = (as: Credentials, currentPassword: string, newPassword: string) => h.gql(`mutation($input: ChangePasswordInput!) { changePassword(input: $input) {
  __typename ... on ChangePasswordSuccess { sessionsEnded sessionExpiresAt } ... on Error { message } ... on InputError { issues { field rule } }
  ... on ForbiddenError { requiredRole } } }`, { input: { currentPassword, newPassword } }, as);
const revokeSession = (as: Credentials, id: string) => h.gql(`mutation($id: ID!) { revokeSession(id: $id) {
  __typename ... on RevokeSessionSuccess { revokedId current } ... on NotFoundError { id } ... on InputError { issues { field } } ... on ForbiddenError { requiredRole } } }`, { id }, as);

/** Ada signed in from three browsers besides her sign-up's session. */
async function ada(email: string) {
  const person = await h.signUp(email);
  const from = async (userAgent: string) => {
    const answer = await h.signIn(person.email, person.password, { headers: { 'user-agent': userAgent } });
    return { cookie: h.sessionOf(answer) };
  };
  return { person, firefox: await from('Mozilla/5.0 Firefox/140.0'), safari: await from('Mozilla/5.0 Safari/18.0'), script: await from('curl/8.5.0') };
}

describe('viewer.sessions and revokeSession', () => {
  it("lists the person's live sessions with their user agent and the current one marked, never the session's secret", async () => {
    const { person, firefox, safari, script } = await ada('ada-list@example.com');
    const answer = await h.gql(sessionsQuery, {}, script);
    const sessions = answer.body.data.viewer.sessions as { id: string; userAgent: string | null; current: boolean; createdAt: string; lastSeenAt: string; expiresAt: string }[];
    expect(sessions).toHaveLength(4);
    expect(sessions.map((s) => [s.userAgent, s.current])).toEqual([
      ['curl/8.5.0', true], ['Mozilla/5.0 Safari/18.0', false], ['Mozilla/5.0 Firefox/140.0', false], [null, false],
    ]);
    for (const s of sessions) expect(Date.parse(s.expiresAt)).toBeGreaterThan(Date.parse(s.createdAt));
    // Neither the cookies' values nor their hashes appear anywhere in the answer.
    const text = JSON.stringify(answer.body);
    for (const { cookie } of [person, firefox, safari, script]) expect(text).not.toContain(cookie.split('=')[1]!);
    expect(text).not.toMatch(/gps_/);
  });

  it('ends one of them at once, refuses another person\'s or a token, and signs out when it is the current one', async () => {
    const { firefox, safari, script } = await ada('ada-revoke@example.com');
    const bob = await h.signUp('bob-revoke@example.com');
    const list = async (as: Credentials) => (await h.gql(sessionsQuery, {}, as)).body.data.viewer.sessions as { id: string; userAgent: string | null; current: boolean }[];
    const firefoxId = (await list(script)).find((s) => s.userAgent?.includes('Firefox'))!.id;

    expect((await revokeSession(script, firefoxId)).body.data.revokeSession).toEqual({ __typename: 'RevokeSessionSuccess', revokedId: firefoxId, current: false });
    expect((await h.gql(viewerQuery, {}, firefox)).status).toBe(401);
    expect((await list(script)).map((s) => s.userAgent)).not.toContain('Mozilla/5.0 Firefox/140.0');
    expect((await revokeSession(script, firefoxId)).body.data.revokeSession).toEqual({ __typename: 'NotFoundError', id: firefoxId });

    // Bob cannot end Ada's session, nor learn it exists; a token is not a person; a malformed id names the argument.
    const safariId = (await list(script)).find((s) => s.userAgent?.includes('Safari'))!.id;
    expect((await revokeSession({ cookie: bob.cookie }, safariId)).body.data.revokeSession).toEqual({ __typename: 'NotFoundError', id: safariId });
    expect((await h.gql(viewerQuery, {}, safari)).status).toBe(200);
    const token = await h.tokenWith(script, 'OWNER');
    expect((await revokeSession({ token: token.token }, safariId)).body.data.revokeSession).toEqual({ __typename: 'ForbiddenError', requiredRole: null });
    expect((await h.gql(sessionsQuery, {}, { token: token.token })).body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: null });
    expect((await revokeSession(script, 'not-an-id')).body.data.revokeSession).toEqual({ __typename: 'InputError', issues: [{ field: 'id' }] });

    const scriptId = (await list(script)).find((s) => s.current)!.id;
    const own = await revokeSession(script, scriptId);
    expect(own.body.data.revokeSession).toEqual({ __typename: 'RevokeSessionSuccess', revokedId: scriptId, current: true });
    expect(own.setCookies.some((c) => /^goalpost_session=;/.test(c))).toBe(true);
    expect((await h.gql(viewerQuery, {}, script)).status).toBe(401);
    expect((await h.gql(viewerQuery, {}, safari)).status).toBe(200);
  });
});

describe('changePassword', () => {
  it('refuses a wrong current password and a new one against the policy, changing nothing', async () => {
    const { person, safari } = await ada('ada-refuse@example.com');
    const before = await h.everything();
    expect((await changePassword(safari, 'not my password at all', 'a brand new passphrase')).body.data.changePassword)
      .toEqual({ __typename: 'InvalidCredentialsError', message: 'The current password is wrong. Nothing was changed.' });
    expect((await changePassword(safari, person.password, 'short')).body.data.changePassword).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.newPassword', rule: 'length' }] });
    expect((await changePassword(safari, person.password, 'Password1234')).body.data.changePassword).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.newPassword', rule: 'common' }] });
    expect((await changePassword(safari, person.password, person.password)).body.data.changePassword).toMatchObject({ __typename: 'InputError', issues: [{ field: 'input.newPassword', rule: 'unchanged' }] });
    expect(await h.everything()).toBe(before);
    const token = await h.tokenWith(safari, 'OWNER');
    expect((await changePassword({ token: token.token }, person.password, 'a brand new passphrase')).body.data.changePassword).toEqual({ __typename: 'ForbiddenError', message: expect.any(String), requiredRole: null });
    expect((await h.signIn(person.email, person.password)).body.data.signIn.__typename).toBe('SignInSuccess');
  });

  it('locks after repeated wrong current passwords, as sign-in does', async () => {
    const { person, firefox } = await ada('ada-lock@example.com');
    for (let i = 0; i < 4; i++) expect((await changePassword(firefox, `wrong guess number ${i}`, 'a brand new passphrase')).body.data.changePassword.__typename).toBe('InvalidCredentialsError');
    expect((await changePassword(firefox, 'wrong guess number 5', 'a brand new passphrase')).body.data.changePassword.__typename).toBe('SignInLockedError');
    expect((await changePassword(firefox, person.password, 'a brand new passphrase')).body.data.changePassword.__typename).toBe('SignInLockedError');
  });

  it('changes it, ends every other session at once, and replaces the current session with a new cookie', async () => {
    const { person, firefox, safari, script } = await ada('ada-change@example.com');
    const changed = await changePassword(safari, person.password, 'a brand new passphrase');
    expect(changed.body.data.changePassword).toEqual({ __typename: 'ChangePasswordSuccess', sessionsEnded: 3, sessionExpiresAt: expect.any(String) });
    const fresh = { cookie: h.sessionOf(changed) };
    expect(fresh.cookie).not.toBe(safari.cookie);
    for (const old of [person, firefox, safari, script]) expect((await h.gql(viewerQuery, {}, { cookie: old.cookie })).status).toBe(401);
    expect((await h.gql(viewerQuery, {}, fresh)).body.data.viewer.user.email).toBe(person.email);
    const sessions = (await h.gql(sessionsQuery, {}, fresh)).body.data.viewer.sessions as { current: boolean; userAgent: string | null }[];
    expect(sessions).toEqual([expect.objectContaining({ current: true })]);
    expect((await h.signIn(person.email, person.password)).body.data.signIn.__typename).toBe('InvalidCredentialsError');
    expect((await h.signIn(person.email, 'a brand new passphrase')).body.data.signIn.__typename).toBe('SignInSuccess');
  });

  it('is every signed-in person\'s, whatever their role in a workspace', async () => {
    const owner = await h.signUp('owner-viewer@example.com');
    const viewer = await h.member({ cookie: owner.cookie }, 'a-viewer@example.com', 'VIEWER');
    expect((await changePassword({ cookie: viewer.cookie }, 'a long enough passphrase', 'a viewer\'s new passphrase')).body.data.changePassword.__typename).toBe('ChangePasswordSuccess');
  });
});
