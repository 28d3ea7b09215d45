import type { RateLimitScope } from './connector.ts';

/**
 * Why a platform refused, as the fetch job must react to it:
 * - RATE_LIMITED: wait until `retryAt`, for this account or the whole platform; not an attempt spent.
 * - AUTH_EXPIRED: the token expired or was revoked; refresh once, else the account needs re-authorising.
 * - NOT_FOUND: the account (Page, channel, property) is gone or no longer reachable with this token.
 * - TRANSIENT: 5xx, network errors, time-outs; retried with exponential backoff.
 * - INVALID_RESPONSE: the platform answered something this connector cannot read; retried like TRANSIENT.
 */
export type ConnectorFailureKind = 'RATE_LIMITED' | 'AUTH_EXPIRED' | 'NOT_FOUND' | 'TRANSIENT' | 'INVALID_RESPONSE';

export class ConnectorFailure extends Error {
  override readonly name = 'ConnectorFailure';

  constructor(
    readonly kind: ConnectorFailureKind,
    message: string,
    readonly details: { retryAt?: Date; scope?: RateLimitScope; status?: number } = {},
  ) {
    super(message);
  }

  static rateLimited(message: string, retryAt: Date, scope: RateLimitScope, status?: number) {
    return new ConnectorFailure('RATE_LIMITED', message, { retryAt, scope, ...(status ? { status } : {}) });
  }
}

export function isConnectorFailure(error: unknown): error is ConnectorFailure {
  return error instanceof ConnectorFailure;
}
