import type { Plugin } from 'graphql-yoga';
import type { GatewayDeps } from '../context.ts';
import { handleMetricsWebhook } from '../webhooks/metricsWebhook.ts';
import { handleMetaWebhook } from '../webhooks/metaWebhook.ts';
import { oauthCallbackPath } from '../oauth/accountConnections.ts';
import { handleOAuthCallback } from '../oauth/oauthCallback.ts';
import { maxImportBytes } from '../schema/importMetrics.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * The HTTP endpoints beside GraphQL, served by the same yoga server adapter so that `yoga.fetch`
 * reaches them in tests exactly as a platform or a load balancer does over the network.
 */
export function serviceRoutes(deps: GatewayDeps): Plugin {
  return {
    onRequest: async ({ request, url, endResponse }) => {
      if (url.pathname === '/healthz') return endResponse(json(200, { status: 'ok' }));
      if (url.pathname === '/readyz') {
        const checks = await deps.ready();
        const ok = checks.postgres && checks.redis;
        return endResponse(json(ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', ...checks }));
      }
      if (url.pathname === '/webhooks/meta') {
        return endResponse(
          await handleMetaWebhook(request, {
            db: deps.db, queues: deps.queues, now: deps.now, maxBodyBytes: deps.webhookMaxBodyBytes, log: deps.log, meta: deps.meta,
          }),
        );
      }
      // Uploads are read whole before GraphQL sees them: refuse an oversized one by its declared length.
      if (url.pathname === '/graphql' && (request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
        const length = Number(request.headers.get('content-length') ?? 0);
        if (length > maxImportBytes + 64 * 1024) {
          return endResponse(json(413, { error: `The upload is larger than ${maxImportBytes} bytes: split the file and import the parts one by one.` }));
        }
      }
      if (url.pathname === oauthCallbackPath) return endResponse(await handleOAuthCallback(request, deps));
      if (url.pathname === '/webhooks/metrics') {
        if (request.method !== 'POST') return endResponse(json(405, { error: 'Use POST for /webhooks/metrics.' }));
        return endResponse(
          await handleMetricsWebhook(request, {
            db: deps.db,
            queues: deps.queues,
            now: deps.now,
            maxBodyBytes: deps.webhookMaxBodyBytes,
            log: deps.log,
          }),
        );
      }
    },
  };
}
