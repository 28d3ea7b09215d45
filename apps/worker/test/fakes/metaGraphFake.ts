import { platformFixture, type FakeHandler, type FakeRequest, type FakeResponse } from './fakePlatformServer.ts';

/**
 * Meta's Graph API under `/v23.0`, as far as the Page and Instagram connectors use it:
 * - `GET /{page-id}/insights?metric=…&period=day&since=…&until=…`: one daily series per metric, one
 *   value per Meta reporting day (Pacific time; summer offset as in the fixture, `end_time` = the next
 *   day at 07:00 UTC), for the days `since` and `until` fall in, the latter excluded; at most 90 days;
 *   `paging.previous`/`next` are the periods of the same length before and after, as full URLs with
 *   `access_token` in them (as Meta builds them). Retired metrics are refused once the fake's today
 *   reaches their deprecation day, like Meta does (error 100, the whole request fails).
 * - `GET /{page-id}?fields=followers_count`.
 * - `GET /{ig-user-id}/insights?metric=…&period=day&metric_type=total_value&since=…&until=…`: one total
 *   per metric for the days of the range (at most 30 days), shaped as the fixture.
 * - `GET /{ig-user-id}?fields=followers_count`.
 * The token is read from the Bearer header (or `access_token`, which Meta accepts too).
 */

export const metaToken = 'EAAGoalpostPageToken1234567890abcdefghijklmnopqrstuvwxyz';
export const pageId = '1234567890';
export const igUserId = '17841400000000000';
export const pageFollowers = 8_412;
export const igFollowers = 3_977;

export interface MetaFakeOptions {
  /** Today for the fake (UTC): retired metrics are refused from their deprecation day on. */
  today: string;
  /** Days with no value at all (no entry in any series; Instagram answers an empty list). */
  missingDays?: string[];
  /** Metric → days that metric has no value on. */
  missingMetricDays?: Record<string, string[]>;
  /** Send every value as a string. */
  numbersAsStrings?: boolean;
  /** Answer at most this many days of a Page insights request, with `paging.next` continuing the rest (not Meta's usual behaviour). */
  maxDaysPerAnswer?: number;
  /** Extra headers on every successful answer (usage headers). */
  headers?: Record<string, string>;
  /** Leave `followers_count` out of the account answers. */
  noFollowersCount?: boolean;
}

const dayMs = 86_400_000;
/** The fake's Pacific offset (PDT, as the fixture's `T07:00:00+0000`). */
const pacificOffsetMs = 7 * 3_600_000;
const retired: Record<string, string> = { page_impressions: '2026-06-15', page_impressions_unique: '2026-06-15' };
const pageMetrics = new Set([
  'page_impressions', 'page_impressions_unique', 'page_post_engagements', 'page_actions_post_reactions_total', 'page_video_views',
  'page_views_total', 'page_media_view', 'page_total_media_view_unique', 'page_follows', 'page_daily_follows_unique',
]);
const igMetrics = new Set(['reach', 'views', 'accounts_engaged', 'total_interactions', 'likes', 'comments', 'shares', 'saves', 'replies', 'profile_links_taps']);

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / dayMs;
const fromDayNumber = (n: number) => dayOf(n * dayMs);
/** The Meta reporting day (Pacific) an instant falls in. */
const pacificDay = (seconds: number) => dayOf(seconds * 1000 - pacificOffsetMs);

/** Meta's error body, as in `meta-graph-error-rate-limited.json`. */
export function metaError(status: number, code: number, message: string, extra: Record<string, unknown> = {}): FakeResponse {
  return { status, body: { error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: 'AbCdEfGhIjKlMnOpQrStUv' } } };
}

/** The fixture's first-day values, plus the day of the month so each day differs. */
export function pageDayValue(metric: string, day: string): number | Record<string, number> {
  const dom = Number(day.slice(8, 10));
  const fixture = platformFixture<{ data: { name: string; values: { value: number }[] }[] }>('meta-page-insights.json');
  const fromFixture = fixture.data.find((d) => d.name === metric)?.values[0]?.value;
  if (fromFixture !== undefined) return fromFixture + dom;
  switch (metric) {
    case 'page_impressions_unique': return 2_100 + dom;
    case 'page_actions_post_reactions_total': return { like: 40 + dom, love: 12, haha: 3, wow: 2, sorry: 1, anger: 0 };
    case 'page_video_views': return 640 + dom;
    case 'page_views_total': return 88 + dom;
    case 'page_media_view': return 6_000 + dom;
    case 'page_total_media_view_unique': return 2_500 + dom;
    default: return 10 + dom;
  }
}

/** The fixture's totals for one day, plus the day of the month; metrics the fixture lacks get made-up bases. */
export function igDayValue(metric: string, day: string): number {
  const dom = Number(day.slice(8, 10));
  const fixture = platformFixture<{ data: { name: string; total_value: { value: number } }[] }>('instagram-user-insights-total-value.json');
  const fromFixture = fixture.data.find((d) => d.name === metric)?.total_value.value;
  if (fromFixture !== undefined) return fromFixture + dom;
  const bases: Record<string, number> = { total_interactions: 140, likes: 96, comments: 14, shares: 9, saves: 21, replies: 4, profile_links_taps: 7 };
  return (bases[metric] ?? 1) + dom;
}

function tokenOf(request: FakeRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return request.query.get('access_token') ?? undefined;
}

const invalidToken = () => metaError(400, 190, 'Error validating access token: Session has expired on Sunday, 23-Jun-24 10:00:00 PDT.', { error_subcode: 463 });
const unixSeconds = (value: string | null) => (value !== null && /^\d+$/.test(value) ? Number(value) : undefined);
const asValue = (options: MetaFakeOptions, value: number | Record<string, number>) =>
  typeof value === 'number' ? (options.numbersAsStrings ? String(value) : value) : options.numbersAsStrings ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : value;
