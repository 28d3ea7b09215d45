import type { PointValue } from '@goalpost/db';
import { addDays, type IsoDate } from '@goalpost/domain';
import type { Connector, ConnectorPage, ConnectorRequest } from '../connector.ts';
import { requestJson } from '../connectorHttp.ts';
import { addToDay, settleDays, type DaySums } from '../publishingDaySums.ts';
import { readFollowers, readTweetsPage, readXError, xSlowDown } from './xResponses.ts';

/**
 * X API v2 with the account's user-context token (OAuth 2.0 PKCE).
 *
 * Followers are a snapshot (`public_metrics.followers_count` of the user lookup), dated `today`.
 * Everything else comes from the user's Posts timeline: X has no daily per-account time series on the
 * standard tiers, so each day gets the posts published that day and the sums of their *lifetime* public
 * counts (likes, reposts + quotes, replies, impressions) as they stand when fetched. A day's values keep
 * growing while its posts collect engagement; refetching the window rewrites them. Reposts of other
 * people's posts are excluded (`exclude=retweets`): their counts are the original author's.
 *
 * One request per call. The first call of a window looks the user up (only when today lies in the window,
 * or when the account has no stored X user id and one must be found from its handle); the following calls
 * walk the timeline, newest first, through `meta.next_token`. The cursor holds the user id, X's paging
 * token and the sums of the days a later page may still add to; never the access token.
 */

const label = 'X';

interface TimelineCursor {
  /** X user id. */
  id: string;
  /** `meta.next_token` of the previous timeline page; absent for the first timeline page. */
  t?: string;
  /** Days not yet emitted because the next page may hold more of their posts. */
  c?: DaySums;
}

function encodeCursor(cursor: TimelineCursor): string {
  return JSON.stringify(cursor);
}

/** An unreadable cursor (from another version) restarts the window: every page is an idempotent write. */
function decodeCursor(cursor: string | undefined): TimelineCursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(cursor) as Partial<TimelineCursor>;
    if (typeof value.id !== 'string' || (value.t !== undefined && typeof value.t !== 'string')) return undefined;
    if (value.c !== undefined && (typeof value.c !== 'object' || value.c === null)) return undefined;
    return { id: value.id, ...(value.t ? { t: value.t } : {}), ...(value.c ? { c: value.c } : {}) };
  } catch {
    return undefined;
  }
}

const auth = (request: ConnectorRequest) => ({ authorization: `Bearer ${request.accessToken}` });
const todayInWindow = (request: ConnectorRequest) => request.today >= request.window.from && request.today <= request.window.to;

async function lookUpUser(request: ConnectorRequest): Promise<ConnectorPage> {
  const { externalId, handle } = request.account;
  const path = externalId
    ? `/2/users/${encodeURIComponent(externalId)}`
    : `/2/users/by/username/${encodeURIComponent(handle.replace(/^@/, ''))}`;
  const url = new URL(`${request.baseUrl}${path}`);
  url.searchParams.set('user.fields', 'public_metrics');
  const answer = await requestJson(label, { url, headers: auth(request), ...(request.signal ? { signal: request.signal } : {}) }, readXError);
  const user = readFollowers(answer.body);
  const points: PointValue[] = todayInWindow(request) ? [{ metric: 'followers', at: request.today, value: user.followers }] : [];
  const slowDownUntil = xSlowDown(answer.headers);
  return { points, next: encodeCursor({ id: user.id }), ...(slowDownUntil ? { slowDownUntil } : {}) };
}

async function readTimeline(request: ConnectorRequest, cursor: TimelineCursor): Promise<ConnectorPage> {
  const { from, to } = request.window;
  const url = new URL(`${request.baseUrl}/2/users/${encodeURIComponent(cursor.id)}/tweets`);
  url.searchParams.set('start_time', `${from}T00:00:00Z`);
  // A window reaching today is read up to now: no end_time, so none ever lies in the future.
  if (to < request.today) url.searchParams.set('end_time', `${addDays(to, 1)}T00:00:00Z`);
  url.searchParams.set('tweet.fields', 'public_metrics,created_at');
  url.searchParams.set('exclude', 'retweets');
  url.searchParams.set('max_results', '100');
  if (cursor.t) url.searchParams.set('pagination_token', cursor.t);
  const answer = await requestJson(label, { url, headers: auth(request), ...(request.signal ? { signal: request.signal } : {}) }, readXError);

  const page = readTweetsPage(answer.body, request.window);
  const sums: DaySums = {};
  for (const [day, row] of Object.entries(cursor.c ?? {})) addToDay(sums, day as IsoDate, row);
  for (const [day, row] of Object.entries(page.sums)) addToDay(sums, day as IsoDate, row);
  // Past the window's start nothing older can belong to it, whatever the paging says.
  const done = !page.nextToken || (page.oldestDay !== undefined && page.oldestDay < from);
  const { points, carry } = settleDays(sums, page.oldestDay, done);
  const slowDownUntil = xSlowDown(answer.headers);
  return {
    points,
    ...(done ? {} : { next: encodeCursor({ id: cursor.id, t: page.nextToken as string, ...(Object.keys(carry).length ? { c: carry } : {}) }) }),
    ...(slowDownUntil ? { slowDownUntil } : {}),
  };
}

export const xConnector: Connector = {
  id: 'x',
  platform: 'X',
  label,
  defaultBaseUrl: 'https://api.x.com',
  metrics: {
    followers: 'public_metrics.followers_count (user lookup, snapshot dated today)',
    posts: 'posts published that day (user Posts timeline, reposts excluded)',
    reactions: 'public_metrics.like_count of the posts published that day (lifetime)',
    shares: 'public_metrics.retweet_count + quote_count of the posts published that day (lifetime)',
    comments: 'public_metrics.reply_count of the posts published that day (lifetime)',
    impressions: 'public_metrics.impression_count of the posts published that day (lifetime, when present)',
  },
  granularity: 'DAY',
  // The timeline takes any start_time/end_time range; 90 days keeps one window's walk short.
  maxWindowDays: 90,
  // The user Posts timeline only reaches the 3,200 most recent posts (reposts and replies included), and
  // every post read counts against the app's monthly Post cap. 90 days (a quarter, the usual objective
  // period) stays inside the 3,200 for accounts posting up to ~35 times a day; for busier accounts the
  // oldest days simply come back without posts, which gives no points rather than zeros.
  lookbackDays: 90,
  async fetch(request) {
    const cursor = decodeCursor(request.cursor);
    if (cursor) return readTimeline(request, cursor);
    if (todayInWindow(request) || !request.account.externalId) return lookUpUser(request);
    return readTimeline(request, { id: request.account.externalId });
  },
};
