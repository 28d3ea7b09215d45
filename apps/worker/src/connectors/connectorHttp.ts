import { ConnectorFailure } from './connectorFailure.ts';

export interface HttpCall {
  method?: 'GET' | 'POST';
  url: URL | string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Per request; a platform that hangs is a transient failure, not a stuck worker. */
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; `undefined` when the body was empty or not JSON. */
  body: unknown;
}

/**
 * Reads a platform's own error signalling (Meta's error codes in a 400, X's reset header…) before the
 * generic status mapping; returns undefined to let the generic mapping decide.
 */
export type PlatformErrorReader = (answer: HttpAnswer) => ConnectorFailure | undefined;

const defaultTimeoutMs = 30_000;
const defaultRateLimitWaitMs = 60_000;

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfter(headers: Headers, now = Date.now()): Date | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return new Date(now + Math.max(0, seconds) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : new Date(date);
}

/** The generic meaning of an HTTP status, for platforms that say nothing more specific. */
export function failureFromStatus(answer: HttpAnswer, platform: string): ConnectorFailure | undefined {
  const { status } = answer;
  if (status >= 200 && status < 300) return undefined;
  if (status === 429) {
    const at = retryAfter(answer.headers) ?? new Date(Date.now() + defaultRateLimitWaitMs);
    return ConnectorFailure.rateLimited(`${platform} answered 429 Too Many Requests`, at, 'account', status);
  }
  if (status === 401) return new ConnectorFailure('AUTH_EXPIRED', `${platform} refused the access token (401)`, { status });
  if (status === 403) return new ConnectorFailure('AUTH_EXPIRED', `${platform} refused access (403): the token lacks a permission or was revoked`, { status });
  if (status === 404) return new ConnectorFailure('NOT_FOUND', `${platform} does not know this account (404)`, { status });
  if (status === 408 || status >= 500) return new ConnectorFailure('TRANSIENT', `${platform} answered ${status}`, { status });
  return new ConnectorFailure('INVALID_RESPONSE', `${platform} rejected the request (${status})`, { status });
}

/**
 * One JSON request to a platform. Network errors and time-outs become TRANSIENT failures; a non-2xx
 * answer becomes the failure the platform's reader (or else the status) says. Tokens travel in headers
 * or the URL the caller built, and no part of the request is ever put into an error message.
 */
export async function requestJson(platform: string, call: HttpCall, readPlatformError?: PlatformErrorReader): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(call.timeoutMs ?? defaultTimeoutMs);
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: call.method ?? 'GET',
      headers: { accept: 'application/json', ...(call.body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      signal: call.signal ? AbortSignal.any([call.signal, timeout]) : timeout,
    });
  } catch (error) {
    const reason = timeout.aborted ? 'timed out' : `could not be reached (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`;
    throw new ConnectorFailure('TRANSIENT', `${platform} ${reason}`);
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const answer: HttpAnswer = { status: response.status, headers: response.headers, body };
  const failure = readPlatformError?.(answer) ?? failureFromStatus(answer, platform);
  if (failure) throw failure;
  if (text && body === undefined) throw new ConnectorFailure('INVALID_RESPONSE', `${platform} answered ${response.status} with a body that is not JSON`);
  return answer;
}
