import { platformMetricsServedOn, type IsoDate } from '@goalpost/domain';
import type { Connector, ConnectorPage, ConnectorRequest } from '../connector.ts';
import { ConnectorFailure } from '../connectorFailure.ts';
import { requestJson } from '../connectorHttp.ts';
import { metaGraphErrorReader, metaSlowDown } from '../meta/metaGraphErrors.ts';
import { insightsRange, readPageFollowers, readPageInsights } from './metaPageResponses.ts';

/**
 * Facebook Page Insights (Graph API) with a Page access token (`pages_read_engagement`,
 * `read_insights`), sent as a Bearer header, never in the URL.
 *
 * One request per call, the cursor walking two phases of the same window:
 * 1. `GET /{page-id}/insights?metric=…&period=day&since=…&until=…`: the daily series of the window,
 *    at most 90 days per request. Meta's `paging.next` points at the *following* period (from `until`
 *    on), which is not this window's: it is only followed when it starts before the window's end,
 *    should Meta answer a shorter span than asked. The cursor then holds that `since`/`until`, never the
 *    URL (it carries `access_token`).
 * 2. `GET /{page-id}?fields=followers_count`: the follower count now, dated `today`; only when today
 *    lies in the window.
 *
 * Days are Meta's reporting days (Pacific time), labelled with their date; see `insightsRange`.
 *
 * Deprecations: a Page metric Meta retires (`platformMetricDeprecations`) is not asked for from its
 * deprecation day on, judged against `today` (Meta refuses it for every date once retired, and one
 * invalid metric fails the whole request), and gives no point, never a 0.
 */

const label = 'Facebook';
const platform = 'FACEBOOK';

/**
 * Catalog id ← Page Insights metric (period `day`).
 * - `impressions` ← page_impressions and `reach` ← page_impressions_unique: both retired by Meta on
 *   2026-06-15 (its replacements, page_media_view and page_total_media_view_unique, count views
 *   differently and are not mapped in their place).
 * - `engagements` ← page_post_engagements: reactions, comments, shares and clicks on the Page's posts.
 * - `reactions` ← page_actions_post_reactions_total: per reaction type; their sum.
 * - `video_views` ← page_video_views: plays of 3 seconds or more.
 * - `profile_visits` ← page_views_total: views of the Page's profile.
 */
const insightMetrics = [
  ['impressions', 'page_impressions'],
  ['reach', 'page_impressions_unique'],
  ['engagements', 'page_post_engagements'],
  ['reactions', 'page_actions_post_reactions_total'],
  ['video_views', 'page_video_views'],
  ['profile_visits', 'page_views_total'],
] as const;

/** The insights metrics still served on `today`, platform name → catalog id. */
export const pageMetricsOn = (today: IsoDate) => platformMetricsServedOn(platform, insightMetrics, today);

type Cursor = { p: 'insights'; since: number; until: number } | { p: 'followers' };

/** An unreadable cursor (from another version) restarts the window: every page is an idempotent write. */
function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(cursor) as Partial<{ p: string; since: unknown; until: unknown }>;
    if (value.p === 'followers') return { p: 'followers' };
    if (value.p === 'insights' && Number.isInteger(value.since) && Number.isInteger(value.until)) {
      return { p: 'insights', since: value.since as number, until: value.until as number };
    }
  } catch {
    // fall through
  }
  return undefined;
}

const todayInWindow = (request: ConnectorRequest) => request.today >= request.window.from && request.today <= request.window.to;
const readError = metaGraphErrorReader(label);

function pageId(request: ConnectorRequest): string {
  const id = request.account.externalId?.trim();
  if (!id) throw new ConnectorFailure('NOT_FOUND', `${label}: the account has no Page id`);
  return id;
}

const common = (request: ConnectorRequest) => ({
  headers: { authorization: `Bearer ${request.accessToken}` },
  ...(request.signal ? { signal: request.signal } : {}),
});

/** After the insights of the window: the follower count when today lies in it, else done. */
const afterInsights = (request: ConnectorRequest) => (todayInWindow(request) ? JSON.stringify({ p: 'followers' } satisfies Cursor) : undefined);

async function readInsights(request: ConnectorRequest, range: { since: number; until: number }): Promise<ConnectorPage> {
  const metrics = pageMetricsOn(request.today);
  if (metrics.size === 0) return withNext({ points: [] }, afterInsights(request));
  const url = new URL(`${request.baseUrl}/${encodeURIComponent(pageId(request))}/insights`);
  url.searchParams.set('metric', [...metrics.keys()].join(','));
  url.searchParams.set('period', 'day');
  url.searchParams.set('since', String(range.since));
  url.searchParams.set('until', String(range.until));
  const answer = await requestJson(label, { url, ...common(request) }, readError);
  const { points, next } = readPageInsights(answer.body, metrics, request.window);
  const windowEnd = insightsRange(request.window.from, request.window.to).until;
  // Follow Meta's next period only while it is still this window's, and only forwards.
  const more = next && next.since > range.since && next.since < windowEnd ? { since: next.since, until: Math.min(next.until, windowEnd) } : undefined;
  const cursor = more ? JSON.stringify({ p: 'insights', ...more } satisfies Cursor) : afterInsights(request);
  return withSlowDown(withNext({ points }, cursor), answer.headers);
}

async function readFollowers(request: ConnectorRequest): Promise<ConnectorPage> {
  const url = new URL(`${request.baseUrl}/${encodeURIComponent(pageId(request))}`);
  url.searchParams.set('fields', 'followers_count');
  const answer = await requestJson(label, { url, ...common(request) }, readError);
  const followers = readPageFollowers(answer.body);
  return withSlowDown({ points: followers === undefined ? [] : [{ metric: 'followers', at: request.today, value: followers }] }, answer.headers);
}

const withNext = (page: ConnectorPage, next: string | undefined): ConnectorPage => (next ? { ...page, next } : page);

function withSlowDown(page: ConnectorPage, headers: Headers): ConnectorPage {
  const slowDownUntil = metaSlowDown(headers, Date.now());
  return slowDownUntil ? { ...page, slowDownUntil } : page;
}

export const metaPageConnector: Connector = {
  id: 'meta-page',
  platform,
  label,
  defaultBaseUrl: 'https://graph.facebook.com/v23.0',
  metrics: {
    ...Object.fromEntries(insightMetrics.map(([metric, platformMetric]) => [metric, platformMetric])),
    followers: 'followers_count (Page field, snapshot dated today)',
  },
  granularity: 'DAY',
  // "Only 90 days of insights can be viewed at one time when using the since and until parameters."
  maxWindowDays: 90,
  // Meta keeps two years of Page Insights; ten days short of it so the oldest day asked (with the
  // Pacific-time day boundaries) is still inside.
  lookbackDays: 720,
  async fetch(request) {
    const cursor = decodeCursor(request.cursor);
    if (cursor?.p === 'followers') return readFollowers(request);
    if (cursor?.p === 'insights') return readInsights(request, cursor);
    return readInsights(request, insightsRange(request.window.from, request.window.to));
  },
};
