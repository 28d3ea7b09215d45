import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSocket } from './liveClients.ts';
import { origin, startTeamsHarness, type TeamsHarness } from './teamsKit.ts';

let h: TeamsHarness;
let owner: Awaited<ReturnType<TeamsHarness['signUp']>>;
let token: string;
beforeAll(async () => {
  h = await startTeamsHarness('csrf', { auth: { appOrigins: ['https://app.goalpost.test'] } });
  owner = await h.signUp('owner@example.com');
  token = (await h.tokenWith({ cookie: owner.cookie }, 'OWNER')).token;
});
afterAll(async () => h?.close());

const createPlan = 'mutation { createPlan(input: { name: "Forged", startsOn: "2026-01-01", endsOn: "2026-06-30" }) { __typename } }';
const form = (query: string) => new URLSearchParams({ query }).toString();
/** What an HTML form with enctype=multipart/form-data posts (GraphQL multipart request spec). */
const multipart = (query: string) =>
  ['--x', 'Content-Disposition: form-data; name="operations"', '', JSON.stringify({ query }), '--x', 'Content-Disposition: form-data; name="map"', '', '{}', '--x--', ''].join('\r\n');

describe('cookie-authenticated requests from another site', () => {
  it('refuse a cross-site HTML form post that carries the cookie, writing nothing', async () => {
    const before = await h.everything();
    const forged = await h.send(
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: form(createPlan) },
      { cookie: owner.cookie },
    );
    expect(forged.status).toBe(403);
    expect(forged.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/https:\/\/evil\.example/), extensions: { code: 'CSRF_REFUSED' } });
    expect(await h.everything()).toBe(before);
  });

  it('refuse a foreign Origin even with JSON, a cross-site Sec-Fetch-Site without Origin, and a form post without the CSRF header from the right origin', async () => {
    const before = await h.everything();
    const attempts: { status: number; headers: Record<string, string>; body: string }[] = [
      { status: 403, headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ query: createPlan }) },
      { status: 403, headers: { 'content-type': 'application/json', origin: 'null' }, body: JSON.stringify({ query: createPlan }) },
      { status: 403, headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body: JSON.stringify({ query: createPlan }) },
      { status: 403, headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: form(createPlan) },
      { status: 403, headers: { 'content-type': 'multipart/form-data; boundary=x', origin }, body: multipart(createPlan) },
      // yoga reads no text/plain body at all
      { status: 415, headers: { 'content-type': 'text/plain', origin }, body: JSON.stringify({ query: createPlan }) },
    ];
    for (const { status, ...attempt } of attempts) {
      const answer = await h.send({ method: 'POST', ...attempt }, { cookie: owner.cookie });
      expect(answer.status, JSON.stringify(attempt.headers)).toBe(status);
      if (status === 403) expect(answer.body.errors?.[0]?.extensions?.code).toBe('CSRF_REFUSED');
    }
    expect(await h.everything()).toBe(before);
  });

  it('let the gateway origin and the allowed dashboard origin act with the cookie', async () => {
    for (const from of [origin, 'https://app.goalpost.test']) {
      const answer = await h.send({ method: 'POST', headers: { 'content-type': 'application/json', origin: from }, body: JSON.stringify({ query: createPlan }) }, { cookie: owner.cookie });
      expect(answer.body.data.createPlan.__typename, from).toBe('CreatePlanSuccess');
    }
    // A non-browser client (no Origin, no Sec-Fetch-Site) sending JSON is not a forged form.
    const script = await h.send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: createPlan }) }, { cookie: owner.cookie });
    expect(script.body.data.createPlan.__typename).toBe('CreatePlanSuccess');
  });

  it('do not concern bearer tokens, which a browser never attaches by itself', async () => {
    const answer = await h.send({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: form(createPlan) }, { token });
    expect(answer.body.data.createPlan.__typename).toBe('CreatePlanSuccess');
  });

  it('refuse a sign-in posted from another site (login CSRF)', async () => {
    const answer = await h.send({
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ query: `mutation { signIn(input: { email: "${owner.email}", password: "${owner.password}" }) { __typename ... on ForbiddenError { message } } }` }),
    });
    expect(answer.body.data.signIn).toEqual({ __typename: 'ForbiddenError', message: expect.stringMatching(/evil\.example/) });
    expect(answer.setCookies).toEqual([]);
  });
});

describe('a WebSocket opened from another site with the cookie', () => {
  let server: Server;
  let closeWebSockets: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    server = createServer(h.gateway.yoga);
    closeWebSockets = h.gateway.attachWebSockets(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
  });
  afterAll(async () => {
    await closeWebSockets?.();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('is refused at connect (4403), while the same cookie from the gateway origin connects', async () => {
    const hijack = openWebSocket(url, { headers: { cookie: owner.cookie, origin: 'https://evil.example' } });
    expect(await hijack.closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/evil\.example/) });
    const own = openWebSocket(url, { headers: { cookie: owner.cookie, origin: new URL(url.replace('ws:', 'http:')).origin } });
    await own.connected;
    await own.client.dispose();
  });
});
