// What can be checked of the Docker image without a Docker engine (`npm run check:image`, ~30–60 s):
// 1. the Dockerfile copies every workspace manifest before installing;
// 2. its production install (the `deps` stage's RUN line, read from the Dockerfile) runs in an empty
//    temporary folder holding exactly the files its COPY lines name, with the build stage's dist/, whose
//    processes import GraphiQL, Bull Board, nodemailer and undici only on demand;
// 3. from that folder, as the image runs them: the migrations, then gateway and worker against a
//    PostgreSQL and a Redis of this script's own; both healthchecks pass (the commands of
//    docker-compose.yml), the gateway answers GraphQL with the demo token and the worker fills in the
//    demo's metrics. Everything started is stopped and the folder deleted, pass or fail.
// Not checked here: the base image, the `node` user's permissions, Docker's own healthcheck scheduling.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { freePort, startLocalPostgres, startLocalRedis } from '@goalpost/devstack';

const started = Date.now();
const say = (message) => console.log(`• ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const fail = (message) => {
  throw new Error(message);
};

/** The Dockerfile's instructions per stage: `{ stage: [{ op, args }] }`, continuation lines joined. */
function stagesOf(dockerfile) {
  const stages = {};
  let current;
  for (const line of dockerfile.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      const base = rest[0];
      current = / AS /i.test(args) ? args.split(/ AS /i)[1].trim() : 'final';
      stages[current] = [...(stages[base] ?? [])];
      continue;
    }
    stages[current]?.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

const stages = stagesOf(readFileSync('Dockerfile', 'utf8'));
const copies = stages.deps.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from')).map((i) => i.args.split(/\s+/));
const install = stages.deps.filter((i) => i.op === 'RUN').at(-1)?.args ?? fail('The Dockerfile has no RUN in its deps stage.');
const copied = copies.flatMap((parts) => parts.slice(0, -1));
const workspaces = JSON.parse(readFileSync('package.json', 'utf8')).workspaces
  .flatMap((w) => (w.endsWith('/*') ? readdirSync(w.slice(0, -2)).map((n) => `${w.slice(0, -2)}/${n}`) : [w]))
  .filter((dir) => existsSync(`${dir}/package.json`));
const missing = workspaces.map((dir) => `${dir}/package.json`).filter((file) => !copied.includes(file));
if (missing.length) fail(`The Dockerfile installs without ${missing.join(', ')}: add a COPY line for each before npm ci.`);
say(`Dockerfile copies ${copied.length} manifests (every workspace's) and installs with: ${install}`);

const folder = mkdtempSync(join(tmpdir(), 'goalpost-image-'));
const processes = [];
let postgres;
let redis;
try {
  for (const parts of copies) {
    const destination = parts.at(-1);
    for (const source of parts.slice(0, -1)) {
      const target = destination.endsWith('/') ? join(folder, destination, source.split('/').at(-1)) : join(folder, destination);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(source, target);
    }
  }
  const installed = spawnSync('sh', ['-c', install], { cwd: folder, stdio: ['ignore', 'inherit', 'inherit'] });
  if (installed.status !== 0) fail(`The image's install step failed (exit code ${installed.status}).`);
  const nested = readdirSync(folder, { recursive: true }).filter((p) => p.endsWith('node_modules') && !p.startsWith('node_modules'));
  if (nested.length) fail(`The install put packages beside workspaces (${nested.join(', ')}), where dist/ cannot import them.`);
  say('production install done');

  const bundled = spawnSync(process.execPath, ['scripts/bundle.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (bundled.status !== 0) fail('scripts/bundle.mjs failed.');
  cpSync('dist', join(folder, 'dist'), { recursive: true });
  say('dist/ built and copied');
  // What idle does not need is imported on demand (BENCHMARKS.md, idle memory): never by a process's
  // static import graph, which every start loads.
  const onDemand = ['@graphql-yoga/render-graphiql', '@bull-board/', 'nodemailer', 'undici'];
  const staticImports = (file, seen = new Set()) => {
    if (seen.has(file)) return [];
    seen.add(file);
    const specifiers = [...readFileSync(join('dist', file), 'utf8').matchAll(/^import\b[^'"]*?"([^"]+)"/gm)].map((m) => m[1]);
    return specifiers.flatMap((s) => (s.startsWith('./') ? staticImports(s.slice(2), seen) : [s]));
  };
  for (const app of ['gateway', 'worker']) {
    const eager = staticImports(`${app}.bundle.js`).filter((s) => onDemand.some((lazy) => s.startsWith(lazy)));
    if (eager.length) fail(`dist/${app}.bundle.js imports at start what it should import on demand: ${[...new Set(eager)].join(', ')}.`);
  }
  say(`neither process imports ${onDemand.join(', ')} at start`);
  // The build stage's dashboard, where the image puts it (DASHBOARD_DIR).
  const dashboardBuilt = spawnSync('npm', ['run', 'build', '-w', '@goalpost/dashboard'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (dashboardBuilt.status !== 0) fail('The dashboard build failed.');
  cpSync('apps/dashboard/dist', join(folder, 'dashboard'), { recursive: true });
  say('dashboard built and copied');

  [postgres, redis] = await Promise.all([startLocalPostgres({ persistent: false }), startLocalRedis({ persistent: false })]);
  const port = await freePort();
  const token = 'image-check-token-0123456789';
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    PORT: String(port),
    GOALPOST_BOOTSTRAP_TOKEN: token,
    LOG_LEVEL: 'warn',
    WORKER_PORT: '0',
    DASHBOARD_DIR: join(folder, 'dashboard'),
  };
  const run = (args) => spawnSync(process.execPath, args, { cwd: folder, env, encoding: 'utf8' });
  const migrated = run(['dist/migrate.js']);
  if (migrated.status !== 0) fail(`dist/migrate.js failed: ${migrated.stderr || migrated.stdout}`);
  say(`migrations: ${migrated.stdout.trim().slice(0, 80)}…`);

  for (const app of ['gateway', 'worker']) {
    const child = spawn(process.execPath, [`dist/${app}.js`], { cwd: folder, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    processes.push({ app, child, output: () => output });
  }
  const until = async (what, check, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const dead = processes.find((p) => p.child.exitCode !== null);
      if (dead) fail(`The ${dead.app} exited (code ${dead.child.exitCode}): ${dead.output().slice(-2_000)}`);
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) fail(`Timed out waiting for ${what}: ${processes.map((p) => `${p.app}: ${p.output().slice(-800)}`).join('\n')}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  // The healthcheck commands of docker-compose.yml, with this run's port.
  const compose = readFileSync('docker-compose.yml', 'utf8');
  const gatewayCheck = /fetch\('http:\/\/127\.0\.0\.1:4000\/readyz'\)[^"]*/.exec(compose)?.[0] ?? fail('docker-compose.yml has no gateway healthcheck.');
  if (!compose.includes('"node", "dist/worker-healthcheck.js"')) fail('docker-compose.yml has no worker healthcheck.');
  await until('GET /healthz', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok);
  await until('the gateway healthcheck', async () => run(['-e', gatewayCheck.replace(':4000/', `:${port}/`)]).status === 0);
  say('gateway: /healthz 200, healthcheck (/readyz) passes');
  await until('the worker healthcheck', async () => run(['dist/worker-healthcheck.js']).status === 0);
  say('worker: healthcheck passes');

  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ plans { edges { node { name } } } }' }),
  });
  const body = await response.json();
  if (body.data?.plans?.edges?.length !== 1) fail(`GraphQL did not answer the demo plan: ${JSON.stringify(body)}`);
  const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: 'text/html' } });
  if (!page.ok || !(await page.text()).includes('<div id="root"')) fail(`The gateway did not serve the dashboard at / (HTTP ${page.status}).`);
  const sql = new pg.Client({ connectionString: postgres.url });
  await sql.connect();
  try {
    await until('the worker to store demo metrics', async () => (await sql.query('select count(*)::int as n from metric_points')).rows[0].n > 0);
  } finally {
    await sql.end();
  }
  say('GraphQL answers the demo plan, the dashboard is served at /; the worker stored the demo metrics');
  console.log(`The image's install and start steps work (${((Date.now() - started) / 1000).toFixed(0)} s).`);
} catch (error) {
  console.error(`Image check failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await Promise.all(processes.map(({ child }) => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  })));
  await Promise.all([redis?.stop(), postgres?.stop()]);
  rmSync(folder, { recursive: true, force: true });
}
