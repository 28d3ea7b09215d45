import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '@goalpost/devstack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasedPlansQuery, dashboardQuery, fragmentFanOutQuery, nestedPlanQuery } from './hostileQueries.ts';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const token = `attack-test-token-${uniquePrefix('t')}`;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let gateway: ChildProcess;
let url: string;
let output = '';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resident memory of the gateway process, from the kernel. */
const rssMiB = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${gateway.pid}/status`, 'utf8'))![1]) / 1024;

const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
};

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // The gateway as `npm start` runs it, with the demo workspace (a plan with history) to attack.
  gateway = spawn(process.execPath, ['--import', 'tsx', 'apps/gateway/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      PORT: String(port),
      GOALPOST_BOOTSTRAP_TOKEN: token,
      QUEUE_PREFIX: uniquePrefix('attack'),
      LIVE_NAMESPACE: uniquePrefix('attack-live'),
      // info: the line saying it listens is the signal it is ready.
      LOG_LEVEL: 'info',
      // This test measures the query limits: the rate limits (rateLimits.test.ts) would refuse the 600th request first.
      RATE_LIMIT_PER_TOKEN: '100000',
      RATE_LIMIT_PER_ADDRESS: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Ready when it says it listens: the demo workspace is bootstrapped before the server starts listening.
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('gateway listening')) resolve();
    };
    gateway.stdout!.on('data', read);
    gateway.stderr!.on('data', read);
    gateway.once('exit', () => reject(new Error(`gateway exited: ${output}`)));
  });
  expect((await fetch(`${url}/readyz`)).ok).toBe(true);
}, 90_000);

afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((resolve) => gateway.once('exit', resolve));
    gateway.kill('SIGTERM');
    await exited;
  }
  await database?.drop();
});

describe('a gateway process under the attacks of the issue', () => {
  it('refuses them all in milliseconds, keeps answering, and does not grow', async () => {
    const plans = await gql('{ plans(first: 1) { edges { node { id } } } }');
    const planId = plans.data.plans.edges[0].node.id as string;
    // Warm: the dashboard and a simple query, so that the measure starts from a gateway that has served.
    for (let i = 0; i < 5; i++) expect((await gql(dashboardQuery, { planId })).errors).toBeUndefined();
    const before = rssMiB();

    const attacks = [nestedPlanQuery(planId), fragmentFanOutQuery(12), aliasedPlansQuery(100)];
    const depth50: number[] = [];
    for (let round = 0; round < 20; round++) {
      const started = performance.now();
      const deep = await gql(attacks[0]!);
      depth50.push(performance.now() - started);
      expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
      // The three at once, ten times over, with a simple query among them.
      const burst = await Promise.all([...Array.from({ length: 10 }, () => attacks).flat().map((q) => gql(q)), gql('{ viewer { workspaceId } }')]);
      expect(burst.at(-1)!.data.viewer.workspaceId).toBeTruthy();
      expect(burst.slice(0, -1).every((r) => r.errors?.[0]?.extensions?.code?.startsWith('QUERY_TOO'))).toBe(true);
    }
    const after = rssMiB();
    const sorted = [...depth50].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.info(`gateway RSS before the attacks ${before.toFixed(1)} MiB, after 620 refused attack requests ${after.toFixed(1)} MiB; depth-50 refused in median ${median.toFixed(1)} ms (fastest ${sorted[0]!.toFixed(1)}, slowest ${sorted.at(-1)!.toFixed(1)}) over HTTP`);
    expect(median).toBeLessThan(100);
    expect(after - before).toBeLessThan(100);
    expect(gateway.exitCode).toBeNull();
  }, 120_000);
});
