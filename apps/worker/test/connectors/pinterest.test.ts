import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectorRequest } from '../../src/connectors/connector.ts';
import { pinterestConnector } from '../../src/connectors/pinterest/pinterestConnector.ts';
import { platformFixture, startFakePlatform, type FakePlatform } from '../fakes/fakePlatformServer.ts';
import { pinterestFake, pinterestFollowers, pinterestToken, type PinterestFakeOptions } from '../fakes/pinterestFake.ts';
import { failureOf, sortPoints } from './connectorTestKit.ts';

let fake: FakePlatform;
let options: PinterestFakeOptions;

beforeAll(async () => {
  fake = await startFakePlatform((request) => pinterestFake(options)(request));
});
afterAll(() => fake.close());
beforeEach(() => {
  options = { today: '2024-06-20' };
  fake.reset();
});
afterEach(() => {
  vi.useRealTimers();
});

function request(overrides: Partial<ConnectorRequest> = {}): ConnectorRequest {
  return {
    account: { id: 'acc-p', platform: 'PINTEREST', handle: 'goalpost', externalId: '549755885175' },
    accessToken: pinterestToken,
    window: { from: '2024-06-01', to: '2024-06-02' },
    baseUrl: `${fake.baseUrl}/v5`,
    today: '2024-06-20',
    ...overrides,
  };
}

