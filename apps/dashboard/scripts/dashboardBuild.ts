import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The dashboard workspace's folder and its production build's entry. */
export const dashboardDir = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = join(dashboardDir, 'dist', 'index.html');
const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(dashboardDir, p));

function newestChange(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), info.mtimeMs);
}

/** Whether dist/ is missing or older than any source of the dashboard. */
export function dashboardBuildIsStale(): boolean {
  const built = statSync(builtIndex, { throwIfNoEntry: false });
  return !built || sources.some((source) => newestChange(source) > built.mtimeMs);
}

/**
 * Builds the dashboard with Vite when its build is missing or older than its sources; says whether it
 * built. One build at a time across processes (`npm start` and the browser tests may both ask): a lock
 * folder beside dist/, and whoever waited for it checks again before building.
 */
export async function ensureDashboardBuilt(onProgress: (message: string) => void = () => {}): Promise<boolean> {
  if (!dashboardBuildIsStale()) return false;
  const lock = join(dashboardDir, '.build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      // A lock left by a build that died: no build takes five minutes.
      if (held && Date.now() - held.mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Another dashboard build holds ${lock}; remove it if no build is running.`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!dashboardBuildIsStale()) return false;
    onProgress('Building the dashboard (its sources changed since the last build)…');
    const { build } = await import('vite');
    // Vite and its React plugin follow NODE_ENV over the mode: started from vitest (NODE_ENV=test), they
    // would build React's development bundle with source paths in it. A build is the production one.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: dashboardDir, configFile: join(dashboardDir, 'vite.config.ts'), logLevel: 'warn' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
