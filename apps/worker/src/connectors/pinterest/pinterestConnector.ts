import type { PointValue } from '@goalpost/db';
import { isIsoDate, type IsoDate } from '@goalpost/domain';
import type { Connector, ConnectorPage, ConnectorRequest, RateLimitScope } from '../connector.ts';
import { ConnectorFailure } from '../connectorFailure.ts';
import { requestJson, retryAfter, type HttpAnswer } from '../connectorHttp.ts';
import { platformNumber } from '../platformNumber.ts';

/**
 * Pinterest API v5, with the token of the Pinterest (business) account itself: `user_account` is the
 * token's account, so `externalId` is not needed.
 *
 * One request per call, the cursor walking two phases of the same window:
 * 1. `GET /user_account/analytics`: daily organic metrics of the account's Pins (not paginated;
 *    date-bounded). Only days whose `data_status` is `READY` give points: `PROCESSING` days carry
 *    placeholder zeros, and the `BEFORE_*` statuses mean there is no data for the day.
 * 2. `GET /user_account`: the current `follower_count`, dated `today`; only asked when today lies in
 *    the window.
 */

const label = 'Pinterest';

/**
 * Catalog id ← Pinterest `metric_types` value.
 * - `shares` ← SAVE: a Save puts the Pin on the saver's board, where their own followers see it; it is
 *   Pinterest's act of passing content on (its "repin"), so it stands for shares.
 * - `link_clicks` ← OUTBOUND_CLICK: clicks that leave Pinterest for the Pin's destination URL
 *   (PIN_CLICK, a click opening the Pin's close-up inside Pinterest, maps to no catalog id).
 * - `engagements` ← ENGAGEMENT: Pinterest's own total of interactions (saves, Pin clicks, outbound
 *   clicks, carousel swipes…), taken as reported rather than summed here.
 */
const analyticsMetrics = {
  impressions: 'IMPRESSION',
  engagements: 'ENGAGEMENT',
  link_clicks: 'OUTBOUND_CLICK',
  shares: 'SAVE',
} as const satisfies Record<string, string>;

const metricMap = { ...analyticsMetrics, followers: 'user_account follower_count' } as const satisfies Record<string, string>;

/** Pinterest's per-minute category limits: the wait when a 429 says nothing readable about its reset. */
const defaultWaitMs = 60_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first number of a header (`x-ratelimit-remaining: 0`, or list forms like `100, 100;w=1`). */
function headerNumber(headers: Headers, name: string): number | undefined {
  const match = /-?\d+(\.\d+)?/.exec(headers.get(name) ?? '');
  return match ? Number(match[0]) : undefined;
}

/**
 * `X-RateLimit-Reset` (header names and format unverified): read as seconds until the reset when
 * small, as an epoch in seconds or milliseconds when large enough to be one.
 */
function rateLimitReset(headers: Headers, now: number): Date | undefined {
  const value = headerNumber(headers, 'x-ratelimit-reset');
  if (value === undefined || value < 0) return undefined;
  if (value > 1e12) return new Date(value);
  if (value > 1e9) return new Date(value * 1000);
  return new Date(now + value * 1000);
}

/**
 * A 429 waits until Retry-After, else `X-RateLimit-Reset`, else one minute. Pinterest's Standard-access
 * limits are per user per app, so the wait binds this account. Other statuses go to the generic
 * mapping (401 → AUTH_EXPIRED, 403 → AUTH_EXPIRED, 404 → NOT_FOUND, 5xx → TRANSIENT); Pinterest's body
 * (`{ code, message }`) only adds its message.
 */
export function readPinterestError(answer: HttpAnswer): ConnectorFailure | undefined {
  const { status, body, headers } = answer;
  if (status !== 429) return undefined;
  const now = Date.now();
  const at = retryAfter(headers, now) ?? rateLimitReset(headers, now) ?? new Date(now + defaultWaitMs);
  const message = isRecord(body) && typeof body.message === 'string' ? `: ${body.message.slice(0, 160)}` : '';
  return ConnectorFailure.rateLimited(`${label} answered 429 Too Many Requests${message}`, at, 'account', status);
}

