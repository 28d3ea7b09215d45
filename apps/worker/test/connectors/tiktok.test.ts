import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorRequest } from '../../src/connectors/connector.ts';
import { tiktokConnector } from '../../src/connectors/tiktok/tiktokConnector.ts';
import { platformFixture } from '../fakes/fakePlatformServer.ts';
import { startTikTokFake, tiktokVideosOn, type TikTokFakeOptions } from '../fakes/tiktokFake.ts';
import { failureOf, fetchAllPages } from './connectorTestKit.ts';

const token = 'act.tiktok-user-token';
let fake: Awaited<ReturnType<typeof startTikTokFake>> | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: TikTokFakeOptions = {}) {
  fake = await startTikTokFake({ token, ...options });
  return fake;
}

function request(baseUrl: string, window: { from: string; to: string }, extra: Partial<ConnectorRequest> = {}): ConnectorRequest {
  return {
    account: { id: 'acc-1', platform: 'TIKTOK', handle: '@example', externalId: null },
    accessToken: token,
    window,
    baseUrl,
    today: '2024-06-10',
    ...extra,
  };
}

const fetchAll = (first: ConnectorRequest) => fetchAllPages(tiktokConnector, first);

const sorted = <T extends { metric: string; at: string }>(points: T[]) =>
  [...points].sort((a, b) => a.at.localeCompare(b.at) || a.metric.localeCompare(b.metric));

/** The fixture video's counts times `scale`, summed over `count` videos. */
function dayPoints(day: string, count: number, scale = 1) {
  return [
    { metric: 'comments', at: day, value: 38 * scale * count },
    { metric: 'posts', at: day, value: count },
    { metric: 'reactions', at: day, value: 1204 * scale * count },
    { metric: 'shares', at: day, value: 17 * scale * count },
    { metric: 'video_views', at: day, value: 15230 * scale * count },
  ];
}

const ms = (instant: string) => Date.parse(instant);

