import type { RateLimitScope } from '../connector.ts';
import { ConnectorFailure } from '../connectorFailure.ts';
import { retryAfter, type HttpAnswer, type PlatformErrorReader } from '../connectorHttp.ts';

/**
 * Meta's Graph API (Facebook Pages, Instagram) answers errors with one body, usually on a 400 or 403:
 * `{ "error": { "message", "type", "code", "error_subcode", "is_transient", "fbtrace_id" } }`.
 * The code decides, not the HTTP status: a throttled app gets a 400 or 403 with code 4, an expired
 * token a 400 with code 190.
 */
export interface MetaErrorBody {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  error_subcode?: unknown;
  is_transient?: unknown;
  fbtrace_id?: unknown;
}

/** Throttling of the app itself (every account): 4 = application request limit, 341 = application limit. */
const appLimitCodes = new Set([4, 341]);
/**
 * Throttling of one token, Page or business: 17 = user request limit, 32 = Page request limit,
 * 613 = calls within one hour exceeded, 80000–80099 = business use case limits (80001 Pages,
 * 80002 Instagram, 80004 Ads management…).
 */
const accountLimitCodes = new Set([17, 32, 613]);
const isBusinessUseCaseCode = (code: number) => code >= 80_000 && code < 80_100;
/** 190 = invalid or expired OAuth token (subcodes 458 app removed, 460 password changed, 463 expired, 467 invalid); 102 = session invalid. */
const tokenCodes = new Set([102, 190]);
/** 10 and 200–299: the token lacks a permission (revoked, or the user is no longer a Page task holder). */
const isPermissionCode = (code: number) => code === 10 || (code >= 200 && code < 300);
/** 1 = unknown error, 2 = service temporarily unavailable. */
const transientCodes = new Set([1, 2]);

/**
 * When a limit says nothing about its end. Meta counts calls over a rolling hour, so usage falls off
 * gradually: a quarter of an hour lets it fall well below the limit without stalling a backfill for an
 * hour; a fetch refused again simply waits again (a rate limit costs no attempt).
 */
export const defaultMetaWaitMs = 15 * 60_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOf = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

export function metaErrorBody(body: unknown): MetaErrorBody | undefined {
  const error = isRecord(body) ? body.error : undefined;
  return isRecord(error) ? (error as MetaErrorBody) : undefined;
}

