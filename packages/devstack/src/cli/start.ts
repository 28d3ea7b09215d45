import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { portIsFree } from '../freePort.ts';
import { startLocalPostgres, type LocalPostgres } from '../localPostgres.ts';
import { startLocalRedis, type LocalRedis } from '../localRedis.ts';
import { startMailCatcher, type MailCatcher } from '../mailCatcher.ts';
import { superviseProcess, type SupervisedProcess } from '../supervisedProcess.ts';
import { takeStartLock } from './startLock.ts';

// `npm start`: the whole stack on this machine, with a demo workspace. Gateway and worker are restarted
// when they crash; PostgreSQL and Redis stay up meanwhile. Ctrl-C stops all of it, in order.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
// Data, secrets and the lock of this checkout's stack (tests point it at a folder of their own).
const stateDir = resolve(process.env.GOALPOST_STATE_DIR || `${root}.goalpost`);
const step = (message: string) => console.log(`• ${message}`);

let postgres: LocalPostgres | undefined;
let redis: LocalRedis | undefined;
let mail: MailCatcher | undefined;
let lock: { release(): void } | undefined;
const apps: SupervisedProcess[] = [];
let stopping = false;

async function stop(code: number, why?: string) {
  if (stopping) return;
  stopping = true;
  if (why) console.error(why);
  if (apps.length) step('Stopping gateway and worker…');
  await Promise.all(apps.map((app) => app.stop()));
  await mail?.close();
  if (redis) { step('Stopping Redis…'); await redis.stop(); }
  if (postgres) { step('Stopping PostgreSQL…'); await postgres.stop(); }
  lock?.release();
  process.exit(code);
}
// PostgreSQL, Redis, gateway and worker run in process groups of their own: a Ctrl-C reaches this CLI
// only, which stops them in order (apps first, so that they never see their databases vanish).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

/** Runs the database migrations (the db package's CLI) against `databaseUrl`; throws with its output. */
function migrate(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/db/src/cli/migrate.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`The database migrations failed (${output.trim() || `exit code ${code}`}): fix what that names, then run npm start again.`))));
  });
}

try {
  mkdirSync(stateDir, { recursive: true });
  lock = takeStartLock(stateDir);
  const port = process.env.PORT || '4000';
  if (!(await portIsFree(Number(port)))) {
    throw new Error(`Port ${port} is taken by another program: stop it, or start on another port (PORT=4001 npm start).`);
  }
  const databaseUrl = process.env.DATABASE_URL ||
    (postgres = await startLocalPostgres({ dataDir: `${stateDir}/postgres`, persistent: true, detached: true, onProgress: step })).url;
  const redisUrl = process.env.REDIS_URL ||
    (redis = await startLocalRedis({ dataDir: `${stateDir}/redis`, persistent: true, detached: true, onProgress: step })).url;
  step('Applying database migrations…');
  await migrate(databaseUrl);

  /** A secret made once and kept in the state directory, so restarts reuse it. */
  const keptSecret = (name: string, make: () => string) => {
    const file = `${stateDir}/${name}`;
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const fresh = make();
    writeFileSync(file, fresh, { mode: 0o600 });
    return fresh;
  };
  const token = process.env.GOALPOST_BOOTSTRAP_TOKEN || keptSecret('bootstrap-token', () => `gp_${randomBytes(24).toString('base64url')}`);
  // Connector credentials sealed with this key must stay readable across restarts: it is kept, never regenerated.
  const credentialsKeys = process.env.CREDENTIALS_KEYS || keptSecret('credentials-keys', () => `local1:${randomBytes(32).toString('base64')}`);
  // The worker's notifications link back to the dashboard at the gateway's origin.
  const publicUrl = process.env.PUBLIC_URL || `http://localhost:${port}`;
  // The demo owner's sign-in (the bootstrap token is theirs too), kept like the token.
  const demoEmail = process.env.GOALPOST_DEMO_EMAIL || 'demo@goalpost.local';
  const demoPassword = process.env.GOALPOST_DEMO_PASSWORD || keptSecret('demo-password', () => randomBytes(18).toString('base64url'));
  // Without SMTP_URL, e-mail goes to a local catcher with an inbox page: the demo shows its mail (the
  // weekly digest among it) without credentials. With SMTP_URL, real delivery.
  if (!process.env.SMTP_URL) mail = await startMailCatcher();
  const env = {
    ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PORT: port, GOALPOST_BOOTSTRAP_TOKEN: token, CREDENTIALS_KEYS: credentialsKeys,
    GOALPOST_DEMO_EMAIL: demoEmail, GOALPOST_DEMO_PASSWORD: demoPassword, PUBLIC_URL: publicUrl,
    ...(mail && { SMTP_URL: mail.smtpUrl }),
  };
  // The gateway serves the dashboard's build at `/`: build it first when its sources changed.
  spawnSync(process.execPath, ['--import', 'tsx', 'apps/dashboard/scripts/ensureBuilt.ts'], { cwd: root, env, stdio: 'inherit' });
  for (const app of ['gateway', 'worker'] as const) {
    apps.push(superviseProcess({
      name: app,
      command: process.execPath,
      args: ['--import', 'tsx', `apps/${app}/src/main.ts`],
      cwd: root,
      env,
      onLine: (line, stream) => (stream === 'stdout' ? console.log : console.error)(`[${app}] ${line}`),
      onSpawn: (pid) => step(`The ${app} runs as pid ${pid}.`),
      onRestart: (message) => console.error(`• ${message}`),
    }));
  }
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  while (!(await fetch(`${url}/readyz`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error(`The gateway did not become ready on ${url} within 120 s: its log lines above say why.`);
    await new Promise((r) => setTimeout(r, 300));
  }
  // The demo plan's id, for a ready-to-run digest command (the first plan the token sees).
  const demoPlanId = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ plans(first: 1) { edges { node { id } } } }' }),
  }).then(async (r) => ((await r.json()) as { data?: { plans?: { edges?: { node: { id: string } }[] } } }).data?.plans?.edges?.[0]?.node.id, () => undefined);
  console.log(`
Goalpost is running.
  Dashboard: ${url}/   (sign in with the e-mail and password below, or choose "Use an API token")
  GraphQL:  ${url}/graphql   (GraphiQL in a browser)
  Token:    ${token}
  Sign in:  ${demoEmail} / ${demoPassword}   (the dashboard's sign-in; the signIn mutation's session cookie works in GraphiQL too)
  Mail:     ${mail ? `${mail.inboxUrl}   (SMTP_URL is unset: every e-mail lands in this local inbox, the demo plan's weekly digest too)` : 'sent through SMTP_URL'}
${demoPlanId ? `  Digest:   curl -s ${url}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${token}' \\
              -d '{"query":"mutation { sendPlanDigest(id: \\"${demoPlanId}\\") { ... on SendPlanDigestSuccess { isoWeek queued } } }"}'   (this week's digest of the demo plan, once a week; preview: Plan.digest)
` : ''}  Try:      curl -s ${url}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${token}' \\
              -d '{"query":"{ plans { edges { node { name objectives { title status keyResults { metric current target status } } } } } }"}'
Press Ctrl-C to stop everything.`);
} catch (error) {
  await stop(1, `Goalpost could not start. ${error instanceof Error ? error.message : String(error)}`);
}
