import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { dashboardDir } from './dashboardBuild.ts';

/**
 * `npm run dev -w @goalpost/dashboard`: the Vite dev server with hot reload, proxying /graphql to a
 * gateway. With GOALPOST_GATEWAY_URL set it uses that gateway; otherwise it starts the whole local stack
 * (`npm start`, without building the dashboard) and stops it on Ctrl-C.
 */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
let stack: ChildProcess | undefined;
let gatewayUrl = process.env.GOALPOST_GATEWAY_URL;

if (!gatewayUrl) {
  const port = process.env.PORT ?? '4000';
  gatewayUrl = `http://localhost:${port}`;
  stack = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'packages/devstack/src/cli/start.ts')], {
    cwd: repoRoot, env: { ...process.env, PORT: port, GOALPOST_DASHBOARD_BUILD: 'skip' }, stdio: 'inherit',
  });
  stack.once('exit', (code) => {
    console.error(`The local stack stopped (exit code ${code}); the dev server stops too.`);
    process.exit(code ?? 1);
  });
  const deadline = Date.now() + 120_000;
  while (!(await fetch(`${gatewayUrl}/readyz`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error(`The gateway did not become ready on ${gatewayUrl} within 120 s.`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

process.env.GOALPOST_GATEWAY_URL = gatewayUrl;
const server = await createServer({ root: dashboardDir, configFile: join(dashboardDir, 'vite.config.ts') });
await server.listen();
console.log(`\nDashboard (hot reload): ${server.resolvedUrls?.local[0] ?? 'http://localhost:5173/'}  → GraphQL at ${gatewayUrl}/graphql\nPress Ctrl-C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  if (stack && stack.exitCode === null) {
    stack.removeAllListeners('exit');
    await new Promise<void>((resolve) => {
      stack!.once('exit', () => resolve());
      stack!.kill('SIGINT');
    });
  }
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
