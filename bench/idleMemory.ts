// `npm run bench -- idleMemory [idleSeconds] [rounds]`: resident memory of the gateway and the worker at
// rest, against a bare `node:http` server measured in the same run (idleSeconds 60 by default). One PostgreSQL and one Redis for
// everything; the apps run the two ways they run for real, one pair at a time:
//   - image: `node dist/<app>.js` with NODE_ENV=production, the esbuild bundle of
//     scripts/bundle.mjs (what the Dockerfile's CMD and docker-compose.yml run);
//   - npm start: `node --import tsx apps/<app>/src/main.ts` (packages/devstack/src/cli/start.ts).
// Each pair starts with the demo workspace (GOALPOST_BOOTSTRAP_TOKEN, as both do), waits for both
// /readyz, then reads VmRSS from /proc/<pid>/status 2 s after ready ("after start") and once a second
// over the last quarter of the idle time ("idle", the median). The wait matters: V8's memory reducer
// gives back the young generation (32 MB after start) only some 10–30 s after the start's allocations
// stop. The heap used comes from each process's own /metrics (prom-client's
// nodejs_heap_size_used_bytes), read after the RSS so the scrape is not counted in it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, migrateToLatest } from '@goalpost/db';
import { freePort, startLocalPostgres, startLocalRedis } from '@goalpost/devstack';
import { machine, median } from './support/benchStack.ts';

const idleSeconds = Number(process.argv[2] ?? 60);
const rounds = Number(process.argv[3] ?? 1);
const root = fileURLToPath(new URL('..', import.meta.url));
const MiB = 2 ** 20;
const quarter = Math.max(1, Math.round(idleSeconds / 4));

interface Running {
  name: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

function run(name: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return {
    name,
    child,
    output: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** VmRSS of a process and of every process it started (tsx's esbuild service, for one), in bytes. */
function residentBytes(pid: number): { own: number; children: number } {
  const rss = (p: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  const descendants = (p: number): number[] => {
    let kids: number[] = [];
    try {
      kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
    return kids.flatMap((k) => [k, ...descendants(k)]);
  };
  return { own: rss(pid), children: descendants(pid).reduce((sum, p) => sum + (() => { try { return rss(p); } catch { return 0; } })(), 0) };
}

const heapUsedOf = async (url: string) => {
  const text = await (await fetch(url)).text();
  return Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? NaN);
};

async function until(what: string, processes: Running[], check: () => Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = processes.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`The ${dead.name} exited (code ${dead.child.exitCode}): ${dead.output().slice(-2_000)}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${processes.map((p) => `${p.name}: ${p.output().slice(-800)}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Sample { what: string; startRss: number; rss: number; children: number; heapUsed: number }

/** Starts `targets`, waits until each answers `ready`, idles, samples, stops them. */
async function measure(targets: { name: string; args: string[]; env: Record<string, string>; ready: string; heap: string }[]): Promise<Sample[]> {
  const running = targets.map((t) => run(t.name, t.args, t.env));
  try {
    for (const [i, t] of targets.entries()) await until(`${t.name} ${t.ready}`, running, async () => (await fetch(t.ready)).ok && running[i]!.child.exitCode === null);
    const samples: { own: number; children: number }[][] = targets.map(() => []);
    let atStart: number[] = [];
    for (let s = 1; s <= idleSeconds; s++) {
      await new Promise((r) => setTimeout(r, 1000));
      if (s === 2) atStart = running.map((p) => residentBytes(p.child.pid!).own);
      if (s > idleSeconds - quarter) running.forEach((p, i) => samples[i]!.push(residentBytes(p.child.pid!)));
    }
    const heaps = await Promise.all(targets.map((t) => heapUsedOf(t.heap)));
    return targets.map((t, i) => ({
      what: t.name,
      startRss: atStart[i]!,
      rss: median(samples[i]!.map((x) => x.own)),
      children: median(samples[i]!.map((x) => x.children)),
      heapUsed: heaps[i]!,
    }));
  } finally {
    await Promise.all(running.map((p) => p.stop()));
  }
}

// A bare server, with the same /metrics figure as the apps, for the floor of a Node process.
const baselineSource = `
const http = require('node:http');
http.createServer((req, res) => {
  if (req.url === '/metrics') return res.end('nodejs_heap_size_used_bytes ' + process.memoryUsage().heapUsed + '\\n');
  res.end('ok');
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

console.log(`Machine: ${machine()}. Idle ${idleSeconds} s per process, RSS sampled over the last ${quarter} s (median).`);
const bundled = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (bundled.status !== 0) throw new Error('scripts/bundle.mjs failed');
const dataDir = join(root, `.goalpost/bench-${process.pid}`);
const postgres = await startLocalPostgres({ dataDir: join(dataDir, 'postgres'), persistent: false });
const redis = await startLocalRedis({ persistent: false });
try {
  const db = createDb(postgres.url, { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  const ways: { way: string; env: Record<string, string>; args: (app: string) => string[] }[] = [
    { way: 'image', env: { NODE_ENV: 'production' }, args: (app: string) => [`dist/${app}.js`] },
    { way: 'npm start', env: {}, args: (app: string) => ['--import', 'tsx', `apps/${app}/src/main.ts`] },
  ];
  const results: Sample[][] = [];
  for (let round = 0; round < rounds; round++) {
    const rows: Sample[] = [];
    const basePort = await freePort();
    rows.push(...(await measure([{ name: 'baseline', args: ['-e', baselineSource], env: { PORT: String(basePort) }, ready: `http://127.0.0.1:${basePort}/`, heap: `http://127.0.0.1:${basePort}/metrics` }])));
    for (const { way, env, args } of ways) {
      const [port, workerPort] = [await freePort(), await freePort()];
      const common = { ...env, DATABASE_URL: postgres.url, REDIS_URL: redis.url, GOALPOST_BOOTSTRAP_TOKEN: 'bench-idle-token-0123456789abcdef' };
      rows.push(...(await measure([
        { name: `gateway (${way})`, args: args('gateway'), env: { ...common, PORT: String(port) }, ready: `http://127.0.0.1:${port}/readyz`, heap: `http://127.0.0.1:${port}/metrics` },
        { name: `worker (${way})`, args: args('worker'), env: { ...common, WORKER_PORT: String(workerPort) }, ready: `http://127.0.0.1:${workerPort}/readyz`, heap: `http://127.0.0.1:${workerPort}/metrics` },
      ])));
    }
    results.push(rows);
  }
  const mb = (bytes: number) => (bytes / MiB).toFixed(1);
  console.log('\n| process | RSS after start (MiB) | RSS idle (MiB) | heap used idle (MiB) | idle RSS ÷ baseline | children RSS (MiB) |\n|---|---|---|---|---|---|');
  for (const rows of results) {
    const base = rows[0]!.rss;
    for (const r of rows) console.log(`| ${r.what} | ${mb(r.startRss)} | ${mb(r.rss)} | ${mb(r.heapUsed)} | ${(r.rss / base).toFixed(2)}× | ${r.children ? mb(r.children) : '–'} |`);
  }
} finally {
  await redis.stop();
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
