import { ConnectorFailure } from '../connectorFailure.ts';
import { retryAfter, type HttpAnswer, type PlatformErrorReader } from '../connectorHttp.ts';

const label = 'TikTok';
/** TikTok counts requests over a sliding one-minute window: a minute is the longest a limit can last. */
const slidingWindowMs = 60_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `error.code` of a TikTok v2 body (`"ok"` on success), or undefined when the body has none. */
export function tiktokErrorCode(body: unknown): string | undefined {
  const error = isRecord(body) ? body.error : undefined;
  return isRecord(error) && typeof error.code === 'string' ? error.code : undefined;
}

function rateLimited(answer: HttpAnswer) {
  // The limits (600 requests a minute per endpoint) are the app's, shared by every connected account.
  const at = retryAfter(answer.headers) ?? new Date(Date.now() + slidingWindowMs);
  return ConnectorFailure.rateLimited(`${label} rate limit exceeded`, at, 'platform', answer.status);
}

/**
 * TikTok API v2 says what went wrong in the body's `error.code`, sometimes with an HTTP 200; that code
 * decides before the status does. `log_id` goes into the message (TikTok support asks for it); the
 * platform's free-text message does not.
 */
export const readTikTokError: PlatformErrorReader = (answer) => {
  const code = tiktokErrorCode(answer.body);
  const body = answer.body as { error?: { log_id?: unknown } } | undefined;
  const logId = typeof body?.error?.log_id === 'string' && body.error.log_id ? ` (log_id ${body.error.log_id})` : '';
  const { status } = answer;
  switch (code) {
    case undefined:
    case 'ok':
      return status === 429 ? rateLimited(answer) : undefined;
    case 'rate_limit_exceeded':
      return rateLimited(answer);
    case 'access_token_invalid':
      return new ConnectorFailure('AUTH_EXPIRED', `${label} refused the access token (access_token_invalid)${logId}`, { status });
    case 'scope_not_authorized':
    case 'scope_permission_missed':
      return new ConnectorFailure('AUTH_EXPIRED', `${label} says the user did not grant a scope this needs (${code}); the account must be authorised again${logId}`, { status });
    case 'internal_error':
      return new ConnectorFailure('TRANSIENT', `${label} internal error${logId}`, { status });
    default:
      // An unknown code on a 2xx is still a refusal; on an error status the status says the rest.
      return status >= 200 && status < 300
        ? new ConnectorFailure('INVALID_RESPONSE', `${label} answered error ${code.slice(0, 60)}${logId}`, { status })
        : undefined;
  }
};
