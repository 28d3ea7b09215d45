import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrateToLatest } from '@goalpost/db';
import { freePort, startLocalPostgres, startLocalRedis, type LocalPostgres, type LocalRedis } from '@goalpost/devstack';
import pg from 'pg';
import { eventually, startApp, type AppProcess } from '../support/stackProcess.ts';
import { graphqlClient } from '../support/graphqlClient.ts';

// PostgreSQL and Redis of this file's own (the run's shared servers must not go down under other files),
// restarted under load while gateway and worker run as processes, as `npm start` and the image run them.
const token = 'survival-token-0123456789abcdef';

interface Answer {
  at: number;
  ms: number;
  /** `ok`: data and no error; `error`: an HTTP answer carrying an error; `network`: no HTTP answer at all. */
  kind: 'ok' | 'error' | 'network' | 'hang';
  status?: number;
}

type Body = { data?: any; errors?: unknown[] };

/** `concurrency` clients sending `query` back to back until stopped; every answer is recorded. */
function load(baseUrl: string, query: string, concurrency: number, served: (body: Body) => boolean) {
  const answers: Answer[] = [];
  let running = true;
  const client = async () => {
    while (running) {
      const at = Date.now();
      try {
        const response = await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await response.json().catch(() => ({}))) as Body;
        const ok = response.ok && !body.errors?.length && served(body);
        answers.push({ at, ms: Date.now() - at, kind: ok ? 'ok' : 'error', status: response.status });
      } catch (error) {
        answers.push({ at, ms: Date.now() - at, kind: (error as Error).name === 'TimeoutError' ? 'hang' : 'network' });
      }
    }
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    answers,
    count: (kind: Answer['kind'], since = 0) => answers.filter((a) => a.kind === kind && a.at >= since).length,
    stop: async () => {
      running = false;
      await Promise.all(clients);
    },
  };
}

