import { sql } from 'kysely';
import { startGatewayHarness, type GatewayHarness, type GatewayHarnessOptions } from '../gatewayHarness.ts';

/** One answer of the gateway, with the cookies it set. */
export interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: any }[] };
  setCookies: string[];
}

export interface Credentials {
  cookie?: string;
  token?: string;
  workspace?: string;
  headers?: Record<string, string>;
}

export const origin = 'http://gateway.test';

/** A gateway with people: helpers to sign up, sign in and act as a session or a token, over its public API. */
export async function startTeamsHarness(label: string, options: GatewayHarnessOptions = {}) {
  const harness = await startGatewayHarness(label, options);

  async function send(init: RequestInit & { headers: Record<string, string> }, as: Credentials = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (as.token) headers.authorization = `Bearer ${as.token}`;
    if (as.cookie) headers.cookie = as.cookie;
    if (as.workspace) headers['x-goalpost-workspace'] = as.workspace;
    Object.assign(headers, as.headers);
    const response = await harness.gateway.fetch(`${origin}/graphql`, { ...init, headers });
    const text = await response.text();
    let body: Answer['body'] = {};
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = { errors: [{ message: text }] };
    }
    return { status: response.status, body, setCookies: response.headers.getSetCookie() };
  }

  /** A GraphQL request as a browser on the gateway's own origin sends it (JSON, Origin header). */
  const gql = (query: string, variables: Record<string, unknown> = {}, as: Credentials = {}) =>
    send({ method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ query, variables }) }, as);

  const signInFields = `__typename ... on SignInSuccess { user { id email name } workspaces { id name role } viewer { workspaceId role } sessionExpiresAt }
    ... on Error { message } ... on InputError { issues { field rule } } ... on SignInLockedError { retryAfterSeconds }`;

  /** The `name=value` of the session cookie a response set. */
  const sessionOf = (answer: Answer): string => {
    const cookie = answer.setCookies.find((c) => c.startsWith('goalpost_session=') && !c.startsWith('goalpost_session=;'));
    if (!cookie) throw new Error(`No session cookie was set: ${JSON.stringify(answer.body)}`);
    return cookie.split(';')[0]!;
  };

  /** A new person through signUp (which answers SignUpReceived and signs nobody in), then signIn. */
  async function signUp(email: string, password = 'a long enough passphrase', name = email.split('@')[0]!) {
    const answer = await gql(`mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on Error { message } ... on InputError { issues { field rule } } } }`, { input: { email, password, name } });
    if (answer.body.data?.signUp?.__typename !== 'SignUpReceived') throw new Error(`signUp failed: ${JSON.stringify(answer.body)}`);
    const signedIn = await gql(`mutation($input: SignInInput!) { signIn(input: $input) { ${signInFields} } }`, { input: { email, password } });
    const payload = signedIn.body.data?.signIn;
    if (payload?.__typename !== 'SignInSuccess') throw new Error(`signIn after signUp failed: ${JSON.stringify(signedIn.body)}`);
    return { cookie: sessionOf(signedIn), workspaceId: payload.workspaces[0].id as string, userId: payload.user.id as string, email, password };
  }

  const signIn = (email: string, password: string, as: Credentials = {}) =>
    gql(`mutation($input: SignInInput!) { signIn(input: $input) { ${signInFields} } }`, { input: { email, password } }, as);

  /** A token of the caller's workspace with `role`, made through createApiToken. */
  async function tokenWith(owner: Credentials, role: 'OWNER' | 'EDITOR' | 'VIEWER', label = `${role.toLowerCase()} script`) {
    const answer = await gql(`mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename ... on CreateApiTokenSuccess { token apiToken { id prefix } } ... on Error { message } } }`, { input: { label, role } }, owner);
    const payload = answer.body.data?.createApiToken;
    if (payload?.__typename !== 'CreateApiTokenSuccess') throw new Error(`createApiToken failed: ${JSON.stringify(answer.body)}`);
    return { token: payload.token as string, id: payload.apiToken.id as string, prefix: payload.apiToken.prefix as string };
  }

  /** Invites `email` into the owner's workspace and answers the link's token. */
  async function invite(owner: Credentials, email: string, role: 'OWNER' | 'EDITOR' | 'VIEWER') {
    const answer = await gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { __typename ... on InviteMemberSuccess { invitation { id url expiresAt } } ... on Error { message } } }`, { input: { email, role } }, owner);
    const payload = answer.body.data?.inviteMember;
    if (payload?.__typename !== 'InviteMemberSuccess') throw new Error(`inviteMember failed: ${JSON.stringify(answer.body)}`);
    return { id: payload.invitation.id as string, url: payload.invitation.url as string, token: new URL(payload.invitation.url).hash.replace('#token=', '') };
  }

  const accept = (token: string, person: { name?: string; password?: string } = {}, as: Credentials = {}) =>
    gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${signInFields} } }`, { input: { token, ...person } }, as);

  /** A new person who joins `owner`'s workspace with `role` through an invitation; answers their session. */
  async function member(owner: Credentials, email: string, role: 'OWNER' | 'EDITOR' | 'VIEWER') {
    const link = await invite(owner, email, role);
    const answer = await accept(link.token, { name: email.split('@')[0]!, password: 'a long enough passphrase' });
    if (answer.body.data?.acceptInvitation?.__typename !== 'SignInSuccess') throw new Error(`acceptInvitation failed: ${JSON.stringify(answer.body)}`);
    return { cookie: sessionOf(answer), userId: answer.body.data.acceptInvitation.user.id as string };
  }

  /**
   * A fingerprint of every table's content (the moving "last used/seen" stamps left out) and of the
   * queues: equal before and after means nothing was written and nothing enqueued.
   */
  async function everything(): Promise<string> {
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by 1`.execute(harness.deps.db);
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const { rows } = await sql<{ digest: string | null; n: string }>`select md5(coalesce(string_agg((to_jsonb(t) - 'last_used_at' - 'last_seen_at')::text, ',' order by (to_jsonb(t) - 'last_used_at' - 'last_seen_at')::text), '')) as digest, count(*) as n from ${sql.table(name)} t`.execute(harness.deps.db);
      parts.push(`${name}:${rows[0]!.n}:${rows[0]!.digest}`);
    }
    parts.push(`jobs:${await harness.jobCounts()}`);
    return parts.join('\n');
  }

  return { ...harness, send, gql, signUp, signIn, sessionOf, tokenWith, invite, accept, member, everything };
}
export type TeamsHarness = Awaited<ReturnType<typeof startTeamsHarness>>;
export type { GatewayHarness };
