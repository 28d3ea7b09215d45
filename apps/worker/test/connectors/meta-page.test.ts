import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectorRequest } from '../../src/connectors/connector.ts';
import { metaGraphErrorReader, metaSlowDown } from '../../src/connectors/meta/metaGraphErrors.ts';
import { metaPageConnector } from '../../src/connectors/meta-page/metaPageConnector.ts';
import { platformFixture, startFakePlatform, type FakePlatform } from '../fakes/fakePlatformServer.ts';
import { metaError, metaGraphFake, metaToken, pageFollowers, pageId, type MetaFakeOptions } from '../fakes/metaGraphFake.ts';
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
    account: { id: 'acc-fb', platform: 'FACEBOOK', handle: 'goalpost', externalId: pageId },
    accessToken: metaToken,
    window: { from: '2024-06-01', to: '2024-06-02' },
    baseUrl: `${fake.baseUrl}/v23.0`,
    today: '2024-06-20',
    ...overrides,
  };
}

const fetchAll = (first: ConnectorRequest) => fetchAllPages(metaPageConnector, first);

const noon = (day: string) => String(Date.parse(`${day}T12:00:00Z`) / 1000);
const allMetrics = ['page_actions_post_reactions_total', 'page_impressions', 'page_impressions_unique', 'page_post_engagements', 'page_video_views', 'page_views_total'];

/** The fake's values: the fixture's first day (4523, 312) or made-up bases, plus the day of the month. */
function dayPoints(day: string) {
  const dom = Number(day.slice(8, 10));
  return [
    { metric: 'impressions', at: day, value: 4523 + dom },
    { metric: 'reach', at: day, value: 2100 + dom },
    { metric: 'engagements', at: day, value: 312 + dom },
    { metric: 'reactions', at: day, value: 40 + dom + 12 + 3 + 2 + 1 + 0 },
    { metric: 'video_views', at: day, value: 640 + dom },
    { metric: 'profile_visits', at: day, value: 88 + dom },
  ];
}

