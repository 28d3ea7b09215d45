import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { bearerTokenMatches } from './bearerTokenMatches.ts';

/** Paths reported as themselves in `route`; any other is `other`, so a scanner cannot grow the series. */
const knownRoutes = new Set([
  '/', '/graphql', '/graphql/stream', '/graphiql', '/healthz', '/readyz', '/metrics', '/webhooks/metrics', '/webhooks/meta', '/oauth/callback',
]);
const reportRoute = /^\/reports\/plans\/.+\.(pdf|csv)$/;
const routeOf = (pathname: string) => {
  if (knownRoutes.has(pathname)) return pathname;
  if (pathname.startsWith('/graphiql/')) return '/graphiql/assets';
  // Reports by format, whatever the plan: one series each.
  const report = reportRoute.exec(pathname);
  return report ? `/reports/plans/{planId}.${report[1]}` : 'other';
};

export interface GatewayMetricsOptions {
  /** When set, `/metrics` asks for `Authorization: Bearer <token>`. */
  token?: string | undefined;
}

/**
 * Prometheus metrics of one gateway, served at `/metrics` on the gateway's port: GraphQL operations
 * (parse, validate, execute, subscribe durations and errors per operation) through yoga's maintained
 * plugin, every HTTP request by route and status (webhooks and health checks included, which the
 * plugin does not see), and the process (prom-client's default metrics). A registry of its own, so
 * that two gateways in one process (tests) count apart.
 */
export function gatewayMetrics(options: GatewayMetricsOptions = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'goalpost_http_request_duration_seconds',
    help: 'HTTP requests by route and status: time to the response head (for SSE, the stream opening)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const startedAt = new WeakMap<Request, number>();

  const httpRequests: Plugin = {
    onRequest({ request, url, endResponse }) {
      startedAt.set(request, performance.now());
      if (url.pathname !== '/metrics') return;
      if (options.token && !bearerTokenMatches(request.headers.get('authorization'), options.token)) {
        return endResponse(new Response('Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.\n', { status: 401, headers: { 'www-authenticate': 'Bearer' } }));
      }
      return registry.metrics().then((body) => endResponse(new Response(body, { headers: { 'content-type': registry.contentType } })));
    },
    onResponse({ request, response }) {
      const start = startedAt.get(request);
      if (start === undefined) return;
      const route = routeOf(new URL(request.url).pathname);
      httpDuration.observe({ method: request.method, route, status: String(response.status) }, (performance.now() - start) / 1000);
    },
  };

  return {
    registry,
    plugins: [
      httpRequests,
      usePrometheus({
        registry,
        // Served above, behind the optional token.
        endpoint: false,
        // The full URL (query string included) would make a series per request.
        labels: { url: false },
        // Histograms give the same quantiles at a fraction of a summary's cost per observation.
        metrics: { graphql_envelop_request_time_summary: false },
      }),
    ] satisfies Plugin[],
  };
}
