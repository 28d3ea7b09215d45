import { findSocialAccounts, insertAlertOnce } from '@goalpost/db';
import { createCredentialCipher, oauthProviders } from '@goalpost/credentials';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from './gatewayHarness.ts';

/** A platform's OAuth token endpoint: trades `good-code` for tokens and records what it was sent. */
async function startTokenEndpoint() {
  const received: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://oauth');
      if (req.method === 'GET') {
        // Meta's long-lived exchange and a Page's own token (Graph API GETs beside the token endpoint).
        received.push(url.searchParams);
        const longLived = url.searchParams.get('grant_type') === 'fb_exchange_token' && url.searchParams.get('fb_exchange_token') === 'oauth-access-secret';
        const page = url.pathname === '/42' && req.headers.authorization === 'Bearer meta-long-secret';
        res.writeHead(longLived || page ? 200 : 400, { 'content-type': 'application/json' });
        res.end(JSON.stringify(longLived ? { access_token: 'meta-long-secret', expires_in: 5_000_000 } : page ? { access_token: 'meta-page-secret', id: '42' } : { error: { code: 190 } }));
        return;
      }
      const form = new URLSearchParams(body);
      received.push(form);
      const ok = form.get('grant_type') === 'authorization_code' && form.get('code') === 'good-code';
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { access_token: 'oauth-access-secret', refresh_token: 'oauth-refresh-secret', expires_in: 7200 } : { error: 'invalid_grant' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const connectMutation = `mutation($input: ConnectAccountInput!) { connectAccount(input: $input) {
  __typename
  ... on ConnectAccountSuccess { account { id status source externalId } authorizeUrl authorizationExpiresAt }
  ... on InputError { message issues { field rule message } } } }`;

describe('connecting CONNECTOR accounts', () => {
  const key = { id: 'k1', key: Buffer.alloc(32, 9) };
  const cipher = createCredentialCipher([key]);
  const logLines: string[] = [];
  let tokenEndpoint: Awaited<ReturnType<typeof startTokenEndpoint>>;
  let harness: GatewayHarness;
  let bare: GatewayHarness;

  beforeAll(async () => {
    tokenEndpoint = await startTokenEndpoint();
    harness = await startGatewayHarness('connect', {
      logLevel: 'debug',
      logDestination: new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString('utf8')), done()) }),
      connections: {
        credentialKeys: [key],
        oauthClients: {
          x: { provider: oauthProviders.x, clientId: 'x-app', clientSecret: 'x-app-secret', authorizeUrl: 'https://x.example/i/oauth2/authorize', tokenUrl: tokenEndpoint.url },
          meta: { provider: oauthProviders.meta, clientId: 'meta-app', clientSecret: 'meta-app-secret', authorizeUrl: 'https://meta.example/dialog/oauth', tokenUrl: tokenEndpoint.url },
        },
      },
    });
    bare = await startGatewayHarness('connect-bare');
  });
  afterAll(async () => {
    await harness?.close();
    await bare?.close();
    await tokenEndpoint?.close();
  });
  beforeEach(() => void (tokenEndpoint.received.length = 0));

  const fetchJobOf = async (accountId: string, platform: string) => {
    const jobs = await harness.deps.queues.metricsFetchQueueFor({ source: 'CONNECTOR', platform }).getJobs(['waiting', 'delayed', 'prioritized']);
    return jobs.find((job) => job.data.accountId === accountId);
  };
  const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

  it('seals a given token, answers without it, and queues the backfill', async () => {
    const ws = await harness.newWorkspace('Direct');
    const { body } = await ws.gql(connectMutation, {
      input: { platform: 'FACEBOOK', handle: 'Shop', source: 'CONNECTOR', externalId: '1234', credentials: { accessToken: 'direct-page-secret', refreshToken: 'direct-refresh-secret' } },
    });
    expect(body.data.connectAccount).toMatchObject({ __typename: 'ConnectAccountSuccess', account: { status: 'ACTIVE', source: 'CONNECTOR', externalId: '1234' }, authorizeUrl: null });

    const id = rawId(body.data.connectAccount.account.id);
    const [row] = await findSocialAccounts(harness.deps.db, ws.workspaceId, [id]);
    expect(JSON.stringify(row?.credentials)).not.toContain('direct-page-secret');
    expect(row?.credentials).toMatchObject({ v: 1, kid: 'k1' });
    expect(cipher.open(row?.credentials)).toEqual({ accessToken: 'direct-page-secret', refreshToken: 'direct-refresh-secret' });
    const job = await fetchJobOf(id, 'FACEBOOK');
    expect(job?.queueName).toBe('metrics-fetch-meta');
    expect(job?.data).toMatchObject({ accountId: id, reason: 'connect' });
    expect(JSON.stringify(job?.data)).not.toContain('secret');

    // A dashboard sees the backfill waiting its turn, then waiting for Meta when the app limit is reached.
    const fetchOf = async () => (await ws.gql(`query($id: ID!) { node(id: $id) { ... on SocialAccount { fetch { state progress from to resumesAt failedAttempts } } } }`, { id: body.data.connectAccount.account.id })).body.data.node.fetch;
    expect(await fetchOf()).toEqual({ state: 'QUEUED', progress: 0, from: job!.data.from, to: job!.data.to, resumesAt: null, failedAttempts: 0 });
    const metaQueue = harness.deps.queues.metricsFetchQueueFor({ source: 'CONNECTOR', platform: 'FACEBOOK' });
    await metaQueue.rateLimit(60_000);
    const waiting = await fetchOf();
    expect(waiting.state).toBe('WAITING_FOR_PLATFORM');
    expect(Math.abs(Date.parse(waiting.resumesAt) - (Date.now() + 60_000))).toBeLessThan(5_000);
    await metaQueue.removeRateLimitKey();
  });

  it('answers with a single-use consent link, and the callback exchanges the code, seals the tokens and activates the account', async () => {
    const ws = await harness.newWorkspace('OAuth');
    // X finds the user from the handle: no external id needed.
    const { body } = await ws.gql(connectMutation, { input: { platform: 'X', handle: '@shop', source: 'CONNECTOR' } });
    const result = body.data.connectAccount;
    expect(result.account.status).toBe('NEEDS_REAUTH');
    const authorize = new URL(result.authorizeUrl);
    expect(authorize.origin + authorize.pathname).toBe('https://x.example/i/oauth2/authorize');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: 'x-app', response_type: 'code', redirect_uri: 'http://gateway.test/oauth/callback',
      scope: 'tweet.read users.read offline.access', code_challenge_method: 'S256',
    });
    const state = authorize.searchParams.get('state')!;
    expect(state.length).toBeGreaterThanOrEqual(40);
    const id = rawId(result.account.id);
    expect(await fetchJobOf(id, 'X')).toBeUndefined();

    const forged = await harness.gateway.fetch(`http://gateway.test/oauth/callback?state=${'A'.repeat(43)}&code=good-code`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('no longer valid');
    expect(tokenEndpoint.received).toHaveLength(0);

    const callback = await harness.gateway.fetch(`http://gateway.test/oauth/callback?state=${state}&code=good-code`);
    expect(callback.status).toBe(200);
    const page = await callback.text();
    expect(page).toContain('Connected @shop');
    expect(page).not.toContain('oauth-access-secret');
    const sent = tokenEndpoint.received[0]!;
    expect(sent.get('redirect_uri')).toBe('http://gateway.test/oauth/callback');
    // PKCE: the verifier kept with the state is the one whose challenge went to the consent page.
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(sent.get('code_verifier')!).digest('base64url')).toBe(authorize.searchParams.get('code_challenge'));

    const [row] = await findSocialAccounts(harness.deps.db, ws.workspaceId, [id]);
    expect(row?.status).toBe('ACTIVE');
    expect(cipher.open(row?.credentials)).toMatchObject({ accessToken: 'oauth-access-secret', refreshToken: 'oauth-refresh-secret' });
    expect((await fetchJobOf(id, 'X'))?.data).toMatchObject({ reason: 'connect', source: 'CONNECTOR', platform: 'X' });

    const replay = await harness.gateway.fetch(`http://gateway.test/oauth/callback?state=${state}&code=good-code`);
    expect(replay.status).toBe(400);
    expect(tokenEndpoint.received).toHaveLength(1);
  });

  it("keeps a Facebook Page's own long-lived token after Meta's consent, not the short user token", async () => {
    const ws = await harness.newWorkspace('Meta OAuth');
    const { body } = await ws.gql(connectMutation, { input: { platform: 'FACEBOOK', handle: 'Shop', source: 'CONNECTOR', externalId: '42' } });
    const authorize = new URL(body.data.connectAccount.authorizeUrl);
    expect(authorize.searchParams.get('scope')).toBe('pages_show_list,pages_read_engagement,read_insights');
    const callback = await harness.gateway.fetch(`http://gateway.test/oauth/callback?state=${authorize.searchParams.get('state')}&code=good-code`);
    expect(callback.status).toBe(200);
    const [row] = await findSocialAccounts(harness.deps.db, ws.workspaceId, [rawId(body.data.connectAccount.account.id)]);
    expect(cipher.open(row?.credentials)).toEqual({ accessToken: 'meta-page-secret' });
    expect(tokenEndpoint.received.map((q) => q.get('grant_type') ?? q.get('fields'))).toEqual(['authorization_code', 'fb_exchange_token', 'access_token']);
  });

  it('re-authorises a revoked account: a fresh link, and the callback resolves its alert', async () => {
    const ws = await harness.newWorkspace('Reauth');
    const { body } = await ws.gql(connectMutation, { input: { platform: 'X', handle: '@revoked', source: 'CONNECTOR', externalId: '1', credentials: { accessToken: 'old-secret' } } });
    const globalId = body.data.connectAccount.account.id;
    const id = rawId(globalId);
    await harness.deps.db.updateTable('social_accounts').set({ status: 'NEEDS_REAUTH' }).where('id', '=', id).execute();
    const alert = await insertAlertOnce(harness.deps.db, ws.workspaceId, {
      planId: null, objectiveId: null, keyResultId: null, accountId: id, kind: 'ACCOUNT_NEEDS_REAUTH', severity: 'CRITICAL', message: 'needs re-authorising', dedupKey: `reauth-${id}`,
    });

    const listed = await ws.gql(`query($id: ID!) { node(id: $id) { ... on SocialAccount { status alerts(states: [OPEN]) { edges { node { kind account { handle } } } } } }
      viewer { alerts(states: [OPEN]) { edges { node { kind } } } } }`, { id: globalId });
    expect(listed.body.data.node).toEqual({ status: 'NEEDS_REAUTH', alerts: { edges: [{ node: { kind: 'ACCOUNT_NEEDS_REAUTH', account: { handle: '@revoked' } } }] } });
    expect(listed.body.data.viewer.alerts.edges).toEqual([{ node: { kind: 'ACCOUNT_NEEDS_REAUTH' } }]);
    const reauth = await ws.gql(`mutation($id: ID!) { reauthorizeAccount(id: $id) { __typename ... on ReauthorizeAccountSuccess { authorizeUrl } } }`, { id: globalId });
    const state = new URL(reauth.body.data.reauthorizeAccount.authorizeUrl).searchParams.get('state');
    const denied = await harness.gateway.fetch(`http://gateway.test/oauth/callback?state=${state}&error=access_denied`);
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain('access_denied');

    const again = await ws.gql(`mutation($id: ID!) { reauthorizeAccount(id: $id) { ... on ReauthorizeAccountSuccess { authorizeUrl } } }`, { id: globalId });
    const fresh = new URL(again.body.data.reauthorizeAccount.authorizeUrl).searchParams.get('state');
    expect((await harness.gateway.fetch(`http://gateway.test/oauth/callback?state=${fresh}&code=good-code`)).status).toBe(200);
    const [row] = await findSocialAccounts(harness.deps.db, ws.workspaceId, [id]);
    expect(row?.status).toBe('ACTIVE');
    const [resolved] = await harness.deps.db.selectFrom('alerts').select(['state']).where('id', '=', alert!.id).execute();
    expect(resolved?.state).toBe('RESOLVED');
  });

  it('refuses bad connections naming the field and the rule, and stores nothing', async () => {
    const ws = await harness.newWorkspace('Refused');
    const issuesOf = async (input: Record<string, unknown>, gateway = ws) => {
      const { body } = await gateway.gql(connectMutation, { input });
      expect(body.data.connectAccount.__typename).toBe('InputError');
      return body.data.connectAccount.issues.map((i: { field: string; rule: string }) => `${i.field}:${i.rule}`);
    };
    expect(await issuesOf({ platform: 'FACEBOOK', handle: 'No id', source: 'CONNECTOR', credentials: { accessToken: 't' } })).toEqual(['input.externalId:required']);
    expect(await issuesOf({ platform: 'WEBSITE', handle: 'shop.example', source: 'CONNECTOR', credentials: { accessToken: 't' } })).toEqual(['input.externalId:required']);
    expect(await issuesOf({ platform: 'OTHER', handle: 'Forum', source: 'CONNECTOR', externalId: '1' })).toEqual(['input.platform:connector']);
    expect(await issuesOf({ platform: 'X', handle: '@pushed', source: 'PUSH', credentials: { accessToken: 't' } })).toEqual(['input.credentials:connector-only']);
    // No OAuth app for LinkedIn on this gateway: say what the operator sets.
    const { body } = await ws.gql(connectMutation, { input: { platform: 'LINKEDIN', handle: 'Acme', source: 'CONNECTOR', externalId: '42' } });
    expect(body.data.connectAccount.issues[0]).toMatchObject({ field: 'input.source', rule: 'oauth-configured' });
    expect(body.data.connectAccount.issues[0].message).toContain('LINKEDIN_CLIENT_ID');
    expect(await issuesOf({ platform: 'X', handle: '@a', source: 'CONNECTOR', externalId: '1', credentials: { accessToken: 't' } }, await bare.newWorkspace('Bare'))).toEqual(['input.credentials:credentials-keys']);

    const accounts = await ws.gql('{ viewer { accounts { handle status } } }');
    // The LinkedIn account exists awaiting consent only if the link could be made: it could not.
    expect(accounts.body.data.viewer.accounts.filter((a: { status: string }) => a.status === 'ACTIVE')).toEqual([]);
  });

  it('never returns or logs a token', async () => {
    const ws = await harness.newWorkspace('Leaks');
    const { body } = await ws.gql(connectMutation, { input: { platform: 'INSTAGRAM', handle: '@leak', source: 'CONNECTOR', externalId: '9', credentials: { accessToken: 'leak-check-access', refreshToken: 'leak-check-refresh' } } });
    const listed = await ws.gql('{ viewer { accounts { id handle platform source status externalId lastSyncedAt } } }');
    const introspection = await ws.gql('{ __type(name: "SocialAccount") { fields { name } } }');
    expect(introspection.body.data.__type.fields.map((f: { name: string }) => f.name)).not.toContain('credentials');
    const everything = JSON.stringify([body, listed.body]) + logLines.join('');
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of ['leak-check-access', 'leak-check-refresh', 'oauth-access-secret', 'oauth-refresh-secret', 'direct-page-secret', 'x-app-secret', 'meta-long-secret', 'meta-page-secret', 'meta-app-secret']) {
      expect(everything).not.toContain(secret);
    }
  });
});