describe('metaPageConnector', () => {
  it('reads the daily Page Insights of the window, with the documented request and a Bearer token', async () => {
    const page = await metaPageConnector.fetch(request());

    expect(sortPoints(page.points)).toEqual(sortPoints([...dayPoints('2024-06-01'), ...dayPoints('2024-06-02')]));
    expect(page.next).toBeUndefined();
    expect(page.slowDownUntil).toBeUndefined();

    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent!.method).toBe('GET');
    expect(sent!.path).toBe(`/v23.0/${pageId}/insights`);
    expect(sent!.query.get('metric')!.split(',').sort()).toEqual(allMetrics);
    expect(sent!.query.get('period')).toBe('day');
    // Noon UTC lies in Meta's Pacific day of the same date: since = the first day, until = the day after the last.
    expect(sent!.query.get('since')).toBe(noon('2024-06-01'));
    expect(sent!.query.get('until')).toBe(noon('2024-06-03'));
    expect(sent!.headers.authorization).toBe(`Bearer ${metaToken}`);
    expect(sent!.query.has('access_token')).toBe(false);
  });

  it('reads the fixture: end_time is the end of the day it reports, a 0 Meta sends is kept, and the next period is not followed', async () => {
    fake.queue({ body: platformFixture('meta-page-insights.json') });
    const page = await metaPageConnector.fetch(request({ window: { from: '2024-06-26', to: '2024-06-27' } }));
    expect(sortPoints(page.points)).toEqual(sortPoints([
      { metric: 'impressions', at: '2024-06-26', value: 4523 },
      { metric: 'impressions', at: '2024-06-27', value: 5102 },
      { metric: 'engagements', at: '2024-06-26', value: 312 },
      { metric: 'engagements', at: '2024-06-27', value: 0 },
    ]));
    // paging.next (since=2024-06-29) is the period after the window: done.
    expect(page.next).toBeUndefined();
    expect(fake.requests).toHaveLength(1);
  });

  it('asks for the follower count on a second page when today lies in the window; the cursor holds no token', async () => {
    const window = { from: '2024-06-19', to: '2024-06-20' };
    const first = await metaPageConnector.fetch(request({ window }));
    expect(sortPoints(first.points)).toEqual(sortPoints([...dayPoints('2024-06-19'), ...dayPoints('2024-06-20')]));
    expect(first.next).toBeDefined();
    expect(first.next).not.toContain(metaToken);
    expect(first.next).not.toContain('access_token');

    const second = await metaPageConnector.fetch(request({ window, cursor: first.next! }));
    expect(second.points).toEqual([{ metric: 'followers', at: '2024-06-20', value: pageFollowers }]);
    expect(second.next).toBeUndefined();

    expect(fake.requests.map((r) => r.path)).toEqual([`/v23.0/${pageId}/insights`, `/v23.0/${pageId}`]);
    expect(fake.requests[1]!.query.get('fields')).toBe('followers_count');
    expect(fake.requests[1]!.headers.authorization).toBe(`Bearer ${metaToken}`);
  });

  it('follows paging.next inside the window when Meta answers fewer days than asked, keeping only since/until in the cursor', async () => {
    options.maxDaysPerAnswer = 2;
    const window = { from: '2024-06-01', to: '2024-06-05' };
    const first = await metaPageConnector.fetch(request({ window }));
    expect([...new Set(first.points.map((p) => p.at))].sort()).toEqual(['2024-06-01', '2024-06-02']);
    expect(first.next).toBeDefined();
    expect(first.next).not.toContain(metaToken);
    expect(first.next).not.toContain('http');
    expect(JSON.parse(first.next!)).toEqual({ p: 'insights', since: Number(noon('2024-06-03')), until: Number(noon('2024-06-06')) });

    const second = await metaPageConnector.fetch(request({ window, cursor: first.next! }));
    expect([...new Set(second.points.map((p) => p.at))].sort()).toEqual(['2024-06-03', '2024-06-04']);
    const third = await metaPageConnector.fetch(request({ window, cursor: second.next! }));
    expect(sortPoints(third.points)).toEqual(sortPoints(dayPoints('2024-06-05')));
    expect(third.next).toBeUndefined();

    expect(fake.requests.map((r) => [r.query.get('since'), r.query.get('until')])).toEqual([
      [noon('2024-06-01'), noon('2024-06-06')],
      [noon('2024-06-03'), noon('2024-06-06')],
      [noon('2024-06-05'), noon('2024-06-06')],
    ]);
  });

  it('honours the app limit (code 4) for every account, and a business use case limit until Meta says access returns', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T10:00:00Z'));
    fake.queue(
      { status: 403, headers: { 'x-app-usage': '{"call_count":100,"total_cputime":20,"total_time":31}' }, body: platformFixture('meta-graph-error-rate-limited.json') },
      {
        status: 400,
        headers: { 'x-business-use-case-usage': JSON.stringify({ [pageId]: [{ type: 'pages', call_count: 100, total_cputime: 12, total_time: 15, estimated_time_to_regain_access: 7 }] }) },
        body: { error: { message: '(#80001) There have been too many calls to this Page account.', type: 'OAuthException', code: 80001, fbtrace_id: 'Abc' } },
      },
      { status: 429, headers: { 'retry-after': '30' }, body: '' },
    );

    const app = await failureOf(metaPageConnector.fetch(request()));
    expect(app.kind).toBe('RATE_LIMITED');
    expect(app.details.scope).toBe('platform');
    // X-App-Usage gives no time: a quarter of an hour of the rolling hour.
    expect(app.details.retryAt).toEqual(new Date('2024-06-20T10:15:00Z'));
    expect(app.message).toContain('Application request limit reached');

    const page = await failureOf(metaPageConnector.fetch(request()));
    expect(page.kind).toBe('RATE_LIMITED');
    expect(page.details.scope).toBe('account');
    expect(page.details.retryAt).toEqual(new Date('2024-06-20T10:07:00Z'));

    const bare = await failureOf(metaPageConnector.fetch(request()));
    expect(bare.kind).toBe('RATE_LIMITED');
    expect(bare.details.scope).toBe('account');
    expect(bare.details.retryAt).toEqual(new Date('2024-06-20T10:00:30Z'));
  });

  it('slows down when a successful answer says a budget is 90 % spent', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T10:00:00Z'));
    options.headers = { 'x-app-usage': '{"call_count":92,"total_cputime":10,"total_time":12}' };
    const app = await metaPageConnector.fetch(request());
    expect(app.points).toHaveLength(12);
    expect(app.slowDownUntil).toEqual({ until: new Date('2024-06-20T10:15:00Z'), scope: 'platform' });

    options.headers = { 'x-page-usage': '{"call_count":12,"total_cputime":95,"total_time":40,"estimated_time_to_regain_access":4}' };
    expect((await metaPageConnector.fetch(request())).slowDownUntil).toEqual({ until: new Date('2024-06-20T10:04:00Z'), scope: 'account' });

    options.headers = { 'x-app-usage': '{"call_count":89,"total_cputime":10,"total_time":12}', 'x-page-usage': '{"call_count":50,"total_cputime":5,"total_time":5}' };
    expect((await metaPageConnector.fetch(request())).slowDownUntil).toBeUndefined();
  });

  it('reports an expired token as AUTH_EXPIRED without leaking it', async () => {
    const failure = await failureOf(metaPageConnector.fetch(request({ accessToken: 'EAAexpiredtoken' })));
    expect(failure.kind).toBe('AUTH_EXPIRED');
    expect(failure.message).toContain('190/463');
    expect(failure.message).not.toContain('EAAexpiredtoken');
  });

  it('treats a 5xx as TRANSIENT, and the same request then succeeds', async () => {
    fake.queue({ status: 500, body: { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true } } });
    const failure = await failureOf(metaPageConnector.fetch(request()));
    expect(failure.kind).toBe('TRANSIENT');

    const page = await metaPageConnector.fetch(request());
    expect(page.points).toHaveLength(12);
    expect(fake.requests).toHaveLength(2);
    expect([...fake.requests[1]!.query.entries()]).toEqual([...fake.requests[0]!.query.entries()]);
  });

  it('gives no point for a day or a metric Meta has no value for, never a 0', async () => {
    options.missingDays = ['2024-06-02'];
    options.missingMetricDays = { page_video_views: ['2024-06-03'] };
    const page = await metaPageConnector.fetch(request({ window: { from: '2024-06-01', to: '2024-06-03' } }));
    expect(sortPoints(page.points)).toEqual(sortPoints([
      ...dayPoints('2024-06-01'),
      ...dayPoints('2024-06-03').filter((p) => p.metric !== 'video_views'),
    ]));
    expect(page.points.some((p) => p.value === 0)).toBe(false);
  });

  it('reads values sent as strings, the reactions breakdown included', async () => {
    options.numbersAsStrings = true;
    const window = { from: '2024-06-20', to: '2024-06-20' };
    const { points } = await fetchAll(request({ window }));
    expect(sortPoints(points)).toEqual(sortPoints([...dayPoints('2024-06-20'), { metric: 'followers', at: '2024-06-20', value: pageFollowers }]));
  });

  it('does not ask for a retired metric from its deprecation day on, and gives no point for it; it does before', async () => {
    const window = { from: '2026-06-10', to: '2026-06-11' };

    options.today = '2026-06-14';
    const before = await metaPageConnector.fetch(request({ window, today: '2026-06-14' }));
    expect(fake.requests[0]!.query.get('metric')!.split(',')).toEqual(expect.arrayContaining(['page_impressions', 'page_impressions_unique']));
    expect(before.points.filter((p) => p.metric === 'impressions')).toEqual([
      { metric: 'impressions', at: '2026-06-10', value: 4533 },
      { metric: 'impressions', at: '2026-06-11', value: 4534 },
    ]);
    expect(before.points.filter((p) => p.metric === 'reach')).toHaveLength(2);

    fake.reset();
    options.today = '2026-06-15';
    const after = await metaPageConnector.fetch(request({ window, today: '2026-06-15' }));
    expect(fake.requests[0]!.query.get('metric')!.split(',').sort()).toEqual(['page_actions_post_reactions_total', 'page_post_engagements', 'page_video_views', 'page_views_total']);
    expect(after.points.some((p) => p.metric === 'impressions' || p.metric === 'reach')).toBe(false);
    expect(sortPoints(after.points)).toEqual(sortPoints([...dayPoints('2026-06-10'), ...dayPoints('2026-06-11')].filter((p) => p.metric !== 'impressions' && p.metric !== 'reach')));

    // Should Meta still send a retired series, it gives no point either.
    fake.reset();
    const stale = platformFixture<{ data: { values: { end_time: string }[] }[] }>('meta-page-insights.json');
    for (const row of stale.data) row.values = [{ ...row.values[0]!, end_time: '2026-06-11T07:00:00+0000' }];
    fake.queue({ body: stale });
    const late = await metaPageConnector.fetch(request({ window, today: '2026-06-20' }));
    expect(late.points).toEqual([{ metric: 'engagements', at: '2026-06-10', value: 312 }]);
  });

  it('reports an unknown Page as NOT_FOUND, and an account without a Page id without asking', async () => {
    const unknown = await failureOf(metaPageConnector.fetch(request({ account: { id: 'acc-x', platform: 'FACEBOOK', handle: 'gone', externalId: '999' } })));
    expect(unknown.kind).toBe('NOT_FOUND');

    fake.reset();
    const none = await failureOf(metaPageConnector.fetch(request({ account: { id: 'acc-y', platform: 'FACEBOOK', handle: 'none', externalId: null } })));
    expect(none.kind).toBe('NOT_FOUND');
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps its windows inside what Meta accepts: a 90-day window is one request', async () => {
    expect(metaPageConnector.maxWindowDays).toBe(90);
    expect(metaPageConnector.lookbackDays).toBeLessThanOrEqual(730);
    const page = await metaPageConnector.fetch(request({ window: { from: '2024-01-01', to: '2024-03-30' } }));
    expect(page.points.filter((p) => p.metric === 'engagements')).toHaveLength(90);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('metaGraphErrorReader', () => {
  const read = metaGraphErrorReader('Facebook');
  const answer = (response: ReturnType<typeof metaError>, headers: Record<string, string> = {}) => ({ status: response.status!, headers: new Headers(headers), body: response.body });

  it('maps Meta error codes to the failure the fetch job needs', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T10:00:00Z'));
    const cases: [ReturnType<typeof metaError>, string, string?][] = [
      [metaError(400, 17, '(#17) User request limit reached'), 'RATE_LIMITED', 'account'],
      [metaError(400, 32, '(#32) Page request limit reached'), 'RATE_LIMITED', 'account'],
      [metaError(400, 613, '(#613) Calls to this api have exceeded the rate limit.'), 'RATE_LIMITED', 'account'],
      [metaError(400, 80001, '(#80001) There have been too many calls to this Page account.'), 'RATE_LIMITED', 'account'],
      [metaError(403, 4, '(#4) Application request limit reached'), 'RATE_LIMITED', 'platform'],
      [metaError(400, 190, 'Error validating access token: The session has been invalidated.', { error_subcode: 467 }), 'AUTH_EXPIRED'],
      [metaError(400, 190, 'Malformed access token EAAGoalpostPageToken1234567890abcdefghijklmnopqrstuvwxyz'), 'AUTH_EXPIRED'],
      [metaError(403, 10, '(#10) Application does not have permission for this action'), 'AUTH_EXPIRED'],
      [metaError(400, 100, "Unsupported get request. Object with ID '42' does not exist", { error_subcode: 33 }), 'NOT_FOUND'],
      [metaError(404, 803, '(#803) Some of the aliases you requested do not exist: nope'), 'NOT_FOUND'],
      [metaError(500, 1, 'An unknown error occurred'), 'TRANSIENT'],
      [metaError(503, 2, 'Service temporarily unavailable'), 'TRANSIENT'],
      [metaError(400, 100, '(#100) The value must be a valid insights metric'), 'INVALID_RESPONSE'],
    ];
    for (const [response, kind, scope] of cases) {
      const failure = read(answer(response));
      expect(failure?.kind, JSON.stringify(response.body)).toBe(kind);
      if (scope) expect(failure?.details.scope).toBe(scope);
      expect(failure?.message).not.toContain(metaToken);
    }
    // A success passes through; a bare error status is left to the generic mapping.
    expect(read({ status: 200, headers: new Headers(), body: { data: [] } })).toBeUndefined();
    expect(read({ status: 502, headers: new Headers(), body: undefined })).toBeUndefined();
  });

  it('reads the time to regain access from the usage headers, the longest one of a business', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-20T10:00:00Z'));
    const usage = { '111': [{ type: 'pages', call_count: 100, total_cputime: 3, total_time: 4, estimated_time_to_regain_access: 5 }], '222': [{ type: 'instagram', call_count: 40, total_cputime: 3, total_time: 4, estimated_time_to_regain_access: 21 }] };
    const failure = read(answer(metaError(400, 80002, '(#80002) There have been too many calls to this Instagram account.'), { 'x-business-use-case-usage': JSON.stringify(usage) }));
    expect(failure?.details.retryAt).toEqual(new Date('2024-06-20T10:21:00Z'));
    expect(metaSlowDown(new Headers({ 'x-business-use-case-usage': JSON.stringify(usage) }), Date.now())).toEqual({ until: new Date('2024-06-20T10:21:00Z'), scope: 'account' });
    expect(metaSlowDown(new Headers({ 'x-app-usage': 'not json' }), Date.now())).toBeUndefined();
  });
});
