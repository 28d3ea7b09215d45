import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorRequest } from '../../src/connectors/connector.ts';
import { xConnector } from '../../src/connectors/x/xConnector.ts';
import { platformFixture } from '../fakes/fakePlatformServer.ts';
import { startXFake, xPostsOn, type XFakeOptions } from '../fakes/xFake.ts';
import { failureOf, fetchAllPages } from './connectorTestKit.ts';

const token = 'x-user-token';
let fake: Awaited<ReturnType<typeof startXFake>> | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: XFakeOptions = {}) {
  fake = await startXFake({ token, ...options });
  return fake;
}

function request(baseUrl: string, window: { from: string; to: string }, extra: Partial<ConnectorRequest> = {}): ConnectorRequest {
  return {
    account: { id: 'acc-1', platform: 'X', handle: '@XDevelopers', externalId: '2244994945' },
    accessToken: token,
    window,
    baseUrl,
    today: '2024-06-10',
    ...extra,
  };
}

/** Every page of a window, the way the runtime walks it. */
const fetchAll = (first: ConnectorRequest) => fetchAllPages(xConnector, first);

const sorted = <T extends { metric: string; at: string }>(points: T[]) =>
  [...points].sort((a, b) => a.at.localeCompare(b.at) || a.metric.localeCompare(b.metric));

/** The fixture post's public_metrics times `scale`, summed over `count` posts. */
function dayPoints(day: string, count: number, scale = 1) {
  return [
    { metric: 'comments', at: day, value: 3 * scale * count },
    { metric: 'impressions', at: day, value: 4312 * scale * count },
    { metric: 'posts', at: day, value: count },
    { metric: 'reactions', at: day, value: 85 * scale * count },
    { metric: 'shares', at: day, value: (12 + 1) * scale * count },
  ];
}

