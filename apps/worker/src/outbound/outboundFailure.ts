/**
 * Why an outbound request did not get an answer. `REFUSED` (a plain-http URL, a private address, too many
 * redirects) will never succeed by retrying; `TIMEOUT` and `NETWORK` may. Messages name the host at most:
 * URLs carry secrets (Slack's incoming-webhook path), so none is ever put in a message.
 */
export type OutboundFailureKind = 'REFUSED' | 'TIMEOUT' | 'NETWORK';

export class OutboundFailure extends Error {
  override readonly name = 'OutboundFailure';
  constructor(readonly kind: OutboundFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  get retryable(): boolean {
    return this.kind !== 'REFUSED';
  }
}
