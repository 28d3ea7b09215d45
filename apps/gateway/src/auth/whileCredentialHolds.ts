import { Repeater } from '@graphql-yoga/subscription';
import type { Caller, GatewayDeps, Identity } from '../context.ts';
import type { LivePubSub } from '../live/livePubSub.ts';
import { identityStillValid } from './authenticateRequest.ts';
import { revocationKey } from './credentialRevocations.ts';

/** The revocations an open subscription of this caller answers to. */
export function revocationKeysOf(identity: Identity, caller: Caller): string[] {
  return identity.kind === 'token'
    ? [revocationKey.token(identity.tokenId)]
    : [revocationKey.session(identity.sessionId), revocationKey.membership(caller.workspaceId, identity.userId)];
}

const maxTimer = 2 ** 31 - 1;

/**
 * A live event stream that ends as soon as its credential is revoked (a revocation message, here or
 * from another instance), when its session reaches its absolute expiry, or when a re-check before an
 * event is delivered finds the credential gone. Ending the stream completes the SSE response or the
 * graphql-ws subscription.
 */
export function whileCredentialHolds<T>(
  deps: Pick<GatewayDeps, 'db' | 'now' | 'log' | 'authServices'>,
  identity: Identity | null,
  caller: Caller | null,
  source: AsyncIterable<T>,
): AsyncIterable<T> {
  if (!identity || !caller) return source; // scope-auth refuses these before they subscribe
  return new Repeater<T>(async (push, stop) => {
    const unwatch = deps.authServices.revocations.watch(revocationKeysOf(identity, caller), () => stop());
    const untilExpiry = identity.kind === 'session' ? identity.expiresAt.getTime() - deps.now().getTime() : null;
    const timer = untilExpiry === null ? undefined : setTimeout(() => stop(), Math.min(Math.max(untilExpiry, 0), maxTimer));
    const iterator = source[Symbol.asyncIterator]();
    const stopped = stop.then(() => null);
    try {
      for (;;) {
        const next = await Promise.race([iterator.next(), stopped]);
        if (!next || next.done) break;
        let valid = false;
        try {
          valid = await identityStillValid(deps, identity, caller.workspaceId);
        } catch (err) {
          // Cannot tell: close rather than deliver to a credential that may be gone.
          deps.log.warn({ err }, 'credential re-check failed; subscription closed');
        }
        if (!valid) break;
        await push(next.value);
      }
    } finally {
      unwatch();
      clearTimeout(timer);
      stop();
      await iterator.return?.();
    }
  });
}

/** The pub/sub a request's resolvers see: every stream it opens ends with the request's credential. */
export function pubSubWhileCredentialHolds(
  deps: Pick<GatewayDeps, 'db' | 'now' | 'log' | 'authServices' | 'pubsub'>,
  identity: Identity | null,
  caller: Caller | null,
): LivePubSub {
  return Object.fromEntries(
    Object.entries(deps.pubsub).map(([topic, open]) => [
      topic,
      (...args: unknown[]) => whileCredentialHolds(deps, identity, caller, (open as (...a: unknown[]) => AsyncIterable<unknown>)(...args)),
    ]),
  ) as LivePubSub;
}
