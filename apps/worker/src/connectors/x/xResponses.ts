import type { IsoDate } from '@goalpost/domain';
import type { RateLimitScope } from '../connector.ts';
import { ConnectorFailure } from '../connectorFailure.ts';
import type { HttpAnswer } from '../connectorHttp.ts';
import { platformNumber } from '../platformNumber.ts';
import { addToDay, type DaySums } from '../publishingDaySums.ts';

const label = 'X';
/** X's rate-limit windows are 15 minutes: the wait when a 429 carries no readable reset. */
const defaultWaitMs = 15 * 60_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A unix-seconds header (`x-rate-limit-reset`, `x-app-limit-24hour-reset`) as a date. */
function resetAt(headers: Headers, name: string): Date | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}

const spent = (headers: Headers, name: string) => headers.get(name)?.trim() === '0';

/**
 * Which budget an answer says is spent, if any: the app's 24-hour cap (every account) first, then the
 * user's 24-hour cap, then the 15-minute window of this endpoint for this token.
 */
function spentBudget(headers: Headers): { until: Date; scope: RateLimitScope } | undefined {
  const appDay = spent(headers, 'x-app-limit-24hour-remaining') ? resetAt(headers, 'x-app-limit-24hour-reset') : undefined;
  if (appDay) return { until: appDay, scope: 'platform' };
  const userDay = spent(headers, 'x-user-limit-24hour-remaining') ? resetAt(headers, 'x-user-limit-24hour-reset') : undefined;
  if (userDay) return { until: userDay, scope: 'account' };
  const window = spent(headers, 'x-rate-limit-remaining') ? resetAt(headers, 'x-rate-limit-reset') : undefined;
  return window ? { until: window, scope: 'account' } : undefined;
}

/** On a successful answer: wait for the reset when the budget it reports is spent. */
export function xSlowDown(headers: Headers) {
  return spentBudget(headers);
}

function problemTypes(body: unknown): string[] {
  if (!isRecord(body)) return [];
  const errors = Array.isArray(body.errors) ? body.errors : [];
  const types = errors.filter(isRecord).map((e) => String(e.type ?? e.title ?? ''));
  if (typeof body.type === 'string') types.push(body.type);
  return types;
}

/**
 * X's own signalling: a 429 carries `x-rate-limit-reset` (unix seconds; the limit of a user-context token
 * is the user's), or the 24-hour caps' headers, or a `usage-capped` problem (the app's monthly Post cap,
 * shared by every account). An unknown or suspended user comes back as HTTP 200 with an `errors` array
 * and no `data`.
 */
export function readXError(answer: HttpAnswer): ConnectorFailure | undefined {
  const { status, headers, body } = answer;
  if (status === 429) {
    if (problemTypes(body).some((t) => t.includes('usage-capped'))) {
      const at = resetAt(headers, 'x-app-limit-24hour-reset') ?? new Date(Date.now() + 24 * 60 * 60_000);
      return ConnectorFailure.rateLimited(`${label} usage cap of the app is spent`, at, 'platform', status);
    }
    const budget = spentBudget(headers);
    const at = budget?.until ?? resetAt(headers, 'x-rate-limit-reset') ?? new Date(Date.now() + defaultWaitMs);
    return ConnectorFailure.rateLimited(`${label} answered 429 Too Many Requests`, at, budget?.scope ?? 'account', status);
  }
  if (status >= 200 && status < 300 && isRecord(body) && body.data === undefined) {
    const types = problemTypes(body);
    if (types.some((t) => t.includes('resource-not-found') || t.includes('not-authorized-for-resource'))) {
      return new ConnectorFailure('NOT_FOUND', `${label} does not know this user, or it is suspended`, { status });
    }
  }
  return undefined;
}

/** `data.public_metrics.followers_count` of a user lookup. */
export function readFollowers(body: unknown): { id: string; followers: number } {
  const data = isRecord(body) ? body.data : undefined;
  const metrics = isRecord(data) ? data.public_metrics : undefined;
  if (!isRecord(data) || typeof data.id !== 'string' || !isRecord(metrics)) {
    throw new ConnectorFailure('INVALID_RESPONSE', `${label} user lookup has no data.public_metrics`);
  }
  return { id: data.id, followers: platformNumber(metrics.followers_count, `${label} followers_count`) };
}

export interface TweetsPage {
  /** Per UTC day of `created_at`, days of the window only. */
  sums: DaySums;
  /** The day of the oldest post on the page (the timeline is newest first), in the window or not. */
  oldestDay?: IsoDate;
  nextToken?: string;
}

/** The UTC day of an ISO instant, or INVALID_RESPONSE. */
function utcDay(value: unknown, where: string): IsoDate {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new ConnectorFailure('INVALID_RESPONSE', `${where}: expected an ISO time, got ${JSON.stringify(value)?.slice(0, 40)}`);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A page of `GET /2/users/:id/tweets`: each post counts once in `posts`, and its lifetime public counts
 * go to the day it was published. `impression_count` is summed only when the post carries it.
 */
export function readTweetsPage(body: unknown, window: { from: IsoDate; to: IsoDate }): TweetsPage {
  if (!isRecord(body)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} timeline answered no JSON object`);
  const data = body.data ?? [];
  if (!Array.isArray(data)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} timeline data is not a list`);
  const sums: DaySums = {};
  let oldestDay: IsoDate | undefined;
  for (const post of data) {
    if (!isRecord(post) || !isRecord(post.public_metrics)) throw new ConnectorFailure('INVALID_RESPONSE', `${label} post without public_metrics`);
    const day = utcDay(post.created_at, `${label} post created_at`);
    oldestDay = oldestDay === undefined || day < oldestDay ? day : oldestDay;
    if (day < window.from || day > window.to) continue;
    const m = post.public_metrics;
    const n = (field: string) => platformNumber(m[field], `${label} public_metrics.${field}`);
    addToDay(sums, day, {
      posts: 1,
      reactions: n('like_count'),
      shares: n('retweet_count') + n('quote_count'),
      comments: n('reply_count'),
      ...(m.impression_count === undefined || m.impression_count === null ? {} : { impressions: n('impression_count') }),
    });
  }
  const meta = isRecord(body.meta) ? body.meta : {};
  const nextToken = typeof meta.next_token === 'string' && meta.next_token !== '' ? meta.next_token : undefined;
  return { sums, ...(oldestDay ? { oldestDay } : {}), ...(nextToken ? { nextToken } : {}) };
}

