import type { PointValue } from '@goalpost/db';
import { addDays, platformMetricsServedOn, isIsoDate, type IsoDate } from '@goalpost/domain';
import type { Connector, ConnectorPage, ConnectorRequest } from '../connector.ts';
import { ConnectorFailure } from '../connectorFailure.ts';
import { requestJson } from '../connectorHttp.ts';
import { metaGraphErrorReader, metaSlowDown } from '../meta/metaGraphErrors.ts';
import { platformNumber } from '../platformNumber.ts';

/**
 * Instagram account insights (Instagram API with Facebook Login, graph.facebook.com) with the token of
 * the user who manages the account (`instagram_basic`, `instagram_manage_insights`,
 * `pages_read_engagement`), sent as a Bearer header.
 *
 * The account metrics this reads (views, total_interactions, likes, comments, shares) exist only as
 * `metric_type=total_value`: one total for the whole `since`..`until` range, with no per-day rows. Only
 * `reach` also offers a `time_series`, and since the others need a request per day anyway, one request
 * per day carries all six: `GET /{ig-user-id}/insights?metric=…&period=day&metric_type=total_value
 * &since=…&until=…` spanning exactly that day. The cursor is the next day to ask (or the follower phase),
 * never a URL or the token.
 *
 * Then, when today lies in the window, `GET /{ig-user-id}?fields=followers_count`: the follower count
 * now, dated `today`.
 *
 * Days are Meta's reporting days (Pacific time) labelled with their date, as for Pages: `since` at noon
 * UTC of the day and `until` at noon UTC of the next lie inside those Pacific days whatever the season,
 * so a range aligned on Meta's days covers that one day.
 */

const label = 'Instagram';
const platform = 'INSTAGRAM';

/**
 * Catalog id ← Instagram account metric (total_value, period `day`).
 * - `impressions` ← views: times content was played or displayed, repeats included; Meta retired the
 *   account `impressions` metric on 2025-04-21 (v22.0) in favour of views, the only count of displays left.
 * - `engagements` ← total_interactions: likes, comments, shares, saves, replies and reposts on the account's
 *   content (`accounts_engaged` counts accounts, not interactions, and maps to nothing).
 * - `reactions` ← likes, `comments` ← comments, `shares` ← shares, `reach` ← reach (accounts reached).
 */
const insightMetrics = [
  ['reach', 'reach'],
  ['impressions', 'views'],
  ['engagements', 'total_interactions'],
  ['reactions', 'likes'],
  ['comments', 'comments'],
  ['shares', 'shares'],
] as const;

/** The insights metrics still served on `today`, platform name → catalog id. */
const metricsOn = (today: IsoDate) => platformMetricsServedOn(platform, insightMetrics, today);

type Cursor = { p: 'day'; d: IsoDate } | { p: 'followers' };

