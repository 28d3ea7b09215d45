import { createServer } from 'node:http';
import { readGatewayEnv } from './env.ts';
import { createGatewayDeps } from './gatewayDeps.ts';
import { createGateway } from './yoga.ts';
import { findSocialAccounts } from '@goalpost/db';
import { queueAccountFetch } from './accounts/queueAccountFetch.ts';
import { bootstrapDemoWorkspace } from './bootstrap/bootstrapDemoWorkspace.ts';

const env = readGatewayEnv();
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
  auth: {
    signUpEnabled: env.SIGN_UP_ENABLED,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
    invitationTtlHours: env.INVITATION_TTL_HOURS,
    invitationUrl: env.INVITATION_URL,
    signInMaxFailures: env.SIGN_IN_MAX_FAILURES,
    signInMaxFailuresPerAddress: env.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
    signInLockoutMinutes: env.SIGN_IN_LOCKOUT_MINUTES,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    appOrigins: env.APP_ORIGINS,
  },
});

if (env.GOALPOST_BOOTSTRAP_TOKEN) {
  const demoUser = env.GOALPOST_DEMO_PASSWORD ? { email: env.GOALPOST_DEMO_EMAIL, password: env.GOALPOST_DEMO_PASSWORD } : undefined;
  const demo = await bootstrapDemoWorkspace(deps.db, { token: env.GOALPOST_BOOTSTRAP_TOKEN, today: new Date().toISOString().slice(0, 10), demoUser });
  deps.log.info({ workspaceId: demo.workspaceId, created: demo.created }, 'demo workspace ready');
  // A year of demo history now, rather than at the worker's next hourly refresh.
  for (const account of await findSocialAccounts(deps.db, demo.workspaceId, demo.accountIds)) {
    await queueAccountFetch(deps, account, new Date(), 'connect');
  }
}

const gateway = createGateway(deps);
const server = createServer(gateway.yoga);
const closeWebSockets = gateway.attachWebSockets(server);
server.listen(env.PORT, () => deps.log.info(`gateway listening on http://localhost:${env.PORT}/graphql`));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  deps.log.info({ signal }, 'gateway stopping');
  // Stop taking requests first, then release connections.
  await closeWebSockets();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.yoga.dispose();
  await deps.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