describe('pinterestConnector', () => {
  it('reads the daily account analytics of the window, with the documented request', async () => {
    const page = await pinterestConnector.fetch(request());

    // Fixture READY counts + day of month; PIN_CLICK is neither asked for nor mapped.
    expect(sortPoints(page.points)).toEqual(sortPoints([
      { metric: 'impressions', at: '2024-06-01', value: 1521 },
      { metric: 'engagements', at: '2024-06-01', value: 96 },
      { metric: 'link_clicks', at: '2024-06-01', value: 13 },
      { metric: 'shares', at: '2024-06-01', value: 32 },
      { metric: 'impressions', at: '2024-06-02', value: 1522 },
      { metric: 'engagements', at: '2024-06-02', value: 97 },
      { metric: 'link_clicks', at: '2024-06-02', value: 14 },
      { metric: 'shares', at: '2024-06-02', value: 33 },
    ]));
    expect(page.next).toBeUndefined();
    expect(page.slowDownUntil).toBeUndefined();

    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent!.method).toBe('GET');
    expect(sent!.path).toBe('/v5/user_account/analytics');
    expect(sent!.query.get('start_date')).toBe('2024-06-01');
    expect(sent!.query.get('end_date')).toBe('2024-06-02');
    expect(sent!.query.get('metric_types')!.split(',').sort()).toEqual(['ENGAGEMENT', 'IMPRESSION', 'OUTBOUND_CLICK', 'SAVE']);
    expect(sent!.headers.authorization).toBe(`Bearer ${pinterestToken}`);
  });

  it('reads an answer keyed ALL as well as all', async () => {
    options.upperCaseKey = true;
    const page = await pinterestConnector.fetch(request());
    expect(page.points.find((p) => p.metric === 'impressions' && p.at === '2024-06-02')?.value).toBe(1522);
  });

  it('asks for the follower count on a second page when today lies in the window; the cursor holds no token', async () => {
    const window = { from: '2024-06-19', to: '2024-06-20' };
    const first = await pinterestConnector.fetch(request({ window }));
    expect([...new Set(first.points.map((p) => p.at))].sort()).toEqual(['2024-06-19', '2024-06-20']);
    expect(first.points.some((p) => p.metric === 'followers')).toBe(false);
    expect(first.next).toBe('account');
    expect(first.next).not.toContain(pinterestToken);

    const second = await pinterestConnector.fetch(request({ window, cursor: first.next! }));
    expect(second.points).toEqual([{ metric: 'followers', at: '2024-06-20', value: pinterestFollowers }]);
    expect(second.next).toBeUndefined();

    expect(fake.requests.map((r) => r.path)).toEqual(['/v5/user_account/analytics', '/v5/user_account']);
    expect(fake.requests[1]!.headers.authorization).toBe(`Bearer ${pinterestToken}`);
  });

  it('honours a 429 until Retry-After, for this account', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T10:00:00Z'));
    fake.queue({ status: 429, headers: { 'retry-after': '30' }, body: { code: 29, message: 'You have exceeded your rate limit. Try again later.' } });

    const failure = await failureOf(pinterestConnector.fetch(request()));
    expect(failure.kind).toBe('RATE_LIMITED');
    expect(failure.details.retryAt).toEqual(new Date('2024-06-20T10:00:30Z'));
    expect(failure.details.scope).toBe('account');
  });

  it('reads X-RateLimit-Reset on a 429 without Retry-After, as seconds to wait or as an epoch', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T10:00:00Z'));
    fake.queue(
      { status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '45' }, body: { code: 29, message: 'Rate limit exceeded' } },
      { status: 429, headers: { 'x-ratelimit-reset': String(Date.parse('2024-06-20T10:05:00Z') / 1000) }, body: { code: 29, message: 'Rate limit exceeded' } },
    );

    const seconds = await failureOf(pinterestConnector.fetch(request()));
    expect(seconds.kind).toBe('RATE_LIMITED');
    expect(seconds.details.retryAt).toEqual(new Date('2024-06-20T10:00:45Z'));
    expect(seconds.details.scope).toBe('account');

    const epoch = await failureOf(pinterestConnector.fetch(request()));
    expect(epoch.details.retryAt).toEqual(new Date('2024-06-20T10:05:00Z'));
  });

  it('slows down when a successful answer says the budget is spent', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T10:00:00Z'));
    options.headers = { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '20' };
    const page = await pinterestConnector.fetch(request());
    expect(page.points.length).toBe(8);
    expect(page.slowDownUntil).toEqual({ until: new Date('2024-06-20T10:00:20Z'), scope: 'account' });

    options.headers = { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '20' };
    expect((await pinterestConnector.fetch(request())).slowDownUntil).toBeUndefined();
  });

  it('reports an expired token as AUTH_EXPIRED without leaking it', async () => {
    const failure = await failureOf(pinterestConnector.fetch(request({ accessToken: 'pina_expired' })));
    expect(failure.kind).toBe('AUTH_EXPIRED');
    expect(failure.details.status).toBe(401);
    expect(failure.message).not.toContain('pina_expired');
  });

  it('treats a 5xx as TRANSIENT, and the same request then succeeds', async () => {
    fake.queue({ status: 502, body: { code: 1000, message: 'Bad gateway' } });
    const failure = await failureOf(pinterestConnector.fetch(request()));
    expect(failure.kind).toBe('TRANSIENT');

    const page = await pinterestConnector.fetch(request());
    expect(page.points.find((p) => p.metric === 'shares' && p.at === '2024-06-01')?.value).toBe(32);
    expect(fake.requests).toHaveLength(2);
    expect([...fake.requests[1]!.query.entries()]).toEqual([...fake.requests[0]!.query.entries()]);
  });

  it('gives no point for a missing day nor for a day that is not READY', async () => {
    options.missingDays = ['2024-06-02'];
    options.processingDays = ['2024-06-04'];
    const page = await pinterestConnector.fetch(request({ window: { from: '2024-06-01', to: '2024-06-04' } }));

    expect([...new Set(page.points.map((p) => p.at))].sort()).toEqual(['2024-06-01', '2024-06-03']);
    expect(page.points.some((p) => p.value === 0)).toBe(false);
    expect(page.points.filter((p) => p.metric === 'impressions')).toEqual([
      { metric: 'impressions', at: '2024-06-01', value: 1521 },
      { metric: 'impressions', at: '2024-06-03', value: 1523 },
    ]);
  });

  it('gives no point for the fixture day that is still PROCESSING', async () => {
    fake.queue({ body: platformFixture('pinterest-user-account-analytics.json') });
    const page = await pinterestConnector.fetch(request());
    expect(sortPoints(page.points)).toEqual(sortPoints([
      { metric: 'impressions', at: '2024-06-01', value: 1520 },
      { metric: 'engagements', at: '2024-06-01', value: 95 },
      { metric: 'link_clicks', at: '2024-06-01', value: 12 },
      { metric: 'shares', at: '2024-06-01', value: 31 },
    ]));
  });

  it('reads metrics sent as strings', async () => {
    options.numbersAsStrings = true;
    const window = { from: '2024-06-20', to: '2024-06-20' };
    const first = await pinterestConnector.fetch(request({ window }));
    expect(sortPoints(first.points)).toEqual(sortPoints([
      { metric: 'impressions', at: '2024-06-20', value: 1540 },
      { metric: 'engagements', at: '2024-06-20', value: 115 },
      { metric: 'link_clicks', at: '2024-06-20', value: 32 },
      { metric: 'shares', at: '2024-06-20', value: 51 },
    ]));
    const second = await pinterestConnector.fetch(request({ window, cursor: first.next! }));
    expect(second.points).toEqual([{ metric: 'followers', at: '2024-06-20', value: pinterestFollowers }]);
  });

  it('keeps its windows inside what Pinterest accepts', async () => {
    expect(pinterestConnector.maxWindowDays).toBeLessThanOrEqual(90);
    expect(pinterestConnector.lookbackDays).toBeLessThanOrEqual(90);
    // The oldest window the runtime may ask for, at full length, is accepted by the fake's documented bounds.
    const from = new Date(Date.parse('2024-06-20T00:00:00Z') - pinterestConnector.lookbackDays * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.parse(`${from}T00:00:00Z`) + (pinterestConnector.maxWindowDays - 1) * 86_400_000).toISOString().slice(0, 10);
    const page = await pinterestConnector.fetch(request({ window: { from, to } }));
    expect(page.points.filter((p) => p.metric === 'impressions')).toHaveLength(pinterestConnector.maxWindowDays);
  });
});