const hasNoValue = (options: MetaFakeOptions, metric: string, day: string) => (options.missingDays?.includes(day) ?? false) || (options.missingMetricDays?.[metric]?.includes(day) ?? false);

function pageInsights(options: MetaFakeOptions, request: FakeRequest): FakeResponse {
  const asked = (request.query.get('metric') ?? '').split(',').filter(Boolean);
  if (asked.length === 0) return metaError(400, 3001, 'Invalid query', { error_subcode: 1504028 });
  for (const metric of asked) {
    const retiredOn = retired[metric];
    if (!pageMetrics.has(metric) || (retiredOn !== undefined && options.today >= retiredOn)) {
      return metaError(400, 100, '(#100) The value must be a valid insights metric');
    }
  }
  if (request.query.get('period') !== 'day') return metaError(400, 100, '(#100) period must be one of the following values: day, week, days_28, month, lifetime, total_over_range');
  const since = unixSeconds(request.query.get('since'));
  const until = unixSeconds(request.query.get('until'));
  if (since === undefined || until === undefined || until <= since) return metaError(400, 100, '(#100) since and until must be Unix timestamps, since before until');
  if (until - since > 90 * 86_400) return metaError(400, 100, '(#100) There cannot be more than 90 days (7776000 s) between since and until');

  const first = dayNumber(pacificDay(since));
  let last = dayNumber(pacificDay(until)) - 1;
  let next = { since: until, until: until + (until - since) };
  if (options.maxDaysPerAnswer !== undefined && last - first + 1 > options.maxDaysPerAnswer) {
    last = first + options.maxDaysPerAnswer - 1;
    next = { since: since + options.maxDaysPerAnswer * 86_400, until };
  }
  const data = asked.map((metric) => {
    const values = [];
    for (let n = first; n <= last; n += 1) {
      const day = fromDayNumber(n);
      if (hasNoValue(options, metric, day)) continue;
      values.push({ value: asValue(options, pageDayValue(metric, day)), end_time: `${fromDayNumber(n + 1)}T07:00:00+0000` });
    }
    return { name: metric, period: 'day', values, title: metric, description: `Daily: ${metric}`, id: `${pageId}/insights/${metric}/day` };
  });
  const link = (range: { since: number; until: number }) =>
    `https://graph.facebook.com/v23.0/${pageId}/insights?access_token=${metaToken}&metric=${encodeURIComponent(asked.join(','))}&period=day&since=${range.since}&until=${range.until}`;
  return { headers: options.headers ?? {}, body: { data, paging: { previous: link({ since: since - (until - since), until: since }), next: link(next) } } };
}

function igInsights(options: MetaFakeOptions, request: FakeRequest): FakeResponse {
  const asked = (request.query.get('metric') ?? '').split(',').filter(Boolean);
  const unknown = asked.find((m) => !igMetrics.has(m));
  if (asked.length === 0 || unknown) return metaError(400, 100, `(#100) metric[0] must be one of the following values: ${[...igMetrics].join(', ')}`);
  if (request.query.get('period') !== 'day') return metaError(400, 100, '(#100) Incompatible period for the metrics requested');
  if (request.query.get('metric_type') !== 'total_value') return metaError(400, 100, '(#100) The following metrics (views, total_interactions, …) should be specified with parameter metric_type=total_value');
  const since = unixSeconds(request.query.get('since'));
  const until = unixSeconds(request.query.get('until'));
  if (since === undefined || until === undefined || until <= since) return metaError(400, 100, '(#100) since and until must be Unix timestamps, since before until');
  if (until - since > 30 * 86_400) return metaError(400, 100, '(#100) There cannot be more than 30 days (2592000 s) between since and until');

  const days: string[] = [];
  for (let n = dayNumber(pacificDay(since)); n < dayNumber(pacificDay(until)); n += 1) days.push(fromDayNumber(n));
  const data = [];
  for (const metric of asked) {
    const withData = days.filter((day) => !hasNoValue(options, metric, day));
    if (withData.length === 0) continue;
    const total = withData.reduce((sum, day) => sum + igDayValue(metric, day), 0);
    data.push({ name: metric, period: 'day', title: metric, description: metric, total_value: { value: options.numbersAsStrings ? String(total) : total }, id: `${igUserId}/insights/${metric}/day` });
  }
  return { headers: options.headers ?? {}, body: { data } };
}

export function metaGraphFake(options: MetaFakeOptions): FakeHandler {
  return (request) => {
    if (tokenOf(request) !== metaToken) return invalidToken();
    const [version, id, edge, ...rest] = request.path.split('/').filter(Boolean);
    if (version !== 'v23.0' || rest.length > 0 || !id) return metaError(400, 2500, 'Unknown path components');
    const isPage = id === pageId;
    const isIg = id === igUserId;
    if (!isPage && !isIg) {
      return metaError(400, 100, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, { error_subcode: 33 });
    }
    if (edge === 'insights') return isPage ? pageInsights(options, request) : igInsights(options, request);
    if (edge !== undefined) return metaError(400, 2500, 'Unknown path components');
    const fields = (request.query.get('fields') ?? '').split(',');
    const count = isPage ? pageFollowers : igFollowers;
    return {
      headers: options.headers ?? {},
      body: { id, ...(fields.includes('followers_count') && !options.noFollowersCount ? { followers_count: options.numbersAsStrings ? String(count) : count } : {}) },
    };
  };
}
