import { createTestDatabase, testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import { ensureDashboardBuilt } from '../../apps/dashboard/scripts/dashboardBuild.ts';
import { eventually, freePort, startApp, type AppProcess } from './stackProcess.ts';
import { graphqlClient } from './graphqlClient.ts';

/**
 * The real stack for browser tests: a fresh database, the run's Redis, gateway and worker as their own
 * processes (as `npm start` runs them), the dashboard's production build served by the gateway at `/`.
 */
export async function startDashboardStack(token: string, extraEnv: Record<string, string> = {}) {
  await ensureDashboardBuilt((m) => console.log(m));
  const database = await createTestDatabase();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: uniquePrefix('browser'),
    LIVE_NAMESPACE: uniquePrefix('browser-live'),
    EVALUATE_DEBOUNCE_MS: '50',
    ...extraEnv,
  };
  const gateway: AppProcess = startApp('gateway', { ...env, PORT: String(port), GOALPOST_BOOTSTRAP_TOKEN: token });
  const worker: AppProcess = startApp('worker', env);
  await eventually(async () => ((await fetch(`${baseUrl}/readyz`).catch(() => null))?.ok ? true : undefined), 'the gateway to be ready', 60_000);
  return {
    baseUrl,
    gql: graphqlClient(baseUrl, token),
    output: () => `${gateway.output()}\n${worker.output()}`,
    stop: async () => {
      await Promise.all([gateway.stop(), worker.stop()]);
      await database.drop();
    },
  };
}
