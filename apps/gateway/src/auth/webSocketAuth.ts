import { GraphQLError } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import type { GatewayDeps } from '../context.ts';
import { authenticateRequest } from './authenticateRequest.ts';
import { credentialsOfWebSocket } from './requestCredentials.ts';
import { revocationKeysOf } from './whileCredentialHolds.ts';

type WsExtra = { socket: { close(code: number, reason: string): void }; request: import('node:http').IncomingMessage };

const unwatchOf = new WeakMap<object, () => void>();

/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
const reason = (text: string) => Buffer.from(text).subarray(0, 123).toString();

/**
 * Authenticates a graphql-ws connection at `connection_init`: without a valid credential it is closed
 * 4401 (graphql-ws clients do not retry that), without a workspace to act in or from a foreign site
 * with a cookie 4403. An accepted connection closes 4401 the moment its credential is revoked.
 */
export async function authorizeWebSocket(
  deps: GatewayDeps,
  ctx: Context<Record<string, unknown> | undefined, WsExtra>,
  trustedProxyHops: number,
): Promise<boolean> {
  const credentials = credentialsOfWebSocket(ctx.extra.request, ctx.connectionParams, trustedProxyHops);
  let result: Awaited<ReturnType<typeof authenticateRequest>>;
  try {
    result = await authenticateRequest(deps, credentials);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'CSRF_REFUSED') {
      ctx.extra.socket.close(CloseCode.Forbidden, reason(error.message));
    } else {
      // PostgreSQL away, say: the client may retry; the cause stays in the log, not in the close reason.
      deps.log.error({ err: error }, 'websocket authentication failed');
      ctx.extra.socket.close(CloseCode.InternalServerError, 'Internal server error');
    }
    return false;
  }
  const { auth, caller } = result;
  if (!auth.identity) {
    ctx.extra.socket.close(CloseCode.Unauthorized, reason('Unauthorized: send a valid API token as connectionParams.authorization, or sign in.'));
    return false;
  }
  if (!caller) {
    ctx.extra.socket.close(CloseCode.Forbidden, reason(auth.workspaceRefusal ?? 'Forbidden'));
    return false;
  }
  const unwatch = deps.authServices.revocations.watch(revocationKeysOf(auth.identity, caller), () =>
    ctx.extra.socket.close(CloseCode.Unauthorized, reason('Unauthorized: the credential of this connection was revoked.')),
  );
  unwatchOf.set(ctx, unwatch);
  return true;
}

/** Stops watching a closed connection's credential. */
export function releaseWebSocket(ctx: object): void {
  unwatchOf.get(ctx)?.();
  unwatchOf.delete(ctx);
}
