import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateToLatest } from '@goalpost/db';
import { startLocalPostgres, startLocalRedis } from '@goalpost/devstack';
import { ensureDashboardBuilt } from '../../apps/dashboard/scripts/dashboardBuild.ts';
import { eventually, freePort, startApp } from '../../e2e/support/stackProcess.ts';
import { graphqlClient } from '../../e2e/support/graphqlClient.ts';
import { launchTestBrowser } from '../../e2e/support/browser.ts';

export const machine = () => `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

/**
 * PostgreSQL, Redis, gateway and worker on this machine, without the dashboard: embedded PostgreSQL and
 * redis-server in a temporary folder, gateway and worker as their own processes (`env` added to theirs),
 * migrated. With `token`, the gateway bootstraps the demo workspace that token acts in. Everything stops
 * with `stop()`.
 */
export async function startServerStack(options: { evaluateDebounceMs: number; token?: string; env?: Record<string, string> }) {
  // Inside the repository's state folder, as the tests do: PostgreSQL runs as its own user and must reach it.
  const dataDir = fileURLToPath(new URL(`../../.goalpost/bench-${process.pid}`, import.meta.url));
  const postgres = await startLocalPostgres({ dataDir: join(dataDir, 'postgres'), persistent: false });
  const redis = await startLocalRedis({ persistent: false });
  const db = createDb(postgres.url, { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url, EVALUATE_DEBOUNCE_MS: String(options.evaluateDebounceMs), ...options.env };
  const gateway = startApp('gateway', { ...env, PORT: String(port), ...(options.token ? { GOALPOST_BOOTSTRAP_TOKEN: options.token } : {}) });
  const worker = startApp('worker', env);
  await eventually(async () => ((await fetch(`${baseUrl}/readyz`).catch(() => null))?.ok ? true : undefined), 'the gateway to be ready', 60_000);
  return {
    baseUrl,
    postgresUrl: postgres.url,
    redisUrl: redis.url,
    stop: async () => {
      await Promise.all([gateway.stop(), worker.stop()]);
      await redis.stop();
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The whole stack on this machine for a dashboard benchmark: `startServerStack`, the dashboard's
 * production build, and Debian's Chromium signed in. Everything stops with `stop()`.
 */
export async function startBenchStack(options: { evaluateDebounceMs: number }) {
  await ensureDashboardBuilt((m) => console.log(m));
  const token = 'bench-token-0123456789abcdef';
  const servers = await startServerStack({ ...options, token });
  const { baseUrl } = servers;
  const browser = await launchTestBrowser();
  // Signed in as the dashboard does it: the token in the tab's sessionStorage.
  await browser.page.goto(`${baseUrl}/`);
  await browser.page.evaluate((t) => sessionStorage.setItem('goalpost.token', t), token);
  return {
    baseUrl,
    gql: graphqlClient(baseUrl, token),
    page: browser.page,
    browser,
    stop: async () => {
      await browser.close();
      await servers.stop();
    },
  };
}

export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