describe('TikTok connector', () => {
  it('reads the follower snapshot and the daily sums of the videos published in the window', async () => {
    const platform = await start({
      followers: 48210,
      videos: [...tiktokVideosOn('2024-06-09', 2), ...tiktokVideosOn('2024-06-10', 1, 2), ...tiktokVideosOn('2024-06-05', 3, 100)],
    });

    const { pages, points } = await fetchAll(request(platform.baseUrl, { from: '2024-06-08', to: '2024-06-10' }));

    expect(pages).toHaveLength(2);
    expect(pages[0]!.points).toEqual([{ metric: 'followers', at: '2024-06-10', value: 48210 }]);
    expect(sorted(points)).toEqual(sorted([
      { metric: 'followers', at: '2024-06-10', value: 48210 },
      ...dayPoints('2024-06-09', 2),
      ...dayPoints('2024-06-10', 1, 2),
    ]));

    const [info, list] = platform.requests;
    expect(info!.method).toBe('GET');
    expect(info!.path).toBe('/v2/user/info/');
    expect(info!.query.get('fields')!.split(',')).toContain('follower_count');
    expect(info!.headers.authorization).toBe(`Bearer ${token}`);
    expect(list!.method).toBe('POST');
    expect(list!.path).toBe('/v2/video/list/');
    expect(list!.headers.authorization).toBe(`Bearer ${token}`);
    expect(list!.query.get('fields')!.split(',').sort()).toEqual(['comment_count', 'create_time', 'id', 'like_count', 'share_count', 'view_count']);
    // The walk starts at the end of the window.
    expect(JSON.parse(list!.body)).toEqual({ max_count: 20, cursor: ms('2024-06-11T00:00:00Z') });
  });

  it('pages by cursor, emits a day split across pages once, and stops past the window start', async () => {
    const platform = await start({
      videos: [
        ...tiktokVideosOn('2024-06-04', 5, 9),
        ...tiktokVideosOn('2024-06-03', 15),
        ...tiktokVideosOn('2024-06-02', 10, 2),
        ...tiktokVideosOn('2024-06-01', 2, 3),
        ...tiktokVideosOn('2024-05-31', 30, 5),
      ],
    });
    const window = { from: '2024-06-01', to: '2024-06-03' };

    // Today is outside the window: the first call lists videos, from the end of June 3 back.
    const first = await tiktokConnector.fetch(request(platform.baseUrl, window));
    expect(first.next).toBeDefined();
    expect(first.next).not.toContain(token);
    expect(sorted(first.points)).toEqual(sorted(dayPoints('2024-06-03', 15)));

    const second = await tiktokConnector.fetch({ ...request(platform.baseUrl, window), cursor: first.next! });
    // The page ends on May 31: older than the window, so the walk stops although TikTok has more.
    expect(second.next).toBeUndefined();
    expect(sorted(second.points)).toEqual(sorted([...dayPoints('2024-06-02', 10, 2), ...dayPoints('2024-06-01', 2, 3)]));

    expect(platform.requests).toHaveLength(2);
    const [one, two] = platform.requests.map((r) => JSON.parse(r.body) as { cursor: number; max_count: number });
    expect(one).toEqual({ max_count: 20, cursor: ms('2024-06-04T00:00:00Z') });
    // TikTok's own cursor: the create_time (ms) of the last video of the first page, a June 2 video.
    expect(new Date(two!.cursor).toISOString().slice(0, 10)).toBe('2024-06-02');
    expect(two!.max_count).toBe(20);
  });

  it('honours a 429 rate_limit_exceeded as a platform limit of one sliding minute', async () => {
    const platform = await start({ videos: tiktokVideosOn('2024-06-03', 1) });
    platform.queue({ status: 429, body: platformFixture('tiktok-error-rate-limited.json') });
    const before = Date.now();

    const failure = await failureOf(tiktokConnector.fetch(request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' })));

    expect(failure.kind).toBe('RATE_LIMITED');
    expect(failure.details.scope).toBe('platform');
    expect(failure.details.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 60_000);
    expect(failure.details.retryAt!.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('waits as long as Retry-After says when TikTok sends one', async () => {
    const platform = await start();
    platform.queue({ status: 429, headers: { 'retry-after': '300' }, body: platformFixture('tiktok-error-rate-limited.json') });
    const before = Date.now();

    const failure = await failureOf(tiktokConnector.fetch(request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' })));

    expect(failure.kind).toBe('RATE_LIMITED');
    expect(failure.details.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 300_000);
    expect(failure.details.retryAt!.getTime()).toBeLessThanOrEqual(Date.now() + 300_000);
  });

  it('reads rate_limit_exceeded from the body of an HTTP 200', async () => {
    const platform = await start();
    platform.queue({ status: 200, body: platformFixture('tiktok-error-rate-limited.json') });

    const failure = await failureOf(tiktokConnector.fetch(request(platform.baseUrl, { from: '2024-06-08', to: '2024-06-10' })));

    expect(failure.kind).toBe('RATE_LIMITED');
    expect(failure.details.scope).toBe('platform');
  });

  it('reports an invalid token as AUTH_EXPIRED without revealing it', async () => {
    const platform = await start({ token: 'act.another-token' });

    const failure = await failureOf(tiktokConnector.fetch(request(platform.baseUrl, { from: '2024-06-08', to: '2024-06-10' })));

    expect(failure.kind).toBe('AUTH_EXPIRED');
    expect(failure.message).toContain('access_token_invalid');
    expect(failure.message).not.toContain(token);
  });

  it('reports a scope the user did not grant as AUTH_EXPIRED, even with HTTP 200', async () => {
    const platform = await start();
    platform.queue({ status: 200, body: { data: {}, error: { code: 'scope_not_authorized', message: 'The user did not authorize the scope.', log_id: 'L1' } } });

    const failure = await failureOf(tiktokConnector.fetch(request(platform.baseUrl, { from: '2024-06-08', to: '2024-06-10' })));

    expect(failure.kind).toBe('AUTH_EXPIRED');
    expect(failure.message).toContain('scope_not_authorized');
  });

  it('treats an unknown error code on an HTTP 200 as an unreadable answer, not as data', async () => {
    const platform = await start();
    platform.queue({ status: 200, body: { data: { videos: [], has_more: false, cursor: 0 }, error: { code: 'something_new', message: '', log_id: 'L2' } } });

    const failure = await failureOf(tiktokConnector.fetch(request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' })));

    expect(failure.kind).toBe('INVALID_RESPONSE');
  });

  it('fails TRANSIENT on a 5xx, then the same request succeeds', async () => {
    const platform = await start({ videos: tiktokVideosOn('2024-06-03', 2) });
    platform.queue({ status: 500, body: { data: {}, error: { code: 'internal_error', message: 'internal', log_id: 'L3' } } });
    const asked = request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' });

    const failure = await failureOf(tiktokConnector.fetch(asked));
    expect(failure.kind).toBe('TRANSIENT');

    const page = await tiktokConnector.fetch(asked);
    expect(page.next).toBeUndefined();
    expect(sorted(page.points)).toEqual(sorted(dayPoints('2024-06-03', 2)));
    expect(platform.requests).toHaveLength(2);
    expect(platform.requests[1]!.body).toBe(platform.requests[0]!.body);
    expect([...platform.requests[1]!.query]).toEqual([...platform.requests[0]!.query]);
  });

  it('gives no point for days without videos, nor for a count a video does not carry', async () => {
    const platform = await start({
      videos: [...tiktokVideosOn('2024-06-01', 1), ...tiktokVideosOn('2024-06-04', 2, 1, { view_count: undefined })],
    });

    const { points } = await fetchAll(request(platform.baseUrl, { from: '2024-06-01', to: '2024-06-05' }));

    expect([...new Set(points.map((p) => p.at))].sort()).toEqual(['2024-06-01', '2024-06-04']);
    expect(points.some((p) => p.value === 0)).toBe(false);
    expect(points.filter((p) => p.at === '2024-06-04').map((p) => p.metric).sort()).toEqual(['comments', 'posts', 'reactions', 'shares']);
  });

  it('reads string-typed numbers', async () => {
    const platform = await start({
      followers: '5100',
      videos: tiktokVideosOn('2024-06-10', 1, 1, {
        create_time: String(ms('2024-06-10T08:00:00Z') / 1000), like_count: '12', comment_count: '3', share_count: '2', view_count: '640',
      }),
    });

    const { points } = await fetchAll(request(platform.baseUrl, { from: '2024-06-10', to: '2024-06-10' }));

    expect(sorted(points)).toEqual(sorted([
      { metric: 'followers', at: '2024-06-10', value: 5100 },
      { metric: 'posts', at: '2024-06-10', value: 1 },
      { metric: 'reactions', at: '2024-06-10', value: 12 },
      { metric: 'comments', at: '2024-06-10', value: 3 },
      { metric: 'shares', at: '2024-06-10', value: 2 },
      { metric: 'video_views', at: '2024-06-10', value: 640 },
    ]));
  });

  it('skips videos newer than the window when the platform ignores the starting cursor', async () => {
    const platform = await start({
      honoursCustomCursor: false,
      videos: [...tiktokVideosOn('2024-06-09', 25, 7), ...tiktokVideosOn('2024-06-03', 1), ...tiktokVideosOn('2024-06-02', 1)],
    });

    const { pages, points } = await fetchAll(request(platform.baseUrl, { from: '2024-06-03', to: '2024-06-03' }));

    expect(pages).toHaveLength(2);
    expect(pages[0]!.points).toEqual([]);
    expect(sorted(points)).toEqual(sorted(dayPoints('2024-06-03', 1)));
  });

  it('stops when TikTok hands back the cursor it was given, instead of listing the same page forever', async () => {
    const platform = await start();
    const v = ms('2024-06-02T10:00:00Z');
    platform.queue({ body: { data: { videos: [], cursor: v, has_more: true }, error: { code: 'ok', message: '', log_id: 'L4' } } });

    const page = await tiktokConnector.fetch({ ...request(platform.baseUrl, { from: '2024-06-01', to: '2024-06-03' }), cursor: JSON.stringify({ v, k: 1 }) });

    expect(page.next).toBeUndefined();
    expect(JSON.parse(platform.requests[0]!.body)).toEqual({ max_count: 20, cursor: v });
  });
});
