import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectorRequest } from '../../src/connectors/connector.ts';
import { metaInstagramConnector } from '../../src/connectors/meta-instagram/metaInstagramConnector.ts';
import { platformFixture, startFakePlatform, type FakePlatform } from '../fakes/fakePlatformServer.ts';
import { igFollowers, igUserId, metaGraphFake, metaToken, type MetaFakeOptions } from '../fakes/metaGraphFake.ts';
import { failureOf, fetchAllPages, sortPoints } from './connectorTestKit.ts';

let fake: FakePlatform;
let options: MetaFakeOptions;

beforeAll(async () => {
  fake = await startFakePlatform((request) => metaGraphFake(options)(request));
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
    account: { id: 'acc-ig', platform: 'INSTAGRAM', handle: 'goalpost', externalId: igUserId },
    accessToken: metaToken,
    window: { from: '2024-06-01', to: '2024-06-02' },
    baseUrl: `${fake.baseUrl}/v23.0`,
    today: '2024-06-20',
    ...overrides,
  };
}

const fetchAll = (first: ConnectorRequest) => fetchAllPages(metaInstagramConnector, first);

const noon = (day: string) => String(Date.parse(`${day}T12:00:00Z`) / 1000);

/** The fake's totals: the fixture's (reach 224, views 1834) or made-up bases, plus the day of the month. */
function dayPoints(day: string) {
  const dom = Number(day.slice(8, 10));
  return [
    { metric: 'reach', at: day, value: 224 + dom },
    { metric: 'impressions', at: day, value: 1834 + dom },
    { metric: 'engagements', at: day, value: 140 + dom },
    { metric: 'reactions', at: day, value: 96 + dom },
    { metric: 'comments', at: day, value: 14 + dom },
    { metric: 'shares', at: day, value: 9 + dom },
  ];
}

