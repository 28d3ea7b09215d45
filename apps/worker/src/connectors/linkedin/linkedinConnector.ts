import type { PointValue } from '@goalpost/db';
import { addDays, type IsoDate } from '@goalpost/domain';
import type { Connector, ConnectorPage, ConnectorRequest, RateLimitScope } from '../connector.ts';
import { ConnectorFailure } from '../connectorFailure.ts';
import { requestJson, retryAfter, type HttpAnswer } from '../connectorHttp.ts';
import { platformNumber } from '../platformNumber.ts';

/**
 * LinkedIn Community Management API (versioned REST, `/rest`), for an organization (Company Page) the
 * token's member administers. `externalId` is the organization id (`2414183`) or its URN.
 *
 * One request per call, the cursor walking two phases of the same window:
 * 1. `organizationalEntityShareStatistics`, time-bound with DAY granularity: one element per day with
 *    the organic statistics of the organization's posts (paged by `start` when LinkedIn pages them);
 * 2. `networkSizes/{organization urn}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`: the current follower count,
 *    dated `today`; only asked when today lies in the window.
 *
 * The time-bound `organizationalEntityFollowerStatistics` are not asked for: they give net daily
 * follower *gains* (organic + paid), and the catalog's `followers` is the audience size, not a flow.
 * Gains have no catalog id of their own, and rebuilding past counts from today's count minus later
 * gains would need the gains of the days LinkedIn has not reported yet, so that request would spend the
 * daily quota for nothing.
 */

const label = 'LinkedIn';

/**
 * The `LinkedIn-Version` header (YYYYMM): July 2026. LinkedIn supports each monthly version for at least
 * a year and answers 426 once it is sunset, so this must be moved forward before July 2027.
 */
export const linkedinApiVersion = '202607';

/** Catalog id ← field of `totalShareStatistics` (organic statistics of the organization's posts). */
const shareFields = {
  impressions: 'impressionCount',
  reach: 'uniqueImpressionsCount',
  link_clicks: 'clickCount',
  reactions: 'likeCount',
  comments: 'commentCount',
  shares: 'shareCount',
} as const satisfies Record<string, string>;

/**
 * `engagements` is computed: likeCount + commentCount + shareCount + clickCount of the day, the
 * interactions LinkedIn itself counts in its engagement rate (which also adds follows gained from a post,
 * not given per day). LinkedIn's `engagement` field is that rate (a fraction of impressions), not a
 * count, so it is never read as one. Emitted only when all four counts are present.
 */
const engagementFields = ['likeCount', 'commentCount', 'shareCount', 'clickCount'] as const;

const metricMap = {
  ...shareFields,
  engagements: 'likeCount + commentCount + shareCount + clickCount',
  followers: 'networkSizes firstDegreeSize (COMPANY_FOLLOWED_BY_MEMBER)',
} as const satisfies Record<string, string>;

type Cursor = { phase: 'shares'; start: number } | { phase: 'network' };

/** `shares:<start>` or `network`; no token ever. An unreadable cursor restarts the window (pages are idempotent writes). */
function readCursor(cursor: string | undefined): Cursor {
  if (cursor === 'network') return { phase: 'network' };
  const match = /^shares:(\d+)$/.exec(cursor ?? '');
  return { phase: 'shares', start: match ? Number(match[1]) : 0 };
}

const writeCursor = (cursor: Cursor) => (cursor.phase === 'network' ? 'network' : `shares:${cursor.start}`);

/** The organization's URN from `externalId`, which may hold the bare id or the URN itself. */
export function organizationUrn(externalId: string | null): string {
  const id = externalId?.trim().replace(/^urn:li:organization:/, '') ?? '';
  if (!/^\d+$/.test(id)) throw new ConnectorFailure('NOT_FOUND', `${label}: the account has no organization id`);
  return `urn:li:organization:${id}`;
}

