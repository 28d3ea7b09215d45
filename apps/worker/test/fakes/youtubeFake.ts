import { addDays, dayNumber } from '@goalpost/domain';
import { platformFixture, startFakePlatform, type FakeRequest, type FakeResponse } from './fakePlatformServer.ts';

interface ResultTable {
  kind: string;
  columnHeaders: { name: string; columnType: string; dataType: string }[];
  rows: (string | number)[][];
}

export const youtubeFakeToken = 'ya29.youtube-fake-access-token';

/** A Google error body as the YouTube APIs send it (`errors[]` with a reason, plus the gRPC status). */
export function googleError(code: number, status: string, message: string, reason?: string): FakeResponse {
  return {
    status: code,
    body: { error: { code, message, status, ...(reason ? { errors: [{ message, domain: 'youtube.analytics', reason }] } : {}) } },
  };
}

const knownMetrics = ['views', 'estimatedMinutesWatched', 'likes', 'dislikes', 'comments', 'shares', 'subscribersGained', 'subscribersLost'];

/**
 * A channel's daily numbers: the fixture's days keep its views, minutes and likes; every other day and
 * metric is generated from the day, so any window can be asked for.
 */
export function youtubeDay(day: string): Record<string, number> {
  const n = dayNumber(day);
  const generated: Record<string, number> = {
    views: 1000 + (n % 400),
    estimatedMinutesWatched: 2500 + (n % 900),
    likes: 50 + (n % 40),
    dislikes: n % 3,
    comments: 5 + (n % 9),
    shares: 1 + (n % 4),
    subscribersGained: 3 + (n % 10),
    subscribersLost: n % 2,
  };
  const fixture = platformFixture<ResultTable>('youtube-analytics-reports-query.json');
  const names = fixture.columnHeaders.map((h) => h.name);
  const row = fixture.rows.find((r) => r[0] === day);
  if (row) names.forEach((name, i) => name !== 'day' && (generated[name] = Number(row[i])));
  return generated;
}

export interface YoutubeFakeOptions {
  /** Days the channel has no row for (no activity reported). */
  missingDays?: string[];
  /** Days after this one are not processed yet: YouTube leaves them out of day reports. */
  lastProcessedDay?: string;
  /** Send metric cells as strings ("1204") instead of numbers. */
  stringNumbers?: boolean;
  /** The channel the token owns; `channel==MINE` always resolves to it. */
  channelId?: string;
}

/**
 * The YouTube Analytics API's `GET /v2/reports`: checks the bearer token and the required query
 * parameters, answers a `youtubeAnalytics#resultTable` shaped like the fixture with one row per day
 * sorted by day, and pages with `startIndex` (1-based) and `maxResults`.
 */
export async function startYoutubeFake(options: YoutubeFakeOptions = {}) {
  const channelId = options.channelId ?? 'UCgoalpost000000000000001';
  const missing = new Set(options.missingDays ?? []);
  const handler = (request: FakeRequest): FakeResponse => {
    if (request.path !== '/v2/reports') return googleError(404, 'NOT_FOUND', 'Not Found', 'notFound');
    if (request.headers.authorization !== `Bearer ${youtubeFakeToken}`) {
      return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.', 'authError');
    }
    const q = request.query;
    if (q.has('access_token')) return googleError(400, 'INVALID_ARGUMENT', 'token sent twice', 'badRequest');
    for (const required of ['ids', 'startDate', 'endDate', 'metrics']) {
      if (!q.get(required)) return googleError(400, 'INVALID_ARGUMENT', `Required parameter: ${required}`, 'required');
    }
    const ids = q.get('ids') ?? '';
    if (ids !== 'channel==MINE' && ids !== `channel==${channelId}`) {
      return googleError(403, 'PERMISSION_DENIED', 'Forbidden', 'forbidden');
    }
    if (q.get('dimensions') !== 'day') return googleError(400, 'INVALID_ARGUMENT', 'this fake serves day reports only', 'badRequest');
    const metrics = (q.get('metrics') ?? '').split(',');
    const unknown = metrics.find((m) => !knownMetrics.includes(m));
    if (unknown) return googleError(400, 'INVALID_ARGUMENT', `Unknown identifier (${unknown}) given in field parameters.metrics.`, 'badRequest');
    const startDate = q.get('startDate') ?? '';
    const endDate = q.get('endDate') ?? '';
    if (endDate < startDate) return googleError(400, 'INVALID_ARGUMENT', 'The query end date is earlier than the start date.', 'badRequest');
    const startIndex = Number(q.get('startIndex') ?? '1');
    const maxResults = Number(q.get('maxResults') ?? '10000');
    if (!Number.isInteger(startIndex) || startIndex < 1) return googleError(400, 'INVALID_ARGUMENT', 'Invalid value at startIndex', 'invalid');

    const rows: (string | number)[][] = [];
    for (let day = startDate; day <= endDate; day = addDays(day, 1)) {
      if (missing.has(day) || (options.lastProcessedDay && day > options.lastProcessedDay)) continue;
      const values = youtubeDay(day);
      rows.push([day, ...metrics.map((m) => (options.stringNumbers ? String(values[m]) : (values[m] ?? 0)))]);
    }
    if (q.get('sort') === '-day') rows.reverse();
    const page = rows.slice(startIndex - 1, startIndex - 1 + maxResults);
    const fixture = platformFixture<ResultTable>('youtube-analytics-reports-query.json');
    return {
      body: {
        kind: fixture.kind,
        columnHeaders: [
          { name: 'day', columnType: 'DIMENSION', dataType: 'STRING' },
          ...metrics.map((name) => ({ name, columnType: 'METRIC', dataType: 'INTEGER' })),
        ],
        // YouTube leaves `rows` out when there is no data.
        ...(page.length > 0 ? { rows: page } : {}),
      },
    };
  };
  return { ...(await startFakePlatform(handler)), channelId };
}