/** A header's JSON; undefined when absent or not JSON (the exact header JSON is not documented field by field). */
function headerJson(headers: Headers, name: string): unknown {
  const value = headers.get(name);
  if (!value) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

interface Usage {
  /** The highest of `call_count`, `total_cputime`, `total_time` (percent of the budget). */
  percent: number;
  /** `estimated_time_to_regain_access`, minutes; 0 or absent when access is not cut. */
  regainMinutes: number;
}

function usageOf(entry: unknown): Usage | undefined {
  if (!isRecord(entry)) return undefined;
  const percents = ['call_count', 'total_cputime', 'total_time'].map((k) => numberOf(entry[k])).filter((n): n is number => n !== undefined);
  const regain = numberOf(entry.estimated_time_to_regain_access) ?? 0;
  if (percents.length === 0 && regain <= 0) return undefined;
  return { percent: Math.max(0, ...percents), regainMinutes: Math.max(0, regain) };
}

function worst(usages: (Usage | undefined)[]): Usage | undefined {
  const known = usages.filter((u): u is Usage => u !== undefined);
  if (known.length === 0) return undefined;
  return { percent: Math.max(...known.map((u) => u.percent)), regainMinutes: Math.max(...known.map((u) => u.regainMinutes)) };
}

/** `X-App-Usage`: `{"call_count":%,"total_cputime":%,"total_time":%}`, the app's budget (all accounts). */
export function appUsage(headers: Headers): Usage | undefined {
  return usageOf(headerJson(headers, 'x-app-usage'));
}

/**
 * The budget of this Page or business: `X-Page-Usage` (same shape as the app's, sometimes with
 * `estimated_time_to_regain_access`) and `X-Business-Use-Case-Usage`, keyed by business or object id,
 * each a list of `{ type, call_count, total_cputime, total_time, estimated_time_to_regain_access }`.
 */
export function accountUsage(headers: Headers): Usage | undefined {
  const business = headerJson(headers, 'x-business-use-case-usage');
  const entries: unknown[] = [];
  if (isRecord(business)) {
    for (const value of Object.values(business)) {
      if (Array.isArray(value)) entries.push(...(value as unknown[]));
      else entries.push(value);
    }
  }
  return worst([usageOf(headerJson(headers, 'x-page-usage')), ...entries.map(usageOf)]);
}

const minutes = (now: number, m: number) => new Date(now + m * 60_000);

/** Meta's message without anything that could be a credential (long opaque runs), shortened. */
function safeMessage(error: MetaErrorBody): string {
  if (typeof error.message !== 'string' || !error.message) return '';
  return `: ${error.message.replace(/[A-Za-z0-9_\-.|%]{32,}/g, '…').slice(0, 160)}`;
}

function describe(label: string, error: MetaErrorBody, code: number): string {
  const subcode = numberOf(error.error_subcode);
  const trace = typeof error.fbtrace_id === 'string' && /^[\w-]{1,64}$/.test(error.fbtrace_id) ? ` (fbtrace_id ${error.fbtrace_id})` : '';
  return `${label} error ${code}${subcode === undefined ? '' : `/${subcode}`}${safeMessage(error)}${trace}`;
}

/**
 * When a throttled call may go out again: Meta's own estimate in the usage headers (minutes) for the
 * scope that refused, else Retry-After, else `defaultMetaWaitMs`.
 */
function retryAtFor(answer: HttpAnswer, scope: RateLimitScope, now: number): Date {
  const usage = scope === 'platform' ? worst([appUsage(answer.headers), accountUsage(answer.headers)]) : accountUsage(answer.headers);
  if (usage && usage.regainMinutes > 0) return minutes(now, usage.regainMinutes);
  return retryAfter(answer.headers, now) ?? new Date(now + defaultMetaWaitMs);
}

/** A `PlatformErrorReader` for Graph API answers, naming the platform in its messages. */
export function metaGraphErrorReader(label: string): PlatformErrorReader {
  return (answer) => {
    const error = metaErrorBody(answer.body);
    const { status } = answer;
    const now = Date.now();
    if (!error) {
      // A bare 429 (rare on the Graph API) still binds the token unless the app's usage says otherwise.
      if (status !== 429) return undefined;
      const scope: RateLimitScope = (appUsage(answer.headers)?.percent ?? 0) >= 100 ? 'platform' : 'account';
      return ConnectorFailure.rateLimited(`${label} answered 429 Too Many Requests`, retryAtFor(answer, scope, now), scope, status);
    }
    const code = numberOf(error.code);
    if (code === undefined) return undefined;
    const subcode = numberOf(error.error_subcode);
    const text = describe(label, error, code);

    if (appLimitCodes.has(code)) return ConnectorFailure.rateLimited(text, retryAtFor(answer, 'platform', now), 'platform', status);
    if (accountLimitCodes.has(code) || isBusinessUseCaseCode(code)) return ConnectorFailure.rateLimited(text, retryAtFor(answer, 'account', now), 'account', status);
    if (tokenCodes.has(code)) return new ConnectorFailure('AUTH_EXPIRED', `${text}; the access token expired or was revoked`, { status });
    if (isPermissionCode(code)) return new ConnectorFailure('AUTH_EXPIRED', `${text}; the token lacks a permission this needs, the account must be authorised again`, { status });
    // 803: "Some of the aliases you requested do not exist"; 100/33: "Object with ID … does not exist,
    // cannot be loaded due to missing permissions, or does not support this operation".
    if (code === 803 || (code === 100 && (subcode === 33 || (typeof error.message === 'string' && /does not exist/i.test(error.message))))) {
      return new ConnectorFailure('NOT_FOUND', text, { status });
    }
    if (transientCodes.has(code) || error.is_transient === true || status >= 500) return new ConnectorFailure('TRANSIENT', text, { status });
    return new ConnectorFailure('INVALID_RESPONSE', text, { status });
  };
}

/**
 * On a successful answer: when a usage header reaches `thresholdPercent`, later requests wait. The
 * app's usage binds every account (`platform`); a Page's or business's binds this account. The wait is
 * Meta's `estimated_time_to_regain_access` when it gives one, else `defaultMetaWaitMs`.
 */
export function metaSlowDown(headers: Headers, now: number, thresholdPercent = 90): { until: Date; scope: RateLimitScope } | undefined {
  const app = appUsage(headers);
  const account = accountUsage(headers);
  const waitFor = (usage: Usage) => (usage.regainMinutes > 0 ? minutes(now, usage.regainMinutes) : new Date(now + defaultMetaWaitMs));
  // The app's budget first: running it out stops every account, which a per-account hold would not prevent.
  if (app && app.percent >= thresholdPercent) return { until: waitFor(app), scope: 'platform' };
  if (account && (account.percent >= thresholdPercent || account.regainMinutes > 0)) return { until: waitFor(account), scope: 'account' };
  return undefined;
}