/**
 * The share-statistics request. Rest.li 2.0 syntax characters (`(`, `:`, `,`) stay as they are, while
 * the URN, a value, is percent-encoded; URLSearchParams would encode both, so the query is built by hand.
 * The time range covers the window's UTC days: start at the first day's midnight, end (exclusive) at the
 * midnight after the last day.
 */
export function shareStatisticsUrl(baseUrl: string, urn: string, window: { from: IsoDate; to: IsoDate }, start: number): string {
  const rangeStart = Date.parse(`${window.from}T00:00:00Z`);
  const rangeEnd = Date.parse(`${addDays(window.to, 1)}T00:00:00Z`);
  const query = [
    'q=organizationalEntity',
    `organizationalEntity=${encodeURIComponent(urn)}`,
    `timeIntervals=(timeRange:(start:${rangeStart},end:${rangeEnd}),timeGranularityType:DAY)`,
    ...(start > 0 ? [`start=${start}`] : []),
  ];
  return `${baseUrl}/organizationalEntityShareStatistics?${query.join('&')}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The next midnight UTC after `now`: when LinkedIn's daily application and member limits reset. */
export function nextUtcMidnight(now: number): Date {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
}

/**
 * LinkedIn's error signalling, before the generic status mapping. Errors carry
 * `{ status, serviceErrorCode, code, message }`.
 * - 429: the daily limits (per application, per member and application) reset at midnight UTC; LinkedIn
 *   sends no rate-limit headers, so the wait is Retry-After when present, else the next midnight UTC.
 *   The answer does not document which limit was hit. A message naming the APPLICATION limit (wording
 *   unverified) binds every account; anything else binds this account only: an app-wide limit then costs
 *   each other account one refused request before its own gate closes, whereas waiting platform-wide on
 *   one member's limit would stall every account for up to a day.
 * - 426: the `LinkedIn-Version` is sunset; no retry fixes that, the constant must move forward.
 */
export function readLinkedInError(answer: HttpAnswer): ConnectorFailure | undefined {
  const { status, body } = answer;
  if (status >= 200 && status < 300) return undefined;
  const message = isRecord(body) && typeof body.message === 'string' ? body.message.slice(0, 160) : '';
  const detail = message ? `: ${message}` : '';
  if (status === 429) {
    const now = Date.now();
    const scope: RateLimitScope = /\bAPPLICATION\b/i.test(message) ? 'platform' : 'account';
    const at = retryAfter(answer.headers, now) ?? nextUtcMidnight(now);
    return ConnectorFailure.rateLimited(`${label} answered 429 (daily ${scope === 'platform' ? 'application' : 'member'} limit)${detail}`, at, scope, status);
  }
  if (status === 426) {
    return new ConnectorFailure('INVALID_RESPONSE', `${label} no longer serves API version ${linkedinApiVersion} (426)${detail}`, { status });
  }
  if (status === 401) return new ConnectorFailure('AUTH_EXPIRED', `${label} refused the access token (401)${detail}`, { status });
  if (status === 403) {
    return new ConnectorFailure('AUTH_EXPIRED', `${label} refused access (403): the member is no longer an admin of the organization or the grant lacks a permission${detail}`, { status });
  }
  return undefined;
}

interface SharePage {
  points: PointValue[];
  /** `start` of the following page when LinkedIn says there is one. */
  nextStart?: number;
}

/**
 * A time-bound share-statistics answer: `elements[]`, one per day, each with `timeRange.start` (epoch
 * ms at the day's UTC midnight) and `totalShareStatistics`. A day LinkedIn has no element for, or a
 * field it leaves out, gives no point. Numbers may come as strings.
 */
export function parseShareStatistics(body: unknown, window: { from: IsoDate; to: IsoDate }, start: number): SharePage {
  if (!isRecord(body) || !Array.isArray(body.elements)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: share statistics without elements`);
  const points: PointValue[] = [];
  for (const element of body.elements as unknown[]) {
    if (!isRecord(element)) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: a share-statistics element is not an object`);
    const range = element.timeRange;
    const rangeStart = isRecord(range) ? platformNumber(range.start, `${label} timeRange.start`) : undefined;
    if (rangeStart === undefined) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: a share-statistics element has no timeRange`);
    const day = new Date(rangeStart).toISOString().slice(0, 10);
    if (day < window.from || day > window.to) continue;
    const stats = element.totalShareStatistics;
    if (!isRecord(stats)) continue;
    const read = (field: string) => (stats[field] === undefined || stats[field] === null ? undefined : platformNumber(stats[field], `${label} ${field} on ${day}`));
    for (const [metric, field] of Object.entries(shareFields)) {
      const value = read(field);
      if (value !== undefined) points.push({ metric, at: day, value });
    }
    const parts = engagementFields.map(read);
    if (parts.every((v) => v !== undefined)) points.push({ metric: 'engagements', at: day, value: parts.reduce((a, b) => a + b, 0) });
  }
  return { points, ...nextStart(body.paging, start, body.elements.length) };
}