/** An unreadable cursor (from another version) restarts the window: every page is an idempotent write. */
function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(cursor) as Partial<{ p: string; d: unknown }>;
    if (value.p === 'followers') return { p: 'followers' };
    if (value.p === 'day' && typeof value.d === 'string' && isIsoDate(value.d)) return { p: 'day', d: value.d };
  } catch {
    // fall through
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const noonSeconds = (day: IsoDate) => Date.parse(`${day}T12:00:00Z`) / 1000;
const todayInWindow = (request: ConnectorRequest) => request.today >= request.window.from && request.today <= request.window.to;
const readError = metaGraphErrorReader(label);

function userId(request: ConnectorRequest): string {
  const id = request.account.externalId?.trim();
  if (!id) throw new ConnectorFailure('NOT_FOUND', `${label}: the account has no Instagram user id`);
  return id;
}

const common = (request: ConnectorRequest) => ({
  headers: { authorization: `Bearer ${request.accessToken}` },
  ...(request.signal ? { signal: request.signal } : {}),
});

/**
 * One day's `data[]` of `{ name, period, total_value: { value, breakdowns? } }`: a metric Meta leaves out,
 * or sends without a value, gives no point (Meta answers an empty list, not zeros, when it has no data).
 */
export function readDayTotals(body: unknown, wanted: ReadonlyMap<string, string>, day: IsoDate): PointValue[] {
  if (!isRecord(body) || !Array.isArray(body.data)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} insights answer has no data list`);
  const points: PointValue[] = [];
  for (const row of body.data as unknown[]) {
    if (!isRecord(row) || typeof row.name !== 'string') throw new ConnectorFailure('INVALID_RESPONSE', `${label} insights row without a name`);
    const metric = wanted.get(row.name);
    if (!metric) continue;
    const total = row.total_value;
    if (!isRecord(total) || total.value === undefined || total.value === null) continue;
    points.push({ metric, at: day, value: platformNumber(total.value, `${label} ${row.name} on ${day}`) });
  }
  return points;
}

/** After `day`: the next day of the window, else the follower count when today lies in it, else done. */
function nextAfter(request: ConnectorRequest, day: IsoDate): string | undefined {
  if (day < request.window.to) return JSON.stringify({ p: 'day', d: addDays(day, 1) } satisfies Cursor);
  return todayInWindow(request) ? JSON.stringify({ p: 'followers' } satisfies Cursor) : undefined;
}

async function readDay(request: ConnectorRequest, day: IsoDate): Promise<ConnectorPage> {
  const metrics = metricsOn(request.today);
  const next = nextAfter(request, day);
  if (metrics.size === 0) return next ? { points: [], next } : { points: [] };
  const url = new URL(`${request.baseUrl}/${encodeURIComponent(userId(request))}/insights`);
  url.searchParams.set('metric', [...metrics.keys()].join(','));
  url.searchParams.set('period', 'day');
  url.searchParams.set('metric_type', 'total_value');
  url.searchParams.set('since', String(noonSeconds(day)));
  url.searchParams.set('until', String(noonSeconds(addDays(day, 1))));
  const answer = await requestJson(label, { url, ...common(request) }, readError);
  const points = readDayTotals(answer.body, metrics, day);
  return withSlowDown(next ? { points, next } : { points }, answer.headers);
}

async function readFollowers(request: ConnectorRequest): Promise<ConnectorPage> {
  const url = new URL(`${request.baseUrl}/${encodeURIComponent(userId(request))}`);
  url.searchParams.set('fields', 'followers_count');
  const answer = await requestJson(label, { url, ...common(request) }, readError);
  if (!isRecord(answer.body)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} user answer is not an object`);
  const count = answer.body.followers_count;
  const points: PointValue[] = count === undefined || count === null ? [] : [{ metric: 'followers', at: request.today, value: platformNumber(count, `${label} followers_count`) }];
  return withSlowDown({ points }, answer.headers);
}

function withSlowDown(page: ConnectorPage, headers: Headers): ConnectorPage {
  const slowDownUntil = metaSlowDown(headers, Date.now());
  return slowDownUntil ? { ...page, slowDownUntil } : page;
}

export const metaInstagramConnector: Connector = {
  id: 'meta-instagram',
  platform,
  label,
  defaultBaseUrl: 'https://graph.facebook.com/v23.0',
  metrics: {
    ...Object.fromEntries(insightMetrics.map(([metric, platformMetric]) => [metric, `${platformMetric} (total_value, one day per request)`])),
    followers: 'followers_count (Instagram user field, snapshot dated today)',
  },
  granularity: 'DAY',
  // One request per day whatever the window; 30 days (the longest since..until range the account
  // insights accept) keeps a window's walk, and a resumed one, short.
  maxWindowDays: 30,
  // Meta stores Instagram insights for up to two years; ten days short of it for the Pacific-time days.
  lookbackDays: 720,
  async fetch(request) {
    const cursor = decodeCursor(request.cursor);
    if (cursor?.p === 'followers') return readFollowers(request);
    // A day cursor outside this window (a window changed under it) restarts at the window's start.
    const day = cursor?.p === 'day' && cursor.d >= request.window.from && cursor.d <= request.window.to ? cursor.d : request.window.from;
    return readDay(request, day);
  },
};
