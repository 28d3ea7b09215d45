// Benchmark (issue #11): the dashboard's plan query (apps/gateway/test/dashboardPlan.ts) at 10, 50 and 200
// objectives × 3 key results with 90 days of points each: SQL statements per query, and queries/s with 4
// concurrent clients against (a) the gateway process and (b) the same JSON answer served from memory by a
// plain node:http server (bench/support/fromMemoryServer.ts), on the same machine, in the same run.
// Target: ≥ 0.25× the baseline at 50 objectives.
// `npm run bench -- dashboardQuery [seconds=8] [rounds=3] [--sizes=10,50,200] [--profile]`. Starts and stops its
// own stack; --profile writes the gateway's CPU profile (node --cpu-prof) to .goalpost/bench-profiles/ when it
// stops (seeding included: read the samples of the measuring seconds at its end).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, insertApiToken, insertMember, insertUser, insertWorkspace } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { hashApiToken } from '../apps/gateway/src/auth/apiTokenHash.ts';
import { createGatewayDeps } from '../apps/gateway/src/gatewayDeps.ts';
import { createGateway } from '../apps/gateway/src/yoga.ts';
import { dashboardQuery, seedAccounts, seedPlan, type Gql } from '../apps/gateway/test/dashboardPlan.ts';
import { statementCounter } from '../apps/gateway/test/statementCounter.ts';
import { machine, startServerStack } from './support/benchStack.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const seconds = Number(args[0] ?? 8);
const rounds = Number(args[1] ?? 3);
const profile = process.argv.includes('--profile');
const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length) ?? '10,50,200').split(',').map(Number);
const clients = 4;
const token = 'bench-dashboard-token-0123456789';
const profileDir = fileURLToPath(new URL('../.goalpost/bench-profiles', import.meta.url));
if (profile) mkdirSync(profileDir, { recursive: true });

