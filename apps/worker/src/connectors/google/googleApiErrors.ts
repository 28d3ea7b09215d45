import type { RateLimitScope } from '../connector.ts';
import { ConnectorFailure } from '../connectorFailure.ts';
import { retryAfter, type HttpAnswer, type PlatformErrorReader } from '../connectorHttp.ts';

/**
 * Google APIs (YouTube Analytics, GA4 Data API, …) answer errors with one body shape:
 * `{ "error": { "code": 403, "status": "PERMISSION_DENIED", "message": "…", "errors": [{ "reason": "quotaExceeded", "domain": "…" }] } }`.
 * `errors[]` comes from the older (v3-style) APIs; the gRPC-style APIs (GA4) give only `status`.
 */
export interface GoogleErrorBody {
  code?: number;
  status?: string;
  message?: string;
  errors?: { reason?: string; domain?: string; message?: string }[];
}

/** Quota refusals that last only until the per-minute (or per-100-seconds) window turns over. */
const shortQuotaReasons = new Set(['quotaExceeded', 'rateLimitExceeded', 'userRateLimitExceeded', 'RATE_LIMIT_EXCEEDED']);
/** Reasons that mean the daily quota, which Google resets at midnight Pacific time. */
const dailyQuotaReasons = new Set(['dailyLimitExceeded', 'dailyLimitExceededUnreg']);
/** Reasons that mean this token/user lacks the right to the resource (revoked grant, missing scope). */
const permissionReasons = new Set(['forbidden', 'insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);

/** Wait when Google refuses for quota and says nothing about when to come back: one per-minute window. */
export const defaultGoogleQuotaWaitMs = 60_000;
const hourMs = 3_600_000;

export interface GoogleErrorOptions {
  /**
   * Who a quota refusal binds: `'platform'` when the quota is the Cloud project's (all accounts share
   * it, as with YouTube), `'account'` when it is the resource's (a GA4 property's tokens).
   * `userRateLimitExceeded` always binds the one account.
   */
  quotaScope: RateLimitScope;
  /** Extra reasons this API uses for its daily quota (YouTube says `quotaExceeded` for it). */
  dailyReasons?: readonly string[];
}

export function googleErrorBody(body: unknown): GoogleErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as GoogleErrorBody) : undefined;
}

/**
 * The next midnight in America/Los_Angeles after `now`: when Google's daily quotas reset. Computed
 * with the time-zone database, so it is 07:00 UTC in summer (PDT) and 08:00 UTC in winter (PST).
 */
export function nextPacificMidnight(now: Date = new Date()): Date {
  const local = pacificWallClock(now);
  const nextDayUtc = Date.UTC(local.year, local.month - 1, local.day + 1);
  // The offset of 00:00 local on the next day; DST switches at 02:00, so the offset 8 h after UTC
  // midnight (00:00 PST / 01:00 PDT) is the one in force at local midnight.
  const offsetMs = pacificOffsetMs(new Date(nextDayUtc + 8 * hourMs));
  return new Date(nextDayUtc - offsetMs);
}

const pacificFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
});

function pacificWallClock(instant: Date) {
  const parts = Object.fromEntries(pacificFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  const n = (key: string) => Number(parts[key]);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute'), second: n('second') };
}

/** Local Pacific time minus UTC at `instant` (−7 h or −8 h), in ms. */
function pacificOffsetMs(instant: Date): number {
  const t = pacificWallClock(instant);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * When a refused quota comes back. Retry-After wins when Google sends it; a daily quota resets at
 * midnight Pacific time; GA4's `RESOURCE_EXHAUSTED` message names the exhausted quota ("…tokens per
 * hour", "…per day": wording unverified, so anything else falls back to one minute, the shortest
 * Google quota window, and the next refusal simply waits again).
 */
function quotaRetryAt(answer: HttpAnswer, error: GoogleErrorBody, reasons: string[], daily: Set<string>, now: number): Date {
  const header = retryAfter(answer.headers, now);
  if (header) return header;
  if (reasons.some((r) => daily.has(r))) return nextPacificMidnight(new Date(now));
  const message = (error.message ?? '').toLowerCase();
  if (/per ?day|daily/.test(message)) return nextPacificMidnight(new Date(now));
  if (/per ?hour|hourly/.test(message)) return new Date(now + hourMs);
  return new Date(now + defaultGoogleQuotaWaitMs);
}

/** Google's own message, shortened: it names the refused quota or permission, never the token. */
function describe(platform: string, answer: HttpAnswer, error: GoogleErrorBody, reasons: string[]): string {
  const what = [error.status, ...reasons].filter(Boolean).join(', ');
  const message = error.message ? `: ${error.message.replace(/<[^>]*>/g, '').slice(0, 160)}` : '';
  return `${platform} answered ${answer.status}${what ? ` (${what})` : ''}${message}`;
}

/**
 * Reads Google's error body into a connector failure:
 * - 401 / UNAUTHENTICATED → AUTH_EXPIRED.
 * - 429, RESOURCE_EXHAUSTED, or a 403 with a quota reason → RATE_LIMITED, until Retry-After, the next
 *   midnight Pacific time for daily quotas, or else one minute.
 * - 403 forbidden / insufficientPermissions / PERMISSION_DENIED → AUTH_EXPIRED (the grant no longer
 *   covers the channel or property: re-authorising is the fix).
 * - 404 / NOT_FOUND → NOT_FOUND; 5xx → TRANSIENT (left to the generic mapping).
 */
export function googleApiErrorReader(platform: string, options: GoogleErrorOptions): PlatformErrorReader {
  const daily = new Set([...dailyQuotaReasons, ...(options.dailyReasons ?? [])]);
  return (answer) => {
    if (answer.status >= 200 && answer.status < 300) return undefined;
    const error = googleErrorBody(answer.body) ?? {};
    const reasons = (error.errors ?? []).map((e) => e.reason).filter((r): r is string => typeof r === 'string');
    const { status } = answer;
    const message = describe(platform, answer, error, reasons);

    if (status === 401 || error.status === 'UNAUTHENTICATED') return new ConnectorFailure('AUTH_EXPIRED', message, { status });

    const quotaReason = reasons.some((r) => shortQuotaReasons.has(r) || daily.has(r));
    if (status === 429 || error.status === 'RESOURCE_EXHAUSTED' || (status === 403 && quotaReason)) {
      const now = Date.now();
      const scope: RateLimitScope = reasons.includes('userRateLimitExceeded') ? 'account' : options.quotaScope;
      return ConnectorFailure.rateLimited(message, quotaRetryAt(answer, error, reasons, daily, now), scope, status);
    }

    if (status === 403 || error.status === 'PERMISSION_DENIED' || reasons.some((r) => permissionReasons.has(r))) {
      return new ConnectorFailure('AUTH_EXPIRED', message, { status });
    }
    if (status === 404 || error.status === 'NOT_FOUND') return new ConnectorFailure('NOT_FOUND', message, { status });
    if (status >= 500) return new ConnectorFailure('TRANSIENT', message, { status });
    return undefined;
  };
}
