import type { Plugin } from 'graphql-yoga';
import type { GatewayDeps } from '../context.ts';
import { dependencyRetryAfterSeconds } from '../edge/dependencyOutage.ts';
import { handleMetricsWebhook } from '../webhooks/metricsWebhook.ts';
import { handleMetaWebhook } from '../webhooks/metaWebhook.ts';
import { oauthCallbackPath } from '../oauth/accountConnections.ts';
import { handleOAuthCallback } from '../oauth/oauthCallback.ts';
import { jsonResponse } from './jsonResponse.ts';
import { handleUnsubscribe, unsubscribePath } from './unsubscribeRoute.ts';
import { withinRouteErrorBoundary } from './routeErrorBoundary.ts';

/**
 * The HTTP endpoints beside GraphQL, served by the same yoga server adapter so that `yoga.fetch`
 * reaches them in tests exactly as a platform or a load balancer does over the network. Each answers
 * JSON through one error boundary (routeErrorBoundary.ts).
 */
export function serviceRoutes(deps: GatewayDeps): Plugin {
  const webhookDeps = { db: deps.db, queues: deps.queues, now: deps.now, maxBodyBytes: deps.webhookMaxBodyBytes, log: deps.log };
  const routes: Record<string, (request: Request) => Response | Promise<Response>> = {
    '/healthz': () => jsonResponse(200, { status: 'ok' }),
    '/readyz': async () => {
      const checks = await deps.ready();
      const ok = checks.postgres && checks.redis;
      return jsonResponse(ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', ...checks }, ok ? {} : { 'retry-after': String(dependencyRetryAfterSeconds) });
    },
    '/webhooks/meta': (request) => handleMetaWebhook(request, { ...webhookDeps, meta: deps.meta }),
    '/webhooks/metrics': (request) =>
      request.method === 'POST'
        ? handleMetricsWebhook(request, webhookDeps)
        : jsonResponse(405, { error: 'Use POST for /webhooks/metrics.', code: 'METHOD_NOT_ALLOWED' }, { allow: 'POST' }),
    [oauthCallbackPath]: (request) => handleOAuthCallback(request, deps),
    [unsubscribePath]: (request) => handleUnsubscribe(request, deps),
  };
  return {
    onRequest: async ({ request, url, endResponse }) => {
      const route = routes[url.pathname];
      if (route) endResponse(await withinRouteErrorBoundary(deps.log, () => route(request)));
    },
  };
}