describe('gateway and worker survive PostgreSQL and Redis restarts', () => {
  let postgres: LocalPostgres;
  let redis: LocalRedis;
  let redisDir: string;
  let gateway: AppProcess;
  let worker: AppProcess;
  let baseUrl: string;
  let sqlClient: pg.Client;
  let planId: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    redisDir = mkdtempSync(join(tmpdir(), 'goalpost-survival-redis-'));
    [postgres, redis] = await Promise.all([
      startLocalPostgres({ persistent: false }),
      // Append-only, as in production: what BullMQ keeps survives the restart.
      startLocalRedis({ persistent: true, dataDir: redisDir }),
    ]);
    const db = createDb(postgres.url, { max: 1 });
    await migrateToLatest(db);
    await db.destroy();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url, EVALUATE_DEBOUNCE_MS: '50', QUEUE_PREFIX: 'survival', LIVE_NAMESPACE: 'survival' };
    gateway = startApp('gateway', { ...env, PORT: String(port), GOALPOST_BOOTSTRAP_TOKEN: token });
    worker = startApp('worker', env);
    await eventually(async () => ((await fetch(`${baseUrl}/readyz`).catch(() => null))?.ok ? true : undefined), 'the gateway to be ready', 60_000);
    const { plans } = await graphqlClient(baseUrl, token)<any>('{ plans { edges { node { id } } } }');
    planId = plans.edges[0].node.id;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([gateway?.stop(), worker?.stop()]);
    await sqlClient?.end().catch(() => {});
    await Promise.all([postgres?.stop(), redis?.stop()]);
    if (redisDir) rmSync(redisDir, { recursive: true, force: true });
  });

  /** The worker evaluated the plan after `since`: it took the job from Redis and wrote to PostgreSQL. */
  async function workerEvaluatesAfter(since: Date) {
    const gql = graphqlClient(baseUrl, token);
    await eventually(async () => ((await gql<any>(`mutation($id: ID!) { evaluatePlan(id: $id) { __typename ... on EvaluatePlanSuccess { queued } } }`, { id: planId }))
      .evaluatePlan.queued ? true : undefined), 'the gateway to queue an evaluation again', 30_000);
    sqlClient = new pg.Client({ connectionString: postgres.url });
    await sqlClient.connect();
    try {
      await eventually(async () => {
        const { rows } = await sqlClient.query('select max(evaluated_at) as last from key_results');
        return rows[0].last && new Date(rows[0].last) > since ? true : undefined;
      }, 'the worker to evaluate the plan again', 60_000);
    } finally {
      await sqlClient.end();
    }
  }

  const alive = (app: AppProcess) => app.child.exitCode === null && app.child.signalCode === null;

  /** Waits for `check`; a timeout says what the traffic and the processes looked like. */
  async function until(traffic: ReturnType<typeof load>, what: string, check: () => boolean, timeoutMs = 30_000) {
    try {
      await eventually(async () => (check() ? true : undefined), what, timeoutMs);
    } catch (error) {
      const kinds = ['ok', 'error', 'network', 'hang'].map((kind) => `${kind} ${traffic.count(kind as Answer['kind'])}`).join(', ');
      const tail = (app: AppProcess) => `exit ${app.child.exitCode ?? app.child.signalCode ?? 'none'}: ${app.output().slice(-1_500)}`;
      throw new Error(`${(error as Error).message} (answers: ${kinds}; gateway ${tail(gateway)}; worker ${tail(worker)})`);
    }
  }

  it('PostgreSQL stopped and started under concurrent queries: clean errors meanwhile, then service again', async () => {
    const traffic = load(baseUrl, '{ plans { edges { node { id name objectives { title status } } } } }', 8, (body) => body.data?.plans?.edges.length === 1);
    try {
      await until(traffic, 'answers before the outage', () => traffic.count('ok') >= 20);
      const down = Date.now();
      await postgres.stopServer();
      await until(traffic, 'error answers during the outage', () => traffic.count('error', down) >= 20);
      const up = new Date();
      await postgres.startServer();
      await until(traffic, 'answers after the restart', () => traffic.count('ok', up.getTime()) >= 20, 60_000);
      await traffic.stop();

      const outage = traffic.answers.filter((a) => a.at >= down && a.at < up.getTime());
      expect(traffic.count('network')).toBe(0);
      expect(traffic.count('hang')).toBe(0);
      // Failing fast: no answer during the outage took more than 5 s.
      expect(Math.max(...outage.map((a) => a.ms))).toBeLessThan(5_000);
      expect(alive(gateway)).toBe(true);
      expect(alive(worker)).toBe(true);
      await workerEvaluatesAfter(up);
      expect(gateway.output()).not.toMatch(/Unhandled|uncaught/i);
      expect(alive(worker)).toBe(true);
    } finally {
      await traffic.stop();
    }
  }, 180_000);

  it('Redis stopped and started under concurrent mutations that queue work: clean errors meanwhile, then service again', async () => {
    const traffic = load(baseUrl, `mutation { evaluatePlan(id: "${planId}") { __typename ... on EvaluatePlanSuccess { queued } } }`, 4, (body) => body.data?.evaluatePlan?.queued === true);
    try {
      await until(traffic, 'answers before the outage', () => traffic.count('ok') >= 10);
      const down = Date.now();
      await redis.stopServer();
      await until(traffic, 'error answers during the outage', () => traffic.count('error', down) >= 10);
      const up = new Date();
      await redis.startServer();
      await until(traffic, 'answers after the restart', () => traffic.count('ok', up.getTime()) >= 10, 60_000);
      await traffic.stop();

      const outage = traffic.answers.filter((a) => a.at >= down && a.at < up.getTime());
      expect(traffic.count('network')).toBe(0);
      expect(traffic.count('hang')).toBe(0);
      expect(Math.max(...outage.map((a) => a.ms))).toBeLessThan(5_000);
      expect(alive(gateway)).toBe(true);
      expect(alive(worker)).toBe(true);
      await workerEvaluatesAfter(up);
      expect(alive(worker)).toBe(true);
    } finally {
      await traffic.stop();
    }
  }, 180_000);

  it('a gateway started while PostgreSQL is down waits for it, then bootstraps and serves', async () => {
    await postgres.stopServer();
    const port = await freePort();
    const late = startApp('gateway', { ...env, PORT: String(port), GOALPOST_BOOTSTRAP_TOKEN: 'survival-late-token-0123456789' });
    try {
      // Proof that it is waiting rather than gone: its log says it will try again.
      await eventually(async () => (/PostgreSQL is not answering/.test(late.output()) ? true : undefined), 'the gateway to say it waits for PostgreSQL');
      expect(alive(late)).toBe(true);
      await postgres.startServer();
      await eventually(async () => ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok ? true : undefined), 'the late gateway to be ready', 60_000);
      const { plans } = await graphqlClient(`http://127.0.0.1:${port}`, 'survival-late-token-0123456789')<any>('{ plans { edges { node { name } } } }');
      expect(plans.edges).toHaveLength(1);
    } finally {
      await late.stop();
    }
  }, 120_000);
});
