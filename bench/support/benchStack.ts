import { readFileSync, rmSync } from 'node:fs';
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
 * The servers on this machine for a benchmark that needs no browser: embedded PostgreSQL and
 * redis-server in a temporary folder, gateway and worker as their own processes (as `npm start` runs
 * them), a workspace signed in with a bootstrap token. `env` adds to both processes' environment.
 * Everything stops with `stop()`.
 */
export async function startServerStack(options: { evaluateDebounceMs: number; env?: Record<string, string> }) {
  // Inside the repository's state folder, as the tests do: PostgreSQL runs as its own user and must reach it.
  const dataDir = fileURLToPath(new URL(`../../.goalpost/bench-${process.pid}`, import.meta.url));
  const postgres = await startLocalPostgres({ dataDir: join(dataDir, 'postgres'), persistent: false });
  const redis = await startLocalRedis({ persistent: false });
  const db = createDb(postgres.url, { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  const token = 'bench-token-0123456789abcdef';
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROF_DIR=<folder>: gateway and worker write a CPU profile there when they stop (node --cpu-prof).
  const profile: Record<string, string> = process.env.BENCH_CPU_PROF_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}` } : {};
  const env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url, EVALUATE_DEBOUNCE_MS: String(options.evaluateDebounceMs), ...profile, ...options.env };
  const gateway = startApp('gateway', { ...env, PORT: String(port), GOALPOST_BOOTSTRAP_TOKEN: token });
  const worker = startApp('worker', env);
  try {
    await eventually(async () => ((await fetch(`${baseUrl}/readyz`).catch(() => null))?.ok ? true : undefined), 'the gateway to be ready', 60_000);
  } catch (error) {
    await Promise.all([gateway.stop(), worker.stop()]);
    throw error;
  }
  return {
    baseUrl,
    token,
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    gateway,
    worker,
    gql: graphqlClient(baseUrl, token),
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
  const servers = await startServerStack(options);
  const browser = await launchTestBrowser();
  // Signed in as the dashboard does it: the token in the tab's sessionStorage.
  await browser.page.goto(`${servers.baseUrl}/`);
  await browser.page.evaluate((t) => sessionStorage.setItem('goalpost.token', t), servers.token);
  return {
    baseUrl: servers.baseUrl,
    gql: servers.gql,
    page: browser.page,
    browser,
    stop: async () => {
      await browser.close();
      await servers.stop();
    },
  };
}

/** The resident set of a process, in MiB (Linux: /proc). */
export const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** The p-th percentile (0–100) of a sample, nearest rank. */
export const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