/** On a successful answer: when `X-RateLimit-Remaining` reaches 0, wait for the reset. */
export function pinterestSlowDown(headers: Headers, now: number): { until: Date; scope: RateLimitScope } | undefined {
  if (headerNumber(headers, 'x-ratelimit-remaining') !== 0) return undefined;
  return { until: rateLimitReset(headers, now) ?? new Date(now + defaultWaitMs), scope: 'account' };
}

/**
 * The analytics answer: a map keyed by split value, `ALL` (or `all`) when nothing is split, each
 * `{ daily_metrics: [{ date, data_status, metrics: { IMPRESSION: n, … } }], summary_metrics }`. A day
 * that is not READY, absent, or outside the window gives no point; a metric left out gives no point.
 */
export function parseUserAccountAnalytics(body: unknown, window: { from: IsoDate; to: IsoDate }): PointValue[] {
  if (!isRecord(body)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: the analytics answer is not an object`);
  const splits = Object.values(body);
  const all = body.ALL ?? body.all ?? (splits.length === 1 ? splits[0] : undefined);
  if (all === undefined && splits.length === 0) return [];
  if (!isRecord(all)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: the analytics answer has no ALL entry`);
  const daily = all.daily_metrics ?? [];
  if (!Array.isArray(daily)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: daily_metrics is not an array`);

  const points: PointValue[] = [];
  for (const entry of daily as unknown[]) {
    if (!isRecord(entry)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: a daily_metrics entry is not an object`);
    const day = entry.date;
    if (typeof day !== 'string' || !isIsoDate(day)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: unreadable date ${JSON.stringify(day)?.slice(0, 20)}`);
    if (entry.data_status !== 'READY' || day < window.from || day > window.to) continue;
    const metrics = isRecord(entry.metrics) ? entry.metrics : {};
    for (const [metric, name] of Object.entries(analyticsMetrics)) {
      const value = metrics[name];
      if (value === undefined || value === null) continue;
      points.push({ metric, at: day, value: platformNumber(value, `${label} ${name} on ${day}`) });
    }
  }
  return points;
}

/** `follower_count` of `GET /user_account`; undefined when Pinterest leaves it out. */
export function parseFollowerCount(body: unknown): number | undefined {
  if (!isRecord(body)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: the user account answer is not an object`);
  const count = body.follower_count;
  return count === undefined || count === null ? undefined : platformNumber(count, `${label} follower_count`);
}

const todayInWindow = (request: ConnectorRequest) => request.today >= request.window.from && request.today <= request.window.to;

export const pinterestConnector: Connector = {
  id: 'pinterest',
  platform: 'PINTEREST',
  label,
  defaultBaseUrl: 'https://api.pinterest.com/v5',
  metrics: metricMap,
  granularity: 'DAY',
  // end_date may be at most 90 days past start_date; 90 whole days stay inside that.
  maxWindowDays: 90,
  // start_date may be at most 90 days back from today (UTC). One day of margin: a window computed just
  // before midnight UTC that reaches Pinterest after it would otherwise start 91 days back.
  lookbackDays: 89,

  async fetch(request: ConnectorRequest): Promise<ConnectorPage> {
    const headers = { authorization: `Bearer ${request.accessToken}` };
    const signal = request.signal ? { signal: request.signal } : {};

    // `account` is the only cursor; anything else (an unreadable one included) restarts at the analytics.
    if (request.cursor === 'account') {
      const answer = await requestJson(label, { url: `${request.baseUrl}/user_account`, headers, ...signal }, readPinterestError);
      const followers = parseFollowerCount(answer.body);
      const slowDownUntil = pinterestSlowDown(answer.headers, Date.now());
      return {
        points: followers === undefined ? [] : [{ metric: 'followers', at: request.today, value: followers }],
        ...(slowDownUntil ? { slowDownUntil } : {}),
      };
    }

    const url = new URL(`${request.baseUrl}/user_account/analytics`);
    url.searchParams.set('start_date', request.window.from);
    url.searchParams.set('end_date', request.window.to);
    url.searchParams.set('metric_types', Object.values(analyticsMetrics).join(','));
    const answer = await requestJson(label, { url, headers, ...signal }, readPinterestError);
    const points = parseUserAccountAnalytics(answer.body, request.window);
    const slowDownUntil = pinterestSlowDown(answer.headers, Date.now());
    return {
      points,
      ...(todayInWindow(request) ? { next: 'account' } : {}),
      ...(slowDownUntil ? { slowDownUntil } : {}),
    };
  },
};
