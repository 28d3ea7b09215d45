import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDemoWorkspace } from '../../src/bootstrap/bootstrapDemoWorkspace.ts';
import { startTeamsHarness, type TeamsHarness } from './teamsKit.ts';

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness('bootstrap');
});
afterAll(async () => h?.close());

const token = 'gp_bootstrap-token-for-the-demo';
const demoUser = { email: 'demo@goalpost.local', password: 'kept in the state dir' };

describe('the demo workspace', () => {
  it('is owned by a demo person who signs in, the bootstrap token being their first token', async () => {
    const first = await bootstrapDemoWorkspace(h.deps.db, { token, today: '2026-12-01', demoUser });
    expect(first.created).toBe(true);
    const signIn = await h.signIn(demoUser.email, demoUser.password);
    expect(signIn.body.data.signIn).toMatchObject({ __typename: 'SignInSuccess', viewer: { workspaceId: first.workspaceId, role: 'OWNER' } });
    const cookie = h.sessionOf(signIn);
    const tokens = await h.gql('{ apiTokens { label role prefix } plans { edges { node { name } } } }', {}, { cookie });
    expect(tokens.body.data.apiTokens).toEqual([{ label: 'bootstrap', role: 'OWNER', prefix: token.slice(0, 10) }]);
    expect(tokens.body.data.plans.edges).toHaveLength(1);
    const maker = await sql<{ email: string }>`select u.email from api_tokens t join users u on u.id = t.created_by`.execute(h.deps.db);
    expect(maker.rows).toEqual([{ email: demoUser.email }]);
    // The token acts as the demo workspace's owner.
    expect((await h.gql('{ viewer { role workspaceId } }', {}, { token })).body.data.viewer).toEqual({ role: 'OWNER', workspaceId: first.workspaceId });
  });

  it('is left as is when run again, the demo person given the kept password again if it changed', async () => {
    const before = await h.everything();
    const again = await bootstrapDemoWorkspace(h.deps.db, { token, today: '2026-12-02', demoUser });
    expect(again.created).toBe(false);
    expect(await h.everything()).toBe(before);

    const moved = await bootstrapDemoWorkspace(h.deps.db, { token, today: '2026-12-02', demoUser: { ...demoUser, password: 'a new kept password' } });
    expect(moved.workspaceId).toBe(again.workspaceId);
    expect((await h.signIn(demoUser.email, demoUser.password)).body.data.signIn.__typename).toBe('InvalidCredentialsError');
    expect((await h.signIn(demoUser.email, 'a new kept password')).body.data.signIn.__typename).toBe('SignInSuccess');
  });
});