const stack = await startServerStack({
  evaluateDebounceMs: 0,
  // Four clients ask far more than a person does: the per-token and per-address limits would answer 429.
  env: { RATE_LIMIT_PER_TOKEN: '0', RATE_LIMIT_PER_ADDRESS: '0', ...(profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}) },
});
const baselines: { stop: () => Promise<void> }[] = [];
try {
  // A workspace of its own (no demo accounts in its scopes), two members to own things, a token to act.
  const db = createDb(stack.databaseUrl, { max: 1 });
  const workspace = await insertWorkspace(db, 'Dashboard benchmark');
  await insertApiToken(db, workspace.id, hashApiToken(token), 'bench');
  const memberIds: string[] = [];
  for (const name of ['Ana', 'Ben']) {
    const user = await insertUser(db, { email: `${name.toLowerCase()}@bench.test`, name, passwordHash: 'not-a-hash' });
    memberIds.push(encodeGlobalID('Member', (await insertMember(db, workspace.id, user!.id, 'EDITOR')).id));
  }
  await db.destroy();

  const gql: Gql = async (query, variables = {}) => {
    const response = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, { __typename?: string } | null>; errors?: unknown };
    const failed = Object.values(body.data ?? {}).find((payload) => /Error$|Refused$/.test(payload?.__typename ?? ''));
    if (body.errors || failed) throw new Error(JSON.stringify(body));
    return body.data;
  };
  const now = new Date();
  console.log('Seeding through the API…');
  const accounts = await seedAccounts(gql, now, memberIds);
  const plans = new Map<number, string>();
  for (const size of sizes) plans.set(size, await seedPlan(gql, now, accounts, size));
  for (const id of plans.values()) await gql(`mutation($id: ID!) { evaluatePlan(id: $id) { __typename } }`, { id });
  for (const [size, id] of plans) {
    const deadline = Date.now() + 300_000;
    for (;;) {
      type Evaluated = { plan: { goals: { objectives: { keyResults: { evaluatedAt: string | null }[] }[] }[] } };
      const answer = (await gql(`query($id: ID!) { plan(id: $id) { goals { objectives { keyResults { evaluatedAt } } } } }`, { id })) as Evaluated;
      if (answer.plan.goals.every((g) => g.objectives.every((o) => o.keyResults.every((k) => k.evaluatedAt)))) break;
      if (Date.now() > deadline) throw new Error(`The ${size}-objective plan was not evaluated within 300 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  // Statements per query: the same gateway code in this process, on the same database, its db counted.
  const counter = statementCounter();
  const deps = createGatewayDeps({
    databaseUrl: stack.databaseUrl, redisUrl: stack.redisUrl, queuePrefix: 'bench-count', liveNamespace: 'bench-count', evaluateDebounceMs: 0,
    webhookMaxBodyBytes: 1_048_576, logLevel: 'silent', publicUrl: 'http://gateway.bench',
  });
  deps.db = deps.db.withPlugin(counter.plugin);
  const counting = createGateway(deps);
  const statements = new Map<number, number>();
  for (const [size, id] of plans) {
    const ask = async () => (await counting.fetch('http://gateway.bench/graphql', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: dashboardQuery, variables: { id } }),
    })).json();
    await ask();
    statements.set(size, (await counter.during(ask)).statements.length);
  }
  await counting.yoga.dispose();
  await deps.close();

  /** CPU seconds (user + system) a process has used so far (Linux: /proc, clock ticks of 1/100 s). */
  const cpuSeconds = (pid: number) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const gatewayPid = stack.gateway.child.pid!;

  /** Completed queries per second of `clients` loops asking `url` for `seconds`, after a one-second warm-up, and the gateway's CPU ms per query meanwhile. */
  async function throughput(url: string, body: string, headers: Record<string, string>): Promise<{ perSecond: number; gatewayCpuMs: number }> {
    const ask = async () => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const answer = (await response.json()) as { data?: { plan?: unknown } };
      if (!response.ok || !answer.data?.plan) throw new Error(`bad answer from ${url}: ${response.status}`);
    };
    const run = async (ms: number) => {
      let done = 0;
      const until = performance.now() + ms;
      const started = performance.now();
      await Promise.all(Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          await ask();
          done += 1;
        }
      }));
      return done / ((performance.now() - started) / 1000);
    };
    await run(1000);
    const cpuBefore = cpuSeconds(gatewayPid);
    const started = performance.now();
    const perSecond = await run(seconds * 1000);
    const queries = perSecond * ((performance.now() - started) / 1000);
    return { perSecond, gatewayCpuMs: ((cpuSeconds(gatewayPid) - cpuBefore) * 1000) / queries };
  }

  /** The baseline: the gateway's own answer, as bytes, served from memory by a plain node:http server. */
  async function fromMemory(answer: string): Promise<{ url: string; stop: () => Promise<void> }> {
    const file = join(mkdtempSync(join(tmpdir(), 'goalpost-bench-')), 'answer.json');
    writeFileSync(file, answer);
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./support/fromMemoryServer.ts', import.meta.url)), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /listening (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`the from-memory server exited (${code})`)));
    });
    const server = {
      url: `http://127.0.0.1:${port}/graphql`,
      stop: () => new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    };
    baselines.push(server);
    child.once('exit', () => rmSync(dirname(file), { recursive: true, force: true }));
    return server;
  }

  console.log(`Machine: ${machine()}. ${now.toISOString().slice(0, 10)}.`);
  console.log(`Dashboard query, ${clients} concurrent clients, ${seconds} s per measure after a 1 s warm-up, ${rounds} round(s) at 50 objectives, 1 at 10 and 200.`);
  // The gateway's CPU per query does not depend on how busy the shared machine is, as queries/s do.
  console.log('| objectives | key results | SQL statements per query | answer (KiB) | gateway q/s | from memory (node:http) q/s | ratio | gateway CPU ms per query |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [size, id] of plans) {
    const body = JSON.stringify({ query: dashboardQuery, variables: { id } });
    const answer = await (await fetch(`${stack.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).text();
    const baseline = await fromMemory(answer);
    for (let round = 0; round < (size === 50 ? rounds : 1); round++) {
      const project = await throughput(`${stack.baseUrl}/graphql`, body, { authorization: `Bearer ${token}` });
      const floor = await throughput(baseline.url, body, {});
      console.log(`| ${size} | ${size * 3} | ${statements.get(size)} | ${Math.round(Buffer.byteLength(answer) / 1024)} | ${project.perSecond.toFixed(1)} | ${floor.perSecond.toFixed(1)} | ${(project.perSecond / floor.perSecond).toFixed(3)} | ${project.gatewayCpuMs.toFixed(0)} |`);
    }
    await baseline.stop();
  }
  if (profile) console.log(`The gateway's CPU profile is written to ${profileDir} when it stops.`);
} finally {
  await Promise.all(baselines.map((b) => b.stop()));
  await stack.stop();
}