/**
 * Rest.li paging: `paging.links` holds a `rel: next` link when more follow, and `paging.total` (when
 * given) the number of elements. Only the offset is kept, never the link.
 */
function nextStart(paging: unknown, start: number, received: number): { nextStart?: number } {
  if (!isRecord(paging) || received === 0) return {};
  const links = Array.isArray(paging.links) ? paging.links : [];
  const hasNext = links.some((l) => isRecord(l) && l.rel === 'next');
  const total = typeof paging.total === 'number' ? paging.total : undefined;
  return hasNext || (total !== undefined && start + received < total) ? { nextStart: start + received } : {};
}

/** `{ firstDegreeSize }` of a network-size lookup. */
export function parseNetworkSize(body: unknown): number {
  if (!isRecord(body) || body.firstDegreeSize === undefined) throw new ConnectorFailure('INVALID_RESPONSE', `${label}: the network size has no firstDegreeSize`);
  return platformNumber(body.firstDegreeSize, `${label} firstDegreeSize`);
}

function headers(request: ConnectorRequest) {
  return {
    authorization: `Bearer ${request.accessToken}`,
    'linkedin-version': linkedinApiVersion,
    'x-restli-protocol-version': '2.0.0',
  };
}

const todayInWindow = (request: ConnectorRequest) => request.today >= request.window.from && request.today <= request.window.to;

export const linkedinConnector: Connector = {
  id: 'linkedin',
  platform: 'LINKEDIN',
  label,
  defaultBaseUrl: 'https://api.linkedin.com/rest',
  metrics: metricMap,
  granularity: 'DAY',
  // No maximum range is documented for DAY granularity; 90 days keeps each answer small.
  maxWindowDays: 90,
  // LinkedIn keeps a rolling 12 months of statistics and refuses older ranges. 360 days leaves a margin
  // for the ambiguity of "12 months" (365 or 366 days) and for a request that waits out a rate limit
  // until midnight before reaching LinkedIn, a day after its window was computed.
  lookbackDays: 360,

  async fetch(request: ConnectorRequest): Promise<ConnectorPage> {
    const urn = organizationUrn(request.account.externalId);
    const cursor = readCursor(request.cursor);
    const signal = request.signal ? { signal: request.signal } : {};

    if (cursor.phase === 'network') {
      const url = `${request.baseUrl}/networkSizes/${encodeURIComponent(urn)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`;
      const answer = await requestJson(label, { url, headers: headers(request), ...signal }, readLinkedInError);
      return { points: [{ metric: 'followers', at: request.today, value: parseNetworkSize(answer.body) }] };
    }

    const url = shareStatisticsUrl(request.baseUrl, urn, request.window, cursor.start);
    const answer = await requestJson(label, { url, headers: headers(request), ...signal }, readLinkedInError);
    const page = parseShareStatistics(answer.body, request.window, cursor.start);
    const next: Cursor | undefined =
      page.nextStart !== undefined ? { phase: 'shares', start: page.nextStart } : todayInWindow(request) ? { phase: 'network' } : undefined;
    return { points: page.points, ...(next ? { next: writeCursor(next) } : {}) };
  },
};
