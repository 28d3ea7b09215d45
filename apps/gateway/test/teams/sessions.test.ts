import { eventually } from '@goalpost/devstack/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsHarness, type TeamsHarness } from './teamsKit.ts';

let clock = Date.parse('2026-12-01T09:00:00Z');
let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness('sessions', {
    now: () => new Date(clock),
    auth: { sessionIdleMinutes: 30, sessionMaxHours: 1, signInMaxFailures: 5, signInMaxFailuresPerAddress: 8, signUpMaxPerAddress: 100 },
    edge: { rateLimits: { trustedProxyHops: 1 } },
  });
});
afterAll(async () => h?.close());

const viewerQuery = '{ viewer { workspaceId workspaceName role user { email name } } }';
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
/** Timings compare the fastest of several samples: a shared machine only ever adds time to one. */
const fastest = (values: number[]) => Math.min(...values);

const signUpQuery = `mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on SignUpReceived { email message }
  ... on SignInLockedError { message retryAfterSeconds } ... on InputError { issues { field rule } } } }`;

describe('sign-up', () => {
  it('creates a person who owns a new workspace, signs nobody in, and signIn then sets an HttpOnly, SameSite=Lax session cookie holding an id stored only hashed', async () => {
    const answer = await h.gql(signUpQuery, { input: { email: ' Ada@Example.com ', password: 'correct horse battery', name: 'Ada' } });
    expect(answer.body.data.signUp).toEqual({ __typename: 'SignUpReceived', email: 'ada@example.com', message: expect.stringMatching(/sign in/) });
    expect(answer.setCookies).toEqual([]);
    const signedIn = await h.signIn('ada@example.com', 'correct horse battery');
    expect(signedIn.body.data.signIn).toMatchObject({
      __typename: 'SignInSuccess', user: { email: 'ada@example.com', name: 'Ada' }, workspaces: [{ name: "Ada's workspace", role: 'OWNER' }], viewer: { role: 'OWNER' },
    });
    const cookie = signedIn.setCookies.find((c) => c.startsWith('goalpost_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // plain http here
    const sessionId = cookie.split(';')[0]!.split('=')[1]!;

    const me = await h.gql(viewerQuery, {}, { cookie: cookie.split(';')[0]! });
    expect(me.body.data.viewer).toMatchObject({ workspaceName: "Ada's workspace", role: 'OWNER', user: { email: 'ada@example.com', name: 'Ada' } });

    const stored = await sql<{ id_hash: string; password_hash: string }>`select s.id_hash, u.password_hash from sessions s join users u on u.id = s.user_id where u.email = 'ada@example.com'`.execute(h.deps.db);
    expect(stored.rows[0]!.id_hash).not.toContain(sessionId);
    expect(stored.rows[0]!.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.rows[0]!.password_hash).not.toContain('correct horse');
  });

  it('marks the cookie Secure when the gateway is reached over HTTPS', async () => {
    const over = (query: string) => h.gateway.fetch('https://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://gateway.test' },
      body: JSON.stringify({ query }),
    });
    await over('mutation { signUp(input: { email: "secure@example.com", password: "a long enough passphrase", name: "S" }) { __typename } }');
    const response = await over('mutation { signIn(input: { email: "secure@example.com", password: "a long enough passphrase" }) { __typename } }');
    expect(response.headers.getSetCookie().find((c) => c.startsWith('goalpost_session='))).toMatch(/;\s*Secure/i);
  });

  it('refuses a weak password, naming the field and each rule, and writes nothing', async () => {
    const before = await h.everything();
    const cases: [string, string, string[]][] = [
      ['short@example.com', 'tiny1', ['length']],
      ['longname@example.com', 'longname-and-more', ['not-email']],
      ['common@example.com', 'Password1234', ['common']],
      ['same@example.com', 'aaaaaaaaaaaaaaaa', ['common']],
    ];
    for (const [email, password, rules] of cases) {
      const answer = await h.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on InputError { issues { field rule } } } }`, { input: { email, password, name: 'X' } });
      expect(answer.body.data.signUp, password).toEqual({ __typename: 'InputError', issues: rules.map((rule) => ({ field: 'input.password', rule })) });
    }
    expect(await h.everything()).toBe(before);
  });

  it('answers an email that already has an account as it answers a free one, in content and roughly in time, and changes nothing', async () => {
    const owner = await h.signUp('taken@example.com');
    const taken: number[] = [];
    const free: number[] = [];
    const answers = new Set<string>();
    const signUp = async (email: string, address: string, times?: number[]) => {
      const started = performance.now();
      const answer = await h.gql(signUpQuery, { input: { email, password: 'another long passphrase', name: 'T' } }, from(address));
      times?.push(performance.now() - started);
      // The same answer but for the email it repeats.
      answers.add(JSON.stringify({ status: answer.status, cookies: answer.setCookies, body: { ...answer.body.data.signUp, email: '' } }));
    };
    const before = await h.everything();
    await signUp('TAKEN@example.com', '10.8.9.1');
    expect(await h.everything(), 'a taken email: nothing written').toBe(before);
    for (let i = 0; i < 5; i++) {
      await signUp('TAKEN@example.com', `10.8.${i}.1`, taken);
      await signUp(`free${i}@example.com`, `10.8.${i}.2`, free);
    }
    expect(answers.size).toBe(1);
    expect(JSON.parse([...answers][0]!).body.__typename).toBe('SignUpReceived');
    const ratio = fastest(taken) / fastest(free);
    expect(ratio, `taken ${fastest(taken).toFixed(1)} ms, free ${fastest(free).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    // The account is as it was: its own password signs in, the one sent with the second sign-up does not.
    expect((await h.signIn(owner.email, owner.password)).body.data.signIn.__typename).toBe('SignInSuccess');
    expect((await h.signIn(owner.email, 'another long passphrase')).body.data.signIn.__typename).toBe('InvalidCredentialsError');
    expect((await h.signIn('free0@example.com', 'another long passphrase')).body.data.signIn.__typename).toBe('SignInSuccess');
    const malformed = await h.gql(`mutation { signUp(input: { email: "not an email", password: "another long passphrase", name: "T" }) { __typename ... on InputError { issues { field } } } }`);
    expect(malformed.body.data.signUp).toEqual({ __typename: 'InputError', issues: [{ field: 'input.email' }] });
  });

  it('throttles sign-ups per client address, taken emails counted alike, and only that address', async () => {
    const throttled = await startTeamsHarness('sessions-sign-up-throttle', { auth: { signUpMaxPerAddress: 3, signUpWindowMinutes: 60 }, edge: { rateLimits: { trustedProxyHops: 1 } } });
    try {
      // Counted in Redis once it is connected (before that, in memory): the test counts in Redis.
      await eventually('Redis connected', async () => (await throttled.deps.ready()).redis);
      const signUp = (email: string, address: string) => throttled.gql(signUpQuery, { input: { email, password: 'a long enough passphrase', name: 'N' } }, from(address));
      for (const email of ['one@example.com', 'one@example.com', 'two@example.com']) {
        expect((await signUp(email, '192.0.2.10')).body.data.signUp.__typename, email).toBe('SignUpReceived');
      }
      const before = await throttled.everything();
      const refused = await signUp('three@example.com', '192.0.2.10');
      expect(refused.body.data.signUp).toMatchObject({ __typename: 'SignInLockedError', message: expect.stringMatching(/Too many sign-ups from this address/) });
      expect(refused.body.data.signUp.retryAfterSeconds).toBeGreaterThan(3000);
      expect(refused.body.data.signUp.retryAfterSeconds).toBeLessThanOrEqual(3600);
      expect(await throttled.everything()).toBe(before);
      expect((await throttled.signIn('three@example.com', 'a long enough passphrase')).body.data.signIn.__typename).toBe('InvalidCredentialsError');
      expect((await signUp('three@example.com', '192.0.2.11')).body.data.signUp.__typename).toBe('SignUpReceived');
    } finally {
      await throttled.close();
    }
  });
});

