import type { Plugin } from 'graphql-yoga';

/**
 * Whether the gateway is stopping. From the first moment of a shutdown `/readyz` answers 503, before
 * any other check runs, so a load balancer sends no new work while requests in flight finish.
 */
export function createGatewayLifecycle() {
  let stopping = false;
  const readiness: Plugin = {
    onRequest({ url, endResponse }) {
      if (stopping && url.pathname === '/readyz') {
        endResponse(new Response(JSON.stringify({ status: 'stopping' }), { status: 503, headers: { 'content-type': 'application/json' } }));
      }
    },
  };
  return {
    get stopping() {
      return stopping;
    },
    beginShutdown() {
      stopping = true;
    },
    readiness,
  };
}
export type GatewayLifecycle = ReturnType<typeof createGatewayLifecycle>;