describe('X connector', () => {
  it('reads the follower snapshot and the daily sums of the posts published in the window', async () => {
    const platform = await start({
      followers: 570123,
      posts: [...xPostsOn('2024-06-08', 2, 1), ...xPostsOn('2024-06-10', 1, 3), ...xPostsOn('2024-06-07', 4, 100)],
    });

    const { pages, points } = await fetchAll(request(platform.baseUrl, { from: '2024-06-08', to: '2024-06-10' }));

    expect(pages).toHaveLength(2);
    expect(pages[0]!.points).toEqual([{ metric: 'followers', at: '2024-06-10', value: 570123 }]);
    expect(sorted(points)).toEqual(sorted([
      { metric: 'followers', at: '2024-06-10', value: 570123 },
      ...dayPoints('2024-06-08', 2, 1),
      ...dayPoints('2024-06-10', 1, 3),
    ]));

    const [lookup, timeline] = platform.requests;
    expect(lookup!.path).toBe('/2/users/2244994945');
    expect(lookup!.query.get('user.fields')).toBe('public_metrics');
    expect(lookup!.headers.authorization).toBe(`Bearer ${token}`);
    expect(timeline!.path).toBe('/2/users/2244994945/tweets');
    expect(timeline!.headers.authorization).toBe(`Bearer ${token}`);
    expect(timeline!.query.get('start_time')).toBe('2024-06-08T00:00:00Z');
    // The window reaches today: read up to now.
    expect(timeline!.query.has('end_time')).toBe(false);
    expect(timeline!.query.get('tweet.fields')!.split(',').sort()).toEqual(['created_at', 'public_metrics']);
    expect(timeline!.query.get('max_results')).toBe('100');
    expect(timeline!.query.get('exclude')).toBe('retweets');
    expect(timeline!.query.has('pagination_token')).toBe(false);
  });

  it('skips the user lookup and bounds the timeline when today is outside the window', async () => {
    const platform = await start({ posts: [...xPostsOn('2024-06-02', 1), ...xPostsOn('2024-06-03', 2), ...xPostsOn('2024-06-04', 5)] });

    const { pages, points } = await fetchAll(request(platform.baseUrl, { from: '2024-06-02', to: '2024-06-03' }));

    expect(pages).toHaveLength(1);
    expect(points.some((p) => p.metric === 'followers')).toBe(false);
    expect(sorted(points)).toEqual(sorted([...dayPoints('2024-06-02', 1), ...dayPoints('2024-06-03', 2)]));
    expect(platform.requests).toHaveLength(1);
    expect(platform.requests[0]!.path).toBe('/2/users/2244994945/tweets');
    expect(platform.requests[0]!.query.get('start_time')).toBe('2024-06-02T00:00:00Z');
    expect(platform.requests[0]!.query.get('end_time')).toBe('2024-06-04T00:00:00Z');
  });

  it('pages through meta.next_token and emits a day split across two pages once, whole', async () => {
    // 60 posts on June 5 and 60 on June 4: the first page of 100 holds all of June 5 and 40 of June 4.
    const platform = await start({ posts: [...xPostsOn('2024-06-04', 60, 2), ...xPostsOn('2024-06-05', 60, 1)] });
    const window = { from: '2024-06-04', to: '2024-06-05' };

    const first = await xConnector.fetch(request(platform.baseUrl, window));
    expect(first.next).toBeDefined();
    expect(first.next).not.toContain(token);
    // June 5 is complete; June 4 may go on in the next page and waits in the cursor.
    expect(sorted(first.points)).toEqual(sorted(dayPoints('2024-06-05', 60, 1)));

    const second = await xConnector.fetch({ ...request(platform.baseUrl, window), cursor: first.next! });
    expect(second.next).toBeUndefined();
    expect(sorted(second.points)).toEqual(sorted(dayPoints('2024-06-04', 60, 2)));

    expect(platform.requests).toHaveLength(2);
    expect(platform.requests[0]!.query.has('pagination_token')).toBe(false);
    expect(platform.requests[1]!.query.get('pagination_token')).toBeTruthy();
    expect(platform.requests[1]!.query.get('start_time')).toBe('2024-06-04T00:00:00Z');
  });

  it('starts the window over when the cursor is unreadable', async () => {
    const platform = await start({ posts: xPostsOn('2024-06-03', 1) });
    const page = await xConnector.fetch({ ...request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' }), cursor: 'not json' });
    expect(sorted(page.points)).toEqual(sorted(dayPoints('2024-06-03', 1)));
    expect(platform.requests[0]!.query.has('pagination_token')).toBe(false);
  });

  it('honours a 429 with x-rate-limit-reset as an account rate limit', async () => {
    const platform = await start({ posts: xPostsOn('2024-06-03', 1) });
    platform.queue({
      status: 429,
      headers: { 'x-rate-limit-limit': '900', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1717430400' },
      body: platformFixture('x-error-rate-limited.json'),
    });

    const failure = await failureOf(xConnector.fetch(request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' })));

    expect(failure.kind).toBe('RATE_LIMITED');
    expect(failure.details.retryAt).toEqual(new Date(1717430400 * 1000));
    expect(failure.details.scope).toBe('account');
  });

  it('treats a 429 for the spent app 24-hour cap as a platform rate limit', async () => {
    const platform = await start();
    platform.queue({
      status: 429,
      headers: { 'x-rate-limit-remaining': '12', 'x-rate-limit-reset': '1717430400', 'x-app-limit-24hour-remaining': '0', 'x-app-limit-24hour-reset': '1717500000' },
      body: platformFixture('x-error-rate-limited.json'),
    });

    const failure = await failureOf(xConnector.fetch(request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' })));

    expect(failure.kind).toBe('RATE_LIMITED');
    expect(failure.details.retryAt).toEqual(new Date(1717500000 * 1000));
    expect(failure.details.scope).toBe('platform');
  });

  it('asks to slow down until the reset when a successful answer says no request is left', async () => {
    const platform = await start({ posts: xPostsOn('2024-06-03', 1), rateLimit: { remaining: 0, reset: 1717430400 } });

    const page = await xConnector.fetch(request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' }));

    expect(page.points).toHaveLength(5);
    expect(page.slowDownUntil).toEqual({ until: new Date(1717430400 * 1000), scope: 'account' });
  });

  it('does not slow down while requests remain', async () => {
    const platform = await start({ posts: xPostsOn('2024-06-03', 1), rateLimit: { remaining: 1, reset: 1717430400 } });
    const page = await xConnector.fetch(request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' }));
    expect(page.slowDownUntil).toBeUndefined();
  });

  it('reports an expired token as AUTH_EXPIRED without revealing it', async () => {
    const platform = await start({ token: 'another-token' });

    const failure = await failureOf(xConnector.fetch(request(platform.baseUrl, { from: '2024-06-08', to: '2024-06-10' })));

    expect(failure.kind).toBe('AUTH_EXPIRED');
    expect(failure.message).not.toContain(token);
  });

  it('reports an unknown user (200 with a resource-not-found error) as NOT_FOUND', async () => {
    const platform = await start({ userId: '999' });
    const failure = await failureOf(xConnector.fetch(request(platform.baseUrl, { from: '2024-06-08', to: '2024-06-10' })));
    expect(failure.kind).toBe('NOT_FOUND');
  });

  it('fails TRANSIENT on a 5xx, then the same request succeeds', async () => {
    const platform = await start({ posts: xPostsOn('2024-06-03', 2) });
    platform.queue({ status: 503, body: { title: 'Service Unavailable' } });
    const asked = request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' });

    const failure = await failureOf(xConnector.fetch(asked));
    expect(failure.kind).toBe('TRANSIENT');

    const page = await xConnector.fetch(asked);
    expect(sorted(page.points)).toEqual(sorted(dayPoints('2024-06-03', 2)));
    expect(platform.requests).toHaveLength(2);
    expect(platform.requests[1]!.path).toBe(platform.requests[0]!.path);
    expect([...platform.requests[1]!.query]).toEqual([...platform.requests[0]!.query]);
  });

  it('gives no point for days without posts, and no impressions where posts carry none', async () => {
    const platform = await start({
      posts: [...xPostsOn('2024-06-01', 1), ...xPostsOn('2024-06-04', 2, 1, { impression_count: undefined })],
    });

    const { points } = await fetchAll(request(platform.baseUrl, { from: '2024-06-01', to: '2024-06-05' }));

    expect([...new Set(points.map((p) => p.at))].sort()).toEqual(['2024-06-01', '2024-06-04']);
    expect(points.some((p) => p.value === 0)).toBe(false);
    expect(points.filter((p) => p.at === '2024-06-04').map((p) => p.metric).sort()).toEqual(['comments', 'posts', 'reactions', 'shares']);
  });

  it('reads string-typed counts', async () => {
    const platform = await start({
      followers: '1200',
      posts: xPostsOn('2024-06-10', 1, 1, { like_count: '7', retweet_count: '2', quote_count: '1', reply_count: '4', impression_count: '900' }),
    });

    const { points } = await fetchAll(request(platform.baseUrl, { from: '2024-06-10', to: '2024-06-10' }));

    expect(sorted(points)).toEqual(sorted([
      { metric: 'followers', at: '2024-06-10', value: 1200 },
      { metric: 'posts', at: '2024-06-10', value: 1 },
      { metric: 'reactions', at: '2024-06-10', value: 7 },
      { metric: 'shares', at: '2024-06-10', value: 3 },
      { metric: 'comments', at: '2024-06-10', value: 4 },
      { metric: 'impressions', at: '2024-06-10', value: 900 },
    ]));
  });

  it('leaves reposts out', async () => {
    const posts = [...xPostsOn('2024-06-03', 1), ...xPostsOn('2024-06-03', 1, 50).map((p) => ({ ...p, repost: true }))];
    const platform = await start({ posts });
    const page = await xConnector.fetch(request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' }));
    expect(sorted(page.points)).toEqual(sorted(dayPoints('2024-06-03', 1)));
  });

  it('finds the user id from the handle when the account has none stored', async () => {
    const platform = await start({ userId: '42', username: 'goalpost', posts: xPostsOn('2024-06-03', 1) });
    const asked = request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' }, {
      account: { id: 'acc-1', platform: 'X', handle: '@goalpost', externalId: null },
    });

    const { points } = await fetchAll(asked);

    expect(platform.requests[0]!.path).toBe('/2/users/by/username/goalpost');
    expect(platform.requests[1]!.path).toBe('/2/users/42/tweets');
    // Today is outside the window: no snapshot.
    expect(sorted(points)).toEqual(sorted(dayPoints('2024-06-03', 1)));
  });
});
