import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidSettingsError } from '@goalpost/settings';
import { readGatewayEnv, type GatewayEnv } from './env.ts';
import { createGatewayDeps } from './gatewayDeps.ts';
import { createGateway } from './yoga.ts';
import { findSocialAccounts } from '@goalpost/db';
import { queueAccountFetch } from './accounts/queueAccountFetch.ts';
import { bootstrapDemoWorkspace } from './bootstrap/bootstrapDemoWorkspace.ts';
import { retryWithBackoff } from './bootstrap/retryWithBackoff.ts';
import { trackHttpResponses } from './lifecycle/httpServerShutdown.ts';

let env: GatewayEnv;
try {
  env = readGatewayEnv();
} catch (error) {
  console.error(error instanceof InvalidSettingsError ? error.message : error);
  process.exit(1);
}
const deps = createGatewayDeps({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  queuePrefix: env.QUEUE_PREFIX,
  liveNamespace: env.LIVE_NAMESPACE,
  evaluateDebounceMs: env.EVALUATE_DEBOUNCE_MS,
  webhookMaxBodyBytes: env.WEBHOOK_MAX_BODY_BYTES,
  logLevel: env.LOG_LEVEL,
  meta: { appSecret: env.META_APP_SECRET, verifyToken: env.META_VERIFY_TOKEN },
  credentialKeys: env.CREDENTIALS_KEYS,
  oauthClients: env.oauthClients,
  publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  oauthReturnUrl: env.OAUTH_RETURN_URL,
  outboundAllowHttp: env.OUTBOUND_ALLOW_HTTP,
  auth: {
    signUpEnabled: env.SIGN_UP_ENABLED === 'true' || env.SIGN_UP_ENABLED === '1',
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
    invitationTtlHours: env.INVITATION_TTL_HOURS,
    invitationUrl: env.INVITATION_URL,
    signInMaxFailures: env.SIGN_IN_MAX_FAILURES,
    signInMaxFailuresPerAddress: env.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
    signInLockoutMinutes: env.SIGN_IN_LOCKOUT_MINUTES,
    signUpMaxPerAddress: env.SIGN_UP_MAX_PER_ADDRESS,
    signUpWindowMinutes: env.SIGN_UP_WINDOW_MINUTES,
    appOrigins: env.APP_ORIGINS,
  },
});

if (env.GOALPOST_BOOTSTRAP_TOKEN) {
  const token = env.GOALPOST_BOOTSTRAP_TOKEN;
  const demoUser = env.GOALPOST_DEMO_PASSWORD ? { email: env.GOALPOST_DEMO_EMAIL, password: env.GOALPOST_DEMO_PASSWORD } : undefined;
  // PostgreSQL may not answer yet (starting, restarting): wait for it rather than exit.
  const demo = await retryWithBackoff(
    () => bootstrapDemoWorkspace(deps.db, { token, today: new Date().toISOString().slice(0, 10), demoUser }),
    (err, delayMs) => deps.log.warn({ err }, `PostgreSQL is not answering; creating the demo workspace again in ${delayMs} ms`),
  );
  deps.log.info({ workspaceId: demo.workspaceId, created: demo.created }, 'demo workspace ready');
  // A year of demo history now, rather than at the worker's next hourly refresh.
  for (const account of await findSocialAccounts(deps.db, demo.workspaceId, demo.accountIds)) {
    await queueAccountFetch(deps, account, new Date(), 'connect');
  }
}

const gateway = createGateway(deps, { edge: env.edge, corsOrigins: env.CORS_ORIGINS, metricsToken: env.METRICS_TOKEN, dashboardDir: env.DASHBOARD_DIR });
const server = createServer(gateway.yoga);
const closeServer = trackHttpResponses(server);
const closeWebSockets = gateway.attachWebSockets(server);
server.listen(env.PORT, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  deps.log.info(
    { port, metrics: env.METRICS_TOKEN ? 'bearer token' : 'open', cors: env.CORS_ORIGINS.length ? env.CORS_ORIGINS : 'same origin only' },
    `gateway listening on http://localhost:${port}/graphql (GraphiQL at /graphiql, metrics at /metrics)`,
  );
});

let stopping = false;
/**
 * SIGTERM: /readyz says 503 at once; after SHUTDOWN_DRAIN_MS (time for a load balancer to notice)
 * WebSockets are closed (1001, clients reconnect elsewhere), SSE streams cut, and requests in flight
 * get SHUTDOWN_TIMEOUT_MS to finish before their connections are cut too. Then yoga, Redis and
 * PostgreSQL are released. A watchdog exits anyway if any of that hangs.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const startedAt = Date.now();
  gateway.lifecycle.beginShutdown();
  deps.log.info({ signal, drainMs: env.SHUTDOWN_DRAIN_MS, timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'gateway stopping: /readyz now answers 503');
  setTimeout(() => {
    deps.log.error({ afterMs: Date.now() - startedAt }, 'gateway did not stop in time; exiting anyway');
    process.exit(1);
  }, env.SHUTDOWN_DRAIN_MS + env.SHUTDOWN_TIMEOUT_MS + 5_000).unref();

  await sleep(env.SHUTDOWN_DRAIN_MS);
  const deadline = Date.now() + env.SHUTDOWN_TIMEOUT_MS;
  const [{ streamsEnded, cut }] = await Promise.all([closeServer(deadline), closeWebSockets()]);
  if (cut > 0) deps.log.warn({ cut, timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'requests still running at the shutdown deadline were cut');
  await gateway.yoga.dispose();
  await deps.close();
  deps.log.info({ streamsEnded, tookMs: Date.now() - startedAt }, 'gateway stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
