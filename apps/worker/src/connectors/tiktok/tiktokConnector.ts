import { addDays, type IsoDate } from '@goalpost/domain';
import type { Connector, ConnectorPage, ConnectorRequest } from '../connector.ts';
import { requestJson } from '../connectorHttp.ts';
import { readTikTokError } from './tiktokPlatformError.ts';
import { addToDay, settleDays, type DaySums } from '../publishingDaySums.ts';
import { readFollowerCount, readVideoPage } from './tiktokResponses.ts';

/**
 * TikTok Display API (v2) with the user's token (scopes `user.info.stats`, `video.list`).
 *
 * Followers are a snapshot (`follower_count` of `/v2/user/info/`), dated `today`. The Display API has no
 * daily account series, so every other metric comes from the user's public videos: each day gets the
 * videos published that day and the sums of their *lifetime* counts (likes, comments, shares, views) as
 * they stand when fetched, attributed to the publishing day; refetching a window rewrites them.
 *
 * One request per call. The first call of a window reads the user info when today lies in the window;
 * the others walk `/v2/video/list/` (newest first, 20 a page). Its cursor is a UTC timestamp in
 * milliseconds and may be set by hand to list the videos published before it, so the walk starts at the
 * end of the window and stops once the videos are older than its start. The connector's cursor holds
 * TikTok's timestamp and the sums of the days a later page may still add to; never the access token.
 */

const label = 'TikTok';
const videoFields = 'id,create_time,like_count,comment_count,share_count,view_count';
const pageSize = 20;

interface VideoCursor {
  /** TikTok's `cursor`: list the videos published before this UTC millisecond. */
  v: number;
  /** Set when `v` is a cursor TikTok handed out (not the window's end this connector chose). */
  k?: 1;
  /** Days not yet emitted because the next page may hold more of their videos. */
  c?: DaySums;
}

/** An unreadable cursor (from another version) restarts the window: every page is an idempotent write. */
function decodeCursor(cursor: string | undefined): VideoCursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(cursor) as Partial<VideoCursor>;
    if (typeof value.v !== 'number' || !Number.isFinite(value.v)) return undefined;
    if (value.c !== undefined && (typeof value.c !== 'object' || value.c === null)) return undefined;
    return { v: value.v, ...(value.k === 1 ? { k: 1 as const } : {}), ...(value.c ? { c: value.c } : {}) };
  } catch {
    return undefined;
  }
}

/** The first instant after the window: videos published before it. */
const windowEndMs = (to: IsoDate) => Date.parse(`${addDays(to, 1)}T00:00:00Z`);
const todayInWindow = (request: ConnectorRequest) => request.today >= request.window.from && request.today <= request.window.to;
const common = (request: ConnectorRequest) => ({
  headers: { authorization: `Bearer ${request.accessToken}` },
  ...(request.signal ? { signal: request.signal } : {}),
});

async function readUserInfo(request: ConnectorRequest): Promise<ConnectorPage> {
  const url = new URL(`${request.baseUrl}/v2/user/info/`);
  url.searchParams.set('fields', 'follower_count,likes_count,video_count');
  const answer = await requestJson(label, { url, ...common(request) }, readTikTokError);
  const followers = readFollowerCount(answer.body);
  return {
    points: [{ metric: 'followers', at: request.today, value: followers }],
    next: JSON.stringify({ v: windowEndMs(request.window.to) } satisfies VideoCursor),
  };
}

async function readVideos(request: ConnectorRequest, cursor: VideoCursor): Promise<ConnectorPage> {
  const url = new URL(`${request.baseUrl}/v2/video/list/`);
  url.searchParams.set('fields', videoFields);
  const answer = await requestJson(label, { method: 'POST', url, body: { max_count: pageSize, cursor: cursor.v }, ...common(request) }, readTikTokError);

  const page = readVideoPage(answer.body, request.window);
  const sums: DaySums = {};
  for (const [day, row] of Object.entries(cursor.c ?? {})) addToDay(sums, day as IsoDate, row);
  for (const [day, row] of Object.entries(page.sums)) addToDay(sums, day as IsoDate, row);
  const done =
    page.nextCursor === undefined ||
    // Newest first: once a page ends before the window, nothing later belongs to it.
    (page.lastDay !== undefined && page.lastDay < request.window.from) ||
    // A cursor of TikTok's own that does not move back would list the same page forever. (The first
    // cursor is the window's end; should TikTok ignore it and list from the newest video, the walk goes on.)
    (cursor.k === 1 && page.nextCursor >= cursor.v);
  const { points, carry } = settleDays(sums, page.lastDay, done);
  if (done) return { points };
  return { points, next: JSON.stringify({ v: page.nextCursor as number, k: 1, ...(Object.keys(carry).length ? { c: carry } : {}) } satisfies VideoCursor) };
}

export const tiktokConnector: Connector = {
  id: 'tiktok',
  platform: 'TIKTOK',
  label,
  defaultBaseUrl: 'https://open.tiktokapis.com',
  metrics: {
    followers: 'user.follower_count (user info, snapshot dated today)',
    posts: 'videos published that day (video list)',
    reactions: 'like_count of the videos published that day (lifetime)',
    comments: 'comment_count of the videos published that day (lifetime)',
    shares: 'share_count of the videos published that day (lifetime)',
    video_views: 'view_count of the videos published that day (lifetime)',
  },
  granularity: 'DAY',
  // The video list has no date range: a window is one walk back from its end; 90 days keeps it short.
  maxWindowDays: 90,
  // The list reaches every public video, however old, and its cursor jumps straight to a window's end,
  // so a year back costs only the pages of that year's videos.
  lookbackDays: 365,
  async fetch(request) {
    const cursor = decodeCursor(request.cursor);
    if (cursor) return readVideos(request, cursor);
    if (todayInWindow(request)) return readUserInfo(request);
    return readVideos(request, { v: windowEndMs(request.window.to) });
  },
};