describe('metaInstagramConnector', () => {
  it('asks one day of total_value per request, with the documented parameters and a Bearer token', async () => {
    const page = await metaInstagramConnector.fetch(request());

    expect(sortPoints(page.points)).toEqual(sortPoints(dayPoints('2024-06-01')));
    expect(page.slowDownUntil).toBeUndefined();

    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent!.method).toBe('GET');
    expect(sent!.path).toBe(`/v23.0/${igUserId}/insights`);
    expect(sent!.query.get('metric')!.split(',').sort()).toEqual(['comments', 'likes', 'reach', 'shares', 'total_interactions', 'views']);
    expect(sent!.query.get('period')).toBe('day');
    expect(sent!.query.get('metric_type')).toBe('total_value');
    expect(sent!.query.get('since')).toBe(noon('2024-06-01'));
    expect(sent!.query.get('until')).toBe(noon('2024-06-02'));
    expect(sent!.headers.authorization).toBe(`Bearer ${metaToken}`);
    expect(sent!.query.has('access_token')).toBe(false);
  });

  it('walks the window a day per page; the cursor names the next day and holds no token', async () => {
    const first = await metaInstagramConnector.fetch(request());
    expect(first.next).toBeDefined();
    expect(first.next).not.toContain(metaToken);
    expect(JSON.parse(first.next!)).toEqual({ p: 'day', d: '2024-06-02' });

    const second = await metaInstagramConnector.fetch(request({ cursor: first.next! }));
    expect(sortPoints(second.points)).toEqual(sortPoints(dayPoints('2024-06-02')));
    expect(second.next).toBeUndefined();
    expect(fake.requests.map((r) => [r.query.get('since'), r.query.get('until')])).toEqual([
      [noon('2024-06-01'), noon('2024-06-02')],
      [noon('2024-06-02'), noon('2024-06-03')],
    ]);
  });

  it('ends with the follower count, dated today, when today lies in the window', async () => {
    const { pages, points } = await fetchAll(request({ window: { from: '2024-06-19', to: '2024-06-20' } }));
    expect(pages).toHaveLength(3);
    expect(sortPoints(points)).toEqual(sortPoints([...dayPoints('2024-06-19'), ...dayPoints('2024-06-20'), { metric: 'followers', at: '2024-06-20', value: igFollowers }]));
    const last = fake.requests.at(-1)!;
    expect(last.path).toBe(`/v23.0/${igUserId}`);
    expect(last.query.get('fields')).toBe('followers_count');
    expect(last.headers.authorization).toBe(`Bearer ${metaToken}`);
    for (const page of pages) expect(page.next ?? '').not.toContain(metaToken);
  });

  it('reads the fixture: the total of each metric, breakdowns aside; accounts_engaged maps to nothing', async () => {
    fake.queue({ body: platformFixture('instagram-user-insights-total-value.json') });
    const page = await metaInstagramConnector.fetch(request({ window: { from: '2024-06-05', to: '2024-06-05' } }));
    expect(sortPoints(page.points)).toEqual(sortPoints([
      { metric: 'reach', at: '2024-06-05', value: 224 },
      { metric: 'impressions', at: '2024-06-05', value: 1834 },
    ]));
    expect(page.next).toBeUndefined();
  });

  it('honours a business use case limit until Meta says access returns, and the app limit for every account', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T10:00:00Z'));
    fake.queue(
      {
        status: 400,
        headers: { 'x-business-use-case-usage': JSON.stringify({ [igUserId]: [{ type: 'instagram', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 12 }] }) },
        body: { error: { message: '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.', type: 'OAuthException', code: 80002, fbtrace_id: 'Xyz' } },
      },
      { status: 400, body: platformFixture('meta-graph-error-rate-limited.json') },
    );
    const account = await failureOf(metaInstagramConnector.fetch(request()));
    expect(account.kind).toBe('RATE_LIMITED');
    expect(account.details.scope).toBe('account');
    expect(account.details.retryAt).toEqual(new Date('2024-06-20T10:12:00Z'));

    const app = await failureOf(metaInstagramConnector.fetch(request()));
    expect(app.kind).toBe('RATE_LIMITED');
    expect(app.details.scope).toBe('platform');
    expect(app.details.retryAt).toEqual(new Date('2024-06-20T10:15:00Z'));
  });

  it('slows down when the account budget is 90 % spent', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T10:00:00Z'));
    options.headers = { 'x-business-use-case-usage': JSON.stringify({ [igUserId]: [{ type: 'instagram', call_count: 91, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 0 }] }) };
    const page = await metaInstagramConnector.fetch(request());
    expect(page.points).toHaveLength(6);
    expect(page.slowDownUntil).toEqual({ until: new Date('2024-06-20T10:15:00Z'), scope: 'account' });

    options.headers = { 'x-business-use-case-usage': JSON.stringify({ [igUserId]: [{ type: 'instagram', call_count: 40, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 0 }] }) };
    expect((await metaInstagramConnector.fetch(request())).slowDownUntil).toBeUndefined();
  });

  it('reports an expired token as AUTH_EXPIRED without leaking it', async () => {
    const failure = await failureOf(metaInstagramConnector.fetch(request({ accessToken: 'EAAexpiredinstagramtoken' })));
    expect(failure.kind).toBe('AUTH_EXPIRED');
    expect(failure.message).not.toContain('EAAexpiredinstagramtoken');
  });

  it('treats a 5xx as TRANSIENT, and the same request then succeeds', async () => {
    fake.queue({ status: 503, body: { error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2, is_transient: true } } });
    const failure = await failureOf(metaInstagramConnector.fetch(request()));
    expect(failure.kind).toBe('TRANSIENT');

    const page = await metaInstagramConnector.fetch(request());
    expect(sortPoints(page.points)).toEqual(sortPoints(dayPoints('2024-06-01')));
    expect([...fake.requests[1]!.query.entries()]).toEqual([...fake.requests[0]!.query.entries()]);
  });

  it('gives no point for a day Meta has no data for, nor for a metric it leaves out, never a 0', async () => {
    options.missingDays = ['2024-06-02'];
    options.missingMetricDays = { likes: ['2024-06-03'] };
    const { points } = await fetchAll(request({ window: { from: '2024-06-01', to: '2024-06-03' } }));
    expect(sortPoints(points)).toEqual(sortPoints([...dayPoints('2024-06-01'), ...dayPoints('2024-06-03').filter((p) => p.metric !== 'reactions')]));
    expect(points.some((p) => p.value === 0)).toBe(false);
    expect(fake.requests).toHaveLength(3);
  });

  it('reads totals and the follower count sent as strings', async () => {
    options.numbersAsStrings = true;
    const { points } = await fetchAll(request({ window: { from: '2024-06-20', to: '2024-06-20' } }));
    expect(sortPoints(points)).toEqual(sortPoints([...dayPoints('2024-06-20'), { metric: 'followers', at: '2024-06-20', value: igFollowers }]));
  });

  it('gives no follower point when the account does not show its count', async () => {
    options.noFollowersCount = true;
    const { points } = await fetchAll(request({ window: { from: '2024-06-20', to: '2024-06-20' } }));
    expect(points.some((p) => p.metric === 'followers')).toBe(false);
  });

  it('reports an unknown Instagram account as NOT_FOUND', async () => {
    const failure = await failureOf(metaInstagramConnector.fetch(request({ account: { id: 'acc-x', platform: 'INSTAGRAM', handle: 'gone', externalId: '17841499999999999' } })));
    expect(failure.kind).toBe('NOT_FOUND');
  });

  it('restarts at the window start on a cursor from elsewhere, and keeps windows within 30 days', async () => {
    const page = await metaInstagramConnector.fetch(request({ cursor: JSON.stringify({ p: 'day', d: '2023-01-01' }) }));
    expect(page.points.every((p) => p.at === '2024-06-01')).toBe(true);
    expect(metaInstagramConnector.maxWindowDays).toBeLessThanOrEqual(30);
    expect(metaInstagramConnector.lookbackDays).toBeLessThanOrEqual(730);
  });
});
