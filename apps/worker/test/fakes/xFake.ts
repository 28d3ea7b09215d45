import { platformFixture, startFakePlatform, type FakeRequest, type FakeResponse } from './fakePlatformServer.ts';

/** A post as the user Posts timeline returns it with `tweet.fields=public_metrics,created_at`. */
export interface XFakePost {
  id: string;
  text: string;
  created_at: string;
  edit_history_tweet_ids: string[];
  public_metrics: Record<string, number | string>;
  /** Not sent: marks a repost, which `exclude=retweets` leaves out. */
  repost?: boolean;
}

export interface XFakeOptions {
  token?: string;
  userId?: string;
  username?: string;
  followers?: number | string;
  posts?: XFakePost[];
  /** `x-rate-limit-remaining` / `x-rate-limit-reset` (unix seconds) sent with every answer. */
  rateLimit?: { remaining: number; reset: number };
}

interface FixturePost {
  public_metrics: Record<string, number>;
}

let sequence = 0;

/**
 * Posts built from the documented fixture's public_metrics: `count` (≤ 200) posts on `day`, five minutes
 * apart from 20:00 UTC backwards, each metric multiplied by `scale` (so days are told apart).
 */
export function xPostsOn(day: string, count: number, scale = 1, overrides: Partial<Record<string, number | string | undefined>> = {}): XFakePost[] {
  const template = platformFixture<{ data: FixturePost[] }>('x-tweets-metrics.json').data[0]!.public_metrics;
  return Array.from({ length: count }, (_, i) => {
    sequence += 1;
    const id = String(1800000000000000000n + BigInt(sequence));
    const metrics: Record<string, number | string> = {};
    for (const [k, v] of Object.entries(template)) metrics[k] = v * scale;
    for (const [k, v] of Object.entries(overrides)) {
      if (v === undefined) delete metrics[k];
      else metrics[k] = v;
    }
    return {
      id,
      text: `post ${id}`,
      created_at: new Date(Date.parse(`${day}T20:00:00Z`) - i * 5 * 60_000).toISOString(),
      edit_history_tweet_ids: [id],
      public_metrics: metrics,
    };
  });
}

const unauthorized: FakeResponse = { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };

const notFound = (parameter: string, value: string): FakeResponse => ({
  body: {
    errors: [{
      value, detail: `Could not find user with ${parameter}: [${value}].`, title: 'Not Found Error', resource_type: 'user',
      parameter, resource_id: value, type: 'https://api.twitter.com/2/problems/resource-not-found',
    }],
  },
});

const invalid = (message: string): FakeResponse => ({
  status: 400,
  body: { errors: [{ parameters: {}, message }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' },
});

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/**
 * X API v2 as this project uses it: user lookup by id or username (`user.fields=public_metrics`) and the
 * user Posts timeline (`start_time`/`end_time`, `exclude`, `max_results` 5–100, newest first, paged by
 * `meta.next_token` → `pagination_token`), with the rate-limit headers on every answer.
 */
export async function startXFake(options: XFakeOptions = {}) {
  const token = options.token ?? 'x-user-token';
  const userId = options.userId ?? '2244994945';
  const username = options.username ?? 'XDevelopers';
  const posts = options.posts ?? [];
  const rateLimit = options.rateLimit ?? { remaining: 899, reset: 1_900_000_000 };

  function user(request: FakeRequest): FakeResponse {
    const fixture = platformFixture<{ data: Record<string, unknown> & { public_metrics: Record<string, unknown> } }>('x-users-public-metrics.json');
    const data: Record<string, unknown> = { ...fixture.data, id: userId, username };
    if (options.followers !== undefined) data.public_metrics = { ...fixture.data.public_metrics, followers_count: options.followers };
    if (!(request.query.get('user.fields') ?? '').split(',').includes('public_metrics')) delete data.public_metrics;
    return { body: { data } };
  }

  function timeline(request: FakeRequest): FakeResponse {
    const q = request.query;
    const maxResults = Number(q.get('max_results') ?? '10');
    if (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 100) return invalid('The `max_results` query parameter value is not between 5 and 100');
    const start = q.get('start_time');
    const end = q.get('end_time');
    if ((start && !rfc3339.test(start)) || (end && !rfc3339.test(end))) return invalid('start_time/end_time must be RFC 3339');
    const fields = (q.get('tweet.fields') ?? '').split(',');
    const excluded = (q.get('exclude') ?? '').split(',');
    const selected = posts
      .filter((p) => !(p.repost && excluded.includes('retweets')))
      .filter((p) => (!start || Date.parse(p.created_at) >= Date.parse(start)) && (!end || Date.parse(p.created_at) < Date.parse(end)))
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
    const offset = q.has('pagination_token') ? Number(Buffer.from(q.get('pagination_token') ?? '', 'base64url').toString('utf8').replace('page:', '')) : 0;
    if (!Number.isInteger(offset) || offset < 0) return invalid('The `pagination_token` query parameter value is not valid');
    const slice = selected.slice(offset, offset + maxResults);
    const data = slice.map(({ repost: _repost, created_at, public_metrics, ...rest }) => ({
      ...rest,
      ...(fields.includes('created_at') ? { created_at } : {}),
      ...(fields.includes('public_metrics') ? { public_metrics } : {}),
    }));
    const more = offset + maxResults < selected.length;
    const meta = {
      result_count: slice.length,
      ...(slice.length ? { newest_id: slice[0]!.id, oldest_id: slice.at(-1)!.id } : {}),
      ...(more ? { next_token: Buffer.from(`page:${offset + maxResults}`).toString('base64url') } : {}),
    };
    return { body: slice.length ? { data, meta } : { meta } };
  }

  function answer(request: FakeRequest): FakeResponse {
    if (request.method !== 'GET') return { status: 405, body: { title: 'Method Not Allowed' } };
    if (request.headers.authorization !== `Bearer ${token}`) return unauthorized;
    const byName = /^\/2\/users\/by\/username\/([^/]+)$/.exec(request.path);
    if (byName) return decodeURIComponent(byName[1]!) === username ? user(request) : notFound('username', decodeURIComponent(byName[1]!));
    const tweets = /^\/2\/users\/([^/]+)\/tweets$/.exec(request.path);
    if (tweets) return tweets[1] === userId ? timeline(request) : notFound('id', tweets[1]!);
    const byId = /^\/2\/users\/([^/]+)$/.exec(request.path);
    if (byId) return byId[1] === userId ? user(request) : notFound('id', byId[1]!);
    return { status: 404, body: { title: 'Not Found Error', type: 'about:blank' } };
  }

  return startFakePlatform((request) => {
    const response = answer(request);
    return {
      ...response,
      headers: {
        'x-rate-limit-limit': '900',
        'x-rate-limit-remaining': String(rateLimit.remaining),
        'x-rate-limit-reset': String(rateLimit.reset),
        ...response.headers,
      },
    };
  });
}
