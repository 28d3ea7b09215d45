import type { PointValue } from '@goalpost/db';
import { isIsoDate } from '@goalpost/domain';
import type { Connector, ConnectorPage, ConnectorRequest } from '../connector.ts';
import { ConnectorFailure } from '../connectorFailure.ts';
import { requestJson } from '../connectorHttp.ts';
import { googleApiErrorReader } from '../google/googleApiErrors.ts';
import { platformNumber } from '../platformNumber.ts';

const label = 'YouTube Analytics';

/**
 * Catalog id ← YouTube Analytics channel metric (daily, `dimensions=day`).
 *
 * `followers` is left out on purpose: the catalog's followers is the audience size at the end of the
 * day, and the Analytics API only gives `subscribersGained`/`subscribersLost` per day. Summing them
 * needs a starting count, and the only snapshot (Data API `channels?part=statistics`) is a second
 * request on another host with its own quota, and its `subscriberCount` is rounded down to three
 * significant figures: too coarse to anchor daily gains, so no subscriber metric is emitted.
 */
const metricMap = {
  video_views: 'views',
  reactions: 'likes',
  comments: 'comments',
  shares: 'shares',
} as const satisfies Record<string, string>;

/**
 * Rows per page (`maxResults`). A day report has one row per day, so a 90-day window takes two pages;
 * the reports carry no total or next-page token, so a full page is the only sign that more may follow.
 */
export const youtubePageSize = 50;

/**
 * Quotas of the YouTube Analytics API belong to the Cloud project (every channel shares them), so a
 * quota refusal waits for all accounts; YouTube reports its daily quota as `quotaExceeded`, reset at
 * midnight Pacific time.
 */
const readError = googleApiErrorReader(label, { quotaScope: 'platform', dailyReasons: ['quotaExceeded'] });

interface ColumnHeader {
  name?: unknown;
}

export const youtubeConnector: Connector = {
  id: 'youtube',
  platform: 'YOUTUBE',
  label,
  defaultBaseUrl: 'https://youtubeanalytics.googleapis.com',
  metrics: metricMap,
  granularity: 'DAY',
  // Any range is accepted in one report; 90 days keeps a window to two pages.
  maxWindowDays: 90,
  // Channel reports go back to the channel's creation; three years bounds a first backfill.
  lookbackDays: 1095,

  async fetch(request: ConnectorRequest): Promise<ConnectorPage> {
    const startIndex = request.cursor === undefined ? 1 : readCursor(request.cursor);
    const url = new URL(`${request.baseUrl}/v2/reports`);
    url.searchParams.set('ids', `channel==${request.account.externalId ?? 'MINE'}`);
    url.searchParams.set('startDate', request.window.from);
    url.searchParams.set('endDate', request.window.to);
    url.searchParams.set('metrics', Object.values(metricMap).join(','));
    url.searchParams.set('dimensions', 'day');
    url.searchParams.set('sort', 'day');
    url.searchParams.set('startIndex', String(startIndex));
    url.searchParams.set('maxResults', String(youtubePageSize));

    const answer = await requestJson(
      label,
      { url, headers: { authorization: `Bearer ${request.accessToken}` }, ...(request.signal ? { signal: request.signal } : {}) },
      readError,
    );
    const { points, rowCount, lastDay } = parseReport(answer.body, request.window);
    // A full page whose last day is still before the window's end may have a successor.
    const more = rowCount >= youtubePageSize && lastDay !== undefined && lastDay < request.window.to;
    return { points, ...(more ? { next: String(startIndex + rowCount) } : {}) };
  },
};

function readCursor(cursor: string): number {
  const n = Number(cursor);
  if (!Number.isInteger(n) || n < 1) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: unreadable page cursor`);
  return n;
}

/**
 * A `youtubeAnalytics#resultTable`: `columnHeaders` name the columns (their order must be read from
 * them, not assumed) and `rows` hold one array per day; `rows` is absent when there is no data, and
 * the most recent days are left out until YouTube has processed them. Cells are numbers; strings
 * are read too. A null cell gives no point.
 */
export function parseReport(body: unknown, window: { from: string; to: string }) {
  const table = (typeof body === 'object' && body !== null ? body : {}) as { columnHeaders?: unknown; rows?: unknown };
  if (!Array.isArray(table.columnHeaders)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: the report has no columnHeaders`);
  const names = (table.columnHeaders as ColumnHeader[]).map((h) => (typeof h?.name === 'string' ? h.name : undefined));
  const dayColumn = names.indexOf('day');
  if (dayColumn < 0) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: the report has no day column`);
  const columns = Object.entries(metricMap)
    .map(([metric, name]) => ({ metric, column: names.indexOf(name) }))
    .filter((c) => c.column >= 0);

  const rows = table.rows === undefined || table.rows === null ? [] : table.rows;
  if (!Array.isArray(rows)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: rows is not an array`);
  const points: PointValue[] = [];
  let lastDay: string | undefined;
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: a row is not an array`);
    const day: unknown = row[dayColumn];
    if (typeof day !== 'string' || !isIsoDate(day)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: unreadable day ${JSON.stringify(day)?.slice(0, 20)}`);
    if (lastDay === undefined || day > lastDay) lastDay = day;
    if (day < window.from || day > window.to) continue;
    for (const { metric, column } of columns) {
      const cell: unknown = row[column];
      if (cell === null || cell === undefined) continue;
      points.push({ metric, at: day, value: platformNumber(cell, `${label} ${metricMap[metric as keyof typeof metricMap]} on ${day}`) });
    }
  }
  return { points, rowCount: rows.length, lastDay };
}
