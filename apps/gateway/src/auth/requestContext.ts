import type { Plugin } from 'graphql-yoga';
import type { GatewayContext, GatewayDeps, RequestAuth } from '../context.ts';
import { authenticateRequest } from './authenticateRequest.ts';
import type { RequestCredentials } from './requestCredentials.ts';
import { pubSubWhileCredentialHolds } from './whileCredentialHolds.ts';

/** A request's context: the deps, who calls (see authenticateRequest), and a pub/sub bound to that credential. */
export async function createRequestContext(deps: GatewayDeps, credentials: RequestCredentials): Promise<GatewayContext> {
  const { auth, caller } = await authenticateRequest(deps, credentials);
  return { ...deps, caller, auth, pubsub: pubSubWhileCredentialHolds(deps, auth.identity, caller) };
}

/** Carries the Set-Cookie values a request's resolvers asked for (sign-in, sign-out) onto its response. */
export function responseCookies() {
  const pending = new WeakMap<Request, RequestAuth>();
  const plugin: Plugin = {
    onResponse: ({ request, response }) => {
      for (const cookie of pending.get(request)?.responseCookies ?? []) response.headers.append('set-cookie', cookie);
      // A response that sets the session cookie must never be stored by a shared cache.
      if (pending.get(request)?.responseCookies.length) response.headers.set('cache-control', 'no-store');
    },
  };
  return { plugin, track: (request: Request, auth: RequestAuth) => pending.set(request, auth) };
}