describe('sign-in and sign-out', () => {
  it('gives a new session id at each sign-in and revokes the one the request came with', async () => {
    const ada = await h.signUp('rotate@example.com');
    const first = await h.signIn(ada.email, ada.password, { cookie: ada.cookie });
    expect(first.body.data.signIn.__typename).toBe('SignInSuccess');
    const fresh = h.sessionOf(first);
    expect(fresh).not.toBe(ada.cookie);
    expect((await h.gql(viewerQuery, {}, { cookie: ada.cookie })).status).toBe(401);
    expect((await h.gql(viewerQuery, {}, { cookie: fresh })).body.data.viewer.user.email).toBe('rotate@example.com');
  });

  it('signs out this session, or every session of the person, refused at once afterwards and the cookie cleared', async () => {
    const ada = await h.signUp('out@example.com');
    const second = h.sessionOf(await h.signIn(ada.email, ada.password));
    const third = h.sessionOf(await h.signIn(ada.email, ada.password));

    const out = await h.gql('mutation { signOut { sessionsEnded } }', {}, { cookie: ada.cookie });
    expect(out.body.data.signOut).toEqual({ sessionsEnded: 1 });
    expect(out.setCookies.some((c) => /^goalpost_session=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    expect((await h.gql(viewerQuery, {}, { cookie: ada.cookie })).status).toBe(401);
    expect((await h.gql(viewerQuery, {}, { cookie: second })).status).toBe(200);

    const everywhere = await h.gql('mutation { signOut(everywhere: true) { sessionsEnded } }', {}, { cookie: second });
    expect(everywhere.body.data.signOut).toEqual({ sessionsEnded: 2 });
    for (const cookie of [second, third]) expect((await h.gql(viewerQuery, {}, { cookie })).status).toBe(401);
  });

  it('ends a session unused for the idle time, and any session at its absolute expiry however much it is used', async () => {
    const idle = await h.signUp('idle@example.com');
    clock += 31 * 60_000;
    expect((await h.gql(viewerQuery, {}, { cookie: idle.cookie })).status).toBe(401);

    const busy = await h.signUp('busy@example.com');
    for (let minutes = 20; minutes < 60; minutes += 20) {
      clock += 20 * 60_000;
      expect((await h.gql(viewerQuery, {}, { cookie: busy.cookie })).status, `after ${minutes} minutes`).toBe(200);
    }
    clock += 20 * 60_000; // an hour after sign-in: the absolute limit
    const expired = await h.gql(viewerQuery, {}, { cookie: busy.cookie });
    expect(expired.status).toBe(401);
    expect(expired.setCookies.some((c) => /^goalpost_session=;/.test(c))).toBe(true);
  });
});

describe('sign-in abuse', () => {
  it('answers a wrong password and an unknown email alike, in content and roughly in time', async () => {
    const ada = await h.signUp('timing@example.com');
    const wrong: number[] = [];
    const unknown: number[] = [];
    const answers = new Set<string>();
    // The dummy hash is made at the first unknown email of a process: that one-off cost is not what is measured.
    await h.signIn('warm-up@example.com', 'not the password at all', from('10.1.0.99'));
    for (let i = 0; i < 4; i++) {
      for (const [email, times] of [[ada.email, wrong], [`nobody${i}@example.com`, unknown]] as const) {
        const started = performance.now();
        const answer = await h.signIn(email, 'not the password at all', from(`10.1.0.${i}`));
        times.push(performance.now() - started);
        answers.add(JSON.stringify({ status: answer.status, body: answer.body, cookies: answer.setCookies }));
      }
    }
    expect(answers.size).toBe(1);
    expect(JSON.parse([...answers][0]!).body.data.signIn).toEqual({ __typename: 'InvalidCredentialsError', message: 'The email or the password is wrong. Nothing was changed.' });
    // Both verify an argon2id hash: the unknown email is not answered faster.
    const ratio = fastest(unknown) / fastest(wrong);
    expect(ratio, `unknown ${fastest(unknown).toFixed(1)} ms, wrong password ${fastest(wrong).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('locks an email after repeated failures, even for the right password, whether or not the email exists', async () => {
    const ada = await h.signUp('locked@example.com');
    for (const email of [ada.email, 'ghost@example.com']) {
      for (let i = 0; i < 5; i++) {
        const answer = await h.signIn(email, `wrong password ${i}!`, from(`10.2.${i}.1`));
        expect(answer.body.data.signIn.__typename).toBe('InvalidCredentialsError');
      }
      const locked = await h.signIn(email, email === ada.email ? ada.password : 'whatever it is', from('10.2.9.9'));
      expect(locked.body.data.signIn).toMatchObject({ __typename: 'SignInLockedError', message: expect.stringMatching(/try again in 15 minutes/) });
      expect(locked.body.data.signIn.retryAfterSeconds).toBeGreaterThan(800);
      expect(locked.body.data.signIn.retryAfterSeconds).toBeLessThanOrEqual(900);
      expect(locked.setCookies).toEqual([]);
    }
    // Another person is not affected, and a success clears the count.
    const bob = await h.signUp('bob-not-locked@example.com');
    expect((await h.signIn(bob.email, 'wrong password here', from('10.3.0.1'))).body.data.signIn.__typename).toBe('InvalidCredentialsError');
    expect((await h.signIn(bob.email, bob.password, from('10.3.0.1'))).body.data.signIn.__typename).toBe('SignInSuccess');
  });

  it('locks a client address that fails on many emails, and only that address', async () => {
    const ada = await h.signUp('address@example.com');
    for (let i = 0; i < 8; i++) {
      expect((await h.signIn(`spray${i}@example.com`, 'guessed password 1', from('203.0.113.7'))).body.data.signIn.__typename).toBe('InvalidCredentialsError');
    }
    expect((await h.signIn(ada.email, ada.password, from('203.0.113.7'))).body.data.signIn.__typename).toBe('SignInLockedError');
    expect((await h.signIn(ada.email, ada.password, from('198.51.100.2'))).body.data.signIn.__typename).toBe('SignInSuccess');
  });
});

describe('missing and wrong credentials', () => {
  it('answers a missing token, a wrong one, a malformed header and an ended session exactly alike (401, UNAUTHENTICATED)', async () => {
    const ada = await h.signUp('alike@example.com');
    await h.gql('mutation { signOut { sessionsEnded } }', {}, { cookie: ada.cookie });
    for (const query of [viewerQuery, 'mutation { createPlan(input: { name: "P", startsOn: "2026-01-01", endsOn: "2026-02-01" }) { __typename } }']) {
      const answers = [
        await h.gql(query),
        await h.gql(query, {}, { token: 'gp_not-a-token' }),
        await h.gql(query, {}, { headers: { authorization: 'Basic Zm9vOmJhcg==' } }),
        await h.gql(query, {}, { cookie: ada.cookie }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.body).toEqual(answers[0]!.body);
      }
      expect(answers[0]!.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      expect(answers[0]!.body.data ?? null).toBeNull();
    }
  });
});

describe('closed deployments', () => {
  it('refuses sign-up when it is switched off, writing nothing', async () => {
    const closed = await startTeamsHarness('sessions-closed', { auth: { signUpEnabled: false } });
    try {
      const before = await closed.everything();
      const answer = await closed.gql(`mutation { signUp(input: { email: "x@example.com", password: "a long enough passphrase", name: "X" }) { __typename ... on ForbiddenError { message requiredRole } } }`);
      expect(answer.body.data.signUp).toEqual({ __typename: 'ForbiddenError', message: expect.stringMatching(/closed/), requiredRole: null });
      expect(answer.setCookies).toEqual([]);
      expect(await closed.everything()).toBe(before);
    } finally {
      await closed.close();
    }
  });
});
