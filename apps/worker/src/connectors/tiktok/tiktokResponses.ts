import type { IsoDate } from '@goalpost/domain';
import { ConnectorFailure } from '../connectorFailure.ts';
import { platformNumber } from '../platformNumber.ts';
import { addToDay, type DaySums } from '../publishingDaySums.ts';

const label = 'TikTok';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `data.user.follower_count` of `GET /v2/user/info/`. */
export function readFollowerCount(body: unknown): number {
  const data = isRecord(body) ? body.data : undefined;
  const user = isRecord(data) ? data.user : undefined;
  if (!isRecord(user)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} user info has no data.user`);
  return platformNumber(user.follower_count, `${label} follower_count`);
}

/** Catalog metric ← video field; a field the video does not carry adds nothing (never a 0). */
const videoMetrics = [
  ['reactions', 'like_count'],
  ['comments', 'comment_count'],
  ['shares', 'share_count'],
  ['video_views', 'view_count'],
] as const;

export interface VideoPage {
  /** Per UTC day of `create_time`, days of the window only. */
  sums: DaySums;
  /** The day of the page's last video: the list is newest first, so later pages hold this day or older. */
  lastDay?: IsoDate;
  /** `data.cursor` (UTC milliseconds) when `data.has_more`. */
  nextCursor?: number;
}

/**
 * A page of `POST /v2/video/list/`: each video counts once in `posts`, and its lifetime counts go to the
 * UTC day it was published (`create_time`, epoch seconds).
 */
export function readVideoPage(body: unknown, window: { from: IsoDate; to: IsoDate }): VideoPage {
  const data = isRecord(body) ? body.data : undefined;
  if (!isRecord(data)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} video list has no data`);
  const videos = data.videos ?? [];
  if (!Array.isArray(videos)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} data.videos is not a list`);
  const sums: DaySums = {};
  let lastDay: IsoDate | undefined;
  for (const video of videos) {
    if (!isRecord(video)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} video is not an object`);
    const seconds = platformNumber(video.create_time, `${label} video create_time`);
    const day = new Date(seconds * 1000).toISOString().slice(0, 10);
    lastDay = day;
    if (day < window.from || day > window.to) continue;
    const values: Record<string, number> = { posts: 1 };
    for (const [metric, field] of videoMetrics) {
      if (video[field] !== undefined && video[field] !== null) values[metric] = platformNumber(video[field], `${label} video ${field}`);
    }
    addToDay(sums, day, values);
  }
  const hasMore = data.has_more === true;
  const nextCursor = hasMore ? platformNumber(data.cursor, `${label} data.cursor`) : undefined;
  return { sums, ...(lastDay ? { lastDay } : {}), ...(nextCursor === undefined ? {} : { nextCursor }) };
}

