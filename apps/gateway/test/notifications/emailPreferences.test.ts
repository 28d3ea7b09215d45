import { randomBytes } from 'node:crypto';
import { createUnsubscribeTokens, parseCredentialKeys } from '@goalpost/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { origin, startTeamsHarness, type Credentials, type TeamsHarness } from '../teams/teamsKit.ts';

const keys = parseCredentialKeys(`k1:${randomBytes(32).toString('base64')}`);
const UPDATE = `mutation($events: [NotificationEvent!]!) { updateEmailPreferences(input: { events: $events }) {
  __typename ... on UpdateEmailPreferencesSuccess { emailEvents } ... on ForbiddenError { code }
} }`;

describe('members\' e-mail preferences and unsubscribe links', () => {
  let h: TeamsHarness;
  let owner: Credentials & { workspaceId?: string };
  let viewer: Credentials;
  let workspaceId: string;

  beforeAll(async () => {
    h = await startTeamsHarness('mailprefs', { connections: { credentialKeys: keys } });
    const signedUp = await h.signUp('owner@example.com');
    owner = { cookie: signedUp.cookie };
    workspaceId = signedUp.workspaceId;
    viewer = { cookie: (await h.member(owner, 'Viewer@Example.com', 'VIEWER')).cookie };
  });
  afterAll(async () => h?.close());

  it('lets every member, a VIEWER too, choose the kinds of e-mail they get, shown on viewer and members', async () => {
    const before = await h.gql('{ viewer { emailEvents } }', {}, viewer);
    expect(before.body.data.viewer.emailEvents).toEqual(['ALERT_RAISED', 'ALERT_RESOLVED', 'STATUS_CHANGED', 'WEEKLY_DIGEST']);
    const set = await h.gql(UPDATE, { events: ['WEEKLY_DIGEST', 'ALERT_RAISED'] }, viewer);
    expect(set.body.data.updateEmailPreferences).toEqual({ __typename: 'UpdateEmailPreferencesSuccess', emailEvents: ['ALERT_RAISED', 'WEEKLY_DIGEST'] });
    const members = await h.gql('{ members { user { email } emailEvents } }', {}, owner);
    expect(members.body.data.members).toEqual(expect.arrayContaining([
      { user: { email: 'viewer@example.com' }, emailEvents: ['ALERT_RAISED', 'WEEKLY_DIGEST'] },
      { user: { email: 'owner@example.com' }, emailEvents: ['ALERT_RAISED', 'ALERT_RESOLVED', 'STATUS_CHANGED', 'WEEKLY_DIGEST'] },
    ]));
    const rows = await h.deps.db.selectFrom('email_opt_outs').select(['email', 'event']).orderBy('event').execute();
    expect(rows).toEqual([{ email: 'viewer@example.com', event: 'ALERT_RESOLVED' }, { email: 'viewer@example.com', event: 'STATUS_CHANGED' }]);
  });

  it('refuses an API token, which has no inbox, writing nothing', async () => {
    const token = await h.tokenWith(owner, 'OWNER');
    const before = await h.everything();
    const answer = await h.gql(UPDATE, { events: [] }, { token: token.token });
    expect(answer.body.data.updateEmailPreferences).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
    expect(await h.everything()).toBe(before);
    expect((await h.gql('{ viewer { emailEvents } }', {}, { token: token.token })).body.data.viewer.emailEvents).toBeNull();
  });

  it('stops one kind of e-mail to one address with a signed link: GET asks, POST (one-click) records, a forged link changes nothing', async () => {
    const tokens = createUnsubscribeTokens(keys);
    const token = tokens.sign({ workspaceId, email: 'owner@example.com', event: 'WEEKLY_DIGEST' });
    const url = `/unsubscribe?token=${encodeURIComponent(token)}`;
    const get = await h.gateway.fetch(`http://gateway.test${url}`);
    expect(get.status).toBe(200);
    expect(await get.text()).toContain('Stop weekly digest e-mails from');
    expect(await h.deps.db.selectFrom('email_opt_outs').select('event').where('email', '=', 'owner@example.com').execute()).toEqual([]);

    // Another event under the same signature (the first signature character changed would do as well).
    const [kid, , signature] = token.split('.');
    const forged = `${kid}.${Buffer.from(JSON.stringify({ w: workspaceId, e: 'owner@example.com', v: 'ALERT_RAISED' })).toString('base64url')}.${signature}`;
    const refused = await h.gateway.fetch(`http://gateway.test/unsubscribe?token=${encodeURIComponent(forged)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(refused.status).toBe(400);
    const otherKeys = createUnsubscribeTokens(parseCredentialKeys(`k1:${randomBytes(32).toString('base64')}`));
    const stranger = await h.gateway.fetch(`http://gateway.test/unsubscribe?token=${encodeURIComponent(otherKeys.sign({ workspaceId, email: 'owner@example.com', event: 'ALERT_RAISED' }))}`, { method: 'POST' });
    expect(stranger.status).toBe(400);
    expect(await h.deps.db.selectFrom('email_opt_outs').select('event').where('email', '=', 'owner@example.com').execute()).toEqual([]);

    // The page's button (same origin), then a mail client's one-click POST (no Origin, no cookie): once.
    for (const headers of [{ origin }, {}]) {
      const post = await h.gateway.fetch(`http://gateway.test${url}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'List-Unsubscribe=One-Click' });
      expect(post.status).toBe(200);
      expect(await post.text()).toContain('You will no longer get weekly digest e-mails from');
    }
    const owners = await h.gql('{ viewer { emailEvents } }', {}, owner);
    expect(owners.body.data.viewer.emailEvents).toEqual(['ALERT_RAISED', 'ALERT_RESOLVED', 'STATUS_CHANGED']);
  });
});
