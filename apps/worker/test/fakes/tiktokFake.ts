import { platformFixture, startFakePlatform, type FakeRequest, type FakeResponse } from './fakePlatformServer.ts';

/** A video as `/v2/video/list/` returns it, every field the fake can be asked for. */
export type TikTokFakeVideo = Record<string, number | string | undefined> & { id: string; create_time: number | string };

export interface TikTokFakeOptions {
  token?: string;
  followers?: number | string;
  videos?: TikTokFakeVideo[];
  /** False: a cursor the fake did not hand out itself is ignored (listing starts at the newest video). */
  honoursCustomCursor?: boolean;
}

interface VideoListFixture {
  data: { videos: Record<string, number | string>[] };
}

let sequence = 0;

/**
 * Videos built from the documented fixture: `count` (≤ 100) videos published on `day`, ten minutes apart
 * from 20:00 UTC backwards, counts multiplied by `scale`; `overrides` replaces fields (undefined drops one).
 */
export function tiktokVideosOn(day: string, count: number, scale = 1, overrides: Record<string, number | string | undefined> = {}): TikTokFakeVideo[] {
  const template = platformFixture<VideoListFixture>('tiktok-display-video-list.json').data.videos[0]!;
  return Array.from({ length: count }, (_, i) => {
    sequence += 1;
    const id = String(7380000000000000000n + BigInt(sequence));
    const video: TikTokFakeVideo = {
      ...template,
      id,
      share_url: `https://www.tiktok.com/@example/video/${id}`,
      create_time: (Date.parse(`${day}T20:00:00Z`) - i * 10 * 60_000) / 1000,
    };
    for (const field of ['view_count', 'like_count', 'comment_count', 'share_count']) video[field] = Number(template[field]) * scale;
    for (const [k, v] of Object.entries(overrides)) {
      if (v === undefined) delete video[k];
      else video[k] = v;
    }
    return video;
  });
}

let logs = 0;
const envelope = (data: unknown, code = 'ok', message = ''): Record<string, unknown> => ({
  data,
  error: { code, message, log_id: `202406011200000000FAKE${String((logs += 1)).padStart(6, '0')}` },
});

const invalidParams = (message: string): FakeResponse => ({ status: 400, body: envelope({}, 'invalid_params', message) });

/**
 * TikTok API v2 Display endpoints as this project uses them: `GET /v2/user/info/?fields=` and
 * `POST /v2/video/list/?fields=` with a JSON body `{max_count ≤ 20, cursor (UTC ms)}`, newest first, the
 * cursor listing the videos published before it, `has_more` and the next `cursor` in `data`.
 */
export async function startTikTokFake(options: TikTokFakeOptions = {}) {
  const token = options.token ?? 'act.tiktok-user-token';
  const videos = options.videos ?? [];
  const createdMs = (v: TikTokFakeVideo) => Number(v.create_time) * 1000;
  const handedOut = new Set<number>();

  function userInfo(request: FakeRequest): FakeResponse {
    const fields = request.query.get('fields');
    if (!fields) return invalidParams('fields is required');
    const all: Record<string, unknown> = { open_id: 'open-id-1', follower_count: options.followers ?? 48210, likes_count: 912000, video_count: videos.length };
    const user = Object.fromEntries(fields.split(',').filter((f) => f in all).map((f) => [f, all[f]]));
    return { body: envelope({ user }) };
  }

  function videoList(request: FakeRequest): FakeResponse {
    const fields = request.query.get('fields');
    if (!fields) return invalidParams('fields is required');
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return invalidParams('Content-Type must be application/json');
    let body: { max_count?: unknown; cursor?: unknown };
    try {
      body = JSON.parse(request.body || '{}') as typeof body;
    } catch {
      return invalidParams('body is not JSON');
    }
    const maxCount = body.max_count === undefined ? 10 : Number(body.max_count);
    if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > 20) return invalidParams('max_count must be between 1 and 20');
    const asked = body.cursor === undefined ? Number.POSITIVE_INFINITY : Number(body.cursor);
    if (!Number.isFinite(asked) && body.cursor !== undefined) return invalidParams('cursor must be an int64');
    const before = options.honoursCustomCursor === false && !handedOut.has(asked) ? Number.POSITIVE_INFINITY : asked;
    const older = videos.filter((v) => createdMs(v) < before).sort((a, b) => createdMs(b) - createdMs(a));
    const page = older.slice(0, maxCount);
    const wanted = fields.split(',');
    const listed = page.map((v) => Object.fromEntries(Object.entries(v).filter(([k, value]) => wanted.includes(k) && value !== undefined)));
    const last = page.at(-1);
    const cursor = last ? createdMs(last) : before === Number.POSITIVE_INFINITY ? 0 : before;
    handedOut.add(cursor);
    return { body: envelope({ videos: listed, cursor, has_more: older.length > page.length }) };
  }

  return startFakePlatform((request) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      return { status: 401, body: envelope({}, 'access_token_invalid', 'The access token is invalid or not found in the request.') };
    }
    if (request.path === '/v2/user/info/' && request.method === 'GET') return userInfo(request);
    if (request.path === '/v2/video/list/' && request.method === 'POST') return videoList(request);
    return { status: 404, body: envelope({}, 'invalid_params', 'unknown endpoint') };
  });
}
