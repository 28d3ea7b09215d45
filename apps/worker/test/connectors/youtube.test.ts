import { addDays } from '@goalpost/domain';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorRequest } from '../../src/connectors/connector.ts';
import { nextPacificMidnight } from '../../src/connectors/google/googleApiErrors.ts';
import { youtubeConnector, youtubePageSize } from '../../src/connectors/youtube/youtubeConnector.ts';
import { googleError, startYoutubeFake, youtubeDay, youtubeFakeToken } from '../fakes/youtubeFake.ts';
import { failureOf } from './connectorTestKit.ts';

const fake = await startYoutubeFake();
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function request(overrides: Partial<ConnectorRequest> = {}): ConnectorRequest {
  return {
    account: { id: 'acc-yt', platform: 'YOUTUBE', handle: '@goalpost', externalId: null },
    accessToken: youtubeFakeToken,
    window: { from: '2024-06-01', to: '2024-06-03' },
    baseUrl: fake.baseUrl,
    today: '2024-06-10',
    ...overrides,
  };
}


describe('youtube connector', () => {
  it('reads a window into daily points and asks the channel report by day', async () => {
    const page = await youtubeConnector.fetch(request());

    expect(page.next).toBeUndefined();
    expect(page.slowDownUntil).toBeUndefined();
    // views and likes of 2024-06-01..03 are the fixture's; comments and shares come from the fake's generator.
    expect(page.points).toEqual([
      { metric: 'video_views', at: '2024-06-01', value: 1204 },
      { metric: 'reactions', at: '2024-06-01', value: 87 },
      { metric: 'comments', at: '2024-06-01', value: youtubeDay('2024-06-01').comments },
      { metric: 'shares', at: '2024-06-01', value: youtubeDay('2024-06-01').shares },
      { metric: 'video_views', at: '2024-06-02', value: 1388 },
      { metric: 'reactions', at: '2024-06-02', value: 95 },
      { metric: 'comments', at: '2024-06-02', value: youtubeDay('2024-06-02').comments },
      { metric: 'shares', at: '2024-06-02', value: youtubeDay('2024-06-02').shares },
      { metric: 'video_views', at: '2024-06-03', value: 990 },
      { metric: 'reactions', at: '2024-06-03', value: 61 },
      { metric: 'comments', at: '2024-06-03', value: youtubeDay('2024-06-03').comments },
      { metric: 'shares', at: '2024-06-03', value: youtubeDay('2024-06-03').shares },
    ]);
    expect(page.points.some((p) => p.metric === 'followers')).toBe(false);

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.method).toBe('GET');
    expect(sent.path).toBe('/v2/reports');
    expect(sent.headers.authorization).toBe(`Bearer ${youtubeFakeToken}`);
    expect(Object.fromEntries(sent.query)).toEqual({
      ids: 'channel==MINE',
      startDate: '2024-06-01',
      endDate: '2024-06-03',
      metrics: 'views,likes,comments,shares',
      dimensions: 'day',
      sort: 'day',
      startIndex: '1',
      maxResults: String(youtubePageSize),
    });
  });

  it('asks for the channel by its id when the account has one', async () => {
    const account = { id: 'acc-yt', platform: 'YOUTUBE' as const, handle: '@goalpost', externalId: fake.channelId };
    const page = await youtubeConnector.fetch(request({ account }));
    expect(fake.requests[0]!.query.get('ids')).toBe(`channel==${fake.channelId}`);
    expect(page.points).toHaveLength(12);
  });

  it('pages a long window with startIndex, and the cursor holds no token', async () => {
    const window = { from: '2024-03-01', to: addDays('2024-03-01', 89) };
    const first = await youtubeConnector.fetch(request({ window }));
    expect(first.next).toBe(String(youtubePageSize + 1));
    expect(first.next).not.toContain(youtubeFakeToken);
    expect(new Set(first.points.map((p) => p.at)).size).toBe(youtubePageSize);
    expect(first.points.at(-1)!.at).toBe(addDays('2024-03-01', youtubePageSize - 1));

    const second = await youtubeConnector.fetch(request({ window, cursor: first.next! }));
    expect(second.next).toBeUndefined();
    expect(fake.requests[1]!.query.get('startIndex')).toBe(String(youtubePageSize + 1));
    expect(fake.requests[1]!.query.get('maxResults')).toBe(String(youtubePageSize));
    const days = [...first.points, ...second.points].filter((p) => p.metric === 'video_views').map((p) => p.at);
    expect(days).toHaveLength(90);
    expect(new Set(days).size).toBe(90);
    expect(days[0]).toBe('2024-03-01');
    expect(days.at(-1)).toBe(window.to);
    expect(second.points.find((p) => p.metric === 'video_views' && p.at === window.to)!.value).toBe(youtubeDay(window.to).views);
  });

  it('stops after a full page that already reaches the end of the window', async () => {
    const window = { from: '2024-03-01', to: addDays('2024-03-01', youtubePageSize - 1) };
    const page = await youtubeConnector.fetch(request({ window }));
    expect(page.next).toBeUndefined();
    expect(page.points.filter((p) => p.metric === 'shares')).toHaveLength(youtubePageSize);
  });

  it('waits for the next Pacific midnight on the project quota (403 quotaExceeded), for every account', async () => {
    fake.queue(googleError(403, 'PERMISSION_DENIED', 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.', 'quotaExceeded'));
    const before = Date.now();
    const error = await failureOf(youtubeConnector.fetch(request()));
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.details.scope).toBe('platform');
    expect(error.details.status).toBe(403);
    expect([nextPacificMidnight(new Date(before)).getTime(), nextPacificMidnight().getTime()]).toContain(error.details.retryAt!.getTime());
    expect(error.message).not.toContain('<a');
    expect(error.message).not.toContain(youtubeFakeToken);
  });

  it('honours Retry-After on a 429 rateLimitExceeded', async () => {
    fake.queue({ ...googleError(429, 'RESOURCE_EXHAUSTED', 'Rate limit exceeded', 'rateLimitExceeded'), headers: { 'retry-after': '120' } });
    const before = Date.now();
    const error = await failureOf(youtubeConnector.fetch(request()));
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.details.scope).toBe('platform');
    const wait = error.details.retryAt!.getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(120_000);
    expect(wait).toBeLessThan(125_000);
  });

  it('waits one quota window for the token user on userRateLimitExceeded', async () => {
    fake.queue(googleError(403, 'PERMISSION_DENIED', 'User Rate Limit Exceeded', 'userRateLimitExceeded'));
    const before = Date.now();
    const error = await failureOf(youtubeConnector.fetch(request()));
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.details.scope).toBe('account');
    const wait = error.details.retryAt!.getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(60_000);
    expect(wait).toBeLessThan(65_000);
  });

  it('reports an expired token as AUTH_EXPIRED', async () => {
    const error = await failureOf(youtubeConnector.fetch(request({ accessToken: 'ya29.expired' })));
    expect(error.kind).toBe('AUTH_EXPIRED');
    expect(error.details.status).toBe(401);
    expect(error.message).not.toContain('ya29.expired');
  });

  it('reports a channel the token does not own (403 forbidden) as AUTH_EXPIRED', async () => {
    const account = { id: 'acc-yt', platform: 'YOUTUBE' as const, handle: '@other', externalId: 'UCsomeoneelse' };
    const error = await failureOf(youtubeConnector.fetch(request({ account })));
    expect(error.kind).toBe('AUTH_EXPIRED');
    expect(error.details.status).toBe(403);
  });

  it('fails TRANSIENT on a 5xx, then the same request succeeds', async () => {
    fake.queue(googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.', 'backendError'));
    const error = await failureOf(youtubeConnector.fetch(request()));
    expect(error.kind).toBe('TRANSIENT');
    const page = await youtubeConnector.fetch(request());
    expect(page.points).toHaveLength(12);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.query.toString()).toBe(fake.requests[0]!.query.toString());
  });

  it('gives no point for days without a row, nor for days YouTube has not processed yet', async () => {
    const sparse = await startYoutubeFake({ missingDays: ['2024-06-02'], lastProcessedDay: '2024-06-03' });
    try {
      const page = await youtubeConnector.fetch(request({ baseUrl: sparse.baseUrl, window: { from: '2024-06-01', to: '2024-06-05' } }));
      const day = (at: string) => {
        const v = youtubeDay(at);
        return [
          { metric: 'video_views', at, value: v.views },
          { metric: 'reactions', at, value: v.likes },
          { metric: 'comments', at, value: v.comments },
          { metric: 'shares', at, value: v.shares },
        ];
      };
      expect(page.points).toEqual([...day('2024-06-01'), ...day('2024-06-03')]);
      expect(page.next).toBeUndefined();
    } finally {
      await sparse.close();
    }
  });

  it('gives no points when the report has no rows at all', async () => {
    fake.queue({ body: { kind: 'youtubeAnalytics#resultTable', columnHeaders: [{ name: 'day', columnType: 'DIMENSION', dataType: 'STRING' }, { name: 'views', columnType: 'METRIC', dataType: 'INTEGER' }] } });
    const page = await youtubeConnector.fetch(request());
    expect(page).toEqual({ points: [] });
  });

  it('skips null cells and reads columns by their headers, in any order', async () => {
    fake.queue({
      body: {
        kind: 'youtubeAnalytics#resultTable',
        columnHeaders: [
          { name: 'likes', columnType: 'METRIC', dataType: 'INTEGER' },
          { name: 'day', columnType: 'DIMENSION', dataType: 'STRING' },
          { name: 'views', columnType: 'METRIC', dataType: 'INTEGER' },
        ],
        rows: [[7, '2024-06-01', null]],
      },
    });
    const page = await youtubeConnector.fetch(request());
    expect(page.points).toEqual([{ metric: 'reactions', at: '2024-06-01', value: 7 }]);
  });

  it('reads string-typed numbers', async () => {
    const strings = await startYoutubeFake({ stringNumbers: true });
    try {
      const page = await youtubeConnector.fetch(request({ baseUrl: strings.baseUrl, window: { from: '2024-06-01', to: '2024-06-01' } }));
      expect(page.points.find((p) => p.metric === 'video_views')).toEqual({ metric: 'video_views', at: '2024-06-01', value: 1204 });
      expect(page.points.every((p) => typeof p.value === 'number')).toBe(true);
    } finally {
      await strings.close();
    }
  });

  it('refuses an unreadable cell instead of storing 0', async () => {
    fake.queue({ body: { columnHeaders: [{ name: 'day' }, { name: 'views' }], rows: [['2024-06-01', 'n/a']] } });
    const error = await failureOf(youtubeConnector.fetch(request()));
    expect(error.kind).toBe('INVALID_RESPONSE');
  });
});

describe('nextPacificMidnight', () => {
  it.each([
    ['2024-06-15T12:00:00Z', '2024-06-16T07:00:00.000Z'], // PDT
    ['2024-06-16T05:00:00Z', '2024-06-16T07:00:00.000Z'], // still 15 June in California
    ['2024-01-15T12:00:00Z', '2024-01-16T08:00:00.000Z'], // PST
    ['2024-03-10T12:00:00Z', '2024-03-11T07:00:00.000Z'], // the day summer time starts
    ['2024-11-03T12:00:00Z', '2024-11-04T08:00:00.000Z'], // the day summer time ends
    ['2024-11-03T07:00:00Z', '2024-11-04T08:00:00.000Z'], // exactly midnight PDT: the next one
  ])('after %s is %s', (now, expected) => {
    expect(nextPacificMidnight(new Date(now)).toISOString()).toBe(expected);
  });
});
