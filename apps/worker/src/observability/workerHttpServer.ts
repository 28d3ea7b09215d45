import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import type { Registry } from 'prom-client';
import { queueDashboardPath } from './queueDashboardPath.ts';

export interface WorkerHttpOptions {
  registry: Registry;
  /** PostgreSQL and Redis reachable; `stopping` once a shutdown began. */
  readiness: () => Promise<{ stopping: boolean; postgres: boolean; redis: boolean }>;
  metricsToken?: string | undefined;
  /** The queue dashboard, when an operator token is set: made at its first request (see workerObservability). */
  dashboard?: (() => Promise<Hono>) | undefined;
}

/** The worker's HTTP endpoints: /healthz (alive), /readyz (503 when PostgreSQL or Redis is away, or while stopping), /metrics, the queue dashboard. */
export function workerHttpApp(options: WorkerHttpOptions): Hono {
  // strict: false: /admin/queues/ is the dashboard too.
  const app = new Hono({ strict: false });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const { stopping, postgres, redis } = await options.readiness();
    if (stopping) return c.json({ status: 'stopping', postgres, redis }, 503);
    const ready = postgres && redis;
    return c.json({ status: ready ? 'ready' : 'not ready', postgres, redis }, ready ? 200 : 503);
  });
  if (options.metricsToken) app.use('/metrics', bearerAuth({ token: options.metricsToken }));
  app.get('/metrics', async (c) => c.body(await options.registry.metrics(), 200, { 'content-type': options.registry.contentType }));
  if (options.dashboard) {
    const dashboard = options.dashboard;
    let routed: Promise<Hono> | undefined;
    // The board under its path, as app.route(queueDashboardPath, board) mounts it; a failed import is tried again.
    const routedBoard = () => (routed ??= dashboard().then(
      (board) => new Hono({ strict: false }).route(queueDashboardPath, board),
      (error: unknown) => { routed = undefined; throw error; },
    ));
    const serve = async (c: Context) => (await routedBoard()).fetch(c.req.raw, c.env);
    app.all(queueDashboardPath, serve);
    app.all(`${queueDashboardPath}/*`, serve);
  }
  else {
    app.all(`${queueDashboardPath}/*`, (c) => c.json({ error: 'The queue dashboard is off: set OPERATOR_TOKEN on the worker to serve it.' }, 404));
  }
  app.notFound((c) => c.json({ error: `Nothing at ${c.req.path}: the worker serves /healthz, /readyz, /metrics and ${queueDashboardPath}.` }, 404));
  return app;
}

/** Listens on `port` (0: a free one); resolves once listening, rejects with a sentence when the port is taken. */
export function listenWorkerHttp(app: Hono, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port }, (info) => resolve({ server, port: info.port }));
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`WORKER_PORT ${port} is taken: set WORKER_PORT to a free port (0 picks one).`) : error),
    );
  });
}
